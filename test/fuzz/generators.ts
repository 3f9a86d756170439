// Hostile documents and term files for the fuzzing harness: every attack class of issue 16 (deep nesting, delimiter
// runs that made regexes super-linear, heading and bracket runs in term files, huge front matter, link tricks for
// the hover sanitiser), mixed at random sizes, deterministic for a seed.

import { termFileBody } from '../support/termFactory';

/** A small seeded PRNG (mulberry32): the same seed gives the same cases. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A count from 1 up to `max`, each power of ten about as likely as the next: mostly small, sometimes huge. */
  count(max: number): number {
    return Math.max(1, Math.min(max, Math.floor(Math.exp(this.next() * Math.log(max + 1)))));
  }
}

export const LANGUAGES = [
  'markdown',
  'yaml',
  'python',
  'typescript',
  'go',
  'rust',
  'shellscript',
  'dockerfile',
  'cpp',
  'sql',
  'toml',
  'makefile',
] as const;

const EXTENSIONS: Record<(typeof LANGUAGES)[number], string> = {
  markdown: 'md',
  yaml: 'yaml',
  python: 'py',
  typescript: 'ts',
  go: 'go',
  rust: 'rs',
  shellscript: 'sh',
  dockerfile: 'Dockerfile',
  cpp: 'cpp',
  sql: 'sql',
  toml: 'toml',
  makefile: 'mk',
};

/** Runs that once made a regex or parser super-linear, and the delimiters of every language served. */
const RUNS = [
  '<a',
  '<a ',
  '<!--',
  '-->',
  '<',
  '[a',
  '[',
  ']',
  '](',
  '[a](',
  '![',
  '**',
  '*',
  '_',
  '__',
  '`',
  '``',
  '```',
  '~~~',
  '{{',
  '}}',
  '{',
  '}',
  '- ',
  '-',
  '|',
  '>',
  '> ',
  '#',
  '## ',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  ':',
  ': ',
  '"',
  "'",
  '"""',
  '/*',
  '*/',
  '//',
  '# ',
  '--',
  '&#97;',
  '&',
  '\\',
  '(',
  ')',
  'KV cache ',
  'TTFT ',
  'k: ',
  '\u200D',
  '\uD800',
  '😀',
  '\u0000',
  'a',
  'x ',
  '* ',
  '1. ',
  '    ',
  '---\n',
  '&a ',
  '*a ',
  '!!',
  '%',
  '$(',
  '${',
];

/** Pairs that nest: open, close. */
const NESTERS: [string, string][] = [
  ['[', ']'],
  ['{', '}'],
  ['(', ')'],
  ['> ', ''],
  ['- ', ''],
  ['* ', ''],
  ['<div>', '</div>'],
  ['<a>', '</a>'],
  ['**', '**'],
  ['_', '_'],
  ['`', '`'],
  ['"', '"'],
  ['[a](', ')'],
  ['{{', '}}'],
  ['/*', '*/'],
  ['k:\n', ''],
  ['- [', ']'],
  ['{a: ', '}'],
];

/** Known attacks of the issue, at full size: each must be answered in time. */
const ATTACKS: { name: string; languageId: (typeof LANGUAGES)[number]; text: () => string }[] = [
  { name: 'YAML nested 5,000 deep', languageId: 'yaml', text: () => `k: ${'['.repeat(5000)}${']'.repeat(5000)}\n` },
  { name: 'Markdown line of "<a" (400 KB)', languageId: 'markdown', text: () => `x ${'<a'.repeat(200_000)}\n` },
  { name: 'Python comment of "<a" (100 KB)', languageId: 'python', text: () => `# ${'<a'.repeat(50_000)}\n` },
  { name: 'YAML comment of "<a" (100 KB)', languageId: 'yaml', text: () => `# ${'<a'.repeat(50_000)}\n` },
  { name: 'runs of "<!--" (1 MB)', languageId: 'markdown', text: () => '<!--'.repeat(250_000) },
  { name: 'lines of "[a" (300 KB)', languageId: 'markdown', text: () => `${'[a'.repeat(150_000)}\n` },
  {
    name: 'reference definitions of "[a" lines',
    languageId: 'markdown',
    text: () => `${'[a'.repeat(1000)}\n`.repeat(100),
  },
  { name: 'YAML mappings 3,000 deep', languageId: 'yaml', text: () => nestedMapping(3000) },
  { name: 'Markdown quotes 5,000 deep', languageId: 'markdown', text: () => `${'> '.repeat(5000)}KV cache` },
];

