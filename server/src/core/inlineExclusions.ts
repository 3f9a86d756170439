import type { Region } from './region';

// Spans inside prose that are not prose: `code spans`, URLs, <autolinks and tags>.
const NOT_PROSE =
  /(`+)[^`]*?\1|<[a-zA-Z/!][^>\n]*>|\b(?:https?|ftp|file|s3|gs):\/\/[^\s<>()"'`]+|\bwww\.[^\s<>()"'`]+/g;

/** Splits [start, end) of text into regions of the given kind, leaving out code spans, URLs and HTML tags. */
export function proseRegionsWithin(
  text: string,
  start: number,
  end: number,
  kind: Region['kind'],
  out: Region[],
): void {
  let at = start;
  NOT_PROSE.lastIndex = 0;
  const slice = text.slice(start, end);
  for (const hole of slice.matchAll(NOT_PROSE)) {
    const holeStart = start + hole.index;
    if (holeStart > at) out.push({ start: at, end: holeStart, kind });
    at = holeStart + hole[0].length;
  }
  if (end > at) out.push({ start: at, end, kind });
}
