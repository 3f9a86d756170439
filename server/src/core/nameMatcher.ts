import { stringTable } from './interning';
import type { Knob } from './knobs';
import { partitionPoint } from './spans';

/**
 * Exact names as engineers type them in deployments — `--max-num-seqs`, `VLLM_ATTENTION_BACKEND`,
 * `vllm:num_requests_waiting`, `gpu_memory_utilization`, `nvidia.com/gpu`, `llama.cpp` — found by exact,
 * case-sensitive token match, unlike prose names. A token is a maximal run of name characters
 * (letters, digits, `_ - . : /`), so `--max-num-seqs=32`, `"--max-num-seqs", "32"`, `VLLM_X=1` and
 * `rate(vllm:request_success_total[5m])` all find their name.
 */
export interface NamedThing {
  name: string;
  termId: string;
  /** The knob or metric, when the name is one; a term's identifier-like title or alias has none. */
  knob?: Knob;
  /** Where `knob` is in its term's list of knobs (how a prebuilt matcher finds it again). */
  knobIndex?: number;
  /** How closely the name reads like the term's own names (shared words): where several terms list one name, the closest comes first. */
  affinity?: number;
}

export interface NameMatch {
  start: number;
  end: number;
  termIds: readonly string[];
  knobs: readonly Knob[];
}

/**
 * Where a name may match. Flags, environment variables and metrics are unmistakable anywhere. Specific keys
 * (`gpu_memory_utilization`, `maxModelLen`: three words or more) count in deployment files (YAML, shell,
 * Dockerfile) and in prose, also in code comments; short ones (`block_size`, `top_p`) and plain words used as keys
 * (`temperature`) are ordinary identifiers in programs, so they count in deployment files and docs only (anywhere in a
 * doc: its code blocks are example requests and configuration, `"max_tokens": 7`). Label and
 * resource keys (`nvidia.com/gpu`) and dotted config paths (`mig.strategy`) are structure wherever they stand in a
 * manifest: they count only in prose. "In prose" includes a Markdown code span that holds just the name.
 */
export type NameReach = 'everywhere' | 'config-and-prose' | 'config-and-docs' | 'prose';

/** Where the text being scanned comes from, and which spans of it are prose. */
export interface NameContext {
  family: 'docs' | 'config' | 'code';
  inProse(start: number, end: number): boolean;
}

// Counters and histograms as PromQL writes them: vllm:num_preemptions_total, ..._seconds_bucket.
const METRIC_SUFFIXES = ['_total', '_bucket', '_sum', '_count', '_created'];

interface Entry {
  termIds: string[];
  knobs: Knob[];
  reach: NameReach;
  /** A plain word (`temperature`, `dtype`) counts only as a key: followed by `=`, `:` or a closing quote. */
  keyOnly: boolean;
  /** When every knob of the name belongs under certain keys (Knob.under): those keys. */
  under?: ReadonlySet<string>;
}

/**
 * A NameMatcher as flat arrays and strings: the names in order, and for name `n` its terms
 * entryTerms[entryTermStart[n] .. entryTermStart[n + 1]) (indexes into termIds, closest first) and its knobs, each
 * given by its term (entryKnobTerm, an index into termIds) and its place in that term's knobs (entryKnobIndex).
 */
export interface NameMatcherData {
  names: string[];
  termIds: string[];
  entryTermStart: Int32Array;
  entryTerms: Int32Array;
  entryKnobStart: Int32Array;
  entryKnobTerm: Int32Array;
  entryKnobIndex: Int32Array;
}

/** Finds a knob again by its term and its place in the term's knobs. */
export type KnobResolver = (termId: string, knobIndex: number) => Knob;

export class NameMatcher {
  private readonly index: Map<string, number>;
  // Made from the data the first time a name is met or listed: a start makes none it does not use.
  private readonly entries: (Entry | undefined)[];
  private sortedNames?: string[];
  readonly size: number;

  /**
   * From the names of things (`knobIndex` set with every `knob`), or from data toData gave, with `knobOf` to find
   * each knob (a term's knob, by the term's id and its index in the term's knobs).
   */
  constructor(things: readonly NamedThing[], knobOf?: KnobResolver);
  constructor(data: NameMatcherData, knobOf: KnobResolver);
  constructor(
    source: readonly NamedThing[] | NameMatcherData,
    private readonly knobOf: KnobResolver = knobsOf(source as readonly NamedThing[]),
  ) {
    this.data = 'names' in source ? source : compileNames(source);
    this.index = new Map(this.data.names.map((name, i) => [name, i]));
    this.entries = new Array<Entry | undefined>(this.data.names.length);
    this.size = this.data.names.length;
  }

  private readonly data: NameMatcherData;

