/**
 * Index of the span containing offset in sorted, disjoint spans (end inclusive, so a cursor right after a word
 * counts), or -1. Where one span ends and the next starts at offset, the one starting there wins.
 */
export function spanIndexAt(spans: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid].start) hi = mid - 1;
    else if (offset > spans[mid].end) lo = mid + 1;
    else return spans[mid].end === offset && mid + 1 < spans.length && spans[mid + 1].start === offset ? mid + 1 : mid;
  }
  return -1;
}
