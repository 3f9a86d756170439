import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { languageOfPath } from '../../server/src/core/languages';
import { analyzeDocument, Mention } from '../../server/src/core/mentions';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';
import { TreeSitterComments } from '../../server/src/treeSitterComments';
import { parseLabelledDocument } from '../support/labelledCorpus';

const root = path.resolve(__dirname, '..', '..', '..');
const corpusDir = path.join(root, 'test', 'fixtures', 'corpus');
type Kind = 'markdown' | 'yaml' | 'comments';
const kindOf = (languageId: string): Kind =>
  languageId === 'markdown' ? 'markdown' : languageId === 'yaml' ? 'yaml' : 'comments';

describe('Mention detection on the labelled corpus (bundled glossary)', () => {
  const tally = new Map<Kind, { tp: number; fp: number; fn: number }>();
  const misses: string[] = [];
  const forbiddenHits: string[] = [];

  before(async () => {
    const { glossary } = loadGlossary(
      nodeFileSystem,
      [{ name: 'bundled', folder: path.join(root, 'terms') }],
      readGlossaryMeta(nodeFileSystem, root),
    );
    const treeSitter = new TreeSitterComments(
      TreeSitterComments.findWasmDir(path.join(root, 'dist'))!,
      () => undefined,
      () => undefined,
    );
    for (const name of fs.readdirSync(corpusDir).sort()) {
      const languageId = languageOfPath(name)!;
      await treeSitter.load(languageId);
      const doc = parseLabelledDocument(fs.readFileSync(path.join(corpusDir, name), 'utf8'));
      const found = analyzeDocument(glossary, languageId, doc.text, treeSitter.parse).mentions;
      const counts = tally.get(kindOf(languageId)) ?? { tp: 0, fp: 0, fn: 0 };
      tally.set(kindOf(languageId), counts);
      const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
        a.start < b.end && b.start < a.end;
      const used = new Set<Mention>();
      for (const e of doc.expected) {
        const hit = found.find((m) => !used.has(m) && overlaps(m, e) && m.termIds.includes(e.termId));
        if (hit) {
          used.add(hit);
          counts.tp++;
        } else {
          counts.fn++;
          misses.push(`${name}: missed "${doc.text.slice(e.start, e.end)}" (${e.termId})`);
        }
      }
      for (const m of found) {
        if (used.has(m)) continue;
        counts.fp++;
        misses.push(`${name}: unexpected "${doc.text.slice(m.start, m.end)}" (${m.termIds.join(',')})`);
      }
      for (const zone of doc.forbidden)
        for (const m of found)
          if (overlaps(m, zone))
            forbiddenHits.push(`${name}: "${doc.text.slice(m.start, m.end)}" inside ${JSON.stringify(zone.text)}`);
    }
    const rows = [...tally].map(
      ([kind, c]) =>
        `${kind.padEnd(9)} precision ${(c.tp / (c.tp + c.fp)).toFixed(3)}  recall ${(c.tp / (c.tp + c.fn)).toFixed(3)}  (${c.tp} found, ${c.fp} unexpected, ${c.fn} missed)`,
    );
    console.log(`      ${rows.join('\n      ')}`);
    if (misses.length > 0) console.log(`      ${misses.join('\n      ')}`);
  });

  for (const kind of ['markdown', 'yaml', 'comments'] as const) {
    it(`finds ${kind} mentions with precision ≥ 0.98 and recall ≥ 0.97`, () => {
      const c = tally.get(kind)!;
      assert.ok(c.tp + c.fn >= 20, `the ${kind} corpus labels at least 20 mentions`);
      assert.ok(c.tp / (c.tp + c.fp) >= 0.98, `precision ${c.tp}/${c.tp + c.fp}`);
      assert.ok(c.tp / (c.tp + c.fn) >= 0.97, `recall ${c.tp}/${c.tp + c.fn}`);
    });
  }

  it('never matches inside URLs, code spans, identifiers or string literals', () => {
    assert.deepStrictEqual(forbiddenHits, []);
  });
});
