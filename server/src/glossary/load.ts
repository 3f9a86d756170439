import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Problem } from '../core/frontMatter';
import { Glossary } from '../core/glossary';
import { LintOptions, lintGlossary, vocabularyKey } from '../core/lint';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';
import type { GlossaryMeta } from './meta';
import {
  contentHash,
  LoadedSnapshot,
  recordedStat,
  SnapshotContent,
  SnapshotInput,
  snapshotInput,
  statUnchanged,
} from './snapshot';
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
  /** Snapshots whose parse results a file with the hash they recorded takes (a cache entry read before). */
  seeds?: readonly LoadedSnapshot[];
}

export interface LoadedGlossary {
  glossary: Glossary;
  /** Problems by term-file URI; files without problems are absent. */
  problems: Map<string, Problem[]>;
  /** Every term file read (by URI), with problems or not. */
  fileUris: string[];
  /** What was left out and why (caps, unreadable folders): for the log and the status bar. */
  notes: string[];
  /**
   * What a cache entry of this load holds (see cache.ts), when a later start may take it from one: a load that read
   * term files from the disk (not one that a snapshot's stats vouched for), with shape checks only, no open buffer
   * and no unreadable file. Made when called (it hashes every file): call it when the server is idle.
   */
  cacheable?: () => SnapshotContent | undefined;
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
  const { files, unreadable, notes, listed, listingNotes } = readTermFiles(
    fileSystem,
    layers,
    options.openBuffers,
    options.textCache,
  );
  const categories = meta.categories.length > 0 ? new Set(meta.categories.map((c) => c.id)) : undefined;
  const engines = meta.engines.length > 0 ? new Set(meta.engines.map((e) => e.id)) : undefined;
  const parseCache: NonNullable<LintOptions['parseCache']> = options.parseCache ?? new Map();
  // Term files whose text has the hash the build's snapshot (or a cache entry read before) recorded are not parsed
  // again.
  const categoriesKey = vocabularyKey(categories, engines);
  for (const snapshot of [meta.snapshot, ...(options.seeds ?? [])]) {
    if (!snapshot || snapshot.vocabulary !== categoriesKey) continue;
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
  const glossary = new Glossary(result.layers, meta.categories, {
    commonWords: meta.commonWords,
    engines: meta.engines,
  });
  const cacheable =
    !options.quality &&
    unreadable.size === 0 &&
    !listed.some((file) => file.open) &&
    meta.commonWordsInput &&
    meta.taxonomyInput
      ? (): SnapshotContent | undefined => {
          const texts = new Map(files.map((file) => [file.uri, file.text]));
          const uris = listed.map((file) => URI.file(file.path).toString());
          const fileIndex = new Map(uris.map((uri, i) => [uri, i]));
          const terms = [...glossary.terms.values()];
          if (terms.some((term) => !fileIndex.has(term.source))) return undefined;
          return {
            recordedAtMs: Date.now(),
            vocabulary: categoriesKey,
            taxonomy: { ...meta.taxonomyInput!, categories: meta.categories, engines: meta.engines, problems: [] },
            commonWords: meta.commonWordsInput!,
            layers: layers.map(({ name, folder }) => ({ name, folder })),
            listingNotes,
            notes,
            files: listed.map((file, i) => {
              const text = texts.get(uris[i]) ?? ''; // a skipped file: its stat vouches for it, or it is read again
              const input = snapshotInput(file.path, text, file.stat, file.readAtMs);
              if (file.skipped) return { ...input, hash: '', layer: file.layer, skipped: true };
              return { ...input, layer: file.layer, result: parseCache.get(uris[i])?.result };
            }),
            glossary: {
              ids: terms.map((term) => term.id),
              files: terms.map((term) => fileIndex.get(term.source)!),
              problems: [...result.problems].map(([uri, problems]) => [fileIndex.get(uri)!, problems]),
              data: glossary.toData(),
            },
          };
        }
      : undefined;
  return {
    glossary,
    problems: result.problems,
    fileUris: [...files.map((f) => f.uri), ...unreadable.keys()],
    notes: [...meta.notes, ...notes],
    cacheable,
  };
}

/**
 * The bundled glossary as the build compiled it (snapshot.ts), when the glossary in force is exactly the bundled
 * layer, shape checks only (`quality` off), and every file it comes from is as the build recorded it (loadVerified).
 */
function loadPrebuilt(
  fileSystem: FileSystem,
  layers: readonly GlossaryLayer[],
  meta: GlossaryMeta,
  options: LoadOptions,
): LoadedGlossary | undefined {
  const snapshot = meta.snapshot;
  const root = meta.root;
  if (!snapshot || !root || snapshot.root !== root || root !== path.resolve(root)) return undefined;
  return loadVerified(fileSystem, snapshot, layers, meta, options);
}

/**
 * The glossary a snapshot holds compiled (the build's, or a cache entry's), when it is the glossary these layers
 * give: the same layers, shape checks only (`quality` off), and every file as the snapshot recorded it — the same
 * files in the same order in every layer, each unchanged (by its stat, or else by its content hash; an open buffer by
 * its hash), the same taxonomy and everyday words, the same notes from listing the folders. Anything else:
 * undefined, and the glossary is loaded from the files.
 */
export function loadVerified(
  fileSystem: FileSystem,
  snapshot: LoadedSnapshot,
  layers: readonly GlossaryLayer[],
  meta: GlossaryMeta,
  options: LoadOptions,
): LoadedGlossary | undefined {
  const prebuilt = snapshot.prebuilt;
  if (!prebuilt || options.quality || layers.length !== snapshot.layers.length) return undefined;
  if (layers.some((layer, i) => layer.name !== snapshot.layers[i].name || layer.folder !== snapshot.layers[i].folder))
    return undefined;
  const read = new Map<number, { stat: ReturnType<FileSystem['stat']>; readAtMs: number }>();
  if (
    meta.taxonomyHash !== snapshot.taxonomy.hash ||
    !unchanged(fileSystem, meta.commonWordsFile, snapshot.commonWords)
  )
    return undefined;
  let i = 0;
  for (const [index, layer] of layers.entries()) {
    const notes: string[] = [];
    const listed = listMarkdownFiles(fileSystem, layer.folder, notes);
    if (notes.join('\n') !== snapshot.listingNotes[index]?.join('\n')) return undefined;
    for (const file of listed) {
      const input = snapshot.files[i];
      if (!input || (input.layer ?? 0) !== index || snapshot.fileOf(i) !== file) return undefined;
      const open = options.openBuffers?.get(file);
      // An open buffer is read as a term file even when the file on disk is none.
      if (open !== undefined) {
        if (input.skipped || contentHash(open) !== input.hash) return undefined;
      } else if (!unchanged(fileSystem, file, input, (stat, readAtMs) => read.set(i, { stat, readAtMs })))
        return undefined;
      i++;
    }
  }
  if (i !== snapshot.files.length) return undefined;
  const glossary = snapshot.prebuiltGlossary(meta.categories, meta.engines);
  if (!glossary) return undefined;
  let fileUris: string[] | undefined;
  // Files the stats did not vouch for were read and hashed (an installed extension's files have other stats than
  // the build's): a cache entry with their stats now spares the next start reading them.
  const cacheable =
    read.size > 0 && !options.openBuffers?.size
      ? (): SnapshotContent => ({
          recordedAtMs: Date.now(),
          vocabulary: snapshot.vocabulary,
          taxonomy: snapshot.taxonomy,
          commonWords: snapshot.commonWords,
          layers: layers.map(({ name, folder }) => ({ name, folder })),
          listingNotes: snapshot.listingNotes.map((notes) => [...notes]),
          notes: [...snapshot.notes],
          files: snapshot.files.map((input, f) => {
            const again = read.get(f);
            const { size, mtimeMs, ctimeMs, ino } = input;
            const entry = {
              path: snapshot.fileOf(f),
              hash: input.hash,
              ...(again ? recordedStat(again.stat, again.readAtMs) : { size, mtimeMs, ctimeMs, ino }),
              layer: input.layer ?? 0,
            };
            return input.skipped ? { ...entry, skipped: true as const } : { ...entry, result: snapshot.resultOf(f) };
          }),
          glossary: prebuilt,
        })
      : undefined;
  return {
    glossary,
    problems: new Map(prebuilt.problems.map(([f, problems]) => [snapshot.uriOf(f), [...problems]])),
    get fileUris() {
      // Made when asked: the server never asks.
      return (fileUris ??= snapshot.files.flatMap((input, f) => (input.skipped ? [] : [snapshot.uriOf(f)])));
    },
    notes: [...meta.notes, ...snapshot.notes],
    cacheable,
  };
}

/**
 * Whether a file still has the content recorded in `input`: by its stat, or else by its content hash (then `hashed`
 * hears of the stat it had before it was read).
 */
function unchanged(
  fileSystem: FileSystem,
  file: string | undefined,
  input: SnapshotInput,
  hashed?: (stat: ReturnType<FileSystem['stat']>, readAtMs: number) => void,
): boolean {
  if (file === undefined) return false;
  const stat = fileSystem.stat(file);
  if (statUnchanged(input, stat)) return true;
  const readAtMs = Date.now();
  const read = fileSystem.readTextFile(file, Math.max(MAX_TERM_FILE_BYTES, input.size));
  if (!('text' in read) || contentHash(read.text) !== input.hash) return false;
  if (stat?.mtimeMs === read.mtimeMs) hashed?.(stat, readAtMs);
  return true;
}
