import type { Glossary } from '../core/glossary';
import { languageOfPath } from '../core/languages';
import { analyzeDocument } from '../core/mentions';
import { Candidate, ScannedDocument, suggestCandidates } from '../core/suggest';
import { nodeFileSystem } from '../glossary/fileSystem';
import { log, readMeta } from './context';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** `suggest`: names the documents use and the glossary lacks, most frequent first, each with an example line. */
export function suggest(glossary: Glossary, files: readonly string[], minCount: number): Candidate[] {
  const documents: ScannedDocument[] = [];
  for (const file of files) {
    const languageId = languageOfPath(file)!;
    const read = nodeFileSystem.readTextFile(file, MAX_FILE_BYTES);
    if ('refused' in read) {
      log(`${file} ${read.refused}`);
      continue;
    }
    const { regions, mentions } = analyzeDocument(glossary, languageId, read.text);
    documents.push({ file, text: read.text, regions, mentions });
  }
  return suggestCandidates(glossary, documents, readMeta().commonWords, minCount);
}

export function formatCandidates(
  candidates: readonly Candidate[],
  format: 'text' | 'json',
  glossary: Glossary,
): string {
  if (format === 'json') return `${JSON.stringify(candidates, null, 2)}\n`;
  const rows = candidates.map((c) => {
    const near = c.nearTermId ? ` (a form of ${glossary.get(c.nearTermId)?.title ?? c.nearTermId}?)` : '';
    return `${String(c.count).padStart(5)}  ${c.kind.padEnd(9)}  ${c.text}${near}\n       ${c.example.file}:${c.example.line}: ${c.example.text}\n`;
  });
  return `${rows.join('')}suggest: ${candidates.length} candidate(s)\n`;
}
