import * as assert from 'assert';
import { GlossaryFile, lintGlossary } from '../../server/src/core/lint';
import { SECTION_NAMES } from '../../server/src/core/termFile';

function file(id: string, front: string, layer = 'bundled', relatedLinks: string[] = []): GlossaryFile {
  const sections = SECTION_NAMES.map((name) => `## ${name}\n\n${name === 'Related terms' ? relatedLinks.map((r) => `- [${r}](${r}.md) — x`).join('\n') || 'None.' : `About ${id}.`}\n`).join('\n');
  return { uri: `file:///g/${id}.md`, stem: id, text: `---\nid: ${id}\n${front}\n---\n\n${sections}`, layer };
}
const messages = (result: ReturnType<typeof lintGlossary>, id: string) => (result.problems.get(`file:///g/${id}.md`) ?? []).map((p) => `${p.severity} ${p.line}: ${p.message}`);
const options = { categories: new Set(['execution', 'serving']), commonWords: new Set(['cache', 'pool', 'ray']) };

describe('The glossary linter', () => {
  it('passes a clean pair of mutually related terms', () => {
    const result = lintGlossary([
      file('prefill', 'title: Prefill\ncategory: execution\nrelated: [decode]', 'bundled', ['decode']),
      file('decode', 'title: Decode\ncategory: execution\nrelated: [prefill]', 'bundled', ['prefill']),
    ], options);
    assert.deepStrictEqual([...result.problems], []);
    assert.strictEqual(result.layers[0].length, 2);
  });

  it('reports related ids that do not exist, at the related line', () => {
    const result = lintGlossary([file('prefill', 'title: Prefill\ncategory: execution\nrelated: [nope]')], options);
    assert.deepStrictEqual(messages(result, 'prefill'), ['error 4: related term "nope" does not exist']);
  });

  it('warns when a relation is one-way or missing from the Related terms section', () => {
    const result = lintGlossary([
      file('prefill', 'title: Prefill\ncategory: execution\nrelated: [decode]'),
      file('decode', 'title: Decode\ncategory: execution'),
    ], options);
    const found = messages(result, 'prefill');
    assert.ok(found.some((m) => m.startsWith('warning 4: "decode" does not list "prefill" back')), found.join('\n'));
    assert.ok(found.some((m) => /does not link decode\.md/.test(m)), found.join('\n'));
  });

  it('refuses an alias claimed by two terms of the same layer', () => {
    const result = lintGlossary([
      file('kv-cache', 'title: KV cache\ncategory: execution\naliases: [KVC]'),
      file('kv-store', 'title: KV store\ncategory: execution\naliases: [kvc, KV-cache]'),
    ], options);
    // "kvc" matches in any case, so it would also claim "KVC".
    assert.deepStrictEqual(messages(result, 'kv-store'), ['error 4: "kvc" is already claimed by term "kv-cache"', 'error 4: "KV-cache" is already claimed by term "kv-cache"']);
  });

  it('allows a later layer to re-claim the forms of the term it overrides', () => {
    const result = lintGlossary([file('kv-cache', 'title: KV cache\ncategory: execution'), file('kv-cache', 'title: KV cache\ncategory: execution', 'team')], options);
    assert.deepStrictEqual([...result.problems], []);
  });

  it('refuses everyday words as aliases unless kept case-sensitive', () => {
    const result = lintGlossary([
      file('kv-cache', 'title: KV cache\ncategory: execution\naliases: [cache]'),
      file('ray', 'title: Ray cluster\ncategory: serving\naliases: [Ray]\ncase_sensitive: [Ray]'),
    ], options);
    assert.deepStrictEqual(messages(result, 'kv-cache'), ['error 4: alias "cache" is an everyday English word and would match ordinary prose; remove it or list it under case_sensitive']);
    assert.deepStrictEqual(messages(result, 'ray'), []);
  });

  it('reports an unknown category and a successor that does not exist', () => {
    const result = lintGlossary([file('old', 'title: Old\ncategory: vibes\nstatus: deprecated\nreplaced_by: new')], options);
    assert.deepStrictEqual(messages(result, 'old').filter((m) => m.startsWith('error')), [
      'error 3: unknown category "vibes"; expected one of: execution, serving',
      'error 5: replaced_by names "new", which does not exist',
    ]);
  });
});
