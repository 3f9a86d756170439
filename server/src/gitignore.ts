/**
 * The patterns of one .gitignore, compiled once so that testing a path costs about the same with 10 patterns or
 * 100,000: patterns without wildcards are looked up by the path's name (or whole path), patterns with a literal
 * piece (`*.log`, `build-*`, `docs/**`) are kept under that piece and only those the path's name or first folder
 * shares are tried, and only the rest (wildcards alone, character classes, escapes) are tried in turn. Of those, at
 * most MAX_SCANNED_PATTERNS are honoured; the others are counted in `dropped` for a note.
 *
 * Patterns are read as git reads them (`!` negates, a trailing `/` matches only folders, a slash at the start or in
 * the middle anchors the pattern to the .gitignore's folder, `*` `?` `[...]` stay within a name, `**` spans folders,
 * the last matching pattern decides), case-insensitively like the `ignore` library the index used before. A path
 * below an ignored folder is never asked about: the caller walks folders first.
 */
export const MAX_SCANNED_PATTERNS = 1000;
/** A bucket of patterns sharing a literal piece grows at most this large; the next ones are scanned. */
const MAX_BUCKET = 64;

interface Rule {
  index: number;
  negative: boolean;
  directoryOnly: boolean;
  /** Matched against the whole relative path (true) or against the last name only (false). */
  anchored: boolean;
  source: string;
  regex?: RegExp;
}

/** A list of rules under one key, in file order. */
type Buckets = Map<string, Rule[]>;

