// 8. Large documents over stdio: the first hover in a just-opened 4 MB Markdown (in its middle) and 5 MB YAML
//    document against the hello-world server receiving the same document; a one-character edit of a 1 MB YAML
//    document followed by a hover; the peak memory of a 10 MB document, and what is left after it is closed.
import { markdownDocument } from './corpus';
import type { Context } from './context';
import { SERVER_ENV } from '../server/shared/launch';
import { HELLO_SERVER_JS, LineMap, LspSession, median, memoryOf, now, Row } from './lib';

const SECTION = '8 large documents';

export async function benchLargeDocs(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  const limits: Record<string, number> = { '4 MB .md': 2, '5 MB .yaml': 3 };
  const session = await LspSession.start();
  const hello = await LspSession.start(undefined, SERVER_ENV, { server: HELLO_SERVER_JS });
  try {
    await session.open('file:///bench/warmup.md', 'The KV cache.\n');
    await session.hover('file:///bench/warmup.md', 0, 5); // waits for the glossary
    for (const [name, doc] of Object.entries(ctx.largeDocs)) {
      // Each open of ours right after the same open sent to the hello-world server: both on the machine as it is then.
      const times: number[] = [];
      const floorTimes: number[] = [];
      const lines = new LineMap(doc.text);
      for (let i = 0; i <= ctx.runs; i++) {
        const at = lines.positionAt(doc.offsets[i % doc.offsets.length]);
        const floor = await openAndHover(hello, `hello-${name}-${i}`, doc, at);
        const ours = await openAndHover(session, `${name}-${i}`, doc, at);
        if (i === 0) continue; // the first warms the JIT of both ends
        times.push(ours);
        floorTimes.push(floor);
      }
      rows.push({
        section: SECTION,
        name: `first hover after didOpen of a ${name} (${doc.where})`,
        value: median(times),
        unit: 'ms',
        floor: { value: median(floorTimes), what: 'hello-world LSP server, same didOpen + hover alongside' },
        target: limits[name] ? { op: '<=', limit: limits[name] } : undefined,
        note: `median of ${times.length}, max ${Math.max(...times).toFixed(0)} ms`,
      });
    }

    // A keystroke in a 1 MB YAML document, then a hover elsewhere in it.
    const { text, offsets } = ctx.yamlEdit;
    const lines = new LineMap(text);
    const uri = 'file:///bench/values-1mb.yaml';
    await session.open(uri, text, 'yaml');
    const first = lines.positionAt(offsets[0]);
    await session.hover(uri, first.line, first.character);
    const editMs: number[] = [];
    for (let i = 1; i <= 2 * ctx.runs + 1; i++) {
      const at = lines.positionAt(offsets[(i * 31) % offsets.length]);
      const hoverAt = lines.positionAt(offsets[(i * 17) % offsets.length]);
      const t0 = now();
      // An edit at the start of a line inside a comment or string moves nothing before it: insert, then remove it.
      await session.insert(uri, 2 * i, at.line, at.character, 'x');
      await session.hover(uri, hoverAt.line, hoverAt.character + (hoverAt.line === at.line ? 1 : 0));
      editMs.push(now() - t0);
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 * i + 1 },
        contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }],
      });
    }
    rows.push({
      section: SECTION,
      name: 'hover after a one-char edit of a 1 MB .yaml',
      value: median(editMs.slice(1)),
      unit: 'ms',
      target: { op: '<=', limit: 20 },
      note: `median of ${editMs.length - 1} (max ${Math.max(...editMs.slice(1)).toFixed(0)} ms), each edit in a term`,
    });
    await session.close(uri);
  } finally {
    await Promise.all([session.stop(), hello.stop()]);
  }

  // Memory: a 10 MB Markdown document (the size limit raised for it), then closed.
  const big = markdownDocument([], 10_000_000, 3);
  const memory = await LspSession.start({ maxDocumentSize: 20_000_000 });
  try {
    await memory.open('file:///bench/warmup.md', 'The KV cache.\n');
    await memory.hover('file:///bench/warmup.md', 0, 5);
    const idle = memoryOf(memory.pid).rssMiB;
    const uri = 'file:///bench/huge.md';
    const p = new LineMap(big.text).positionAt(big.spots[Math.floor(big.spots.length / 2)].offset);
    await memory.open(uri, big.text);
    await memory.hover(uri, p.line, p.character);
    await memory.hover(uri, p.line, p.character); // and once the whole document is analysed
    await new Promise((resolve) => setTimeout(resolve, 200));
    await memory.hover(uri, 0, 0);
    const peak = memoryOf(memory.pid).peakMiB;
    await memory.close(uri);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = memoryOf(memory.pid).rssMiB;
    rows.push({
      section: SECTION,
      name: 'peak RSS with a 10 MB .md open (hovered, fully analysed)',
      value: peak,
      unit: 'MiB',
      target: { op: '<=', limit: 300 },
      note: `RSS before opening it ${idle.toFixed(0)} MiB`,
    });
    rows.push({
      section: SECTION,
      name: 'RSS 1 s after closing it',
      value: after,
      unit: 'MiB',
      floor: { value: idle, what: 'RSS before opening it' },
    });
  } finally {
    await memory.stop();
  }
  return rows;
}

/** didOpen of a document under a fresh name, a hover at `at`, and didClose; the time to the hover's answer, ms. */
async function openAndHover(
  session: LspSession,
  name: string,
  doc: { text: string; languageId: string },
  at: { line: number; character: number },
): Promise<number> {
  const uri = `file:///bench/${name}.${doc.languageId === 'yaml' ? 'yaml' : 'md'}`;
  const t0 = now();
  await session.open(uri, doc.text, doc.languageId);
  await session.hover(uri, at.line, at.character);
  const ms = now() - t0;
  await session.close(uri);
  return ms;
}
