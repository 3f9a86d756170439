import * as assert from 'assert';
import * as fs from 'fs';
import { hoverText, TestClient } from '../support/lspClient';

const DOCUMENTS = 20;
const REQUESTS = 10_000;

/** Reads the server's resident memory from /proc (Linux), in MiB. */
function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

describe('The server under load', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => client.stop());

  it(`answers ${REQUESTS} hover and completion requests interleaved with edits on ${DOCUMENTS} documents, all correctly, with flat memory`, async function () {
    this.timeout(120_000);
    const versions = new Array<number>(DOCUMENTS).fill(1);
    const textOf = (d: number, v: number) => `# Doc ${d} v${v}\n\nThe KV cache of replica ${v} and its TTFT.\n`;
    for (let d = 0; d < DOCUMENTS; d++) await client.open(`file:///load/${d}.md`, 'markdown', textOf(d, 1));
    let rssAfterWarmup = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const d = i % DOCUMENTS;
      const uri = `file:///load/${d}.md`;
      if (i % 7 === 0) {
        versions[d]++;
        await client.replaceText(uri, textOf(d, versions[d]), versions[d]);
      }
      if (i % 2 === 0) {
        const text = hoverText(await client.hover(uri, 2, 6));
        assert.ok(text.startsWith('### KV cache'), `request ${i}: ${text.slice(0, 40)}`);
      } else {
        const list = await client.completion(uri, 2, 9);
        assert.ok(
          list.items.some((item) => item.label === 'KV cache'),
          `request ${i}`,
        );
      }
      if (i === 1000) rssAfterWarmup = rssMiB(client.process.pid!);
    }
    const rssAtEnd = rssMiB(client.process.pid!);
    console.log(
      `      server RSS after 1,000 requests ${rssAfterWarmup.toFixed(1)} MiB, after ${REQUESTS}: ${rssAtEnd.toFixed(1)} MiB`,
    );
    // Memory stays flat: after warm-up, 9,000 more requests and ~1,300 edits add no more than a few MiB.
    assert.ok(
      rssAtEnd - rssAfterWarmup < 30,
      `RSS grew from ${rssAfterWarmup.toFixed(1)} to ${rssAtEnd.toFixed(1)} MiB`,
    );
  });
});
