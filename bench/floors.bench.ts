// 0. The floors, measured in the same run as every figure compared with them: process start (`node -e ""`), and a
//    bundled hello-world vscode-languageserver server (bench/floor/helloServer.ts): start-up, first hover, hover p99.
//    Start-up, LSP latency and large documents measure their own floor alongside each figure (startAndHover here,
//    the same requests to the hello-world server). Absolute times mislead on a machine whose process start-up
//    wanders; ratios don't.
import { spawnSync } from 'child_process';
import type { Context } from './context';
import { SERVER_ENV } from '../server/shared/launch';
import { HELLO_SERVER_JS, LineMap, LspSession, median, now, percentile, Row, timeRuns } from './lib';

const SECTION = '0 floors';

export const SMALL_DOC = (title: string) => `The KV cache and the ${title.toLowerCase()} stay warm.\n`;

/** One start of `server` (as VS Code starts it) and its first hover in `text`: [→ initialize, → hover] in ms. */
export async function startAndHover(text: string, server = HELLO_SERVER_JS): Promise<[number, number]> {
  const session = await LspSession.start(undefined, SERVER_ENV, { server });
  try {
    const uri = 'file:///bench/small.md';
    await session.open(uri, text);
    if (!(await session.hover(uri, 0, 5))) throw new Error(`${server}: the first hover found nothing`);
    return [session.initializedAt - session.spawnedAt, now() - session.spawnedAt];
  } finally {
    await session.stop();
  }
}

export async function measureFloors(ctx: Context): Promise<Row[]> {
  const serverEnv = { ...process.env, ...SERVER_ENV };
  const nodeStartMs = median(
    timeRuns(Math.max(ctx.runs, 10), () => spawnSync(process.execPath, ['-e', ''], { env: serverEnv }), 1),
  );
  const init: number[] = [];
  const firstHover: number[] = [];
  for (let run = 0; run < 3 * ctx.runs; run++) {
    const [initMs, hoverMs] = await startAndHover(SMALL_DOC(ctx.syntheticTerms[0].title));
    init.push(initMs);
    firstHover.push(hoverMs);
  }
  let helloHoverP99Ms: number;
  const session = await LspSession.start(undefined, SERVER_ENV, { server: HELLO_SERVER_JS });
  try {
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
  return rows;
}
