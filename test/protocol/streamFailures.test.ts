import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import { within } from '../support/bounds';
import { SERVER_PATH } from '../support/lspClient';

// A hang bound for each exit and answer below (the server used to stay alive answering nothing, for good).
const BOUND_MS = 5000;

/** The built server over raw stdio, for what a well-behaved client never sends. */
class RawServer {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.stdin!.on('error', () => undefined); // writes after the server is gone
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  write(raw: string): void {
    this.child.stdin!.write(raw);
  }

  send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  async answer(id: number): Promise<void> {
    await within(
      BOUND_MS,
      `answer to request ${id}`,
      this.until(() => this.stdout.includes(`"id":${id},`)),
    );
  }

  async initialize(): Promise<void> {
    this.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    await this.answer(1);
    this.send({ method: 'initialized', params: {} });
  }

  private async until(probe: () => boolean): Promise<void> {
    while (!probe()) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

describe('The server process when the stream breaks', () => {
  let server: RawServer;
  afterEach(() => server?.kill());

  it('exits with one line on stderr when a Content-Length is too short and the stream gets out of step', async () => {
    server = new RawServer();
    await server.initialize();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'workspace/symbol', params: { query: 'kv' } });
    server.write(`Content-Length: ${Buffer.byteLength(body) - 5}\r\n\r\n${body}`);
    server.send({ id: 3, method: 'workspace/symbol', params: { query: 'kv' } });
    assert.strictEqual(await within(BOUND_MS, 'exit', server.exited), 1);
    assert.match(server.stderr, /^llm-glossary-ls: the message stream is out of step \(.*\); exiting/);
    assert.doesNotMatch(server.stderr, /\n\s+at /);
  });

  for (const [name, header] of [
    ['negative, with nothing after it', 'Content-Length: -1\r\n\r\n'],
    ['negative, with more bytes after it', 'Content-Length: -1\r\n\r\n{}'],
    ['not a whole number', 'Content-Length: 1.5\r\n\r\n{}'],
  ])
    it(`exits with one clear line on stderr when a Content-Length is ${name}`, async () => {
      server = new RawServer();
      await server.initialize();
      server.write(header);
      assert.strictEqual(await within(BOUND_MS, 'exit', server.exited), 1);
      assert.match(
        server.stderr,
        /^llm-glossary-ls: the message stream is out of step \(Content-Length "-?1(\.5)?" is not a whole number of bytes\); exiting so the editor restarts the server\n$/,
      );
    });

  it('answers after a Content-Length split across writes, and one of 0 (an empty body, skipped)', async () => {
    server = new RawServer();
    await server.initialize();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'workspace/symbol', params: { query: 'kv' } });
    const framed = `Content-Length: 0\r\n\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    for (let i = 0; i < framed.length; i += 7) {
      server.write(framed.slice(i, i + 7));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await server.answer(3);
    assert.strictEqual(server.child.exitCode, null);
  });

  it('exits when a message stays incomplete (a Content-Length longer than what was sent)', async () => {
    server = new RawServer({ LLM_GLOSSARY_STALL_MS: '300' });
    await server.initialize();
    server.write('Content-Length: 100000\r\n\r\n{}');
    server.send({ id: 3, method: 'workspace/symbol', params: { query: 'kv' } });
    assert.strictEqual(await within(BOUND_MS, 'exit', server.exited), 1);
    assert.match(server.stderr, /a message stayed incomplete for 300 ms/);
  });

  it('skips a well-framed body that is not JSON and answers the next request', async () => {
    server = new RawServer();
    await server.initialize();
    server.write('Content-Length: 5\r\n\r\n{abc}');
    server.send({ id: 3, method: 'workspace/symbol', params: { query: 'kv' } });
    await server.answer(3);
  });

  it('exits quietly when its output is closed', async () => {
    server = new RawServer();
    await server.initialize();
    server.child.stdout!.destroy();
    server.send({ id: 3, method: 'workspace/symbol', params: { query: 'kv' } });
    await within(BOUND_MS, 'exit', server.exited);
    assert.strictEqual(server.stderr, '');
  });

  it('exits when its input ends, with 0 after a shutdown request', async () => {
    server = new RawServer();
    await server.initialize();
    server.send({ id: 2, method: 'shutdown' });
    await server.answer(2);
    server.child.stdin!.end();
    assert.strictEqual(await within(BOUND_MS, 'exit', server.exited), 0);
  });
});
