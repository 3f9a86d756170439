import * as assert from 'assert';
import { CrashPolicy, LastLines } from '../../client/src/crashPolicy';

describe("The client's crash policy", () => {
  it('restarts the server four times within three minutes, then gives up', () => {
    let now = 0;
    const policy = new CrashPolicy(4, 180_000, () => now);
    const decisions = [0, 1, 2, 3, 4].map((i) => ((now = i * 1000), policy.crashed()));
    assert.deepStrictEqual(decisions, ['restart', 'restart', 'restart', 'restart', 'give-up']);
    assert.strictEqual(policy.recentCrashes, 5);
  });

  it('forgets crashes older than the window, so a rare crash is always restarted', () => {
    let now = 0;
    const policy = new CrashPolicy(4, 180_000, () => now);
    for (let i = 0; i < 20; i++) {
      now = i * 60_000;
      assert.strictEqual(policy.crashed(), 'restart');
    }
  });

  it('gives a fresh allowance after the user restarts the server', () => {
    const policy = new CrashPolicy(1, 180_000, () => 0);
    policy.crashed();
    assert.strictEqual(policy.crashed(), 'give-up');
    policy.reset();
    assert.strictEqual(policy.crashed(), 'restart');
  });
});

describe('The last lines of the server output', () => {
  it("name the last error line of a stack trace, not its 'at' lines", () => {
    const lines = new LastLines();
    lines.append('glossary: 304 terms\n');
    lines.append('RangeError: Maximum call stack size exceeded\n    at visit (server.js:1:2)\n');
    lines.append('    at visit (server.js:1:2)\n[Info] the server stopped\n');
    assert.strictEqual(lines.lastError(), 'RangeError: Maximum call stack size exceeded');
  });

  it('fall back to the last line, joined across appends and cut to a length', () => {
    const lines = new LastLines();
    lines.append('first\nsecond half');
    lines.append(' and its end\n');
    assert.strictEqual(lines.lastError(), 'second half and its end');
    lines.append(`${'x'.repeat(500)}\n`);
    assert.strictEqual(lines.lastError(50)?.length, 50);
    assert.strictEqual(new LastLines().lastError(), undefined);
  });
});
