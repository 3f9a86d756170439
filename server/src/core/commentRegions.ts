import type { CommentSyntax } from '../../shared/languages';
import { proseRegionsWithin } from './inlineExclusions';
import type { Region } from './region';

/** Comment regions of a code document, found by a lexer that skips over string literals. */
export function commentRegions(text: string, syntax: CommentSyntax): Region[] {
  const regions: Region[] = [];
  const n = text.length;
  let i = 0;
  outer: while (i < n) {
    for (const [open, close] of syntax.block) {
      if (text.startsWith(open, i)) {
        const closeAt = syntax.nestedBlockComments
          ? nestedCloseAt(text, i + open.length, open, close)
          : text.indexOf(close, i + open.length);
        const end = closeAt < 0 ? n : closeAt;
        proseRegionsWithin(text, i + open.length, end, 'comment', regions);
        i = closeAt < 0 ? n : closeAt + close.length;
        continue outer;
      }
    }
    for (const marker of syntax.line) {
      if (text.startsWith(marker, i) && commentMayStartAt(text, i, syntax)) {
        const newline = text.indexOf('\n', i);
        const end = newline < 0 ? n : newline;
        const from = i + marker.length;
        if (!DIRECTIVE.test(text.slice(from, Math.min(end, from + 40))))
          proseRegionsWithin(text, from + declaredNameLength(text, i, from, end, marker), end, 'comment', regions);
        i = end;
        continue outer;
      }
    }
    const ch = text[i];
    if (syntax.docstrings && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const quote = text.slice(i, i + 3);
      const closeAt = text.indexOf(quote, i + 3);
      const end = closeAt < 0 ? n : closeAt;
      // A string prefix (r"""...) may stand before the quotes of a docstring.
      let first = i;
      while (first > 0 && first > i - 2 && /[rRuUbBfF]/.test(text[first - 1])) first--;
      if (startsItsLine(text, first)) docstringRegions(text, i + 3, end, regions);
      i = closeAt < 0 ? n : closeAt + 3;
      continue;
    }
    if (syntax.charLiterals && ch === "'") {
      const literal = /^'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'\n])'/u.exec(text.slice(i, i + 14));
      i += literal ? literal[0].length : 1;
      continue;
    }
    if (syntax.quotes.includes(ch)) {
      i = endOfString(text, i, ch);
      continue;
    }
    if (syntax.regexLiterals && ch === '/' && regexMayStartAt(text, i)) {
      i = endOfRegex(text, i);
      continue;
    }
    i++;
  }
  return regions;
}

/**
 * JavaScript's rule of thumb: a `/` that cannot end an operand (after an operator, an opening bracket, a comma, the
 * start, or a keyword such as `return`) opens a regular expression literal, whose quotes are not strings.
 */
function regexMayStartAt(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  if (k < 0 || text[k] === '\n') return true;
  if ('(,=:[!&|?{};+-*%<>~^'.includes(text[k])) return true;
  const word = /(?:^|[^\w$])(return|typeof|case|in|of|void|yield|await|delete|throw|new)$/.exec(
    text.slice(Math.max(0, k - 9), k + 1),
  );
  return word !== null;
}

/** Past the regular expression literal at `i` (a `/` inside a [class] does not close it); a line break ends it. */
function endOfRegex(text: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return i + 1; // not a literal after all: read on from the next character
    if (c === '\\') j++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return j + 1;
  }
  return i + 1;
}

/** Where the block comment opened before `from` closes when comments nest (Rust, Swift, Kotlin, Scala), or -1. */
function nestedCloseAt(text: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text.startsWith(open, j)) {
      depth++;
      j += open.length - 1;
    } else if (text.startsWith(close, j)) {
      if (--depth === 0) return j;
      j += close.length - 1;
    }
  }
  return -1;
}

function commentMayStartAt(text: string, i: number, syntax: CommentSyntax): boolean {
  if (syntax.commentAtLineStart) return startsItsLine(text, i);
  if (syntax.commentAtWordStart) return i === 0 || /\s|[;|&()]/.test(text[i - 1]);
  return true;
}

function startsItsLine(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = text[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/** Offset just past the string literal opened by `quote` at i; backquote strings may span lines, others end at the line. */
function endOfString(text: string, i: number, quote: string): number {
  const multiline = quote === '`';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === quote) return j + 1;
    else if (c === '\n' && !multiline) return j;
  }
  return text.length;
}

