// README images and what they show. Each image in docs/images has a sidecar <name>.txt with the text the product
// showed when it was taken (a hover's text, a suggestion list). An e2e run compares what the product shows now with
// that text and fails when they differ, so a stale image cannot go unnoticed; `npm run screenshots`
// (E2E_UPDATE_SCREENSHOTS=1) writes both again instead.
import * as fs from 'fs';
import * as path from 'path';
import { e2ePaths } from './paths';

/** The folder of the committed README images. */
export function committedImagesDir(): string {
  return path.join(e2ePaths().repoRoot, 'docs', 'images');
}

export function updatingScreenshots(): boolean {
  return process.env['E2E_UPDATE_SCREENSHOTS'] === '1';
}

function normalize(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Records the text shown in the image `name` (test/e2e/out/<name>.txt, beside the screenshot) and, unless the
 * images are being regenerated, checks it against the committed docs/images/<name>.txt. Returns a description of
 * the difference, or undefined when they agree (or no image of that name is committed).
 */
export function checkAgainstCommittedImage(name: string, shownText: string): string | undefined {
  const shown = normalize(shownText);
  fs.mkdirSync(e2ePaths().outDir, { recursive: true });
  fs.writeFileSync(path.join(e2ePaths().outDir, `${name}.txt`), `${shown}\n`);
  const committed = path.join(committedImagesDir(), `${name}.txt`);
  if (updatingScreenshots() || !fs.existsSync(path.join(committedImagesDir(), `${name}.png`))) return undefined;
  if (!fs.existsSync(committed)) return `docs/images/${name}.png has no ${name}.txt recording what it shows`;
  const recorded = normalize(fs.readFileSync(committed, 'utf8'));
  if (recorded === shown) return undefined;
  return `docs/images/${name}.png shows\n${recorded}\nbut the product now shows\n${shown}\n(run \`npm run screenshots\`)`;
}
