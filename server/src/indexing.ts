import { Glossary } from './core/glossary';
import { LineMap } from './core/lineMap';
import { analyzeDocument } from './core/mentions';
import type { Term } from './core/termFile';

/** A mention as stored in the workspace index: positions, so answers need no file access. */
export interface IndexedMention {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  termIds: readonly string[];
}

/** Files larger than this are not indexed (an open editor still analyses them). */
export const MAX_INDEXED_FILE_BYTES = 1024 * 1024;

/**
 * The mentions of one file for the workspace index. Comments of code are found by the core's lexer, never by
 * tree-sitter (which open documents use): indexing a large workspace stays a fraction of a full parse of every file,
 * and takes memory that does not grow with it.
 */
export function indexedMentions(glossary: Glossary, languageId: string, text: string): IndexedMention[] {
  const { mentions } = analyzeDocument(glossary, languageId, text);
  if (mentions.length === 0) return [];
  const lines = new LineMap(text);
  return mentions.map((m) => {
    const start = lines.positionAt(m.extendsFrom ?? m.start);
    const end = lines.positionAt(m.end);
    return {
      line: start.line,
      character: start.character,
      endLine: end.line,
      endCharacter: end.character,
      termIds: m.termIds,
    };
  });
}

/** What of a term its surface forms are made from: all the index's worker needs to match as the server does. */
export type MatchingTerm = Pick<
  Term,
  'id' | 'title' | 'aliases' | 'caseSensitive' | 'caseInsensitive' | 'avoid' | 'explicitOnly'
>;

export function matchingTermsOf(glossary: Glossary): MatchingTerm[] {
  return [...glossary.terms.values()].map(
    ({ id, title, aliases, caseSensitive, caseInsensitive, avoid, explicitOnly }) => ({
      id,
      title,
      aliases,
      caseSensitive,
      caseInsensitive,
      avoid,
      explicitOnly,
    }),
  );
}

/** A glossary that matches exactly as the one `terms` came from (its hover texts are not needed to index). */
export function glossaryForMatching(terms: readonly MatchingTerm[]): Glossary {
  return new Glossary([
    terms.map((t) => ({
      ...t,
      category: '',
      related: [],
      deprecated: false,
      forms: [],
      excludeForms: [],
      sources: [],
      knobs: [],
      sections: {},
      source: '',
      layer: '',
    })),
  ]);
}

/** The surface forms a glossary matches, compared cheaply: whether an index made with `a` holds for `b`. */
export function sameMatching(a: Glossary | undefined, b: Glossary): boolean {
  if (!a) return false;
  if (a === b) return true;
  if (a.forms.length !== b.forms.length) return false;
  for (let i = 0; i < a.forms.length; i++) {
    const x = a.forms[i];
    const y = b.forms[i];
    if (x.text !== y.text || x.termId !== y.termId || x.caseSensitive !== y.caseSensitive) return false;
  }
  return true;
}

/** Messages between the workspace index and its worker thread (indexWorker.ts). */
export type ToWorker =
  | { kind: 'glossary'; terms: MatchingTerm[] }
  | { kind: 'file'; id: number; fsPath: string; languageId: string; text?: string };
export type FromWorker =
  { kind: 'indexed'; id: number; mentions: IndexedMention[] } | { kind: 'skipped'; id: number; reason: string };
