import * as path from 'path';
import { parseWordList } from '../core/lint';
import { Category, Engine, parseTaxonomy } from '../core/taxonomy';
import type { FileSystem } from './fileSystem';
import { contentHash, LoadedSnapshot, readSnapshot } from './snapshot';

/**
 * What the bundled glossary's _meta/ folder tells the linter: categories, engines, and everyday English words; and
 * the build's snapshot of the bundled terms, when there is one (see snapshot.ts).
 */
export interface GlossaryMeta {
  categories: Category[];
  engines: Engine[];
  commonWords: Set<string>;
  /** Problems reading _meta/, as log lines. */
  notes: string[];
  snapshot?: LoadedSnapshot;
}

/** Reads _meta/ (taken from the snapshot where the files still have the hashes it recorded) and the snapshot. */
export function readGlossaryMeta(
  fileSystem: FileSystem,
  bundledRoot: string,
  log?: (message: string) => void,
): GlossaryMeta {
  const snapshot = readSnapshot(fileSystem, bundledRoot, log);
  const meta = path.join(bundledRoot, '_meta');
  const notes: string[] = [];
  let categories: Category[] = [];
  let engines: Engine[] = [];
  const taxonomyFile = path.join(meta, 'taxonomy.md');
  const taxonomy = fileSystem.readTextFile(taxonomyFile, 1024 * 1024);
  if ('text' in taxonomy) {
    const parsed =
      snapshot && snapshot.taxonomyHash === contentHash(taxonomy.text)
        ? snapshot.taxonomy
        : parseTaxonomy(taxonomy.text);
    ({ categories, engines } = parsed);
    for (const p of parsed.problems) notes.push(`taxonomy ${taxonomyFile}:${p.line + 1}: ${p.message}`);
  } else {
    notes.push(`taxonomy ${taxonomyFile} ${taxonomy.refused}; categories are not checked`);
  }
  const words = fileSystem.readTextFile(path.join(meta, 'common-words.txt'), 4 * 1024 * 1024);
  const commonWords =
    'text' in words
      ? snapshot && snapshot.commonWordsHash === contentHash(words.text)
        ? new Set(snapshot.commonWords)
        : parseWordList(words.text)
      : new Set<string>();
  return { categories, engines, commonWords, notes, snapshot };
}
