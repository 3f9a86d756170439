import type matter from 'gray-matter';
import type * as jsYaml from 'js-yaml';
import { onFirstUse } from './onFirstUse';

const grayMatter = onFirstUse(() => require('gray-matter') as typeof matter);
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

function rejectEngine(name: string): () => never {
  return () => {
    throw new Error(`front matter in "${name}" is never evaluated`);
  };
}

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
 * Splits a Markdown file into YAML front matter and body. Only YAML is accepted: gray-matter would
 * otherwise evaluate `---js` / `---javascript` / `---coffee` front matter with eval, so every engine
 * but YAML is replaced by one that refuses, and a fence naming another language is rejected up front.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const opening = OPENING_FENCE.exec(text);
  if (!opening) {
    return {
      body: text,
      bodyLine: 0,
      problems: [
        { line: 0, severity: 'error', message: 'missing YAML front matter: the file must start with a line "---"' },
      ],
    };
  }
  const language = opening[1].trim().toLowerCase();
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return {
      body: '',
      bodyLine: 0,
      problems: [
        {
          line: 0,
          severity: 'error',
          message: `front matter language "${opening[1].trim()}" is not allowed: only YAML is read, and nothing in a term file is ever executed`,
        },
      ],
    };
  }
  const closing = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(opening[0].length - 1));
  if (!closing) {
    return {
      body: '',
      bodyLine: 0,
      problems: [{ line: 0, severity: 'error', message: 'front matter is not closed: add a line "---" after it' }],
    };
  }
  const yamlSource = text.slice(opening[0].length, opening[0].length - 1 + closing.index);
  if (yamlSource.length > MAX_FRONT_MATTER_CHARS) {
    return {
      body: '',
      bodyLine: 0,
      problems: [
        {
          line: 0,
          severity: 'error',
          message: `front matter is ${yamlSource.length} characters long; the limit is ${MAX_FRONT_MATTER_CHARS}`,
        },
      ],
    };
  }
  try {
    // Line endings are unified for the parser only; offsets and line numbers of the file are unchanged.
    const parsed = grayMatter()((text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n'), {
      language: 'yaml',
      engines: {
        yaml: { parse: parseYamlSafely, stringify: () => '' },
        js: rejectEngine('js'),
        javascript: rejectEngine('javascript'),
        coffee: rejectEngine('coffee'),
        coffeescript: rejectEngine('coffeescript'),
        json: rejectEngine('json'),
        toml: rejectEngine('toml'),
      },
    });
    const bodyLine = countLines(text.slice(0, opening[0].length + closing.index + closing[0].length - 1));
    return { data: parsed.data as Record<string, unknown>, body: parsed.content, bodyLine, problems: [] };
  } catch (error) {
    return { body: '', bodyLine: 0, problems: [yamlProblem(error)] };
  }
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

/** Zero-based line of `key:` at the top level of the front matter, or 0 when absent. */
export function lineOfKey(text: string, key: string): number {
  const match = new RegExp(`^${key}[ \\t]*:`, 'm').exec(text);
  return match ? countLines(text.slice(0, match.index)) : 0;
}
