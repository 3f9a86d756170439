import { proseRegionsWithin } from './inlineExclusions';
import { linesOf } from './masking';
import type { Region } from './region';

// Delimited blocks whose content is not prose: listing, literal, passthrough, fenced code; `////` is a comment block.
const CODE_DELIMITER = /^(-{4,}|\.{4,}|\+{4,}|`{3,}.*)\s*$/;
const COMMENT_DELIMITER = /^\/{4,}\s*$/;
// Inline passthroughs (+text+, pass:[text]) and macros with a target (image:x.png[], link:url[text] keeps its text).
const INLINE_CODE =
  /\+\+?[^+\n]+\+\+?|pass:[a-z,]*\[[^\]]*\]|\b(?:image|kbd|btn|menu|footnote|xref|include):[^\s[]*\[[^\]]*\]/g;

/**
 * Regions of an AsciiDoc document: paragraphs, section and block titles, lists, tables, admonitions and quotes;
 * not listing, literal or passthrough blocks, literal paragraphs (indented), attribute entries, block attributes
 * (`[source,python]`) or block macros (`include::x[]`). `//` comments and `////` blocks are comment regions.
 */
export function asciidocRegions(text: string): Region[] {
  const regions: Region[] = [];
  let closing: string | undefined;
  let closingKind: 'code' | 'comment' = 'code';
  let paragraphStart = true;
  let literalParagraph = false;
  for (const { start, end } of linesOf(text)) {
    const line = text.slice(start, end);
    if (closing !== undefined) {
      if (line.trimEnd() === closing) closing = undefined;
      else if (closingKind === 'comment') prose(text, start, end, 'comment', regions);
      continue;
    }
    if (line.trim() === '') {
      paragraphStart = true;
      literalParagraph = false;
      continue;
    }
    const wasStart = paragraphStart;
    paragraphStart = false;
    if (COMMENT_DELIMITER.test(line) || CODE_DELIMITER.test(line)) {
      closing = line.trimEnd().startsWith('`') ? line.trimEnd().replace(/[^`].*$/, '') : line.trimEnd();
      closingKind = COMMENT_DELIMITER.test(line) ? 'comment' : 'code';
      paragraphStart = true;
      continue;
    }
    if (wasStart && /^\s/.test(line)) literalParagraph = true;
    if (literalParagraph) continue;
    if (line.startsWith('//')) {
      prose(text, start + 2, end, 'comment', regions);
      continue;
    }
    if (/^:[\w-]+!?:/.test(line) || /^\[.*\]\s*$/.test(line) || /^[\w-]+::\S*\[.*\]\s*$/.test(line)) {
      paragraphStart = true;
      continue;
    }
    // Section titles (= Title), block titles (.Title), list markers and admonition labels lead into the text.
    const lead = /^(=+\s+|\.(?=[^\s.])|[*.-]+\s+|\d+\.\s+|(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+|\|)/.exec(line);
    prose(text, start + (lead ? lead[0].length : 0), end, 'prose', regions);
  }
  return regions;
}

function prose(text: string, start: number, end: number, kind: Region['kind'], out: Region[]): void {
  let at = start;
  for (const code of text.slice(start, end).matchAll(INLINE_CODE)) {
    proseRegionsWithin(text, at, start + code.index, kind, out);
    at = start + code.index + code[0].length;
  }
  if (end > at) proseRegionsWithin(text, at, end, kind, out);
}