  /** What this matcher is made of; shared, never to be changed. */
  toData(): NameMatcherData {
    return this.data;
  }

  private entry(name: string): Entry | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : (this.entries[i] ?? this.entryAt(i));
  }

  private entryAt(i: number): Entry {
    const { names, termIds, entryTermStart, entryTerms, entryKnobStart, entryKnobTerm, entryKnobIndex } = this.data;
    const name = names[i];
    const knobs: Knob[] = [];
    for (let k = entryKnobStart[i]; k < entryKnobStart[i + 1]; k++)
      knobs.push(this.knobOf(termIds[entryKnobTerm[k]], entryKnobIndex[k]));
    const ids: string[] = [];
    for (let t = entryTermStart[i]; t < entryTermStart[i + 1]; t++) ids.push(termIds[entryTerms[t]]);
    // An identifier-like term name that is no knob (llama.cpp, torch.compile) is prose wherever it is written; an API
    // path (/v1/chat/completions, /health) is also a value in deployment files and docs (`path: /health`).
    const reach = knobs.length === 0 ? (name.startsWith('/') ? 'config-and-prose' : 'prose') : reachOf(name);
    const under = knobs.length > 0 && knobs.every((k) => k.under) ? new Set(knobs.flatMap((k) => k.under!)) : undefined;
    return (this.entries[i] = { termIds: ids, knobs, reach, keyOnly: /^[a-z]+$/.test(name), under });
  }

  /** Names that start with `prefix`, exactly (case-sensitive), in order, with their terms and knobs. */
  namesStartingWith(
    prefix: string,
    limit = 200,
  ): { name: string; termIds: readonly string[]; knobs: readonly Knob[] }[] {
    const names = (this.sortedNames ??= [...this.data.names].sort());
    const from = partitionPoint(names.length, (i) => names[i] < prefix);
    const found = [];
    for (let i = from; i < names.length && names[i].startsWith(prefix) && found.length < limit; i++) {
      const entry = this.entry(names[i])!;
      found.push({ name: names[i], termIds: entry.termIds, knobs: entry.knobs });
    }
    return found;
  }

  /**
   * Names in text[from, to), in order and disjoint. `inProse(start, end)` tells whether a span lies in a prose
   * region; with `codeFile`, names that read like ordinary identifiers count only there.
   */
  scan(text: string, context: NameContext, from = 0, to = text.length): NameMatch[] {
    const found: NameMatch[] = [];
    if (this.size === 0) return found;
    let i = from;
    while (i < to) {
      if (!isNameChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i;
      while (j < to && isNameChar(text.charCodeAt(j))) j++;
      this.matchToken(text, i, j, context, found);
      i = j;
    }
    return found;
  }

  /** The token text[start, end), or one of its dotted/slashed parts, as a known name. */
  private matchToken(text: string, start: number, end: number, context: NameContext, out: NameMatch[]): void {
    // Sentence punctuation after a name belongs to the sentence: "set --max-model-len." / "vllm:x:".
    // Only whole tokens count: `.Values.maxModelLen` and `.spec.startupPolicy` are paths, not the key.
    let e = end;
    while (e > start && isTrailing(text.charCodeAt(e - 1))) e--;
    if (this.tryName(text, start, e, context, out)) return;
    // The path of a URL a request line calls is an API path: curl http://localhost:8000/v1/chat/completions. (A URL
    // given as a value or a link, `--endpoint=http://host/health`, is an address, not the endpoint in use.)
    const token = e - start < 2048 ? text.slice(start, e) : '';
    const scheme = token.indexOf('://');
    const pathAt = scheme < 0 ? -1 : token.indexOf('/', scheme + 3);
    const path = start + pathAt;
    if (pathAt > 0 && this.entry(text.slice(path, e))?.reach === 'config-and-prose' && requestLine(text, start))
      this.tryName(text, path, e, context, out);
  }

  private tryName(text: string, start: number, end: number, context: NameContext, out: NameMatch[]): boolean {
    if (end - start < 2) return false;
    const token = text.slice(start, end);
    let entry = this.entry(token);
    let matchedEnd = end;
    if (!entry) {
      for (const suffix of METRIC_SUFFIXES) {
        if (token.endsWith(suffix)) {
          const base = this.entry(token.slice(0, -suffix.length));
          if (base && base.knobs.some((k) => k.kind === 'metric')) entry = base;
          break;
        }
      }
      if (!entry) return false;
      matchedEnd = end;
    }
    if (entry.keyOnly && !followedByKeySyntax(text, end)) return false;
    if (!reaches(entry.reach, text, start, matchedEnd, context)) return false;
    // `timeoutSeconds:` of a probe, not of a pod deletion: a key that belongs under certain keys counts only there.
    if (
      entry.under &&
      context.family === 'config' &&
      followedByColon(text, matchedEnd) &&
      !context.inProse(start, matchedEnd) &&
      !entry.under.has(parentKeyAt(text, start) ?? '')
    )
      return false;
    out.push({ start, end: matchedEnd, termIds: entry.termIds, knobs: entry.knobs });
    return true;
  }
}

