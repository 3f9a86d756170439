// Character classes shared by the matcher, completion and the reference tests.
// Matching runs over "folded" characters: case folded, and every separator between words
// (space, tab, line break, hyphen, underscore, non-breaking space or hyphen) folded to one space.

export const FOLDED_SEPARATOR = 32; // ' '

/** Invisible characters that can sit inside a term without breaking it (zero-width joiners, soft hyphen). */
export function isIgnorable(code: number): boolean {
  return (classOf(code) & IGNORABLE) !== 0;
}

export function isSeparator(code: number): boolean {
  return (classOf(code) & SEPARATOR) !== 0;
}

/** Letters, digits and underscore: the characters identifiers are made of, so matches never start or end inside one. */
export function isWordChar(code: number): boolean {
  return (classOf(code) & WORD) !== 0;
}

// Character classes, computed once per UTF-16 code unit and kept in a table: the scanner asks for every character.
export const WORD = 1;
export const SEPARATOR = 2;
export const IGNORABLE = 4;
const KNOWN = 8;
const classes = new Uint8Array(65536);

/** The class bits (WORD, SEPARATOR, IGNORABLE) of one UTF-16 code unit, for loops that test several at once. */
export function classOf(code: number): number {
  const cached = classes[code];
  if (cached !== 0) return cached;
  const computed = computeClass(code) | KNOWN;
  classes[code] = computed;
  return computed;
}

function computeClass(code: number): number {
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xad || code === 0xfeff)
    return IGNORABLE;
  const separator =
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 45 ||
    code === 47 /* / */ ||
    code === 95 ||
    code === 0xa0 ||
    code === 0x2010 ||
    code === 0x2011 ||
    code === 0x2012 ||
    code === 0x2013 ||
    code === 0x202f;
  if (code === 95) return WORD | SEPARATOR; // "_" joins identifiers, yet separates the words of "kv_cache"
  if (separator) return SEPARATOR;
  if (code < 128)
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? WORD : 0;
  // Surrogate halves belong to astral characters (emoji, rare scripts): treat them as letters, never as gaps.
  if (code >= 0xd800 && code <= 0xdfff) return WORD;
  const ch = String.fromCharCode(code);
  return ch.toLowerCase() !== ch.toUpperCase() || /\p{N}/u.test(ch) ? WORD : 0;
}

const lowerCache = new Uint16Array(65536);

/** Case-folds one UTF-16 code unit; code units whose lower case is not a single unit are returned unchanged. */
export function foldCase(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  const cached = lowerCache[code];
  if (cached !== 0) return cached;
  const lower = String.fromCharCode(code).toLowerCase();
  const folded = lower.length === 1 ? lower.charCodeAt(0) : code;
  lowerCache[code] = folded;
  return folded;
}

/** The folded key of a surface form: lower case, separators collapsed to single spaces, trimmed. */
export function foldForm(form: string): string {
  let out = '';
  let pendingSeparator = false;
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (isIgnorable(code)) continue;
    if (isSeparator(code)) {
      pendingSeparator = out.length > 0;
      continue;
    }
    if (pendingSeparator) out += ' ';
    pendingSeparator = false;
    out += String.fromCharCode(foldCase(code));
  }
  return out;
}

/** The characters of a form that must match exactly when the form is case-sensitive (separators dropped). */
export function significantChars(form: string): string {
  let out = '';
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (!isSeparator(code) && !isIgnorable(code)) out += form[i];
  }
  return out;
}

/**
 * Acronyms ("TTFT", "TP", "FP8", "H100") match only in their own case by default, so "tp" in prose or
 * "Tp" in a name is not taken for tensor parallelism. Everything with a lower-case letter matches in any case.
 */
export function isAcronymForm(form: string): boolean {
  return !/\s/.test(form.trim()) && /[A-Z].*[A-Z0-9]|^[A-Z]$/.test(form) && !/[a-z]/.test(form);
}
