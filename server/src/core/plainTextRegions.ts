import { proseRegionsWithin } from './inlineExclusions';
import { linesOf } from './masking';
import type { Region } from './region';

/** Plain text is prose throughout (URLs and `code spans` left out), one region per paragraph. */
export function plainTextRegions(text: string): Region[] {
  return paragraphRegions(text, () => true);
}

/**
 * A git commit message: everything is prose except git's `#` comment lines and, below the scissors line
 * (`# ---- >8 ----`, as `git commit -v` writes it), the diff.
 */
export function gitCommitRegions(text: string): Region[] {
  let scissors = false;
  return paragraphRegions(text, (line) => {
    if (/^# -+ >8 -+$/.test(line)) scissors = true;
    return !scissors && !line.startsWith('#');
  });
}

/** Regions of runs of non-blank lines that `isProse` accepts, in order. */
function paragraphRegions(text: string, isProse: (line: string) => boolean): Region[] {
  const regions: Region[] = [];
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0) proseRegionsWithin(text, runStart, runEnd, 'prose', regions);
    runStart = -1;
  };
  for (const { start, end } of linesOf(text)) {
    const line = text.slice(start, end);
    if (line.trim() === '' || !isProse(line)) {
      flush();
      continue;
    }
    if (runStart < 0) runStart = start;
    runEnd = end;
  }
  flush();
  return regions;
}
