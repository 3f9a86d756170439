import * as path from 'path';
import type { Glossary } from '../core/glossary';
import type { Finding } from './scan';

export type Format = 'text' | 'json' | 'sarif';

export function formatFindings(findings: readonly Finding[], format: Format, glossary: Glossary): string {
  if (format === 'json') return `${JSON.stringify(findings, null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarif(findings, glossary), null, 2)}\n`;
  return findings
    .map((f) => {
      const where = `${f.file}:${f.line}:${f.column}`;
      return f.hint ? `${where}: ${message(f, glossary)}\n` : `${where}\t${f.surface}\t${f.termIds.join(',')}\n`;
    })
    .join('');
}

function message(f: Finding, glossary: Glossary): string {
  const term = glossary.get(f.termIds[0]);
  return f.hint?.kind === 'deprecated'
    ? `"${f.surface}" (${term?.title ?? f.termIds[0]}) is deprecated: use "${f.hint.replacement}"`
    : `write "${f.hint?.replacement}" instead of "${f.surface}"`;
}

/** SARIF 2.1.0, the format code-scanning UIs read: one rule per kind of finding, one result per finding. */
function sarif(findings: readonly Finding[], glossary: Glossary): object {
  const rules = [
    {
      id: 'glossary/mention',
      shortDescription: { text: 'Mention of a glossary term' },
      defaultConfiguration: { level: 'note' },
    },
    {
      id: 'glossary/non-canonical',
      shortDescription: { text: 'Term written differently from the glossary' },
      defaultConfiguration: { level: 'warning' },
    },
    {
      id: 'glossary/deprecated',
      shortDescription: { text: 'Deprecated glossary term' },
      defaultConfiguration: { level: 'warning' },
    },
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'llm-glossary', informationUri: 'https://example.invalid/llm-deployment-glossary', rules },
        },
        results: findings.map((f) => {
          const ruleId = f.hint ? `glossary/${f.hint.kind}` : 'glossary/mention';
          return {
            ruleId,
            level: f.hint ? 'warning' : 'note',
            message: {
              text: f.hint
                ? message(f, glossary)
                : `${f.surface}: ${f.termIds.map((id) => glossary.get(id)?.title ?? id).join(', ')}`,
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.file.split(path.sep).join('/') },
                  region: { startLine: f.line, startColumn: f.column, endColumn: f.column + f.surface.length },
                },
              },
            ],
            fixes: f.hint ? [{ description: { text: `Write "${f.hint.replacement}"` } }] : undefined,
          };
        }),
      },
    ],
  };
}
