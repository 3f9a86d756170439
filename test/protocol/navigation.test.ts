import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CodeAction,
  CodeLens,
  Diagnostic,
  Location,
  SemanticTokens,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { pathToUri, TestClient } from '../support/lspClient';
import { termFileOf as termFile } from '../support/termFactory';

describe('Navigation and authoring over stdio', () => {
  let workspace: string;
  let client: TestClient;
  const file = (name: string) => pathToUri(path.join(workspace, name));

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-nav-'));
    fs.mkdirSync(path.join(workspace, '.glossary'));
    fs.mkdirSync(path.join(workspace, 'docs'));
    fs.mkdirSync(path.join(workspace, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, '.glossary', 'sidecar-cache.md'),
      termFile('id: sidecar-cache\ntitle: Sidecar cache\naliases: [SCC]\ncategory: serving'),
    );
    fs.writeFileSync(
      path.join(workspace, '.glossary', 'old-cache.md'),
      termFile('id: old-cache\ntitle: Legacy cache\ncategory: serving\nstatus: deprecated\nreplaced_by: sidecar-cache'),
    );
    fs.writeFileSync(
      path.join(workspace, 'docs', 'a.md'),
      'The sidecar cache sits next to the engine. SCC hit rate matters.\n',
    );
    fs.writeFileSync(path.join(workspace, 'docs', 'b.py'), '# warm the sidecar cache first\nsidecar_cache = None\n');
    fs.writeFileSync(
      path.join(workspace, 'node_modules', 'dep', 'x.md'),
      'sidecar cache in a dependency is not indexed\n',
    );
    client = await TestClient.start({
      rootPath: workspace,
      initializationOptions: { diagnostics: { spelling: true, deprecated: true }, semanticHighlighting: true },
    });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('finds every mention of a term across the workspace, but not in dependencies', async () => {
    await client.open(file('docs/a.md'), 'markdown', fs.readFileSync(path.join(workspace, 'docs', 'a.md'), 'utf8'));
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: file('docs/a.md') },
      position: { line: 0, character: 6 },
      context: { includeDeclaration: false },
    });
    const found = locations
      .map((l) => `${path.basename(l.uri)}:${l.range.start.line}:${l.range.start.character}`)
      .sort();
    assert.deepStrictEqual(found, ['a.md:0:4', 'a.md:0:43', 'b.py:0:11']);
  });

  it('finds references from inside the term file itself, with the declaration first when asked', async () => {
    const termUri = file('.glossary/sidecar-cache.md');
    await client.open(
      termUri,
      'markdown',
      fs.readFileSync(path.join(workspace, '.glossary', 'sidecar-cache.md'), 'utf8'),
    );
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: termUri },
      position: { line: 0, character: 0 },
      context: { includeDeclaration: true },
    });
    assert.strictEqual(locations[0].uri, termUri);
    assert.strictEqual(locations.length, 4);
  });

  it('shows a code lens with the mention count on the term file title', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: file('.glossary/sidecar-cache.md') },
    });
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].command?.title, '3 mentions in the workspace');
    assert.deepStrictEqual(lenses[0].command?.arguments, ['sidecar-cache']);
    assert.strictEqual(lenses[0].range.start.line, 2);
  });

  it('finds terms by name, alias or acronym as workspace symbols', async () => {
    const byAcronym = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'SCC' });
    assert.strictEqual(byAcronym[0].name, 'Sidecar cache');
    const byName = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'kv cache' });
    assert.ok(byName.some((s) => s.name === 'KV cache' && s.location.uri.endsWith('/terms/kv-cache.md')));
  });

  it('hints non-canonical spellings and deprecated terms, each with a quick fix', async () => {
    const uri = file('docs/c.md');
    await client.open(uri, 'markdown', 'Our Kv-Cache and the legacy cache.\n');
    const diagnostics = await client.waitFor('hints', () => {
      const d = client.diagnostics.get(uri);
      return d && d.length === 2 ? d : undefined;
    });
    assert.deepStrictEqual(
      diagnostics.map((d: Diagnostic) => [d.code, d.message]),
      [
        ['non-canonical', 'The glossary writes this term "KV cache"'],
        ['deprecated', '"legacy cache" (Legacy cache) is deprecated in the glossary: use "Sidecar cache"'],
      ],
    );
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    assert.deepStrictEqual(
      actions.map((a) => a.edit?.changes?.[uri][0].newText),
      ['KV cache', 'Sidecar cache'],
    );
  });

  it('colours mentions in Markdown with semantic tokens, and leaves Python to its own highlighter', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: file('docs/a.md') },
    });
    assert.deepStrictEqual(tokens.data, [0, 4, 13, 0, 0, 0, 39, 3, 0, 0]);
    await client.open(file('docs/b.py'), 'python', '# sidecar cache\n');
    assert.strictEqual(
      await client.request('textDocument/semanticTokens/full', { textDocument: { uri: file('docs/b.py') } }),
      null,
    );
  });

  it('lists terms for the client with their layer and summary', async () => {
    const terms = await client.request<{ id: string; layer: string; summary: string }[]>('llmGlossary/listTerms', {});
    const sidecar = terms.find((t) => t.id === 'sidecar-cache');
    assert.strictEqual(sidecar?.layer, '.glossary');
    assert.strictEqual(sidecar?.summary, 'Text.');
    assert.ok(terms.some((t) => t.id === 'kv-cache' && t.layer === 'bundled'));
  });

  it('reads only the bundled glossary in an untrusted workspace', async () => {
    const untrusted = await TestClient.start({
      rootPath: workspace,
      initializationOptions: { workspaceTrusted: false },
    });
    try {
      const terms = await untrusted.request<{ id: string }[]>('llmGlossary/listTerms', {});
      assert.ok(!terms.some((t) => t.id === 'sidecar-cache'));
      assert.ok(terms.some((t) => t.id === 'kv-cache'));
    } finally {
      await untrusted.stop();
    }
  });
});
