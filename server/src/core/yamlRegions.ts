import type { Parser } from 'yaml';
import type { CommentSyntax } from '../../shared/languages';
import { commentRegions } from './commentRegions';
import { proseRegionsWithin } from './inlineExclusions';
import { onFirstUse } from './onFirstUse';
import type { Region } from './region';
import type { TextChange } from './textChange';

interface CstToken {
  type?: string;
  offset?: number;
  source?: string;
  [key: string]: unknown;
}

const yamlParserClass = onFirstUse(() => (require('yaml') as { Parser: typeof Parser }).Parser);
// The rules below are exported for the reference walk of test/unit/yamlIncremental.test.ts, which shares them.
export const QUOTED = new Set(['single-quoted-scalar', 'double-quoted-scalar']);
/** Keys whose values are commands or scripts (Kubernetes, Compose, CI, SkyPilot): code, but for their # comments. */
export const CODE_KEYS = new Set([
  'command',
  'args',
  'script',
  'scripts',
  'run',
  'setup',
  'entrypoint',
  'cmd',
  'exec',
  'before_script',
  'after_script',
  'shell',
  'init',
  'initScript',
  'startupScript',
  'postStart',
  'preStop',
]);
export const SHELL: CommentSyntax = { line: ['#'], block: [], quotes: ['"', "'"], commentAtWordStart: true };

/**
 * Regions of a YAML document from the `yaml` library's concrete syntax tree: every comment; block scalars
 * (`description: |` paragraphs) and flow scalar values that read like prose (three words or more); the value of
 * a naming key (`kind:`, `engine:`). Keys and identifiers such as `kv_cache_dtype: fp8` are never regions, and neither are commands and
 * scripts — values of `command:`, `args:`, `script:` and the like, or block scalars that read like shell — where only
 * the script's own `#` comments are prose. The walk keeps its own stack, so nesting depth cannot overflow it.
 */
export function yamlRegions(text: string): Region[] {
  return analyzeYaml(text).regions;
}

/**
 * A YAML document's regions, and the segments it was parsed in. A segment starts at each line that begins at column 0
 * with a key (`name:`) or a document marker (`---`): the parser ends every block and flow construct there, so each
 * segment is parsed alone (never the whole text at once), and an edit or a request re-parses only the segments around
 * it. A text with a directive (`%YAML`, `%TAG`), which applies to what follows, is one segment.
 */
export interface YamlAnalysis {
  regions: Region[];
  /** Offsets where segments start, ascending; the first is 0. */
  segments: number[];
}

export function analyzeYaml(text: string): YamlAnalysis {
  const segments = segmentStarts(text, 0, text.length);
  const regions: Region[] = [];
  for (let i = 0; i < segments.length; i++) segmentRegions(text, segments[i], segments[i + 1] ?? text.length, regions);
  return { regions, segments };
}

/** A YAML document analysed segment by segment, a few at a time (a large document, when the server is idle). */
export class YamlParse {
  private readonly segments: number[];
  private readonly regions: Region[] = [];
  private next = 0;

  constructor(private readonly text: string) {
    this.segments = segmentStarts(text, 0, text.length);
  }

  get done(): boolean {
    return this.next >= this.segments.length;
  }

  /** Parses segments until about `chars` characters more are analysed. */
  parseMore(chars = 64 * 1024): void {
    const { text, segments } = this;
    const until = Math.min(text.length, (segments[this.next] ?? text.length) + chars);
    while (!this.done && segments[this.next] < until) {
      segmentRegions(text, segments[this.next], segments[this.next + 1] ?? text.length, this.regions);
      this.next++;
    }
  }

  analysis(): YamlAnalysis {
    while (!this.done) this.parseMore(Infinity);
    return { regions: this.regions, segments: this.segments };
  }
}

/**
 * The analysis of `text` after `change` to the text `previous` was made from: the segments from the one before the
 * change to the first one that starts after it are found and parsed again; the others keep their regions (shifted).
 * The same segments and regions as analyzeYaml(text) (both are made segment by segment).
 */
