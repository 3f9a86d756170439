/** Where two versions of a text differ: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 4096;

/**
 * The smallest change that turns `oldText` into `newText` (common prefix and suffix left out), or undefined when
 * they are equal. Needs no edit events: whole chunks are compared as strings (the engine's memcmp) before the
 * last characters one by one, so a 1 MB text costs well under a millisecond.
 */
export function changeBetween(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const oldLength = oldText.length;
  const newLength = newText.length;
  const shorter = Math.min(oldLength, newLength);
  let start = 0;
  while (start + CHUNK <= shorter && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK))
    start += CHUNK;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  const room = shorter - start; // the common suffix may not overlap the common prefix
  let suffix = 0;
  while (
    suffix + CHUNK <= room &&
    oldText.slice(oldLength - suffix - CHUNK, oldLength - suffix) ===
      newText.slice(newLength - suffix - CHUNK, newLength - suffix)
  )
    suffix += CHUNK;
  while (suffix < room && oldText.charCodeAt(oldLength - 1 - suffix) === newText.charCodeAt(newLength - 1 - suffix))
    suffix++;
  return { start, oldEnd: oldLength - suffix, newEnd: newLength - suffix };
}

/** One change that does what `first` and then `second` (given in the text `first` made) did. */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  const end = Math.max(first.newEnd, second.oldEnd); // in the middle text, after both changed spans
  return {
    start: Math.min(first.start, second.start),
    oldEnd: end - (first.newEnd - first.oldEnd),
    newEnd: end + (second.newEnd - second.oldEnd),
  };
}
