import { Hover, MarkupKind, Range } from './lsp';
import type { Glossary } from '../core/glossary';
import { describeKnobs } from '../core/knobText';
import { escapeInline } from '../core/markdownText';
import type { Mention } from '../core/mentions';
import type { Term } from '../core/termFile';
import { sanitizeGlossaryMarkdown } from '../core/safeMarkdown';

/** Hover for a mention: each sense's canonical name as a heading, its category, definition and related terms. */
export function hoverForMention(glossary: Glossary, mention: Mention, range: Range): Hover | null {
  const senses = mention.termIds.map((id) => glossary.get(id)).filter((t): t is Term => t !== undefined);
  if (senses.length === 0) return null;
  if (mention.knobs && mention.knobs.length > 0) {
    // A knob or metric: what it is per engine first, then the term it belongs to; other terms that list it as links.
    const also = senses.slice(1).map(termLink);
    const value = [describeKnobs(glossary, mention.knobs), describeTermBriefly(glossary, senses[0])];
    if (also.length > 0) value.push(`Also under: ${also.join(' · ')}`);
    return { contents: { kind: MarkupKind.Markdown, value: value.join('\n\n---\n\n') }, range };
  }
  const value = senses.map((term) => describedTerm(glossary, term)).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/**
 * describeTerm's text, made once per term of a glossary: a glossary never changes once built (a reload builds a new
 * one), and a document hovered term by term asks for the same few terms again and again.
 */
const described = new WeakMap<Glossary, Map<string, string>>();

function describedTerm(glossary: Glossary, term: Term): string {
  let texts = described.get(glossary);
  if (!texts) described.set(glossary, (texts = new Map()));
  let text = texts.get(term.id);
  if (text === undefined) texts.set(term.id, (text = describeTerm(glossary, term)));
  return text;
}

/** Under a knob: the term it belongs to in one paragraph, its name linking to the entry (the hover stays short). */
export function describeTermBriefly(glossary: Glossary, term: Term): string {
  const definition = term.sections.Definition?.text.split(/\n\s*\n/)[0];
  const name = `**[${escapeInline(term.title)}](${term.source}${lineFragment(term)})**`;
  const category = `*${escapeInline(glossary.categoryTitle(term.category))}*`;
  return `${name} · ${category} — ${definition ? sanitizeGlossaryMarkdown(definition) : '_No definition written yet._'}`;
}

/** At most this many related terms in a hover; the rest are one click away ("+N more" opens the term's list). */
export const MAX_RELATED_IN_HOVER = 6;

/**
 * A compact hover, so it fits VS Code's hover without scrolling: the name, category and a few aliases, the
 * definition's first paragraph, the closest related terms, and one row of links into the term file.
 */
export function describeTerm(glossary: Glossary, term: Term): string {
  const lines: string[] = [`### ${escapeInline(term.title)}`];
  const facts = [`*${escapeInline(glossary.categoryTitle(term.category))}*`];
  const aka = term.aliases.slice(0, 3).map(escapeInline);
  if (aka.length > 0) facts.push(`also: ${aka.join(', ')}`);
  if (glossary.overridden.has(term.id))
    facts.push(`from ${term.layer === 'bundled' ? 'the bundled glossary' : 'your workspace glossary'}`);
  lines.push(facts.join(' · '));
  if (term.deprecated) {
    const successor = term.replacedBy ? glossary.get(term.replacedBy) : undefined;
    lines.push(`**Deprecated**${successor ? `: use ${termLink(successor)}` : ''}.`);
  }
  // The first paragraph at once; the longer sections stay one click away, in the term file itself.
  const definition = term.sections.Definition?.text.split(/\n\s*\n/)[0];
  lines.push(definition ? sanitizeGlossaryMarkdown(definition) : '_No definition written yet._');
  const related = closestRelated(glossary, term);
  if (related.length > 0) {
    const shown = related.slice(0, MAX_RELATED_IN_HOVER).map(termLink);
    const rest = related.length - shown.length;
    const relatedLine = term.sections['Related terms']?.line;
    if (rest > 0)
      shown.push(
        `[+${rest} more](${term.source}${relatedLine === undefined ? lineFragment(term) : `#L${relatedLine + 1}`})`,
      );
    lines.push(`**Related:** ${shown.join(' · ')}`);
  }
  const more = MORE_SECTIONS.filter((name) => term.sections[name]).map(
    (name) => `[${name}](${term.source}#L${term.sections[name]!.line + 1})`,
  );
  lines.push(
    [`[Open the ${escapeInline(term.title)} entry](${term.source}${lineFragment(term)})`, ...more].join(' · '),
  );
  return lines.join('\n\n');
}

/**
 * The related terms that exist, closest first: those that name this term back among their own related terms, then
 * the rest, each group in the order the term file lists them (authors list the nearest first).
 */
export function closestRelated(glossary: Glossary, term: Term): Term[] {
  const related = [...new Set(term.related)].map((id) => glossary.get(id)).filter((t): t is Term => t !== undefined);
  const mutual = related.filter((t) => t.related.includes(term.id));
  return [...mutual, ...related.filter((t) => !t.related.includes(term.id))];
}

const MORE_SECTIONS = ['Key properties', 'Common pitfalls', 'In practice'] as const;

function termLink(term: Term): string {
  return `[${escapeInline(term.title)}](${term.source}${lineFragment(term)})`;
}

function lineFragment(term: Term): string {
  const line = term.sections.Definition?.line;
  return line === undefined ? '' : `#L${line + 1}`;
}
