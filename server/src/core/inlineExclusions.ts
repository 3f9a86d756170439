import type { Region } from './region';

// Spans inside prose that are not prose: `code spans`, <autolinks and tags>, {{ template expressions }}, and
// identifier-like tokens — URLs, paths, dotted names (serving.kserve.io, prefix_cache.go), CLI flags, issue
// references (vllm#1234), calls and indexing (tokens[i]), markers (+kubebuilder:...), camelCase names. One pass,
// left to right, linear in the length of the text: every lookahead below moves a pointer that never goes back.

const BACKTICK = 96;
const LT = 60;
const GT = 62;
const NEWLINE = 10;

/** Splits [start, end) of text into regions of the given kind, leaving out code, markup and identifiers. */
export function proseRegionsWithin(
  text: string,
  start: number,
  end: number,
  kind: Region['kind'],
  out: Region[],
): void {
  let at = start;
  for (const [holeStart, holeEnd] of holesWithin(text, start, end)) {
    if (holeStart > at) out.push({ start: at, end: holeStart, kind });
    if (text.charCodeAt(holeStart) === BACKTICK) addCodeSpanContent(text, holeStart, holeEnd, out);
    at = holeEnd;
  }
  if (end > at) out.push({ start: at, end, kind });
}

/** The inside of a short one-line code span, where a whole term name still counts (`helm`, `dcgm-exporter`). */
function addCodeSpanContent(text: string, holeStart: number, holeEnd: number, out: Region[]): void {
  let s = holeStart;
  let e = holeEnd;
  while (s < e && text.charCodeAt(s) === BACKTICK) s++;
  while (e > s && text.charCodeAt(e - 1) === BACKTICK) e--;
  while (s < e && text.charCodeAt(s) === 32) s++;
  while (e > s && text.charCodeAt(e - 1) === 32) e--;
  if (e > s && e - s <= MAX_CODE_SPAN_NAME && !text.slice(s, e).includes('\n'))
    out.push({ start: s, end: e, kind: 'codespan' });
}

/** Longer code spans are code, whatever they contain. */
const MAX_CODE_SPAN_NAME = 64;

/** The non-prose spans of [start, end), sorted and disjoint. */
export function holesWithin(text: string, start: number, end: number): [number, number][] {
  const holes: [number, number][] = [];
  const closers = backtickClosers(text, start, end);
  let nextStop = start; // the next '>' or newline at or after a '<', found once per stretch
  let afterParamTag = false; // the previous token was `@param`, `\param` or `:param`: this one is a parameter's name
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === BACKTICK) {
      const run = runLength(text, i, end, BACKTICK);
      const closer = closers.get(i);
      if (closer !== undefined) {
        holes.push([i, closer + run]);
        i = closer + run;
      } else i += run; // an unmatched run is literal text
      continue;
    }
    if (code === LT && isTagStart(text.charCodeAt(i + 1))) {
      if (nextStop <= i) {
        nextStop = i + 1;
        while (nextStop < end && text.charCodeAt(nextStop) !== GT && text.charCodeAt(nextStop) !== NEWLINE) nextStop++;
      }
      if (nextStop < end && text.charCodeAt(nextStop) === GT) {
        holes.push([i, nextStop + 1]);
        i = nextStop + 1;
      } else i++;
      continue;
    }
    if (code === 123 /* { */ && text.charCodeAt(i + 1) === 123) {
      const close = closingBraces(text, i + 2, end);
      if (close >= 0) {
        holes.push([i, close]);
        i = close;
        continue;
      }
    }
    if (isSpace(code)) {
      i++;
      continue;
    }
    // A token: up to the next space or the start of a code span or tag.
    let j = i;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === BACKTICK || (c === LT && isTagStart(text.charCodeAt(j + 1)))) break;
      j++;
    }
    const [coreStart, coreEnd] = trimPunctuation(text, i, j);
    const token = text.slice(coreStart, coreEnd);
    if (coreEnd > coreStart && (afterParamTag || isIdentifierToken(token) || isProductOperand(text, i, j)))
      holes.push([coreStart, coreEnd]);
    afterParamTag = PARAM_TAG.test(text.slice(i, j));
    i = j;
  }
  return holes;
}

/** Doc-comment tags followed by a parameter's name: `@param split_kv`, `\param block_size`, `:param dtype:`. */
const PARAM_TAG = /^(?:[@\\](?:param|tparam|arg|argument)|:param)(?:\[[a-z]+\])?$/;

/** Whether text[start] begins the name after a parameter tag (a name there is the program's parameter). */
export function followsParamTag(text: string, start: number): boolean {
  let k = start;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  if (k === start) return false;
  let t = k;
  while (t > 0 && !isSpace(text.charCodeAt(t - 1))) t--;
  return PARAM_TAG.test(text.slice(t, k));
}

/**
 * A factor of a product written in a comment, "sendbuff + rank * recvcount": the word before or after a lone `*`
 * that has a word on its other side is a variable. (A lone `+` joins prose too: "TP + PP".)
 */
function isProductOperand(text: string, start: number, end: number): boolean {
  const times = (at: number) =>
    text.charCodeAt(at) === 42 && text.charCodeAt(at - 1) === 32 && text.charCodeAt(at + 1) === 32;
  return (
    (times(end + 1) && text.charCodeAt(end) === 32 && isWordCode(text.charCodeAt(end + 3))) ||
    (times(start - 2) && text.charCodeAt(start - 1) === 32 && isWordCode(text.charCodeAt(start - 4)))
  );
}

