// `npm run fuzz [-- --minutes N] [--seed S] [--bound-ms MS]`: hostile documents and term files against the server,
// four fifths of the time in memory and one fifth over stdio; prints what ran, the slowest request and peak RSS, and
// exits 1 on any failure, a request over the bound (2 s) or a peak RSS of 300 MiB or more.
import '../support/environment';
import { describeReport, runFuzz } from './harness';

const RSS_BOUND_MIB = 300;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value =
    index >= 0 ? Number(process.argv[index + 1]) : Number(process.env[`FUZZ_${name.toUpperCase().replace('-', '_')}`]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<number> {
  const minutes = option('minutes', 10);
  const seed = option('seed', Date.now() % 1_000_000);
  const boundMs = option('bound-ms', 2000);
  const budgetMs = minutes * 60_000;
  process.stdout.write(
    `fuzz: ${minutes} minute(s), seed ${seed}, request bound ${boundMs} ms, RSS bound ${RSS_BOUND_MIB} MiB\n`,
  );
  const progress = (line: string) => process.stdout.write(`  ${line}\n`);
  const memory = await runFuzz({ target: 'memory', budgetMs: budgetMs * 0.8, seed, requestBoundMs: boundMs, progress });
  process.stdout.write(`${describeReport(memory)}\n`);
  const stdio = await runFuzz({
    target: 'stdio',
    budgetMs: budgetMs * 0.2,
    seed: seed + 1,
    requestBoundMs: boundMs,
    progress,
  });
  process.stdout.write(`${describeReport(stdio)}\n`);
  const failed =
    memory.failures.length + stdio.failures.length > 0 ||
    memory.peakRssMiB >= RSS_BOUND_MIB ||
    stdio.peakRssMiB >= RSS_BOUND_MIB;
  process.stdout.write(
    `fuzz: ${failed ? 'FAILED' : 'passed'}: slowest request ${Math.round(Math.max(memory.slowest.ms, stdio.slowest.ms))} ms, peak RSS ${Math.round(memory.peakRssMiB)} MiB in memory / ${Math.round(stdio.peakRssMiB)} MiB over stdio, ${memory.failures.length + stdio.failures.length} failure(s)\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`fuzz: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
