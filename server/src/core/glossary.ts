import { isIdentifierToken, isSnakeCaseToken } from './inlineExclusions';
import { SurfaceForm, SurfaceMatcher, SurfaceMatcherData } from './matcher';
import { NamedThing, NameMatcher, NameMatcherData } from './nameMatcher';
import { ContextRule, contextRulesOf } from './senses';
import { partitionPoint } from './spans';
import { foldForm, isAcronymForm } from './textFolding';
import { inflectedForms } from './wordForms';
import { Category } from './taxonomy';
import { Term } from './termFile';

/**
 * A compiled Glossary apart from its terms: its forms (written and accepted generated ones), its matchers, context rules
 * and overridden ids, as flat arrays and strings. The build stores it for the bundled glossary, so that a start
 * compiles nothing (see Glossary.fromData); toData gives it.
 */
export interface GlossaryData {
  overridden: string[];
  /** Every form: its text, its term (an index into formTermIds) and whether it is case-sensitive (1). */
  formTexts: string[];
  formTermIds: string[];
  formTerm: Int32Array;
  formCaseSensitive: Uint8Array;
  matcher: SurfaceMatcherData;
  names: NameMatcherData;
  contextRules: [string, ContextRule[]][];
  contextTermsOf: [string, string[]][];
}

/**
 * The terms in force after layering (bundled first, then each team folder; a later layer replaces an
 * earlier term with the same id), and the matcher compiled once from all their titles and aliases.
 */
export class Glossary {
  readonly terms: ReadonlyMap<string, Term>;
  readonly matcher: SurfaceMatcher;
  /** Exact names: knobs, metrics and identifier-like names, matched case-sensitively everywhere they may be. */
  readonly names: NameMatcher;
  /** Terms with contexts in which their forms mean something else ("decode ... certificate"). */
  readonly contextRules: ReadonlyMap<string, readonly ContextRule[]>;
  /** For terms with context forms: the terms whose nearby mention makes them count (the term and its context terms). */
  readonly contextTermsOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** Ids whose term in force replaced one from an earlier layer. */
  readonly overridden: ReadonlySet<string>;
  private readonly categoryTitles: ReadonlyMap<string, string>;
  private readonly engineTitles: ReadonlyMap<string, string>;
  private readonly data: GlossaryData;
  private formList?: readonly SurfaceForm[];
  private formsByKey?: { key: string; form: SurfaceForm }[];

  /**
   * `commonWords`: everyday English words; a generated word form that is one ("batch" from Batching) is not used,
   * nor one another term also claims or generates. Instead of layers, `prebuilt` gives the terms in force and the
   * data a glossary of them gave (toData): the glossary answers exactly as that one did.
   */
  constructor(
    layers: readonly (readonly Term[])[] | { prebuilt: GlossaryData; terms: ReadonlyMap<string, Term> },
    categories: readonly Category[] = [],
    options: { commonWords?: ReadonlySet<string>; engines?: readonly { id: string; title: string }[] } = {},
  ) {
    if ('prebuilt' in layers) {
      this.terms = layers.terms;
      this.data = layers.prebuilt;
    } else {
      const terms = new Map<string, Term>();
      const overridden = new Set<string>();
      for (const layer of layers) {
        for (const term of layer) {
          if (terms.has(term.id)) overridden.add(term.id);
          terms.set(term.id, term);
        }
      }
      this.terms = terms;
      const written = [...terms.values()].flatMap(surfaceFormsOf);
      this.formList = [...written, ...acceptedGeneratedForms([...terms.values()], written, options.commonWords)];
      this.data = compileGlossary([...terms.values()], overridden, this.formList);
    }
    const data = this.data;
    this.overridden = new Set(data.overridden);
    this.matcher = SurfaceMatcher.fromData(data.matcher);
    this.names = new NameMatcher(data.names, (termId, knobIndex) => this.terms.get(termId)!.knobs[knobIndex]);
    this.contextTermsOf = new Map(data.contextTermsOf.map(([id, ids]) => [id, new Set(ids)] as const));
    this.contextRules = new Map(data.contextRules);
    this.categoryTitles = new Map(categories.map((c) => [c.id, c.title]));
    this.engineTitles = new Map((options.engines ?? []).map((e) => [e.id, e.title]));
  }

  /** A glossary of `terms` (the terms in force, in order) from the data a glossary of the same terms gave. */
  static fromData(
    data: GlossaryData,
    terms: ReadonlyMap<string, Term>,
    categories: readonly Category[] = [],
    options: { engines?: readonly { id: string; title: string }[] } = {},
  ): Glossary {
    return new Glossary({ prebuilt: data, terms }, categories, options);
  }

