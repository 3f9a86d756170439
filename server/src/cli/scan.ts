import * as fs from 'fs';
import * as path from 'path';
import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { LineMap } from '../core/lineMap';
import { analyzeDocument } from '../core/mentions';
import { spellingHints } from '../core/spelling';
import { TreeSitterComments } from '../treeSitterComments';
import { log } from './context';

export interface Finding {
  file: string;
  line: number; // 1-based
  column: number; // 1-based, UTF-16
  surface: string;
  termIds: readonly string[];
  /** For `check`: what the glossary writes instead, and why. */
  hint?: { kind: 'non-canonical' | 'deprecated'; replacement: string };
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
    } else if (languageOfPath(p)) files.push(p);
  };
  for (const arg of args) walk(arg);
  return files;
}

/** Mentions (or, for `check`, spelling and deprecation findings) of every file, with exact comments from tree-sitter. */
export async function scanFiles(
  glossary: Glossary,
  files: readonly string[],
  mode: 'mentions' | 'hints',
): Promise<Finding[]> {
  const wasmDir = TreeSitterComments.findWasmDir(__dirname);
  const treeSitter = wasmDir ? new TreeSitterComments(wasmDir, log, () => undefined) : undefined;
  const findings: Finding[] = [];
  for (const file of files) {
    const languageId = languageOfPath(file)!;
    await treeSitter?.load(languageId);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      log(`${file}: ${(error as Error).message}`);
      continue;
    }
    const lines = new LineMap(text);
    const at = (offset: number) => {
      const { line, character } = lines.positionAt(offset);
      return { line: line + 1, column: character + 1 };
    };
    const { mentions } = analyzeDocument(glossary, languageId, text, treeSitter?.parse);
    if (mode === 'mentions') {
      for (const m of mentions)
        findings.push({
          file,
          ...at(m.extendsFrom ?? m.start),
          surface: text.slice(m.extendsFrom ?? m.start, m.end).replace(/\s+/g, ' '),
          termIds: m.termIds,
        });
    } else {
      for (const h of spellingHints(glossary, text, mentions, { nonCanonical: true, deprecated: true })) {
        findings.push({
          file,
          ...at(h.start),
          surface: text.slice(h.start, h.end).replace(/\s+/g, ' '),
          termIds: [h.termId],
          hint: { kind: h.kind, replacement: h.replacement },
        });
      }
    }
  }
  return findings;
}
