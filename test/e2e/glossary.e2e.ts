import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  checkAgainstCommittedImage,
  CodeServer,
  makeWorkspace,
  poll,
  shippedExtension,
  startCodeServer,
  termSectionNames,
  Workbench,
} from './harness';

function workspaceTerm(definition: string): string {
  const body = termSectionNames()
    .map((s) => `## ${s}\n\n${s === 'Definition' ? definition : 'Team notes.'}\n`)
    .join('\n');
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
    server = await startCodeServer({
      workspace,
      extensions: [extension],
      // A notebook opens in the notebook editor even before the Jupyter support has activated (not as JSON text).
      userSettings: { 'workbench.editorAssociations': { '*.ipynb': 'jupyter-notebook' } },
    });
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

  /** The extension's folder as code-server installed it (bundled terms/ included). */
  function installedExtension(): string {
    const staged = server?.staged[0];
    assert.ok(staged, 'the extension was not installed');
    return staged.dir;
  }

  function wb(): Workbench {
    assert.ok(workbench, 'the workbench did not open');
    return workbench;
  }

  /**
   * Screenshot of the hover and the line it explains, once the hover has finished fading in, so README images show
   * it crisply; the hover's text is checked against the text recorded with the committed image of that name.
   */
  async function hoverScreenshot(name: string, hoverText: string): Promise<void> {
    const opacity = `(() => { const h = document.querySelector('.monaco-hover:not(.hidden)'); return h ? getComputedStyle(h).opacity : ''; })()`;
    await poll(
      'the hover to finish fading in',
      async () => ((await wb().page.evaluate(opacity)) === '1' ? true : undefined),
      { timeoutMs: 5000 },
    );
    await wb().screenshot(name, { clip: await wb().hoverRegion() });
    const stale = checkAgainstCommittedImage(name, hoverText);
    assert.ok(stale === undefined, stale);
  }

  /** The hover shows all of itself, its last row (the links into the term file) included, without scrolling. */
  async function assertCompactHover(): Promise<void> {
    // Other providers (VS Code's own Markdown support) may still be loading their part of the hover: wait for ours.
    const layout = await poll(
      'the hover with its row of links',
      async () => {
        const shown = await wb().hoverLayout();
        return shown && shown.lastRowText.startsWith('Open the ') ? shown : undefined;
      },
      { timeoutMs: 10000 },
    );
    assert.match(layout.lastRowText, /^Open the .* entry · Key properties · Common pitfalls · In practice$/);
    assert.ok(
      layout.contentHeight <= layout.shownHeight + 1,
      `the hover scrolls: ${layout.contentHeight}px of content in ${layout.shownHeight}px`,
    );
    const bottom = layout.hover.y + layout.hover.height;
    assert.ok(
      layout.lastRow.y >= layout.hover.y && layout.lastRow.y + layout.lastRow.height <= bottom + 1,
      `the links row (${JSON.stringify(layout.lastRow)}) lies outside the hover's visible area (${JSON.stringify(layout.hover)})`,
    );
  }

  it('shows a compact hover for "KV cache" in a Markdown design doc, its links row in view', async function () {
    await wb().openFile('design.md');
    const text = await wb().hover('KV cache', { expect: /attention keys and values/ });
    assert.match(text, /KV cache/);
    assert.match(text, /GPU & Memory/);
    // KV cache lists more than six related terms: six are shown, then "+N more".
    const related = /Related: (.*)/.exec(text)?.[1] ?? '';
    assert.strictEqual(related.split(' · ').length, 7, related);
    assert.match(related, /· \+\d+ more$/);
    await assertCompactHover();
    await hoverScreenshot('hover-markdown', text);
  });

  it('shows the definition when hovering "TTFT" in a Python comment', async function () {
    await wb().openFile('serving.py');
    const text = await wb().hover('TTFT', { expect: /Time to first token/ });
    assert.match(text, /Performance & Metrics/);
    await assertCompactHover();
    await hoverScreenshot('hover-python-comment', text);
  });

  it("hovers a term in a notebook's Markdown cell and in a code cell's comment", async function () {
    const page = wb().page;
    await wb().openFile('analysis.ipynb');
    const notebook = page.locator('.notebook-editor').first();
    await poll('the notebook editor', async () => ((await notebook.isVisible()) ? true : undefined), {
      timeoutMs: 60000,
    });
    // The Markdown cell shows rendered (in the notebook's webview); Enter on the selected first cell opens its
    // editor, where hovers work.
    await poll(
      "the Markdown cell's editor",
      async () => {
        if (
          (await wb()
            .findWord('KV cache', { timeoutMs: 500 })
            .catch(() => undefined)) !== undefined
        )
          return true;
        await page.keyboard.press('Enter');
        return undefined;
      },
      { timeoutMs: 60000, intervalMs: 1000 },
    );
    const text = await wb().hover('KV cache', { expect: /attention keys and values/, timeoutMs: 60000 });
    assert.match(text, /GPU & Memory/);
    await assertCompactHover();
    await hoverScreenshot('hover-notebook', text);
    await page.keyboard.press('Escape');
    assert.match(await wb().hover('TTFT', { expect: /Time to first token/ }), /Performance & Metrics/);
  });

  it('hovers a term in a PHP comment, and not in a PHP string', async function () {
    await wb().openFile('metrics.php');
    const text = await wb().hover('prefix caching', { expect: /Reusing the KV cache/ });
    await hoverScreenshot('hover-php-comment', text);
    await wb().page.keyboard.press('Escape');
    const inString = await wb().findWord('prefix caching', { occurrence: 1 });
    await wb().page.mouse.move(inString.x, inString.y, { steps: 3 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a hover, if any, has shown by now
    assert.doesNotMatch(await wb().hoverText(), /Reusing the KV cache/);
  });

  it('explains the --gpu-memory-utilization flag in a Helm values args list: the flag per engine first, then its term, unscrolled', async function () {
    await wb().openFile('values.yaml');
    const text = await wb().hover('--gpu-memory-utilization', { expect: /vLLM's per-instance memory budget/ });
    const blocks = await wb().hoverBlocks();
    // The flag itself: its name as the first heading, then one row per engine that has it (kind, default, source).
    assert.deepStrictEqual(
      blocks.slice(0, 3).map((block) => [block.tag, block.text]),
      [
        ['H3', '--gpu-memory-utilization'],
        ['P', 'vLLM flag · default 0.92 · vllm-project/vllm …/cache.py'],
        ['HR', ''],
      ],
      JSON.stringify(blocks, null, 1),
    );
    assert.deepStrictEqual(blocks[0]?.code, ['--gpu-memory-utilization']);
    assert.deepStrictEqual(blocks[1]?.bold, ['vLLM']);
    assert.deepStrictEqual(blocks[1]?.code, ['0.92']);
    // Then the term it belongs to in one paragraph, its name linking to the entry; the whole hover fits unscrolled.
    assert.match(blocks[3]?.text ?? '', /^gpu-memory-utilization · GPU & Memory — vLLM's per-instance memory budget/);
    const layout = await wb().hoverLayout();
    assert.ok(layout, 'the hover has a layout');
    assert.ok(
      layout.contentHeight <= layout.shownHeight + 1,
      `the hover scrolls: ${layout.contentHeight}px of content in ${layout.shownHeight}px`,
    );
    await hoverScreenshot('hover-knob', text);
  });

  it('opens the bundled term file read-only when F12 is pressed on a mention, and copies it to the team glossary', async function () {
    const page = wb().page;
    await wb().openFile('design.md');
    const result = await wb().goToDefinition('KV cache', { expectTitle: 'kv-cache.md' });
    assert.strictEqual(result.title, 'kv-cache.md');
    await wb().screenshot('go-to-definition', { clip: await wb().editorRegion() });
    const stale = checkAgainstCommittedImage('go-to-definition', `${result.title}\n${result.position}`);
    assert.ok(stale === undefined, stale);
    // Typing changes nothing: the editor is read-only (VS Code says so in a message over the editor).
    await page.keyboard.type('x');
    assert.strictEqual(await wb().activeTabIsDirty(), false, 'a bundled term file took an edit');
    const readOnly = page
      .locator('.monaco-editor-overlaymessage')
      .filter({ hasText: /read-only|Copy Term to Team Glossary/ });
    await poll('the read-only message', async () => ((await readOnly.count()) > 0 ? true : undefined), {
      timeoutMs: 10000,
    });

    await wb().runCommand('Glossary: Copy Term to Team Glossary');
    const copy = path.join(workspace, '.glossary', 'kv-cache.md');
    try {
      await poll('.glossary/kv-cache.md to be written', async () => (fs.existsSync(copy) ? true : undefined), {
        timeoutMs: 30000,
      });
      const bundledText = fs.readFileSync(path.join(installedExtension(), 'terms', 'kv-cache.md'), 'utf8');
      assert.strictEqual(fs.readFileSync(copy, 'utf8'), bundledText);
      await poll('the copy to open', async () => ((await wb().activeTabTitle()) === 'kv-cache.md' ? true : undefined), {
        timeoutMs: 30000,
      });
      await wb().clickWord('title');
      await page.keyboard.type('x');
      await poll('the copy to take an edit', async () => ((await wb().activeTabIsDirty()) ? true : undefined), {
        timeoutMs: 10000,
      });
      await wb().revertActiveFile();
    } finally {
      fs.rmSync(copy, { force: true });
    }
  });

  it('offers "Continuous batching" after typing "continuous b" mid-sentence, and inserts it in the typed case', async function () {
    await wb().openFile('design.md');
    const onDisk = fs.readFileSync(path.join(workspace, 'design.md'), 'utf8');
    try {
      const labels = await wb().suggest('We schedule with continuous b', {
        expect: 'Continuous batching',
        keepOpen: true,
      });
      assert.ok(labels.includes('Continuous batching'), labels.join(', '));
      await wb().screenshot('completion', { clip: await wb().suggestRegion() });
      const stale = checkAgainstCommittedImage('completion', labels.join('\n'));
      assert.ok(stale === undefined, stale);
      await wb().page.keyboard.press('Enter');
      await wb().findWord('We schedule with continuous batching', { wholeWord: false });
    } finally {
      await wb().revertActiveFile();
    }
    assert.strictEqual(
      fs.readFileSync(path.join(workspace, 'design.md'), 'utf8'),
      onDisk,
      'typed text reached the disk',
    );
  });

  it('offers --max-num-seqs with its engine and term after typing "--max-num-s" in a Helm values args list, and inserts the flag', async function () {
    await wb().openFile('values.yaml');
    const onDisk = fs.readFileSync(path.join(workspace, 'values.yaml'), 'utf8');
    try {
      // A new item of the extraArgs list, indented like the one before it.
      await wb().suggest('- --max-num-s', { expect: '--max-num-seqs', keepOpen: true, afterLineWith: '- "8192"' });
      const row = (await wb().suggestions()).find((shown) => shown.label === '--max-num-seqs');
      assert.deepStrictEqual(row, { label: '--max-num-seqs', detail: 'vLLM · max-num-seqs', focused: true });
      await wb().page.keyboard.press('Enter');
      const inserted = await wb().findWord('--max-num-seqs');
      assert.strictEqual(inserted.lineText, '      - --max-num-seqs');
    } finally {
      await wb().revertActiveFile();
    }
    assert.strictEqual(
      fs.readFileSync(path.join(workspace, 'values.yaml'), 'utf8'),
      onDisk,
      'typed text reached the disk',
    );
  });

  it('offers the vLLM request-queue metrics after typing "rate(vllm:num_req" in a PromQL expression in YAML, and inserts the chosen one after "rate("', async function () {
    await wb().openFile('alerts.yaml');
    const onDisk = fs.readFileSync(path.join(workspace, 'alerts.yaml'), 'utf8');
    try {
      // The rule's expression, under its alert name.
      await wb().suggest('  expr: rate(vllm:num_req', {
        expect: 'vllm:num_requests_waiting',
        keepOpen: true,
        afterLineWith: '- alert: VLLMEngineQueueing',
      });
      const rows = await wb().suggestions();
      const detailOf = (label: string) => rows.find((shown) => shown.label === label)?.detail;
      assert.strictEqual(detailOf('vllm:num_requests_waiting'), 'vLLM · Request queue', JSON.stringify(rows));
      assert.strictEqual(detailOf('vllm:num_requests_running'), 'vLLM · Batch size', JSON.stringify(rows));
      const focused = rows.find((shown) => shown.focused);
      assert.ok(focused, `no suggestion is focused: ${JSON.stringify(rows)}`);
      await wb().page.keyboard.press('Enter');
      const inserted = await wb().findWord(focused.label);
      // VS Code closes the parenthesis as it is typed once YAML's language configuration is in, not before: either
      // way the name replaces only the typed "vllm:num_req".
      assert.strictEqual(inserted.lineText.trim().replace(/\)$/, ''), `expr: rate(${focused.label}`);
    } finally {
      await wb().revertActiveFile();
    }
    assert.strictEqual(
      fs.readFileSync(path.join(workspace, 'alerts.yaml'), 'utf8'),
      onDisk,
      'typed text reached the disk',
    );
  });

  it("hovers the workspace glossary's own term", async function () {
    await wb().openFile('platform.md');
    const text = await wb().hover('gold path', { expect: /blessed serving stack/ });
    assert.match(text, /Gold path/);
  });

  it('updates the hover when the term file changes, without a restart', async function () {
    fs.writeFileSync(
      path.join(workspace, '.glossary', 'gold-path.md'),
      workspaceTerm('Renamed: the paved road for every model launch.'),
    );
    await wb().openFile('platform.md');
    const text = await wb().hover('gold path', { expect: /paved road/ });
    assert.doesNotMatch(text, /blessed serving stack/);
  });

  it('lists the glossary by category in the Explorer, with workspace terms marked', async function () {
    const page = wb().page;
    const header = page.getByRole('button', { name: /^Glossary/ }).first();
    if ((await page.getByRole('treeitem', { name: /GPU & Memory/ }).count()) === 0) await header.click();
    const category = page.getByRole('treeitem', { name: /GPU & Memory/ }).first();
    await poll('the Glossary view to list categories', async () => ((await category.isVisible()) ? true : undefined), {
      timeoutMs: 30000,
    });
    await page
      .getByRole('treeitem', { name: /Control Plane/ })
      .first()
      .click();
    const own = page.getByRole('treeitem', { name: /Gold path/ }).first();
    await poll('the workspace term in its category', async () => ((await own.isVisible()) ? true : undefined), {
      timeoutMs: 30000,
    });
    assert.match(await own.innerText(), /workspace/);
    await wb().screenshot('glossary-view');
  });

  it('restarts the language server after it crashes, and hovers work again', async function () {
    // The extension runs from its staged copy in the extensions folder: match that server path.
    const serverPids = () =>
      execFileSync('pgrep', ['-f', 'llm-deployment-glossary-[0-9.]+/dist/server.js'], { encoding: 'utf8' })
        .trim()
        .split(/\s+/)
        .filter(Boolean);
    const [first] = serverPids();
    assert.ok(first, 'the language server process is running');
    process.kill(Number(first), 'SIGKILL');
    await poll(
      'a new language server process',
      async () => {
        try {
          const now = serverPids();
          return now.length > 0 && !now.includes(first) ? true : undefined;
        } catch {
          return undefined; // pgrep exits 1 while no process matches
        }
      },
      { timeoutMs: 60000 },
    );
    await wb().openFile('design.md');
    const text = await wb().hover('continuous batching', { expect: /finished sequences leave the batch/ });
    assert.match(text, /Continuous batching/);
  });

  it('stops restarting a server that keeps crashing, says so with a Restart action, and restarts it when asked', async function () {
    const page = wb().page;
    const serverPids = () => {
      try {
        return execFileSync('pgrep', ['-f', 'llm-deployment-glossary-[0-9.]+/dist/server.js'], { encoding: 'utf8' })
          .trim()
          .split(/\s+/)
          .filter(Boolean);
      } catch {
        return []; // pgrep exits 1 while no process matches
      }
    };
    const toast = page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: 'The LLM Glossary server stopped' })
      .first();
    // Five crashes within three minutes (the test above made one): the fifth is not restarted.
    for (let crash = 0; crash < 6 && !(await toast.isVisible()); crash++) {
      const pids = await poll(
        'a running language server',
        async () => (serverPids().length > 0 ? serverPids() : undefined),
        {
          timeoutMs: 60000,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 3000)); // started and initialized, as after a real crash
      console.log(`crash ${crash + 1}: killing ${pids.join(', ')}`);
      for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
      await poll(
        'a new server or the message',
        async () => ((await toast.isVisible()) || serverPids().some((pid) => !pids.includes(pid)) ? true : undefined),
        { timeoutMs: 60000 },
      );
    }
    await poll('the message about repeated crashes', async () => ((await toast.isVisible()) ? true : undefined), {
      timeoutMs: 30000,
    });
    assert.deepStrictEqual(serverPids(), []);
    assert.match(await toast.innerText(), /Last error: Server process exited with signal SIGKILL/);
    await wb().screenshot('server-crashed-repeatedly');
    await toast.locator('.monaco-button').filter({ hasText: 'Restart' }).first().click();
    await poll('a restarted language server', async () => (serverPids().length > 0 ? true : undefined), {
      timeoutMs: 60000,
    });
    await wb().openFile('design.md');
    const text = await wb().hover('continuous batching', { expect: /finished sequences leave the batch/ });
    assert.match(text, /Continuous batching/);
  });

  it('finds a term through "Glossary: Search Terms" and opens its file', async function () {
    const page = wb().page;
    await wb().runCommand('Glossary: Search Terms', { expectInput: 'Search Glossary Terms' });
    await page.keyboard.type('TTFT');
    const row = page.locator('.quick-input-widget:visible .monaco-list-row').first();
    await poll(
      'TTFT in the quick pick',
      async () => ((await row.innerText().catch(() => '')).includes('TTFT') ? true : undefined),
      { timeoutMs: 30000 },
    );
    await wb().screenshot('search-terms');
    await page.keyboard.press('Enter');
    await poll('ttft.md to open', async () => ((await wb().activeTabTitle()) === 'ttft.md' ? true : undefined), {
      timeoutMs: 30000,
    });
  });

  it('opens the term file from "Glossary: Open Term at Cursor", and says so when the cursor is on no term', async function () {
    const page = wb().page;
    await wb().openFile('design.md');
    await wb().hover('KV cache', { expect: /attention keys and values/ }); // the language server answers
    await wb().clickWord('KV cache');
    await wb().runCommand('Glossary: Open Term at Cursor');
    // The cursor lands on the term's Definition section, like F12.
    const kvCache = fs.readFileSync(path.join(installedExtension(), 'terms', 'kv-cache.md'), 'utf8');
    const definitionLine = kvCache.split('\n').indexOf('## Definition') + 1;
    await poll(
      `kv-cache.md to open at line ${definitionLine}`,
      async () =>
        (await wb().activeTabTitle()) === 'kv-cache.md' &&
        (await wb().cursorPosition()).startsWith(`Ln ${definitionLine},`)
          ? true
          : undefined,
      { timeoutMs: 30000 },
    );
    await wb().screenshot('open-term-at-cursor');

    // The same command from the editor's context menu, on a word that is no term.
    await wb().openFile('design.md');
    await wb().clickWord('explains');
    // Shift+F10, not a right-click: the right button's mouseup lands on the menu, and the editor, which saw
    // only the mousedown, then shows no hovers until the next click in it.
    await page.keyboard.press('Shift+F10');
    const menuItem = page.locator('.monaco-menu .action-label').filter({ hasText: 'Open Term at Cursor' }).first();
    await poll(
      '"Open Term at Cursor" in the editor context menu',
      async () => ((await menuItem.isVisible()) ? true : undefined),
      { timeoutMs: 30000 },
    );
    await menuItem.click();
    const toast = page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: 'No glossary term at the cursor.' })
      .first();
    await poll(
      'the "No glossary term at the cursor." message',
      async () => {
        if (await toast.isVisible()) return true;
        // A click that lands while the menu is still settling only highlights the item: the menu stays open. Again.
        if (await menuItem.isVisible()) await menuItem.click({ timeout: 2000 }).catch(() => undefined);
        return undefined;
      },
      { timeoutMs: 30000 },
    );
    assert.strictEqual(await wb().activeTabTitle(), 'design.md');
    await wb().screenshot('open-term-at-cursor-no-term');
    await wb().runCommand('Notifications: Clear All Notifications');
    await poll('the message to be cleared', async () => ((await toast.count()) === 0 ? true : undefined), {
      timeoutMs: 30000,
    });
  });

  it('lists every file that mentions a term in the References peek with "Glossary: Show Mentions of Term"', async function () {
    const page = wb().page;
    await wb().openFile('design.md');
    await wb().runCommand('Glossary: Show Mentions of Term', { expectInput: 'Show Mentions of Term' });
    await page.keyboard.type('KV cache');
    const first = page.locator('.quick-input-widget:visible .monaco-list-row .label-name').first();
    await poll(
      'KV cache first in the quick pick',
      async () => ((await first.innerText().catch(() => '')) === 'KV cache' ? true : undefined),
      { timeoutMs: 30000 },
    );
    await page.keyboard.press('Enter');

    const peek = page.locator('.peekview-widget.reference-zone-widget.results-loaded').first();
    await poll('the References peek', async () => ((await peek.isVisible()) ? true : undefined), { timeoutMs: 30000 });
    // The reference tree groups the mentions under one row per file, labelled "3 symbols in design.md, full path …".
    const rows = peek.locator('.ref-tree .monaco-list-row');
    const files = await poll(
      'the mentions grouped by file',
      async () => {
        const found: string[] = [];
        for (let i = 0, n = await rows.count(); i < n; i++) {
          const file = /^(\d+) symbols? in (\S+), full path/.exec((await rows.nth(i).getAttribute('aria-label')) ?? '');
          if (file) found.push(`${file[2]}: ${file[1]}`);
        }
        return found.length >= 3 ? found : undefined;
      },
      { timeoutMs: 30000 },
    );
    assert.deepStrictEqual(files, ['design.md: 3', 'serving.py: 1', 'values.yaml: 3']);
    assert.strictEqual((await peek.locator('.peekview-title .meta').innerText()).trim(), 'Locations (7)');
    await wb().screenshot('show-mentions');
    await page.keyboard.press('Escape'); // the reference tree has the focus: closes the peek
    await poll('the References peek to close', async () => ((await peek.count()) === 0 ? true : undefined), {
      timeoutMs: 30000,
    });
  });

  it('reloads the glossary with "Glossary: Reload Glossary", reports the term count, and hovers still work', async function () {
    const page = wb().page;
    await wb().openFile('design.md');
    await wb().runCommand('Glossary: Reload Glossary');
    const message = page
      .locator('.part.statusbar .statusbar-item')
      .filter({ hasText: /Glossary reloaded: \d+ terms/ })
      .first();
    const shown = await poll(
      'the "Glossary reloaded" status bar message',
      async () => ((await message.isVisible()) ? await message.innerText() : undefined),
      { timeoutMs: 30000 },
    );
    const bundled = fs
      .readdirSync(path.join(installedExtension(), 'terms'))
      .filter((name) => name.endsWith('.md')).length;
    const own = fs
      .readdirSync(path.join(workspace, '.glossary'))
      .filter((name) => /^id: /m.test(fs.readFileSync(path.join(workspace, '.glossary', name), 'utf8'))).length;
    assert.strictEqual(shown.trim(), `Glossary reloaded: ${bundled + own} terms`);
    await wb().screenshot('reload-glossary');

    const text = await wb().hover('continuous batching', { expect: /finished sequences leave the batch/ });
    assert.match(text, /Continuous batching/);
    await wb().openFile('platform.md');
    assert.match(await wb().hover('gold path', { expect: /Gold path/ }), /Control Plane/);
  });

  it('gives mentions in Markdown the "glossaryTerm" semantic token when turned on, which a colour rule can style', async function () {
    // The colours of the text spans (Monaco draws spaces as no-break spaces) that hold `word` in the active editor.
    const spans = '.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line span span';
    const colours = (word: string) =>
      wb().page.evaluate(`Array.from(document.querySelectorAll('${spans}'))
      .filter((span) => span.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(word)})).map((span) => getComputedStyle(span).color)`) as Promise<
        string[]
      >;
    const magenta = 'rgb(200, 0, 200)';
    const settings = path.join(workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(
      settings,
      JSON.stringify({
        'llmGlossary.semanticHighlighting': true,
        'editor.semanticTokenColorCustomizations': { enabled: true, rules: { glossaryTerm: '#c800c8' } },
      }),
    );
    try {
      await wb().openFile('design.md');
      let seen: string[] = [];
      await poll(
        '"KV cache" drawn in the glossaryTerm colour',
        async () => {
          seen = await colours('KV cache');
          return seen.length === 3 && seen.every((colour) => colour === magenta) ? true : undefined;
        },
        { timeoutMs: 30000 },
      ).catch((error: unknown) => assert.fail(`${String(error)}; colours seen: ${seen.join(', ')}`));
      assert.deepStrictEqual(await colours('continuous batching'), [magenta]);
      const plain = await colours('explains');
      assert.ok(
        plain.length === 1 && plain[0] !== magenta,
        `a word that is no term keeps its colour (${plain.join(', ')})`,
      );
      await wb().screenshot('semantic-highlighting');
    } finally {
      fs.rmSync(path.dirname(settings), { recursive: true, force: true });
    }
    await poll(
      'the colour rule to be gone',
      async () => ((await colours('KV cache')).every((colour) => colour !== magenta) ? true : undefined),
      { timeoutMs: 30000 },
    );
  });

  it('creates a term file from the template with "Glossary: New Term…", and never overwrites one', async function () {
    const page = wb().page;
    await wb().runCommand('Glossary: New Term', { expectInput: 'New Glossary Term' });
    await page.keyboard.type('Shadow Fleet');
    await page.keyboard.press('Enter');
    const created = path.join(workspace, '.glossary', 'shadow-fleet.md');
    await poll('.glossary/shadow-fleet.md to be written', async () => (fs.existsSync(created) ? true : undefined), {
      timeoutMs: 30000,
    });
    const text = fs.readFileSync(created, 'utf8');
    assert.match(text, /^id: shadow-fleet$/m);
    assert.match(text, /^title: Shadow Fleet$/m);
    assert.match(text, /## In practice/);
    await poll(
      'the new term file to open',
      async () => ((await wb().activeTabTitle()) === 'shadow-fleet.md' ? true : undefined),
      { timeoutMs: 30000 },
    );

    fs.writeFileSync(created, 'hand-written content');
    await wb().runCommand('Glossary: New Term', { expectInput: 'New Glossary Term' });
    await page.keyboard.type('Shadow Fleet');
    await page.keyboard.press('Enter');
    const toast = page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: 'already exists' })
      .first();
    await poll('the "already exists" message', async () => ((await toast.isVisible()) ? true : undefined), {
      timeoutMs: 30000,
    });
    assert.strictEqual(fs.readFileSync(created, 'utf8'), 'hand-written content');
  });
});
