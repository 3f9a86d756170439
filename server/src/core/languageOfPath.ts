// Language ids (as VS Code names them) for file names, for tools that read files without an editor.
const BY_EXTENSION: Record<string, string> = {
  md: 'markdown', markdown: 'markdown', mdx: 'markdown', yaml: 'yaml', yml: 'yaml', py: 'python', pyi: 'python',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript',
  cjs: 'javascript', jsx: 'javascriptreact', go: 'go', rs: 'rust', java: 'java', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp',
  cxx: 'cpp', hpp: 'cpp', hh: 'cpp', cu: 'cpp', cuh: 'cpp', cs: 'csharp', sh: 'shellscript', bash: 'shellscript',
  zsh: 'shellscript', rb: 'ruby', toml: 'toml', sql: 'sql', tf: 'terraform', hcl: 'terraform', kt: 'kotlin',
  scala: 'scala', swift: 'swift', php: 'php', lua: 'lua', r: 'r', ini: 'ini', cfg: 'ini', properties: 'properties',
};
const BY_NAME: Record<string, string> = { dockerfile: 'dockerfile', containerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile' };

export function languageOfPath(filePath: string): string | undefined {
  const name = filePath.split(/[\\/]/).pop()!.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(BY_NAME, name) || name.startsWith('dockerfile.')) return BY_NAME[name] ?? 'dockerfile';
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1) : '';
  return Object.prototype.hasOwnProperty.call(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
}

// What other editors send as the language id (Neovim file types, Emacs modes, Zed and Helix names), as VS Code names it.
const ALIASES: Record<string, string> = {
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ksh: 'shellscript', 'shell script': 'shellscript', shell: 'shellscript',
  tsx: 'typescriptreact', jsx: 'javascriptreact', js: 'javascript', ts: 'typescript', 'c++': 'cpp', cs: 'csharp', 'c#': 'csharp',
  make: 'makefile', yml: 'yaml', gfm: 'markdown', md: 'markdown', hcl: 'terraform', tf: 'terraform', golang: 'go', py: 'python',
};

/** The language id the server's region finders know for an id some editor sent: "sh" → "shellscript". */
export function canonicalLanguageId(languageId: string): string {
  const lower = languageId.toLowerCase();
  return Object.prototype.hasOwnProperty.call(ALIASES, lower) ? ALIASES[lower] : languageId;
}
