import * as path from 'path';
import type { Problem } from '../core/frontMatter';
import { Glossary } from '../core/glossary';
import { LintOptions, lintGlossary, vocabularyKey } from '../core/lint';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';
import type { GlossaryMeta } from './meta';
import { contentHash, LoadedSnapshot, SnapshotInput, statUnchanged } from './snapshot';
import { listMarkdownFiles, MAX_TERM_FILE_BYTES, readTermFiles, TextCache } from './termFiles';

export interface LoadOptions {
  /** Open editor buffers by path: they win over the disk. */
  openBuffers?: ReadonlyMap<string, string>;
  textCache?: TextCache;
  parseCache?: LintOptions['parseCache'];
  /** Today's date (YYYY-MM-DD), for the review-age check. */
  today?: string;
  /** Check substance too (sources, review age, stub sections); off, only shape is checked. */
  quality?: boolean;
  maxReviewAgeDays?: number;
}

export interface LoadedGlossary {
  glossary: Glossary;
  /** Problems by term-file URI; files without problems are absent. */
  problems: Map<string, Problem[]>;
  /** Every term file read (by URI), with problems or not. */
  fileUris: string[];
  /** What was left out and why (caps, unreadable folders): for the log and the status bar. */
  notes: string[];
}

/**
 * Folders → Glossary, the one way the server, the CLI and the bench load a glossary: read each layer's term
 * files, lint them against the taxonomy and the common-words list, and layer the terms (a later layer replaces
 * an earlier term with the same id).
 */
export function loadGlossary(
  fileSystem: FileSystem,
  layers: readonly GlossaryLayer[],
  meta: GlossaryMeta,
  options: LoadOptions = {},
): LoadedGlossary {
  const prebuilt = loadPrebuilt(fileSystem, layers, meta, options);
  if (prebuilt) return prebuilt;
  const { files, unreadable, notes } = readTermFiles(fileSystem, layers, options.openBuffers, options.textCache);
  const categories = meta.categories.length > 0 ? new Set(meta.categories.map((c) => c.id)) : undefined;
  const engines = meta.engines.length > 0 ? new Set(meta.engines.map((e) => e.id)) : undefined;
  const parseCache: NonNullable<LintOptions['parseCache']> = options.parseCache ?? new Map();
  // Bundled term files whose text has the hash the build's snapshot recorded are not parsed again.
  const snapshot = meta.snapshot;
  const categoriesKey = vocabularyKey(categories, engines);
  if (snapshot && snapshot.vocabulary === categoriesKey) {
    for (const file of files) {
      const entry = snapshot.byUri.get(file.uri);
      if (!entry || parseCache.get(file.uri)?.text === file.text || entry.hash !== contentHash(file.text)) continue;
      if (entry.result.term?.layer === file.layer)
        parseCache.set(file.uri, { text: file.text, categoriesKey, result: entry.result });
    }
  }
  const result = lintGlossary(files, {
    categories,
    engines,
    commonWords: meta.commonWords,
    parseCache,
    today: options.today,
    quality: options.quality,
    maxReviewAgeDays: options.maxReviewAgeDays,
  });
  for (const [uri, problem] of unreadable) result.problems.set(uri, [problem]);
  return {
    glossary: new Glossary(result.layers, meta.categories, { commonWords: meta.commonWords, engines: meta.engines }),
    problems: result.problems,
    fileUris: [...files.map((f) => f.uri), ...unreadable.keys()],
    notes: [...meta.notes, ...notes],
  };
}

/**
 * The bundled glossary as the build compiled it (snapshot.ts), when the glossary in force is exactly the bundled
 * layer — no team folder, no open buffer with other text than the file's, shape checks only (`quality` off) — and
 * every file it comes from is as the build recorded it: the same term files in the same order, each unchanged (by
 * its stat, or else by its content hash), the same taxonomy and everyday words. Anything else: undefined, and the
 * glossary is loaded from the files.
 */
function loadPrebuilt(
  fileSystem: FileSystem,
  layers: readonly GlossaryLayer[],
  meta: GlossaryMeta,
  options: LoadOptions,
): LoadedGlossary | undefined {
  const snapshot = meta.snapshot;
  const root = meta.root;
  if (!snapshot?.prebuilt || !root || snapshot.root !== root || root !== path.resolve(root) || options.quality)
    return undefined;
  if (layers.length !== 1 || layers[0].name !== 'bundled' || layers[0].folder !== path.join(root, 'terms'))
    return undefined;
  if (meta.taxonomyHash !== snapshot.taxonomy.hash || !unchanged(fileSystem, snapshot, snapshot.commonWords))
    return undefined;
  const notes: string[] = [];
  const listed = listMarkdownFiles(fileSystem, layers[0].folder, notes);
  if (notes.length > 0 || listed.length !== snapshot.files.length) return undefined;
  for (let i = 0; i < listed.length; i++) {
    const input = snapshot.files[i];
    if (listed[i] !== fileOf(snapshot, input)) return undefined;
    const open = options.openBuffers?.get(listed[i]);
    if (open !== undefined ? contentHash(open) !== input.hash : !unchanged(fileSystem, snapshot, input))
      return undefined;
  }
  const glossary = snapshot.prebuiltGlossary(meta.categories, meta.engines);
  if (!glossary) return undefined;
  let fileUris: string[] | undefined;
  return {
    glossary,
    problems: new Map(snapshot.prebuilt.problems.map(([i, problems]) => [snapshot.uriOf(i), [...problems]])),
    get fileUris() {
      return (fileUris ??= listed.map((_, i) => snapshot.uriOf(i))); // made when asked: the server never asks
    },
    notes: [...meta.notes],
  };
}

/** The path of an input file: its path (relative, normalised, with "/") below the root, which is normalised too. */
function fileOf(snapshot: LoadedSnapshot, input: SnapshotInput): string {
  return path.sep === '/' ? `${snapshot.root}/${input.path}` : path.join(snapshot.root, ...input.path.split('/'));
}

/** Whether a file the snapshot was made from still has the content it recorded: by its stat, or else by its hash. */
function unchanged(fileSystem: FileSystem, snapshot: LoadedSnapshot, input: SnapshotInput): boolean {
  const file = fileOf(snapshot, input);
  if (statUnchanged(input, fileSystem.stat(file), snapshot.recordedAtMs)) return true;
  const read = fileSystem.readTextFile(file, Math.max(MAX_TERM_FILE_BYTES, input.size));
  return 'text' in read && contentHash(read.text) === input.hash;
}
