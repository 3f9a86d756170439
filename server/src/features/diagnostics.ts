import { Diagnostic, DiagnosticSeverity } from './lsp';
import type { Problem } from '../core/frontMatter';

/** Problems of a term file as LSP diagnostics, one per problem, covering the offending line. */
export function diagnosticsFor(problems: readonly Problem[]): Diagnostic[] {
  return problems.map((problem) => ({
    range: { start: { line: problem.line, character: 0 }, end: { line: problem.line, character: 10000 } },
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'llm-glossary',
    message: problem.message,
  }));
}