export function updateYaml(previous: YamlAnalysis, text: string, change: TextChange): YamlAnalysis {
  const old = previous.segments;
  const delta = change.newEnd - change.oldEnd;
  // The segment holding the change's start, and the one before it (the change may end it or merge into it).
  let k = 0;
  while (k + 1 < old.length && old[k + 1] <= change.start) k++;
  const first = Math.max(0, k - 1);
  // The first segment that starts after the change: from there on the text is the same, only shifted.
  let next = k + 1;
  while (next < old.length && old[next] <= change.oldEnd) next++;
  const from = old[first];
  const oldTo = next < old.length ? old[next] : Infinity;
  const to = next < old.length ? old[next] + delta : text.length;
  if (hasDirective(text, from, to) || (first === 0 && next >= old.length)) return analyzeYaml(text);
  const window = segmentStarts(text, from, to);
  if (window.length === 1 && window[0] === 0 && hasDirective(text, 0, text.length)) return analyzeYaml(text);
  const regions: Region[] = [];
  for (const region of previous.regions) {
    if (region.start >= from) break;
    regions.push(region);
  }
  for (let i = 0; i < window.length; i++) segmentRegions(text, window[i], window[i + 1] ?? to, regions);
  for (const region of previous.regions)
    if (region.start >= oldTo)
      regions.push({ start: region.start + delta, end: region.end + delta, kind: region.kind });
  const segments = [...old.slice(0, first), ...window];
  for (let i = next; i < old.length; i++) segments.push(old[i] + delta);
  return { regions, segments };
}

/**
 * The regions of the segments around `offset` only (the one holding it and `margin` on either side), for a request
 * in a large document before it is analysed; undefined when no segment boundary is found near it.
 */
export function yamlRegionsAround(
  text: string,
  offset: number,
  margin = 1,
  maxLines = 4096,
): { regions: Region[]; start: number; end: number } | undefined {
  if (hasDirective(text, 0, text.length)) return undefined;
  let start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  for (let found = 0, lines = 0; ; lines++) {
    if (startsSegment(text, start) && found++ === margin) break;
    if (start === 0) break;
    if (lines > maxLines) return undefined;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  let end = text.indexOf('\n', offset);
  for (let found = 0, lines = 0; end >= 0; lines++) {
    if (startsSegment(text, end + 1) && ++found > margin) break;
    if (lines > maxLines) return undefined;
    end = text.indexOf('\n', end + 1);
  }
  end = end < 0 ? text.length : end + 1;
  const regions: Region[] = [];
  const segments = segmentStarts(text, start, end);
  for (let i = 0; i < segments.length; i++) segmentRegions(text, segments[i], segments[i + 1] ?? end, regions);
  return { regions, start, end };
}

/** Offsets in [from, to) where segments start (`from` always does, as the start of a line or of the text). */
function segmentStarts(text: string, from: number, to: number): number[] {
  const starts = [from];
  if (hasDirective(text, 0, text.length)) return from === 0 ? starts : [0];
  for (let at = text.indexOf('\n', from); at >= 0 && at + 1 < to; at = text.indexOf('\n', at + 1))
    if (startsSegment(text, at + 1)) starts.push(at + 1);
  return starts;
}

/** A line at `at` that begins at column 0 with a key (`name:`, `name: value`) or is a document start (`---`). */
function startsSegment(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 45 /* - */) return text.startsWith('---', at) && /^---(?:[ \t]|\r?$)/m.test(text.slice(at, at + 5));
  const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (!word) return false;
  for (let i = at + 1; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === 10 || d === 35 /* # */ || d === 34 || d === 39 /* quotes */) return false;
    if (d === 58 /* : */) {
      const after = text.charCodeAt(i + 1);
      return i + 1 >= text.length || after === 32 || after === 9 || after === 10 || after === 13;
    }
  }
  return false;
}

/** Whether a line in [from, to) (or any line, for a whole text) is a directive: then segments do not stand alone. */
function hasDirective(text: string, from: number, to: number): boolean {
  if (from === 0 && text.charCodeAt(0) === 37 /* % */) return true;
  for (let at = text.indexOf('\n%', from); at >= 0 && at < to; at = text.indexOf('\n%', at + 1)) return true;
  return false;
}

