/**
 * Proves the end-to-end harness on a throwaway extension generated at test time (plain JavaScript,
 * no build): one copy is installed from a folder, a second one from a .vsix, both into a real VS Code
 * (code-server) driven by Chromium.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeServer,
  Workbench,
  extractZip,
  makeTempDir,
  makeWorkspace,
  readManifest,
  stageExtension,
  startCodeServer,
  writeZip,
} from './harness';

const FOLDER_EXTENSION_JS = `
const vscode = require('vscode');
exports.activate = function (context) {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider('markdown', {
      provideHover(document, position) {
        const range = document.getWordRangeAtPosition(position);
        if (!range) return undefined;
        const greeting = vscode.workspace.getConfiguration('e2eSmoke').get('greeting');
        return new vscode.Hover('SMOKE-HOVER word=' + document.getText(range) + ' greeting=' + greeting, range);
      },
    }),
    vscode.languages.registerDefinitionProvider('markdown', {
      provideDefinition(document) {
        const folder = vscode.workspace.getWorkspaceFolder(document.uri);
        if (!folder) return undefined;
        return new vscode.Location(vscode.Uri.joinPath(folder.uri, 'smoke-target.md'), new vscode.Position(2, 0));
      },
    }),
    vscode.languages.registerCompletionItemProvider('markdown', {
      provideCompletionItems() {
        return ['smokeAlpha', 'smokeBeta'].map((label) => new vscode.CompletionItem(label, vscode.CompletionItemKind.Keyword));
      },
    }),
  );
};
exports.deactivate = function () {};
`;

const VSIX_EXTENSION_JS = `
const vscode = require('vscode');
exports.activate = function (context) {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider('markdown', {
      provideHover() { return new vscode.Hover('SMOKE-VSIX-HOVER'); },
    }),
  );
};
`;

function manifest(name: string, main: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      name,
      publisher: 'e2e',
      version: '0.0.1',
      engines: { vscode: '^1.80.0' },
      activationEvents: ['onLanguage:markdown'],
      main,
      ...extra,
    },
    null,
    2,
  );
}

/** A built-looking extension folder: package.json + dist/extension.js (+ a node_modules that staging must skip). */
function writeFolderExtension(root: string): string {
  const dir = path.join(root, 'smoke-folder-extension');
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules', 'left-out'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    manifest('smoke', './dist/extension.js', {
      contributes: {
        configuration: { properties: { 'e2eSmoke.greeting': { type: 'string', default: 'default-greeting' } } },
      },
    }),
  );
  fs.writeFileSync(path.join(dir, 'dist', 'extension.js'), FOLDER_EXTENSION_JS);
  fs.writeFileSync(path.join(dir, 'node_modules', 'left-out', 'index.js'), '');
  return dir;
}

/** A .vsix as vsce lays it out: the extension under extension/, plus the VSIX manifest files. */
async function writeVsixExtension(root: string): Promise<string> {
  const file = path.join(root, 'smoke-vsix-0.0.1.vsix');
  await writeZip(
    file,
    new Map<string, string>([
      [
        '[Content_Types].xml',
        '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>',
      ],
      [
        'extension.vsixmanifest',
        '<?xml version="1.0" encoding="utf-8"?><PackageManifest Version="2.0.0"></PackageManifest>',
      ],
      ['extension/package.json', manifest('smoke-vsix', './extension.js')],
      ['extension/extension.js', VSIX_EXTENSION_JS],
    ]),
  );
  return file;
}

