import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CodeServer, makeWorkspace, poll, shippedExtension, startCodeServer, Workbench } from './harness';

const SECTIONS = ['Definition', 'Why it exists', 'Where in the stack', 'Key properties', 'Common pitfalls', 'Related terms', 'In practice'];
function workspaceTerm(definition: string): string {
  const body = SECTIONS.map((s) => `## ${s}\n\n${s === 'Definition' ? definition : 'Team notes.'}\n`).join('\n');
  return `---\nid: gold-path\ntitle: Gold path\ncategory: control-plane\n---\n\n${body}`;
}

describe('The LLM Deployment Glossary extension in a real VS Code', function () {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let workspace = '';
  let extension = '';

  before(async function () {
    extension = shippedExtension();
    workspace = makeWorkspace({
      '.glossary/gold-path.md': workspaceTerm('Our blessed serving stack for chat models.'),
      'platform.md': '# Platform\n\nEvery new model ships on the gold path first.\n',
    });
    server = await startCodeServer({ workspace, extensions: [extension] });
    workbench = await Workbench.open(server);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench !== undefined) {
      const file = await workbench.screenshot(`glossary-failure-${this.currentTest.title}`).catch(() => '');
      console.error(`screenshot: ${file}\n--- code-server output ---\n${server?.output().slice(-4000) ?? ''}`);
    }
  });

  after(async function () {
    await workbench?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    if (extension && !extension.endsWith('.vsix')) fs.rmSync(extension, { recursive: true, force: true });
  });

  function wb(): Workbench {
    assert.ok(workbench, 'the workbench did not open');
    return workbench;
  }

  /** Runs a command that opens its own quick input, and waits until that input (with `title`) is showing. */
  async function startInputCommand(command: string, title: string): Promise<void> {
    const page = wb().page;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget:visible input').first();
    await poll('the Command Palette', async () => ((await input.isVisible()) ? true : undefined), { timeoutMs: 30000 });
    await page.keyboard.type(command);
    const row = page.locator('.quick-input-widget:visible .monaco-list-row').first();
    await poll(`"${command}" in the Command Palette`, async () => ((await row.getAttribute('aria-label', { timeout: 1000 }).catch(() => null)) ?? '').includes(command) ? true : undefined, { timeoutMs: 30000 });
    await page.keyboard.press('Enter');
    const heading = page.locator('.quick-input-widget:visible .quick-input-title').first();
    await poll(`the "${title}" input`, async () => ((await heading.innerText().catch(() => '')).includes(title) ? true : undefined), { timeoutMs: 30000 });
  }

  /** Screenshot once the hover has finished fading in, so README images show it crisply. */
  async function hoverScreenshot(name: string): Promise<void> {
    const opacity = `(() => { const h = document.querySelector('.monaco-hover:not(.hidden)'); return h ? getComputedStyle(h).opacity : ''; })()`;
    await poll('the hover to finish fading in', async () => ((await wb().page.evaluate(opacity)) === '1' ? true : undefined), { timeoutMs: 5000 });
    await wb().screenshot(name);
  }

  it('shows the definition when hovering "KV cache" in a Markdown design doc', async function () {
    await wb().openFile('design.md');
    const text = await wb().hover('KV cache', { expect: /attention keys and values/ });
    assert.match(text, /KV cache/);
    assert.match(text, /GPU & Memory/);
    await hoverScreenshot('hover-markdown');
  });

  it('shows the definition when hovering "TTFT" in a Python comment', async function () {
    await wb().openFile('serving.py');
    const text = await wb().hover('TTFT', { expect: /first generated token/ });
    assert.match(text, /Performance & Metrics/);
    await hoverScreenshot('hover-python-comment');
  });

  it('opens the term file when F12 is pressed on a mention', async function () {
    await wb().openFile('design.md');
    const result = await wb().goToDefinition('KV cache', { expectTitle: 'kv-cache.md' });
    assert.strictEqual(result.title, 'kv-cache.md');
    await wb().screenshot('go-to-definition');
  });

  it('offers "Continuous batching" after typing "continuous b" and triggering suggest', async function () {
    await wb().openFile('design.md');
    const onDisk = fs.readFileSync(path.join(workspace, 'design.md'), 'utf8');
    try {
      const labels = await wb().suggest('continuous b', { expect: 'Continuous batching', keepOpen: true });
      assert.ok(labels.includes('Continuous batching'), labels.join(', '));
      await wb().screenshot('completion');
    } finally {
      await wb().revertActiveFile();
    }
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'design.md'), 'utf8'), onDisk, 'typed text reached the disk');
  });

  it("hovers the workspace glossary's own term", async function () {
    await wb().openFile('platform.md');
    const text = await wb().hover('gold path', { expect: /blessed serving stack/ });
    assert.match(text, /Gold path/);
  });

  it('updates the hover when the term file changes, without a restart', async function () {
    fs.writeFileSync(path.join(workspace, '.glossary', 'gold-path.md'), workspaceTerm('Renamed: the paved road for every model launch.'));
    await wb().openFile('platform.md');
    const text = await wb().hover('gold path', { expect: /paved road/ });
    assert.doesNotMatch(text, /blessed serving stack/);
  });

  it('lists the glossary by category in the Explorer, with workspace terms marked', async function () {
    const page = wb().page;
    const header = page.getByRole('button', { name: /^Glossary/ }).first();
    if ((await page.getByRole('treeitem', { name: /GPU & Memory/ }).count()) === 0) await header.click();
    const category = page.getByRole('treeitem', { name: /GPU & Memory/ }).first();
    await poll('the Glossary view to list categories', async () => ((await category.isVisible()) ? true : undefined), { timeoutMs: 30000 });
    await page.getByRole('treeitem', { name: /Control Plane/ }).first().click();
    const own = page.getByRole('treeitem', { name: /Gold path/ }).first();
    await poll('the workspace term in its category', async () => ((await own.isVisible()) ? true : undefined), { timeoutMs: 30000 });
    assert.match(await own.innerText(), /workspace/);
    await wb().screenshot('glossary-view');
  });

  it('restarts the language server after it crashes, and hovers work again', async function () {
    // The extension runs from its staged copy in the extensions folder: match that server path.
    const serverPids = () => execFileSync('pgrep', ['-f', 'llm-deployment-glossary-[0-9.]+/dist/server.js'], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean);
    const [first] = serverPids();
    assert.ok(first, 'the language server process is running');
    process.kill(Number(first), 'SIGKILL');
    await poll('a new language server process', async () => {
      try {
        const now = serverPids();
        return now.length > 0 && !now.includes(first) ? true : undefined;
      } catch {
        return undefined; // pgrep exits 1 while no process matches
      }
    }, { timeoutMs: 60000 });
    await wb().openFile('design.md');
    const text = await wb().hover('continuous batching', { expect: /finished sequences leave the batch/ });
    assert.match(text, /Continuous batching/);
  });

  it('finds a term through "Glossary: Search Terms" and opens its file', async function () {
    const page = wb().page;
    await startInputCommand('Glossary: Search Terms', 'Search Glossary Terms');
    await page.keyboard.type('time to first');
    const row = page.locator('.quick-input-widget:visible .monaco-list-row').first();
    await poll('TTFT in the quick pick', async () => ((await row.innerText().catch(() => '')).includes('TTFT') ? true : undefined), { timeoutMs: 30000 });
    await wb().screenshot('search-terms');
    await page.keyboard.press('Enter');
    await poll('ttft.md to open', async () => ((await wb().activeTabTitle()) === 'ttft.md' ? true : undefined), { timeoutMs: 30000 });
  });

  it('creates a term file from the template with "Glossary: New Term…", and never overwrites one', async function () {
    const page = wb().page;
    await startInputCommand('Glossary: New Term', 'New Glossary Term');
    await page.keyboard.type('Shadow Fleet');
    await page.keyboard.press('Enter');
    const created = path.join(workspace, '.glossary', 'shadow-fleet.md');
    await poll('.glossary/shadow-fleet.md to be written', async () => (fs.existsSync(created) ? true : undefined), { timeoutMs: 30000 });
    const text = fs.readFileSync(created, 'utf8');
    assert.match(text, /^id: shadow-fleet$/m);
    assert.match(text, /^title: Shadow Fleet$/m);
    assert.match(text, /## In practice/);
    await poll('the new term file to open', async () => ((await wb().activeTabTitle()) === 'shadow-fleet.md' ? true : undefined), { timeoutMs: 30000 });

    fs.writeFileSync(created, 'hand-written content');
    await startInputCommand('Glossary: New Term', 'New Glossary Term');
    await page.keyboard.type('Shadow Fleet');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'already exists' }).first();
    await poll('the "already exists" message', async () => ((await toast.isVisible()) ? true : undefined), { timeoutMs: 30000 });
    assert.strictEqual(fs.readFileSync(created, 'utf8'), 'hand-written content');
  });
});
