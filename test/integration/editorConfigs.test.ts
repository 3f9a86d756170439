import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('Editor configurations shipped in editors/', () => {
  it('for Helix is valid TOML that starts the llm-glossary-ls binary the package installs', async () => {
    const { parse } = await import('smol-toml'); // an ES module
    const config = parse(fs.readFileSync(path.join(root, 'editors', 'helix', 'languages.toml'), 'utf8')) as {
      'language-server': Record<string, { command: string; args: string[]; config: { glossaryPaths: string[] } }>;
      language: { name: string; 'language-servers': string[] }[];
    };
    const server = config['language-server']['llm-glossary'];
    assert.strictEqual(server.command, 'llm-glossary-ls');
    assert.ok(manifest.bin[server.command], 'package.json bin provides the command');
    assert.deepStrictEqual(server.args, ['--stdio']);
    assert.deepStrictEqual(server.config.glossaryPaths, ['docs/glossary']);
    for (const language of config.language) assert.ok(language['language-servers'].includes('llm-glossary'), language.name);
  });

  it('for Neovim and Emacs start the same binary by default', () => {
    assert.match(fs.readFileSync(path.join(root, 'editors', 'neovim', 'llm-glossary.lua'), 'utf8'), /\{ 'llm-glossary-ls', '--stdio' \}/);
    assert.match(fs.readFileSync(path.join(root, 'editors', 'emacs', 'llm-glossary.el'), 'utf8'), /'\("llm-glossary-ls" "--stdio"\)/);
  });
});