/** The names of things in order of first appearance, each with its terms (closest first) and its knobs. */
function compileNames(things: readonly NamedThing[]): NameMatcherData {
  const affinity = new Map<string, number>();
  for (const { name, termId, affinity: a = 0 } of things)
    affinity.set(`${name}\u0000${termId}`, Math.max(a, affinity.get(`${name}\u0000${termId}`) ?? 0));
  const byName = new Map<string, { termIds: string[]; knobs: { termId: string; index: number }[] }>();
  for (const { name, termId, knob, knobIndex } of things) {
    // One-letter flags (-r, -n) mean something different to every program: too short to stand for a knob.
    if (name.replace(/^-+/, '').length < 2) continue;
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { termIds: [], knobs: [] }));
    if (!entry.termIds.includes(termId)) entry.termIds.push(termId);
    if (knob && knobIndex === undefined) throw new Error(`knob ${knob.name} of ${termId} named without its index`);
    if (knob && !entry.knobs.some((k) => k.termId === termId && k.index === knobIndex))
      entry.knobs.push({ termId, index: knobIndex! });
  }
  const { strings: termIds, intern } = stringTable();
  const names = [...byName.keys()];
  const entryTermStart = new Int32Array(names.length + 1);
  const entryKnobStart = new Int32Array(names.length + 1);
  const terms: number[] = [];
  const knobTerms: number[] = [];
  const knobIndexes: number[] = [];
  names.forEach((name, n) => {
    const entry = byName.get(name)!;
    const of = (id: string) => affinity.get(`${name}\u0000${id}`) ?? 0;
    if (entry.termIds.length > 1) entry.termIds.sort((a, b) => of(b) - of(a)); // stable: ties keep glossary order
    for (const id of entry.termIds) terms.push(intern(id));
    for (const knob of entry.knobs) {
      knobTerms.push(intern(knob.termId));
      knobIndexes.push(knob.index);
    }
    entryTermStart[n + 1] = terms.length;
    entryKnobStart[n + 1] = knobTerms.length;
  });
  return {
    names,
    termIds,
    entryTermStart,
    entryTerms: Int32Array.from(terms),
    entryKnobStart,
    entryKnobTerm: Int32Array.from(knobTerms),
    entryKnobIndex: Int32Array.from(knobIndexes),
  };
}

/** The knobs of things by term and index, for a matcher made from things. */
function knobsOf(things: readonly NamedThing[]): KnobResolver {
  const knobs = new Map<string, Knob>();
  for (const { termId, knob, knobIndex } of things)
    if (knob && knobIndex !== undefined) knobs.set(`${termId}\u0000${knobIndex}`, knob);
  return (termId, knobIndex) => knobs.get(`${termId}\u0000${knobIndex}`)!;
}

/**
 * Flags (--x), metrics (engine:name), environment variables (UPPER_CASE) and dotted or slashed paths are
 * unmistakable anywhere; snake_case, camelCase and plain words are also ordinary identifiers in code.
 */
export function reachOf(name: string): NameReach {
  if (name.startsWith('-') || /^[a-z][a-z0-9_]*:[a-z]/.test(name)) return 'everywhere'; // --flag, engine:metric
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9*]+)+$/.test(name)) return 'everywhere'; // ENVIRONMENT_VARIABLE, DCGM_FI_*
  if (name.includes('/') || (name.includes('.') && !/^[\w-]+\.(?:cpp|js|py|rs|go)$/i.test(name))) return 'prose';
  const words = name.split(/[_-]|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean).length;
  return words >= 3 ? 'config-and-prose' : 'config-and-docs';
}

function reaches(reach: NameReach, text: string, start: number, end: number, context: NameContext): boolean {
  // In program code a name in a string or a constant is code: names count in its comments and docstrings only.
  if (context.family === 'code')
    return reach !== 'config-and-docs' && (context.inProse(start, end) || backticked(text, start, end));
  if (reach !== 'prose') return true; // in deployment files and docs (their code blocks are example configuration)
  return context.inProse(start, end) || backticked(text, start, end);
}

/** A code span holding just the name: `nvidia.com/gpu`. */
function backticked(text: string, start: number, end: number): boolean {
  return text.charCodeAt(start - 1) === 96 && text.charCodeAt(end) === 96;
}

