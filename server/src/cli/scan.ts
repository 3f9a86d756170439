import * as fs from 'fs';
import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { LineMap } from '../core/lineMap';
import { analyzeDocument } from '../core/mentions';
import { spellingHints } from '../core/spelling';
import { nodeFileSystem } from '../glossary/fileSystem';
import { listIndexableFiles } from '../workspaceFiles';
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

/**
 * Files to read: each file argument, and below each folder argument the files the workspace index would read (of a
 * supported language; not in hidden, dependency or build folders, nor ignored by a .gitignore), in name order.
 */
export function expandPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const stat = fs.statSync(arg, { throwIfNoEntry: false });
    if (!stat) log(`${arg}: no such file or folder`);
    else if (stat.isDirectory()) {
      const listed = listIndexableFiles(nodeFileSystem, arg);
      for (const note of listed.notes) log(note);
      files.push(...listed.files.sort());
    } else if (languageOfPath(arg)) files.push(arg);
  }
  return files;
}

/**
 * Mentions (or, for `check`, spelling and deprecation findings) of every file. Comments of code are found by the
 * core's lexer, as the workspace index finds them (an editor's open document uses tree-sitter).
 */
export async function scanFiles(
  glossary: Glossary,
  files: readonly string[],
  mode: 'mentions' | 'hints',
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of files) {
    const languageId = languageOfPath(file)!;
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
    const { mentions } = analyzeDocument(glossary, languageId, text);
    if (mode === 'mentions') {
      for (const m of mentions)
        findings.push({
          file,
          ...at(m.start),
          surface: text.slice(m.start, m.end).replace(/\s+/g, ' '),
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
