/** A span of a document where mentions are looked for: [start, end) in UTF-16 offsets. */
export interface Region {
  start: number;
  end: number;
  /** `codespan`: the inside of a short code span, where only a whole term name counts (`nvidia-smi`, `helm`). */
  kind: 'prose' | 'comment' | 'string' | 'codespan';
}
