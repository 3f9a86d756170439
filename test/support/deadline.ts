import * as path from 'path';
import { Worker } from 'worker_threads';

/** The compiled server sources (out/server/src), for modules run in a worker. */
export const SERVER_OUT = path.resolve(__dirname, '..', '..', 'server', 'src');

/**
 * Calls `exportName` of a compiled module (a path below out/server/src) in a worker thread and resolves with its
 * result, or rejects once `limitMs` has passed, stopping the worker: a regression to a super-linear regex fails in
 * seconds instead of blocking the test run for minutes. The limit is a hang bound, many times the expected time.
 * The result comes back as JSON (a Map as its entries).
 */
export function callWithin<T>(limitMs: number, modulePath: string, exportName: string, ...args: unknown[]): Promise<T> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('worker_threads');
     const value = require(workerData.module)[workerData.exportName](...workerData.args);
     parentPort.postMessage(JSON.parse(JSON.stringify(value ?? null, (_, v) => (v instanceof Map ? [...v] : v))));`,
    { eval: true, workerData: { module: path.join(SERVER_OUT, modulePath), exportName, args } },
  );
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${exportName} did not finish within ${limitMs} ms`));
    }, limitMs);
    worker.once('message', (value: T) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
