import { SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from './lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Glossary } from '../core/glossary';
import type { Mention } from '../core/mentions';

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: ['glossaryTerm'], tokenModifiers: ['deprecated'] };

/** Languages where the server colours mentions; elsewhere a language's own semantic tokens must win. */
export const SEMANTIC_LANGUAGES = new Set(['markdown', 'yaml']);

/** One token per mention (split per line, as the protocol wants), with the deprecated modifier where it applies. */
export function semanticTokens(
  glossary: Glossary,
  document: TextDocument,
  mentions: readonly Mention[],
): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const mention of mentions) {
    const deprecated = mention.termIds.some((id) => glossary.get(id)?.deprecated) ? 1 : 0;
    const start = document.positionAt(mention.start);
    const end = document.positionAt(mention.end);
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const to =
        line === end.line
          ? end.character
          : document.offsetAt({ line: line + 1, character: 0 }) - document.offsetAt({ line, character: 0 }) - 1;
      if (to > from) builder.push(line, from, to - from, 0, deprecated);
    }
  }
  return builder.build();
}
