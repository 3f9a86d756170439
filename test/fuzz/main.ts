// `npm run fuzz [-- --minutes N] [--seed S] [--bound-ms MS] [--target memory|stdio]`: hostile documents and term
// files against the server, four fifths of the time in memory and one fifth over stdio (or all of it on one target);
// prints what ran, the slowest request and peak RSS (of the server process over stdio; of this process, harness and
// server, in memory), and exits 1 on any failure, a request over the bound (2 s) or a peak RSS of 300 MiB or more.
import '../support/environment';
import { setFlagsFromString } from 'v8';
import { SERVER_V8_FLAGS } from '../../server/shared/launch';
import { describeReport, FuzzReport, runFuzz } from './harness';

// The in-memory server runs in this process: it gets the V8 options the server process sets for itself.
for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);

const RSS_BOUND_MIB = 300;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value =
    index >= 0 ? Number(process.argv[index + 1]) : Number(process.env[`FUZZ_${name.toUpperCase().replace('-', '_')}`]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** `--target stdio` or `--target memory` gives that target the whole time; without it, both share it. */
function targetOption(): 'both' | 'memory' | 'stdio' {
  const index = process.argv.indexOf('--target');
  const value = index >= 0 ? process.argv[index + 1] : process.env.FUZZ_TARGET;
  return value === 'memory' || value === 'stdio' ? value : 'both';
}

const USAGE = `usage: npm run fuzz [-- --minutes N] [--seed S] [--bound-ms MS] [--target memory|stdio]
  (or FUZZ_MINUTES, FUZZ_SEED, FUZZ_BOUND_MS, FUZZ_TARGET); defaults: 10 minutes, a seed from the clock, 2000 ms, both targets`;
const KNOWN = new Set(['--minutes', '--seed', '--bound-ms', '--target']);

async function main(): Promise<number> {
  // Anything else (--help included) prints the usage instead of starting a ten-minute run.
  const args = process.argv.slice(2);
  const unknown = args.filter((a, i) => a.startsWith('-') && !KNOWN.has(a) && !KNOWN.has(args[i - 1] ?? ''));
  if (unknown.length > 0) {
    process.stderr.write(
      `${unknown.includes('--help') || unknown.includes('-h') ? '' : `unknown option ${unknown[0]}\n`}${USAGE}\n`,
    );
    return unknown.every((a) => a === '--help' || a === '-h') ? 0 : 2;
  }
  const minutes = option('minutes', 10);
  const seed = option('seed', Date.now() % 1_000_000);
  const boundMs = option('bound-ms', 2000);
  const targets = targetOption();
  const budgetMs = minutes * 60_000;
  process.stdout.write(
    `fuzz: ${minutes} minute(s), seed ${seed}, request bound ${boundMs} ms, RSS bound ${RSS_BOUND_MIB} MiB\n`,
  );
  const progress = (line: string) => process.stdout.write(`  ${line}\n`);
  const reports: FuzzReport[] = [];
  const shares = { memory: { both: 0.8, memory: 1, stdio: 0 }, stdio: { both: 0.2, memory: 0, stdio: 1 } };
  for (const target of ['memory', 'stdio'] as const) {
    const share = shares[target][targets];
    if (share === 0) continue;
    const report = await runFuzz({
      target,
      budgetMs: budgetMs * share,
      seed: target === 'memory' ? seed : seed + 1,
      requestBoundMs: boundMs,
      progress,
    });
    process.stdout.write(`${describeReport(report)}\n`);
    reports.push(report);
  }
  const failures = reports.reduce((n, r) => n + r.failures.length, 0);
  const failed = failures > 0 || reports.some((r) => r.peakRssMiB >= RSS_BOUND_MIB);
  const peaks = reports.map((r) =>
    r.target === 'stdio'
      ? `${Math.round(r.peakRssMiB)} MiB of the server process (stdio)`
      : `${Math.round(r.peakRssMiB)} MiB of the harness with the in-memory server`,
  );
  process.stdout.write(
    `fuzz: ${failed ? 'FAILED' : 'passed'}: ${reports.reduce((n, r) => n + r.requests, 0)} requests, slowest ${Math.round(Math.max(...reports.map((r) => r.slowest.ms)))} ms, peak RSS ${peaks.join(' and ')}, ${failures} failure(s)\n`,
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
