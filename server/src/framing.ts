/** A header block longer than this is not a client's: the stream is out of step. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Follows the framing of an LSP byte stream (header lines, a blank line, Content-Length bytes of body) beside
 * vscode-jsonrpc's reader, to catch the headers that reader mishandles: a Content-Length that is not a whole
 * number of bytes. The reader takes `-1` for its own "no message pending" mark and goes on silently, then fails on
 * the next bytes with an internal TypeError; `1.5` it reads as 1. `feed` returns why the stream cannot be trusted,
 * once, or undefined while it is well framed (what the reader reports itself, such as a header line without a
 * colon, is left to it).
 */
export class FramingGuard {
  private header: Buffer = Buffer.alloc(0);
  /** Body bytes still to pass before the next header. */
  private bodyLeft = 0;
  private failed = false;

  feed(chunk: Buffer): string | undefined {
    if (this.failed) return undefined;
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const taken = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= taken;
        at += taken;
        continue;
      }
      const rest = chunk.subarray(at);
      // The header end may straddle chunks: look from up to 3 bytes before this chunk's part.
      const from = Math.max(0, this.header.length - 3);
      this.header = Buffer.concat([this.header, rest]);
      const end = this.header.indexOf(HEADER_END, from);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) return this.fail(`a header of more than ${MAX_HEADER_BYTES} bytes`);
        return undefined;
      }
      const problem = contentLengthProblem(this.header.subarray(0, end).toString('ascii'));
      if (typeof problem === 'string') return this.fail(problem);
      // What followed the header end in this chunk is body (and maybe more messages).
      const consumed = end + HEADER_END.length - (this.header.length - rest.length);
      this.header = Buffer.alloc(0);
      this.bodyLeft = problem;
      at += consumed;
    }
    return undefined;
  }

  private fail(why: string): string {
    this.failed = true;
    return why;
  }
}

/** The body length a header block gives, or what is wrong with its Content-Length. */
function contentLengthProblem(header: string): number | string {
  let length: number | string = 0;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    length = /^\d{1,15}$/.test(value) ? Number(value) : `Content-Length "${value}" is not a whole number of bytes`;
  }
  return length;
}
