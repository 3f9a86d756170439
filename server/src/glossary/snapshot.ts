import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Problem } from '../core/frontMatter';
import { parseWordList, vocabularyKey } from '../core/lint';
import { Category, Engine, parseTaxonomy } from '../core/taxonomy';
import { parseTermFile, TermFileResult } from '../core/termFile';
import type { FileSystem } from './fileSystem';
import { listMarkdownFiles } from './termFiles';

/** Where the build writes the snapshot of the bundled glossary, below the bundled root (next to dist/server.js). */
export const SNAPSHOT_PATH = path.join('dist', 'glossary.json');
const FORMAT = 1;
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/**
 * The bundled glossary parsed and linted at build time (`npm run build` writes it): each term file's parse result
 * (terms with their hover text and everything the matcher is built from, and the file's own problems), the taxonomy
 * and the common-words list, each with the content hash of the file it came from. Loading it parses no Markdown or
 * YAML; a file whose text no longer has the recorded hash is parsed from the file instead, so a stale snapshot is
 * never used. User glossaries always load from their files.
 */
export interface GlossarySnapshot {
  format: typeof FORMAT;
  /** The taxonomy's categories and engines the term files were checked against (see vocabularyKey). */
  vocabulary: string;
  taxonomy: { hash: string; categories: Category[]; engines: Engine[]; problems: Problem[] };
  commonWords: { hash: string; words: string[] };
  /** Term files by path relative to the bundled root ("terms/kv-cache.md"); `source` of terms is left empty. */
  files: { path: string; hash: string; result: TermFileResult }[];
}

/** A snapshot read for one bundled root: parse results by term-file URI, with their sources set. */
export interface LoadedSnapshot {
  vocabulary: string;
  taxonomyHash: string;
  taxonomy: { categories: Category[]; engines: Engine[]; problems: Problem[] };
  commonWordsHash: string;
  commonWords: string[];
  byUri: Map<string, { hash: string; result: TermFileResult }>;
}

/**
 * A 53-bit content hash of a text (cyrb53: two 32-bit multiply-xorshift lanes), as 14 hex digits. Not
 * cryptographic: it tells a changed file from the one the snapshot was made from.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

const TAXONOMY = path.join('_meta', 'taxonomy.md');
const COMMON_WORDS = path.join('_meta', 'common-words.txt');

/** Parses the bundled glossary below `bundledRoot` into a snapshot (what the build writes to SNAPSHOT_PATH). */
export function buildSnapshot(fileSystem: FileSystem, bundledRoot: string): GlossarySnapshot {
  const read = (relative: string) => {
    const result = fileSystem.readTextFile(path.join(bundledRoot, relative), MAX_SNAPSHOT_BYTES);
    if ('refused' in result) throw new Error(`${relative} ${result.refused}`);
    return result.text;
  };
  const taxonomyText = read(TAXONOMY);
  const taxonomy = parseTaxonomy(taxonomyText);
  const wordsText = read(COMMON_WORDS);
  const categories = new Set(taxonomy.categories.map((c) => c.id));
  const engines = new Set(taxonomy.engines.map((e) => e.id));
  const files: GlossarySnapshot['files'] = [];
  for (const file of listMarkdownFiles(fileSystem, path.join(bundledRoot, 'terms'))) {
    const relative = path.relative(bundledRoot, file);
    const text = read(relative);
    const result = parseTermFile(text, path.basename(file, '.md'), '', 'bundled', {
      categories: categories.size > 0 ? categories : undefined,
      engines: engines.size > 0 ? engines : undefined,
    });
    files.push({ path: relative.split(path.sep).join('/'), hash: contentHash(text), result });
  }
  return {
    format: FORMAT,
    vocabulary: vocabularyKey(categories.size > 0 ? categories : undefined, engines.size > 0 ? engines : undefined),
    taxonomy: {
      hash: contentHash(taxonomyText),
      categories: taxonomy.categories,
      engines: taxonomy.engines,
      problems: taxonomy.problems,
    },
    commonWords: { hash: contentHash(wordsText), words: [...parseWordList(wordsText)] },
    files,
  };
}

/**
 * The snapshot of the bundled glossary at `bundledRoot`, or undefined when there is none (a checkout before its
 * first build, the in-memory file systems of tests) or it cannot be read; `log` says why in the second case.
 */
export function readSnapshot(
  fileSystem: FileSystem,
  bundledRoot: string,
  log: (message: string) => void = () => undefined,
): LoadedSnapshot | undefined {
  const file = path.join(bundledRoot, SNAPSHOT_PATH);
  if (!fileSystem.stat(file)) return undefined;
  const read = fileSystem.readTextFile(file, MAX_SNAPSHOT_BYTES);
  if ('refused' in read) {
    log(`glossary snapshot ${file} ${read.refused}; the bundled glossary is parsed from its files`);
    return undefined;
  }
  let snapshot: GlossarySnapshot;
  try {
    snapshot = JSON.parse(read.text) as GlossarySnapshot;
  } catch (error) {
    log(
      `glossary snapshot ${file} is not JSON (${(error as Error).message}); the bundled glossary is parsed from its files`,
    );
    return undefined;
  }
  if (snapshot?.format !== FORMAT || !Array.isArray(snapshot.files)) {
    log(`glossary snapshot ${file} has another format; the bundled glossary is parsed from its files`);
    return undefined;
  }
  const byUri = new Map<string, { hash: string; result: TermFileResult }>();
  for (const entry of snapshot.files) {
    const uri = URI.file(path.join(bundledRoot, ...entry.path.split('/'))).toString();
    if (entry.result.term) entry.result.term.source = uri;
    byUri.set(uri, { hash: entry.hash, result: entry.result });
  }
  return {
    vocabulary: snapshot.vocabulary,
    taxonomyHash: snapshot.taxonomy.hash,
    taxonomy: snapshot.taxonomy,
    commonWordsHash: snapshot.commonWords.hash,
    commonWords: snapshot.commonWords.words,
    byUri,
  };
}
