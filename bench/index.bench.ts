// 6. Workspace indexing over a real repository (extracted from the real-text corpus's snapshots), against
//    `rg -j1 -c -i -F -f FORMS` over the same files with the same surface forms; hovers answered while a workspace
//    ten times that size is indexed; the server's peak memory as the workspace grows.
//  7. The CLI: `llm-glossary scan` of the same repository against the same ripgrep command.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TermMentionsRequest } from '../server/shared/messages';
import { nodeFileSystem } from '../server/src/glossary/fileSystem';
import { listIndexableFiles } from '../server/src/workspaceIndex';
import { SMALL_DOC } from './floors.bench';
import type { Context } from './context';
import {
  ensureRipgrep,
  formsFile,
  LspSession,
  mb,
  median,
  memoryOf,
  now,
  percentile,
  ROOT,
  Row,
  timeRipgrep,
  timeRuns,
} from './lib';
import { copiesOf, realRepository } from './repos';

const SECTION = '6 workspace index';
const CLI = '7 CLI';
export const INDEX_REPOSITORY = 'NVIDIA/gpu-operator';
const COPIES = 10;

interface Repository {
  dir: string;
  files: string[];
  bytes: number;
  rgMs: number;
  rgArgs: string[];
}

/** The repository's indexable files (as the server lists them) and ripgrep's median time over them. */
function prepare(ctx: Context): Repository | { reason: string } {
  const ripgrep = ensureRipgrep();
  if (!ripgrep.rg) return { reason: ripgrep.reason! };
  const repo = realRepository(INDEX_REPOSITORY);
  if ('reason' in repo) return repo;
  const { files } = listIndexableFiles(nodeFileSystem, repo.dir);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const forms = formsFile(ctx.bundled.glossary.forms.map((f) => f.text));
  const rgArgs = ['-j1', '--regex-size-limit', '2G', '--dfa-size-limit', '2G', '-c', '-i', '-F', '-f', forms, ...files];
  const rg = timeRipgrep(ripgrep.rg, rgArgs, ctx.runs);
  ctx.raw.indexRipgrep = rg;
  return { dir: repo.dir, files, bytes, rgMs: rg.ms, rgArgs };
}

/** Spawns the server on `folder` and waits until every file is indexed; time from `initialized`, peak RSS. */
async function indexOnce(
  folder: string,
  whileIndexing?: (session: LspSession, indexed: () => boolean) => Promise<void>,
) {
  const session = await LspSession.start(undefined, undefined, { folder });
  try {
    const t0 = now();
    let indexed = false;
    const done = session.connection.sendRequest(TermMentionsRequest, { termId: 'kv-cache' }).finally(() => {
      indexed = true;
    });
    const during = whileIndexing?.(session, () => indexed);
    const mentions = await done;
    const ms = now() - t0;
    await during;
    return { ms, mentions: mentions.length, peakMiB: memoryOf(session.pid).peakMiB };
  } finally {
    await session.stop();
  }
}

export async function benchIndex(ctx: Context): Promise<Row[]> {
  const prepared = prepare(ctx);
  if ('reason' in prepared) {
    console.error(`bench: skipping the index and CLI floors: ${prepared.reason}`);
    return [{ section: SECTION, name: 'workspace index', value: null, unit: '', note: prepared.reason }];
  }
  const { dir, files, bytes, rgMs } = prepared;
  const rows: Row[] = [];
  const what = `${INDEX_REPOSITORY}: ${files.length} files, ${mb(bytes).toFixed(2)} MB`;
  const floor = {
    value: mb(bytes) / (rgMs / 1000),
    what: `rg -j1 -c -i -F -f FORMS, same files (${rgMs.toFixed(0)} ms)`,
  };

  const once: { ms: number; peakMiB: number; mentions: number }[] = [];
  for (let run = 0; run < ctx.runs; run++) once.push(await indexOnce(dir));
  const indexMs = median(once.map((o) => o.ms));
  rows.push({
    section: SECTION,
    name: 'index throughput (initialized → every file indexed)',
    value: mb(bytes) / (indexMs / 1000),
    unit: 'MB/s',
    floor,
    target: { op: '>=', limit: 0.5 },
    note: `${what}; median ${indexMs.toFixed(0)} ms of ${once.length} fresh servers (glossary load included)`,
  });

  // Ten times the repository, with a hover every few milliseconds while it is indexed.
  const large = copiesOf(dir, COPIES);
  const hoverMs: number[] = [];
  const uri = 'file:///bench/while-indexing.md';
  const result = await indexOnce(large, async (session, indexed) => {
    await session.open(uri, SMALL_DOC(ctx.syntheticTerms[0].title));
    await session.hover(uri, 0, 5); // the glossary is loaded
    while (!indexed() && session.child.exitCode === null) {
      const t0 = now();
      await session.hover(uri, 0, 5);
      hoverMs.push(now() - t0);
      await sleep(5);
    }
  });
  rows.push({
    section: SECTION,
    name: `hover p99 while ${COPIES}× the repository is indexed`,
    value: percentile(hoverMs, 99),
    unit: 'ms',
    target: { op: '<=', limit: 20 },
    note: `${hoverMs.length} hovers, 5 ms apart; max ${Math.max(...hoverMs).toFixed(1)} ms; index took ${result.ms.toFixed(0)} ms (${(mb(bytes * COPIES) / (result.ms / 1000)).toFixed(1)} MB/s); hello-world hover p99 on the 1 MB .md: ${ctx.floors.helloHoverP99Ms.toFixed(1)} ms`,
  });
  rows.push({
    section: SECTION,
    name: 'server peak RSS after indexing the repository',
    value: median(once.map((o) => o.peakMiB)),
    unit: 'MiB',
  });
  rows.push({
    section: SECTION,
    name: `server peak RSS after indexing ${COPIES}× the repository`,
    value: result.peakMiB,
    unit: 'MiB',
    floor: { value: median(once.map((o) => o.peakMiB)), what: 'the same for 1× (memory flat as the workspace grows)' },
    target: { op: '<=', limit: 1.5 },
  });
  ctx.raw.index = { once, large: { ms: result.ms, peakMiB: result.peakMiB, hoverMs } };

  rows.push(...benchCli(ctx, prepared, what));
  return rows;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function benchCli(ctx: Context, repo: Repository, what: string): Row[] {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(`llm-glossary ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const findings = run(['scan', repo.dir]).split('\n').length - 1;
  const scanMs = median(timeRuns(ctx.runs, () => run(['scan', repo.dir]), 0));
  const tiny = path.join(ROOT, 'samples', 'runbook.md');
  const fixedMs = median(timeRuns(ctx.runs, () => run(['scan', tiny]), 1));
  return [
    {
      section: CLI,
      name: '`llm-glossary scan` of the repository',
      value: scanMs,
      unit: 'ms',
      floor: { value: repo.rgMs, what: 'rg -j1 -c -i -F -f FORMS, same files' },
      target: { op: '<=', limit: 2 },
      note: `${what}; ${findings} mentions`,
    },
    {
      section: CLI,
      name: '`llm-glossary scan` of one small file (fixed cost)',
      value: fixedMs,
      unit: 'ms',
      floor: { value: ctx.floors.nodeStartMs, what: '`node -e ""`' },
    },
  ];
}
