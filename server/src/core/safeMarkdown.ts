import type MarkdownIt from 'markdown-it';
import { onFirstUse } from './onFirstUse';

type Token = MarkdownIt.Token;

/** Glossary text beyond this many characters is cut (at a space) before it is parsed: a hover is a summary. */
export const MAX_SANITIZED_CHARS = 4000;
/** Containers (lists, quotes) nested deeper than this are flattened by markdown-it. */
const MAX_NESTING = 20;

export interface SanitizeOptions {
  /** The term file's URI: relative links resolve against it. */
  base?: string;
  /**
   * Folder URIs that `file:` links may point into (the glossary folders). Without them, the folder of `base`;
   * without `base` either, no `file:` link is kept.
   */
  fileRoots?: readonly string[];
}

const parser = onFirstUse(() => {
  const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
  // HTML is never recognised (it stays text and is escaped below); every link is kept as a token, and this module
  // decides which survive after markdown-it has decoded entities and escapes in the destination.
  const md = new MarkdownItClass({ html: false, linkify: false, typographer: false });
  (md.options as { maxNesting?: number }).maxNesting = MAX_NESTING;
  md.validateLink = () => true;
  return md;
});

/**
 * Glossary text comes from repositories users clone, so a hover shows it as Markdown rebuilt from markdown-it's
 * tokens, never as the text itself: only `https:` links and `file:` links into the glossary folders stay links
 * (decided on the destination after entities and escapes are decoded, so `comm&#97;nd:` is `command:`), images are
 * dropped (their alt text stays), raw HTML and every other character Markdown could read as syntax are escaped.
 */
export function sanitizeGlossaryMarkdown(markdown: string, options: SanitizeOptions = {}): string {
  const roots = options.fileRoots ?? (options.base ? [folderOf(options.base)] : []);
  const env = {};
  const tokens = parser().parse(truncate(markdown), env);
  const out = new Writer();
  renderBlocks(tokens, out, (href) => allowedLink(href, options.base, roots));
  return out.text().trim();
}

function truncate(text: string): string {
  if (text.length <= MAX_SANITIZED_CHARS) return text;
  const cut = text.lastIndexOf(' ', MAX_SANITIZED_CHARS);
  return `${text.slice(0, cut > MAX_SANITIZED_CHARS / 2 ? cut : MAX_SANITIZED_CHARS)} …`;
}

