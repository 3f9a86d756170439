/**
 * The first index in [0, count) at which `before` is false, by binary search; `before` must be true for a prefix of
 * the indices and false after it (count when it is true for all). E.g. where a key goes in a sorted list.
 */
export function partitionPoint(count: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the span containing offset in sorted, disjoint spans (end inclusive, so a cursor right after a word
 * counts), or -1. Where one span ends and the next starts at offset, the one starting there wins.
 */
export function spanIndexAt(spans: readonly { start: number; end: number }[], offset: number): number {
  const i = partitionPoint(spans.length, (j) => spans[j].end < offset);
  if (i === spans.length || spans[i].start > offset) return -1;
  return spans[i].end === offset && i + 1 < spans.length && spans[i + 1].start === offset ? i + 1 : i;
}
