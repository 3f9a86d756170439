import { execFileSync } from 'child_process';
import { CodeServer, makeWorkspace, shippedExtension, startCodeServer, Workbench } from './harness';

describe('probe F12 early', function () {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  after(async () => {
    await workbench?.close();
    await server?.stop();
  });
  it('probe', async function () {
    server = await startCodeServer({ workspace: makeWorkspace(), extensions: [shippedExtension()] });
    workbench = await Workbench.open(server);
    const t0 = Date.now();
    await workbench.openFile('design.md');
    const t1 = Date.now();
    console.log('opened after', t1 - t0);
    const pids = () => {
      try {
        return execFileSync('pgrep', ['-f', 'dist/server.js'], { encoding: 'utf8' }).trim();
      } catch {
        return '';
      }
    };
    await workbench.clickWord('KV cache');
    for (let i = 0; i < 40; i++) {
      const t = Date.now() - t1;
      await workbench.page.keyboard.press('F12');
      await new Promise((r) => setTimeout(r, 250));
      const title = await workbench.activeTabTitle();
      const msgs = await workbench.page.locator('.monaco-editor-overlaymessage, .notification-toast').allInnerTexts();
      console.log(t, 'pid', pids().replace(/\n/g, ','), 'title', title, 'msgs', JSON.stringify(msgs));
      if (title !== 'design.md') break;
    }
  });
});
