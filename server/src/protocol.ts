// Custom requests and notifications between the VS Code client and the server, shared by both sides.

export interface TermSummary {
  id: string;
  title: string;
  aliases: string[];
  category: string;
  categoryTitle: string;
  /** "bundled" or the glossary folder it came from. */
  layer: string;
  overridesBundled: boolean;
  deprecated: boolean;
  uri: string;
  /** Line of the Definition section in the term file (zero-based). */
  definitionLine: number;
  /** First sentence of the definition, for quick picks and tooltips. */
  summary: string;
}

export const ListTermsRequest = 'llmGlossary/listTerms';
export const ReloadGlossaryRequest = 'llmGlossary/reload';
/** Params: { termId }; result: LSP Location[] of every mention in the workspace. */
export const TermMentionsRequest = 'llmGlossary/mentions';
/** Sent by the server whenever the glossary in force changed (reload, file edits, settings). */
export const GlossaryChangedNotification = 'llmGlossary/glossaryChanged';
