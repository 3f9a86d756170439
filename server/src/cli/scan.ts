import * as fs from 'fs';
import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { LineMap } from '../core/lineMap';
import { nodeFileSystem } from '../glossary/fileSystem';
import { analyzeDocument } from '../core/mentions';
import { spellingHints } from '../core/spelling';
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

/** The largest file `scan` and `check` read (the server's default document size limit). */
export const MAX_SCAN_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Files to read: each file argument, and below each folder argument the files the workspace index would read (of a
 * supported language; not in hidden, dependency or build folders, nor ignored by a .gitignore; regular files only,
 * following no folder twice), in name order. What is left out for another reason than these rules is noted on stderr.
 */
export function expandPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg, { throwIfNoEntry: false });
    } catch (error) {
      log(`${arg}: not scanned: ${(error as Error).message}`);
      continue;
    }
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
 * core's lexer, as the workspace index finds them (an editor's open document uses tree-sitter). A file that cannot be
 * read or analysed is named on stderr and counted in `failed`; the others are still scanned.
 */
export async function scanFiles(
  glossary: Glossary,
  files: readonly string[],
  mode: 'mentions' | 'hints',
): Promise<{ findings: Finding[]; failed: number }> {
  let failed = 0;
  const findings: Finding[] = [];
  for (const file of files) {
    const languageId = languageOfPath(file)!;
    // Non-blocking, regular files only, size checked before reading: a FIFO or /dev/zero named *.md is refused.
    const read = nodeFileSystem.readTextFile(file, MAX_SCAN_FILE_BYTES);
    if ('refused' in read) {
      log(`${file}: not scanned: ${read.refused}`);
      continue;
    }
    const text = read.text;
    try {
      findings.push(...findingsOf(glossary, file, languageId, text, mode));
    } catch (error) {
      failed++;
      log(`${file}: not scanned: ${(error as Error).message}`);
    }
  }
  return { findings, failed };
}

function findingsOf(
  glossary: Glossary,
  file: string,
  languageId: string,
  text: string,
  mode: 'mentions' | 'hints',
): Finding[] {
  const findings: Finding[] = [];
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
  return findings;
}