  /** What this glossary is compiled into (without its terms); shared, never to be changed. */
  toData(): GlossaryData {
    return this.data;
  }

  /** Every form the matcher knows, the generated word forms included. */
  get forms(): readonly SurfaceForm[] {
    if (!this.formList) {
      const { formTexts, formTermIds, formTerm, formCaseSensitive } = this.data;
      this.formList = formTexts.map((text, i) => ({
        text,
        termId: formTermIds[formTerm[i]],
        caseSensitive: formCaseSensitive[i] === 1,
      }));
    }
    return this.formList;
  }

  /** Forms whose folded text starts with the folded prefix, by binary search over the sorted keys. */
  formsStartingWith(foldedPrefix: string): SurfaceForm[] {
    // Made on the first completion, not at start.
    const formsByKey = (this.formsByKey ??= this.forms
      .filter((form) => form.termId !== BLOCKING_TERM_ID && !form.termId.startsWith(CONTEXT_PREFIX))
      .map((form) => ({ key: foldForm(form.text), form }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
    const from = partitionPoint(formsByKey.length, (i) => formsByKey[i].key < foldedPrefix);
    const found: SurfaceForm[] = [];
    for (let i = from; i < formsByKey.length && formsByKey[i].key.startsWith(foldedPrefix); i++)
      found.push(formsByKey[i].form);
    return found;
  }

  get(id: string): Term | undefined {
    return this.terms.get(id);
  }

  engineTitle(id: string): string {
    return this.engineTitles.get(id) ?? id;
  }

  categoryTitle(id: string): string {
    return this.categoryTitles.get(id) ?? id;
  }
}

/** What the constructor compiles from the terms in force: see GlossaryData. */
function compileGlossary(
  terms: readonly Term[],
  overridden: ReadonlySet<string>,
  forms: readonly SurfaceForm[],
): GlossaryData {
  const formTermIds: string[] = [];
  const termIndex = new Map<string, number>();
  const formTerm = new Int32Array(forms.length);
  forms.forEach((form, i) => {
    let t = termIndex.get(form.termId);
    if (t === undefined) termIndex.set(form.termId, (t = formTermIds.push(form.termId) - 1));
    formTerm[i] = t;
  });
  return {
    overridden: [...overridden],
    formTexts: forms.map((f) => f.text),
    formTermIds,
    formTerm,
    formCaseSensitive: Uint8Array.from(forms, (f) => (f.caseSensitive ? 1 : 0)),
    matcher: new SurfaceMatcher(forms).toData(),
    names: new NameMatcher(terms.flatMap(namesOf)).toData(),
    contextRules: terms
      .map((t) => [t.id, contextRulesOf(t)] as [string, ContextRule[]])
      .filter(([, r]) => r.length > 0),
    contextTermsOf: terms
      .filter((t) => t.contextForms.length > 0)
      .map((t) => [t.id, [...new Set([t.id, ...(t.contextTerms.length > 0 ? t.contextTerms : t.related)])]]),
  };
}

/** Generated forms that no written form already claims, that only one term generates, and that are no everyday word. */
function acceptedGeneratedForms(
  terms: readonly Term[],
  written: readonly SurfaceForm[],
  commonWords?: ReadonlySet<string>,
): SurfaceForm[] {
  const claimed = new Set(written.map((f) => foldForm(f.text)));
  const byKey = new Map<string, SurfaceForm[]>();
  for (const form of terms.flatMap(generatedFormsOf)) {
    const key = foldForm(form.text);
    if (claimed.has(key) || (!key.includes(' ') && commonWords?.has(key))) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), form]);
  }
  const accepted: SurfaceForm[] = [];
  for (const forms of byKey.values()) if (new Set(forms.map((f) => f.termId)).size === 1) accepted.push(...forms);
  return accepted;
}

/**
 * Every form a term is written with by its author — title, aliases, case-sensitive forms and `forms` — with the
 * case rule that applies to it, plus its `avoid` phrases as blocking forms (empty termId): being longer, they win
 * the leftmost-longest match and claim the span. Word forms the glossary generates come on top (see Glossary).
 */
