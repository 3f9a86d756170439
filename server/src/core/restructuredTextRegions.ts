import { proseRegionsWithin } from './inlineExclusions';
import { linesOf } from './masking';
import type { Region } from './region';

/** Directives whose body is prose (admonitions and the like); every other directive's body is code or data. */
const PROSE_DIRECTIVES = new Set([
  'note',
  'warning',
  'tip',
  'important',
  'caution',
  'attention',
  'danger',
  'error',
  'hint',
  'admonition',
  'seealso',
  'topic',
  'sidebar',
  'rubric',
  'versionadded',
  'versionchanged',
  'deprecated',
  'glossary',
  'epigraph',
  'highlights',
  'pull-quote',
  'container',
  'only',
  'tab',
  'tab-item',
  'dropdown',
  'card',
]);
// `..` markup: a directive (`.. note::`), a target (`.. _name:`), a footnote or citation (`.. [1]`), a substitution.
const DIRECTIVE = /^(\s*)\.\.\s+([\w:.+-]+)::(.*)$/;
const MARKUP = /^(\s*)\.\.\s+(_|\[|\|)/;
const COMMENT = /^(\s*)\.\.(\s|$)/;
const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}\s*$/;
// Inline literals and roles that name code (``x``, :code:`x`, :py:func:`x`); other roles (:term:, :ref:) are text.
const INLINE_CODE =
  /``[^`]+``|:(?:[\w-]+:)?(?:code|func|class|meth|mod|attr|obj|data|envvar|option|file|program|samp|kbd|math|command|exc|const|var|type|member|macro|struct|enum):`[^`]*`/g;

/**
 * Regions of a reStructuredText document: paragraphs, titles, lists and the bodies of admonitions; not literal
 * blocks (after `::`), code and data directives, targets, section adornments, doctest blocks or inline literals.
 * Comments (`.. text`) are comment regions.
 */
export function restructuredTextRegions(text: string): Region[] {
  const regions: Region[] = [];
  const lines = linesOf(text);
  /** Lines indented deeper than this belong to the block being skipped (or read as a comment). */
  let skipIndent = -1;
  let skipKind: 'code' | 'comment' = 'code';
  let literalNext = false;
  for (const { start, end } of lines) {
    const line = text.slice(start, end);
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '') {
      if (literalNext) {
        skipIndent = currentIndent(lines, text, start);
        skipKind = 'code';
        literalNext = false;
      }
      continue;
    }
    if (skipIndent >= 0) {
      if (indent > skipIndent) {
        if (skipKind === 'comment') proseLine(text, start + indent, end, 'comment', regions);
        continue;
      }
      skipIndent = -1;
    }
    literalNext = false;
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      const name = directive[2].replace(/^\w+:/, '').toLowerCase();
      if (!PROSE_DIRECTIVES.has(name)) {
        skipIndent = directive[1].length;
        skipKind = 'code';
      } else if (directive[3].trim() !== '') {
        proseLine(text, start + line.indexOf('::') + 2, end, 'prose', regions);
      }
      continue;
    }
    if (MARKUP.test(line)) {
      skipIndent = indent;
      skipKind = 'code';
      continue;
    }
    const comment = COMMENT.exec(line);
    if (comment) {
      skipIndent = indent;
      skipKind = 'comment';
      proseLine(text, start + indent + 2, end, 'comment', regions);
      continue;
    }
    if (ADORNMENT.test(line)) continue;
    if (/^\s*>>>/.test(line)) {
      skipIndent = indent - 1;
      continue;
    }
    // A field list item (:param x: text): the text after the field name.
    const field = /^\s*:[^:\n]+:(\s|$)/.exec(line);
    proseLine(text, start + (field ? field[0].length : indent), end, 'prose', regions);
    if (/::\s*$/.test(line)) literalNext = true;
  }
  return regions;
}

/** The indentation of the paragraph a line belongs to (the literal block after it must be deeper). */
function currentIndent(lines: readonly { start: number; end: number }[], text: string, before: number): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const { start, end } = lines[i];
    if (start >= before) continue;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line.length - line.trimStart().length;
  }
  return 0;
}

function proseLine(text: string, start: number, end: number, kind: Region['kind'], out: Region[]): void {
  let at = start;
  const slice = text.slice(start, end);
  for (const code of slice.matchAll(INLINE_CODE)) {
    proseRegionsWithin(text, at, start + code.index, kind, out);
    at = start + code.index + code[0].length;
  }
  if (end > at) proseRegionsWithin(text, at, end, kind, out);
  // A `::` that ends a paragraph is markup, not text.
  const last = out[out.length - 1];
  if (last && text.slice(last.start, last.end).endsWith('::')) last.end -= 2;
  while (out.length > 0 && out[out.length - 1].end <= out[out.length - 1].start) out.pop();
}
