import * as assert from 'assert';
import {
  DidOpenNotebookDocumentNotification,
  NotebookCellKind,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol';
import { hoverText } from '../support/lspClient';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary } from '../support/memoryGlossary';

describe('Editor features, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  async function start(options: Parameters<typeof MemoryClient.start>[1] = {}) {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'], ...options });
  }

  it("hovers mentions in a notebook's Markdown cells and code-cell comments, sent through notebook sync", async () => {
    await start();
    const notebook = 'file:///ws/analysis.ipynb';
    const markdownCell = 'vscode-notebook-cell:/ws/analysis.ipynb#W0sZmlsZQ%3D%3D';
    const codeCell = 'vscode-notebook-cell:/ws/analysis.ipynb#W1sZmlsZQ%3D%3D';
    await client.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri: notebook,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: [
          { kind: NotebookCellKind.Markup, document: markdownCell },
          { kind: NotebookCellKind.Code, document: codeCell },
        ],
      },
      cellTextDocuments: [
        { uri: markdownCell, languageId: 'markdown', version: 1, text: '# Why TTFT grows\n' },
        { uri: codeCell, languageId: 'python', version: 1, text: 'ttft = 1  # the KV cache is full\n' },
      ],
    });
    assert.match(hoverText(await client.hover(markdownCell, 0, 7)), /^### TTFT/);
    assert.match(hoverText(await client.hover(codeCell, 0, 17)), /^### KV cache/);
    assert.strictEqual(await client.hover(codeCell, 0, 1), null);
  });

  it("reads a YAML file in a Helm chart's templates/ folder as a template, without its actions", async () => {
    await start();
    const uri = 'file:///ws/chart/templates/deploy.yaml';
    await client.open(uri, 'yaml', '{{/* Sized for the KV cache */}}\nimage: {{ .Values.TTFT }}\n');
    assert.match(hoverText(await client.hover(uri, 0, 22)), /^### KV cache/);
    assert.strictEqual(await client.hover(uri, 1, 20), null);
  });

  it('completes a sentence-case title in the typed case mid-sentence, with the alias in the row and a short detail', async () => {
    await start();
    const uri = 'file:///ws/notes.md';
    await client.open(uri, 'markdown', 'We use paged a\n\nMeasure the time to f');
    const paged = (await client.completion(uri, 0, 14)).items.find((i) => i.label === 'Paged attention')!;
    assert.strictEqual((paged.textEdit as { newText: string }).newText, 'paged attention');
    const ttft = (await client.completion(uri, 2, 21)).items.find((i) => i.label === 'TTFT')!;
    assert.strictEqual((ttft.textEdit as { newText: string }).newText, 'TTFT');
    assert.strictEqual(ttft.detail, 'Performance & Metrics');
    assert.deepStrictEqual(ttft.labelDetails, { description: 'time to first token' });
  });
});

describe('Quiet defaults', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  it('marks no mentions with semantic tokens unless the setting turns them on', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    await client.open('file:///ws/a.md', 'markdown', 'The KV cache and TTFT.\n');
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, {
      textDocument: { uri: 'file:///ws/a.md' },
    });
    assert.strictEqual(tokens, null);
  });
});
