// 3. Cold start: process spawn → initialize result, and → first hover answered, with the bundled and the
//    10k-term glossary, against the hello-world server of the same run.  4. Peak RSS (VmHWM) of the server, idle
//    after that hover and after the 1 MB document.
import { SMALL_DOC, startAndHover } from './floors.bench';
import type { Context } from './context';
import * as fs from 'fs';
import * as path from 'path';
import { CACHE_DIR_VARIABLE } from '../server/shared/launch';
import { LineMap, LspSession, median, memoryOf, now, Row } from './lib';

const SECTION = '3 cold start';
const MEMORY = '4 memory (VmHWM)';

export async function benchColdStart(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  const { floors } = ctx;
  const memoryRows: Row[] = [];
  const synthetic = ctx.syntheticTerms[0];
  const configs = [
    { label: 'bundled', options: undefined, hoverLimit: 1.5, rssLimit: 80 },
    { label: '10k', options: { glossaryPaths: [ctx.syntheticFolder] }, hoverLimit: 4, rssLimit: 200 },
  ];
  for (const { label, options, hoverLimit, rssLimit } of configs) {
    if (label === '10k') rows.push(...(await firstStart(ctx, options, floors.helloFirstHoverMs)));
    const init: number[] = [];
    const firstHover: number[] = [];
    const helloInit: number[] = [];
    const helloFirstHover: number[] = [];
    const loadLogged: number[] = [];
    const idlePeak: number[] = [];
    const docPeak: number[] = [];
    // Start-up is cheap to repeat, and process start-up on this machine wanders: 3 × runs starts, each paired with a
    // start of the hello-world server just before it (its floor, on the machine as it is at that moment).
    for (let run = 0; run < 3 * ctx.runs; run++) {
      const [helloInitMs, helloHoverMs] = await startAndHover(SMALL_DOC(synthetic.title));
      helloInit.push(helloInitMs);
      helloFirstHover.push(helloHoverMs);
      const session = await LspSession.start(options);
      try {
        init.push(session.initializedAt - session.spawnedAt);
        const uri = 'file:///bench/small.md';
        await session.open(uri, SMALL_DOC(synthetic.title));
        const hover = await session.hover(uri, 0, 5);
        firstHover.push(now() - session.spawnedAt);
        if (!hover) throw new Error(`${label}: the first hover found no term`);
        if (label === '10k' && !(await session.hover(uri, 0, 22)))
          throw new Error('10k: the synthetic glossary was not loaded');
        const logged = session.logs.map((m) => /^glossary: (\d+) terms .* in (\d+) ms/.exec(m)).find((m) => m);
        if (logged) loadLogged.push(Number(logged[2]));
        if (run >= ctx.runs) continue;
        idlePeak.push(memoryOf(session.pid).peakMiB);
        // The same process with the 1 MB document open and used.
        const docUri = 'file:///bench/design.md';
        const p = new LineMap(ctx.doc.text).positionAt(ctx.doc.spots[0].offset);
        await session.open(docUri, ctx.doc.text);
        await session.hover(docUri, p.line, p.character);
        await session.completion(docUri, p.line, p.character + 2);
        docPeak.push(memoryOf(session.pid).peakMiB);
      } finally {
        await session.stop();
      }
    }
    const paired = 'hello-world LSP server, started alongside';
    rows.push({
      section: SECTION,
      name: `${label}: spawn → initialize result`,
      value: median(init),
      unit: 'ms',
      floor: { value: median(helloInit), what: paired },
      note: `median of ${init.length}; \`node -e ""\` alone: ${floors.nodeStartMs.toFixed(0)} ms`,
    });
    rows.push({
      section: SECTION,
      name: `${label}: spawn → first hover answered (small .md)`,
      value: median(firstHover),
      unit: 'ms',
      floor: { value: median(helloFirstHover), what: paired },
      target: { op: '<=', limit: hoverLimit },
      note: `median of ${firstHover.length}${loadLogged.length ? `; server log: glossary loaded in ${median(loadLogged)} ms` : ''}`,
    });
    memoryRows.push({
      section: MEMORY,
      name: `${label}: peak RSS after first hover (small doc)`,
      value: median(idlePeak),
      unit: 'MiB',
      target: { op: '<=', limit: rssLimit },
      note: 'as VS Code starts it',
    });
    // The same for `llm-glossary-ls` as other editors start it: the environment as it is.
    const plain = await LspSession.start(options, {});
    try {
      await plain.open('file:///bench/small.md', 'The KV cache stays warm.\n');
      await plain.hover('file:///bench/small.md', 0, 5);
      memoryRows.push({
        section: MEMORY,
        name: `${label}: peak RSS after first hover, plain node (other editors)`,
        value: memoryOf(plain.pid).peakMiB,
        unit: 'MiB',
        note: 'one run',
      });
    } finally {
      await plain.stop();
    }
    // With a 1 MB document the server also holds its text, its parse and its analysis: context for the target above.
    memoryRows.push({
      section: MEMORY,
      name: `${label}: peak RSS with the 1 MB doc open (hover + completion)`,
      value: median(docPeak),
      unit: 'MiB',
    });
    ctx.raw[`coldStart-${label}`] = { init, firstHover, helloInit, helloFirstHover, loadLogged, idlePeak, docPeak };
  }
  return [...rows, ...memoryRows];
}

/**
 * The very first start with a glossary: its cache (server/src/glossary/cache.ts, in the bench's folder) emptied, so
 * the team glossary is read, parsed and compiled from its files. The entry this start writes as it shuts down is the
 * one the runs of benchColdStart start with, as every later start of the same glossary does.
 */
async function firstStart(ctx: Context, options: unknown, floorMs: number): Promise<Row[]> {
  const folder = process.env[CACHE_DIR_VARIABLE];
  if (!folder) throw new Error(`bench bug: ${CACHE_DIR_VARIABLE} is not set`);
  for (const name of fs.readdirSync(folder)) fs.rmSync(path.join(folder, name), { force: true });
  const session = await LspSession.start(options);
  let firstHover: number;
  let peak: number;
  try {
    const uri = 'file:///bench/small.md';
    await session.open(uri, SMALL_DOC(ctx.syntheticTerms[0].title));
    if (!(await session.hover(uri, 0, 5))) throw new Error('10k first start: the first hover found no term');
    firstHover = now() - session.spawnedAt;
    peak = memoryOf(session.pid).peakMiB;
  } finally {
    await session.stop();
  }
  const written = fs.readdirSync(folder).filter((name) => name.endsWith('.bin'));
  return [
    {
      section: SECTION,
      name: '10k: spawn → first hover answered, first start (empty cache)',
      value: firstHover,
      unit: 'ms',
      floor: { value: floorMs, what: 'hello-world LSP server' },
      note: `one run; peak RSS after it ${peak.toFixed(0)} MiB; cache entries written as it shut down: ${written.length}`,
    },
  ];
}
