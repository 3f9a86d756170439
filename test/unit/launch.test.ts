import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { SERVER_V8_FLAGS } from '../../server/shared/launch';

describe('The V8 options the server sets for itself', () => {
  // v8.setFlagsFromString ignores an option V8 does not know; the command line refuses it. A Node that dropped one
  // would silently bring back the heap's old growth.
  it('are options this Node knows', () => {
    const run = spawnSync(process.execPath, [...SERVER_V8_FLAGS, '-e', ''], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  });
});
