// Bundles the extension client and the language server (and the CLI) into dist/ with esbuild.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const production = process.argv.includes('--production');
rmSync('dist', { recursive: true, force: true }); // no source maps or files of an earlier build left behind

// The build's id: a hash of the server's sources. The bundles carry it, and so does the glossary snapshot they load
// (below): a snapshot made by other code is never used (server/src/glossary/snapshot.ts, BUILD_ID).
function sourcesHash(root = '.') {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts'))
        hash
          .update(`${relative}\0`)
          .update(readFileSync(join(root, relative)))
          .update('\0');
    }
  };
  for (const dir of ['server/src', 'server/shared']) walk(dir);
  return hash.digest('hex').slice(0, 16);
}
const buildId = sourcesHash();

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __GLOSSARY_BUILD_ID__: JSON.stringify(buildId) },
};

// The parsers are loaded on first use (server/src/core/onFirstUse.ts). Bundled into files of their own, they are
// not even read or compiled before the server answers initialize: a third of the server's code.
const parsers = ['markdown-it', 'yaml', 'js-yaml'];
const parsersApart = {
  name: 'parsers-apart',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${parsers.join('|')})$`) }, (args) => ({
      path: `./parsers/${args.path}.js`,
      external: true,
    }));
  },
};

// Node built-ins that the LSP libraries require when loaded but use only on paths this server never takes (spawning
// npm to find global modules, random pipe names): each becomes a stand-in that loads the real module when touched.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(child_process|crypto)$/ }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: `let real; const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load(), ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Object.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; } });`,
    }));
  },
};

// entities (markdown-it's) builds its decode tables at load from long strings, split into an array of one-character
// strings and mapped to their codes: some 2 ms of every start that analyses Markdown. The same arrays come from a
// plain loop over the string's code units.
const entitiesTables = {
  name: 'entities-tables',
  setup(b) {
    b.onLoad({ filter: /[\\/]entities[\\/]lib[\\/]generated[\\/]decode-data-(html|xml)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const slow = /\.split\(""\)\s*\.map\(function \(c\) \{ return c\.charCodeAt\(0\); \}\)/;
      if (!slow.test(source)) return undefined; // another version of entities: bundled as it is
      return {
        loader: 'js',
        contents: source
          .replace(
            'new Uint16Array(',
            'new Uint16Array((function (s) { var a = new Uint16Array(s.length); for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i); return a; })(',
          )
          .replace(slow, ')'),
      };
    });
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // dist/server.js is the process's entry (server/src/bootstrap.ts): it runs the server, dist/server-main.js, and the
  // parsers from V8's code cache in the server's cache folder (server/src/codeCache.ts).
  build({
    ...common,
    entryPoints: ['server/src/bootstrap.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server-main.js',
    plugins: [parsersApart, lazyBuiltins],
  }),
  // The workspace index's worker thread (server/src/indexWorker.ts), started by dist/server.js from next to it.
  build({
    ...common,
    entryPoints: ['server/src/indexWorker.ts'],
    outfile: 'dist/indexWorker.js',
    plugins: [parsersApart],
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [parsersApart],
  }),
  ...parsers.map((name) =>
    build({
      ...common,
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.', loader: 'js' },
      outfile: `dist/parsers/${name}.js`,
      plugins: [entitiesTables],
    }),
  ),
]);

// The bundled glossary, parsed, linted and compiled once here, for the server, the CLI and the bench to load without
// parsing Markdown or YAML or compiling the matcher (server/src/glossary/snapshot.ts; each part is used only while the
// files it comes from are as recorded).
const snapshotBuilder = await build({
  stdin: {
    contents: `export { buildSnapshot } from './server/src/glossary/buildSnapshot';
export { SNAPSHOT_PATH } from './server/src/glossary/snapshot';
export { nodeFileSystem } from './server/src/glossary/fileSystem';`,
    resolveDir: '.',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const snapshotModule = { exports: {} };
new Function('module', 'exports', 'require', snapshotBuilder.outputFiles[0].text)(
  snapshotModule,
  snapshotModule.exports,
  createRequire(import.meta.url),
);
const { buildSnapshot, SNAPSHOT_PATH, nodeFileSystem } = snapshotModule.exports;
writeFileSync(SNAPSHOT_PATH, buildSnapshot(nodeFileSystem, process.cwd(), { buildId }));
