import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Glossary } from './core/glossary';
import { MarkdownAnalysis, MarkdownParse, updateMarkdown } from './core/markdownRegions';
import {
  CONTEXT_REACH,
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
import { findRegions, isSupportedLanguage, Region } from './core/regions';
import { analyzeYaml, updateYaml, YamlAnalysis, YamlParse, yamlRegionsAround } from './core/yamlRegions';
import { changeBetween, composeChanges, TextChange } from './core/textChange';

export const DEFAULT_MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;
/** From this size on, a request in a Markdown document nobody has analysed yet parses only up to where it points. */
export const DEFAULT_PREFIX_MIN_CHARS = 128 * 1024;
/** What an idle slice of a large document's analysis takes at least: a few milliseconds of work, so requests wait little. */
const IDLE_PIECE_LINES = 512;
const IDLE_YAML_CHARS = 32 * 1024;
/**
 * How far before an offset a window of regions must reach for its answer to be the full analysis's: a context form
 * ("decode ... certificate") counts only with a related mention within CONTEXT_REACH of it (see mentionAround).
 */
const CONTEXT_WINDOW = 2 * (CONTEXT_REACH + 200);
/** Lines past the one a request points at that its parse takes in (then more, only while the answer needs them). */
const LINES_PAST = 64;

interface Entry {
  version: number;
  text: string; // the document's own string (not a copy): what the next version is compared with
  regions: Region[];
  markdown?: MarkdownAnalysis;
  yaml?: YamlAnalysis;
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
  /**
   * A just-opened large Markdown document parsed as far as requests needed, with the mentions of its regions matched
   * so far; the full analysis goes on from there.
   */
  private readonly partials = new Map<
    string,
    {
      version: number;
      parse: MarkdownParse;
      glossary?: Glossary;
      perRegion: (readonly Mention[] | undefined)[];
      /** Mentions of the regions of pieces around requests, by region (before `regions` has them all). */
      byRegion?: Map<Region, readonly Mention[]>;
    }
  >();
  /** A just-opened large YAML document analysed segment by segment when idle, until the whole is. */
  private readonly yamlPartials = new Map<string, { version: number; parse: YamlParse }>();
  maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;
  prefixMinChars = DEFAULT_PREFIX_MIN_CHARS;
  /** Lines a Markdown parse takes at a time (smaller in tests, to exercise answers from the pieces around a request). */
  markdownPieceLines: number | undefined;

  constructor(private readonly onSkipped: (uri: string, reason: string) => void) {}

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

  /**
   * Analyses some more of a document that requests have analysed only in part (a just-opened large Markdown
   * document), for about `ms` milliseconds; true once its full analysis is there.
   */
  analyzeSome(document: TextDocument, ms: number): boolean {
    if (this.analyzed(document)) return true;
    const started = Date.now();
    const partial = this.partials.get(document.uri);
    if (partial?.version === document.version) {
      do partial.parse.parseMore(IDLE_PIECE_LINES);
      while (!partial.parse.done && Date.now() - started < ms);
      if (!partial.parse.done) return false;
    } else if (document.languageId === 'yaml' && document.getText().length >= this.prefixMinChars) {
      let yaml = this.yamlPartials.get(document.uri);
      if (yaml?.version !== document.version) {
        if (this.skipReason(document, document.getText()) !== undefined) return true;
        yaml = { version: document.version, parse: new YamlParse(document.getText()) };
        this.yamlPartials.set(document.uri, yaml);
      }
      do yaml.parse.parseMore(IDLE_YAML_CHARS);
      while (!yaml.parse.done && Date.now() - started < ms);
      if (!yaml.parse.done) return false;
    }
    this.regions(document);
    return true;
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
    if (text.length < this.prefixMinChars || this.entries.has(document.uri)) return undefined;
    if (document.languageId === 'yaml') return this.mentionFromYamlWindow(document, glossary, offset);
    if (document.languageId !== 'markdown') return undefined;
    let partial = this.partials.get(document.uri);
    if (partial && partial.version !== document.version) partial = undefined;
    if (!partial) {
      if (this.skipReason(document, text) !== undefined) return undefined;
      partial = { version: document.version, parse: new MarkdownParse(text, this.markdownPieceLines), perRegion: [] };
      this.partials.set(document.uri, partial);
    } else if (offset >= partial.parse.settled + LINES_PAST * 80) {
      // A second request well past what the first one parsed: the document is being read more widely; the full
      // analysis goes on from where the parse stopped (still one parse in all).
      return undefined;
    }
    if (partial.glossary !== glossary) {
      partial.glossary = glossary;
      partial.perRegion = [];
      partial.byRegion = undefined;
    }
    const { parse, perRegion } = partial;
    const mentionsOf = (i: number) => (perRegion[i] ??= mentionsInRegion(glossary, text, parse.regions[i]));
    // Parse up to a little past the offset, then further only while the answer may depend on what follows.
    let line = document.positionAt(offset).line + LINES_PAST;
    for (let tries = 0; ; tries++) {
      parse.advance(line);
      if (offset < parse.settled || parse.done) {
        // The pieces around the offset are enough unless a mention may join one beyond them (then a piece more is
        // parsed, a few times, before all the regions up to there are made).
        const around = parse.regionsAround(offset, CONTEXT_WINDOW);
        if (around) {
          const { regions } = around;
          const byRegion = (partial.byRegion ??= new Map());
          const answer = mentionAround(
            glossary,
            text,
            regions,
            (i) => {
              let found = byRegion.get(regions[i]);
              if (!found) byRegion.set(regions[i], (found = mentionsInRegion(glossary, text, regions[i])));
              return found;
            },
            offset,
            around.end < text.length,
          );
          if (answer) {
            const name = nameAt(glossary, document.languageId, text, regions, offset);
            return name ? { mention: withNameAt(name, answer.mention) } : answer;
          }
        }
        if (!around || tries >= 4 || parse.done) {
          const answer = mentionAround(glossary, text, parse.regions, mentionsOf, offset, !parse.done);
          if (answer) {
            const name = nameAt(glossary, document.languageId, text, parse.regions, offset);
            return name ? { mention: withNameAt(name, answer.mention) } : answer;
          }
        }
      }
      line = Math.max(line, parse.line) + LINES_PAST;
    }
  }

  /**
   * In a large YAML document not analysed yet, the mention at an offset from the segments around it alone (one
   * segment on either side: no mention before them can join one at the offset), when that settles it.
   */
  private mentionFromYamlWindow(
    document: TextDocument,
    glossary: Glossary,
    offset: number,
  ): { mention: Mention | undefined } | undefined {
    const text = document.getText();
    if (this.skipReason(document, text) !== undefined) return undefined;
    for (const margin of [1, 8, 32]) {
      const window = yamlRegionsAround(text, offset, margin);
      if (!window) return undefined;
      if (window.start > 0 && window.start > offset - CONTEXT_WINDOW) continue; // a related mention may be before it
      const { regions } = window;
      const perRegion: (readonly Mention[] | undefined)[] = [];
      const mentionsOf = (i: number) => (perRegion[i] ??= mentionsInRegion(glossary, text, regions[i]));
      const answer = mentionAround(glossary, text, regions, mentionsOf, offset, window.end < text.length);
      if (!answer) continue;
      const name = nameAt(glossary, document.languageId, text, regions, offset);
      return name ? { mention: withNameAt(name, answer.mention) } : answer;
    }
    return undefined;
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
    this.partials.clear();
    this.yamlPartials.clear();
  }

  /** Whether anything is held for a document (its text, a parse, regions or mentions). */
  holds(uri: string): boolean {
    return this.entries.has(uri) || this.partials.has(uri) || this.yamlPartials.has(uri);
  }

  /** How many documents anything is held for (what `holds` says of one): open documents at most. */
  get documentCount(): number {
    return new Set([...this.entries.keys(), ...this.partials.keys(), ...this.yamlPartials.keys(), ...this.warned]).size;
  }

  /** Drops everything held for a document (its text, regions, parse and mentions): called when it is closed. */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.partials.delete(uri);
    this.yamlPartials.delete(uri);
    this.warned.delete(uri);
  }

  private entry(document: TextDocument): Entry {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const entry =
      cached && cached.text === text ? { ...cached, version: document.version } : this.analyze(document, text, cached);
    this.entries.set(document.uri, entry);
    this.partials.delete(document.uri);
    this.yamlPartials.delete(document.uri);
    return entry;
  }

  private analyze(document: TextDocument, text: string, cached: Entry | undefined): Entry {
    const entry: Entry = { version: document.version, text, regions: EMPTY };
    if (this.skipReason(document, text) !== undefined) return entry;
    const change = cached && changeBetween(cached.text, text);
    if (document.languageId === 'markdown') {
      const partial = this.partials.get(document.uri);
      if (cached?.markdown && change) entry.markdown = updateMarkdown(cached.markdown, text, change);
      else if (partial?.version === document.version) {
        // Parsed as far as requests needed: go on from there, and keep the mentions matched so far.
        entry.markdown = partial.parse.analysis();
        if (partial.glossary) entry.mentions = { glossary: partial.glossary, perRegion: partial.perRegion };
      } else entry.markdown = new MarkdownParse(text).analysis();
      entry.regions = entry.markdown.regions;
    } else if (document.languageId === 'yaml') {
      const partial = this.yamlPartials.get(document.uri);
      entry.yaml =
        cached?.yaml && change
          ? updateYaml(cached.yaml, text, change)
          : partial?.version === document.version
            ? partial.parse.analysis()
            : analyzeYaml(text);
      entry.regions = entry.yaml.regions;
    } else {
      entry.regions = findRegions(document.languageId, text);
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
