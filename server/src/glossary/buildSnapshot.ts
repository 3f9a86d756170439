import * as path from 'path';
import { URI } from 'vscode-uri';
import { parseWordList, vocabularyKey } from '../core/lint';
import { parseTaxonomy } from '../core/taxonomy';
import { parseTermFile, Term } from '../core/termFile';
import type { FileSystem } from './fileSystem';
import { loadGlossary } from './load';
import type { GlossaryMeta } from './meta';
import {
  COMMON_WORDS_PATH,
  encodeSnapshot,
  PrebuiltPart,
  SnapshotContent,
  SnapshotInput,
  snapshotInput,
  TAXONOMY_PATH,
} from './snapshot';
import { listMarkdownFiles } from './termFiles';

const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * The snapshot of the bundled glossary below `bundledRoot` (what the build writes to SNAPSHOT_PATH): each term file's
 * parse result, the taxonomy's, and the glossary of the bundled layer alone compiled (Glossary.toData), with the
 * content hash and the stat of every file they come from. `buildId` names the code that made it (see BUILD_ID).
 */
export function buildSnapshot(
  fileSystem: FileSystem,
  bundledRoot: string,
  options: { buildId?: string; recordedAtMs?: number } = {},
): Uint8Array {
  // Taken first, and each stat before its file is read: a file that changes meanwhile has a newer stat than the one
  // recorded, so it is read and hashed again when the snapshot is used.
  const recordedAtMs = options.recordedAtMs ?? Date.now();
  const read = (file: string): { text: string; input: SnapshotInput } => {
    const stat = fileSystem.stat(file);
    const result = fileSystem.readTextFile(file, MAX_INPUT_BYTES);
    if ('refused' in result) throw new Error(`${file} ${result.refused}`);
    const relative = path.relative(bundledRoot, file).split(path.sep).join('/');
    const changed = stat !== undefined && stat.mtimeMs !== result.mtimeMs;
    return { text: result.text, input: snapshotInput(relative, result.text, changed ? undefined : stat, recordedAtMs) };
  };
  const taxonomyFile = read(path.join(bundledRoot, TAXONOMY_PATH));
  const taxonomy = parseTaxonomy(taxonomyFile.text);
  const wordsFile = read(path.join(bundledRoot, COMMON_WORDS_PATH));
  const categories = taxonomy.categories.length > 0 ? new Set(taxonomy.categories.map((c) => c.id)) : undefined;
  const engines = taxonomy.engines.length > 0 ? new Set(taxonomy.engines.map((e) => e.id)) : undefined;
  const vocabulary = vocabularyKey(categories, engines);
  const folder = path.join(bundledRoot, 'terms');
  const files: SnapshotContent['files'] = [];
  const parseCache: NonNullable<Parameters<typeof loadGlossary>[3]>['parseCache'] = new Map();
  const fileOfTerm = new Map<Term, number>();
  for (const file of listMarkdownFiles(fileSystem, folder)) {
    const { text, input } = read(file);
    const result = parseTermFile(text, path.basename(file, '.md'), '', 'bundled', { categories, engines });
    if (result.term) fileOfTerm.set(result.term, files.length);
    parseCache.set(URI.file(file).toString(), { text, categoriesKey: vocabulary, result });
    files.push({ ...input, result });
  }
  return encodeSnapshot({
    buildId: options.buildId,
    recordedAtMs,
    vocabulary,
    taxonomy: { ...taxonomyFile.input, ...taxonomy },
    commonWords: wordsFile.input,
    files,
    glossary: prebuiltPart(fileSystem, bundledRoot, taxonomy, parseWordList(wordsFile.text), parseCache, fileOfTerm),
  });
}

/**
 * What loadGlossary gives for the bundled layer alone (shape checks only), compiled; undefined when loading it took
 * more than its term files (a file skipped or unreadable, a cap): those loads always read the files.
 */
function prebuiltPart(
  fileSystem: FileSystem,
  bundledRoot: string,
  taxonomy: ReturnType<typeof parseTaxonomy>,
  commonWords: Set<string>,
  parseCache: NonNullable<Parameters<typeof loadGlossary>[3]>['parseCache'],
  fileOfTerm: ReadonlyMap<Term, number>,
): PrebuiltPart | undefined {
  const meta: GlossaryMeta = {
    categories: taxonomy.categories,
    engines: taxonomy.engines,
    commonWords,
    notes: [],
  };
  const folder = path.join(bundledRoot, 'terms');
  const loaded = loadGlossary(fileSystem, [{ name: 'bundled', folder }], meta, { parseCache });
  const uris = listMarkdownFiles(fileSystem, folder).map((file) => URI.file(file).toString());
  if (loaded.notes.length > 0 || loaded.fileUris.join('\n') !== uris.join('\n')) return undefined;
  const terms = [...loaded.glossary.terms.values()];
  if (terms.some((term) => !fileOfTerm.has(term))) return undefined;
  const fileIndex = new Map(uris.map((uri, i) => [uri, i]));
  return {
    ids: terms.map((term) => term.id),
    files: terms.map((term) => fileOfTerm.get(term)!),
    problems: [...loaded.problems].map(([uri, problems]) => [fileIndex.get(uri)!, problems]),
    data: loaded.glossary.toData(),
  };
}
