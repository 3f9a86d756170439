// Every language the glossary knows, in one table: the client's document selector and activation events, the
// server's region finders and language-id mapping and the CLI's file types all come from here. Pure data, shared by
// the client and the server.

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
  /** JavaScript, TypeScript: `/…/` regular expression literals (`/'/` holds no string). */
  regexLiterals?: boolean;
  /** Rust, Swift, Kotlin, Scala: block comments nest, so one closes when every one opened inside it has. */
  nestedBlockComments?: boolean;
}

/**
 * Where a language's prose is: Markdown text, YAML comments and prose values, code comments, or one of the
 * document formats with a finder of its own (server/src/core/regions.ts dispatches on `kind`).
 */
export type ProseFinder =
  | { kind: 'markdown' }
  | { kind: 'yaml' }
  | { kind: 'comments'; syntax: CommentSyntax }
  /** MDX: Markdown with `import`/`export` lines and `{expressions}` left out. */
  | { kind: 'mdx' }
  | { kind: 'restructuredtext' }
  | { kind: 'asciidoc' }
  /** Everything is prose (URLs left out). */
  | { kind: 'plaintext' }
  /** A git commit message: prose, without git's `#` comment lines and the diff below the scissors line. */
  | { kind: 'gitcommit' }
  /** A Helm chart template: YAML with `{{ actions }}` left out and `{{/* comments *\/}}` read as prose. */
  | { kind: 'helm' };

export interface Language {
  /** The language id as VS Code names it; documents carry this id inside the server. */
  id: string;
  extensions?: readonly string[];
  /** Whole file names, lower-case ("dockerfile"); a name followed by "." and more also counts ("dockerfile.dev"). */
  fileNames?: readonly string[];
  /** A file of one of these extensions directly inside a folder of this name (Helm's `templates/*.yaml`). */
  inFolder?: { folder: string; extensions: readonly string[] };
  /** Ids other editors send for it (Neovim file types, Emacs modes, Zed and Helix names), lower-case. */
  aliases?: readonly string[];
  /** Other ids VS Code extensions give the same language (served as well, mapped to `id` by the server). */
  vscodeAliases?: readonly string[];
  prose: ProseFinder;
  /** Whether the VS Code client asks the server about documents of this language. */
  servedInVSCode: boolean;
  /**
   * docs (prose first), config (deployment files: YAML, shell, Dockerfile...) or code. In code, knob names that read
   * like ordinary identifiers (`block_size`) are found only in comments.
   */
  family: 'docs' | 'config' | 'code';
}

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], quotes: ['"', "'", '`'] };
/** JavaScript and TypeScript: C-like, and `/…/` regular expression literals hold no strings. */
const JS_LIKE: CommentSyntax = { ...C_LIKE, regexLiterals: true };
/** Kotlin, Scala, Swift: C-like comments; `'` quotes a character and backticks quote identifiers. */
const KOTLIN_LIKE: CommentSyntax = {
  line: ['//'],
  block: [['/*', '*/']],
  quotes: ['"', "'"],
  nestedBlockComments: true,
};
const HASH: CommentSyntax = { line: ['#'], block: [], quotes: ['"', "'"] };
const comments = (syntax: CommentSyntax): ProseFinder => ({ kind: 'comments', syntax });

