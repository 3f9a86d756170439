import { DEFAULT_MAX_DOCUMENT_CHARS } from './analysisCache';

export interface ServerSettings {
  glossaryPaths: string[];
  maxDocumentChars: number;
  spellingHints: boolean;
  deprecationHints: boolean;
  semanticHighlighting: boolean;
  /** Term files are also checked for sources, review age and stub sections. */
  lintQuality: boolean;
  /** Removed, deprecated or too-new engine flags and metrics in documents are reported. */
  knobHints: boolean;
  /** The engine versions the workspace targets ({ "vllm": "0.11" }), for version-aware knob hints. */
  engineVersions: Record<string, string>;
}

/** Settings from initializationOptions or the `llmGlossary` configuration section; anything malformed falls back. */
export function settingsFrom(raw: unknown, fallback?: ServerSettings): ServerSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const paths = Array.isArray(value.glossaryPaths)
    ? value.glossaryPaths.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : undefined;
  const maxSize =
    typeof value.maxDocumentSize === 'number' && value.maxDocumentSize > 0 ? value.maxDocumentSize : undefined;
  const diagnostics = (value.diagnostics && typeof value.diagnostics === 'object' ? value.diagnostics : {}) as Record<
    string,
    unknown
  >;
  const flag = (raw: unknown, previous: boolean | undefined, byDefault: boolean) =>
    typeof raw === 'boolean' ? raw : (previous ?? byDefault);
  return {
    glossaryPaths: paths ?? fallback?.glossaryPaths ?? [],
    maxDocumentChars: maxSize ?? fallback?.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS,
    spellingHints: flag(diagnostics.spelling, fallback?.spellingHints, false),
    deprecationHints: flag(diagnostics.deprecated, fallback?.deprecationHints, false),
    semanticHighlighting: flag(value.semanticHighlighting, fallback?.semanticHighlighting, false),
    lintQuality: flag((value.lint as Record<string, unknown> | undefined)?.quality, fallback?.lintQuality, false),
    knobHints: flag(diagnostics.knobs, fallback?.knobHints, true),
    engineVersions: versionsFrom(value.engineVersions) ?? fallback?.engineVersions ?? {},
  };
}

/** `{ "vllm": "0.11", "sglang": "0.5.4" }`; anything else is ignored. */
function versionsFrom(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw).filter(([, v]) => typeof v === 'string' && /^v?\d+(\.\d+)*/.test(v));
  return Object.fromEntries(entries.map(([k, v]) => [k, String(v).replace(/^v/, '')]));
}
