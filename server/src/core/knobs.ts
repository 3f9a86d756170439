import type { Problem } from './frontMatter';

/** How a setting is given to its engine or tool. */
export const KNOB_KINDS = ['flag', 'env', 'config', 'param', 'command'] as const;
export type KnobKind = (typeof KNOB_KINDS)[number];
export const METRIC_TYPES = ['counter', 'gauge', 'histogram', 'summary'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/**
 * An exact name an engineer writes in a deployment: an engine flag, environment variable, config field or request
 * parameter (a knob), or a metric name. Matched exactly, with its case, wherever it appears.
 */
export interface Knob {
  name: string;
  /** Other exact spellings of the same setting: the Python keyword, a Helm values key ("maxModelLen"). */
  spellings: string[];
  engine: string;
  kind: KnobKind | 'metric';
  metricType?: MetricType;
  default?: string;
  /** Engine versions: the first with the name, the one that deprecated it, the one that removed it. */
  since?: string;
  deprecated?: string;
  removed?: string;
  /** The name to use instead once deprecated or removed. */
  replacedBy?: string;
  /**
   * Keys this one belongs under: as a YAML or JSON key, the name is this knob only directly under one of them
   * (`timeoutSeconds` of a probe is under `readinessProbe`, `livenessProbe` or `startupProbe`; elsewhere it is some
   * other setting's timeout). Prose, comments, flags and `key=value` lines are not restricted.
   */
  under?: string[];
  /** Primary source (engine docs or source file at a version). */
  source: string;
}

const VERSION = /^v?\d+(\.\d+){0,3}([-.+][0-9A-Za-z.]+)?$/;
const KNOB_NAME = /^[^\s]{2,120}$/;
const KNOWN_FIELDS = new Set([
  'name',
  'spellings',
  'engine',
  'kind',
  'type',
  'default',
  'since',
  'deprecated',
  'removed',
  'replaced_by',
  'under',
  'source',
]);
const KEY_NAME = /^[^\s:#{}[\],"']{1,120}$/;

/**
 * Reads the `knobs` or `metrics` list of a term's front matter. Each malformed entry is reported at `line` (the
 * key's line) and left out; the rest load.
 */
export function parseKnobList(
  value: unknown,
  key: 'knobs' | 'metrics',
  line: number,
  engines?: ReadonlySet<string>,
): { knobs: Knob[]; problems: Problem[] } {
  const knobs: Knob[] = [];
  const problems: Problem[] = [];
  if (value === undefined || value === null) return { knobs, problems };
  const error = (message: string) => problems.push({ line, severity: 'error', message });
  if (!Array.isArray(value)) {
    error(
      `front matter "${key}" must be a list of entries with name, engine${key === 'knobs' ? ', kind' : ', type'} and source`,
    );
    return { knobs, problems };
  }
  value.forEach((raw, index) => {
    const where = `${key}[${index}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      error(`${where} must be a mapping with name, engine and source`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const errorsBefore = problems.filter((p) => p.severity === 'error').length;
    const text = (field: string): string | undefined => {
      const v = entry[field];
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
      error(`${where}.${field} must be text`);
      return undefined;
    };
    for (const field of Object.keys(entry))
      if (!KNOWN_FIELDS.has(field))
        problems.push({ line, severity: 'warning', message: `${where}: unknown field "${field}"` });
    const name = text('name');
    const engine = text('engine');
    const source = text('source');
    if (!name || !KNOB_NAME.test(name)) return void error(`${where}.name must be the exact name, without spaces`);
    const label = `${where} (${name})`;
    if (!engine) return void error(`${label} needs an engine`);
    if (engines && !engines.has(engine))
      problems.push({
        line,
        severity: 'warning',
        message: `${label}: unknown engine "${engine}"; known: ${[...engines].join(', ')}`,
      });
    if (!source || !/^https:\/\/\S+$/.test(source))
      return void error(`${label} needs a source: an https URL of the engine's docs or source file`);
    let kind: Knob['kind'] = 'metric';
    let metricType: MetricType | undefined;
    if (key === 'knobs') {
      const k = text('kind');
      if (!k || !(KNOB_KINDS as readonly string[]).includes(k))
        return void error(`${label}.kind must be one of ${KNOB_KINDS.join(', ')}`);
      kind = k as KnobKind;
    } else {
      const t = text('type');
      if (!t || !(METRIC_TYPES as readonly string[]).includes(t))
        return void error(`${label}.type must be one of ${METRIC_TYPES.join(', ')}`);
      metricType = t as MetricType;
    }
    const version = (field: string) => {
      const v = text(field);
      if (v !== undefined && !VERSION.test(v)) error(`${label}.${field} must be a version such as 0.11.0`);
      return v !== undefined && VERSION.test(v) ? v.replace(/^v/, '') : undefined;
    };
    const since = version('since');
    const deprecated = version('deprecated');
    const removed = version('removed');
    const replacedBy = text('replaced_by');
    if ((deprecated || removed) && !replacedBy)
      problems.push({
        line,
        severity: 'warning',
        message: `${label} is deprecated or removed: name what replaces it in replaced_by`,
      });
    if (since && removed && compareVersions(since, removed) >= 0)
      error(`${label}: removed (${removed}) must come after since (${since})`);
    if (deprecated && removed && compareVersions(deprecated, removed) > 0)
      error(`${label}: deprecated (${deprecated}) must not come after removed (${removed})`);
    const spellings = entry.spellings;
    if (
      spellings !== undefined &&
      (!Array.isArray(spellings) || spellings.some((s) => typeof s !== 'string' || !KNOB_NAME.test(s)))
    ) {
      error(`${label}.spellings must be a list of exact names`);
    }
    const under = entry.under;
    if (
      under !== undefined &&
      (!Array.isArray(under) || under.length === 0 || under.some((k) => typeof k !== 'string' || !KEY_NAME.test(k)))
    ) {
      error(`${label}.under must be a list of the keys it belongs under`);
    }
    if (problems.filter((p) => p.severity === 'error').length > errorsBefore) return; // reported; the entry is left out
    knobs.push({
      name,
      spellings: Array.isArray(spellings)
        ? spellings.filter((s): s is string => typeof s === 'string' && KNOB_NAME.test(s))
        : [],
      engine,
      kind,
      metricType,
      default: text('default'),
      since,
      deprecated,
      removed,
      replacedBy,
      ...(Array.isArray(under) ? { under: under as string[] } : {}),
      source,
    });
  });
  return { knobs, problems };
}

/** Compares dotted versions numerically ("0.10.2" > "0.9"); a pre-release suffix sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.replace(/^v/, '').split(/[-+]/, 2);
    return { parts: core.split('.').map((p) => Number.parseInt(p, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