function isWordCode(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 57) || code === 95;
}

/** For each backtick run that opens a code span, where its closing run (of the same length) starts. */
function backtickClosers(text: string, start: number, end: number): Map<number, number> {
  const closers = new Map<number, number>();
  const open = new Map<number, number>(); // run length → position of the run waiting for its closer
  for (let i = text.indexOf('`', start); i >= 0 && i < end; i = text.indexOf('`', i)) {
    const run = runLength(text, i, end, BACKTICK);
    const opener = open.get(run);
    if (opener !== undefined) {
      closers.set(opener, i);
      open.delete(run);
    } else open.set(run, i);
    i += run;
  }
  return closers;
}

function runLength(text: string, i: number, end: number, code: number): number {
  let j = i;
  while (j < end && text.charCodeAt(j) === code) j++;
  return j - i;
}

/** The offset just after the "}}" closing a template expression on the same line, or -1. */
function closingBraces(text: string, from: number, end: number): number {
  for (let i = from; i + 1 < end; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) return -1;
    if (c === 125 && text.charCodeAt(i + 1) === 125) return i + 2;
  }
  return -1;
}

function isTagStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 47 /* / */ || code === 33; /* ! */
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}

// Punctuation around a token that belongs to the sentence, not to the token: "(see", "cache.", "`x`,".
const LEADING = new Set('("\'[*_\u201c\u2018'.split('').map((c) => c.charCodeAt(0)));
const TRAILING = new Set('.,;:!?)"\']*_\u201d\u2019'.split('').map((c) => c.charCodeAt(0)));

function trimPunctuation(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && LEADING.has(text.charCodeAt(s))) s++;
  while (e > s && TRAILING.has(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

const WORDISH = /[\p{L}\p{N}_]/u;
/** "prefill/decode", "TTFT/TPOT/ITL", "FP8/INT8", "P/D": a few words joined by slashes read as prose. */
const SLASHED_WORDS = /^[\p{L}][\p{L}\p{N}-]*(?:\/[\p{L}][\p{L}\p{N}-]*){1,2}$/u;
/** A plural or optional ending in parentheses: "GPU(s)", "replica(s)". */
const OPTIONAL_ENDING = /^[^([{]+\((?:s|es)\)$/;

/**
 * Whether a whitespace-free token (sentence punctuation trimmed) is an identifier rather than words: a glossary
 * term inside it would be a false hit (`kubernetes.io/hostname`, `--max-model-len`, `tokens[i]`).
 */
export function isIdentifierToken(token: string): boolean {
  if (token.length < 2) return false;
  if (/^\d+(?:\.\d+)*$/.test(token)) return false; // numbers and versions: SM 8.0, vLLM 0.11
  const first = token.charCodeAt(0);
  const second = token.charCodeAt(1);
  // --flag, -tp; +kubebuilder; .Spec.Prefill; $VAR; ~/path, ./path; @handle
  if (first === 45 /* - */ && (second === 45 || isLetter(second))) return true;
  if ((first === 43 /* + */ || first === 46) /* . */ && isLetter(second)) return true;
  if (first === 36 /* $ */ || first === 64 /* @ */ || first === 126 /* ~ */ || first === 37 /* % */) return true;
  if (first === 47 /* / */) return true;
  if (token.includes('://') || token.includes('::')) return true;
  for (let k = 1; k < token.length - 1; k++) {
    const c = token[k];
    const before = token[k - 1];
    const after = token[k + 1];
    // dotted names and file names: serving.kserve.io, prefix_cache.go, torch.bfloat16
    if (c === '.' && WORDISH.test(before) && WORDISH.test(after)) return true;
    // metric and module paths: vllm:num_requests_waiting, ray.serve.llm:build_openai_app
    if (c === ':' && /[a-z0-9_]/.test(before) && WORDISH.test(after)) return true;
    // issue references and digests: vllm#1234, sha256@...
    if ((c === '#' && /[0-9]/.test(after)) || (c === '@' && WORDISH.test(before))) return true;
  }
  if (/[\p{L}\p{N}_][([{]/u.test(token) && !OPTIONAL_ENDING.test(token)) return true;
  if (/[\p{L}\p{N}_]\*[\p{L}\p{N}_]/u.test(token)) return true; // nranks*recvcount
  if (token.includes('/') && !SLASHED_WORDS.test(token)) return true;
  if (isSnakeCaseToken(token)) return true;
  // camelCase names of fields and variables (driverInstallDir, maxModelLen); "vLLM" and "eBPF" stay words.
  if (/^[a-z]+[A-Z][a-z]/.test(token) && /^[A-Za-z0-9]+$/.test(token)) return true;
  return false;
}

/**
 * snake_case names of fields and variables (batch_size, kv_cache_dtype): the words are the program's, not prose.
 * UPPER_CASE names are left to the exact-name matcher, which reads environment variables and constants there.
 */
export function isSnakeCaseToken(token: string): boolean {
  return /[a-z0-9]_+[a-z0-9]/.test(token) && !/[A-Z]/.test(token);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
