import * as assert from 'assert';
import * as path from 'path';
import { CompletionItem, CompletionResolveRequest } from 'vscode-languageserver-protocol/node';
import { hoverText, TestClient } from '../support/lspClient';

const doc = (name: string) => `file:///workspace/${name}`;

describe('The server over stdio with the bundled glossary', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => client.stop());

  it('hovers "KV cache" in a Markdown paragraph with the canonical name as heading', async () => {
    await client.open(doc('design.md'), 'markdown', '# Design\n\nEach replica keeps a large kv-cache in HBM.\n');
    const hover = await client.hover(doc('design.md'), 2, 30);
    const text = hoverText(hover);
    assert.match(text, /^### KV cache\n/);
    assert.match(text, /GPU & Memory/);
    assert.match(text, /attention keys and values/);
    assert.deepStrictEqual(hover?.range, { start: { line: 2, character: 27 }, end: { line: 2, character: 35 } });
  });

  it('goes to the definition in the term file under terms/', async () => {
    const locations = await client.definition(doc('design.md'), 2, 30);
    assert.strictEqual(locations.length, 1);
    assert.ok(locations[0].uri.endsWith('/terms/kv-cache.md'), locations[0].uri);
    assert.ok(path.isAbsolute(new URL(locations[0].uri).pathname));
    assert.ok(locations[0].range.start.line > 5, 'points at the Definition section');
  });

  it('completes "KV c" to "KV cache", replacing both typed words', async () => {
    await client.open(doc('notes.md'), 'markdown', 'We need more KV c');
    const list = await client.completion(doc('notes.md'), 0, 17);
    const item = list.items.find((i) => i.label === 'KV cache');
    assert.ok(item, list.items.map((i) => i.label).join(', '));
    assert.deepStrictEqual(item.textEdit, {
      range: { start: { line: 0, character: 13 }, end: { line: 0, character: 17 } },
      newText: 'KV cache',
    });
  });

  it('sends at most 100 terms when nothing is typed yet, marked incomplete so the client asks again as the user types', async () => {
    await client.open(doc('blank.md'), 'markdown', 'Notes: ');
    const list = await client.completion(doc('blank.md'), 0, 7);
    assert.strictEqual(list.items.length, 100);
    assert.strictEqual(list.isIncomplete, true);
    await client.open(doc('typed.md'), 'markdown', 'Notes: KV c');
    assert.strictEqual((await client.completion(doc('typed.md'), 0, 11)).isIncomplete, false);
  });

  it('puts the definition in each completion item for a client that cannot resolve items later', async () => {
    const list = await client.completion(doc('notes.md'), 0, 17);
    assert.match(
      JSON.stringify(list.items.find((i) => i.label === 'KV cache')?.documentation),
      /attention keys and values/,
    );
  });

  it('leaves the definition to completionItem/resolve for a client that resolves documentation', async () => {
    const lazy = await TestClient.start({
      capabilities: {
        textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation'] } } } },
      },
    });
    try {
      await lazy.open(doc('lazy.md'), 'markdown', 'We need more KV c');
      const item = (await lazy.completion(doc('lazy.md'), 0, 17)).items.find((i) => i.label === 'KV cache');
      assert.ok(item && item.documentation === undefined, JSON.stringify(item));
      const resolved = await lazy.request<CompletionItem>(CompletionResolveRequest.method, item);
      assert.match(JSON.stringify(resolved.documentation), /attention keys and values/);
      assert.strictEqual(resolved.label, 'KV cache');
    } finally {
      await lazy.stop();
    }
  });

  it('hovers "TTFT" in a Python comment but not the identifier ttft in code', async () => {
    await client.open(doc('bench.py'), 'python', 'ttft = 1  # TTFT in seconds\n');
    assert.match(hoverText(await client.hover(doc('bench.py'), 0, 13)), /^### TTFT/);
    assert.strictEqual(await client.hover(doc('bench.py'), 0, 1), null);
  });

  it('hovers "kv-cache" in a YAML comment, and a key only when it is an engine setting of the glossary', async () => {
    await client.open(doc('values.yaml'), 'yaml', 'engine:\n  # kv-cache stays in fp8\n  kv_cache_dtype: fp8\n');
    assert.match(hoverText(await client.hover(doc('values.yaml'), 1, 6)), /^### KV cache/);
    const key = hoverText(await client.hover(doc('values.yaml'), 2, 4));
    assert.match(key, /^### `--kv-cache-dtype`\n\n\*\*vLLM\*\* flag · default `auto`/, 'the setting itself first');
    assert.match(key, /\n\*\*\[KV cache quantization\]\(file:/, 'then the term it belongs to, linked');
    assert.strictEqual(await client.hover(doc('values.yaml'), 0, 2), null);
  });

  describe('engine settings and metrics where deployments write them', () => {
    const knobHeading = async (uri: string, languageId: string, text: string, line: number, character: number) => {
      await client.open(uri, languageId, text);
      return /^### `([^`]+)`/.exec(hoverText(await client.hover(uri, line, character)))?.[1];
    };

    it('hovers a Helm values key spelled as the engine writes it', async () => {
      const heading = await knobHeading(
        doc('chart/values.yaml'),
        'yaml',
        'vllm:\n  gpu_memory_utilization: 0.9\n',
        1,
        6,
      );
      assert.strictEqual(heading, '--gpu-memory-utilization');
    });

    it('hovers a flag on a shell line in a Markdown code block', async () => {
      const text = '# Serve\n\n```bash\nvllm serve meta-llama/Llama-3.1-8B --max-model-len 8192\n```\n';
      assert.strictEqual(await knobHeading(doc('serve.md'), 'markdown', text, 3, 40), '--max-model-len');
    });

    it('hovers an environment variable in a Dockerfile ENV line', async () => {
      const text = 'FROM vllm/vllm-openai\nENV VLLM_ATTENTION_BACKEND=FLASHINFER\n';
      assert.strictEqual(await knobHeading(doc('Dockerfile'), 'dockerfile', text, 1, 8), 'VLLM_ATTENTION_BACKEND');
    });

    it('hovers a metric inside a PromQL expression, with its PromQL suffix', async () => {
      const text = 'expr: histogram_quantile(0.99, rate(vllm:e2e_request_latency_seconds_bucket[5m]))\n';
      const heading = await knobHeading(doc('alerts.yaml'), 'yaml', text, 0, 50);
      assert.strictEqual(heading, 'vllm:e2e_request_latency_seconds');
    });
  });

  it('follows edits: a mention typed later hovers at once', async () => {
    await client.open(doc('edit.md'), 'markdown', 'Nothing here.', 1);
    assert.strictEqual(await client.hover(doc('edit.md'), 0, 2), null);
    await client.replaceText(doc('edit.md'), 'TTFT matters.', 2);
    assert.match(hoverText(await client.hover(doc('edit.md'), 0, 2)), /^### TTFT/);
  });

  it('finds a comment after a regular expression literal holding a quote at once', async () => {
    await client.open(doc('re.js'), 'javascript', "const re = /'/; // TTFT budget\n");
    assert.match(hoverText(await client.hover(doc('re.js'), 0, 20)), /^### TTFT/);
  });

  it("takes other editors' language ids for the same languages: Neovim's sh is a shell script", async () => {
    await client.open(doc('deploy.sh'), 'sh', 'echo "TTFT" # TTFT budget\n');
    assert.match(hoverText(await client.hover(doc('deploy.sh'), 0, 16)), /^### TTFT/);
    assert.strictEqual(await client.hover(doc('deploy.sh'), 0, 7), null, 'the string is not a comment');
  });

  it('answers nothing for a document in a language it does not serve', async () => {
    await client.open(doc('data.json'), 'json', '{"KV cache": 1}');
    assert.strictEqual(await client.hover(doc('data.json'), 0, 3), null);
  });
});