// Flags of a node on the walk's stack.
const IS_KEY = 1;
const CODE = 2; // inside the value of a command or script key
const KIND = 4; // the value of a naming key — a Kubernetes kind such as DaemonSet, an engine such as vLLM
/**
 * Keys whose short value names a thing rather than configures it: `kind: LeaderWorkerSet`, `engine: vLLM`. The value
 * is read as prose however short it is. (Not `title:`: a term file's own title is its declaration, not a mention.)
 */
const NAMING_KEYS = new Set(['kind', 'engine']);

/**
 * The regions of text[start, end), parsed alone, added to `out` in order. The walk keeps its own stack (two arrays
 * reused from segment to segment) and visits each node's known children: no object is made per node.
 */
function segmentRegions(text: string, start: number, end: number, out: Region[]): void {
  const first = out.length;
  const nodes = walkNodes;
  const flags = walkFlags;
  nodes.length = 0;
  flags.length = 0;
  try {
    for (const token of new (yamlParserClass())().parse(text.slice(start, end)) as Iterable<CstToken>) {
      nodes.push(token);
      flags.push(0);
    }
  } catch (error) {
    // The yaml parser recurses per nesting level: thousands of `- ` or `? ` on a line overflow the stack. Such a
    // segment is not a manifest anyone hovers in; its `#` comments are still read, line by line.
    if (!(error instanceof RangeError)) throw error;
    nodes.length = 0;
    flags.length = 0;
    for (const comment of commentRegions(text.slice(start, end), SHELL))
      proseRegionsWithin(text, comment.start + start + 1, comment.end + start, 'comment', out);
    return;
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const flag = flags.pop()!;
    regionsOfToken(node, flag, text, start, out);
    pushChildren(node, flag, nodes, flags);
  }
  if (out.length - first > 1) {
    const mine = out.splice(first).sort((a, b) => a.start - b.start);
    for (const region of mine) out.push(region);
  }
}
const walkNodes: CstToken[] = [];
const walkFlags: number[] = [];

function regionsOfToken(node: CstToken, flag: number, text: string, base: number, out: Region[]): void {
  const { type, source } = node;
  if (typeof node.offset !== 'number' || typeof source !== 'string') return;
  const offset = node.offset + base;
  if (type === 'comment') {
    const setting = COMMENTED_OUT_SETTING.exec(source);
    if (!setting) proseRegionsWithin(text, offset + 1, offset + source.length, 'comment', out);
    else if (NAMING_KEYS.has(setting[1]) && setting[2]) {
      // A commented-out `engine: vLLM` still names the engine, as the setting would.
      const valueEnd = offset + source.trimEnd().length;
      proseRegionsWithin(text, valueEnd - setting[2].length, valueEnd, 'string', out);
    }
  } else if ((flag & (IS_KEY | CODE)) === 0 && (type === 'scalar' || QUOTED.has(type ?? ''))) {
    if (flag & KIND || readsLikeProse(source)) {
      const quote = QUOTED.has(type ?? '') ? 1 : 0;
      proseRegionsWithin(text, offset + quote, offset + source.length - quote, 'string', out);
    }
  } else if (type === 'block-scalar') {
    // The token's offset is its `|` / `>` header; its source is the content that follows the header line.
    const props = (node.props as CstToken[] | undefined) ?? [];
    const last = props[props.length - 1];
    const bodyStart =
      last && typeof last.offset === 'number' ? last.offset + base + (last.source?.length ?? 0) : offset;
    const bodyEnd = bodyStart + source.length;
    if (flag & CODE || readsLikeScript(source)) {
      for (const comment of commentRegions(text.slice(bodyStart, bodyEnd), SHELL)) {
        out.push({ start: comment.start + bodyStart, end: comment.end + bodyStart, kind: 'comment' });
      }
    } else proseRegionsWithin(text, bodyStart, bodyEnd, 'string', out);
  }
}

