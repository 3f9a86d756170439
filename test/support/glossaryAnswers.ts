import fc from 'fast-check';
import type { Glossary } from '../../server/src/core/glossary';
import { analyzeDocument } from '../../server/src/core/mentions';
import type { NameContext } from '../../server/src/core/nameMatcher';

/** Every answer a glossary gives that the server uses, on `texts`, as plain data. */
export function answers(glossary: Glossary, texts: readonly string[]) {
  const contexts: NameContext[] = [];
  for (const family of ['docs', 'config', 'code'] as const)
    for (const inProse of [() => true, () => false, (start: number) => start % 2 === 0])
      contexts.push({ family, inProse });
  const prefixes = new Set(['', '-', '--', 'v', 'V', 'vllm:', 'k', 'kv', 'ttft']);
  for (const form of glossary.forms) prefixes.add(form.text.slice(0, 2).toLowerCase());
  const names = glossary.names.namesStartingWith('', 100_000);
  for (const { name } of names) prefixes.add(name.slice(0, 3));
  const knobsAreTheTerms = (termIds: readonly string[], knobs: readonly object[]) =>
    knobs.every((knob) => termIds.some((id) => glossary.get(id)?.knobs.includes(knob as never)));
  return JSON.parse(
    JSON.stringify({
      terms: [...glossary.terms],
      ids: [...glossary.terms.keys()],
      size: glossary.terms.size,
      forms: glossary.forms,
      overridden: [...glossary.overridden],
      contextRules: [...glossary.contextRules],
      contextTermsOf: [...glossary.contextTermsOf].map(([id, ids]) => [id, [...ids]]),
      formCount: glossary.matcher.formCount,
      namesSize: glossary.names.size,
      names,
      knobsOfNames: names.every((n) => knobsAreTheTerms(n.termIds, n.knobs)),
      completions: [...prefixes].map((p) => [
        p,
        glossary.formsStartingWith(p),
        glossary.names.namesStartingWith(p).map((n) => n.name),
      ]),
      titles: ['vllm', 'gpu-memory', 'execution', 'nope'].map((id) => [
        glossary.engineTitle(id),
        glossary.categoryTitle(id),
      ]),
      texts: texts.map((text) => {
        const visited: [number, number, readonly string[]][] = [];
        glossary.matcher.forEachMatch(text, 0, text.length, (start, end, ids) => visited.push([start, end, ids]));
        const nameMatches = contexts.map((context) => glossary.names.scan(text, context));
        return {
          scan: glossary.matcher.scan(text),
          visited,
          at: [0, 1, 5].map((start) => glossary.matcher.matchAt(text, start, text.length)),
          names: nameMatches,
          knobsOfMatches: nameMatches.every((found) => found.every((m) => knobsAreTheTerms(m.termIds, m.knobs))),
          markdown: analyzeDocument(glossary, 'markdown', text).mentions,
          yaml: analyzeDocument(glossary, 'yaml', text).mentions,
          python: analyzeDocument(glossary, 'python', text).mentions,
        };
      }),
    }),
  );
}

/** Text made of the glossary's own forms and names among words, spaces and punctuation. */
export function textOf(glossary: Glossary): fc.Arbitrary<string> {
  const pieces = [
    ...glossary.forms.map((f) => f.text),
    ...glossary.forms.map((f) => f.text.toUpperCase()),
    ...glossary.names.namesStartingWith('', 1000).map((n) => n.name),
    ...[' ', ' ', '\n', '. ', ', ', '-', '_', '`', '# ', '=', ': ', '"', 's', "'s", 'the', 'certificate', 'in'],
  ];
  return fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));
}
