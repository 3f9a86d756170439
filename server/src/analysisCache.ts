import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Glossary } from './core/glossary';
import { analyzeDocument, DocumentAnalysis } from './core/mentions';
import { CommentParser, isSupportedLanguage } from './core/regions';

export const DEFAULT_MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

interface Entry {
  version: number;
  glossary: Glossary;
  analysis: DocumentAnalysis;
}

const EMPTY: DocumentAnalysis = { regions: [], mentions: [] };

/**
 * One analysis per open document, reused until the document's version or the glossary changes.
 * Documents that are too large or binary are not analysed; `skipped` says why, once per document.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly warned = new Set<string>();
  maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;

  constructor(private readonly onSkipped: (uri: string, reason: string) => void, private readonly parseComments?: CommentParser) {}

  get(document: TextDocument, glossary: Glossary): DocumentAnalysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.glossary === glossary) return cached.analysis;
    const analysis = this.analyze(document, glossary);
    this.entries.set(document.uri, { version: document.version, glossary, analysis });
    return analysis;
  }

  /** Drops every analysis, e.g. when a parser became ready and comments can be found exactly. */
  clear(): void {
    this.entries.clear();
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.warned.delete(uri);
  }

  private analyze(document: TextDocument, glossary: Glossary): DocumentAnalysis {
    if (!isSupportedLanguage(document.languageId)) return EMPTY;
    const text = document.getText();
    const reason = text.length > this.maxDocumentChars
      ? `${document.uri} has ${text.length} characters, over the limit of ${this.maxDocumentChars} (setting llmGlossary.maxDocumentSize): glossary features are off for it`
      : text.slice(0, 8192).includes('\u0000')
        ? `${document.uri} looks binary (NUL characters): glossary features are off for it`
        : undefined;
    if (reason) {
      if (!this.warned.has(document.uri)) this.onSkipped(document.uri, reason);
      this.warned.add(document.uri);
      return EMPTY;
    }
    return analyzeDocument(glossary, document.languageId, text, this.parseComments);
  }
}
