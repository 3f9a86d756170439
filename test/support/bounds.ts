import * as fs from 'fs';

/** Resolves with the promise's value, or rejects once `limitMs` has passed: a hang bound, not a timing. */
export function within<T>(limitMs: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${limitMs} ms`)), limitMs);
    }),
  ]);
}

/** Peak resident memory of a live process in MiB (Linux: VmHWM of /proc/PID/status). */
export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * `node SCRIPT ARGS…` as arguments for spawn, with the script's peak RSS written to stderr when it exits (as
 * `peak-rss-kib N`), so tests can bound the memory of a child process.
 */
export function nodeWithPeakRss(script: string, args: readonly string[]): string[] {
  const prelude =
    `process.argv.splice(1, 0, ${JSON.stringify(script)});` +
    `process.on('exit', () => process.stderr.write('\\npeak-rss-kib ' + process.resourceUsage().maxRSS + '\\n'));` +
    `require(${JSON.stringify(script)});`;
  return ['-e', prelude, ...args];
}

/** The peak RSS in MiB that nodeWithPeakRss printed. */
export function printedPeakRssMiB(stderr: string): number {
  return Number(/peak-rss-kib (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
}
