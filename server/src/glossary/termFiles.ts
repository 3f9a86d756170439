import * as path from 'path';
import { URI } from 'vscode-uri';
import { looksLikeTermFile, Problem } from '../core/frontMatter';
import type { GlossaryFile } from '../core/lint';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';

export const MAX_TERM_FILE_BYTES = 512 * 1024;
export const MAX_TERM_FILES_PER_LAYER = 50_000;
export const MAX_FOLDER_DEPTH = 8;
export const MAX_FOLDERS_PER_LAYER = 10_000;

/**
 * File texts by path with the modification time they were read at: unchanged files are not read again. A file that
 * is not a term file keeps no text, only that it was skipped.
 */
export type TextCache = Map<string, { size: number; mtimeMs: number; text: string; skipped?: true }>;

export interface TermFilesRead {
  files: GlossaryFile[];
  /** Files that could not be read, with the reason, as problems of those files. */
  unreadable: Map<string, Problem>;
  /** What was skipped and why (folders too deep, the file cap): said once in the log and the status bar, never silent. */
  notes: string[];
}

/**
 * The term files of every layer as text (an open editor buffer wins over the disk), the files that could not
 * be read with the reason, and notes on anything left out.
 */
export function readTermFiles(
  fileSystem: FileSystem,
  layers: readonly GlossaryLayer[],
  openBuffers: ReadonlyMap<string, string> = new Map(),
  textCache?: TextCache,
): TermFilesRead {
  const files: GlossaryFile[] = [];
  const unreadable = new Map<string, Problem>();
  const notes: string[] = [];
  const listed = new Set<string>();
  for (const layer of layers) {
    let skipped = 0;
    for (const file of listMarkdownFiles(fileSystem, layer.folder, notes)) {
      listed.add(file);
      const uri = URI.file(file).toString();
      const open = openBuffers.get(file);
      const text = open ?? readTermText(fileSystem, file, textCache);
      if (text === SKIPPED) skipped++;
      else if (typeof text === 'string') files.push({ uri, stem: path.basename(file, '.md'), text, layer: layer.name });
      else unreadable.set(uri, text);
    }
    if (skipped > 0)
      notes.push(
        `glossary folder ${layer.folder}: ${skipped} Markdown file(s) skipped, as they do not start with term front matter (a "---" line, then id: or title:)`,
      );
  }
  if (textCache) for (const file of textCache.keys()) if (!listed.has(file)) textCache.delete(file);
  return { files, unreadable, notes };
}

const SKIPPED = Symbol('not a term file');

function readTermText(fileSystem: FileSystem, file: string, textCache?: TextCache): string | Problem | typeof SKIPPED {
  const stat = fileSystem.stat(file);
  const cached = textCache?.get(file);
  if (stat && cached && stat.kind === 'file' && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs)
    return cached.skipped ? SKIPPED : cached.text;
  const read = fileSystem.readTextFile(file, MAX_TERM_FILE_BYTES);
  if ('refused' in read) return { line: 0, severity: 'error', message: `term file ${read.refused}` };
  const skipped = !looksLikeTermFile(read.text);
  textCache?.set(file, {
    size: stat?.size ?? read.text.length,
    mtimeMs: read.mtimeMs,
    text: skipped ? '' : read.text,
    ...(skipped ? { skipped: true as const } : {}),
  });
  return skipped ? SKIPPED : read.text;
}

/**
 * Markdown files below a folder, recursively, in name order, following no symbolic link twice (loops end).
 * Hidden folders, node_modules and README.md are not term files. The root of the file system is never a glossary
 * folder (it reaches /proc and every checkout on the machine). Caps on depth, folders and files are noted in
 * `notes`, once each per folder.
 */
export function listMarkdownFiles(fileSystem: FileSystem, folder: string, notes: string[] = []): string[] {
  const files: string[] = [];
  if (path.parse(path.resolve(folder)).root === path.resolve(folder)) {
    notes.push(`glossary folder ${folder} not read: the root of the file system is never a glossary folder`);
    return files;
  }
  const seen = new Set<string>();
  let capped = false;
  let tooDeep: { count: number; first: string } | undefined;
  let folders = 0;
  const walk = (dir: string, depth: number) => {
    let real: string;
    try {
      real = fileSystem.realPath(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    if (depth > MAX_FOLDER_DEPTH) {
      tooDeep = { count: (tooDeep?.count ?? 0) + 1, first: tooDeep?.first ?? dir };
      return;
    }
    if (++folders > MAX_FOLDERS_PER_LAYER) return;
    seen.add(real);
    let entries: { name: string; kind: string }[];
    try {
      entries = fileSystem.readDirectory(dir);
    } catch (error) {
      if (depth === 0) notes.push(`glossary folder ${folder} not read: ${(error as Error).message}`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const kind = entry.kind === 'symlink' ? fileSystem.stat(full)?.kind : entry.kind;
      if (kind === 'directory') walk(full, depth + 1);
      else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') {
        if (files.length < MAX_TERM_FILES_PER_LAYER) files.push(full);
        else if (!capped) {
          capped = true;
          notes.push(
            `glossary folder ${folder} has more than ${MAX_TERM_FILES_PER_LAYER} term files; the rest are not read`,
          );
        }
      }
    }
  };
  walk(folder, 0);
  const deep = tooDeep as { count: number; first: string } | undefined;
  if (deep)
    notes.push(
      `glossary folder ${folder}: ${deep.count} folder(s) deeper than ${MAX_FOLDER_DEPTH} levels not read, such as ${deep.first}`,
    );
  if (folders > MAX_FOLDERS_PER_LAYER)
    notes.push(`glossary folder ${folder} has more than ${MAX_FOLDERS_PER_LAYER} folders; the rest are not read`);
  return files;
}