/** The link to write for a destination, or undefined when it must be shown as text only. */
function allowedLink(href: string, base: string | undefined, roots: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = base ? new URL(href, base) : new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:' && url.username === '' && url.password === '') return url.href;
  if (url.protocol !== 'file:' || url.host !== '') return undefined;
  // The URL parser has already resolved "." and ".." segments (also percent-encoded ones).
  const inside = roots.some((root) => {
    let folder: URL;
    try {
      folder = new URL(root);
    } catch {
      return false;
    }
    const prefix = folder.pathname.endsWith('/') ? folder.pathname : `${folder.pathname}/`;
    return folder.protocol === 'file:' && url.pathname.startsWith(prefix);
  });
  return inside ? url.href : undefined;
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** Markdown output with a prefix for each line (list indentation, quote markers). */
class Writer {
  private readonly parts: string[] = [];
  private atLineStart = true;
  private prefixes: string[] = [];
  /** The prefix of the next line only (a list marker), replacing the innermost one. */
  private firstLine: string | undefined;

  push(prefix: string, firstLine?: string): void {
    this.prefixes.push(prefix);
    this.firstLine = firstLine;
  }

  pop(): void {
    if (this.firstLine !== undefined) {
      // An empty list item: its marker alone.
      this.parts.push(`${this.prefixes.slice(0, -1).join('')}${this.firstLine.trimEnd()}\n`);
      this.firstLine = undefined;
      this.atLineStart = true;
    }
    this.prefixes.pop();
  }

  /** Text already escaped; `\n` starts a new prefixed line. */
  write(markdown: string): void {
    let from = 0;
    for (;;) {
      const newline = markdown.indexOf('\n', from);
      const piece = markdown.slice(from, newline < 0 ? markdown.length : newline);
      if (piece !== '') {
        if (this.atLineStart) this.startLine();
        this.parts.push(piece);
        this.atLineStart = false;
      }
      if (newline < 0) return;
      this.newLine();
      from = newline + 1;
    }
  }

  newLine(): void {
    if (this.atLineStart) this.startLine();
    this.parts.push('\n');
    this.atLineStart = true;
  }

  /** Ends the current block with an empty line (inside the current containers). */
  endBlock(): void {
    if (!this.atLineStart) this.newLine();
    const prefix = this.prefixes.join('').trimEnd();
    this.parts.push(`${prefix}\n`);
  }

  get lineStart(): boolean {
    return this.atLineStart;
  }

  text(): string {
    return this.parts.join('');
  }

  private startLine(): void {
    if (this.firstLine !== undefined) {
      this.parts.push(this.prefixes.slice(0, -1).join('') + this.firstLine);
      this.firstLine = undefined;
    } else this.parts.push(this.prefixes.join(''));
  }
}

type LinkCheck = (href: string) => string | undefined;

function renderBlocks(tokens: Token[], out: Writer, link: LinkCheck): void {
  const lists: { ordered: boolean; next: number }[] = [];
  let cells = 0;
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({
          ordered: token.type === 'ordered_list_open',
          next: Number(token.attrGet('start') ?? 1),
        });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (!out.lineStart) out.newLine();
        if (lists.length === 0) out.endBlock();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        const marker = list?.ordered ? `${Math.min(list.next++, 999_999_999)}. ` : '- ';
        if (!out.lineStart) out.newLine();
        out.push(' '.repeat(marker.length), marker);
        break;
      }
      case 'list_item_close':
        if (!out.lineStart) out.newLine();
        out.pop();
        break;
      case 'blockquote_open':
        if (!out.lineStart) out.newLine();
        out.push('> ');
        break;
      case 'blockquote_close':
        out.pop();
        out.endBlock();
        break;
      case 'paragraph_open':
      case 'heading_open':
        if (token.type === 'heading_open') out.write('**');
        break;
      case 'paragraph_close':
      case 'heading_close':
        if (token.type === 'heading_close') out.write('**');
        if (token.hidden)
          out.newLine(); // a tight list item
        else out.endBlock();
        break;
      case 'inline':
        out.write(renderInline(token.children ?? [], link));
        break;
      case 'fence':
      case 'code_block': {
        const fence = '`'.repeat(Math.max(3, longestRun(token.content, '`') + 1));
        if (!out.lineStart) out.newLine();
        out.write(`${fence}\n${token.content.replace(/\n$/, '')}\n${fence}`);
        out.endBlock();
        break;
      }
      case 'table_open':
      case 'thead_open':
      case 'tbody_open':
      case 'th_close':
      case 'td_close':
      case 'thead_close':
      case 'tbody_close':
        break;
      case 'th_open':
      case 'td_open':
        if (cells++ > 0) out.write(' · ');
        break;
      case 'tr_open':
        if (!out.lineStart) out.newLine();
        cells = 0;
        break;
      case 'tr_close':
        out.write('\n');
        break;
      case 'table_close':
        out.endBlock();
        break;
      case 'hr':
        out.write('\\* \\* \\*');
        out.endBlock();
        break;
      default:
        // Anything unknown: its text, escaped.
        if (token.content) {
          out.write(guardLineStarts(escapeText(token.content)));
          out.endBlock();
        }
    }
  }
}

function renderInline(tokens: Token[], link: LinkCheck): string {
  const parts: string[] = [];
  const links: { href: string | undefined; start: number }[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        parts.push(escapeText(token.content));
        break;
      case 'code_inline': {
        const ticks = '`'.repeat(longestRun(token.content, '`') + 1);
        const pad = token.content.startsWith('`') || token.content.endsWith('`') ? ' ' : '';
        parts.push(`${ticks}${pad}${token.content}${pad}${ticks}`);
        break;
      }
      case 'softbreak':
        parts.push('\n');
        break;
      case 'hardbreak':
        parts.push('\\\n');
        break;
      case 'em_open':
      case 'em_close':
        parts.push('*');
        break;
      case 'strong_open':
      case 'strong_close':
        parts.push('**');
        break;
      case 's_open':
      case 's_close':
        parts.push('~~');
        break;
      case 'link_open':
        links.push({ href: link(token.attrGet('href') ?? ''), start: parts.length });
        break;
      case 'link_close': {
        const open = links.pop();
        if (open?.href !== undefined) {
          const label = parts.splice(open.start).join('');
          parts.push(`[${label.trim() === '' ? escapeText(open.href) : label}](${linkDestination(open.href)})`);
        }
        break;
      }
      case 'image':
        // Never an image (a remote one tells its server who looked); its alt text, as text.
        parts.push(escapeText(token.content));
        break;
      default:
        parts.push(escapeText(token.content));
    }
  }
  return guardLineStarts(parts.join(''));
}

/**
 * No line may start with what would open a block: a list marker, a setext underline, an ordered-list number or
 * indentation (a code block). (`#`, `>`, `*` and backticks are escaped everywhere.)
 */
function guardLineStarts(markdown: string): string {
  return markdown
    .replace(/(^|\n)[ \t]+/g, '$1')
    .replace(/(^|\n)(?:([-+=])|(\d{1,9})([.)]))/g, (_, start: string, sign?: string, digits?: string, dot?: string) =>
      sign ? `${start}\\${sign}` : `${start}${digits}\\${dot}`,
    );
}

function linkDestination(href: string): string {
  return href.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Characters Markdown reads as inline syntax anywhere on a line, escaped (so raw HTML is text and no entity can
 * form, `&` being escaped too); what matters only at a line start is guarded by guardLineStarts.
 */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
