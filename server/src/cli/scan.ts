import * as fs from 'fs';
import * as path from 'path';
import { NOTEBOOK_EXTENSIONS } from '../../shared/languages';
import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { LineMap } from '../core/lineMap';
import { analyzeDocument } from '../core/mentions';
import { notebookCells } from '../core/notebookCells';
import { spellingHints } from '../core/spelling';
import { TreeSitterComments } from '../treeSitterComments';
import { log } from './context';

export interface Finding {
  file: string;
  line: number; // 1-based
  column: number; // 1-based, UTF-16
  /** Where the mention ends (1-based line, 1-based column just past its last character). */
  endLine: number;
  endColumn: number;
  surface: string;
  termIds: readonly string[];
  /** For `check`: what the glossary writes instead, and why. */
  hint?: { kind: 'non-canonical' | 'deprecated'; replacement: string };
}

/** What was read: the files, and the findings in them. */
export interface ScanResult {
  findings: Finding[];
  filesRead: number;
}

export function isNotebook(file: string): boolean {
  return NOTEBOOK_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(`.${extension}`));
}

/** Files to read: each argument, or the supported files below it when it is a folder (skipping build output). */
export function expandPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) log(`${p}: no such file or folder`);
    else if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort())
        if (!entry.startsWith('.') && entry !== 'node_modules' && entry !== 'dist') walk(path.join(p, entry));
    } else if (languageOfPath(p) || isNotebook(p)) files.push(p);
  };
  for (const arg of args) walk(arg);
  return files;
}

/** A piece of a file to analyse: the whole file, or one cell of a notebook with its characters' offsets in the file. */
interface Part {
  languageId: string;
  text: string;
  fileOffsetOf: (offset: number) => number;
}

/** Mentions (or, for `check`, spelling and deprecation findings) of every file, with exact comments from tree-sitter. */
export async function scanFiles(
  glossary: Glossary,
  files: readonly string[],
  mode: 'mentions' | 'hints',
): Promise<ScanResult> {
  const wasmDir = TreeSitterComments.findWasmDir(__dirname);
  const treeSitter = wasmDir ? new TreeSitterComments(wasmDir, log, () => undefined) : undefined;
  const findings: Finding[] = [];
  let filesRead = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      log(`${file}: ${(error as Error).message}`);
      continue;
    }
    let parts: Part[];
    if (isNotebook(file)) {
      try {
        parts = notebookCells(text).map((cell) => ({
          languageId: cell.languageId,
          text: cell.text,
          fileOffsetOf: (offset) =>
            offset < cell.fileOffsets.length ? cell.fileOffsets[offset] : cell.fileOffsets[offset - 1] + 1,
        }));
      } catch (error) {
        log(`${file}: ${(error as Error).message}`);
        continue;
      }
    } else parts = [{ languageId: languageOfPath(file)!, text, fileOffsetOf: (offset) => offset }];
    filesRead++;
    const lines = new LineMap(text);
    const at = (offset: number) => {
      const { line, character } = lines.positionAt(offset);
      return { line: line + 1, column: character + 1 };
    };
    const span = (part: Part, start: number, end: number) => {
      const from = at(part.fileOffsetOf(start));
      const to = at(part.fileOffsetOf(end - 1) + 1);
      return { ...from, endLine: to.line, endColumn: to.column };
    };
    for (const part of parts) {
      await treeSitter?.load(part.languageId);
      const { mentions } = analyzeDocument(glossary, part.languageId, part.text, treeSitter?.parse);
      if (mode === 'mentions') {
        for (const m of mentions)
          findings.push({
            file,
            ...span(part, m.start, m.end),
            surface: part.text.slice(m.start, m.end).replace(/\s+/g, ' '),
            termIds: m.termIds,
          });
      } else {
        for (const h of spellingHints(glossary, part.text, mentions, { nonCanonical: true, deprecated: true })) {
          findings.push({
            file,
            ...span(part, h.start, h.end),
            surface: part.text.slice(h.start, h.end).replace(/\s+/g, ' '),
            termIds: [h.termId],
            hint: { kind: h.kind, replacement: h.replacement },
          });
        }
      }
    }
  }
  return { findings, filesRead };
}
