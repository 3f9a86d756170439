import * as fs from 'fs';
import { NOTEBOOK_EXTENSIONS } from '../../shared/languages';
import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { LineMap } from '../core/lineMap';
import { analyzeDocument } from '../core/mentions';
import { notebookCells } from '../core/notebookCells';
import { knobHints } from '../core/knobHints';
import { spellingHints } from '../core/spelling';
import { nodeFileSystem } from '../glossary/fileSystem';
import { listIndexableFiles } from '../workspaceFiles';
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
  hint?: CheckHint;
}

/** A term written differently or deprecated, or a knob or metric name removed, deprecated or too new. */
export type CheckHint =
  | { kind: 'non-canonical' | 'deprecated'; replacement: string }
  | { kind: 'knob-removed' | 'knob-deprecated' | 'knob-too-new'; message: string; replacement?: string };

/** What a scan found, how many files it read, and how many it could not analyse. */
export interface ScanResult {
  findings: Finding[];
  filesRead: number;
  failed: number;
}

/** The largest file `scan` and `check` read (the server's default document size limit). */
export const MAX_SCAN_FILE_BYTES = 5 * 1024 * 1024;

export function isNotebook(file: string): boolean {
  return NOTEBOOK_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(`.${extension}`));
}

/**
 * Files to read: each file argument, and below each folder argument the files the workspace index would read (of a
 * supported language, or notebooks; not in hidden, dependency or build folders, nor ignored by a .gitignore; regular
 * files only, following no folder twice), in name order. What is left out for another reason is noted on stderr;
 * `missing` counts the arguments that name nothing (or nothing that can be looked at).
 */
export function expandPaths(args: readonly string[]): string[] & { missing: number } {
  const files: string[] & { missing: number } = Object.assign([], { missing: 0 });
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg, { throwIfNoEntry: false });
    } catch (error) {
      log(`${arg}: not scanned: ${(error as Error).message}`);
      files.missing++;
      continue;
    }
    if (!stat) {
      log(`${arg}: no such file or folder`);
      files.missing++;
    } else if (stat.isDirectory()) {
      const listed = listIndexableFiles(nodeFileSystem, arg, [], (name) => !!languageOfPath(name) || isNotebook(name));
      for (const note of listed.notes) log(note);
      files.push(...listed.files.sort());
    } else if (languageOfPath(arg) || isNotebook(arg)) files.push(arg);
  }
  return files;
}

/** A piece of a file to analyse: the whole file, or one cell of a notebook with its characters' offsets in the file. */
interface Part {
  languageId: string;
  text: string;
  fileOffsetOf: (offset: number) => number;
}

/** The parts of a file: a notebook's Markdown and code cells, or else the whole file in the language of its name. */
function partsOf(file: string, text: string): Part[] {
  if (!isNotebook(file)) return [{ languageId: languageOfPath(file)!, text, fileOffsetOf: (offset) => offset }];
  return notebookCells(text).map((cell) => ({
    languageId: cell.languageId,
    text: cell.text,
    fileOffsetOf: (offset) =>
      offset < cell.fileOffsets.length ? cell.fileOffsets[offset] : cell.fileOffsets[offset - 1] + 1,
  }));
}

/**
 * Mentions (or, for `check`, spelling and deprecation findings) of every file, found as the editor finds them. A
 * file that cannot be read or analysed is named on stderr and counted in `failed`; the others are still scanned.
 */
export async function scanFiles(
  glossary: Glossary,
  files: readonly string[],
  mode: 'mentions' | 'hints',
  /** For `check`: the engine versions the files target ({ vllm: '0.11' }), as the editor's engineVersions. */
  engineVersions: Readonly<Record<string, string>> = {},
): Promise<ScanResult> {
  let failed = 0;
  let filesRead = 0;
  const findings: Finding[] = [];
  for (const file of files) {
    // Non-blocking, regular files only, size checked before reading: a FIFO or /dev/zero named *.md is refused.
    const read = nodeFileSystem.readTextFile(file, MAX_SCAN_FILE_BYTES);
    if ('refused' in read) {
      log(`${file}: not scanned: ${read.refused}`);
      continue;
    }
    try {
      const parts = partsOf(file, read.text);
      findings.push(...findingsOf(glossary, file, read.text, parts, mode, engineVersions));
      filesRead++;
    } catch (error) {
      failed++;
      log(`${file}: not scanned: ${(error as Error).message}`);
    }
  }
  return { findings, filesRead, failed };
}

function findingsOf(
  glossary: Glossary,
  file: string,
  text: string,
  parts: readonly Part[],
  mode: 'mentions' | 'hints',
  engineVersions: Readonly<Record<string, string>>,
): Finding[] {
  const findings: Finding[] = [];
  const lines = new LineMap(text);
  const at = (offset: number) => {
    const { line, character } = lines.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  };
  const span = (part: Part, start: number, end: number) => {
    const to = at(part.fileOffsetOf(end - 1) + 1);
    return { ...at(part.fileOffsetOf(start)), endLine: to.line, endColumn: to.column };
  };
  for (const part of parts) {
    const { mentions } = analyzeDocument(glossary, part.languageId, part.text);
    if (mode === 'mentions') {
      for (const m of mentions) {
        const start = m.extendsFrom ?? m.start;
        findings.push({
          file,
          ...span(part, start, m.end),
          surface: part.text.slice(start, m.end).replace(/\s+/g, ' '),
          termIds: m.termIds,
        });
      }
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
      for (const h of knobHints(part.text, mentions, engineVersions, (e) => glossary.engineTitle(e))) {
        findings.push({
          file,
          ...span(part, h.start, h.end),
          surface: part.text.slice(h.start, h.end),
          termIds: mentions.find((m) => m.start === h.start)?.termIds ?? [],
          hint: { kind: `knob-${h.kind}`, message: h.message, replacement: h.replacement },
        });
      }
    }
  }
  return mode === 'hints' ? findings.sort((a, b) => a.line - b.line || a.column - b.column) : findings;
}
