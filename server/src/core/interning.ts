/**
 * A table of distinct strings, each kept once: `intern` gives a string's index in `strings`, adding it on first
 * sight. The compiled matchers store term ids and texts this way, as indexes into one list.
 */
export function stringTable(): { strings: string[]; intern: (text: string) => number } {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (text: string) => {
    let i = indexOf.get(text);
    if (i === undefined) indexOf.set(text, (i = strings.push(text) - 1));
    return i;
  };
  return { strings, intern };
}