/**
 * The prose of a docstring [start, end): its lines, but not doctest lines (`>>> ...`, `... `) nor the lines of a
 * fenced code block, which are code even inside documentation.
 */
function docstringRegions(text: string, start: number, end: number, out: Region[]): void {
  let inFence = false;
  let lineStart = start;
  while (lineStart < end) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline >= end ? end : newline + 1;
    const trimmed = text.slice(lineStart, Math.min(lineEnd, lineStart + 200)).trimStart();
    const fence = trimmed.startsWith('```') || trimmed.startsWith('~~~');
    const doctest = trimmed.startsWith('>>>') || trimmed.startsWith('... ');
    if (fence) inFence = !inFence;
    else if (!inFence && !doctest)
      proseRegionsWithin(text, lineStart + parameterNameLength(text, lineStart, lineEnd), lineEnd, 'comment', out);
    else if (doctest) {
      // A comment in a doctest line (`>>> # warm up the KV cache`) is prose again.
      const hash = text.slice(lineStart, lineEnd).search(/(?:^|\s)#\s/);
      if (hash >= 0) proseRegionsWithin(text, lineStart + hash + 2, lineEnd, 'comment', out);
    }
    lineStart = lineEnd;
  }
}

/**
 * The length of a parameter entry's name at the start of a docstring line — ":param max_batch_size:", "dtype (torch.dtype):",
 * "block_size : int" — which is an identifier, not prose; 0 for other lines ("Note: the KV cache ...").
 */
function parameterNameLength(text: string, lineStart: number, lineEnd: number): number {
  const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 160));
  const entry = /^(\s*(?::param\s+|@param\s+)?)([A-Za-z_][\w.]*)(\s*\([^)]{0,60}\))?\s*:/.exec(line);
  if (!entry) return 0;
  const name = entry[2];
  const isIdentifier = /[_.]/.test(name) || /^[a-z]+$/.test(name) || entry[1].trim() !== '' || entry[3] !== undefined;
  return isIdentifier &&
    !/^(?:Note|Notes|Example|Examples|Returns|Raises|Yields|Args|Arguments|Parameters|Attributes|See|Warning|Todo)$/.test(
      name,
    )
    ? entry[0].length
    : 0;
}

/**
 * A doc comment opens with the name of the field it documents, Go style: "// Cache is the ..." above `Cache *Cache`,
 * "// replicas is the number ..." above `Replicas *int32`. That first word is the program's identifier, not prose:
 * the length of it (with the blanks before it) when the line at `markerAt` opens a block of `marker` comments whose
 * first word is the name declared on the code line after the block; 0 otherwise.
 */
function declaredNameLength(text: string, markerAt: number, from: number, end: number, marker: string): number {
  const first = /^[ \t]*([A-Za-z_]\w*)\b/.exec(text.slice(from, Math.min(end, from + 80)));
  if (!first || !startsItsLine(text, markerAt) || commentLineBefore(text, markerAt, marker)) return 0;
  // The code line after the block: skip the block's other comment lines (each looked at once more).
  let lineStart = end + 1;
  for (;;) {
    if (lineStart >= text.length) return 0;
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 200)).trimStart();
    if (!line.startsWith(marker)) {
      const declared = DECLARATION.exec(line);
      return declared && declared[1].toLowerCase() === first[1].toLowerCase() ? first[0].length : 0;
    }
    lineStart = lineEnd + 1;
  }
}

/** Whether the line before the one at `at` is a `marker` comment line too (then `at` does not open the block). */
function commentLineBefore(text: string, at: number, marker: string): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (lineStart === 0) return false;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return text
    .slice(previousStart, lineStart - 1)
    .trimStart()
    .startsWith(marker);
}

/**
 * The name of a field or variable a code line declares (`Cache *Cache`, `replicas: int = 1`). Not a type or function:
 * a type named after a concept documents the concept ("// KVCache is the Schema for the kvcaches API").
 */
const DECLARATION = /^([A-Za-z_]\w*)(?:\s*:\s*|\s+)[*[\]A-Za-z_]/;

/**
 * A comment that is a directive to a tool, not prose: code-generator markers (`// +kubebuilder:validation:...,
 * message="..."`, `// +optional`, `// +k8s:deepcopy-gen=package`) and compiler directives (`//go:build linux`).
 */
const DIRECTIVE = /^(?:\s*\+[a-z][\w.-]*(?:[:=]|\s*$)|go:[a-z])/;
