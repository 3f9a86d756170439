import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_MAX_DOCUMENT_CHARS } from './analysisCache';
import type { GlossaryLayer } from './glossaryStore';

export interface ServerSettings {
  glossaryPaths: string[];
  maxDocumentChars: number;
  spellingHints: boolean;
  deprecationHints: boolean;
  semanticHighlighting: boolean;
}

/** Settings from initializationOptions or the `llmGlossary` configuration section; anything malformed falls back. */
export function settingsFrom(raw: unknown, fallback?: ServerSettings): ServerSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const paths = Array.isArray(value.glossaryPaths) ? value.glossaryPaths.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : undefined;
  const maxSize = typeof value.maxDocumentSize === 'number' && value.maxDocumentSize > 0 ? value.maxDocumentSize : undefined;
  const diagnostics = (value.diagnostics && typeof value.diagnostics === 'object' ? value.diagnostics : {}) as Record<string, unknown>;
  const flag = (raw: unknown, previous: boolean | undefined, byDefault: boolean) => (typeof raw === 'boolean' ? raw : (previous ?? byDefault));
  return {
    glossaryPaths: paths ?? fallback?.glossaryPaths ?? [],
    maxDocumentChars: maxSize ?? fallback?.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS,
    spellingHints: flag(diagnostics.spelling, fallback?.spellingHints, false),
    deprecationHints: flag(diagnostics.deprecated, fallback?.deprecationHints, false),
    semanticHighlighting: flag(value.semanticHighlighting, fallback?.semanticHighlighting, true),
  };
}

/** The bundled glossary root: the nearest folder at or above `from` holding terms/ and _meta/taxonomy.md. */
export function findBundledGlossary(from: string): string {
  for (let dir = from, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'terms')) && fs.existsSync(path.join(dir, '_meta', 'taxonomy.md'))) return dir;
  }
  return path.resolve(from, '..');
}

/**
 * Layers in override order: bundled terms first, then each configured folder (relative paths resolve
 * against every workspace folder), then a `.glossary/` folder at each workspace root when present.
 */
export function resolveLayers(bundledRoot: string, glossaryPaths: readonly string[], workspaceFolders: readonly string[], trusted = true): GlossaryLayer[] {
  const layers: GlossaryLayer[] = [{ name: 'bundled', folder: path.join(bundledRoot, 'terms') }];
  // An untrusted workspace (VS Code Workspace Trust) gets the bundled glossary only: its folders are not read.
  if (!trusted) return layers;
  const seen = new Set([layers[0].folder]);
  const add = (name: string, folder: string) => {
    if (!seen.has(folder)) layers.push({ name, folder });
    seen.add(folder);
  };
  for (const configured of glossaryPaths) {
    const expanded = configured.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
    if (path.isAbsolute(expanded)) add(configured, path.normalize(expanded));
    else for (const root of workspaceFolders) add(configured, path.resolve(root, expanded));
  }
  for (const root of workspaceFolders) {
    const dotGlossary = path.join(root, '.glossary');
    if (fs.existsSync(dotGlossary)) add('.glossary', dotGlossary);
  }
  return layers;
}
