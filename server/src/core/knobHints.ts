import { compareVersions, Knob } from './knobs';
import type { Mention } from './mentions';

/** A knob or metric used where its engine version says it should not be: removed, deprecated, or not there yet. */
export interface KnobHint {
  start: number;
  end: number;
  kind: 'removed' | 'deprecated' | 'too-new';
  knob: Knob;
  message: string;
  /** The name to write instead, when the glossary names one. */
  replacement?: string;
}

/**
 * Hints for knob and metric names in a document. Without a target version for the knob's engine, a name that has
 * been removed or deprecated in some version is reported (documents and dashboards outlive releases); with one
 * (`engineVersions: { vllm: "0.11" }`), only what is removed or deprecated by that version, or newer than it.
 */
export function knobHints(
  text: string,
  mentions: readonly Mention[],
  engineVersions: Readonly<Record<string, string>> = {},
  /** How an engine is named in a message ("vLLM" for vllm). */
  engineTitle: (engine: string) => string = (engine) => engine,
): KnobHint[] {
  const hints: KnobHint[] = [];
  for (const mention of mentions) {
    if (!mention.knobs) continue;
    const written = text.slice(mention.start, mention.end);
    for (const knob of mention.knobs) {
      if (knob.name !== written && !knob.spellings.includes(written) && !written.startsWith(knob.name)) continue;
      const hint = hintFor(knob, written, engineVersions[knob.engine], engineTitle(knob.engine));
      if (hint) {
        hints.push({ start: mention.start, end: mention.end, knob, ...hint });
        break; // one hint per mention: the first knob of that name that has something to say
      }
    }
  }
  return hints;
}

function hintFor(
  knob: Knob,
  written: string,
  target: string | undefined,
  engine: string,
): Pick<KnobHint, 'kind' | 'message' | 'replacement'> | undefined {
  const instead = knob.replacedBy ? `; use \`${knob.replacedBy}\`` : '';
  // A metric written with a PromQL suffix (_total, _bucket) keeps it in the replacement.
  const suffix =
    written.length > knob.name.length && written.startsWith(knob.name) ? written.slice(knob.name.length) : '';
  const replacement = knob.replacedBy && /^[^\s]+$/.test(knob.replacedBy) ? knob.replacedBy + suffix : undefined;
  const reached = (version: string | undefined) =>
    version !== undefined && (target === undefined || compareVersions(target, version) >= 0);
  if (reached(knob.removed)) {
    return {
      kind: 'removed',
      message: `\`${written}\` was removed in ${engine} ${knob.removed}${instead}`,
      replacement,
    };
  }
  if (reached(knob.deprecated)) {
    return {
      kind: 'deprecated',
      message: `\`${written}\` is deprecated since ${engine} ${knob.deprecated}${instead}`,
      replacement,
    };
  }
  if (target !== undefined && knob.since !== undefined && compareVersions(target, knob.since) < 0) {
    return {
      kind: 'too-new',
      message: `\`${written}\` needs ${engine} ${knob.since} or later; this workspace targets ${engine} ${target}`,
    };
  }
  return undefined;
}
