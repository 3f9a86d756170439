import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Glossary } from './core/glossary';
import { analyzeMarkdown, MarkdownAnalysis, markdownPrefixRegions, updateMarkdown } from './core/markdownRegions';
import {
  carriedOverMentions,
  DocumentAnalysis,
  Mention,
  mentionAround,
  mentionAt,
  confirmContext,
  findNames,
  withNames,
  mentionsInRegion,
  mergeExpansions,
} from './core/mentions';
import { CommentParser, findRegions, isSupportedLanguage, Region } from './core/regions';
import { changeBetween, composeChanges, TextChange } from './core/textChange';

export const DEFAULT_MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;
/** From this size on, a request in a Markdown document nobody has analysed yet parses only up to where it points. */
export const DEFAULT_PREFIX_MIN_CHARS = 128 * 1024;

interface Entry {
  version: number;
  text: string; // the document's own string (not a copy): what the next version is compared with
  regions: Region[];
  markdown?: MarkdownAnalysis;
  /** Mentions for one glossary, per region and merged; recomputed from the cached regions when the glossary changes. */
  mentions?: GlossaryMentions;
  /** The previous version's mentions and how the text changed since, until this version's are found. */
  previous?: { regions: Region[]; mentions: GlossaryMentions; change: TextChange };
}

interface GlossaryMentions {
  glossary: Glossary;
  /** Matched when first needed: a hover just after a large document opens matches only the regions around it. */
  perRegion: (readonly Mention[] | undefined)[];
  merged?: Mention[];
}

const EMPTY: Region[] = [];

/** A name wins over a prose mention it overlaps, as in a full analysis (withNames), taking its terms too. */
function withNameAt(name: Mention | undefined, prose: Mention | undefined): Mention | undefined {
  if (!name) return prose;
  if (!prose || prose.end <= name.start || name.end <= prose.start) return name;
  return { ...name, termIds: [...name.termIds, ...prose.termIds.filter((id) => !name.termIds.includes(id))] };
}

/** The exact name (knob, metric, identifier-like term name) covering offset: names never span lines, so one line is scanned. */
function nameAt(
  glossary: Glossary,
  languageId: string,
  text: string,
  regions: readonly Region[],
  offset: number,
): Mention | undefined {
  if (glossary.names.size === 0) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const names = findNames(glossary, languageId, text, regions, lineStart, newline < 0 ? text.length : newline);
  return names.find((n) => n.start <= offset && offset <= n.end);
}

