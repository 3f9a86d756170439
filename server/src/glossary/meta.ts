import * as path from 'path';
import { parseWordList } from '../core/lint';
import { Category, Engine, parseTaxonomy } from '../core/taxonomy';
import type { FileSystem } from './fileSystem';
import {
  COMMON_WORDS_PATH,
  contentHash,
  LoadedSnapshot,
  readSnapshot,
  SnapshotInput,
  snapshotInput,
  TAXONOMY_PATH,
} from './snapshot';

/**
 * What the bundled glossary's _meta/ folder tells the linter: categories, engines, and everyday English words; and
 * the build's snapshot of the bundled terms, when there is one (see snapshot.ts).
 */
export interface GlossaryMeta {
  categories: Category[];
  engines: Engine[];
  /** Read on first use: a start that takes the prebuilt glossary needs none. */
  readonly commonWords: Set<string>;
  /** Problems reading _meta/, as log lines. */
  notes: string[];
  snapshot?: LoadedSnapshot;
  /** The bundled root, and the content hash of its taxonomy as read (undefined when it could not be read). */
  root?: string;
  taxonomyHash?: string;
  /** The file of the everyday words (below the root), and it as an input of a cache entry once read (see cache.ts). */
  commonWordsFile?: string;
  readonly commonWordsInput?: SnapshotInput;
  /** The taxonomy as an input of a cache entry. */
  taxonomyInput?: SnapshotInput;
}

/** Reads _meta/ (the taxonomy taken from the snapshot while the file still has the hash it recorded) and the snapshot. */
export function readGlossaryMeta(
  fileSystem: FileSystem,
  bundledRoot: string,
  log?: (message: string) => void,
): GlossaryMeta {
  const snapshot = readSnapshot(fileSystem, bundledRoot, log);
  const notes: string[] = [];
  let categories: Category[] = [];
  let engines: Engine[] = [];
  const taxonomyFile = path.join(bundledRoot, TAXONOMY_PATH);
  const taxonomy = fileSystem.readTextFile(taxonomyFile, 1024 * 1024);
  let taxonomyHash: string | undefined;
  if ('text' in taxonomy) {
    taxonomyHash = contentHash(taxonomy.text);
    const parsed =
      snapshot && snapshot.taxonomy.hash === taxonomyHash ? snapshot.taxonomy : parseTaxonomy(taxonomy.text);
    ({ categories, engines } = parsed);
    for (const p of parsed.problems) notes.push(`taxonomy ${taxonomyFile}:${p.line + 1}: ${p.message}`);
  } else {
    notes.push(`taxonomy ${taxonomyFile} ${taxonomy.refused}; categories are not checked`);
  }
  let commonWords: Set<string> | undefined;
  let commonWordsInput: SnapshotInput | undefined;
  const commonWordsFile = path.join(bundledRoot, COMMON_WORDS_PATH);
  const readCommonWords = () => {
    const stat = fileSystem.stat(commonWordsFile);
    const readAtMs = Date.now();
    const words = fileSystem.readTextFile(commonWordsFile, 4 * 1024 * 1024);
    if (!('text' in words)) return new Set<string>();
    commonWordsInput = snapshotInput(
      COMMON_WORDS_PATH,
      words.text,
      stat?.mtimeMs === words.mtimeMs ? stat : undefined,
      readAtMs,
    );
    return parseWordList(words.text);
  };
  return {
    categories,
    engines,
    get commonWords() {
      return (commonWords ??= readCommonWords());
    },
    get commonWordsInput() {
      commonWords ??= readCommonWords();
      return commonWordsInput;
    },
    notes,
    snapshot,
    root: bundledRoot,
    taxonomyHash,
    commonWordsFile,
    taxonomyInput:
      taxonomyHash === undefined ? undefined : { path: TAXONOMY_PATH, hash: taxonomyHash, size: -1, mtimeMs: -1 },
  };
}
