// In-process breakdown of the work behind a request on the 1 MB Markdown document, for the diagnosis of the
// LSP numbers: markdown-it, region finding, the scan of the regions, one incremental edit, completion.
import MarkdownIt from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../server/src/analysisCache';
import { completeAt } from '../server/src/core/completion';
import { analyzeDocument } from '../server/src/core/mentions';
import { findRegions } from '../server/src/core/regions';
import { completionList } from '../server/src/features/completion';
import type { Context } from './context';
import { median, now, Row, timeRuns } from './lib';

const SECTION = '2b analysis (in-process)';

export function benchAnalysis(ctx: Context): Row[] {
  const { text, spots } = ctx.doc;
  const rows: Row[] = [];
  const runs = ctx.runs;
  const parser = new MarkdownIt({ html: true });
  rows.push({
    section: SECTION,
    name: '1 MB doc: markdown-it parse alone',
    value: median(timeRuns(runs, () => parser.parse(text, {}))),
    unit: 'ms',
  });
  const regions = findRegions('markdown', text);
  rows.push({
    section: SECTION,
    name: '1 MB doc: findRegions (markdown-it + line/inline holes)',
    value: median(timeRuns(runs, () => findRegions('markdown', text))),
    unit: 'ms',
    note: `${regions.length} regions`,
  });

  for (const [label, { glossary }] of [
    ['bundled', ctx.bundled],
    ['10k', ctx.synthetic],
  ] as const) {
    const scanMs = median(
      timeRuns(runs, () => {
        for (const r of regions) glossary.matcher.scan(text, r.start, r.end);
      }),
    );
    rows.push({ section: SECTION, name: `${label}: scan of the regions`, value: scanMs, unit: 'ms' });
    let mentions = 0;
    const totalMs = median(
      timeRuns(runs, () => (mentions = analyzeDocument(glossary, 'markdown', text).mentions.length)),
    );
    rows.push({
      section: SECTION,
      name: `${label}: analyzeDocument (a full analysis, as on opening)`,
      value: totalMs,
      unit: 'ms',
      note: `${mentions} mentions`,
    });

    // What a request after a one-character edit pays: the cache re-parses the blocks around it and matches only
    // the regions it touched (a keystroke in the middle of a paragraph, at a different place each time).
    const cache = new AnalysisCache(() => undefined);
    let edited = TextDocument.create('file:///doc.md', 'markdown', 1, text);
    cache.get(edited, glossary);
    const editAt = spots.slice(0, runs * 4).map((s) => s.offset);
    let e = 0;
    const incrementalMs = median(
      timeRuns(runs * 4, () => {
        const at = edited.positionAt(editAt[e++ % editAt.length]);
        edited = TextDocument.update(edited, [{ range: { start: at, end: at }, text: 'x' }], edited.version + 1);
        cache.get(edited, glossary);
      }),
    );
    rows.push({
      section: SECTION,
      name: `${label}: after a one-char edit (incremental: blocks around it, touched regions)`,
      value: incrementalMs,
      unit: 'ms',
      note: `vs ${totalMs.toFixed(1)} ms for a full analysis`,
    });

    // Completion inside a term, after a partial word: the core, then building the LSP items.
    const document = TextDocument.create('file:///doc.md', 'markdown', 1, text);
    const offsets = spots.slice(0, 200).map((s) => s.offset + Math.min(2, s.form.length - 1));
    let items = 0;
    const coreMs: number[] = [];
    const listMs: number[] = [];
    for (const offset of offsets) {
      const t0 = now();
      const answer = completeAt(glossary, regions, text, offset);
      const t1 = now();
      if (answer)
        items += completionList(glossary, answer, {
          start: document.positionAt(answer.replaceStart),
          end: document.positionAt(offset),
        }).items.length;
      coreMs.push(t1 - t0);
      listMs.push(now() - t1);
    }
    rows.push({
      section: SECTION,
      name: `${label}: completeAt + completionList (2 chars into a term)`,
      value: median(coreMs) + median(listMs),
      unit: 'ms',
      note: `median; ${(items / offsets.length).toFixed(0)} items on average`,
    });
  }

  // One keystroke: TextDocuments applies it with TextDocument.update, then the next positionAt rebuilds line offsets.
  let document = TextDocument.create('file:///doc.md', 'markdown', 1, text);
  let version = 1;
  const editMs = median(
    timeRuns(runs * 4, () => {
      document = TextDocument.update(
        document,
        [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'x' }],
        ++version,
      );
      document.positionAt(text.length - 1);
    }),
  );
  rows.push({ section: SECTION, name: '1 MB doc: apply a one-char edit + line offsets', value: editMs, unit: 'ms' });
  return rows;
}
