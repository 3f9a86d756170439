import type { Glossary } from './glossary';
import type { Mention } from './mentions';
import type { Region } from './region';
import { foldForm } from './textFolding';

/** A name documents use that the glossary lacks: a term or alias to consider. */
export interface Candidate {
  text: string;
  kind: 'acronym' | 'phrase' | 'type name' | 'word form';
  count: number;
  /** For word forms: the term whose name it resembles. */
  nearTermId?: string;
  example: { file: string; line: number; text: string };
}

export interface ScannedDocument {
  file: string;
  text: string;
  regions: readonly Region[];
  mentions: readonly Mention[];
}

const ACRONYM = /^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?$/; // two capitals or more: TTFT, MIG, GDRCopy is a type name
const TYPE_NAME = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+$/; // LeaderWorkerSet, InferencePool
const CAPITALISED = /^[A-Z][a-z][a-z0-9-]*$/;
const SMALL = new Set(['a', 'an', 'the', 'of', 'for', 'and', 'or', 'to', 'in', 'on', 'with', 'by']);

/**
 * Names used in the prose of documents that no mention covers, ranked by how often they occur: acronyms, type
 * names (Kubernetes kinds), capitalised phrases of two to four words, and words that share a stem with a term's name
 * but are not one of its forms. `commonWords` filters out ordinary English.
 */
export function suggestCandidates(
  glossary: Glossary,
  documents: readonly ScannedDocument[],
  commonWords: ReadonlySet<string>,
  minCount = 2,
): Candidate[] {
  const found = new Map<string, Candidate>();
  const stems = termStems(glossary);
  const add = (text: string, kind: Candidate['kind'], doc: ScannedDocument, at: number, nearTermId?: string) => {
    const key = `${kind}\u0000${foldForm(text.replace(/s$/, ''))}`;
    const existing = found.get(key);
    if (existing) existing.count++;
    else found.set(key, { text, kind, count: 1, nearTermId, example: exampleAt(doc, at) });
  };
  for (const doc of documents) {
    const covered = (start: number, end: number) =>
      doc.mentions.some((m) => (m.extendsFrom ?? m.start) < end && start < m.end);
    for (const region of doc.regions) {
      if (region.kind === 'codespan') continue;
      // Words; identifiers (snake_case) are no names to suggest.
      const words = [...doc.text.slice(region.start, region.end).matchAll(/[\p{L}\p{N}][\p{L}\p{N}_-]*/gu)]
        .filter((m) => !m[0].includes('_'))
        .map((m) => ({
          text: m[0],
          start: region.start + m.index,
          end: region.start + m.index + m[0].length,
        }));
      for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (covered(word.start, word.end)) continue;
        if (ACRONYM.test(word.text) && word.text.length <= 10) {
          if (commonWords.has(word.text.toLowerCase().replace(/s$/, ''))) continue; // NOTE, TODO
          if (
            !glossary
              .formsStartingWith(foldForm(word.text.replace(/s$/, '')))
              .some((f) => foldForm(f.text) === foldForm(word.text.replace(/s$/, '')))
          )
            add(word.text, 'acronym', doc, word.start);
          continue;
        }
        if (TYPE_NAME.test(word.text)) {
          add(word.text, 'type name', doc, word.start);
          continue;
        }
        const lower = word.text.toLowerCase();
        const near = lower.length >= 5 && !commonWords.has(lower) ? stems.get(lemma(lower)) : undefined;
        if (near) add(lower, 'word form', doc, word.start, near);
        // Capitalised phrases: two to four capitalised words (small words allowed inside), not all everyday words.
        if (CAPITALISED.test(word.text) && (i === 0 || !CAPITALISED.test(words[i - 1].text))) {
          let j = i;
          const parts = [word];
          while (
            j + 1 < words.length &&
            parts.length < 4 &&
            (CAPITALISED.test(words[j + 1].text) ||
              (SMALL.has(words[j + 1].text) && CAPITALISED.test(words[j + 2]?.text ?? '')))
          ) {
            parts.push(words[++j]);
          }
          while (parts.length > 0 && SMALL.has(parts[parts.length - 1].text.toLowerCase())) parts.pop();
          while (parts.length > 0 && SMALL.has(parts[0].text.toLowerCase())) parts.shift(); // "The Endpoint Picker"
          if (parts.length < 2) continue;
          const first = parts[0];
          const last = parts[parts.length - 1];
          const onOneLine = !doc.text.slice(first.start, last.end).includes('\n');
          if (
            parts.length >= 2 &&
            onOneLine &&
            !parts.every((p) => commonWords.has(p.text.toLowerCase())) &&
            !covered(first.start, last.end)
          ) {
            add(doc.text.slice(first.start, last.end), 'phrase', doc, first.start);
          }
        }
      }
    }
  }
  return [...found.values()]
    .filter((c) => c.count >= minCount)
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

/** The lemma of every one-word name ("replica", "preemption" → "preempt"), to spot other forms of it in documents. */
function termStems(glossary: Glossary): Map<string, string> {
  const stems = new Map<string, string>();
  for (const term of glossary.terms.values()) {
    for (const name of [term.title, ...term.aliases]) {
      if (/^[A-Za-z]{5,}$/.test(name) && name !== name.toUpperCase()) stems.set(lemma(name.toLowerCase()), term.id);
    }
  }
  return stems;
}

/** A word without its common suffixes: "replicas", "replica" → "replica"; "preemptible", "preemption" → "preempt". */
function lemma(word: string): string {
  return word.replace(/(?:izations?|isations?|ations?|ions?|ers?|ings?|ed|es|s|ible|able|e)$/, '');
}

function exampleAt(doc: ScannedDocument, at: number): Candidate['example'] {
  const lineStart = doc.text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = doc.text.indexOf('\n', at);
  let line = 1;
  for (let i = doc.text.indexOf('\n'); i >= 0 && i < at; i = doc.text.indexOf('\n', i + 1)) line++;
  return {
    file: doc.file,
    line,
    text: doc.text
      .slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
      .trim()
      .slice(0, 160),
  };
}
