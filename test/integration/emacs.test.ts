import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const hasEmacs =
  spawnSync('emacs', ['--batch', '--eval', "(progn (package-initialize) (require 'eglot))"], { encoding: 'utf8' })
    .status === 0;

describe('A real Emacs using the server through eglot', () => {
  before(function () {
    // CI installs Debian's emacs-nox and elpa-eglot (see .ci/run); without them this suite is reported as pending.
    if (hasEmacs) return;
    // CI sets LLM_GLOSSARY_REQUIRE_EDITORS so a missing editor fails there instead of passing as pending.
    if (process.env.LLM_GLOSSARY_REQUIRE_EDITORS)
      throw new Error('emacs is not installed, and LLM_GLOSSARY_REQUIRE_EDITORS is set');
    this.skip();
  });

  it('shows the KV cache hover and finds its definition with the README configuration', function () {
    this.timeout(60000);
    const result = spawnSync(
      'emacs',
      ['--batch', '-l', path.join(root, 'test', 'emacs', 'hover.el'), path.join(root, 'test', 'neovim', 'fixture.md')],
      {
        encoding: 'utf8',
        timeout: 50000,
        env: { ...process.env, GLOSSARY_SERVER: path.join(root, 'dist', 'server.js') },
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    assert.match(output, /HOVER ### KV cache\n/, output.slice(-2000));
    assert.match(output, /DEFINITION file:\/\/\S+\/terms\/kv-cache\.md/, output.slice(-2000));
  });
});
