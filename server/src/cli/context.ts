import * as path from 'path';
import type { Glossary } from '../core/glossary';
import { nodeFileSystem } from '../glossary/fileSystem';
import { findBundledGlossary, GlossaryLayer, resolveLayers } from '../glossary/layers';
import { LoadedGlossary, loadGlossary, LoadOptions } from '../glossary/load';
import { readGlossaryMeta } from '../glossary/meta';

export const bundledRoot = findBundledGlossary(nodeFileSystem, path.resolve(__dirname));
export const log = (message: string) => process.stderr.write(`${message}\n`);
export const today = () => new Date().toISOString().slice(0, 10);

/** Taxonomy categories, engines and the common-words list of the bundled glossary. */
export const readMeta = () => readGlossaryMeta(nodeFileSystem, bundledRoot, log);

/** Loads layers from disk the way the server does, logging what was left out. */
export function loadLayers(
  layers: readonly GlossaryLayer[],
  options: Pick<LoadOptions, 'quality' | 'maxReviewAgeDays'> = {},
): LoadedGlossary {
  const loaded = loadGlossary(nodeFileSystem, layers, readMeta(), { today: today(), ...options });
  for (const note of loaded.notes) log(note);
  return loaded;
}

/** The glossary in force: bundled terms, then each --glossary folder (later layers override by id). */
export function loadCliGlossary(glossaryPaths: readonly string[]): Glossary {
  return loadLayers(
    resolveLayers(
      nodeFileSystem,
      bundledRoot,
      glossaryPaths.map((p) => path.resolve(p)),
      [],
    ),
  ).glossary;
}