export function surfaceFormsOf(term: Term): SurfaceForm[] {
  const exact = new Set(term.caseSensitive);
  const relaxed = new Set(term.caseInsensitive);
  const forms = [term.title, ...term.aliases, ...term.caseSensitive, ...term.forms];
  const seen = new Set<string>();
  const result: SurfaceForm[] = [];
  for (const text of forms) {
    // Identifier-like names are matched exactly (names); a snake_case one also reads as words ("ext-proc", "ext proc").
    if (seen.has(text) || (isIdentifierName(text) && !isSnakeCaseToken(text))) continue;
    seen.add(text);
    const caseSensitive = term.explicitOnly || exact.has(text) || (isAcronymForm(text) && !relaxed.has(text));
    result.push({ text, termId: term.id, caseSensitive });
  }
  // Everyday words that count only next to related mentions: a term id of their own until the context confirms them.
  for (const text of term.contextForms)
    result.push({ text, termId: CONTEXT_PREFIX + term.id, caseSensitive: term.caseSensitive.includes(text) });
  for (const entry of term.avoid) {
    if (!entry.includes('...'))
      for (const text of expandAlternatives(entry))
        result.push({ text, termId: BLOCKING_TERM_ID, caseSensitive: false });
  }
  return result;
}

/**
 * Forms generated from a term's names (see wordForms.ts), each a candidate the glossary may refuse: "decoding" and
 * "decoded" for Decode, "quantized" for Quantization, "RollingUpdate" for Rolling update.
 */
export function generatedFormsOf(term: Term): SurfaceForm[] {
  if (term.explicitOnly) return [];
  const exact = new Set(term.caseSensitive);
  const excluded = new Set(term.excludeForms.map(foldForm));
  const out: SurfaceForm[] = [];
  for (const name of [term.title, ...term.aliases]) {
    if (exact.has(name) || isAcronymForm(name) || isIdentifierName(name)) continue;
    for (const text of inflectedForms(name))
      if (!excluded.has(foldForm(text))) out.push({ text, termId: term.id, caseSensitive: false });
    // Kubernetes kinds and type names join the words: RollingUpdate, HorizontalPodAutoscaler.
    const words = name.split(/[\s-]+/);
    const joined = words.map((w) => (w ? w[0].toUpperCase() + w.slice(1) : '')).join('');
    const joinable = words.length >= 2 && words.every((w) => /^[A-Za-z][a-z]*$/.test(w) || /^[A-Z]+$/.test(w));
    if (joinable && !excluded.has(foldForm(joined))) out.push({ text: joined, termId: term.id, caseSensitive: true });
  }
  return out;
}

/** Exact names of a term: its knobs and metrics with their spellings, and identifier-like titles and aliases. */
export function namesOf(term: Term): NamedThing[] {
  const names: NamedThing[] = [];
  const own = new Set([term.title, ...term.aliases].flatMap((n) => foldForm(n).split(' ')));
  const affinity = (name: string) =>
    foldForm(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2'))
      .split(' ')
      .filter((w) => own.has(w)).length;
  term.knobs.forEach((knob, knobIndex) => {
    for (const name of [knob.name, ...knob.spellings])
      names.push({ name, termId: term.id, knob, knobIndex, affinity: affinity(name) });
  });
  for (const form of [term.title, ...term.aliases, ...term.forms]) {
    if (!isIdentifierName(form)) continue;
    // Written as it is, and as it starts a sentence or sits in lower case ("llama.cpp", "Llama.cpp").
    for (const name of new Set([form, form.toLowerCase(), form[0].toUpperCase() + form.slice(1)]))
      names.push({ name, termId: term.id });
  }
  return names;
}

/** A name written as one identifier-like token (llama.cpp, torch.compile): matched exactly, as names are. */
function isIdentifierName(form: string): boolean {
  return !/\s/.test(form.trim()) && isIdentifierToken(form.trim());
}

/** "{GitHub|HF|API} token" → "GitHub token", "HF token", "API token" (at most 64 expansions). */
export function expandAlternatives(pattern: string): string[] {
  let results = [''];
  for (const part of pattern.split(/(\{[^{}]*\})/)) {
    const choices = part.startsWith('{') && part.endsWith('}') ? part.slice(1, -1).split('|') : [part];
    results = results.flatMap((r) => choices.map((c) => r + c)).slice(0, 64);
  }
  return results.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r !== '');
}

/** The termId of forms that only block: a match of one of them is no mention. */
export const BLOCKING_TERM_ID = '';
/** Forms of a term that need its context (contextForms) carry its id behind this prefix until confirmed. */
export const CONTEXT_PREFIX = '~';
