import type { Glossary } from './glossary';
import type { Knob } from './knobs';
import { escapeInline, sourceLink } from './markdownText';

const KIND_NAMES: Record<Knob['kind'], string> = {
  flag: 'flag',
  env: 'environment variable',
  config: 'config field',
  param: 'request parameter',
  command: 'command',
  metric: 'metric',
};

/** How a knob is set, in words: "flag", "environment variable", "histogram metric". */
export function knobKindText(knob: Knob): string {
  return `${knob.metricType ? `${knob.metricType} ` : ''}${KIND_NAMES[knob.kind]}`;
}

/** The knob or metric itself: one row per engine that has it, with kind, default, versions and its source. */
export function describeKnobs(glossary: Glossary, knobs: readonly Knob[]): string {
  const rows = [`### \`${knobs[0].name.replace(/`/g, '')}\``];
  const seen = new Set<string>();
  for (const knob of knobs) {
    const key = `${knob.engine}\u0000${knob.kind}\u0000${knob.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const facts = [`**${escapeInline(glossary.engineTitle(knob.engine))}** ${knobKindText(knob)}`];
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
