import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Glossary } from '../core/glossary';
import { nodeFileSystem } from '../glossary/fileSystem';
import { findBundledGlossary, GlossaryLayer, resolveLayers } from '../glossary/layers';
import { LoadedGlossary, loadGlossary, LoadOptions } from '../glossary/load';
import { readGlossaryMeta } from '../glossary/meta';
import { isInside } from '../paths';

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

/**
 * The glossary in force: bundled terms, then each --glossary folder (later layers override by id). What makes a
 * --glossary folder unusable (missing, not a folder) or keeps a term file in it out of the glossary (unreadable, not
 * a regular file, broken front matter, an id used twice: its errors) is written to stderr and counted in `errors`:
 * the caller exits 2, as for any other bad input, after doing what it can with the rest. Problems of terms that
 * are loaded all the same (a missing section) are for `lint`.
 */
export function loadCliGlossary(glossaryPaths: readonly string[]): { glossary: Glossary; errors: number } {
  let errors = 0;
  const folders: string[] = [];
  for (const given of glossaryPaths) {
    const folder = path.resolve(given);
    const kind = nodeFileSystem.stat(folder)?.kind;
    if (kind === 'directory') folders.push(folder);
    else {
      log(`llm-glossary: --glossary ${given}: ${kind ? 'not a folder' : 'no such folder'}`);
      errors++;
    }
  }
  const loaded = loadLayers(resolveLayers(nodeFileSystem, bundledRoot, folders, []));
  const used = new Set([...loaded.glossary.terms.values()].map((term) => term.source));
  const problems = [...loaded.problems]
    .filter(([uri]) => !used.has(uri))
    .map(([uri, list]) => [URI.parse(uri).fsPath, list] as const)
    .filter(([file]) => folders.some((folder) => isInside(folder, file)))
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [file, list] of problems)
    for (const problem of [...list].sort((a, b) => a.line - b.line))
      if (problem.severity === 'error') {
        log(`${path.relative(process.cwd(), file)}:${problem.line + 1}: error: ${problem.message}`);
        errors++;
      }
  if (errors > 0)
    log(`llm-glossary: ${errors} problem(s) with the --glossary folders (above); what they hold is not used`);
  return { glossary: loaded.glossary, errors };
}

/** Why `folder` cannot be linted (missing, not a folder), or undefined when it is a folder. */
export function unusableFolder(folder: string): string | undefined {
  const kind = nodeFileSystem.stat(path.resolve(folder))?.kind;
  if (kind === 'directory') return undefined;
  return kind ? 'not a folder (lint checks folders of term files)' : 'no such folder';
}