/** Whether the line before `at` is a request: a curl, wget or HTTPie command, or an HTTP method (`POST http://...`). */
function requestLine(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 200), at);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  return /(?:^|[\s"'`(])(?:curl|wget|http|https|GET|POST|PUT|PATCH|DELETE)\s/.test(before);
}

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 /* _ */ ||
    code === 45 /* - */ ||
    code === 46 /* . */ ||
    code === 58 /* : */ ||
    code === 47 /* / */
  );
}

function isTrailing(code: number): boolean {
  return code === 46 || code === 58 || code === 45 || code === 47;
}

/** `timeoutSeconds: 1`, `"timeoutSeconds": 1`: a YAML or JSON key. */
function followedByColon(text: string, end: number): boolean {
  let k = end;
  if (text.charCodeAt(k) === 34 /* " */ || text.charCodeAt(k) === 39 /* ' */) k++;
  while (text.charCodeAt(k) === 32) k++;
  return text.charCodeAt(k) === 58; /* : */
}

/**
 * The key whose value is the mapping that holds the key at `start`, in YAML (block or flow style) or pretty-printed
 * JSON: `readinessProbe` for `timeoutSeconds` in `readinessProbe:\n  httpGet: …\n  timeoutSeconds: 1`. Through a list
 * of mappings, the list's key; in an OpenAPI or JSON schema (a CRD, values.schema.json), where an object's fields are
 * under its `properties`, the object's key. Undefined at the top level, or where indentation does not tell (inside a
 * block scalar).
 */
export function parentKeyAt(text: string, start: number): string | undefined {
  let parent = parentKey(text, start);
  while (parent?.key === 'properties') parent = parentKey(text, parent.start);
  return parent?.key;
}

function parentKey(text: string, start: number): { key: string; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // Flow style on the key's own line: `readinessProbe: {timeoutSeconds: 1}`.
  let depth = 0;
  for (let i = start - 1; i >= lineStart; i--) {
    const c = text.charCodeAt(i);
    if (c === 125 /* } */) depth++;
    else if (c === 123 /* { */ && depth-- === 0) return keyBefore(text, lineStart, i + 1);
  }
  let column = start - lineStart;
  if (column > 0 && /["']/.test(text[start - 1])) column--;
  // In a list of mappings (`- name: x` items, or JSON objects in an array), the column of the items' dashes or braces:
  // the list's own key is the first line up at or left of it that is not another item.
  const own = /^([ \t]*)-[ \t]/.exec(text.slice(lineStart, start));
  let itemColumn = own ? own[1].length : -1;
  for (let lineEnd = lineStart - 1; lineEnd > 0;) {
    const end = lineEnd;
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(from, end);
    lineEnd = from - 1;
    const indent = line.search(/\S/);
    if (indent < 0) continue;
    const rest = line.slice(indent);
    if (rest.startsWith('#') || rest.startsWith('{{')) continue; // a comment, a template action
    const item = /^(?:-[ \t]|-$|[[\]{}])/.test(rest);
    if (indent === itemColumn && item) continue; // another item of the same list
    if (indent <= itemColumn) return keyBefore(text, from + indent, end);
    if (indent >= column) continue; // a deeper line or an earlier key of the same mapping
    const dashes = /^(?:-[ \t]+)*/.exec(rest)![0];
    if (item && (indent + dashes.length >= column || /^[[{]\s*$/.test(rest))) {
      // The first line of the item that holds the key (`- name: x` above `  timeoutSeconds: 1`, or a lone `{`).
      itemColumn = column = indent;
      continue;
    }
    return keyBefore(text, from + indent + dashes.length, end);
  }
  return undefined;
}

/** In text[from, to): the key of `key:` (quoted or not, with an anchor or tag) that ends it, or the `{` ending it. */
function keyBefore(text: string, from: number, to: number): { key: string; start: number } | undefined {
  const line = text.slice(from, to);
  const m = /(?:^|[\s,{[])["']?([^\s"':#{}[\],]+)["']?\s*:\s*(?:[&!]\S+\s*)?\[?\s*\{?\s*(?:#.*)?$/.exec(line);
  return m ? { key: m[1], start: from + m.index + m[0].indexOf(m[1]) } : undefined;
}

/** `temperature: 0.7`, `temperature=0.7`, `"temperature": 0.7`: the word is a key here, not prose. */
function followedByKeySyntax(text: string, end: number): boolean {
  let k = end;
  if (text.charCodeAt(k) === 34 /* " */ || text.charCodeAt(k) === 39 /* ' */) k++;
  while (text.charCodeAt(k) === 32) k++;
  const c = text.charCodeAt(k);
  return c === 61 /* = */ || c === 58; /* : */
}
