import * as fs from 'fs';
import * as path from 'path';
import { Glossary } from '../core/glossary';
import { lintGlossary, parseWordList } from '../core/lint';
import { parseTaxonomy } from '../core/taxonomy';
import { readGlossaryFiles } from '../glossaryStore';
import { findBundledGlossary, resolveLayers } from '../settings';

export const bundledRoot = findBundledGlossary(path.resolve(__dirname));
export const log = (message: string) => process.stderr.write(`${message}\n`);

/** Taxonomy categories and the common-words list of the bundled glossary. */
export function readMeta() {
  const meta = path.join(bundledRoot, '_meta');
  const taxonomy = parseTaxonomy(fs.readFileSync(path.join(meta, 'taxonomy.md'), 'utf8'));
  const wordsFile = path.join(meta, 'common-words.txt');
  const commonWords = fs.existsSync(wordsFile) ? parseWordList(fs.readFileSync(wordsFile, 'utf8')) : undefined;
  return { categories: taxonomy.categories, engines: taxonomy.engines, commonWords };
}

/** The glossary in force: bundled terms, then each --glossary folder (later layers override by id). */
export function loadGlossary(glossaryPaths: readonly string[]): Glossary {
  const { categories, commonWords } = readMeta();
  const { files } = readGlossaryFiles(resolveLayers(bundledRoot, glossaryPaths.map((p) => path.resolve(p)), []), log);
  return new Glossary(lintGlossary(files, { commonWords }).layers, categories);
}
