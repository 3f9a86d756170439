// Bundles the extension client and the language server (and the CLI) into dist/ with esbuild.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// tree-sitter's runtime and the grammars the server uses for exact comment regions, next to dist/server.js.
const wasmSource = dirname(createRequire(import.meta.url).resolve('@vscode/tree-sitter-wasm'));
const grammars = ['python', 'typescript', 'tsx', 'javascript', 'go', 'rust', 'java', 'cpp', 'c-sharp', 'bash', 'ruby', 'php', 'powershell', 'css', 'ini'];
mkdirSync('dist/wasm', { recursive: true });
for (const file of readdirSync(wasmSource)) {
  if (file === 'tree-sitter.js' || file === 'tree-sitter.wasm' || grammars.some((g) => file === `tree-sitter-${g}.wasm`)) copyFileSync(join(wasmSource, file), join('dist/wasm', file));
}
