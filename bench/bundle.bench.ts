// 5. Sizes of what ships: dist/*.js and dist/parsers/ (`npm run bench` makes the production build, minified, as the
//    .vsix has it), and a .vsix if one exists.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Row } from './lib';

const SECTION = '5 bundle size';
const kib = (bytes: number) => bytes / 1024;

export function benchBundle(): Row[] {
  const dist = path.join(ROOT, 'dist');
  const rows: Row[] = [];
  for (const name of fs
    .readdirSync(dist)
    .filter((n) => n.endsWith('.js'))
    .sort()) {
    const size = fs.statSync(path.join(dist, name)).size;
    rows.push({
      section: SECTION,
      name: `dist/${name}`,
      value: kib(size),
      unit: 'KiB',
      note:
        name === 'extension.js'
          ? 'no target: vscode-languageclient is most of it, and activation time is what users feel'
          : undefined,
    });
  }
  const parsers = path.join(dist, 'parsers');
  if (fs.existsSync(parsers)) {
    const files = fs.readdirSync(parsers).filter((n) => !n.endsWith('.map'));
    const total = files.reduce((sum, n) => sum + fs.statSync(path.join(parsers, n)).size, 0);
    rows.push({
      section: SECTION,
      name: 'dist/parsers/ (markdown-it, yaml, js-yaml; loaded on first use)',
      value: kib(total),
      unit: 'KiB',
      note: `${files.length} files`,
    });
  }
  for (const name of fs.readdirSync(ROOT).filter((n) => n.endsWith('.vsix'))) {
    rows.push({ section: SECTION, name, value: kib(fs.statSync(path.join(ROOT, name)).size), unit: 'KiB' });
  }
  return rows;
}
