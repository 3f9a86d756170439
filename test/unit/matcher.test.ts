import * as assert from 'assert';
import { Glossary } from '../../server/src/core/glossary';
import { analyzeDocument } from '../../server/src/core/mentions';
import { makeTerm, matchedTexts, sampleGlossary } from '../support/termFactory';

describe('The mention matcher', () => {
  const glossary = sampleGlossary();

  it('finds a multi-word term in any case', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'The kv cache and the KV Cache'), ['kv cache', 'KV Cache']);
  });

  it('folds hyphens, underscores, line breaks and repeated spaces between words', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'KV-cache, kv_cache, KV\n  cache, KV   cache'), [
      'KV-cache',
      'kv_cache',
      'KV\n  cache',
      'KV   cache',
    ]);
  });

  it('prefers the longest match at the leftmost position', () => {
    const text = 'Paged attention replaces naive attention';
    const matches = glossary.matcher.scan(text);
    assert.deepStrictEqual(
      matches.map((m) => m.termIds),
      [['paged-attention'], ['attention']],
    );
    assert.strictEqual(text.slice(matches[0].start, matches[0].end), 'Paged attention');
  });

  it('never matches inside a longer word or identifier', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'HTTP STOP lowest_qps qps_total myTTFT TTFTs'), ['TTFTs']);
  });

  it('matches acronyms only in their own case', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'tp=2 and TP=2; ttft vs TTFT'), ['TP', 'TTFT']);
  });

  it('lets a term relax the case rule of its acronym', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'fp8 and FP8 and Fp8'), ['fp8', 'FP8', 'Fp8']);
  });

  it('keeps a plain word in its declared case when the term asks for it', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'a ray of light; Ray Serve'), ['Ray']);
  });

  it('takes plurals and possessives with the mention', () => {
    assert.deepStrictEqual(matchedTexts(glossary, "KV caches, the scheduler's queue, schedulers' queues"), [
      'KV caches',
      "scheduler's",
      "schedulers'",
    ]);
  });

  it('sees through zero-width joiners and non-breaking hyphens inside a term', () => {
    assert.deepStrictEqual(matchedTexts(glossary, 'KV ca\u200Dche and KV\u2011cache and T\u00ADTFT'), [
      'KV ca\u200Dche',
      'KV\u2011cache',
      'T\u00ADTFT',
    ]);
  });

  it('reports every term that claims the same surface form', () => {
    const shared = new Glossary([
      [makeTerm('token', 'Token'), makeTerm('access-token', 'Access token', { aliases: ['token'] })],
    ]);
    assert.deepStrictEqual(shared.matcher.scan('one token')[0].termIds, ['token', 'access-token']);
  });

  it('scans only inside the given bounds', () => {
    const text = 'KV cache | KV cache';
    assert.deepStrictEqual(
      glossary.matcher.scan(text, 5).map((m) => m.start),
      [11],
    );
  });

  it('handles astral characters and lone surrogates without splitting words', () => {
    assert.deepStrictEqual(matchedTexts(glossary, '😀TTFT \uD800TTFT TTFT\uDC00 🚀 TTFT'), ['TTFT']);
  });
});

describe('Mentions in a document', () => {
  const glossary = new Glossary([
    [
      makeTerm('ttft', 'TTFT', { aliases: ['time to first token'] }),
      makeTerm('token', 'Token', { avoid: ['access token', 'bearer token'] }),
      makeTerm('shared-memory', 'Shared memory', { explicitOnly: true, aliases: ['SMEM'] }),
    ],
  ]);
  const mentioned = (text: string) =>
    analyzeDocument(glossary, 'markdown', text).mentions.map(
      (m) => `${text.slice(m.start, m.end)}=${m.termIds.join('|')}`,
    );

  it('count an expansion with its acronym in parentheses as one mention, either way round', () => {
    assert.deepStrictEqual(mentioned('Time to first token (TTFT) and TTFT (time to first token).'), [
      'Time to first token (TTFT)=ttft',
      'TTFT (time to first token)=ttft',
    ]);
  });

  it('keep two mentions when the parenthesis names another term', () => {
    assert.deepStrictEqual(mentioned('TTFT (token)'), ['TTFT=ttft', 'token=token']);
  });

  it('skip a term inside a phrase it declares to avoid', () => {
    assert.deepStrictEqual(mentioned('Rotate the access token; each token costs; a Bearer Token'), ['token=token']);
  });

  it('match an explicit-only term in its exact written case alone', () => {
    assert.deepStrictEqual(mentioned('shared memory vs Shared memory vs SMEM'), [
      'Shared memory=shared-memory',
      'SMEM=shared-memory',
    ]);
  });
});
