// 5. Sizes of what ships: dist/*.js (as built by `npm run build`), the tree-sitter wasm, and a .vsix if one exists.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BENCH_DIR, ROOT, Row } from './lib';

const SECTION = '5 bundle size';
const kib = (bytes: number) => bytes / 1024;

export function benchBundle(): Row[] {
  const dist = path.join(ROOT, 'dist');
  const rows: Row[] = [];
  for (const name of fs.readdirSync(dist).filter((n) => n.endsWith('.js')).sort()) {
    const size = fs.statSync(path.join(dist, name)).size;
    rows.push({ section: SECTION, name: `dist/${name}`, value: kib(size), unit: 'KiB', target: name === 'extension.js' ? { op: '<=', limit: 100 } : undefined });
  }
  // What `node scripts/build.mjs --production` would ship for the client (minified), built aside into bench/out/.
  const minified = path.join(BENCH_DIR, 'out', 'extension.min.js');
  const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  const built = spawnSync(esbuild, ['client/src/extension.ts', '--bundle', '--platform=node', '--target=node20', '--format=cjs', '--minify', '--external:vscode', `--outfile=${minified}`, '--log-level=error'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status === 0) rows.push({ section: SECTION, name: 'extension.js minified (as --production builds it)', value: kib(fs.statSync(minified).size), unit: 'KiB', target: { op: '<=', limit: 100 } });
  const wasm = path.join(dist, 'wasm');
  if (fs.existsSync(wasm)) {
    const files = fs.readdirSync(wasm);
    const total = files.reduce((sum, n) => sum + fs.statSync(path.join(wasm, n)).size, 0);
    rows.push({ section: SECTION, name: 'dist/wasm/ (tree-sitter runtime + grammars)', value: kib(total), unit: 'KiB', note: `${files.length} files` });
  }
  for (const name of fs.readdirSync(ROOT).filter((n) => n.endsWith('.vsix'))) {
    rows.push({ section: SECTION, name, value: kib(fs.statSync(path.join(ROOT, name)).size), unit: 'KiB' });
  }
  return rows;
}
