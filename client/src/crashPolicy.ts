/**
 * When the language server keeps stopping: restart it while it stopped at most `maxRestarts` times within
 * `windowMs`, then give up (until the user asks for a restart), so a server that dies at every start does not
 * spin. No VS Code API here, so the policy is tested on its own.
 */
export class CrashPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; 'restart' while under the limit, 'give-up' once the server stopped too often too soon. */
  crashed(): 'restart' | 'give-up' {
    const now = this.now();
    this.crashes = [...this.crashes.filter((at) => now - at < this.windowMs), now];
    return this.crashes.length <= this.maxRestarts ? 'restart' : 'give-up';
  }

  /** Crashes within the window, the latest included. */
  get recentCrashes(): number {
    return this.crashes.length;
  }

  /** The user restarted the server: it gets a fresh allowance. */
  reset(): void {
    this.crashes = [];
  }
}

/**
 * The last lines written to the server's output channel (its stderr and the client's own errors), so the message
 * after repeated crashes can say what went wrong last without the user opening the output.
 */
export class LastLines {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 20) {}

  append(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line.trim() !== ''));
    if (this.lines.length > this.keep) this.lines = this.lines.slice(-this.keep);
  }

  /**
   * The most telling recent line: the last one naming an error (a stack trace's first line, not its "at" lines),
   * else the last line; at most `maxLength` characters.
   */
  lastError(maxLength = 300): string | undefined {
    const lines = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    const telling =
      [...lines]
        .reverse()
        .find((line) => /error|exception|fatal|out of step|heap/i.test(line) && !/^\s+at /.test(line)) ??
      lines[lines.length - 1];
    if (telling === undefined) return undefined;
    const line = telling.trim();
    return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
  }
}
