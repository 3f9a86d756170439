import { Glossary } from '../../server/src/core/glossary';
import { SECTION_NAMES, SectionName, Term } from '../../server/src/core/termFile';

/** A complete term for tests; override only what a test is about. */
export function makeTerm(id: string, title: string, extra: Partial<Term> = {}): Term {
  const sections: Term['sections'] = {};
  SECTION_NAMES.forEach((name, i) => (sections[name] = { text: `${title} ${name.toLowerCase()}.`, line: 6 + i * 2 }));
  return {
    id,
    title,
    aliases: [],
    category: 'execution',
    related: [],
    caseSensitive: [],
    caseInsensitive: [],
    avoid: [],
    explicitOnly: false,
    deprecated: false,
    forms: [],
    excludeForms: [],
    contextForms: [],
    contextTerms: [],
    sources: [],
    knobs: [],
    sections,
    source: `file:///glossary/${id}.md`,
    layer: 'bundled',
    ...extra,
  };
}

/** The body of a term file: its seven sections in order, each `## Name`, a blank line and `textOf(name)`. */
export function termFileBody(textOf: (name: SectionName) => string = () => 'Text.'): string {
  return SECTION_NAMES.map((name) => `## ${name}\n\n${textOf(name)}\n`).join('\n');
}

/** A complete term file: the front matter's lines (`front`, without the fences), then termFileBody(textOf). */
export function termFileOf(front: string, textOf?: (name: SectionName) => string): string {
  return `---\n${front}\n---\n\n${termFileBody(textOf)}`;
}

/** The small glossary most core tests share. */
export function sampleGlossary(): Glossary {
  return new Glossary([
    [
      makeTerm('kv-cache', 'KV cache', { aliases: ['key-value cache'] }),
      makeTerm('paged-attention', 'Paged attention', { aliases: ['PagedAttention'] }),
      makeTerm('attention', 'Attention'),
      makeTerm('ttft', 'TTFT', { aliases: ['time to first token'] }),
      makeTerm('tensor-parallelism', 'Tensor parallelism', { aliases: ['TP'] }),
      makeTerm('qps', 'QPS', { aliases: ['queries per second'] }),
      makeTerm('fp8', 'FP8', { caseInsensitive: ['FP8'] }),
      makeTerm('scheduler', 'Scheduler'),
      makeTerm('continuous-batching', 'Continuous batching', { aliases: ['in-flight batching'] }),
      makeTerm('ray', 'Ray', { caseSensitive: ['Ray'] }),
      // "rank" alone is everyday English: it counts only near tensor parallelism or the term itself.
      makeTerm('process-rank', 'Process rank', { contextForms: ['rank'], related: ['tensor-parallelism'] }),
    ],
  ]);
}

/** The surface texts matched in text, for compact assertions. */
export function matchedTexts(glossary: Glossary, text: string): string[] {
  return glossary.matcher.scan(text).map((m) => text.slice(m.start, m.end));
}
