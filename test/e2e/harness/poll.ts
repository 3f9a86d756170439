// Every wait of the harness polls a condition with a deadline; there are no blind sleeps.

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/**
 * Calls `probe` until it returns a value other than `undefined` (errors count as "not yet"), and
 * returns that value; throws after `timeoutMs`, naming `what` and the last error or value seen.
 */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: PollOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let last: string;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
      last = 'undefined';
    } catch (error) {
      last = `error: ${errorText(error)}`;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what} (last: ${last})`);
    }
    await delay(interval);
  }
}