describe('The end-to-end harness', function () {
  let tempDir = '';

  before(function () {
    tempDir = makeTempDir('smoke');
  });

  after(function () {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  describe('staging extensions', function () {
    it('unpacks the extension/ folder of a .vsix into publisher.name-version', async function () {
      const vsix = await writeVsixExtension(tempDir);
      const staged = await stageExtension(vsix, path.join(tempDir, 'staged-vsix'));
      assert.strictEqual(staged.id, 'e2e.smoke-vsix');
      assert.strictEqual(path.basename(staged.dir), 'e2e.smoke-vsix-0.0.1');
      assert.strictEqual(fs.readFileSync(path.join(staged.dir, 'extension.js'), 'utf8'), VSIX_EXTENSION_JS);
      assert.deepStrictEqual(readManifest(staged.dir), { publisher: 'e2e', name: 'smoke-vsix', version: '0.0.1' });
    });

    it('copies an extension folder without its node_modules', async function () {
      const staged = await stageExtension(writeFolderExtension(tempDir), path.join(tempDir, 'staged-folder'));
      assert.strictEqual(path.basename(staged.dir), 'e2e.smoke-0.0.1');
      assert.ok(fs.existsSync(path.join(staged.dir, 'dist', 'extension.js')));
      assert.ok(!fs.existsSync(path.join(staged.dir, 'node_modules')));
    });

    it('refuses a zip entry that would escape the destination folder', async function () {
      const evil = path.join(tempDir, 'evil.zip');
      // The zip writer refuses such a name itself: write a same-length harmless one, then patch it in.
      await writeZip(evil, new Map([['extension/xx/xx/escaped.txt', 'x']]));
      fs.writeFileSync(
        evil,
        Buffer.from(fs.readFileSync(evil).toString('latin1').split('xx/xx').join('../..'), 'latin1'),
      );
      await assert.rejects(extractZip(evil, path.join(tempDir, 'evil-out'), 'extension/'), /escapes the destination/);
      assert.ok(!fs.existsSync(path.join(tempDir, 'escaped.txt')));
    });
  });

  describe('in a real VS Code (code-server) driven by Chromium', function () {
    let server: CodeServer | undefined;
    let workbench: Workbench | undefined;
    let workspace = '';

    before(async function () {
      workspace = makeWorkspace({ 'smoke-target.md': '# Smoke target\n\nThe definition lives here.\n' });
      server = await startCodeServer({
        workspace,
        extensions: [writeFolderExtension(tempDir), await writeVsixExtension(tempDir)],
        userSettings: { 'e2eSmoke.greeting': 'hello-from-settings' },
      });
      workbench = await Workbench.open(server);
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && workbench !== undefined) {
        const file = await workbench.screenshot(`smoke-failure-${this.currentTest.title}`).catch(() => '');
        console.error(
          `screenshot: ${file}\n--- code-server output ---\n${server?.output() ?? ''}\n--- browser ---\n${workbench.browserLog()}`,
        );
      }
    });

    after(async function () {
      await workbench?.close();
      await server?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    });

    function wb(): Workbench {
      assert.ok(workbench, 'the workbench did not open');
      return workbench;
    }

    it('shows the hover of an extension installed from a folder, with a value from the user settings', async function () {
      await wb().openFile('design.md');
      const text = await wb().hover('TTFT', { expect: 'SMOKE-HOVER' });
      assert.match(text, /SMOKE-HOVER word=TTFT greeting=hello-from-settings/);
    });

    it('shows the hover of an extension installed from a .vsix', async function () {
      await wb().openFile('design.md');
      const text = await wb().hover('batching', { expect: 'SMOKE-VSIX-HOVER' });
      assert.match(text, /SMOKE-VSIX-HOVER/);
    });

    it("lists the extension's completion items after Ctrl+Space", async function () {
      await wb().openFile('design.md');
      const onDisk = fs.readFileSync(path.join(workspace, 'design.md'), 'utf8');
      try {
        const labels = await wb().suggest('smo', { expect: 'smokeAlpha' });
        assert.ok(labels.includes('smokeBeta'), `labels: ${labels.join(', ')}`);
        assert.strictEqual(await wb().activeTabIsDirty(), true, 'the typed text should be an unsaved change');
      } finally {
        await wb().revertActiveFile();
      }
      assert.strictEqual(await wb().activeTabIsDirty(), false, 'File: Revert File left design.md modified');
      assert.strictEqual(
        fs.readFileSync(path.join(workspace, 'design.md'), 'utf8'),
        onDisk,
        'the typed text reached the disk',
      );
    });

    it('opens the definition target the extension returns when F12 is pressed', async function () {
      await wb().openFile('design.md');
      const result = await wb().goToDefinition('cache', {
        expectTitle: 'smoke-target.md',
        expectPosition: /^Ln 3, Col 1\b/,
      });
      assert.strictEqual(result.title, 'smoke-target.md');
      assert.match(result.position, /^Ln 3, Col 1\b/);
    });

    it('saves a screenshot to test/e2e/out', async function () {
      const file = await wb().screenshot('smoke-workbench');
      assert.ok(fs.statSync(file).size > 1000, `${file} looks empty`);
    });
  });
});
