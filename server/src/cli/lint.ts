import * as path from 'path';
import { URI } from 'vscode-uri';
import { isInside } from '../paths';
import { bundledRoot, loadLayers } from './context';

export interface LintCommandOptions {
  folders: string[];
  /** Substance checks (sources, review age, stubs); on unless --no-quality. */
  quality: boolean;
  maxReviewAgeDays?: number;
}

/** `lint [--no-quality] [--max-review-age DAYS] [FOLDER...]`: every problem as path:line: severity: message; exit 1 on errors. */
export function lint({ folders, quality, maxReviewAgeDays }: LintCommandOptions): number {
  // A team folder is checked on top of the bundled glossary, so its related ids may point at bundled terms.
  const bundled = { name: 'bundled', folder: path.join(bundledRoot, 'terms') };
  const checked = folders.length > 0 ? folders.map((f) => ({ name: f, folder: path.resolve(f) })) : [bundled];
  const layers = folders.length > 0 ? [bundled, ...checked.filter((l) => l.folder !== bundled.folder)] : checked;
  const loaded = loadLayers(layers, { quality, maxReviewAgeDays });
  const isChecked = (uri: string) => checked.some((l) => isInside(l.folder, URI.parse(uri).fsPath));
  let errors = 0;
  let warnings = 0;
  for (const [uri, problems] of [...loaded.problems]
    .filter(([uri]) => isChecked(uri))
    .sort(([a], [b]) => a.localeCompare(b))) {
    const shown = path.relative(process.cwd(), URI.parse(uri).fsPath);
    for (const p of [...problems].sort((a, b) => a.line - b.line)) {
      process.stdout.write(`${shown}:${p.line + 1}: ${p.severity}: ${p.message}\n`);
      if (p.severity === 'error') errors++;
      else warnings++;
    }
  }
  const fileCount = loaded.fileUris.filter(isChecked).length;
  const terms = [...loaded.glossary.terms.values()].filter((t) => isChecked(t.source)).length;
  process.stdout.write(`lint: ${fileCount} file(s), ${terms} term(s), ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}
