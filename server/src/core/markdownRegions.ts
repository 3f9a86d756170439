import type MarkdownIt from 'markdown-it';
import type { TextChange } from './textChange';
import { commentRegions } from './commentRegions';
import { proseRegionsWithin } from './inlineExclusions';
import { canonicalLanguageId, proseFinderOf } from './languages';
import { yamlRegions } from './yamlRegions';
import { lineOf, lineStartsOf, updateLineStarts } from './lineMap';
import { onFirstUse } from './onFirstUse';
import type { Region } from './region';

// Only the block structure is used (line ranges of paragraphs, headings, table rows); inline parsing, which
// dominates markdown-it's time and memory on large documents, is switched off.
const blockParser = onFirstUse(() => {
  const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
  const parser = new MarkdownItClass({ html: true });
  parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  // markdown-it's own normalization rewrites every line break of the text, a fifth of a 1 MB parse; the same
  // result, with nothing to do for text that has no CR or NUL.
  parser.core.ruler.at('normalize', (state) => {
    if (state.src.includes('\r') || state.src.includes('\0'))
      state.src = state.src.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  });
  return parser;
});
const FRONT_MATTER = /^\uFEFF?---[^\r\n]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
// Link and image destinations, reference labels and reference definitions: addresses, not prose.
// Bounded so no line can make them slow: link labels are at most 999 characters (CommonMark), titles stay on a line.
const LINK_PARTS =
  /\]\([^)\s[\]]{0,2000}(?:[ \t]+(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?\)|\]\[[^\]\n]{0,999}\]|^ {0,3}\[[^\]\n]{1,999}\]:.*$/gm;
/** An edit whose surroundings do not settle within this many top-level blocks is followed by a full parse. */
const MAX_WINDOW_BLOCKS = 64;

/** The regions of a Markdown document, and the block structure that lets an edit re-parse only its surroundings. */
export interface MarkdownAnalysis {
  regions: Region[];
  lineStarts: number[];
  /** Top-level blocks as line ranges: [start, end) of block i at 2i, 2i+1. */
  blocks: number[];
  /** Type of each top-level block (markdown-it token type), to see that re-parsed surroundings came out the same. */
  blockTypes: string[];
  frontMatterLength: number;
}

/**
 * Prose regions of a Markdown document. markdown-it decides the block structure (so fenced and indented
 * code, HTML blocks and front matter are left out); within each prose line, code spans, URLs, HTML tags
 * and link destinations are cut out.
 */
export function markdownRegions(text: string): Region[] {
  return analyzeMarkdown(text).regions;
}

export function analyzeMarkdown(text: string): MarkdownAnalysis {
  return new MarkdownParse(text).analysis();
}

/** The same analysis from one parse of the whole text: what the parse in pieces is checked against. */
export function analyzeMarkdownAtOnce(text: string): MarkdownAnalysis {
  const { source, frontMatterLength } = parserSource(text);
  const lineStarts = lineStartsOf(text);
  const parsed = parseBlocks(source, 0, lineStarts.length);
  const regions = frontMatterRegions(text, frontMatterLength);
  emitProse(text, lineStarts, proseOps(text, lineStarts, parsed, 0, lineStarts.length, frontMatterLength), regions);
  return { regions, lineStarts, blocks: parsed.blocks, blockTypes: parsed.blockTypes, frontMatterLength };
}

/** Lines parsed at a time by a parse that goes on to the end (a little over 100 KB of typical prose). */
const CHUNK_LINES = 2048;
/** Lines parsed at a time up to where a request points: the pieces around it are what its answer is made from. */
const ADVANCE_PIECE_LINES = 512;

/**
 * A parse of a Markdown document that goes front to back in pieces and can stop anywhere: a request in a just-opened
 * large document parses only up to a little past where it points, and the rest of the document is parsed later from
 * there, so the whole costs about one parse (and never holds the tokens of more than one piece).
 *
 * markdown-it parses front to back, so a parse of lines [from, to) agrees with the full parse on every top-level
 * block but its last, which later lines may still extend, provided `from` starts a top-level block after a line no
 * block covers: there the parser holds no open block. Each piece keeps its blocks up to the last one followed by such
 * a gap (so no run of prose lines crosses the cut) and the next piece starts at the block after it.
 */
