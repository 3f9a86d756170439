/** Language ids the glossary serves; package.json's activationEvents list the same ids (a unit test keeps them equal). */
export const SERVED_LANGUAGES = [
  'markdown', 'yaml', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'rust',
  'java', 'c', 'cpp', 'csharp', 'shellscript', 'dockerfile', 'ruby', 'toml', 'makefile', 'sql', 'terraform',
] as const;
