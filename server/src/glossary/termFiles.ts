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
export type TextCache = Map<
  string,
  { size: number; mtimeMs: number; ctimeMs?: number; ino?: number; readAtMs?: number; text: string; skipped?: true }
>;

export interface TermFilesRead {
  files: GlossaryFile[];
  /** Files that could not be read, with the reason, as problems of those files. */
  unreadable: Map<string, Problem>;
  /** What was skipped and why (folders too deep, the file cap): said once in the log and the status bar, never silent. */
  notes: string[];
  /**
   * Every file listed, in order, with its layer (an index into the layers), how it was read — from the disk with
   * its stat taken before reading, or from an open buffer — and whether it was skipped as no term file; and the notes
   * of listing each layer's folder. What a cache of this load must check (see cache.ts).
   */
  listed: { path: string; layer: number; stat?: FileStat; readAtMs?: number; open?: true; skipped?: true }[];
  listingNotes: string[][];
}

export type FileStat = NonNullable<ReturnType<FileSystem['stat']>>;

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
  const seen = new Set<string>();
  const listed: TermFilesRead['listed'] = [];
  const listingNotes: string[][] = [];
  for (const [index, layer] of layers.entries()) {
    let skipped = 0;
    const layerNotes: string[] = [];
    for (const file of listMarkdownFiles(fileSystem, layer.folder, layerNotes)) {
      seen.add(file);
      const uri = URI.file(file).toString();
      const open = openBuffers.get(file);
      const record: TermFilesRead['listed'][number] = { path: file, layer: index };
      listed.push(record);
      if (open !== undefined) record.open = true;
      const text = open ?? readTermText(fileSystem, file, textCache, record);
      if (text === SKIPPED) {
        skipped++;
        record.skipped = true;
      } else if (typeof text === 'string')
        files.push({ uri, stem: path.basename(file, '.md'), text, layer: layer.name });
      else unreadable.set(uri, text);
    }
    listingNotes.push(layerNotes);
    notes.push(...layerNotes);
    if (skipped > 0)
      notes.push(
        `glossary folder ${layer.folder}: ${skipped} Markdown file(s) skipped, as they do not start with term front matter (a "---" line, then id: or title:)`,
      );
  }
  if (textCache) for (const file of textCache.keys()) if (!seen.has(file)) textCache.delete(file);
  return { files, unreadable, notes, listed, listingNotes };
}

const SKIPPED = Symbol('not a term file');

function readTermText(
  fileSystem: FileSystem,
  file: string,
  textCache: TextCache | undefined,
  record: { stat?: FileStat; readAtMs?: number },
): string | Problem | typeof SKIPPED {
  const stat = fileSystem.stat(file);
  const cached = textCache?.get(file);
  if (
    stat &&
    cached &&
    stat.kind === 'file' &&
    cached.size === stat.size &&
    cached.mtimeMs === stat.mtimeMs &&
    cached.ctimeMs === stat.ctimeMs &&
    cached.ino === stat.ino
  ) {
    if (cached.readAtMs !== undefined) Object.assign(record, { stat, readAtMs: cached.readAtMs });
    return cached.skipped ? SKIPPED : cached.text;
  }
  const readAtMs = Date.now();
  const read = fileSystem.readTextFile(file, MAX_TERM_FILE_BYTES);
  if ('refused' in read) return { line: 0, severity: 'error', message: `term file ${read.refused}` };
  const skipped = !looksLikeTermFile(read.text);
  // The stat vouches for the text read only when the file was not changed in between.
  const same = stat !== undefined && stat.mtimeMs === read.mtimeMs;
  if (same) Object.assign(record, { stat, readAtMs });
  textCache?.set(file, {
    size: stat?.size ?? read.text.length,
    mtimeMs: read.mtimeMs,
    ...(same ? { ctimeMs: stat.ctimeMs, ino: stat.ino, readAtMs } : {}),
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
    // By name in UTF-16 code unit order (sort's own order for strings: no comparator to call 10,000 times).
    const kinds = new Map(entries.map((e) => [e.name, e.kind]));
    // A normalised absolute folder and an entry's name join by a separator, as path.join would join them.
    const prefix =
      path.isAbsolute(dir) && path.normalize(dir) === dir ? (dir.endsWith(path.sep) ? dir : dir + path.sep) : undefined;
    for (const name of [...kinds.keys()].sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = prefix !== undefined ? prefix + name : path.join(dir, name);
      const entryKind = kinds.get(name);
      const kind = entryKind === 'symlink' ? fileSystem.stat(full)?.kind : entryKind;
      if (kind === 'directory') walk(full, depth + 1);
      else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') {
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
