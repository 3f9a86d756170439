import * as assert from 'assert';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionResolveRequest,
  Diagnostic,
  DidCloseTextDocumentNotification,
  ReferencesRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import {
  GlossaryChangedNotification,
  ListTermsRequest,
  ReloadGlossaryRequest,
  TermMentionsRequest,
} from '../../server/shared/messages';
import { hoverText } from '../support/lspClient';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';

const DOC = 'file:///ws/docs/design.md';
const lazyDocs = {
  textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation'] } } } },
};

describe('Every LSP feature, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  async function start(files: Record<string, string> = {}, options: Parameters<typeof MemoryClient.start>[1] = {}) {
    const fileSystem = memoryGlossary();
    for (const [p, text] of Object.entries(files)) fileSystem.write(p, text);
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'], ...options });
    return fileSystem;
  }

  it('hovers a mention with its canonical name and definition, and nothing elsewhere', async () => {
    await start();
    await client.open(DOC, 'markdown', 'The key-value cache fills up.\n');
    assert.match(
      hoverText(await client.hover(DOC, 0, 6)),
      /^### KV cache[\s\S]*The store of attention keys and values\./,
    );
    assert.strictEqual(await client.hover(DOC, 0, 26), null);
  });

  it('goes to the term file at its Definition section', async () => {
    await start();
    await client.open(DOC, 'markdown', 'Watch TTFT.\n');
    const [location] = await client.definition(DOC, 0, 7);
    assert.strictEqual(location.uri, 'file:///bundled/terms/ttft.md');
    assert.strictEqual(location.range.start.line, 8);
  });

  it('finds references in workspace files it has indexed, with the declaration when asked', async () => {
    await start({
      '/ws/notes.md': 'TTFT and TTFT.\n',
      '/ws/svc.py': '# time to first token\nttft = 1\n',
      '/ws/node_modules/x/a.md': 'TTFT\n',
    });
    await client.open(DOC, 'markdown', 'TTFT\n');
    const locations = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: DOC },
      position: { line: 0, character: 1 },
      context: { includeDeclaration: true },
    });
    const where = (locations ?? [])
      .map((l) => `${l.uri.replace('file://', '')}:${l.range.start.line}:${l.range.start.character}`)
      .sort();
    assert.deepStrictEqual(where, [
      '/bundled/terms/ttft.md:8:0',
      '/ws/notes.md:0:0',
      '/ws/notes.md:0:9',
      '/ws/svc.py:0:2',
    ]);
  });

  it("answers the client's custom requests: the term list, the mentions of a term, and a reload", async () => {
    const fileSystem = await start({ '/ws/a.md': 'Paged attention.\n' });
    const terms = await client.connection.sendRequest(ListTermsRequest);
    assert.deepStrictEqual(terms.map((t) => t.id).sort(), ['kv-cache', 'old-cache', 'paged-attention', 'tpot', 'ttft']);
    assert.strictEqual(terms.find((t) => t.id === 'ttft')?.summary, 'Time to first token.');
    const mentions = await client.connection.sendRequest(TermMentionsRequest, { termId: 'paged-attention' });
    assert.deepStrictEqual(
      mentions.map((m) => m.uri),
      ['file:///ws/a.md'],
    );
    let changed = 0;
    client.connection.onNotification(GlossaryChangedNotification.method, () => void changed++);
    fileSystem.write('/ws/.glossary/mfu.md', termFileText('mfu', 'MFU'));
    assert.strictEqual(
      await client.connection.sendRequest(ReloadGlossaryRequest),
      5,
      '.glossary appears only when layers are resolved again (settings), not on reload',
    );
    await client.waitFor('the glossary-changed notification', () => (changed > 0 ? true : undefined));
  });

  it("shows a code lens with the mention count above a term file's title", async () => {
    await start({ '/ws/a.md': 'KV cache, KV cache.\n' });
    const uri = 'file:///bundled/terms/kv-cache.md';
    await client.open(
      uri,
      'markdown',
      termFileText('kv-cache', 'KV cache', 'aliases: [key-value cache]\n', 'The store.', ['ttft']),
    );
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepStrictEqual(
      lenses?.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]),
      [[2, '2 mentions in the workspace', ['kv-cache']]],
    );
  });

  it('finds terms by name, alias or acronym as workspace symbols, each once across workspace folders', async () => {
    await start({}, { folders: ['/ws', '/other'] });
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'first token' });
    assert.deepStrictEqual(
      (symbols ?? []).map((s) => s.name),
      ['TTFT'],
    );
  });

  it('completes term names from a typed prefix and resolves their documentation lazily', async () => {
    await start({}, { capabilities: lazyDocs });
    await client.open(DOC, 'markdown', 'We tune the KV c\n');
    const list = await client.completion(DOC, 0, 16);
    const item = list.items.find((i) => i.label === 'KV cache');
    assert.ok(item, list.items.map((i) => i.label).join(', '));
    assert.strictEqual(item.documentation, undefined);
    const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, item);
    assert.match(JSON.stringify(resolved.documentation), /The store of attention keys and values/);
  });

  it('colours mentions in Markdown with semantic tokens when turned on, marks deprecated terms, and leaves Python alone', async () => {
    await start({}, { initializationOptions: { semanticHighlighting: true } });
    await client.open(DOC, 'markdown', 'Token cache and TTFT.\n');
    await client.open('file:///ws/a.py', 'python', '# TTFT\n');
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: DOC } });
    assert.deepStrictEqual(tokens?.data, [0, 0, 11, 0, 1, 0, 16, 4, 0, 0]);
    assert.strictEqual(
      await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: 'file:///ws/a.py' } }),
      null,
    );
  });

  it('hints a deprecated term with a quick fix that writes its successor', async () => {
    await start({}, { initializationOptions: { diagnostics: { deprecated: true } } });
    await client.open(DOC, 'markdown', 'The token cache is full.\n');
    const [diagnostic] = await client.waitFor('a deprecation hint', () =>
      client.diagnostics
        .get(DOC)
        ?.filter((d: Diagnostic) => d.code === 'deprecated')
        .slice(0, 1)
        .find(Boolean)
        ? client.diagnostics.get(DOC)
        : undefined,
    );
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: DOC },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const edit = (actions?.[0] as { edit?: { changes?: Record<string, { newText: string }[]> } }).edit?.changes?.[
      DOC
    ]?.[0];
    assert.strictEqual(edit?.newText, 'KV cache');
  });

  it('reports a broken team term file as a diagnostic at its line, and follows the unsaved buffer of a term file', async () => {
    await start({ '/ws/.glossary/mfu.md': termFileText('mfu', 'MFU', 'related: [nope]\n') });
    const uri = 'file:///ws/.glossary/mfu.md';
    const diagnostics = await client.waitFor('diagnostics of mfu.md', () =>
      client.diagnostics.get(uri)?.length ? client.diagnostics.get(uri) : undefined,
    );
    assert.match(String(diagnostics[0].message), /related term "nope" does not exist/);
    await client.open(DOC, 'markdown', 'MFU and MBU.\n');
    await client.open(uri, 'markdown', termFileText('mbu', 'MBU').replace('id: mbu', 'id: mfu'));
    await client.waitFor("the buffer's title in force", async () =>
      /### MBU/.test(hoverText(await client.hover(DOC, 0, 9))) ? true : undefined,
    );
  });

  it('gives each workspace folder its own team terms', async () => {
    await start(
      { '/a/.glossary/mfu.md': termFileText('mfu', 'MFU'), '/b/.glossary/mbu.md': termFileText('mbu', 'MBU') },
      { folders: ['/a', '/b'] },
    );
    await client.open('file:///a/x.md', 'markdown', 'MFU MBU\n');
    await client.open('file:///b/x.md', 'markdown', 'MFU MBU\n');
    assert.match(hoverText(await client.hover('file:///a/x.md', 0, 1)), /### MFU/);
    assert.strictEqual(await client.hover('file:///a/x.md', 0, 5), null);
    assert.strictEqual(await client.hover('file:///b/x.md', 0, 1), null);
    assert.match(hoverText(await client.hover('file:///b/x.md', 0, 5)), /### MBU/);
  });

  it('drops the analysis of a document when it is closed, also of a large one answered from its first part', async () => {
    await start();
    const large = 'The KV cache fills up.\n\n'.repeat(20_000);
    await client.open(DOC, 'markdown', large);
    assert.match(hoverText(await client.hover(DOC, 0, 6)), /### KV cache/);
    assert.strictEqual(client.session.analyses.holds(DOC), true);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: DOC } });
    await client.waitFor('the analysis dropped', () => (client.session.analyses.holds(DOC) ? undefined : true));
  });
});

