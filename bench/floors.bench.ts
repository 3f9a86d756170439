// 0. The floors, measured in the same run as every figure compared with them: process start (`node -e ""`), and a
//    bundled hello-world vscode-languageserver server (bench/floor/helloServer.ts) for start-up, first hover, and
//    receiving a large document. Absolute times mislead on a machine whose process start-up wanders; ratios don't.
import { spawnSync } from 'child_process';
import type { Context } from './context';
import { SERVER_ENV } from '../server/shared/launch';
import { HELLO_SERVER_JS, LineMap, LspSession, median, now, percentile, Row, timeRuns } from './lib';

const SECTION = '0 floors';

export const SMALL_DOC = (title: string) => `The KV cache and the ${title.toLowerCase()} stay warm.\n`;

/**
 * didOpen of `text` under a fresh URI and a hover at `offset`, `runs` times after one warm-up (none with `warmUp`
 * false); the times in ms.
 */
export async function openAndHover(
  session: LspSession,
  name: string,
  text: string,
  languageId: string,
  offsets: readonly number[],
  runs: number,
  warmUp = true,
): Promise<number[]> {
  const lines = new LineMap(text);
  const times: number[] = [];
  for (let i = warmUp ? 0 : 1; i <= runs; i++) {
    const uri = `file:///bench/${name}-${i}.${languageId === 'yaml' ? 'yaml' : 'md'}`;
    const p = lines.positionAt(offsets[i % offsets.length]);
    const t0 = now();
    await session.open(uri, text, languageId);
    await session.hover(uri, p.line, p.character);
    if (i > 0) times.push(now() - t0); // the first warms the JIT of both ends
    await session.close(uri);
  }
  return times;
}

export async function measureFloors(ctx: Context): Promise<Row[]> {
  const serverEnv = { ...process.env, ...SERVER_ENV };
  const nodeStartMs = median(
    timeRuns(Math.max(ctx.runs, 10), () => spawnSync(process.execPath, ['-e', ''], { env: serverEnv }), 1),
  );
  const init: number[] = [];
  const firstHover: number[] = [];
  for (let run = 0; run < 3 * ctx.runs; run++) {
    const session = await LspSession.start(undefined, SERVER_ENV, { server: HELLO_SERVER_JS });
    try {
      init.push(session.initializedAt - session.spawnedAt);
      await session.open('file:///bench/small.md', SMALL_DOC(ctx.syntheticTerms[0].title));
      if (!(await session.hover('file:///bench/small.md', 0, 5))) throw new Error('hello-world server: no hover');
      firstHover.push(now() - session.spawnedAt);
    } finally {
      await session.stop();
    }
  }
  const helloReceive: Record<string, number> = {};
  let helloHoverP99Ms: number;
  const session = await LspSession.start(undefined, SERVER_ENV, { server: HELLO_SERVER_JS });
  try {
    for (const [name, doc] of Object.entries(ctx.largeDocs))
      helloReceive[name] = median(
        await openAndHover(session, `hello-${name}`, doc.text, doc.languageId, doc.offsets, ctx.runs),
      );
    const { text, spots } = ctx.doc;
    const lines = new LineMap(text);
    await session.open('file:///bench/hello-design.md', text);
    const hoverMs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const p = lines.positionAt(spots[(i * 7919) % spots.length].offset);
      const t0 = now();
      await session.hover('file:///bench/hello-design.md', p.line, p.character);
      hoverMs.push(now() - t0);
    }
    helloHoverP99Ms = percentile(hoverMs, 99);
  } finally {
    await session.stop();
  }
  ctx.floors = {
    nodeStartMs,
    helloInitMs: median(init),
    helloFirstHoverMs: median(firstHover),
    helloHoverP99Ms,
    helloReceive,
  };
  ctx.raw.floors = { ...ctx.floors, init, firstHover };
  const rows: Row[] = [
    { section: SECTION, name: 'spawn `node -e ""` → exit', value: nodeStartMs, unit: 'ms', note: 'process start' },
    {
      section: SECTION,
      name: 'hello-world LSP server: spawn → initialize result',
      value: ctx.floors.helloInitMs,
      unit: 'ms',
      note: `median of ${init.length}`,
    },
    {
      section: SECTION,
      name: 'hello-world LSP server: spawn → first hover answered (small .md)',
      value: ctx.floors.helloFirstHoverMs,
      unit: 'ms',
      note: `median of ${firstHover.length}`,
    },
    {
      section: SECTION,
      name: 'hello-world LSP server: hover p99 on the 1 MB .md',
      value: helloHoverP99Ms,
      unit: 'ms',
    },
  ];
  for (const [name, ms] of Object.entries(helloReceive))
    rows.push({
      section: SECTION,
      name: `hello-world LSP server: didOpen ${name} + a hover in it`,
      value: ms,
      unit: 'ms',
      note: 'the floor for receiving that document',
    });
  return rows;
}
