// What every benchmark is given (made once by main.ts): the glossaries, the corpora and the floors of this run.
import type { Spot } from './corpus';
import type { LoadedGlossary, SyntheticTerm } from './glossaries';

export interface Context {
  runs: number;
  bundled: LoadedGlossary;
  synthetic: LoadedGlossary; // bundled + the 10k synthetic terms, as the server loads them with glossaryPaths
  syntheticTerms: SyntheticTerm[];
  syntheticFolder: string;
  corpus: { file: string; text: string };
  doc: { text: string; spots: Spot[] };
  /** Documents opened whole for a first hover; `offsets` are where (terms in the middle of the document). */
  largeDocs: Record<string, { text: string; languageId: string; offsets: number[]; where: string }>;
  /** A 1 MB YAML document and the offsets of terms in it, for one-keystroke edits. */
  yamlEdit: { text: string; offsets: number[] };
  floors: Floors;
  raw: Record<string, unknown>;
}

export interface Floors {
  /** spawn `node -e ""` → exit, in the server's environment. */
  nodeStartMs: number;
  /** hello-world server: spawn → initialize result, and → first hover answered on a small Markdown document. */
  helloInitMs: number;
  helloFirstHoverMs: number;
  /** hello-world server: hover p99 on the 1 MB document. */
  helloHoverP99Ms: number;
}