describe('Knobs and metrics, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  it('warns about a removed metric in a dashboard JSON and fixes it with its replacement', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    const uri = 'file:///ws/dashboard.json';
    await client.open(
      uri,
      'json',
      '{"expr": "histogram_quantile(0.99, rate(vllm:time_per_output_token_seconds_bucket[5m]))"}\n',
    );
    const [diagnostic] = await client.waitFor('a knob hint', () =>
      client.diagnostics.get(uri)?.length ? client.diagnostics.get(uri) : undefined,
    );
    assert.match(
      String(diagnostic.message),
      /`vllm:time_per_output_token_seconds_bucket` was removed in vLLM 0\.13\.0; use `vllm:inter_token_latency_seconds`/,
    );
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const edit = (actions?.[0] as { edit?: { changes?: Record<string, { newText: string }[]> } }).edit?.changes?.[
      uri
    ]?.[0];
    assert.strictEqual(edit?.newText, 'vllm:inter_token_latency_seconds_bucket');
  });

  it('reports only what the targeted engine version has removed, and names that need a later one', async () => {
    client = await MemoryClient.start(memoryGlossary(), {
      folders: ['/ws'],
      initializationOptions: { engineVersions: { vllm: '0.10' } },
    });
    const uri = 'file:///ws/alerts.yaml';
    await client.open(
      uri,
      'yaml',
      'expr: rate(vllm:time_per_output_token_seconds_sum[5m]) / rate(vllm:inter_token_latency_seconds_count[5m])\n',
    );
    const diagnostics = await client.waitFor('knob hints', () =>
      client.diagnostics.get(uri)?.length ? client.diagnostics.get(uri) : undefined,
    );
    assert.deepStrictEqual(
      diagnostics.map((d: Diagnostic) => d.code),
      ['knob-too-new'],
    );
    assert.match(String(diagnostics[0].message), /needs vLLM 0\.11\.0 or later; this workspace targets vLLM 0\.10/);
  });

  it('completes a metric name being typed in PromQL, anywhere in the file, with its engine, term and a removed one struck out', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    const uri = 'file:///ws/alerts.yaml';
    await client.open(uri, 'yaml', 'expr: rate(vllm:ti\nargs: ["--max-n"]\n');
    const metrics = await client.completion(uri, 0, 18);
    assert.deepStrictEqual(
      metrics.items.map((i) => [i.label, i.detail, i.tags]),
      [['vllm:time_per_output_token_seconds', 'vLLM · TPOT', [1]]],
    );
    assert.deepStrictEqual(metrics.items[0].textEdit, {
      range: { start: { line: 0, character: 11 }, end: { line: 0, character: 18 } },
      newText: 'vllm:time_per_output_token_seconds',
    });
    assert.match((metrics.items[0].documentation as { value: string }).value, /removed in 0\.13\.0/);
    const flags = await client.completion(uri, 1, 13);
    assert.deepStrictEqual(
      flags.items.map((i) => i.label),
      ['--max-num-seqs'],
    );
  });

  it('hovers a flag in a YAML args list with its term', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    const uri = 'file:///ws/values.yaml';
    await client.open(uri, 'yaml', 'args:\n  - "--max-num-seqs=64"\n');
    assert.match(hoverText(await client.hover(uri, 1, 8)), /^### `--max-num-seqs`[\s\S]*\*\*\[TPOT\]/);
  });
});
