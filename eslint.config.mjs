// Lint rules, including the layering of ARCHITECTURE.md: the core imports no LSP library and no Node module; a
// feature module imports no other feature; the client imports only the shared module of the server; no import cycles.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

// Every module Node ships (fs, path, zlib, worker_threads, ...), also as node:fs.
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'bench/out/**',
      '.e2e-cache/**',
      '.realtext/**',
      'node_modules/**',
      'test/fixtures/**',
      'editors/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'server/shared/tsconfig.json',
            'server/tsconfig.json',
            'client/tsconfig.json',
            'test/tsconfig.json',
            'bench/tsconfig.json',
            'test/e2e/tsconfig.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-require-imports': 'off', // parsers and grammars load on first use (core/onFirstUse.ts)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: restrict(
      [
        {
          group: [
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver/*',
            'vscode-languageserver-*',
            'vscode-uri',
          ],
        },
        { group: [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)] },
        { regex: '^\\.\\./(?!\\.\\./shared/languages$)' },
      ],
      'server/src/core is pure: no LSP library, no Node module, nothing outside core but server/shared/languages (ARCHITECTURE.md)',
    ),
  },
  {
    // require() escapes the import rules above: in core it loads only the parsers, on first use (core/onFirstUse.ts).
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value!=/^(markdown-it|yaml|js-yaml)$/]",
          message:
            'server/src/core requires only its parsers (markdown-it, yaml, js-yaml), on first use: import the rest',
        },
        { selector: 'ImportExpression', message: 'server/src/core loads no module at run time but its parsers' },
      ],
    },
  },
  {
    files: ['server/shared/**/*.ts'],
    rules: restrict(
      [
        {
          group: [
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver/*',
            '../src/*',
            '../src/**',
            ...NODE_BUILTINS,
            ...NODE_BUILTINS.map((m) => `node:${m}`),
          ],
        },
      ],
      'server/shared is pure data and message types shared with the client',
    ),
  },
  {
    files: ['server/src/features/**/*.ts'],
    rules: restrict(
      [{ regex: '^\\./(?!lsp$)' }],
      'a feature module imports no other feature: move what they share into core/ (ARCHITECTURE.md)',
    ),
  },
  {
    files: ['client/src/**/*.ts'],
    rules: restrict(
      [{ regex: '^\\.\\./\\.\\./server/(?!shared/)' }],
      'the client imports only server/shared, never the server itself (ARCHITECTURE.md)',
    ),
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