/**
 * Per open document, its regions (cached by document version: they do not depend on the glossary) and its
 * mentions (cached by version and glossary, each region's matched when first needed). Completion needs only
 * regions, so typing does not pay for matching.
 * After an edit only its surroundings are analysed again: Markdown re-parses the blocks around it, and every
 * language keeps the mentions of the regions the edit did not touch.
 * Documents that are too large or binary are not analysed; `onSkipped` says why, once per document.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly warned = new Set<string>();
  /** The first part of a just-opened large Markdown document, analysed for a request there, until the whole is. */
  private readonly prefixes = new Map<
    string,
    {
      version: number;
      glossary: Glossary;
      regions: Region[];
      end: number;
      perRegion: (readonly Mention[] | undefined)[];
    }
  >();
  maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;
  prefixMinChars = DEFAULT_PREFIX_MIN_CHARS;

  constructor(
    private readonly onSkipped: (uri: string, reason: string) => void,
    private readonly parseComments?: CommentParser,
  ) {}

  regions(document: TextDocument): Region[] {
    return this.entry(document).regions;
  }

  get(document: TextDocument, glossary: Glossary): DocumentAnalysis {
    const entry = this.entry(document);
    const mentions = this.mentionsOf(entry, glossary);
    if (!mentions.merged) {
      const perRegion = entry.regions.map((_, i) => this.regionMentions(entry, mentions, i));
      const names = findNames(glossary, document.languageId, entry.text, entry.regions);
      mentions.merged = withNames(confirmContext(glossary, mergeExpansions(entry.text, perRegion)), names);
    }
    return { regions: entry.regions, mentions: mentions.merged };
  }

  /**
   * The mention covering offset; before every mention of the document is needed, only its surroundings are matched.
   * In a large Markdown document not analysed yet (just opened), only the blocks up to a little past the offset
   * are parsed for this answer (and kept for the next ones there); `analyzed` tells whether it still needs the rest.
   */
  mentionAt(document: TextDocument, glossary: Glossary, offset: number): Mention | undefined {
    const early = this.mentionFromPrefix(document, glossary, offset);
    if (early) return early.mention;
    const entry = this.entry(document);
    const mentions = this.mentionsOf(entry, glossary);
    if (mentions.merged) return mentionAt(mentions.merged, offset);
    const prose = mentionAround(
      glossary,
      entry.text,
      entry.regions,
      (i) => this.regionMentions(entry, mentions, i),
      offset,
    )?.mention;
    return withNameAt(nameAt(glossary, document.languageId, entry.text, entry.regions, offset), prose);
  }

  /** Whether this version of the document has its full analysis (regions) already. */
  analyzed(document: TextDocument): boolean {
    return this.entries.get(document.uri)?.version === document.version;
  }

  private mentionFromPrefix(
    document: TextDocument,
    glossary: Glossary,
    offset: number,
  ): { mention: Mention | undefined } | undefined {
    const text = document.getText();
    if (document.languageId !== 'markdown' || text.length < this.prefixMinChars || this.entries.has(document.uri))
      return undefined;
    // One first part per version: a request beyond it means the document is being read more widely; parse it all.
    let prefix = this.prefixes.get(document.uri);
    if (prefix && (prefix.version !== document.version || prefix.glossary !== glossary || offset >= prefix.end))
      return undefined;
    if (!prefix) {
      if (this.skipReason(document, text) !== undefined) return undefined;
      const found = markdownPrefixRegions(text, document.positionAt(offset).line);
      if (!found || offset >= found.end) return undefined;
      prefix = { ...found, version: document.version, glossary, perRegion: [] };
      this.prefixes.set(document.uri, prefix);
    }
    const { regions, perRegion } = prefix;
    const prose = mentionAround(
      glossary,
      text,
      regions,
      (i) => (perRegion[i] ??= mentionsInRegion(glossary, text, regions[i])),
      offset,
      true,
    );
    const name = nameAt(glossary, document.languageId, text, regions, offset);
    return name ? { mention: withNameAt(name, prose?.mention) } : prose;
  }

  private mentionsOf(entry: Entry, glossary: Glossary): GlossaryMentions {
    if (entry.mentions?.glossary !== glossary) {
      const { regions, previous } = entry;
      const perRegion =
        previous?.mentions.glossary === glossary
          ? carriedOverMentions(
              regions,
              { regions: previous.regions, perRegion: previous.mentions.perRegion },
              previous.change,
            )
          : new Array<undefined>(regions.length);
      entry.mentions = { glossary, perRegion };
      entry.previous = undefined;
    }
    return entry.mentions;
  }

  private regionMentions(entry: Entry, mentions: GlossaryMentions, i: number): readonly Mention[] {
    return (mentions.perRegion[i] ??= mentionsInRegion(mentions.glossary, entry.text, entry.regions[i]));
  }

  /** Drops every analysis, e.g. when a parser became ready and comments can be found exactly. */
  clear(): void {
    this.entries.clear();
    this.prefixes.clear();
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.prefixes.delete(uri);
    this.warned.delete(uri);
  }

  private entry(document: TextDocument): Entry {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const entry =
      cached && cached.text === text ? { ...cached, version: document.version } : this.analyze(document, text, cached);
    this.entries.set(document.uri, entry);
    this.prefixes.delete(document.uri);
    return entry;
  }

  private analyze(document: TextDocument, text: string, cached: Entry | undefined): Entry {
    const entry: Entry = { version: document.version, text, regions: EMPTY };
    if (this.skipReason(document, text) !== undefined) return entry;
    const change = cached && changeBetween(cached.text, text);
    if (document.languageId === 'markdown') {
      entry.markdown =
        cached?.markdown && change ? updateMarkdown(cached.markdown, text, change) : analyzeMarkdown(text);
      entry.regions = entry.markdown.regions;
    } else {
      entry.regions = findRegions(document.languageId, text, this.parseComments);
    }
    // Versions nobody asked mentions of (fast typing) add their changes to the last version that had mentions.
    if (cached?.previous && change)
      entry.previous = { ...cached.previous, change: composeChanges(cached.previous.change, change) };
    else if (cached?.mentions && change)
      entry.previous = { regions: cached.regions, mentions: cached.mentions, change };
    return entry;
  }

  /** Why a document gets no analysis (too large, binary, a language without regions), said once per document. */
  private skipReason(document: TextDocument, text: string): string | undefined {
    if (!isSupportedLanguage(document.languageId)) return 'its language has no regions';
    const reason =
      text.length > this.maxDocumentChars
        ? `${document.uri} has ${text.length} characters, over the limit of ${this.maxDocumentChars} (setting llmGlossary.maxDocumentSize): glossary features are off for it`
        : text.slice(0, 8192).includes('\u0000')
          ? `${document.uri} looks binary (NUL characters): glossary features are off for it`
          : undefined;
    if (reason) {
      if (!this.warned.has(document.uri)) this.onSkipped(document.uri, reason);
      this.warned.add(document.uri);
    }
    return reason;
  }
}
