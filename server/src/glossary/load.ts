import type { Problem } from '../core/frontMatter';
import { Glossary } from '../core/glossary';
import { LintOptions, lintGlossary } from '../core/lint';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';
import type { GlossaryMeta } from './meta';
import { readTermFiles, TextCache } from './termFiles';

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
}

export interface LoadedGlossary {
  glossary: Glossary;
  /** Problems by term-file URI; files without problems are absent. */
  problems: Map<string, Problem[]>;
  /** Every term file read (by URI), with problems or not. */
  fileUris: string[];
  /** What was left out and why (caps, unreadable folders): for the log and the status bar. */
  notes: string[];
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
  const { files, unreadable, notes } = readTermFiles(fileSystem, layers, options.openBuffers, options.textCache);
  const result = lintGlossary(files, {
    categories: meta.categories.length > 0 ? new Set(meta.categories.map((c) => c.id)) : undefined,
    engines: meta.engines.length > 0 ? new Set(meta.engines.map((e) => e.id)) : undefined,
    commonWords: meta.commonWords,
    parseCache: options.parseCache,
    today: options.today,
    quality: options.quality,
    maxReviewAgeDays: options.maxReviewAgeDays,
  });
  for (const [uri, problem] of unreadable) result.problems.set(uri, [problem]);
  return {
    glossary: new Glossary(result.layers, meta.categories, { commonWords: meta.commonWords, engines: meta.engines }),
    problems: result.problems,
    fileUris: [...files.map((f) => f.uri), ...unreadable.keys()],
    notes: [...meta.notes, ...notes],
  };
}
