import { Hover, MarkupKind, Range } from './lsp';
import type { Glossary } from '../core/glossary';
import type { Knob } from '../core/knobs';
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
    const value = [describeKnobs(glossary, mention.knobs), describeTerm(glossary, senses[0])];
    if (also.length > 0) value.push(`Also under: ${also.join(' · ')}`);
    return { contents: { kind: MarkupKind.Markdown, value: value.join('\n\n---\n\n') }, range };
  }
  const value = senses.map((term) => describeTerm(glossary, term)).join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

const KIND_NAMES: Record<Knob['kind'], string> = {
  flag: 'flag',
  env: 'environment variable',
  config: 'config field',
  param: 'request parameter',
  command: 'command',
  metric: 'metric',
};

/** The knob or metric itself: one row per engine that has it, with kind, default, versions and its source. */
export function describeKnobs(glossary: Glossary, knobs: readonly Knob[]): string {
  const rows = [`### \`${knobs[0].name.replace(/`/g, '')}\``];
  const seen = new Set<string>();
  for (const knob of knobs) {
    const key = `${knob.engine}\u0000${knob.kind}\u0000${knob.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const facts = [
      `**${escapeInline(glossary.engineTitle(knob.engine))}** ${knob.metricType ? `${knob.metricType} ` : ''}${KIND_NAMES[knob.kind]}`,
    ];
    if (knob.name !== knobs[0].name) facts.push(`as \`${knob.name.replace(/`/g, '')}\``);
    if (knob.default !== undefined) facts.push(`default \`${knob.default.replace(/`/g, '')}\``);
    if (knob.since) facts.push(`since ${escapeInline(knob.since)}`);
    if (knob.removed) facts.push(`**removed in ${escapeInline(knob.removed)}**`);
    else if (knob.deprecated) facts.push(`**deprecated in ${escapeInline(knob.deprecated)}**`);
    if (knob.replacedBy) facts.push(`use \`${knob.replacedBy.replace(/`/g, '')}\``);
    const source = sourceLink(knob.source);
    if (source) facts.push(source);
    rows.push(facts.join(' · '));
  }
  return rows.join('\n\n');
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
  const knobs = knobsLine(glossary, term);
  if (knobs) lines.push(knobs);
  const more = MORE_SECTIONS.filter((name) => term.sections[name]).map(
    (name) => `[${name}](${term.source}#L${term.sections[name]!.line + 1})`,
  );
  lines.push(
    [`[Open the ${escapeInline(term.title)} entry](${term.source}${lineFragment(term)})`, ...more].join(' · '),
  );
  const provenance = provenanceLine(term);
  if (provenance) lines.push(provenance);
  return lines.join('\n\n');
}

/** At most this many knob names per engine in a term's hover; the term file lists them all. */
const MAX_KNOBS_PER_ENGINE = 3;

/** The term's knobs and metrics grouped per engine, names only: "vLLM `--kv-cache-dtype`, … · SGLang …". */
function knobsLine(glossary: Glossary, term: Term): string | undefined {
  if (term.knobs.length === 0) return undefined;
  const byEngine = new Map<string, string[]>();
  for (const knob of term.knobs) {
    const names = byEngine.get(knob.engine) ?? [];
    if (!names.includes(knob.name)) names.push(knob.name);
    byEngine.set(knob.engine, names);
  }
  const groups = [...byEngine].map(([engine, names]) => {
    const shown = names.slice(0, MAX_KNOBS_PER_ENGINE).map((n) => `\`${n.replace(/`/g, '')}\``);
    const rest = names.length - shown.length;
    return `${escapeInline(glossary.engineTitle(engine))} ${shown.join(', ')}${rest > 0 ? ` +${rest}` : ''}`;
  });
  return `**Knobs:** ${groups.join(' · ')}`;
}

/** Where the entry's claims come from and when they were last checked. */
function provenanceLine(term: Term): string | undefined {
  const links = term.sources
    .slice(0, 3)
    .map(sourceLink)
    .filter((l): l is string => l !== undefined);
  const rest = term.sources.length - links.length;
  const parts: string[] = [];
  if (links.length > 0) parts.push(`Sources: ${links.join(' · ')}${rest > 0 ? ` +${rest}` : ''}`);
  if (term.reviewed) {
    const versions = Object.entries(term.reviewed.versions).map(([engine, v]) => `${engine} ${v}`);
    parts.push(`reviewed ${term.reviewed.date}${versions.length > 0 ? ` (${escapeInline(versions.join(', '))})` : ''}`);
  }
  return parts.length > 0 ? `_${parts.join(' · ')}_` : undefined;
}

/**
 * A link to a source, labelled by its host and last path part. Only https URLs become links (the parser accepts no
 * others), with characters that could break the Markdown link percent-encoded.
 */
function sourceLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  const last = safeDecode(parsed.pathname.split('/').filter(Boolean).pop() ?? '');
  // On GitHub the repository says more than the host: "vllm-project/vllm …/cache.py".
  const repo = parsed.hostname === 'github.com' ? parsed.pathname.split('/').slice(1, 3).join('/') : '';
  const site = repo || parsed.hostname.replace(/^www\./, '');
  const label = escapeInline(`${site}${last && !site.endsWith(last) ? ` …/${last.slice(0, 40)}` : ''}`);
  return `[${label}](${parsed.href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

/** A path part as written; a malformed escape stays as it is. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
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

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