export class MarkdownParse {
  readonly lineStarts: number[];
  readonly blocks: number[] = [];
  readonly blockTypes: string[] = [];
  readonly frontMatterLength: number;
  /** Lines before this one are parsed for good: their blocks and regions are final. */
  line = 0;
  private readonly source: string;
  private readonly removed: number;
  private readonly frontMatterLines: number;
  private readonly done_: Region[];
  /** Parsed pieces whose regions are not in `regions` yet (made when first asked for: holes are the costly part). */
  private readonly pending: { start: number; end: number; ops: ProseOp[]; regions?: Region[] }[] = [];

  /** `pieceLines`: lines parsed at a time when parsing on (at least; more while no block of a piece settles). */
  constructor(
    readonly text: string,
    private readonly pieceLines = CHUNK_LINES,
  ) {
    const { source, frontMatterLength, removed } = parserSource(text);
    this.source = source;
    this.frontMatterLength = frontMatterLength;
    this.removed = removed;
    this.lineStarts = lineStartsOf(text);
    this.frontMatterLines = lineOf(this.lineStarts, frontMatterLength);
    this.done_ = frontMatterRegions(text, frontMatterLength);
  }

  /** The regions of the lines parsed so far. */
  get regions(): Region[] {
    for (const piece of this.pending.splice(0))
      if (!piece.regions) emitProse(this.text, this.lineStarts, piece.ops, this.done_);
      else for (const region of piece.regions) this.done_.push(region);
    return this.done_;
  }

