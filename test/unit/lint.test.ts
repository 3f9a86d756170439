import * as assert from 'assert';
import { GlossaryFile, lintGlossary } from '../../server/src/core/lint';
import { termFileBody } from '../support/termFactory';

/** A term file that passes every check but the one a test is about: sourced, reviewed, with sections of substance. */
function file(id: string, front: string, layer = 'bundled', relatedLinks: string[] = []): GlossaryFile {
  const body: Record<string, string> = {
    'Related terms': relatedLinks.map((r) => `- [${r}](${r}.md) — x`).join('\n') || 'None.',
    'Key properties': '- one fact\n- two facts\n- three facts',
    'Common pitfalls': '- a mistake, and its symptom\n- another, and its symptom',
    'In practice': `Set \`--${id}\` to 16 and watch the metric that shows it; ${'word '.repeat(30)}`,
  };
  const sections = termFileBody((name) => body[name] ?? `About ${id}.`);
  return {
    uri: `file:///g/${id}.md`,
    stem: id,
    text: `---\nid: ${id}\n${front}\nsources: [https://example.org/${id}]\nreviewed: 2026-11-01\n---\n\n${sections}`,
    layer,
  };
}
const messages = (result: ReturnType<typeof lintGlossary>, id: string) =>
  (result.problems.get(`file:///g/${id}.md`) ?? []).map((p) => `${p.severity} ${p.line}: ${p.message}`);
const options = { categories: new Set(['execution', 'serving']), commonWords: new Set(['cache', 'pool', 'ray']) };

