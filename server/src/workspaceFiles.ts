import * as path from 'path';
import type { Ignore } from 'ignore';
import type picomatch from 'picomatch';
import { languageOfPath } from './core/languages';
import { onFirstUse } from './core/onFirstUse';
import type { FileSystem } from './glossary/fileSystem';

/** Folders that hold build output, dependencies or caches, never read even without a .gitignore saying so. */
export const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  'target',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.e2e-cache',
  '.next',
  'coverage',
]);
export const MAX_INDEXED_FILES = 20_000;
const MAX_GITIGNORE_BYTES = 1024 * 1024;

const ignoreFactory = onFirstUse(() => require('ignore') as () => Ignore);
const globMatcher = onFirstUse(() => require('picomatch') as typeof picomatch);

export interface ListedFiles {
  files: string[];
  /** What was left out that a user may miss (the file cap, unreadable .gitignore files), said once. */
  notes: string[];
}

/**
 * Files below a folder that the glossary reads: those of a known language, outside hidden folders (but `.glossary`),
 * the folders of SKIPPED_DIRECTORIES, what the folder's .gitignore files ignore (each applies below its own folder,
 * a deeper one overriding, as git reads them), and what the `exclude` globs match (VS Code's `files.exclude` and
 * `search.exclude`, relative to the folder). At most MAX_INDEXED_FILES files; more is noted.
 */
export function listIndexableFiles(
  fileSystem: FileSystem,
  folder: string,
  exclude: readonly string[] = [],
  wanted: (name: string) => boolean = (name) => languageOfPath(name) !== undefined,
): ListedFiles {
  const files: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  let capped = false;
  const { rules, test: ignored } = ignoreRules(folder, exclude);
  const walk = (dir: string) => {
    let real: string;
    try {
      real = fileSystem.realPath(dir);
    } catch {
      return;
    }
    if (seen.has(real) || capped) return;
    seen.add(real);
    let entries: { name: string; kind: string }[];
    try {
      entries = fileSystem.readDirectory(dir);
    } catch {
      return;
    }
    const gitignore = entries.some((e) => e.name === '.gitignore' && e.kind === 'file')
      ? fileSystem.readTextFile(path.join(dir, '.gitignore'), MAX_GITIGNORE_BYTES)
      : undefined;
    if (gitignore && 'refused' in gitignore) notes.push(`${path.join(dir, '.gitignore')} ${gitignore.refused}`);
    const pushed = gitignore !== undefined && 'text' in gitignore;
    if (pushed) rules.push({ base: dir, ignore: ignoreFactory()().add(gitignore.text) });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // A symbolic link counts as what it points to (a folder is still walked once: link loops end).
      const kind = entry.kind === 'symlink' ? (fileSystem.stat(full)?.kind ?? 'missing') : entry.kind;
      if (kind === 'directory') {
        if (SKIPPED_DIRECTORIES.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.glossary')) continue;
        if (!ignored(full, true)) walk(full);
      } else if (kind === 'other' && wanted(entry.name) && !ignored(full, false)) {
        notes.push(`${full}: not scanned: not a regular file (a FIFO, device or socket)`);
      } else if (kind === 'file' && wanted(entry.name) && !ignored(full, false)) {
        if (files.length >= MAX_INDEXED_FILES) {
          if (!capped)
            notes.push(
              `workspace index: ${folder} has more than ${MAX_INDEXED_FILES} files to index; the rest are not`,
            );
          capped = true;
          break;
        }
        files.push(full);
      }
      if (capped) break;
    }
    if (pushed) rules.pop();
  };
  walk(folder);
  return { files, notes };
}

/**
 * Whether a file below `folder` is one listIndexableFiles would list (for a file that was created or changed): of a
 * known language, in no skipped or hidden folder, ignored by no .gitignore on its way and matched by no `exclude` glob.
 */
export function isIndexable(
  fileSystem: FileSystem,
  folder: string,
  fsPath: string,
  exclude: readonly string[] = [],
): boolean {
  if (!languageOfPath(fsPath) || !isBelow(folder, fsPath)) return false;
  const folders = path.relative(folder, fsPath).split(path.sep).slice(0, -1);
  if (folders.some((p) => SKIPPED_DIRECTORIES.has(p) || (p.startsWith('.') && p !== '.glossary'))) return false;
  const ignored = ignoreRules(folder, exclude);
  let dir = folder;
  for (let depth = 0; ; depth++) {
    const read = fileSystem.stat(path.join(dir, '.gitignore'))
      ? fileSystem.readTextFile(path.join(dir, '.gitignore'), MAX_GITIGNORE_BYTES)
      : undefined;
    if (read && 'text' in read) ignored.rules.push({ base: dir, ignore: ignoreFactory()().add(read.text) });
    if (depth === folders.length) return !ignored.test(fsPath, false);
    dir = path.join(dir, folders[depth]);
    if (ignored.test(dir, true)) return false;
  }
}

function isBelow(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The .gitignore files in force (outermost first, each with the folder its patterns are relative to, a deeper one
 * overriding as git reads them) and the `exclude` globs relative to `folder`: whether they leave a path out.
 */
function ignoreRules(folder: string, exclude: readonly string[]) {
  const excluded = exclude.length > 0 ? globMatcher()([...exclude], { dot: true }) : undefined;
  const rules: { base: string; ignore: Ignore }[] = [];
  const test = (full: string, isDirectory: boolean): boolean => {
    if (excluded?.(path.relative(folder, full).split(path.sep).join('/'))) return true;
    let result = false;
    for (const { base, ignore } of rules) {
      const verdict = ignore.test(path.relative(base, full).split(path.sep).join('/') + (isDirectory ? '/' : ''));
      if (verdict.ignored) result = true;
      else if (verdict.unignored) result = false;
    }
    return result;
  };
  return { rules, test };
}
