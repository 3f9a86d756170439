import * as fs from 'fs';
import * as path from 'path';
import { NOTEBOOK_EXTENSIONS } from '../../shared/languages';
import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { LineMap } from '../core/lineMap';
import { analyzeDocument } from '../core/mentions';
import { notebookCells } from '../core/notebookCells';
import type { CommentParser } from '../core/regions';
import { spellingHints } from '../core/spelling';
import { nodeFileSystem } from '../glossary/fileSystem';
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
 * Files to read: each argument, or the supported regular files below it when it is a folder (skipping build output
 * and hidden folders, following no folder twice, so symbolic link loops end). FIFOs, devices and sockets below a
 * folder are skipped with a note on stderr; named on the command line, they are refused when read.
 */
export function expandPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (p: string, named: boolean) => {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(p, { throwIfNoEntry: false });
    } catch (error) {
      return log(`${p}: not scanned: ${(error as Error).message}`);
    }
    if (!stat) log(`${p}: no such file or folder`);
    else if (stat.isDirectory()) {
      let real: string;
      let entries: string[];
      try {
        real = fs.realpathSync(p);
        if (seen.has(real)) return;
        seen.add(real);
        entries = fs.readdirSync(p).sort();
      } catch (error) {
        return log(`${p}: not scanned: ${(error as Error).message}`);
      }
      for (const entry of entries)
        if (!entry.startsWith('.') && entry !== 'node_modules' && entry !== 'dist') walk(path.join(p, entry), false);
    } else if (!languageOfPath(p) && !isNotebook(p)) return;
    else if (named || stat.isFile()) files.push(p);
    else log(`${p}: not scanned: not a regular file (a FIFO, device or socket)`);
  };
  for (const arg of args) walk(arg, true);
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
 * Mentions (or, for `check`, spelling and deprecation findings) of every file, with exact comments from tree-sitter.
 * A file that cannot be read or analysed is named on stderr and counted in `failed`; the others are still scanned.
 */
export async function scanFiles(
  glossary: Glossary,
  files: readonly string[],
  mode: 'mentions' | 'hints',
): Promise<ScanResult> {
  let failed = 0;
  let filesRead = 0;
  const wasmDir = TreeSitterComments.findWasmDir(__dirname);
  const treeSitter = wasmDir ? new TreeSitterComments(wasmDir, log, () => undefined) : undefined;
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
      for (const part of parts) await treeSitter?.load(part.languageId);
      findings.push(...findingsOf(glossary, file, read.text, parts, mode, treeSitter?.parse));
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
  parseComments: CommentParser | undefined,
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
    const { mentions } = analyzeDocument(glossary, part.languageId, part.text, parseComments);
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
    }
  }
  return findings;
}