const WILDCARD = /[*?[\\]/;

interface Piece {
  rule: Rule;
  suffix: string;
  prefix: string;
  first?: string;
}

export class GitignoreRules {
  /** Patterns not honoured (past MAX_SCANNED_PATTERNS of those that must be tried in turn). */
  dropped = 0;
  /** Pattern evaluations (regular expressions run) so far: the work the tests bound. */
  evaluations = 0;
  private readonly names: Buckets = new Map();
  private readonly paths: Buckets = new Map();
  private readonly firsts: Buckets = new Map();
  private readonly suffixes: Buckets = new Map();
  private readonly prefixes: Buckets = new Map();
  private suffixLengths: number[] = [];
  private prefixLengths: number[] = [];
  private readonly scanned: Rule[] = [];
  /** While compiling (see `compile`): the lines, then the patterns with a literal piece, and how far each got. */
  private building:
    { lines: string[]; line: number; pieces: Piece[]; piece: number; counts: Map<string, number> } | undefined;

  /** Compiles `text` at once; with `inSteps`, only as `compile` is called (a test compiles what is left first). */
  constructor(
    text: string,
    private readonly maxScanned = MAX_SCANNED_PATTERNS,
    inSteps = false,
  ) {
    const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
    this.building = { lines, line: 0, pieces: [], piece: 0, counts: new Map() };
    if (!inSteps) this.compile();
  }

  /**
   * Compiles about `maxLines` more lines (each pattern is read, then placed); true when all are. Patterns with a
   * literal piece are placed once every line is read: each under its rarer piece.
   */
  compile(maxLines = Infinity): boolean {
    const building = this.building;
    if (!building) return true;
    const { lines, pieces, counts } = building;
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    let budget = maxLines;
    for (; building.line < lines.length && budget > 0; building.line++, budget--) {
      const index = building.line;
      const parsed = parseLine(lines[index]);
      if (!parsed) continue;
      const { body, negative, directoryOnly } = parsed;
      const anchored = body.includes('/');
      const pattern = body.startsWith('/') ? body.slice(1) : body;
      if (pattern === '') continue;
      const rule: Rule = { index, negative, directoryOnly, anchored, source: pattern };
      if (!WILDCARD.test(pattern)) {
        add(anchored ? this.paths : this.names, pattern.toLowerCase(), rule);
        continue;
      }
      const segments = pattern.split('/');
      const first = anchored && !WILDCARD.test(segments[0]) ? segments[0].toLowerCase() : undefined;
      const last = segments[segments.length - 1];
      const literalEnds = !GLOBSTAR.test(last) && !/[[\\]/.test(last);
      const suffix = literalEnds ? last.slice(Math.max(last.lastIndexOf('*'), last.lastIndexOf('?')) + 1) : '';
      const prefix = literalEnds ? last.slice(0, firstWildcard(last)) : '';
      if (!first && !suffix && !prefix) {
        this.scan(rule);
        continue;
      }
      const piece: Piece = { rule, suffix: suffix.toLowerCase(), prefix: prefix.toLowerCase(), first };
      if (piece.first) count('f' + piece.first);
      if (piece.suffix) count('s' + piece.suffix);
      if (piece.prefix) count('p' + piece.prefix);
      pieces.push(piece);
    }
    for (; building.line === lines.length && building.piece < pieces.length && budget > 0; building.piece++, budget--) {
      const { rule, suffix, prefix, first } = pieces[building.piece];
      const choices: [Buckets, string, string][] = [];
      if (first) choices.push([this.firsts, first, 'f' + first]);
      if (suffix) choices.push([this.suffixes, suffix, 's' + suffix]);
      if (prefix) choices.push([this.prefixes, prefix, 'p' + prefix]);
      choices.sort((a, b) => counts.get(a[2])! - counts.get(b[2])!);
      const [buckets, key] = choices[0];
      const bucket = buckets.get(key);
      if (bucket && bucket.length >= MAX_BUCKET) this.scan(rule);
      else add(buckets, key, rule);
    }
    if (building.line < lines.length || building.piece < pieces.length) return false;
    this.building = undefined;
    this.suffixLengths = [...new Set([...this.suffixes.keys()].map((k) => k.length))];
    this.prefixLengths = [...new Set([...this.prefixes.keys()].map((k) => k.length))];
    // Patterns from full buckets came last: tried from the end, the list must be in file order.
    this.scanned.sort((a, b) => a.index - b.index);
    return true;
  }

  private scan(rule: Rule): void {
    if (this.scanned.length < this.maxScanned) this.scanned.push(rule);
    else this.dropped++;
  }

  /** Patterns honoured. */
  get size(): number {
    let size = this.scanned.length;
    for (const buckets of [this.names, this.paths, this.firsts, this.suffixes, this.prefixes])
      for (const bucket of buckets.values()) size += bucket.length;
    return size;
  }

  /**
   * What the last pattern matching `relative` (a path below the .gitignore's folder, with `/` between names and no
   * trailing `/`) says: true ignored, false re-included (`!`), undefined no pattern matches it.
   */
  test(relative: string, isDirectory: boolean): boolean | undefined {
    if (this.building) this.compile();
    const lower = relative.toLowerCase();
    const name = lower.slice(lower.lastIndexOf('/') + 1);
    const originalName = relative.slice(relative.lastIndexOf('/') + 1);
    const slash = lower.indexOf('/');
    const firstName = slash < 0 ? lower : lower.slice(0, slash);
    let best: Rule | undefined;
    const literal = (bucket: Rule[] | undefined) => {
      if (!bucket) return;
      for (let i = bucket.length - 1; i >= 0 && (!best || bucket[i].index > best.index); i--)
        if (!bucket[i].directoryOnly || isDirectory) return void (best = bucket[i]);
    };
    const tried = (bucket: Rule[] | undefined) => {
      if (!bucket) return;
      for (let i = bucket.length - 1; i >= 0 && (!best || bucket[i].index > best.index); i--)
        if (this.matches(bucket[i], relative, originalName, isDirectory)) return void (best = bucket[i]);
    };
    literal(this.names.get(name));
    literal(this.paths.get(lower));
    tried(this.firsts.get(firstName));
    for (const length of this.suffixLengths) if (length <= name.length) tried(this.suffixes.get(name.slice(-length)));
    for (const length of this.prefixLengths) if (length <= name.length) tried(this.prefixes.get(name.slice(0, length)));
    tried(this.scanned);
    return best && !best.negative;
  }

  /** `name`: the last name of `relative` (any case: the expressions ignore case). */
  private matches(rule: Rule, relative: string, name: string, isDirectory: boolean): boolean {
    if (rule.directoryOnly && !isDirectory) return false;
    this.evaluations++;
    rule.regex ??= compile(rule.source, rule.anchored);
    return rule.regex.test(rule.anchored ? relative : name);
  }
}

function add(buckets: Buckets, key: string, rule: Rule): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.push(rule);
  else buckets.set(key, [rule]);
}

function firstWildcard(text: string): number {
  const star = text.indexOf('*');
  const question = text.indexOf('?');
  if (star < 0) return question < 0 ? text.length : question;
  return question < 0 ? star : Math.min(star, question);
}

/**
 * One line: undefined for a blank line, a comment, or a pattern git never matches (ending in a lone backslash).
 * Trailing spaces go unless escaped; a trailing CR goes (CRLF files).
 */
function parseLine(line: string): { body: string; negative: boolean; directoryOnly: boolean } | undefined {
  let body = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (body === '' || body.startsWith('#')) return undefined;
  const negative = body.startsWith('!');
  if (negative) body = body.slice(1);
  let end = body.length;
  while (end > 0 && body[end - 1] === ' ') end--;
  if (end < body.length) {
    let backslashes = 0;
    while (end - backslashes - 1 >= 0 && body[end - backslashes - 1] === '\\') backslashes++;
    body = backslashes % 2 === 1 ? body.slice(0, end - 1) + ' ' : body.slice(0, end);
  }
  if (body === '' || endsInBackslash(body)) return undefined;
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.slice(0, -1);
  if (body === '' || endsInBackslash(body)) return undefined;
  // An escaped `/` is read in different ways (git, the `ignore` library): such a pattern matches nothing here.
  if (/(^|[^\\])(\\\\)*\\\//.test(body)) return undefined;
  return { body, negative, directoryOnly };
}

function endsInBackslash(text: string): boolean {
  let backslashes = 0;
  while (backslashes < text.length && text[text.length - 1 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 1;
}

/** A name of two or more stars alone: `**`, any number of folders. */
const GLOBSTAR = /^\*{2,}$/;

/** The regular expression of a pattern: over the whole relative path when anchored, else over the last name. */
function compile(pattern: string, anchored: boolean): RegExp {
  const segments = pattern.split('/');
  let source = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (GLOBSTAR.test(segment) && anchored) {
      // Leading `**/`: any folders (or none); `/**/`: the same between; trailing `/**`: everything inside (`a/**`
      // needs something inside: it is not `a`).
      if (last) source += i === 0 ? '.*' : '.+';
      else source += '(?:[^/]*/)*';
      continue;
    }
    const glob = segmentSource(segment);
    if (glob === undefined) return NEVER;
    source += last ? glob : glob + '/';
  }
  try {
    return new RegExp(`^${source}$`, 'is');
  } catch {
    return NEVER; // a class git would reject (a range running backwards)
  }
}

const NEVER = /(?!)/;

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/**
 * One name's glob as a regular expression: `*` and `?` within the name, `[...]` a class, `\x` the character x;
 * undefined when the pattern can match nothing (a class of an unknown name, such as `[[:word:]]`).
 */
function segmentSource(segment: string): string | undefined {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      while (segment[i + 1] === '*') i++;
      source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '\\') {
      i++;
      if (i === segment.length) return undefined; // an escaped `/`: git matches nothing
      source += escapeRegex(segment[i]);
    } else if (c === '[') {
      const parsed = classSource(segment, i);
      if (parsed === undefined) source += '\\[';
      else if (parsed.source === undefined) return undefined;
      else {
        source += parsed.source;
        i = parsed.end;
      }
    } else source += escapeRegex(c);
  }
  return source;
}

/**
 * A bracket expression starting at `start`: its source (undefined if it names an unknown class) and where it ends,
 * or undefined when it is not closed.
 */
function classSource(segment: string, start: number): { source: string | undefined; end: number } | undefined {
  let i = start + 1;
  let unknown = false;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  let members = '';
  let first = true;
  for (; i < segment.length; i++) {
    const c = segment[i];
    if (c === ']' && !first) {
      if (unknown) return { source: undefined, end: i };
      return { source: `[${negated ? '^/' : ''}${members}]`, end: i };
    }
    first = false;
    if (c === '[' && segment[i + 1] === ':') {
      const close = segment.indexOf(':]', i + 2);
      if (close < 0) return undefined;
      const named = POSIX_CLASSES[segment.slice(i + 2, close)];
      if (named === undefined) unknown = true;
      else members += named;
      i = close + 1;
    } else if (c === '\\') {
      i++;
      if (i >= segment.length) return undefined;
      members += escapeClass(segment[i]);
    } else if (c === '-' && members !== '' && segment[i + 1] !== ']' && i + 1 < segment.length) {
      members += '-';
    } else members += escapeClass(c);
  }
  return undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(c: string): string {
  return /[\\\]^\-[]/.test(c) ? '\\' + c : c;
}