function nestedMapping(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i)}k${i}:`);
  return `${lines.join('\n')} KV cache\n`;
}

export interface DocumentCase {
  name: string;
  languageId: string;
  extension: string;
  text: string;
}

/** A hostile document: runs, nesting and plain prose mixed, at most `maxChars` long. */
export function hostileDocument(random: Random, maxChars: number): DocumentCase {
  if (random.chance(0.03)) {
    const attack = random.pick(ATTACKS);
    return {
      name: attack.name,
      languageId: attack.languageId,
      extension: EXTENSIONS[attack.languageId],
      text: attack.text(),
    };
  }
  const languageId = random.pick(LANGUAGES);
  const parts: string[] = [];
  const described: string[] = [];
  let size = 0;
  const pieces = 1 + random.int(6);
  for (let i = 0; i < pieces && size < maxChars; i++) {
    const room = maxChars - size;
    let piece: string;
    const kind = random.int(5);
    if (kind === 0) {
      const run = random.pick(RUNS);
      const times = random.count(Math.max(1, Math.floor(room / Math.max(1, run.length))));
      piece = run.repeat(times);
      described.push(`${JSON.stringify(run)}×${times}`);
    } else if (kind === 1) {
      const [open, close] = random.pick(NESTERS);
      const depth = random.count(Math.max(1, Math.floor(room / (open.length + close.length + 1))));
      piece = `${open.repeat(depth)}KV cache${close.repeat(depth)}`;
      described.push(`nest ${JSON.stringify(open)}×${depth}`);
    } else if (kind === 2) {
      // A line of mixed delimiters.
      const length = random.count(Math.min(room, 2000));
      const chars: string[] = [];
      for (let j = 0; j < length; j++) chars.push(random.pick(RUNS));
      piece = chars.join('');
      described.push(`mix×${length}`);
    } else if (kind === 3) {
      piece = wrapInLanguage(languageId, 'The KV cache and TTFT, measured at p99. Paged attention.');
      described.push('prose');
    } else {
      const run = random.pick(RUNS);
      const times = random.count(Math.max(1, Math.floor(room / Math.max(1, run.length + 2))));
      piece = wrapInLanguage(languageId, run.repeat(times));
      described.push(`comment of ${JSON.stringify(run)}×${times}`);
    }
    piece = piece.slice(0, room);
    parts.push(piece);
    size += piece.length;
    if (random.chance(0.5)) parts.push('\n');
  }
  return {
    name: `${languageId}: ${described.join(' + ')}`,
    languageId,
    extension: EXTENSIONS[languageId],
    text: parts.join(''),
  };
}

/** Text placed where the language keeps prose: a comment, a docstring, front matter, a YAML value. */
function wrapInLanguage(languageId: string, text: string): string {
  switch (languageId) {
    case 'python':
    case 'shellscript':
    case 'dockerfile':
    case 'makefile':
    case 'toml':
      return `# ${text}\n`;
    case 'yaml':
      return `key: ${text} # ${text}\n`;
    case 'sql':
      return `-- ${text}\n`;
    case 'markdown':
      return `---\ntitle: ${text}\n---\n${text}\n`;
    default:
      return `// ${text}\n/* ${text} */\n`;
  }
}

export interface TermFileCase {
  name: string;
  id: string;
  title: string;
  text: string;
}

/** Definitions that once fooled the hover sanitiser, or made it slow. */
const LINK_TRICKS = [
  '[a](comm&#97;nd:workbench.action.terminal.new)',
  '[b](javascript&#58;alert(1))',
  '[c](file:///etc/passwd)',
  '[d](vscode://x/y)',
  '![e](https://evil.example/p.png)',
  '[f][r]\n\n[r]: command:foo',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[g](<command:x>)',
  '[h](data:text/html,<b>)',
  '&lt;b&gt;',
  '[i](https://ok.example/docs)',
];

/** A hostile term file with a findable title (`Fuzzterm N`), so hovers reach its definition. */
export function hostileTermFile(random: Random, n: number, maxChars: number): TermFileCase {
  const id = `fuzz-${n}`;
  const title = `Fuzzterm ${n}`;
  const run = () => {
    const piece = random.pick(RUNS);
    const times = random.count(Math.max(1, Math.floor(maxChars / 4 / Math.max(1, piece.length))));
    return { text: piece.repeat(times), described: `${JSON.stringify(piece)}×${times}` };
  };
  const kind = random.int(8);
  const described: string[] = [];
  let front = `id: ${id}\ntitle: ${title}\ncategory: serving\n`;
  let definition = 'A fuzzed term.';
  let extraBody = '';
  if (kind === 0) {
    const r = run();
    definition = `${r.text}`;
    described.push(`definition ${r.described}`);
  } else if (kind === 1) {
    definition = Array.from({ length: 1 + random.int(6) }, () => random.pick(LINK_TRICKS)).join(' ');
    described.push('link tricks');
  } else if (kind === 2) {
    const times = random.count(Math.floor(maxChars / 2));
    extraBody = `## a${'#'.repeat(times)}\n`;
    described.push(`heading + "#"×${times}`);
  } else if (kind === 3) {
    const times = random.count(70_000);
    front = `${'\n'.repeat(times)}${front}`;
    described.push(`front matter of ${times} blank lines`);
  } else if (kind === 4) {
    const [open, close] = random.pick([
      ['[', ']'],
      ['{', '}'],
      ['- ', ''],
      ['[{a: ', '}]'],
    ] as const);
    const depth = random.count(5000);
    front += `aliases: ${open.repeat(depth)}x${close.repeat(depth)}\n`;
    described.push(`aliases nested ${JSON.stringify(open)}×${depth}`);
  } else if (kind === 5) {
    const r = run();
    front += `aliases: [${JSON.stringify(r.text.slice(0, 2000))}]\nrelated: [${Array.from({ length: random.count(3000) }, (_, i) => `r${i}`).join(', ')}]\n`;
    described.push(`hostile alias ${r.described} and many related ids`);
  } else if (kind === 6) {
    const r = run();
    front += `title_block: |\n  ${r.text.slice(0, 20_000).replace(/\n/g, '\n  ')}\n"(": 1\n`;
    described.push(`block scalar ${r.described}, regex-like key`);
  } else {
    const r = run();
    const text = `---\n${r.text}`.slice(0, maxChars);
    return { name: `garbage ${r.described}`, id, title, text };
  }
  const body = termFileBody((s) => (s === 'Definition' ? definition : `About ${title}.`));
  return {
    name: described.join(' + '),
    id,
    title,
    text: `---\n${front}---\n\n${extraBody}${body}`.slice(0, Math.max(maxChars, 4096)),
  };
}