describe('The glossary linter', () => {
  it('passes a clean pair of mutually related terms', () => {
    const result = lintGlossary(
      [
        file('prefill', 'title: Prefill\ncategory: execution\nrelated: [decode]', 'bundled', ['decode']),
        file('decode', 'title: Decode\ncategory: execution\nrelated: [prefill]', 'bundled', ['prefill']),
      ],
      options,
    );
    assert.deepStrictEqual([...result.problems], []);
    assert.strictEqual(result.layers[0].length, 2);
  });

  it('reports related ids that do not exist, at the related line', () => {
    const result = lintGlossary([file('prefill', 'title: Prefill\ncategory: execution\nrelated: [nope]')], options);
    assert.deepStrictEqual(messages(result, 'prefill'), ['error 4: related term "nope" does not exist']);
  });

  it('warns when a relation is one-way or missing from the Related terms section', () => {
    const result = lintGlossary(
      [
        file('prefill', 'title: Prefill\ncategory: execution\nrelated: [decode]'),
        file('decode', 'title: Decode\ncategory: execution'),
      ],
      options,
    );
    const found = messages(result, 'prefill');
    assert.ok(
      found.some((m) => m.startsWith('warning 4: "decode" does not list "prefill" back')),
      found.join('\n'),
    );
    assert.ok(
      found.some((m) => /does not link decode\.md/.test(m)),
      found.join('\n'),
    );
  });

  it('refuses an alias claimed by two terms of the same layer', () => {
    const result = lintGlossary(
      [
        file('kv-cache', 'title: KV cache\ncategory: execution\naliases: [KVC]'),
        file('kv-store', 'title: KV store\ncategory: execution\naliases: [kvc, KV-cache]'),
      ],
      options,
    );
    // "kvc" matches in any case, so it would also claim "KVC".
    assert.deepStrictEqual(messages(result, 'kv-store'), [
      'error 4: "kvc" is already claimed by term "kv-cache"',
      'error 4: "KV-cache" is already claimed by term "kv-cache"',
    ]);
  });

  it('allows a later layer to re-claim the forms of the term it overrides', () => {
    const result = lintGlossary(
      [
        file('kv-cache', 'title: KV cache\ncategory: execution'),
        file('kv-cache', 'title: KV cache\ncategory: execution', 'team'),
      ],
      options,
    );
    assert.deepStrictEqual([...result.problems], []);
  });

  it('refuses everyday words as aliases unless kept case-sensitive', () => {
    const result = lintGlossary(
      [
        file('kv-cache', 'title: KV cache\ncategory: execution\naliases: [cache]'),
        file('ray', 'title: Ray cluster\ncategory: serving\naliases: [Ray]\ncase_sensitive: [Ray]'),
      ],
      options,
    );
    assert.deepStrictEqual(messages(result, 'kv-cache'), [
      'error 4: alias "cache" is an everyday English word and would match ordinary prose; remove it or list it under case_sensitive',
    ]);
    assert.deepStrictEqual(messages(result, 'ray'), []);
  });

  it('reports an unknown category and a successor that does not exist', () => {
    const result = lintGlossary(
      [file('old', 'title: Old\ncategory: vibes\nstatus: deprecated\nreplaced_by: new')],
      options,
    );
    assert.deepStrictEqual(
      messages(result, 'old').filter((m) => m.startsWith('error')),
      [
        'error 3: unknown category "vibes"; expected one of: execution, serving',
        'error 5: replaced_by names "new", which does not exist',
      ],
    );
  });

  it('warns about a term without sources or review date', () => {
    const bare = file('prefill', 'title: Prefill\ncategory: execution');
    bare.text = bare.text.replace(/sources:.*\nreviewed:.*\n/, '');
    assert.deepStrictEqual(
      messages(lintGlossary([bare], options), 'prefill'),
      [],
      'substance is checked only when asked',
    );
    const result = lintGlossary([bare], { ...options, quality: true });
    assert.deepStrictEqual(
      messages(result, 'prefill').map((m) => m.slice(0, 40)),
      ['warning 1: no sources: list the primary ', 'warning 1: no review date: add "reviewed'],
    );
  });

  it('warns when the review is older than the allowed age, and not when the age check is off', () => {
    const files = [file('prefill', 'title: Prefill\ncategory: execution')];
    assert.deepStrictEqual(
      messages(lintGlossary(files, { ...options, quality: true, today: '2026-12-01' }), 'prefill'),
      [],
    );
    assert.deepStrictEqual(
      messages(lintGlossary(files, { ...options, quality: true, today: '2028-01-01' }), 'prefill'),
      [
        'warning 5: last reviewed 2026-11-01, 426 days ago (the limit is 365): check the claims against current sources',
      ],
    );
    assert.deepStrictEqual(
      messages(lintGlossary(files, { ...options, quality: true, today: '2028-01-01', maxReviewAgeDays: 0 }), 'prefill'),
      [],
    );
  });

  it('warns about stub sections: too few properties or pitfalls, an In practice with nothing concrete', () => {
    const stub = file('prefill', 'title: Prefill\ncategory: execution');
    stub.text = stub.text
      .replace('- one fact\n- two facts\n- three facts', '- one fact')
      .replace('- another, and its symptom', '')
      .replace(/Set `--prefill` to 16/, 'Think about it');
    const warnings = messages(lintGlossary([stub], { ...options, quality: true }), 'prefill').map((m) =>
      m.replace(/^warning \d+: /, '').slice(0, 30),
    );
    assert.deepStrictEqual(warnings, [
      '"Key properties" has 1 bullet(',
      '"Common pitfalls" has 1 bullet',
      '"In practice" names nothing co',
    ]);
  });

  it('validates knobs and metrics: kind, type, engine, source, version order', () => {
    const knobs = [
      'knobs:',
      '  - { name: --max-num-seqs, engine: vllm, kind: flag, default: "256", source: "https://github.com/vllm-project/vllm/blob/0/x.py" }',
      '  - { name: --old-flag, engine: vllm, kind: flag, removed: 0.9.0, since: 0.10.0, source: "https://example.org/a" }',
      '  - { name: NO_SOURCE, engine: vllm, kind: env }',
      '  - { name: --x, engine: nope, kind: switch, source: "https://example.org/b" }',
      'metrics:',
      '  - { name: "vllm:num_requests_waiting", engine: vllm, type: gauge, source: "https://example.org/c" }',
      '  - { name: "vllm:bad", engine: vllm, type: meter, source: "https://example.org/d" }',
    ].join('\n');
    const result = lintGlossary([file('max-num-seqs', `title: max-num-seqs\ncategory: execution\n${knobs}`)], {
      ...options,
      engines: new Set(['vllm']),
    });
    assert.deepStrictEqual(
      messages(result, 'max-num-seqs').map((m) => m.replace(/^(\w+) \d+: /, '$1 ')),
      [
        'warning knobs[1] (--old-flag) is deprecated or removed: name what replaces it in replaced_by',
        'error knobs[1] (--old-flag): removed (0.9.0) must come after since (0.10.0)',
        "error knobs[2] (NO_SOURCE) needs a source: an https URL of the engine's docs or source file",
        'warning knobs[3] (--x): unknown engine "nope"; known: vllm',
        'error knobs[3] (--x).kind must be one of flag, env, config, param, command',
        'error metrics[1] (vllm:bad).type must be one of counter, gauge, histogram, summary',
      ],
    );
    const term = result.layers[0][0];
    assert.deepStrictEqual(
      term.knobs.map((k) => `${k.kind} ${k.name}`),
      ['flag --max-num-seqs', 'metric vllm:num_requests_waiting'],
    );
  });

  it("reads a knob's `under`: the keys a generic key belongs under, as a list of key names", () => {
    const knobs = [
      'knobs:',
      '  - { name: pollSeconds, engine: kubernetes, kind: config, under: [healthCheck, warmupCheck], source: "https://example.org/a" }',
      '  - { name: waitSeconds, engine: kubernetes, kind: config, under: healthCheck, source: "https://example.org/b" }',
      '  - { name: graceSeconds, engine: kubernetes, kind: config, under: ["a b"], source: "https://example.org/c" }',
    ].join('\n');
    const result = lintGlossary([file('health', `title: Health\ncategory: execution\n${knobs}`)], {
      ...options,
      engines: new Set(['kubernetes']),
    });
    assert.deepStrictEqual(
      messages(result, 'health').map((m) => m.replace(/^(\w+) \d+: /, '$1 ')),
      [
        'error knobs[1] (waitSeconds).under must be a list of the keys it belongs under',
        'error knobs[2] (graceSeconds).under must be a list of the keys it belongs under',
      ],
    );
    assert.deepStrictEqual(
      result.layers[0][0].knobs.map((k) => [k.name, k.under]),
      [['pollSeconds', ['healthCheck', 'warmupCheck']]],
    );
  });
});
