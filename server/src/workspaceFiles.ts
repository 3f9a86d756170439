import * as path from 'path';
import type picomatch from 'picomatch';
import { languageOfPath } from './core/languages';
import { onFirstUse } from './core/onFirstUse';
import { GitignoreRules, MAX_SCANNED_PATTERNS } from './gitignore';
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

const globMatcher = onFirstUse(() => require('picomatch') as typeof picomatch);

export interface ListedFiles {
  files: string[];
  /** What was left out (files that are not regular files, and the limits below), for the log. */
  notes: string[];
  /** The limits hit (the file cap, a .gitignore not read or not wholly applied): the user is told. */
  limits: string[];
}

/** Directory entries a listing looks at before it lets other work run (listIndexableFilesInSlices). */
export const LISTING_SLICE_ENTRIES = 256;
/** .gitignore lines compiled for the work of one directory entry. */
const GITIGNORE_LINES_PER_ENTRY = 16;

interface Frame {
  dir: string;
  entries: { name: string; kind: string }[];
  next: number;
  pushed: boolean;
  /** The folder's .gitignore while it is compiled, a slice at a time, before its entries are looked at. */
  compiling?: { file: string; rules: GitignoreRules };
}

/**
 * A listing of the files below a folder that the glossary reads, done a slice at a time (`step`), so that a large
 * workspace (or a large .gitignore) never keeps a server from its requests: those of a known language, outside hidden
 * folders (but `.glossary`), the folders of SKIPPED_DIRECTORIES, what the folder's .gitignore files ignore (each
 * applies below its own folder, a deeper one overriding, as git reads them), and what the `exclude` globs match (VS
 * Code's `files.exclude` and `search.exclude`, relative to the folder). At most MAX_INDEXED_FILES files; more is noted.
 */
