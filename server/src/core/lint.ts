import { lineOfKey, Problem } from './frontMatter';
import { foldForm, isAcronymForm } from './textFolding';
import { parseTermFile, Term, TermFileResult } from './termFile';
import { QualityOptions, qualityProblems } from './termQuality';

/** A term file as text, with where it came from; no I/O here. */
export interface GlossaryFile {
  uri: string;
  stem: string; // file name without .md: must equal the id
  text: string;
  layer: string;
}

export interface LintOptions extends QualityOptions {
  /** Also check substance: sources, review date and age, stub sections (see termQuality.ts). */
  quality?: boolean;
  categories?: ReadonlySet<string>;
  engines?: ReadonlySet<string>;
  /** Parse results of earlier runs by URI, reused while a file's text is unchanged (reloads after one edit stay cheap). */
  parseCache?: Map<string, { text: string; categoriesKey: string; result: TermFileResult }>;
  /** Ordinary English words: an alias equal to one of them would match everyday prose. */
  commonWords?: ReadonlySet<string>;
}

export interface LintResult {
  /** Loaded terms, one list per layer in the order layers first appear. */
  layers: Term[][];
  /** Problems by file URI; files without problems are absent. */
  problems: Map<string, Problem[]>;
}

/**
 * Parses every term file and adds the checks that need the whole glossary: related ids and successors
 * resolve, no two terms of a layer claim the same alias, no alias is a plain English word that would match
 * ordinary prose unless the term keeps it case-sensitive. The CLI linter and the server's diagnostics both
 * come from here, so they never disagree.
 */
export function lintGlossary(files: readonly GlossaryFile[], options: LintOptions = {}): LintResult {
  const problems = new Map<string, Problem[]>();
  const report = (uri: string, problem: Problem) => {
    const list = problems.get(uri);
    if (list) list.push(problem);
    else problems.set(uri, [problem]);
  };
  const layerOrder: string[] = [];
  const byLayer = new Map<string, { term: Term; file: GlossaryFile }[]>();
  const categoriesKey = vocabularyKey(options.categories, options.engines);
  const seen = new Set<string>();
  const idsByLayer = new Map<string, Map<string, GlossaryFile>>(); // id → the file that defines it
  const parsed: { file: GlossaryFile; term: Term | undefined }[] = [];
  for (const file of files) {
    seen.add(file.uri);
    const cached = options.parseCache?.get(file.uri);
    const result =
      cached &&
      cached.text === file.text &&
      cached.categoriesKey === categoriesKey &&
      cached.result.term?.layer === file.layer
        ? cached.result
        : parseTermFile(file.text, file.stem, file.uri, file.layer, {
            categories: options.categories,
            engines: options.engines,
          });
    options.parseCache?.set(file.uri, { text: file.text, categoriesKey, result });
    for (const problem of result.problems) report(file.uri, problem); // copied: cached results are never mutated
    if (!byLayer.has(file.layer)) {
      byLayer.set(file.layer, []);
      layerOrder.push(file.layer);
    }
    parsed.push({ file, term: result.term });
  }
  // Two files of one layer (say a/x.md and b/x.md, or x.md and x-2.md) with one id: the one named after the id is
  // used, else the first in path order; the other is reported.
  for (const { file, term } of parsed) {
    if (!term) continue;
    const ids = idsByLayer.get(file.layer) ?? idsByLayer.set(file.layer, new Map()).get(file.layer)!;
    const chosen = ids.get(term.id);
    if (!chosen || (chosen.stem !== term.id && file.stem === term.id)) ids.set(term.id, file);
  }
  for (const { file, term } of parsed) {
    if (!term) continue;
    const chosen = idsByLayer.get(file.layer)!.get(term.id)!;
    if (chosen === file) byLayer.get(file.layer)!.push({ term, file });
    else
      report(file.uri, {
        line: lineOfKey(file.text, 'id'),
        severity: 'error',
        message: `id "${term.id}" is already used by ${chosen.uri} in the same glossary folder; this file is not loaded`,
      });
  }
  if (options.parseCache)
    for (const uri of options.parseCache.keys()) if (!seen.has(uri)) options.parseCache.delete(uri);
  const knownIds = new Set([...byLayer.values()].flat().map((e) => e.term.id));

  for (const entries of byLayer.values()) {
    const claimedBy = new Map<string, string>(); // folded form → id of the first term claiming it
    const relatedOf = new Map(entries.map((e) => [e.term.id, new Set(e.term.related)]));
    for (const { term, file } of entries) {
      const error = (key: string, message: string) =>
        report(file.uri, { line: lineOfKey(file.text, key), severity: 'error', message });
      for (const id of term.related) {
        if (id === term.id) error('related', `"${id}" lists itself as related`);
        else if (!knownIds.has(id)) error('related', `related term "${id}" does not exist`);
        else if (relatedOf.has(id) && !relatedOf.get(id)!.has(term.id)) {
          report(file.uri, {
            line: lineOfKey(file.text, 'related'),
            severity: 'warning',
            message: `"${id}" does not list "${term.id}" back as related; add it there if the relation goes both ways`,
          });
        }
        if (knownIds.has(id) && !(term.sections['Related terms']?.text ?? '').includes(`(${id}.md)`)) {
          report(file.uri, {
            line: term.sections['Related terms']?.line ?? 0,
            severity: 'warning',
            message: `"Related terms" does not link ${id}.md although front matter lists it`,
          });
        }
      }
      if (options.quality)
        for (const problem of qualityProblems(term, (key) => lineOfKey(file.text, key), options))
          report(file.uri, problem);
      if (term.replacedBy && !knownIds.has(term.replacedBy))
        error('replaced_by', `replaced_by names "${term.replacedBy}", which does not exist`);
      const exact = new Set(term.caseSensitive);
      for (const form of [term.title, ...term.aliases]) {
        const key = foldForm(form);
        const owner = claimedBy.get(key);
        if (owner !== undefined && owner !== term.id)
          error(form === term.title ? 'title' : 'aliases', `"${form}" is already claimed by term "${owner}"`);
        else claimedBy.set(key, term.id);
      }
      for (const alias of term.aliases) {
        const plainWord = /^[A-Za-z][a-z'-]*$/.test(alias) && options.commonWords?.has(alias.toLowerCase());
        if (plainWord && !exact.has(alias) && !isAcronymForm(alias)) {
          error(
            'aliases',
            `alias "${alias}" is an everyday English word and would match ordinary prose; remove it or list it under case_sensitive`,
          );
        }
      }
    }
  }
  return { layers: layerOrder.map((name) => byLayer.get(name)!.map((e) => e.term)), problems };
}

/** What a term file's parse result depends on besides its text: the categories and engines it was checked against. */
export function vocabularyKey(categories?: ReadonlySet<string>, engines?: ReadonlySet<string>): string {
  return `${categories ? [...categories].join(',') : ''}|${engines ? [...engines].join(',') : ''}`;
}

/** Parses the generated common-words list (one word a line, # comments). */
export function parseWordList(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('#')));
}
