// The custom requests and notifications between the VS Code client and the server, typed once for both ends.
import { Location, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

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
  /** The engine flags, variables, config fields and metrics the term lists, for the Glossary view and Search Terms. */
  knobs: KnobSummary[];
}

export interface KnobSummary {
  name: string;
  /** The engine's display name ("vLLM"). */
  engine: string;
  /** How it is set, in words: "flag", "environment variable", "histogram metric". */
  kind: string;
  /** "removed in 0.13.0" or "deprecated in 0.11.0", when the glossary says so. */
  status?: string;
}

/** Every term in force (the first workspace folder's glossary), for the tree view and quick picks. */
export const ListTermsRequest = new RequestType0<TermSummary[], void>('llmGlossary/listTerms');
/** Re-reads every glossary folder; answers the number of terms in force. */
export const ReloadGlossaryRequest = new RequestType0<number, void>('llmGlossary/reload');
/** Every mention of a term in the workspace. */
export const TermMentionsRequest = new RequestType<{ termId: string }, Location[], void>('llmGlossary/mentions');
/** Sent by the server whenever the glossary in force changed (reload, file edits, settings). */
export const GlossaryChangedNotification = new NotificationType0('llmGlossary/glossaryChanged');