  /**
   * The regions of the parsed piece holding `offset`, of the piece after it and of those before it back to `reach`
   * characters before the offset (one at least), without making those of the others; undefined when the offset is
   * not in a parsed piece whose regions are still to be made, when the pieces cannot reach back that far, or when a
   * mention before them could join one in them (the pieces begin with "(": "TTFT\n\n(TTFT)").
   */
  regionsAround(offset: number, reach = 0): { regions: Region[]; end: number } | undefined {
    const pieces = this.pending;
    let i = 0;
    while (i < pieces.length && pieces[i].end <= offset) i++;
    if (i === 0 || i >= pieces.length || pieces[i].start > offset) return undefined;
    // One piece before the one holding the offset at least, and back to `reach` characters before it.
    let from = i - 1;
    while (from > 0 && pieces[from].start > offset - reach) from--;
    if (pieces[from].start > offset - reach && pieces[from].start > 0) return undefined;
    const to = Math.min(pieces.length, i + 2);
    if (/^\s*\(/.test(this.text.slice(pieces[from].start, pieces[from].start + 200))) return undefined;
    const regions: Region[] = [];
    for (let p = from; p < to; p++) {
      const piece = pieces[p];
      if (!piece.regions) emitProse(this.text, this.lineStarts, piece.ops, (piece.regions = []));
      for (const region of piece.regions) regions.push(region);
    }
    return { regions, end: pieces[to - 1].end };
  }

  get done(): boolean {
    return this.line >= this.lineStarts.length;
  }

  /** The offset up to which regions are final. */
  get settled(): number {
    return this.done ? this.text.length : Math.max(this.lineStarts[this.line], this.frontMatterLength);
  }

  /** Parses on until the lines before `line` are final (or the document is done), a piece at a time. */
  advance(line: number): void {
    // Large pieces far from the line, small ones near it: an answer there is made from the pieces around it.
    const near = Math.min(ADVANCE_PIECE_LINES, this.pieceLines);
    while (!this.done && this.line < line) {
      const remaining = line - this.line;
      const size = remaining > 2 * near ? Math.min(remaining - near, this.pieceLines) : Math.min(remaining + 64, near);
      this.step(Math.max(size, Math.min(256, near)));
    }
  }

  /** Parses one more piece (of at least `lines` lines), and makes the regions of all pieces parsed so far. */
  parseMore(lines = this.pieceLines): void {
    if (!this.done) this.step(Math.min(lines, this.pieceLines));
    void this.regions;
  }

  /** The whole document's analysis (parsing what is left). */
  analysis(): MarkdownAnalysis {
    while (!this.done) this.step(this.pieceLines);
    const { regions, lineStarts, blocks, blockTypes, frontMatterLength } = this;
    return { regions, lineStarts, blocks, blockTypes, frontMatterLength };
  }

  /** One piece of at least `lines` lines, more while no block of it is settled (a long fence, say). */
  private step(lines: number): void {
    const lineCount = this.lineStarts.length;
    // A lone CR is a line break to markdown-it but not to the line starts: such a text is parsed whole.
    const whole = this.line === 0 && /\r(?!\n)/.test(this.text);
    for (let size = lines; ; size *= 4) {
      const end = whole ? lineCount : Math.min(lineCount, this.line + size);
      const from = this.sourceOffset(this.line);
      const parsed = parseBlocks(
        end < lineCount ? this.source.slice(from, this.sourceOffset(end)) : this.source.slice(from),
        this.line,
        lineCount,
      );
      let keep = parsed.blockTypes.length; // blocks to keep: all of them at the end of the text
      let next = lineCount;
      if (end < lineCount) {
        keep = 0;
        for (let i = parsed.blockTypes.length - 2; i >= 0; i--)
          if (followedByGap(parsed, i)) {
            keep = i + 1;
            next = parsed.blocks[2 * (i + 1)];
            break;
          }
        if (keep === 0) continue; // nothing settled yet: a larger piece
      }
      for (let i = 0; i < keep; i++) {
        this.blocks.push(parsed.blocks[2 * i], parsed.blocks[2 * i + 1]);
        this.blockTypes.push(parsed.blockTypes[i]);
      }
      const proseEnd = end < lineCount ? parsed.blocks[2 * keep - 1] : lineCount;
      const ops = proseOps(this.text, this.lineStarts, parsed, this.line, proseEnd, this.frontMatterLength);
      const start = this.lineStarts[this.line];
      this.line = next;
      this.pending.push({ start, end: this.done ? this.text.length : this.lineStarts[next], ops });
      return;
    }
  }

  /** Where line `line` starts in the parser's source (front matter lines are one line break each there). */
  private sourceOffset(line: number): number {
    return line <= this.frontMatterLines ? line : this.lineStarts[line] - this.removed;
  }
}

/**
 * The analysis of `text` after `change` to the text `previous` was made from, re-parsing only the top-level
 * blocks around the change. Starts one block before it (an edit can make that block continue) and ends one
 * block after it, which must come out as it was: then the parser is in the same state there as before, and
 * everything after it is unchanged but for the shift. Otherwise (an unclosed fence, say), parses it all.
 */
export function updateMarkdown(previous: MarkdownAnalysis, text: string, change: TextChange): MarkdownAnalysis {
  const frontMatter = FRONT_MATTER.exec(text);
  const frontMatterLength = frontMatter ? frontMatter[0].length : 0;
  const { blocks, blockTypes, lineStarts: oldStarts } = previous;
  const blockCount = blockTypes.length;
  if (frontMatterLength !== previous.frontMatterLength || change.start <= frontMatterLength || blockCount === 0)
    return analyzeMarkdown(text);

  const changeFirstLine = lineOf(oldStarts, change.start);
  const changeLastLine = lineOf(oldStarts, change.oldEnd);
  // First block: the one before the first block that reaches the change, moved back to one after a blank line.
  let first = 0;
  while (first < blockCount && blocks[2 * first + 1] <= changeFirstLine) first++;
  first = Math.max(0, first - 1);
  // (The line before is unchanged, as the block starts before the change.)
  while (
    first > 0 &&
    !(blocks[2 * first] > blocks[2 * first - 1] && isBlankLine(text, oldStarts, blocks[2 * first] - 1))
  )
    first--;
  if (first === 0) return analyzeMarkdown(text);
  // Sentinel: the first block after the change's last line that a gap (no prose) separates from the next one.
  let sentinel = first;
  while (sentinel < blockCount && blocks[2 * sentinel] <= changeLastLine) sentinel++;
  const limit = Math.min(blockCount, sentinel + MAX_WINDOW_BLOCKS);
  while (sentinel < limit && !followedByGap(previous, sentinel)) sentinel++;
  if (sentinel === limit && sentinel < blockCount) return analyzeMarkdown(text);

  const lineStarts = updateLineStarts(oldStarts, text, change);
  const lineDelta = lineStarts.length - oldStarts.length;
  const firstLine = blocks[2 * first];
  const toEnd = sentinel >= blockCount;
  const endLine = toEnd ? lineStarts.length : blocks[2 * sentinel + 1] + lineDelta; // exclusive, in the new text
  if (endLine <= firstLine) return analyzeMarkdown(text);
  const windowStart = lineStarts[firstLine];
  const windowEnd = endLine < lineStarts.length ? lineStarts[endLine] : text.length;
  const parsed = parseBlocks(text.slice(windowStart, windowEnd), firstLine, lineStarts.length);
  if (!toEnd) {
    const last = parsed.blockTypes.length - 1;
    const same =
      last >= 0 &&
      parsed.blockTypes[last] === blockTypes[sentinel] &&
      parsed.blocks[2 * last] === blocks[2 * sentinel] + lineDelta &&
      parsed.blocks[2 * last + 1] === blocks[2 * sentinel + 1] + lineDelta;
    if (!same) return analyzeMarkdown(text);
  }

  const regions: Region[] = [];
  const charDelta = change.newEnd - change.oldEnd;
  for (const region of previous.regions) if (region.end <= windowStart) regions.push(region);
  emitProse(text, lineStarts, proseOps(text, lineStarts, parsed, firstLine, endLine, frontMatterLength), regions);
  const oldWindowEnd = toEnd
    ? Infinity
    : blocks[2 * sentinel + 1] < oldStarts.length
      ? oldStarts[blocks[2 * sentinel + 1]]
      : Infinity;
  for (const region of previous.regions) {
    if (region.start >= oldWindowEnd)
      regions.push({ start: region.start + charDelta, end: region.end + charDelta, kind: region.kind });
  }
  const before = 2 * first;
  const after = toEnd ? blocks.length : 2 * (sentinel + 1);
  return {
    regions,
    lineStarts,
    blocks: [...blocks.slice(0, before), ...parsed.blocks, ...blocks.slice(after).map((line) => line + lineDelta)],
    blockTypes: [
      ...blockTypes.slice(0, first),
      ...parsed.blockTypes,
      ...blockTypes.slice(toEnd ? blockCount : sentinel + 1),
    ],
    frontMatterLength,
  };
}

/**
 * The text markdown-it parses: front matter becomes blank lines, so the parser's line numbers still match the
 * document's (`removed` characters fewer, all of them before the end of the front matter).
 */
function parserSource(text: string): { source: string; frontMatterLength: number; removed: number } {
  const frontMatter = FRONT_MATTER.exec(text);
  if (!frontMatter) return { source: text, frontMatterLength: 0, removed: 0 };
  const blank = frontMatter[0].replace(/[^\n]/g, '');
  return {
    source: blank + text.slice(frontMatter[0].length),
    frontMatterLength: frontMatter[0].length,
    removed: frontMatter[0].length - blank.length,
  };
}

/** Block structure of `source` (whose first line is line `firstLine` of a document of `lineCount` lines). */
function parseBlocks(source: string, firstLine: number, lineCount: number): ParsedBlocks {
  const proseLines = new Uint8Array(lineCount);
  const blocks: number[] = [];
  const blockTypes: string[] = [];
  const fences = new Map<number, { endLine: number; languageId: string }>();
  for (const token of blockParser().parse(source, {})) {
    if (!token.map) continue;
    if (token.type === 'inline' || token.type === 'tr_open') {
      for (let line = token.map[0]; line < token.map[1]; line++) proseLines[firstLine + line] = 1;
    }
    if (token.type === 'fence') {
      const languageId = canonicalLanguageId(token.info.trim().split(/\s+/, 1)[0] ?? '');
      const finder = proseFinderOf(languageId);
      if (finder && finder.kind !== 'markdown')
        fences.set(firstLine + token.map[0], { endLine: firstLine + token.map[1], languageId });
    }
    if (token.level === 0 && token.nesting !== -1) {
      blocks.push(firstLine + token.map[0], firstLine + token.map[1]);
      blockTypes.push(token.type);
    }
  }
  return { proseLines, blocks, blockTypes, fences };
}

interface ParsedBlocks {
  proseLines: Uint8Array;
  blocks: number[];
  blockTypes: string[];
  /** Fenced code blocks in a language the glossary reads, by opening line: their comments are prose too. */
  fences: Map<number, { endLine: number; languageId: string }>;
}

/** YAML front matter is YAML: its comments and prose-like values (a description) are read as in a YAML file. */
function frontMatterRegions(text: string, frontMatterLength: number): Region[] {
  if (frontMatterLength === 0) return [];
  const open = text.indexOf('\n') + 1;
  const close = text.lastIndexOf('\n---', frontMatterLength - 1);
  if (close <= open) return [];
  return shifted(yamlRegions(text.slice(open, close + 1)), open);
}

/** The comments (and, for YAML, prose values) of a fenced code block's content lines, fence lines left out. */
function addFenceRegions(
  text: string,
  lineStarts: number[],
  openLine: number,
  endLine: number,
  languageId: string,
  out: Region[],
): void {
  const start = openLine + 1 < lineStarts.length ? lineStarts[openLine + 1] : text.length;
  let end = endLine < lineStarts.length ? lineStarts[endLine] : text.length;
  const lastLine = text.slice(lineStarts[endLine - 1] ?? end, end);
  if (endLine - 1 > openLine && /^\s*(?:`{3,}|~{3,})\s*$/.test(lastLine)) end = lineStarts[endLine - 1];
  if (end <= start) return;
  const content = text.slice(start, end);
  const finder = proseFinderOf(languageId);
  if (finder?.kind === 'yaml') out.push(...shifted(yamlRegions(content), start));
  else if (languageId === 'shellscript' && finder?.kind === 'comments')
    out.push(...shifted(withCommands(content, commentRegions(content, finder.syntax)), start));
  else if (finder?.kind === 'comments') out.push(...shifted(commentRegions(content, finder.syntax), start));
}

/**
 * A shell block in a document shows commands to run: the program each command line starts (`lmdeploy serve ...`,
 * `$ sudo ollama run ...`, after any `NAME=value` settings) is a code span of its own, so an engine's or tool's name
 * there finds its term as in `ollama`. Lines continuing the one before (after a trailing backslash) are arguments.
 * Merged with the block's comment regions, in order.
 */
function withCommands(content: string, comments: Region[]): Region[] {
  const commands: Region[] = [];
  let lineStart = 0;
  let continued = false;
  while (lineStart < content.length) {
    const newline = content.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? content.length : newline;
    const line = content.slice(lineStart, Math.min(lineEnd, lineStart + 300));
    if (!continued) {
      const command = COMMAND_LINE.exec(line);
      if (command) {
        const end = lineStart + command[0].length;
        commands.push({ start: end - command[1].length, end, kind: 'codespan' });
      }
    }
    continued = /\\\s*$/.test(line);
    lineStart = lineEnd + 1;
  }
  if (commands.length === 0) return comments;
  return [...comments, ...commands]
    .sort((a, b) => a.start - b.start)
    .filter((r, i, all) => i === 0 || r.start >= all[i - 1].end);
}

/** A command line's program: after a prompt, `sudo`/`nohup`/`exec` and `NAME=value` settings; a word, not a path. */
const COMMAND_LINE =
  /^\s*(?:\$\s+)?(?:(?:sudo|nohup|exec|time)\s+|[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*([A-Za-z][\w.-]*)(?=\s|$)/;

function shifted(regions: readonly Region[], by: number): Region[] {
  return regions.map((r) => ({ start: r.start + by, end: r.end + by, kind: r.kind }));
}

/** What makes the regions of some lines: a run of prose lines [start, end) (offsets), or a fenced code block. */
type ProseOp =
  { start: number; end: number; fence?: undefined } | { fence: { open: number; end: number; languageId: string } };

/** The runs of prose lines and the fences within lines [fromLine, toLine): cheap, no region is made yet. */
function proseOps(
  text: string,
  lineStarts: number[],
  parsed: Pick<ParsedBlocks, 'proseLines' | 'fences'>,
  fromLine: number,
  toLine: number,
  skipped: number,
): ProseOp[] {
  const { proseLines, fences } = parsed;
  const ops: ProseOp[] = [];
  let line = fromLine;
  while (line < toLine) {
    const fence = fences.get(line);
    if (fence) {
      ops.push({ fence: { open: line, end: Math.min(fence.endLine, toLine), languageId: fence.languageId } });
      line = Math.max(line + 1, Math.min(fence.endLine, toLine));
      continue;
    }
    if (!proseLines[line]) {
      line++;
      continue;
    }
    const first = line;
    while (line < toLine && proseLines[line]) line++;
    const start = Math.max(lineStarts[first], skipped);
    const end = line < lineStarts.length ? lineStarts[line] : text.length;
    ops.push({ start, end });
  }
  return ops;
}

/** Appends the regions of prose runs and fenced code blocks to `out`, in order. */
function emitProse(text: string, lineStarts: number[], ops: readonly ProseOp[], out: Region[]): void {
  for (const op of ops) {
    if (op.fence) addFenceRegions(text, lineStarts, op.fence.open, op.fence.end, op.fence.languageId, out);
    else addBlock(text, op.start, op.end, out);
  }
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

/** Lines no block covers follow block i (or it is the last), so no run of prose lines continues past it. */
function followedByGap(analysis: Pick<MarkdownAnalysis, 'blocks' | 'blockTypes'>, i: number): boolean {
  const { blocks, blockTypes } = analysis;
  return i + 1 >= blockTypes.length || blocks[2 * (i + 1)] > blocks[2 * i + 1];
}

function isBlankLine(text: string, lineStarts: number[], line: number): boolean {
  const start = lineStarts[line];
  const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  return /^[ \t\r\n]*$/.test(text.slice(start, end));
}
