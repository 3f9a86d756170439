/** A corpus document with its labels: the clean text, expected mentions, and zones where nothing may match. */
export interface LabelledDocument {
  text: string;
  expected: { start: number; end: number; termId: string }[];
  forbidden: { start: number; end: number; text: string }[];
}

/**
 * Reads the corpus markup: ⟦surface|term-id⟧ marks an expected mention, ⟪…⟫ a zone (URL, code span, identifier,
 * string literal) where no mention may be found. The markup is removed from the text the scanner sees.
 */
export function parseLabelledDocument(source: string): LabelledDocument {
  let text = '';
  const expected: LabelledDocument['expected'] = [];
  const forbidden: LabelledDocument['forbidden'] = [];
  const pattern = /⟦([^|⟧]+)\|([a-z0-9-]+)⟧|⟪([^⟫]*)⟫/g;
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    text += source.slice(last, match.index);
    const start = text.length;
    if (match[1] !== undefined) {
      text += match[1];
      expected.push({ start, end: text.length, termId: match[2] });
    } else {
      text += match[3];
      forbidden.push({ start, end: text.length, text: match[3] });
    }
    last = match.index + match[0].length;
  }
  text += source.slice(last);
  return { text, expected, forbidden };
}