export class FileListing {
  readonly files: string[] = [];
  readonly notes: string[] = [];
  readonly limits: string[] = [];
  private readonly seen = new Set<string>();
  private readonly stack: Frame[] = [];
  private readonly rules: IgnoreRules;
  private capped = false;

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly folder: string,
    exclude: readonly string[] = [],
    private readonly wanted: (name: string) => boolean = (name) => languageOfPath(name) !== undefined,
  ) {
    this.rules = ignoreRules(folder, exclude);
    this.enter(folder);
  }

  get result(): ListedFiles {
    return { files: this.files, notes: [...this.notes, ...this.limits], limits: this.limits };
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  /** Lists on until `maxEntries` directory entries have been looked at, or to the end; true at the end. */
  step(maxEntries = Infinity): boolean {
    let looked = 0;
    while (this.stack.length > 0 && looked < maxEntries) {
      const frame = this.stack[this.stack.length - 1];
      if (this.capped || frame.next >= frame.entries.length) {
        if (frame.pushed) this.rules.rules.pop();
        this.stack.pop();
        continue;
      }
      if (frame.compiling) {
        // A .gitignore is compiled before its folder's entries are looked at, GITIGNORE_LINES_PER_ENTRY lines for
        // one entry's share of the slice; the slice ends with it.
        const { file, rules } = frame.compiling;
        if (!rules.compile((maxEntries - looked) * GITIGNORE_LINES_PER_ENTRY)) return false;
        frame.compiling = undefined;
        noteDropped(file, rules, this.limits);
        if (maxEntries !== Infinity) return this.done;
        continue;
      }
      const entry = frame.entries[frame.next++];
      looked++;
      this.visit(frame.dir, entry);
    }
    return this.done;
  }

  private enter(dir: string): void {
    const { fileSystem } = this;
    let real: string;
    try {
      real = fileSystem.realPath(dir);
    } catch {
      return;
    }
    if (this.seen.has(real) || this.capped) return;
    this.seen.add(real);
    let entries: { name: string; kind: string }[];
    try {
      entries = fileSystem.readDirectory(dir);
    } catch {
      return;
    }
    const gitignore = entries.some((e) => e.name === '.gitignore' && e.kind === 'file')
      ? readGitignore(fileSystem, dir, this.limits)
      : undefined;
    if (gitignore) this.rules.rules.push({ base: dir, rules: gitignore.rules });
    this.stack.push({ dir, entries, next: 0, pushed: gitignore !== undefined, compiling: gitignore });
  }

  private visit(dir: string, entry: { name: string; kind: string }): void {
    const { fileSystem, wanted } = this;
    const full = path.join(dir, entry.name);
    // A symbolic link counts as what it points to (a folder is still walked once: link loops end).
    const kind = entry.kind === 'symlink' ? (fileSystem.stat(full)?.kind ?? 'missing') : entry.kind;
    if (kind === 'directory') {
      if (SKIPPED_DIRECTORIES.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.glossary')) return;
      if (!this.rules.test(full, true)) this.enter(full);
    } else if (kind === 'other' && wanted(entry.name) && !this.rules.test(full, false)) {
      this.notes.push(`${full}: not scanned: not a regular file (a FIFO, device or socket)`);
    } else if (kind === 'file' && wanted(entry.name) && !this.rules.test(full, false)) {
      if (this.files.length >= MAX_INDEXED_FILES) {
        this.limits.push(
          `workspace index: ${this.folder} has more than ${MAX_INDEXED_FILES} files to index; the rest are not`,
        );
        this.capped = true;
        return;
      }
      this.files.push(full);
    }
  }
}

/** The files below a folder that the glossary reads (see FileListing), listed at once (the CLI). */
export function listIndexableFiles(
  fileSystem: FileSystem,
  folder: string,
  exclude: readonly string[] = [],
  wanted?: (name: string) => boolean,
): ListedFiles {
  const listing = new FileListing(fileSystem, folder, exclude, wanted);
  listing.step();
  return listing.result;
}

/**
 * The same listing a slice of LISTING_SLICE_ENTRIES entries at a time, letting other work (requests) run between
 * slices; undefined when `cancelled` turned true meanwhile.
 */
export async function listIndexableFilesInSlices(
  fileSystem: FileSystem,
  folder: string,
  exclude: readonly string[],
  cancelled: () => boolean,
): Promise<ListedFiles | undefined> {
  const listing = new FileListing(fileSystem, folder, exclude);
  while (!listing.step(LISTING_SLICE_ENTRIES)) {
    await new Promise((resolve) => setImmediate(resolve));
    if (cancelled()) return undefined;
  }
  return listing.result;
}

/** Large .gitignore texts compiled lately (compiling 85,000 patterns takes some 200 ms), most recent last. */
const COMPILED = new Map<string, GitignoreRules>();
const COMPILED_MIN_CHARS = 64 * 1024;
const COMPILED_MAX = 8;

/** A .gitignore's rules, compiled once per text for a large one (a listing, then every file event, read it). */
function compiledGitignore(text: string): GitignoreRules {
  if (text.length < COMPILED_MIN_CHARS) return new GitignoreRules(text, MAX_SCANNED_PATTERNS, true);
  let rules = COMPILED.get(text);
  if (rules) COMPILED.delete(text);
  else rules = new GitignoreRules(text, MAX_SCANNED_PATTERNS, true);
  COMPILED.set(text, rules);
  if (COMPILED.size > COMPILED_MAX) COMPILED.delete(COMPILED.keys().next().value!);
  return rules;
}

/**
 * A folder's .gitignore, to be compiled (see gitignore.ts: `compile`, then `noteDropped`); undefined when it cannot
 * be read, which is noted.
 */
function readGitignore(
  fileSystem: FileSystem,
  dir: string,
  limits: string[],
): { file: string; rules: GitignoreRules } | undefined {
  const file = path.join(dir, '.gitignore');
  const read = fileSystem.readTextFile(file, MAX_GITIGNORE_BYTES);
  if ('refused' in read) {
    limits.push(`${file} ${read.refused}; it is not applied`);
    return undefined;
  }
  return { file, rules: compiledGitignore(read.text) };
}

/** Notes the patterns a compiled .gitignore does not honour. */
function noteDropped(file: string, rules: GitignoreRules, limits: string[]): void {
  if (rules.dropped > 0)
    limits.push(
      `${file}: ${rules.dropped} pattern(s) past the first ${MAX_SCANNED_PATTERNS} made of wildcards alone are not applied`,
    );
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
    const gitignore = fileSystem.stat(path.join(dir, '.gitignore')) ? readGitignore(fileSystem, dir, []) : undefined;
    if (gitignore) ignored.rules.push({ base: dir, rules: gitignore.rules });
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
  const rules: { base: string; rules: GitignoreRules }[] = [];
  const test = (full: string, isDirectory: boolean): boolean => {
    if (excluded?.(path.relative(folder, full).split(path.sep).join('/'))) return true;
    let result = false;
    for (const { base, rules: patterns } of rules) {
      const verdict = patterns.test(path.relative(base, full).split(path.sep).join('/'), isDirectory);
      if (verdict !== undefined) result = verdict;
    }
    return result;
  };
  return { rules, test };
}

type IgnoreRules = ReturnType<typeof ignoreRules>;
