import MarkdownIt from 'markdown-it';
import { proseRegionsWithin } from './inlineExclusions';
import { lineStartsOf } from './lineMap';
import type { Region } from './regions';

// Only the block structure is used (line ranges of paragraphs, headings, table rows); inline parsing, which
// dominates markdown-it's time and memory on large documents, is switched off.
const parser = new MarkdownIt({ html: true });
parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
const FRONT_MATTER = /^\uFEFF?---[^\r\n]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
// Link and image destinations, reference labels and reference definitions: addresses, not prose.
const LINK_PARTS = /\]\([^)\s]*(?:\s+(?:"[^"]*"|'[^']*'))?\)|\]\[[^\]]*\]|^ {0,3}\[[^\]]+\]:.*$/gm;

/**
 * Prose regions of a Markdown document. markdown-it decides the block structure (so fenced and indented
 * code, HTML blocks and front matter are left out); within each prose line, code spans, URLs, HTML tags
 * and link destinations are cut out.
 */
export function markdownRegions(text: string): Region[] {
  const frontMatter = FRONT_MATTER.exec(text);
  const skipped = frontMatter ? frontMatter[0].length : 0;
  // Front matter becomes blank lines so the parser's line numbers still match the document's.
  const source = frontMatter ? frontMatter[0].replace(/[^\n]/g, '') + text.slice(skipped) : text;
  const lineStarts = lineStartsOf(text);
  const proseLines = new Uint8Array(lineStarts.length);
  for (const token of parser.parse(source, {})) {
    if ((token.type === 'inline' || token.type === 'tr_open') && token.map) {
      for (let line = token.map[0]; line < token.map[1]; line++) proseLines[line] = 1;
    }
  }
  const regions: Region[] = [];
  let line = 0;
  while (line < lineStarts.length) {
    if (!proseLines[line]) {
      line++;
      continue;
    }
    const first = line;
    while (line < lineStarts.length && proseLines[line]) line++;
    const start = Math.max(lineStarts[first], skipped);
    const end = line < lineStarts.length ? lineStarts[line] : text.length;
    addBlock(text, start, end, regions);
  }
  return regions;
}

function addBlock(text: string, start: number, end: number, out: Region[]): void {
  let at = start;
  const block = text.slice(start, end);
  LINK_PARTS.lastIndex = 0;
  for (const hole of block.matchAll(LINK_PARTS)) {
    const holeStart = start + hole.index;
    // Keep the "]" of a link label out of the hole's text but inside prose is harmless; cut from the "(".
    proseRegionsWithin(text, at, holeStart + 1, 'prose', out);
    at = holeStart + hole[0].length;
  }
  proseRegionsWithin(text, at, end, 'prose', out);
}
