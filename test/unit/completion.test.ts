import * as assert from 'assert';
import { completeAt, insertionFor, MAX_CANDIDATES } from '../../server/src/core/completion';
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

  it('keeps only the closest terms, shortest names first, and says the list is cut when too many match', () => {
    const many = new Glossary([
      [
        makeTerm('kernel', 'Kernel'),
        ...Array.from({ length: MAX_CANDIDATES + 50 }, (_, i) => makeTerm(`k-${i}`, `K team term ${1000 + i}`)),
      ],
    ]);
    const answer = complete('markdown', 'Tune the k', many);
    assert.strictEqual(answer?.candidates.length, MAX_CANDIDATES);
    assert.strictEqual(answer?.truncated, true);
    assert.strictEqual(answer?.candidates[0].termId, 'kernel');
    assert.deepStrictEqual(
      answer?.candidates.slice(1, 3).map((c) => c.termId),
      ['k-0', 'k-1'],
    );
    assert.strictEqual(complete('markdown', 'Tune the kern', many)?.truncated, false);
  });

  it("offers the team's own terms first when nothing is typed and the list is cut", () => {
    const bundled = Array.from({ length: MAX_CANDIDATES + 5 }, (_, i) => makeTerm(`b-${i}`, `Bundled ${i}`));
    const layered = new Glossary([bundled, [makeTerm('our-term', 'Our term', { layer: 'team' })]]);
    const answer = complete('markdown', 'Text ', layered);
    assert.strictEqual(answer?.candidates[0].termId, 'our-term');
    assert.strictEqual(answer?.candidates.length, MAX_CANDIDATES);
    assert.strictEqual(answer?.truncated, true);
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

describe('The text a completion inserts', () => {
  it('keeps the typed lower-case first letter of a sentence-case title mid-sentence', () => {
    assert.strictEqual(insertionFor('Continuous batching', 'continuous b', true), 'continuous batching');
    assert.strictEqual(insertionFor('Continuous batching', 'Continuous b', true), 'Continuous batching');
  });

  it('writes the title as it is at the start of a sentence, and acronyms and inner capitals always', () => {
    assert.strictEqual(insertionFor('Continuous batching', 'continuous b', false), 'Continuous batching');
    assert.strictEqual(insertionFor('KV cache', 'kv c', true), 'KV cache');
    assert.strictEqual(insertionFor('TTFT', 'time to f', true), 'TTFT');
    assert.strictEqual(insertionFor('FlashAttention', 'flash', true), 'FlashAttention');
    assert.strictEqual(insertionFor('vLLM', 'vl', true), 'vLLM');
  });

  it('knows mid-sentence from the start of a sentence, a heading or a paragraph', () => {
    const mid = (text: string) => complete('markdown', text)?.midSentence;
    assert.strictEqual(mid('We batch with continuous b'), true);
    assert.strictEqual(mid('We batch, and\ncontinuous b'), true);
    assert.strictEqual(mid('Done. Continuous b'), false);
    assert.strictEqual(mid('# continuous b'), false);
    assert.strictEqual(mid('First paragraph.\n\ncontinuous b'), false);
  });
});
