import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Glossary } from './core/glossary';
import { DocumentAnalysis, findMentions, Mention } from './core/mentions';
import { CommentParser, findRegions, isSupportedLanguage, Region } from './core/regions';

export const DEFAULT_MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

interface Entry {
  version: number;
  regions: Region[];
  /** Mentions for one glossary; recomputed from the cached regions when the glossary changes. */
  mentions?: { glossary: Glossary; mentions: Mention[] };
}

const EMPTY: Region[] = [];

/**
 * Per open document, its regions (cached by document version: they do not depend on the glossary) and its
 * mentions (cached by version and glossary). Completion needs only regions, so typing does not pay for matching.
 * Documents that are too large or binary are not analysed; `onSkipped` says why, once per document.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly warned = new Set<string>();
  maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;

  constructor(private readonly onSkipped: (uri: string, reason: string) => void, private readonly parseComments?: CommentParser) {}

  regions(document: TextDocument): Region[] {
    return this.entry(document).regions;
  }

  get(document: TextDocument, glossary: Glossary): DocumentAnalysis {
    const entry = this.entry(document);
    if (entry.mentions?.glossary !== glossary) entry.mentions = { glossary, mentions: findMentions(glossary, document.getText(), entry.regions) };
    return { regions: entry.regions, mentions: entry.mentions.mentions };
  }

  /** Drops every analysis, e.g. when a parser became ready and comments can be found exactly. */
  clear(): void {
    this.entries.clear();
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.warned.delete(uri);
  }

  private entry(document: TextDocument): Entry {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const entry: Entry = { version: document.version, regions: this.findRegions(document) };
    this.entries.set(document.uri, entry);
    return entry;
  }

  private findRegions(document: TextDocument): Region[] {
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
    return findRegions(document.languageId, text, this.parseComments);
  }
}
