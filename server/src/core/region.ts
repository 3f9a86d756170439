/** A span of a document where mentions are looked for: [start, end) in UTF-16 offsets. */
export interface Region {
  start: number;
  end: number;
  /** `codespan`: the inside of a short code span, where only a whole term name counts (`nvidia-smi`, `helm`). */
  kind: 'prose' | 'comment' | 'string' | 'codespan';
}

/**
 * Exact comment ranges from a real parser (tree-sitter in the server), when one is ready for the language.
 * Returns undefined to fall back to the core's own comment lexer. Injected so the core does no I/O.
 */
export type CommentParser = (languageId: string, text: string) => { start: number; end: number }[] | undefined;
