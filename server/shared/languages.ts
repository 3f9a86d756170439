// Every language the glossary knows, in one table: the client's document selector and activation events, the
// server's region finders and language-id mapping, the CLI's file types and the build's grammar list all come from
// here. Pure data, shared by the client and the server.

/** How one language family writes comments and strings, enough to tell a comment from a `#` inside a string. */
export interface CommentSyntax {
  line: readonly string[];
  block: readonly (readonly [string, string])[];
  quotes: readonly string[];
  /** Python: a triple-quoted string starting its own line is a docstring, i.e. prose. */
  docstrings?: boolean;
  /** Shell: `#` starts a comment only at the start of a word (`$#`, `${#x}` are code). */
  commentAtWordStart?: boolean;
  /** Dockerfile, INI: only whole-line comments exist. */
  commentAtLineStart?: boolean;
  /** Rust: `'a` is a lifetime, so `'` opens a literal only when it closes within a character or an escape. */
  charLiterals?: boolean;
}

/** Where a language's prose is: Markdown text, YAML comments and prose values, or code comments. */
export type ProseFinder = { kind: 'markdown' } | { kind: 'yaml' } | { kind: 'comments'; syntax: CommentSyntax };

export interface Language {
  /** The language id as VS Code names it; documents carry this id inside the server. */
  id: string;
  extensions?: readonly string[];
  /** Whole file names, lower-case ("dockerfile"); a name followed by "." and more also counts ("dockerfile.dev"). */
  fileNames?: readonly string[];
  /** Ids other editors send for it (Neovim file types, Emacs modes, Zed and Helix names), lower-case. */
  aliases?: readonly string[];
  prose: ProseFinder;
  /** tree-sitter grammar (a file tree-sitter-<name>.wasm of @vscode/tree-sitter-wasm) for exact comments. */
  grammar?: string;
  /** Whether the VS Code client asks the server about documents of this language. */
  servedInVSCode: boolean;
  /**
   * docs (prose first), config (deployment files: YAML, shell, Dockerfile...) or code. In code, knob names that read
   * like ordinary identifiers (`block_size`) are found only in comments.
   */
  family: 'docs' | 'config' | 'code';
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'] };
const HASH: CommentSyntax = { line: ['#'], block: [], quotes: ['"', "'"] };
const comments = (syntax: CommentSyntax): ProseFinder => ({ kind: 'comments', syntax });

export const LANGUAGES: readonly Language[] = [
  {
    id: 'markdown',
    extensions: ['md', 'markdown', 'mdx'],
    aliases: ['gfm', 'md'],
    prose: { kind: 'markdown' },
    family: 'docs',
    servedInVSCode: true,
  },
  {
    id: 'yaml',
    extensions: ['yaml', 'yml'],
    aliases: ['yml'],
    prose: { kind: 'yaml' },
    family: 'config',
    servedInVSCode: true,
  },
  // JSON is YAML: prose-like string values (a dashboard panel's description) are read, and metric names in
  // expressions (Grafana's "expr") are found as exact names.
  { id: 'json', extensions: ['json'], prose: { kind: 'yaml' }, family: 'config', servedInVSCode: true },
  {
    id: 'python',
    extensions: ['py', 'pyi'],
    aliases: ['py'],
    prose: comments({ ...HASH, docstrings: true }),
    grammar: 'python',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'typescript',
    extensions: ['ts', 'mts', 'cts'],
    aliases: ['ts'],
    prose: comments(C_LIKE),
    grammar: 'typescript',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'typescriptreact',
    extensions: ['tsx'],
    aliases: ['tsx'],
    prose: comments(C_LIKE),
    grammar: 'tsx',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'javascript',
    extensions: ['js', 'mjs', 'cjs'],
    aliases: ['js'],
    prose: comments(C_LIKE),
    grammar: 'javascript',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'javascriptreact',
    extensions: ['jsx'],
    aliases: ['jsx'],
    prose: comments(C_LIKE),
    grammar: 'javascript',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'go',
    extensions: ['go'],
    aliases: ['golang'],
    prose: comments(C_LIKE),
    grammar: 'go',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'rust',
    extensions: ['rs'],
    prose: comments({ line: ['//'], block: [['/*', '*/']], quotes: ['"'], charLiterals: true }),
    grammar: 'rust',
    family: 'code',
    servedInVSCode: true,
  },
  { id: 'java', extensions: ['java'], prose: comments(C_LIKE), grammar: 'java', family: 'code', servedInVSCode: true },
  // C uses the C++ grammar: a superset as far as comments and strings go.
  { id: 'c', extensions: ['c', 'h'], prose: comments(C_LIKE), grammar: 'cpp', family: 'code', servedInVSCode: true },
  {
    id: 'cpp',
    extensions: ['cc', 'cpp', 'cxx', 'hpp', 'hh', 'cu', 'cuh'],
    aliases: ['c++'],
    prose: comments(C_LIKE),
    grammar: 'cpp',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'csharp',
    extensions: ['cs'],
    aliases: ['cs', 'c#'],
    prose: comments(C_LIKE),
    grammar: 'c-sharp',
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'shellscript',
    extensions: ['sh', 'bash', 'zsh'],
    aliases: ['sh', 'bash', 'zsh', 'ksh', 'shell script', 'shell'],
    prose: comments({ ...HASH, commentAtWordStart: true }),
    grammar: 'bash',
    family: 'config',
    servedInVSCode: true,
  },
  {
    id: 'dockerfile',
    fileNames: ['dockerfile', 'containerfile'],
    prose: comments({ line: ['#'], block: [], quotes: [], commentAtLineStart: true }),
    family: 'config',
    servedInVSCode: true,
  },
  { id: 'ruby', extensions: ['rb'], prose: comments(HASH), grammar: 'ruby', family: 'code', servedInVSCode: true },
  { id: 'toml', extensions: ['toml'], prose: comments(HASH), family: 'config', servedInVSCode: true },
  {
    id: 'makefile',
    fileNames: ['makefile', 'gnumakefile'],
    aliases: ['make'],
    prose: comments({ line: ['#'], block: [], quotes: [] }),
    family: 'config',
    servedInVSCode: true,
  },
  {
    id: 'sql',
    extensions: ['sql'],
    prose: comments({ line: ['--'], block: [['/*', '*/']], quotes: ["'", '"'] }),
    family: 'config',
    servedInVSCode: true,
  },
  {
    id: 'terraform',
    extensions: ['tf', 'hcl'],
    aliases: ['hcl', 'tf'],
    prose: comments({ line: ['#', '//'], block: [['/*', '*/']], quotes: ['"'] }),
    family: 'config',
    servedInVSCode: true,
  },
  {
    id: 'php',
    extensions: ['php'],
    prose: comments({ line: ['//', '#'], block: [['/*', '*/']], quotes: ['"', "'"] }),
    grammar: 'php',
    family: 'code',
    servedInVSCode: false,
  },
  { id: 'kotlin', extensions: ['kt', 'kts'], prose: comments(C_LIKE), family: 'code', servedInVSCode: false },
  { id: 'scala', extensions: ['scala'], prose: comments(C_LIKE), family: 'code', servedInVSCode: false },
  { id: 'swift', extensions: ['swift'], prose: comments(C_LIKE), family: 'code', servedInVSCode: false },
  { id: 'dart', extensions: ['dart'], prose: comments(C_LIKE), family: 'code', servedInVSCode: false },
  {
    id: 'proto3',
    extensions: ['proto'],
    aliases: ['proto'],
    prose: comments(C_LIKE),
    family: 'code',
    servedInVSCode: false,
  },
  {
    id: 'lua',
    extensions: ['lua'],
    prose: comments({ line: ['--'], block: [['--[[', ']]']], quotes: ["'", '"'] }),
    family: 'code',
    servedInVSCode: false,
  },
  { id: 'perl', extensions: ['pl', 'pm'], prose: comments(HASH), family: 'code', servedInVSCode: false },
  { id: 'r', extensions: ['r'], prose: comments(HASH), family: 'code', servedInVSCode: false },
  {
    id: 'ini',
    extensions: ['ini', 'cfg'],
    prose: comments({ line: [';', '#'], block: [], quotes: [], commentAtLineStart: true }),
    family: 'config',
    servedInVSCode: false,
  },
  {
    id: 'properties',
    extensions: ['properties'],
    prose: comments({ line: ['#', '!'], block: [], quotes: [], commentAtLineStart: true }),
    family: 'config',
    servedInVSCode: false,
  },
];

/** Language ids the VS Code client serves (its document selector; package.json's activation events list the same). */
export const SERVED_LANGUAGES: readonly string[] = LANGUAGES.filter((l) => l.servedInVSCode).map((l) => l.id);

/** The tree-sitter grammars the server uses (the build ships exactly these). */
export const GRAMMARS: readonly string[] = [...new Set(LANGUAGES.flatMap((l) => (l.grammar ? [l.grammar] : [])))];
