import { CodeLens, Range } from './lsp';
import type { Glossary } from '../core/glossary';

/** On a term file: "N mentions in the workspace" above the title, which runs the client's Show Mentions command. */
export function termFileCodeLens(
  glossary: Glossary,
  termId: string,
  titleLine: number,
  mentionCount: number,
): CodeLens[] {
  const term = glossary.get(termId);
  if (!term) return [];
  const title = mentionCount === 1 ? '1 mention in the workspace' : `${mentionCount} mentions in the workspace`;
  return [
    {
      range: Range.create(titleLine, 0, titleLine, 0),
      command: { title, command: 'llmGlossary.showMentions', arguments: [termId] },
    },
  ];
}