/**
 * The children of a node of the concrete syntax tree (document, collections and their items, scalars' props and
 * trailing tokens), each with its flags: a key; inside a command or script value; the value of a naming key.
 */
function pushChildren(node: CstToken, flag: number, nodes: CstToken[], flags: number[]): void {
  const inherited = flag & (CODE | KIND);
  const key = node.key as CstToken | null | undefined;
  const keyName = key && typeof key.source === 'string' ? key.source : undefined;
  // A value is code inside code or under a command or script key, and a name under a naming key (not inherited).
  let valueFlag = flag & CODE;
  if (keyName !== undefined && (CODE_KEYS.has(keyName) || /\.(?:sh|bash|py|js|ps1)$/.test(keyName))) valueFlag |= CODE;
  if (keyName !== undefined && NAMING_KEYS.has(keyName)) valueFlag |= KIND;
  pushAll(node.start, inherited, nodes, flags);
  pushAll(node.items, inherited, nodes, flags);
  if (key && typeof key === 'object') push(key, inherited | IS_KEY, nodes, flags);
  pushAll(node.sep, inherited, nodes, flags);
  const value = node.value;
  if (value && typeof value === 'object') push(value as CstToken, valueFlag, nodes, flags);
  pushAll(node.props, inherited, nodes, flags);
  pushAll(node.end, inherited, nodes, flags);
}

function pushAll(value: unknown, flag: number, nodes: CstToken[], flags: number[]): void {
  if (Array.isArray(value)) {
    for (const item of value) if (item && typeof item === 'object') push(item as CstToken, flag, nodes, flags);
  } else if (value && typeof value === 'object') push(value as CstToken, flag, nodes, flags);
}

function push(node: CstToken, flag: number, nodes: CstToken[], flags: number[]): void {
  nodes.push(node);
  flags.push(flag);
}

/**
 * A comment that is a setting left commented out — `#monitoring: prometheus`, `#  - operator: Exists`, `# key:` — a
 * lower-case key with one value or none: manifest structure, not prose. ("# Note: uses MIG" and "# default: the
 * KV cache size" read as prose: a capitalised word, or a value of several words.)
 */
const COMMENTED_OUT_SETTING = /^#+\s*(?:-\s+)?([a-z][\w./-]*):(?:\s+([^\s#]+))?\s*$/;

/**
 * Three or more whitespace-separated words made of letters: "Keeps the KV cache warm" is prose; "fp8",
 * "x # y", an image reference or an expression such as `sum(vllm:num_requests_waiting)` is not.
 */
export function readsLikeProse(source: string): boolean {
  let words = 0;
  for (const token of source.split(/\s+/)) if (/^["'(]?\p{L}[\p{L}'\u2019-]*[.,;:!?)"']*$/u.test(token)) words++;
  return words >= 3;
}

// A line of a script: a shebang, a shell builtin or common program, an assignment, a pipe or a continuation.
const SCRIPT_LINE =
  /^\s*(?:#!|(?:set|export|echo|printf|if|then|else|fi|for|while|do|done|case|esac|cd|exec|source|eval|trap|sleep|wait|exit|return|python3?|pip3?|bash|sh|curl|wget|apt(?:-get)?|yum|kubectl|helm|mkdir|rm|cp|mv|ln|cat|chmod|chown|tar|git|nvidia-smi|vllm|sglang|ray|torchrun|accelerate|huggingface-cli|uv|conda|make|test)\b|[A-Za-z_][A-Za-z0-9_]*=|[[(]|\w[\w./-]*\s+--?\w)|(?:&&|\|\||\$\(|\$\{|\s\\)\s*$|\s(?:&&|\|\||\|)\s/;

/** A block scalar most of whose lines read like a script: code, whatever its key. */
export function readsLikeScript(body: string): boolean {
  let lines = 0;
  let script = 0;
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !trimmed.startsWith('#!'))) continue;
    lines++;
    if (SCRIPT_LINE.test(line)) script++;
  }
  return lines > 0 && script * 2 >= lines;
}
