import type { Problem } from './frontMatter';
import type { Term } from './termFile';

export interface QualityOptions {
  /** Today's date (YYYY-MM-DD); the core reads no clock. */
  today?: string;
  /** A review older than this many days is reported; 0 turns the check off. */
  maxReviewAgeDays?: number;
}

export const DEFAULT_MAX_REVIEW_AGE_DAYS = 365;
/** The floor below which a section reads as a stub (see _meta/style-guide.md, "Enough to act on"). */
export const MIN_KEY_PROPERTIES = 3;
export const MIN_PITFALLS = 2;
export const MIN_PRACTICE_WORDS = 35;

/**
 * Warnings about an entry's substance rather than its shape: no sources, a review that is missing or old, and
 * sections too thin to act on. Warnings, so a team glossary can adopt the rules at its own pace.
 */
export function qualityProblems(term: Term, lineOf: (key: string) => number, options: QualityOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const warn = (line: number, message: string) => problems.push({ line, severity: 'warning', message });
  if (term.sources.length === 0)
    warn(
      lineOf('id'),
      'no sources: list the primary sources the entry was checked against (engine docs or source files, papers, vendor docs) under "sources"',
    );
  if (!term.reviewed) {
    warn(
      lineOf('id'),
      'no review date: add "reviewed" with the date the claims were checked (and the engine versions, for version-sensitive claims)',
    );
  } else {
    const maxAge = options.maxReviewAgeDays ?? DEFAULT_MAX_REVIEW_AGE_DAYS;
    const age = options.today ? daysBetween(term.reviewed.date, options.today) : 0;
    if (maxAge > 0 && age > maxAge)
      warn(
        lineOf('reviewed'),
        `last reviewed ${term.reviewed.date}, ${age} days ago (the limit is ${maxAge}): check the claims against current sources`,
      );
    if (age < -1) warn(lineOf('reviewed'), `review date ${term.reviewed.date} is in the future`);
  }
  const section = (name: keyof Term['sections']) => term.sections[name];
  const bullets = (text: string) => text.split('\n').filter((line) => /^[-*] \S/.test(line)).length;
  const keyProperties = section('Key properties');
  if (keyProperties && bullets(keyProperties.text) < MIN_KEY_PROPERTIES) {
    warn(
      keyProperties.line,
      `"Key properties" has ${bullets(keyProperties.text)} bullet(s); write at least ${MIN_KEY_PROPERTIES} checkable facts (defaults, units, typical numbers)`,
    );
  }
  const pitfalls = section('Common pitfalls');
  if (pitfalls && bullets(pitfalls.text) < MIN_PITFALLS)
    warn(
      pitfalls.line,
      `"Common pitfalls" has ${bullets(pitfalls.text)} bullet(s); write at least ${MIN_PITFALLS}, each with its symptom`,
    );
  const practice = section('In practice');
  if (practice) {
    const words = practice.text.split(/\s+/).filter(Boolean).length;
    if (words < MIN_PRACTICE_WORDS)
      warn(
        practice.line,
        `"In practice" has ${words} words; at least ${MIN_PRACTICE_WORDS}, naming what an engineer uses (flag, metric, command) and a typical number`,
      );
    else if (!/`[^`\n]+`|\d/.test(practice.text))
      warn(
        practice.line,
        '"In practice" names nothing concrete: add the flag, metric or command (as `code`) or a typical number',
      );
  }
  return problems;
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
