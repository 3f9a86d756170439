import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Glossary } from '../core/glossary';
import { Finding, isNotebook, ScanResult } from './scan';

export type Format = 'text' | 'json' | 'sarif';

export function formatFindings(
  findings: readonly Finding[],
  format: Format,
  glossary: Glossary,
  cwd = process.cwd(),
): string {
  if (format === 'json') return `${JSON.stringify(findings, null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarif(findings, glossary, cwd), null, 2)}\n`;
  return findings
    .map((f) => {
      const where = `${f.file}:${f.line}:${f.column}`;
      return f.hint ? `${where}: ${message(f, glossary)}\n` : `${where}\t${f.surface}\t${f.termIds.join(',')}\n`;
    })
    .join('');
}

/** The closing line of `scan` and `check` (on stderr, so the findings on stdout stay machine-readable). */
export function summaryLine(command: 'scan' | 'check', { findings, filesRead }: ScanResult): string {
  const files = `${filesRead} ${filesRead === 1 ? 'file' : 'files'}`;
  const withFindings = new Set(findings.map((f) => f.file)).size;
  if (command === 'scan') {
    const terms = new Set(findings.flatMap((f) => f.termIds)).size;
    return findings.length === 0
      ? `scan: no mentions of glossary terms in ${files}\n`
      : `scan: ${count(findings.length, 'mention')} of ${count(terms, 'term')} in ${withFindings} of ${files}\n`;
  }
  if (findings.length === 0) return `check: no problems in ${files}\n`;
  const of = (kind: string) => findings.filter((f) => f.hint?.kind === kind).length;
  const knobs = findings.filter((f) => f.hint?.kind.startsWith('knob-')).length;
  const parts = [
    `${of('non-canonical')} written differently from the glossary`,
    `${of('deprecated')} deprecated`,
    ...(knobs > 0 ? [`${knobs} knob or metric ${knobs === 1 ? 'name' : 'names'} removed, deprecated or too new`] : []),
  ];
  return `check: ${count(findings.length, 'problem')} (${parts.join(', ')}) in ${withFindings} of ${files}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function message(f: Finding, glossary: Glossary): string {
  if (f.hint && 'message' in f.hint) return f.hint.message;
  const term = glossary.get(f.termIds[0]);
  return f.hint?.kind === 'deprecated'
    ? `"${f.surface}" (${term?.title ?? f.termIds[0]}) is deprecated: use "${f.hint.replacement}"`
    : `write "${f.hint?.replacement}" instead of "${f.surface}"`;
}

/** The base every relative artifact URI is resolved against: the folder the command ran in. */
const SRCROOT = 'SRCROOT';

/** A file as SARIF names it: relative to SRCROOT when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The SARIF rules: one per kind of finding, with its description and level. */
const RULES: Record<string, [string, 'note' | 'warning']> = {
  'glossary/mention': ['Mention of a glossary term', 'note'],
  'glossary/non-canonical': ['Term written differently from the glossary', 'warning'],
  'glossary/deprecated': ['Deprecated glossary term', 'warning'],
  'glossary/knob-removed': ['Engine setting or metric removed in the engine version', 'warning'],
  'glossary/knob-deprecated': ['Deprecated engine setting or metric', 'warning'],
  'glossary/knob-too-new': ['Engine setting or metric newer than the targeted engine version', 'warning'],
};

/**
 * SARIF 2.1.0, the format code-scanning UIs read: one rule per kind of finding, one result per finding, file
 * locations relative to the folder the command ran in (`uriBaseId` SRCROOT), and for `check` a fix that replaces
 * the text (not for notebooks, whose text sits inside JSON strings).
 */
function sarif(findings: readonly Finding[], glossary: Glossary, cwd: string): object {
  const rules = Object.entries(RULES).map(([id, [text, level]]) => ({
    id,
    shortDescription: { text },
    defaultConfiguration: { level },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'llm-glossary', rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + path.sep).href } },
        results: findings.map((f) => {
          const ruleId = f.hint ? `glossary/${f.hint.kind}` : 'glossary/mention';
          const location = artifactLocation(f.file, cwd);
          const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
          return {
            ruleId,
            ruleIndex: rules.findIndex((r) => r.id === ruleId),
            level: f.hint ? 'warning' : 'note',
            message: {
              text: f.hint
                ? message(f, glossary)
                : `${f.surface}: ${f.termIds.map((id) => glossary.get(id)?.title ?? id).join(', ')}`,
            },
            locations: [{ physicalLocation: { artifactLocation: location, region } }],
            fixes:
              f.hint?.replacement && !isNotebook(f.file)
                ? [
                    {
                      description: { text: `Write "${f.hint.replacement}"` },
                      artifactChanges: [
                        {
                          artifactLocation: location,
                          replacements: [{ deletedRegion: region, insertedContent: { text: f.hint.replacement } }],
                        },
                      ],
                    },
                  ]
                : undefined,
          };
        }),
      },
    ],
  };
}