export const LANGUAGES: readonly Language[] = [
  {
    id: 'markdown',
    extensions: ['md', 'markdown', 'mdown', 'mkd'],
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
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'typescript',
    extensions: ['ts', 'mts', 'cts'],
    aliases: ['ts'],
    prose: comments(JS_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'typescriptreact',
    extensions: ['tsx'],
    aliases: ['tsx'],
    prose: comments(JS_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'javascript',
    extensions: ['js', 'mjs', 'cjs'],
    aliases: ['js'],
    prose: comments(JS_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'javascriptreact',
    extensions: ['jsx'],
    aliases: ['jsx'],
    prose: comments(JS_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'go',
    extensions: ['go'],
    aliases: ['golang'],
    prose: comments(C_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'rust',
    extensions: ['rs'],
    prose: comments({
      line: ['//'],
      block: [['/*', '*/']],
      quotes: ['"'],
      charLiterals: true,
      nestedBlockComments: true,
    }),
    family: 'code',
    servedInVSCode: true,
  },
  { id: 'java', extensions: ['java'], prose: comments(C_LIKE), family: 'code', servedInVSCode: true },
  { id: 'c', extensions: ['c', 'h'], prose: comments(C_LIKE), family: 'code', servedInVSCode: true },
  {
    id: 'cpp',
    extensions: ['cc', 'cpp', 'cxx', 'hpp', 'hh'],
    aliases: ['c++'],
    prose: comments(C_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'csharp',
    extensions: ['cs'],
    aliases: ['cs', 'c#'],
    prose: comments(C_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'shellscript',
    extensions: ['sh', 'bash', 'zsh'],
    aliases: ['sh', 'bash', 'zsh', 'ksh', 'shell script', 'shell'],
    prose: comments({ ...HASH, commentAtWordStart: true }),
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
  { id: 'ruby', extensions: ['rb'], prose: comments(HASH), family: 'code', servedInVSCode: true },
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
    family: 'code',
    servedInVSCode: true,
  },
  // VS Code's own id for CUDA C++ (.cu, .cuh).
  {
    id: 'cuda-cpp',
    extensions: ['cu', 'cuh'],
    aliases: ['cuda'],
    prose: comments(C_LIKE),
    family: 'code',
    servedInVSCode: true,
  },
  { id: 'kotlin', extensions: ['kt', 'kts'], prose: comments(KOTLIN_LIKE), family: 'code', servedInVSCode: true },
  { id: 'scala', extensions: ['scala', 'sc'], prose: comments(KOTLIN_LIKE), family: 'code', servedInVSCode: true },
  { id: 'swift', extensions: ['swift'], prose: comments(KOTLIN_LIKE), family: 'code', servedInVSCode: true },
  { id: 'dart', extensions: ['dart'], prose: comments(C_LIKE), family: 'code', servedInVSCode: false },
  {
    id: 'proto3',
    extensions: ['proto'],
    aliases: ['proto', 'protobuf'],
    // vscode-proto3 names it proto3, Buf's extension proto.
    vscodeAliases: ['proto'],
    prose: comments({ line: ['//'], block: [['/*', '*/']], quotes: ['"', "'"] }),
    family: 'code',
    servedInVSCode: true,
  },
  {
    id: 'lua',
    extensions: ['lua'],
    prose: comments({ line: ['--'], block: [['--[[', ']]']], quotes: ["'", '"'] }),
    family: 'code',
    servedInVSCode: true,
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
  { id: 'mdx', extensions: ['mdx'], prose: { kind: 'mdx' }, family: 'docs', servedInVSCode: true },
  {
    id: 'restructuredtext',
    extensions: ['rst', 'rest'],
    aliases: ['rst'],
    prose: { kind: 'restructuredtext' },
    family: 'docs',
    servedInVSCode: true,
  },
  {
    id: 'asciidoc',
    extensions: ['adoc', 'asciidoc', 'asc'],
    aliases: ['adoc'],
    prose: { kind: 'asciidoc' },
    family: 'docs',
    servedInVSCode: true,
  },
  {
    id: 'plaintext',
    extensions: ['txt'],
    aliases: ['text'],
    prose: { kind: 'plaintext' },
    family: 'docs',
    servedInVSCode: true,
  },
  {
    id: 'git-commit',
    fileNames: ['commit_editmsg', 'merge_msg', 'tag_editmsg'],
    aliases: ['gitcommit'],
    prose: { kind: 'gitcommit' },
    family: 'docs',
    servedInVSCode: true,
  },
  {
    id: 'helm',
    extensions: ['tpl'],
    inFolder: { folder: 'templates', extensions: ['yaml', 'yml'] },
    aliases: ['helm-template', 'gotmpl'],
    prose: { kind: 'helm' },
    family: 'config',
    servedInVSCode: true,
  },
];

/** Notebooks the CLI reads (their JSON): Markdown cells and the comments of code cells. */
export const NOTEBOOK_EXTENSIONS: readonly string[] = ['ipynb'];

/** Language ids the VS Code client serves (its document selector; package.json's activation events list the same). */
export const SERVED_LANGUAGES: readonly string[] = LANGUAGES.filter((l) => l.servedInVSCode).flatMap((l) => [
  l.id,
  ...(l.vscodeAliases ?? []),
]);

/**
 * URI schemes the VS Code client serves: files, unsaved files, notebook cells (sent through the notebook document
 * sync), and the read-only view of bundled term files. Not `git` (the old side of a diff would count its mentions
 * twice in the workspace) nor `vscode-vfs` (virtual workspaces: the server reads glossary folders from disk).
 */
export const SERVED_SCHEMES = ['file', 'untitled', 'vscode-notebook-cell'] as const;

/** The read-only scheme under which the client shows bundled term files (`llm-glossary-term:/terms/kv-cache.md`). */
export const BUNDLED_TERM_SCHEME = 'llm-glossary-term';
