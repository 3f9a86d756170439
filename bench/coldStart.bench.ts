// 3. Cold start: process spawn → initialize result, and → first hover answered, with the bundled and the
//    10k-term glossary.  4. Peak RSS (VmHWM) of the server, idle after that hover and after the 1 MB document.
import { spawnSync } from 'child_process';
import type { Context } from './main';
import { SERVER_ENV } from '../server/shared/launch';
import { LineMap, LspSession, median, memoryOf, now, Row, timeRuns } from './lib';

const SECTION = '3 cold start';
const MEMORY = '4 memory (VmHWM)';

export async function benchColdStart(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  const bareNode = (env: NodeJS.ProcessEnv) =>
    median(timeRuns(Math.max(ctx.runs, 10), () => spawnSync(process.execPath, ['-e', ''], { env }), 1));
  const serverEnv = { ...process.env, ...SERVER_ENV };
  rows.push({
    section: SECTION,
    name: 'baseline: spawn `node -e ""` → exit (server environment)',
    value: bareNode(serverEnv),
    unit: 'ms',
    note: `changes: ${Object.keys(SERVER_ENV).join(', ')} unset`,
  });
  if (Object.keys(SERVER_ENV).some((key) => process.env[key] !== undefined)) {
    rows.push({
      section: SECTION,
      name: 'baseline: spawn `node -e ""` → exit (this shell\'s environment)',
      value: bareNode(process.env),
      unit: 'ms',
      note: 'what every start would cost with the variables above',
    });
  }
  const memoryRows: Row[] = [];
  const synthetic = ctx.syntheticTerms[0];
  const configs = [
    { label: 'bundled', options: undefined, initLimit: 150, rssLimit: 80 },
    { label: '10k', options: { glossaryPaths: [ctx.syntheticFolder] }, initLimit: 1000, rssLimit: 200 },
  ];
  for (const { label, options, initLimit, rssLimit } of configs) {
    const init: number[] = [];
    const firstHover: number[] = [];
    const loadLogged: number[] = [];
    const idlePeak: number[] = [];
    const docPeak: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const session = await LspSession.start(options);
      try {
        init.push(session.initializedAt - session.spawnedAt);
        const uri = 'file:///bench/small.md';
        await session.open(uri, `The KV cache and the ${synthetic.title.toLowerCase()} stay warm.\n`);
        const hover = await session.hover(uri, 0, 5);
        firstHover.push(now() - session.spawnedAt);
        if (!hover) throw new Error(`${label}: the first hover found no term`);
        if (label === '10k' && !(await session.hover(uri, 0, 22)))
          throw new Error('10k: the synthetic glossary was not loaded');
        const logged = session.logs.map((m) => /^glossary: (\d+) terms .* in (\d+) ms/.exec(m)).find((m) => m);
        if (logged) loadLogged.push(Number(logged[2]));
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
    // Start-up alone is cheap to repeat: more runs steady the median on a machine whose process start-up wanders.
    for (let run = 0; run < 2 * ctx.runs; run++) {
      const session = await LspSession.start(options);
      init.push(session.initializedAt - session.spawnedAt);
      await session.stop();
    }
    rows.push({
      section: SECTION,
      name: `${label}: spawn → initialize result`,
      value: median(init),
      unit: 'ms',
      target: { op: '<=', limit: initLimit },
      note: `median of ${init.length}`,
    });
    rows.push({
      section: SECTION,
      name: `${label}: spawn → first hover answered`,
      value: median(firstHover),
      unit: 'ms',
      note: loadLogged.length ? `server log: glossary loaded in ${median(loadLogged)} ms` : undefined,
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
    ctx.raw[`coldStart-${label}`] = { init, firstHover, loadLogged, idlePeak, docPeak };
  }
  return [...rows, ...memoryRows];
}
