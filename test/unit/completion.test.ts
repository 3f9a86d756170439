import * as assert from 'assert';
import { completeAt } from '../../server/src/core/completion';
import { Glossary } from '../../server/src/core/glossary';
import { findRegions } from '../../server/src/core/regions';
import { makeTerm, sampleGlossary } from '../support/termFactory';

const glossary = sampleGlossary();
function complete(languageId: string, text: string, g: Glossary = glossary) {
  return completeAt(g, findRegions(languageId, text), text, text.length);
}

describe('Completion of term names', () => {
  it('offers a multi-word term for a prefix that spans words', () => {
    const text = 'We size the KV c';
    const answer = complete('markdown', text);
    assert.deepStrictEqual(
      answer?.candidates.map((c) => c.termId),
      ['kv-cache'],
    );
    assert.strictEqual(answer?.replaceStart, text.indexOf('KV c'));
  });

  it('finds a term through an alias and reports which form matched', () => {
    const answer = complete('markdown', 'Measure the time to f');
    assert.deepStrictEqual(answer?.candidates, [{ termId: 'ttft', matchedForm: 'time to first token' }]);
  });

  it('offers every term that a single word starts', () => {
    const answer = complete('markdown', 'Turn on cont');
    assert.deepStrictEqual(
      answer?.candidates.map((c) => c.termId),
      ['continuous-batching'],
    );
  });

  it('offers all terms when nothing is typed yet', () => {
    assert.strictEqual(complete('markdown', 'Text ')?.candidates.length, glossary.terms.size);
  });

  it('offers nothing outside prose regions, such as Python code', () => {
    assert.strictEqual(complete('python', 'kv_c'), undefined);
  });

  it('works inside a Python comment', () => {
    assert.deepStrictEqual(
      complete('python', 'x = 1  # tensor par')?.candidates.map((c) => c.termId),
      ['tensor-parallelism'],
    );
  });

  it('returns no candidates for a word no term starts with', () => {
    assert.deepStrictEqual(complete('markdown', 'zzz')?.candidates, []);
  });

  it('sees terms of a later layer that override earlier ones', () => {
    const layered = new Glossary([
      [makeTerm('kv-cache', 'KV cache')],
      [makeTerm('kv-cache', 'KV store', { layer: 'team' })],
    ]);
    assert.deepStrictEqual(
      complete('markdown', 'KV s', layered)?.candidates.map((c) => c.termId),
      ['kv-cache'],
    );
    assert.deepStrictEqual(complete('markdown', 'KV c', layered)?.candidates, []);
  });
});
