import { Hover, MarkupKind, Range } from './lsp';
import type { Glossary } from '../core/glossary';
import type { Mention } from '../core/mentions';
import type { Term } from '../core/termFile';
import { sanitizeGlossaryMarkdown } from '../core/safeMarkdown';

/** Hover for a mention: each sense's canonical name as a heading, its category, definition and related terms. */
export function hoverForMention(glossary: Glossary, mention: Mention, range: Range): Hover | null {
  const senses = mention.termIds.map((id) => glossary.get(id)).filter((t): t is Term => t !== undefined);
  if (senses.length === 0) return null;
  const value = senses.map((term) => describeTerm(glossary, term)).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

export function describeTerm(glossary: Glossary, term: Term): string {
  const lines: string[] = [`### ${escapeInline(term.title)}`];
  const facts = [`*${escapeInline(glossary.categoryTitle(term.category))}*`];
  const aka = term.aliases.slice(0, 4).map(escapeInline);
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
  const related = term.related.map((id) => glossary.get(id)).filter((t): t is Term => t !== undefined);
  if (related.length > 0) lines.push(`**Related:** ${related.map(termLink).join(' · ')}`);
  const more = MORE_SECTIONS.filter((name) => term.sections[name]).map(
    (name) => `[${name}](${term.source}#L${term.sections[name]!.line + 1})`,
  );
  lines.push(
    [`[Open the ${escapeInline(term.title)} entry](${term.source}${lineFragment(term)})`, ...more].join(' · '),
  );
  return lines.join('\n\n');
}

const MORE_SECTIONS = ['Key properties', 'Common pitfalls', 'In practice'] as const;

function termLink(term: Term): string {
  return `[${escapeInline(term.title)}](${term.source}${lineFragment(term)})`;
}

function lineFragment(term: Term): string {
  const line = term.sections.Definition?.line;
  return line === undefined ? '' : `#L${line + 1}`;
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
