import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SERVED_LANGUAGES } from '../../server/shared/languages';

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
    for (const language of config.language)
      assert.ok(language['language-servers'].includes('llm-glossary'), language.name);
  });

  it("for Zed is a cdylib extension that starts the package's llm-glossary-ls binary for languages the server serves", async () => {
    const { parse } = await import('smol-toml'); // an ES module
    const zed = path.join(root, 'editors', 'zed');
    const extension = parse(fs.readFileSync(path.join(zed, 'extension.toml'), 'utf8')) as {
      id: string;
      schema_version: number;
      language_servers: Record<string, { name: string; languages: string[]; language_ids: Record<string, string> }>;
    };
    const cargo = parse(fs.readFileSync(path.join(zed, 'Cargo.toml'), 'utf8')) as {
      lib: { 'crate-type': string[] };
      dependencies: Record<string, unknown>;
    };
    const lib = fs.readFileSync(path.join(zed, 'src', 'lib.rs'), 'utf8');
    const rustConst = (name: string) => lib.match(new RegExp(`const ${name}: &str = "([^"]+)";`))?.[1];

    assert.strictEqual(extension.schema_version, 1);
    const ids = Object.keys(extension.language_servers);
    assert.deepStrictEqual(
      ids,
      [rustConst('LANGUAGE_SERVER_ID')],
      'extension.toml declares the server lib.rs reads settings for',
    );
    assert.match(
      lib,
      /LspSettings::for_worktree\(LANGUAGE_SERVER_ID, worktree\)/,
      'settings are read under lsp.<that id>',
    );
    assert.match(lib, /Ok\(settings\.initialization_options\)/, 'initialization_options are passed on');
    const server = extension.language_servers[ids[0]];
    for (const language of ['Markdown', 'YAML', 'Python', 'TypeScript', 'Rust'])
      assert.ok(server.languages.includes(language), language);
    for (const language of server.languages) {
      // The id Zed opens the buffer with: the mapped one, else the lowercased name.
      const languageId = server.language_ids[language] ?? language.toLowerCase();
      assert.ok(
        (SERVED_LANGUAGES as readonly string[]).includes(languageId),
        `${language} is sent as ${languageId}, which the server serves`,
      );
    }

    assert.deepStrictEqual(cargo.lib['crate-type'], ['cdylib']);
    assert.match(String(cargo.dependencies.zed_extension_api), /^\d+\.\d+\.\d+$/, 'a pinned published version');

    const binary = rustConst('SERVER_BINARY');
    assert.strictEqual(binary, 'llm-glossary-ls');
    assert.ok(manifest.bin[binary!], 'package.json bin provides the command');
    assert.match(lib, /worktree\.which\(SERVER_BINARY\)/);
    assert.match(lib, /vec!\["--stdio"\.to_string\(\)\]/);
    assert.match(
      lib,
      /npm install -g llm-deployment-glossary/,
      'the error for a missing binary says how to install it',
    );
  });

  it('for Neovim and Emacs start the same binary by default', () => {
    assert.match(
      fs.readFileSync(path.join(root, 'editors', 'neovim', 'llm-glossary.lua'), 'utf8'),
      /\{ 'llm-glossary-ls', '--stdio' \}/,
    );
    assert.match(
      fs.readFileSync(path.join(root, 'editors', 'emacs', 'llm-glossary.el'), 'utf8'),
      /'\("llm-glossary-ls" "--stdio"\)/,
    );
  });
});
