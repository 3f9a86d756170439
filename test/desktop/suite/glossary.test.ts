import * as assert from 'assert';
import * as vscode from 'vscode';

/** Polls a provider command until it returns something (the extension and its server start asynchronously). */
async function until<T>(what: string, probe: () => Thenable<T | undefined>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('LLM Deployment Glossary in desktop VS Code', () => {
  let document: vscode.TextDocument;
  let kvCache: vscode.Position;

  before(async () => {
    document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'We size the KV cache per replica.\n\ncontinuous b',
    });
    await vscode.window.showTextDocument(document);
    kvCache = document.positionAt(document.getText().indexOf('KV cache') + 2);
  });

  it('hovers "KV cache" with its definition', async () => {
    const hovers = await until(
      'a hover',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, kvCache),
      (h) => h.length > 0,
    );
    assert.match(hoverText(hovers), /^### KV cache/m);
  });

  it('goes to the term file', async () => {
    const locations = await until(
      'a definition',
      () =>
        vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider',
          document.uri,
          kvCache,
        ),
      (l) => l.length > 0,
    );
    const target = 'targetUri' in locations[0] ? locations[0].targetUri : locations[0].uri;
    assert.ok(target.path.endsWith('/terms/kv-cache.md'), target.toString());
  });

  it('completes "continuous b" to "Continuous batching"', async () => {
    const end = document.positionAt(document.getText().length);
    const list = await until(
      'completions',
      () =>
        vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          end,
        ),
      (l) => l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Continuous batching'),
    );
    assert.ok(list.items.length > 0);
  });
});
