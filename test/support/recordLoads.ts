// Preloaded into the server under test (`node --require`): appends to $RECORD_LOADS_FILE, in order, every module
// the server requires and the start of every message it writes, so a test can see what was loaded before what.
import * as fs from 'fs';
import Module = require('module');

const file = process.env.RECORD_LOADS_FILE;
if (file) {
  const record = (line: string) => fs.appendFileSync(file, `${line.replace(/\s+/g, ' ')}\n`);
  const moduleProto = Module.prototype as unknown as { require(id: string): unknown };
  const originalRequire = moduleProto.require;
  moduleProto.require = function (this: unknown, id: string) {
    record(`require ${id}`);
    return originalRequire.call(this, id);
  };
  const originalWrite = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    record(`write ${String(chunk).slice(0, 120)}`);
    return originalWrite(chunk, ...rest);
  }) as typeof process.stdout.write;
}
