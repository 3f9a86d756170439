import { Node as JsonNode, ParseError, parseTree } from 'jsonc-parser/lib/esm/main.js'; // the ES module build: the UMD one requires its parts dynamically, which bundlers cannot follow
import { canonicalLanguageId } from './languages';

/** One cell of a notebook file, decoded, with the offset in the file of each character of its text. */
export interface NotebookCell {
  /** `markdown` for Markdown cells; the notebook's language (`python`) for code cells. */
  languageId: string;
  text: string;
  /** fileOffsets[i] is where text[i] is written in the file (inside a JSON string, escapes counted). */
  fileOffsets: Int32Array;
}

/**
 * The Markdown and code cells of a Jupyter notebook (.ipynb, nbformat 4), read from its JSON with the position of
 * every character, so findings in a cell are reported at their line and column in the file. Raw cells are skipped.
 * Throws on text that is not a notebook.
 */
export function notebookCells(json: string): NotebookCell[] {
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0 || root.type !== 'object')
    throw new Error(`not a notebook: invalid JSON at offset ${errors[0]?.offset ?? 0}`);
  const cells = property(root, 'cells');
  if (cells?.type !== 'array') throw new Error('not a notebook: no "cells" array');
  const metadata = property(root, 'metadata');
  const language =
    stringOf(property(property(metadata, 'kernelspec'), 'language')) ??
    stringOf(property(property(metadata, 'language_info'), 'name')) ??
    'python';
  const out: NotebookCell[] = [];
  for (const cell of cells.children ?? []) {
    const kind = stringOf(property(cell, 'cell_type'));
    if (kind !== 'markdown' && kind !== 'code') continue;
    const source = property(cell, 'source');
    const parts = source?.type === 'array' ? (source.children ?? []) : source ? [source] : [];
    let text = '';
    const offsets: number[] = [];
    for (const part of parts) {
      if (part.type !== 'string') continue;
      const decoded = decodeString(json, part.offset, part.length);
      text += decoded.text;
      offsets.push(...decoded.offsets);
    }
    out.push({
      languageId: kind === 'markdown' ? 'markdown' : canonicalLanguageId(language),
      text,
      fileOffsets: Int32Array.from(offsets),
    });
  }
  return out;
}

function property(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  const pair = node.children?.find((p) => p.children?.[0]?.value === key);
  return pair?.children?.[1];
}

function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/' };

/** A JSON string literal at [offset, offset + length) of json, decoded, with each character's offset in json. */
function decodeString(json: string, offset: number, length: number): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  const end = offset + length - 1;
  for (let i = offset + 1; i < end; i++) {
    const ch = json[i];
    if (ch !== '\\') {
      text += ch;
      offsets.push(i);
    } else if (json[i + 1] === 'u') {
      text += String.fromCharCode(parseInt(json.slice(i + 2, i + 6), 16));
      offsets.push(i);
      i += 5;
    } else {
      text += ESCAPES[json[i + 1]] ?? json[i + 1];
      offsets.push(i);
      i++;
    }
  }
  return { text, offsets };
}
