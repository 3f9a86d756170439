import * as path from 'path';
import type { FileSystem } from './fileSystem';

export interface GlossaryLayer {
  /** "bundled", or the folder's path as configured. */
  name: string;
  folder: string;
}

/** The bundled glossary root: the nearest folder at or above `from` holding terms/ and _meta/taxonomy.md. */
export function findBundledGlossary(fileSystem: FileSystem, from: string): string {
  for (let dir = from, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    if (
      fileSystem.stat(path.join(dir, 'terms'))?.kind === 'directory' &&
      fileSystem.stat(path.join(dir, '_meta', 'taxonomy.md'))
    )
      return dir;
  }
  return path.resolve(from, '..');
}

/**
 * Layers in override order: bundled terms first, then each configured folder (relative paths resolve
 * against every workspace folder, `~` against `home`), then a `.glossary/` folder at each workspace root when present.
 * An untrusted workspace (VS Code Workspace Trust) gets the bundled glossary only: its folders are not read.
 */
export function resolveLayers(
  fileSystem: FileSystem,
  bundledRoot: string,
  glossaryPaths: readonly string[],
  workspaceFolders: readonly string[],
  options: { trusted?: boolean; home?: string } = {},
): GlossaryLayer[] {
  const layers: GlossaryLayer[] = [{ name: 'bundled', folder: path.join(bundledRoot, 'terms') }];
  if (options.trusted === false) return layers;
  const seen = new Set([layers[0].folder]);
  const add = (name: string, folder: string) => {
    if (!seen.has(folder)) layers.push({ name, folder });
    seen.add(folder);
  };
  for (const configured of glossaryPaths) {
    const expanded = options.home ? configured.replace(/^~(?=$|[\\/])/, options.home) : configured;
    if (path.isAbsolute(expanded)) add(configured, path.normalize(expanded));
    else for (const root of workspaceFolders) add(configured, path.resolve(root, expanded));
  }
  for (const root of workspaceFolders) {
    const dotGlossary = path.join(root, '.glossary');
    if (fileSystem.stat(dotGlossary)?.kind === 'directory') add('.glossary', dotGlossary);
  }
  return layers;
}
