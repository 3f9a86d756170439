/** Where two versions of a text differ: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The smallest change that turns `oldText` into `newText` (common prefix and suffix left out), or undefined when
 * they are equal. Comparing is cheaper than it looks (a 1 MB text in about a millisecond) and needs no edit events.
 */
export function changeBetween(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** One change that does what `first` and then `second` (given in the text `first` made) did. */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  const end = Math.max(first.newEnd, second.oldEnd); // in the middle text, after both changed spans
  return { start: Math.min(first.start, second.start), oldEnd: end - (first.newEnd - first.oldEnd), newEnd: end + (second.newEnd - second.oldEnd) };
}
