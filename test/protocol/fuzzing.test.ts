import * as assert from 'assert';
import { describeReport, runFuzz } from '../fuzz/harness';

// A short budget of `npm run fuzz` (which runs 10 minutes by default): hostile documents and term files of every
// attack class of issue 16, in memory and over stdio. The bounds here are hang and runaway bounds, looser than
// npm run fuzz's 2 s, so a loaded machine does not fail the suite.
const REQUEST_BOUND_MS = 5000;
const STDIO_RSS_BOUND_MIB = 500;
// A fixed seed keeps the suite repeatable; FUZZ_SEED=N npm test tries others (npm run fuzz picks one at random).
const seed = Number(process.env.FUZZ_SEED) || 2;

describe(`The server under a short fuzzing run (seed ${seed}; npm run fuzz runs longer)`, function () {
  this.timeout(60_000);

  it('answers every request on hostile documents and term files in memory, without an error', async () => {
    const report = await runFuzz({ target: 'memory', budgetMs: 6000, seed, requestBoundMs: REQUEST_BOUND_MS });
    assert.deepStrictEqual(report.failures, [], describeReport(report));
    assert.ok(report.documents > 0 && report.termFiles > 0, describeReport(report));
  });

  it('answers every request over stdio, stays alive and keeps its memory bounded', async () => {
    const report = await runFuzz({ target: 'stdio', budgetMs: 4000, seed: seed + 1, requestBoundMs: REQUEST_BOUND_MS });
    assert.deepStrictEqual(report.failures, [], describeReport(report));
    assert.ok(report.peakRssMiB < STDIO_RSS_BOUND_MIB, describeReport(report));
  });
});
