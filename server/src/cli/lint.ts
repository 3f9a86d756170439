import * as path from 'path';
import { URI } from 'vscode-uri';
import { lintGlossary } from '../core/lint';
import { isInside, readGlossaryFiles } from '../glossaryStore';
import { bundledRoot, log, readMeta } from './context';

/** `lint [FOLDER...]`: every problem as path:line: severity: message; exit 1 when any is an error. */
export function lint(folders: string[]): number {
  // A team folder is checked on top of the bundled glossary, so its related ids may point at bundled terms.
  const bundled = { name: 'bundled', folder: path.join(bundledRoot, 'terms') };
  const checked = folders.length > 0 ? folders.map((f) => ({ name: f, folder: path.resolve(f) })) : [bundled];
  const layers = folders.length > 0 ? [bundled, ...checked.filter((l) => l.folder !== bundled.folder)] : checked;
  const { categories, engines, commonWords } = readMeta();
  const { files: allFiles, unreadable } = readGlossaryFiles(layers, log);
  const result = lintGlossary(allFiles, {
    categories: new Set(categories.map((c) => c.id)),
    engines: new Set(engines.map((e) => e.id)),
    commonWords,
    today: new Date().toISOString().slice(0, 10),
  });
  for (const [uri, problem] of unreadable) result.problems.set(uri, [problem]);
  const isChecked = (uri: string) => checked.some((l) => isInside(l.folder, URI.parse(uri).fsPath));
  let errors = 0;
  let warnings = 0;
  for (const [uri, problems] of [...result.problems].filter(([uri]) => isChecked(uri)).sort(([a], [b]) => a.localeCompare(b))) {
    const shown = path.relative(process.cwd(), URI.parse(uri).fsPath);
    for (const p of [...problems].sort((a, b) => a.line - b.line)) {
      process.stdout.write(`${shown}:${p.line + 1}: ${p.severity}: ${p.message}\n`);
      if (p.severity === 'error') errors++;
      else warnings++;
    }
  }
  const fileCount = allFiles.filter((f) => isChecked(f.uri)).length + [...unreadable.keys()].filter(isChecked).length;
  const terms = result.layers.flat().filter((t) => isChecked(t.source)).length;
  process.stdout.write(`lint: ${fileCount} file(s), ${terms} term(s), ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}
