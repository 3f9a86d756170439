import type * as jsYaml from 'js-yaml';
import { onFirstUse } from './onFirstUse';

const yamlLoader = onFirstUse(() => require('js-yaml') as typeof jsYaml);

/** A problem found in a file, located by zero-based line. */
export interface Problem {
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface FrontMatterResult {
  data?: Record<string, unknown>;
  body: string;
  bodyLine: number; // zero-based line where the body starts
  problems: Problem[];
}

const MAX_FRONT_MATTER_CHARS = 64 * 1024;
const OPENING_FENCE = /^\uFEFF?---([^\r\n]*)\r?\n/;

const MAX_ALIASES = 50;

function parseYamlSafely(source: string): object {
  // js-yaml keeps aliases as shared references (no expansion), and the cap keeps "billion laughs" files out
  // entirely; its default schema has no JavaScript types, and duplicate keys are errors.
  const aliases = source.match(/(^|[\s[{,:-])\*[^\s,\]}]+/g)?.length ?? 0;
  if (aliases > MAX_ALIASES)
    throw new Error(`front matter uses ${aliases} YAML aliases; at most ${MAX_ALIASES} are allowed`);
  const value: unknown = yamlLoader().load(source);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error('front matter must be a YAML mapping of keys to values');
  return value;
}

/**
 * Splits a Markdown file into YAML front matter and body. Only YAML is accepted: a fence naming another language
 * (`---js`, `---coffee`: front matter libraries such as gray-matter evaluate those) is rejected, and nothing is ever
 * evaluated. The fences are found here in one linear pass each and the YAML goes straight to js-yaml (gray-matter's
 * comment stripping, a regex over the whole front matter, took 10 s on 65,000 blank lines).
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return rejected('missing YAML front matter: the file must start with a line "---"', text);
  const language = opening[1].trim().toLowerCase();
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return rejected(
      `front matter language "${opening[1].trim()}" is not allowed: only YAML is read, and nothing in a term file is ever executed`,
    );
  }
  const closing = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(opening[0].length - 1));
  if (!closing) return rejected('front matter is not closed: add a line "---" after it');
  const yamlSource = text.slice(opening[0].length, opening[0].length - 1 + closing.index);
  if (yamlSource.length > MAX_FRONT_MATTER_CHARS)
    return rejected(`front matter is ${yamlSource.length} characters long; the limit is ${MAX_FRONT_MATTER_CHARS}`);
  try {
    // Line endings are unified for the parser only; offsets and line numbers of the file are unchanged.
    const data = parseYamlSafely(yamlSource.replace(/\r\n/g, '\n')) as Record<string, unknown>;
    const bodyStart = opening[0].length - 1 + closing.index + closing[0].length;
    return {
      data,
      body: text.slice(bodyStart).replace(/\r\n/g, '\n'),
      bodyLine: countLines(text.slice(0, bodyStart)),
      problems: [],
    };
  } catch (error) {
    return { body: '', bodyLine: 0, problems: [yamlProblem(error)] };
  }
}

/** A file whose front matter cannot be read: one error on its first line, and no data. */
function rejected(message: string, body = ''): FrontMatterResult {
  return { body, bodyLine: 0, problems: [{ line: 0, severity: 'error', message }] };
}

function yamlProblem(error: unknown): Problem {
  if (error instanceof yamlLoader().YAMLException) {
    const line = (error.mark?.line ?? 0) + 1; // zero-based within the front matter, which starts on file line 2
    return { line, severity: 'error', message: `invalid YAML front matter: ${error.reason}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: 0, severity: 'error', message: `invalid front matter: ${message}` };
}

export function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/**
 * Zero-based line of `key:` at the start of a line (the first such line), or 0 when absent. Every line's key is
 * found in one pass and kept for the last text asked about: a file naming 10,000 related ids, or as many unknown
 * keys, is scanned once, not once per problem, and keys are compared as text, never made into a regex.
 */
export function lineOfKey(text: string, key: string): number {
  if (keyLines?.text !== text) keyLines = { text, lines: linesOfKeys(text) };
  return keyLines.lines.get(key) ?? 0;
}

let keyLines: { text: string; lines: Map<string, number> } | undefined;

function linesOfKeys(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== 58) colon++;
    if (colon < end) {
      let keyEnd = colon;
      while (keyEnd > start && (text[keyEnd - 1] === ' ' || text[keyEnd - 1] === '\t')) keyEnd--;
      const key = text.slice(start, keyEnd);
      if (!lines.has(key)) lines.set(key, line);
      const quoted = key.length >= 2 && (key[0] === '"' || key[0] === "'") && key[key.length - 1] === key[0];
      if (quoted && !lines.has(key.slice(1, -1))) lines.set(key.slice(1, -1), line);
    }
    start = end + 1;
  }
  return lines;
}

/**
 * Whether a Markdown file found in a glossary folder is meant as a term file: it starts with a `---` line and its
 * front matter has an `id:` or `title:` key (or the fence names a language such as `---js`, which is then reported
 * as not allowed). A folder configured too widely (`/`, a monorepo root) holds many other Markdown files: those are
 * skipped and counted, not parsed into thousands of diagnostics.
 */
export function looksLikeTermFile(text: string): boolean {
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return false;
  if (opening[1].trim() !== '') return true;
  let start = opening[0].length;
  const limit = Math.min(text.length, start + MAX_FRONT_MATTER_CHARS);
  while (start < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > limit) end = limit;
    const line = text.slice(start, Math.min(end, start + 64));
    if (/^---[ \t\r]*$/.test(line)) return false;
    if (/^(?:id|title)[ \t]*:/.test(line)) return true;
    start = end + 1;
  }
  return false;
}
