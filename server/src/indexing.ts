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

/** The mentions of one file for the workspace index, found as in an open document. */
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

/** A term as the index's worker needs it: everything but its sections (hover text), which matching never reads. */
export type MatchingTerm = Omit<Term, 'sections'>;

export function matchingTermsOf(glossary: Glossary): MatchingTerm[] {
  return [...glossary.terms.values()].map((term) => {
    const { sections: _sections, ...matching } = term;
    return matching;
  });
}

/** A glossary that matches exactly as the one `terms` came from, made with the same everyday words. */
export function glossaryForMatching(terms: readonly MatchingTerm[], commonWords: readonly string[]): Glossary {
  return new Glossary([terms.map((term) => ({ ...term, sections: {} }))], [], { commonWords: new Set(commonWords) });
}

const signatures = new WeakMap<Glossary, string>();

/**
 * Whether an index made with glossary `a` holds for `b`: the same terms as far as matching goes (all but their hover
 * text, sources and review) and the same surface forms (generated word forms included).
 */
export function sameMatching(a: Glossary | undefined, b: Glossary): boolean {
  if (!a) return false;
  return a === b || signatureOf(a) === signatureOf(b);
}

function signatureOf(glossary: Glossary): string {
  let signature = signatures.get(glossary);
  if (signature === undefined) {
    const terms = [...glossary.terms.values()].map((term) => {
      const { sections: _s, source: _source, layer: _layer, sources: _sources, reviewed: _reviewed, ...rest } = term;
      return rest;
    });
    const forms = glossary.forms.map((f) => [f.text, f.termId, f.caseSensitive]);
    signature = JSON.stringify([terms, forms]);
    signatures.set(glossary, signature);
  }
  return signature;
}

/** Messages between the workspace index and its worker thread (indexWorker.ts). */
export type ToWorker =
  | { kind: 'glossary'; terms: MatchingTerm[]; commonWords: string[] }
  /** The glossary is a snapshot's prebuilt one (see prebuiltSourceOf): the worker makes it from the same bytes. */
  | { kind: 'prebuilt'; root: string; bytes: Uint8Array }
  | { kind: 'file'; id: number; fsPath: string; languageId: string; text?: string };
export type FromWorker =
  { kind: 'indexed'; id: number; mentions: IndexedMention[] } | { kind: 'skipped'; id: number; reason: string };
