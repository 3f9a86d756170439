import * as fs from 'fs';
import * as path from 'path';
import type { Language as LanguageType, Parser as ParserType, Query as QueryType } from '@vscode/tree-sitter-wasm';
import { grammarOf } from './core/languages';
const COMMENT_TYPES = ['comment', 'line_comment', 'block_comment', 'doc_comment'];
/** Above this size a document is read with the core's lexer: a full parse would cost more than it is worth. */
const MAX_PARSED_CHARS = 1024 * 1024;

interface LoadedGrammar {
  parser: ParserType;
  query: QueryType;
}

/**
 * Exact comment (and Python docstring) ranges from tree-sitter grammars compiled to WebAssembly.
 * Grammars load lazily and asynchronously on first use of a language; until one is ready, `parse`
 * returns undefined and the caller falls back to the lexer, then `onReady` asks for a re-analysis.
 */
export class TreeSitterComments {
  private module?: typeof import('@vscode/tree-sitter-wasm');
  private init?: Promise<void>;
  private readonly grammars = new Map<string, LoadedGrammar | 'loading' | 'failed'>();

  constructor(
    private readonly wasmDir: string,
    private readonly log: (message: string) => void,
    private readonly onReady: (languageId: string) => void,
  ) {}

  static findWasmDir(from: string): string | undefined {
    const candidates = [path.join(from, 'wasm'), path.join(from, '..', 'dist', 'wasm')];
    try {
      candidates.push(path.dirname(require.resolve('@vscode/tree-sitter-wasm')));
    } catch {
      // not installed: only the bundled copy can serve
    }
    return candidates.find((dir) => fs.existsSync(path.join(dir, 'tree-sitter.wasm')));
  }

  supports(languageId: string): boolean {
    return grammarOf(languageId) !== undefined;
  }

  /** Comment ranges, or undefined while the grammar is loading, failed, or the text is too large. */
  parse = (languageId: string, text: string): { start: number; end: number }[] | undefined => {
    if (!this.supports(languageId) || text.length > MAX_PARSED_CHARS) return undefined;
    const grammar = this.grammars.get(languageId);
    if (grammar === undefined) void this.load(languageId);
    if (grammar === undefined || grammar === 'loading' || grammar === 'failed') return undefined;
    const tree = grammar.parser.parse(text);
    if (!tree) return undefined;
    try {
      const ranges = grammar.query
        .captures(tree.rootNode)
        .map((c) => ({ start: c.node.startIndex, end: c.node.endIndex }));
      ranges.sort((a, b) => a.start - b.start);
      return ranges.filter((r, i) => i === 0 || r.start >= ranges[i - 1].end);
    } finally {
      tree.delete();
    }
  };

  /** Starts loading the grammar of a language; resolves when it is ready (or has failed). */
  async load(languageId: string): Promise<void> {
    if (!this.supports(languageId) || this.grammars.has(languageId)) return;
    this.grammars.set(languageId, 'loading');
    try {
      const ts = await this.runtime();
      const language = await ts.Language.load(
        fs.readFileSync(path.join(this.wasmDir, `tree-sitter-${grammarOf(languageId)}.wasm`)),
      );
      const parser = new ts.Parser();
      parser.setLanguage(language);
      this.grammars.set(languageId, { parser, query: new ts.Query(language, commentQuery(language, languageId)) });
      this.onReady(languageId);
    } catch (error) {
      this.grammars.set(languageId, 'failed');
      this.log(
        `tree-sitter grammar for ${languageId} not loaded (${(error as Error).message}); comments are found by the built-in lexer`,
      );
    }
  }

  private async runtime(): Promise<typeof import('@vscode/tree-sitter-wasm')> {
    this.init ??= (async () => {
      const ts = require(path.join(this.wasmDir, 'tree-sitter.js')) as typeof import('@vscode/tree-sitter-wasm');
      await ts.Parser.init({ locateFile: (file: string) => path.join(this.wasmDir, file) });
      this.module = ts;
    })();
    await this.init;
    return this.module!;
  }
}

function commentQuery(language: LanguageType, languageId: string): string {
  const patterns = COMMENT_TYPES.filter((type) => language.idForNodeType(type, true) !== null).map(
    (type) => `(${type}) @comment`,
  );
  // A string standing alone as a statement is a docstring: prose, not code.
  if (languageId === 'python') patterns.push('(expression_statement (string) @comment)');
  return patterns.join('\n');
}
