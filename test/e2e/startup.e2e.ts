import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { CodeServer, makeWorkspace, poll, shippedExtension, startCodeServer, Workbench } from './harness';

/** Pids of the glossary language servers started from the installed extension. */
function serverPids(): string[] {
  try {
    return execFileSync('pgrep', ['-f', 'llm-deployment-glossary-[0-9.]+/dist/server.js'], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 while no process matches
  }
}

describe('The extension while its language server starts, in a real VS Code', function () {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let workspace = '';
  let extension = '';

  before(async function () {
    extension = shippedExtension();
    workspace = makeWorkspace();
    server = await startCodeServer({ workspace, extensions: [extension] });
    workbench = await Workbench.open(server);
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    if (extension && !extension.endsWith('.vsix')) fs.rmSync(extension, { recursive: true, force: true });
  });

  it('answers an F12 pressed as soon as the server process starts, without a second press', async function () {
    const wb = workbench!;
    assert.deepStrictEqual(serverPids(), [], 'no glossary document was open yet, so no server runs');
    await wb.openFile('design.md'); // activates the extension, which starts the server
    await wb.clickWord('KV cache');
    await poll('the language server process', () => (serverPids().length > 0 ? true : undefined), {
      timeoutMs: 60000,
      intervalMs: 20,
    });
    // The server has not answered initialize yet: only the extension's early providers can take this F12.
    await wb.page.keyboard.press('F12');
    const message = wb.page.locator('.monaco-editor-overlaymessage');
    await poll('kv-cache.md to open', async () => ((await wb.activeTabTitle()) === 'kv-cache.md' ? true : undefined), {
      timeoutMs: 30000,
    }).catch(async (error: unknown) => {
      await wb.screenshot('startup-failure');
      const said = (await message.allInnerTexts()).join(' | ');
      throw new Error(`${String(error)}; editor message: ${JSON.stringify(said)}`);
    });
  });
});
