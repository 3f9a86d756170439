import * as fs from 'fs';
import * as path from 'path';
import type { Language as LanguageType, Parser as ParserType, Query as QueryType } from '@vscode/tree-sitter-wasm';
import { grammarOf } from './core/languages';
const COMMENT_TYPES = ['comment', 'line_comment', 'block_comment', 'doc_comment'];
/** Above this size a document is read with the core's lexer: a full parse would cost more than it is worth. */
const MAX_PARSED_CHARS = 128 * 1024;
/**
 * A parse or comment query that takes longer is given up and the core's lexer reads the document: tree-sitter's
 * error recovery is super-linear on some garbage (400,000 "<a" took 8 s as C++, and its comment query 16 s on
 * 100,000 "~").
 */
export const PARSE_BUDGET_MS = 500;
/**
 * A parse that grows the process by more than this is given up as well: WebAssembly memory never shrinks, and
 * 100,000 "<a" took the parser past 500 MiB in half a second.
 */
export const PARSE_MEMORY_BUDGET_BYTES = 32 * 1024 * 1024;
/** Crashes of the WebAssembly runtime after which tree-sitter is not used again in this process. */
const MAX_CRASHES = 3;

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
    const hasRuntime = (dir: string) => fs.existsSync(path.join(dir, 'tree-sitter.wasm'));
    const bundled = [path.join(from, 'wasm'), path.join(from, '..', 'dist', 'wasm')].find(hasRuntime);
    if (bundled) return bundled;
    // Only without a bundled copy: resolving the package walks every node_modules folder up to the root (up to 16 ms
    // of a start on the bench machine, before initialize is answered).
    try {
      const installed = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
      return hasRuntime(installed) ? installed : undefined;
    } catch {
      return undefined; // not installed: only the bundled copy can serve
    }
  }

  supports(languageId: string): boolean {
    return grammarOf(languageId) !== undefined;
  }

  /** Comment ranges, or undefined while the grammar is loading, failed, or the text is too large. */
  parse = (languageId: string, text: string): { start: number; end: number }[] | undefined => {
    if (this.broken || !this.supports(languageId) || text.length > MAX_PARSED_CHARS) return undefined;
    const grammar = this.grammars.get(languageId);
    if (grammar === undefined) void this.load(languageId);
    if (grammar === undefined || grammar === 'loading' || grammar === 'failed') return undefined;
    try {
      return this.commentRanges(grammar, languageId, text);
    } catch (error) {
      // A crash inside WebAssembly ("memory access out of bounds" on some nesting, an abort when out of memory)
      // leaves the runtime unusable: it is loaded afresh, and after a few crashes the lexer takes over for good
      // (each runtime keeps its memory: the emscripten module is never collected).
      this.crashes++;
      this.broken = this.crashes >= MAX_CRASHES;
      this.unload();
      this.log(
        `tree-sitter crashed on a ${languageId} document of ${text.length} characters (${(error as Error).message}); ${this.broken ? 'comments are found by the built-in lexer from now on' : 'it is loaded again'}`,
      );
      return undefined;
    }
  };

  private crashes = 0;
  private broken = false;

  /** Drops the runtime and its grammars; the next parse loads them again (and is answered by the lexer meanwhile). */
  private unload(): void {
    this.grammars.clear();
    this.init = undefined;
    this.module = undefined;
  }

  private commentRanges(
    grammar: LoadedGrammar,
    languageId: string,
    text: string,
  ): { start: number; end: number }[] | undefined {
    const deadline = performance.now() + PARSE_BUDGET_MS;
    // WebAssembly memory counts as external memory (the resident size would hide its growth while the JavaScript
    // heap shrinks).
    const memoryLimit = process.memoryUsage().external + PARSE_MEMORY_BUDGET_BYTES;
    const overBudget = () => performance.now() > deadline || process.memoryUsage().external > memoryLimit;
    // A progress callback that answers true cancels the parse (the typings say void).
    const tree = grammar.parser.parse(text, null, { progressCallback: overBudget as unknown as () => void });
    if (!tree) {
      grammar.parser.reset(); // else the next parse would resume this one
      this.overBudget(languageId, text.length);
      return undefined;
    }
    try {
      const captures = grammar.query.captures(tree.rootNode, {
        timeoutMicros: Math.max(1, Math.round((deadline - performance.now()) * 1000)),
      });
      if (grammar.query.didExceedMatchLimit() || performance.now() > deadline) {
        this.overBudget(languageId, text.length);
        return undefined;
      }
      const ranges = captures.map((c) => ({ start: c.node.startIndex, end: c.node.endIndex }));
      ranges.sort((a, b) => a.start - b.start);
      return ranges.filter((r, i) => i === 0 || r.start >= ranges[i - 1].end);
    } finally {
      tree.delete();
    }
  }

  private readonly slowLogged = new Set<string>();

  /** Said once per language: the document is read with the built-in lexer instead. */
  private overBudget(languageId: string, chars: number): void {
    if (this.slowLogged.has(languageId)) return;
    this.slowLogged.add(languageId);
    this.log(
      `tree-sitter went over its budget (${PARSE_BUDGET_MS} ms, ${PARSE_MEMORY_BUDGET_BYTES / 1024 / 1024} MiB) on a ${languageId} document of ${chars} characters; its comments are found by the built-in lexer`,
    );
  }

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
      const file = path.join(this.wasmDir, 'tree-sitter.js');
      delete require.cache[require.resolve(file)]; // a fresh runtime after a crash
      const ts = require(file) as typeof import('@vscode/tree-sitter-wasm');
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
