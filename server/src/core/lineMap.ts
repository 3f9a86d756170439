import { partitionPoint } from './spans';

/** Offsets of the first character of every line of a text. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The zero-based line holding `offset`, by binary search over a text's line starts. */
export function lineOf(starts: readonly number[], offset: number): number {
  return Math.max(0, partitionPoint(starts.length, (i) => starts[i] <= offset) - 1);
}

/** Zero-based line and UTF-16 character of offsets in one text (binary search over its line starts). */
export class LineMap {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = lineStartsOf(text);
  }

  positionAt(offset: number): { line: number; character: number } {
    const line = lineOf(this.starts, offset);
    return { line, character: offset - this.starts[line] };
  }
}

/** Line starts of a text after `change`, from those before it: only the changed span is searched for line breaks. */
export function updateLineStarts(
  oldStarts: readonly number[],
  text: string,
  change: { start: number; oldEnd: number; newEnd: number },
): number[] {
  const shift = change.newEnd - change.oldEnd;
  const starts: number[] = [];
  let i = 0;
  for (; i < oldStarts.length && oldStarts[i] <= change.start; i++) starts.push(oldStarts[i]);
  for (let at = text.indexOf('\n', change.start); at >= 0 && at < change.newEnd; at = text.indexOf('\n', at + 1))
    starts.push(at + 1);
  while (i < oldStarts.length && oldStarts[i] <= change.oldEnd) i++;
  for (; i < oldStarts.length; i++) starts.push(oldStarts[i] + shift);
  return starts;
}
