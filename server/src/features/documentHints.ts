import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DiagnosticTag, TextEdit } from './lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Glossary } from '../core/glossary';
import type { KnobHint } from '../core/knobHints';
import type { SpellingHint } from '../core/spelling';

/** Spelling and deprecation hints as LSP diagnostics carrying their replacement for the quick fix. */
export function hintDiagnostics(
  glossary: Glossary,
  document: TextDocument,
  hints: readonly SpellingHint[],
): Diagnostic[] {
  return hints.map((hint) => {
    const term = glossary.get(hint.termId);
    const written = document.getText().slice(hint.start, hint.end);
    const message =
      hint.kind === 'deprecated'
        ? `"${written}" (${term?.title ?? hint.termId}) is deprecated in the glossary: use "${hint.replacement}"`
        : `The glossary writes this term "${hint.replacement}"`;
    return {
      range: { start: document.positionAt(hint.start), end: document.positionAt(hint.end) },
      severity: hint.kind === 'deprecated' ? DiagnosticSeverity.Information : DiagnosticSeverity.Hint,
      tags: hint.kind === 'deprecated' ? [DiagnosticTag.Deprecated] : undefined,
      source: 'llm-glossary',
      code: hint.kind,
      message,
      data: { replacement: hint.replacement },
    };
  });
}

/** Removed, deprecated and too-new knobs and metrics as warnings; a replacement, when there is one, is the quick fix. */
export function knobDiagnostics(document: TextDocument, hints: readonly KnobHint[]): Diagnostic[] {
  return hints.map((hint) => ({
    range: { start: document.positionAt(hint.start), end: document.positionAt(hint.end) },
    severity: DiagnosticSeverity.Warning,
    tags: hint.kind === 'too-new' ? undefined : [DiagnosticTag.Deprecated],
    source: 'llm-glossary',
    code: `knob-${hint.kind}`,
    message: hint.message,
    data: hint.replacement ? { replacement: hint.replacement } : undefined,
  }));
}

/** Quick fixes for the hints above: replace the mention with the declared spelling or the successor term. */
export function quickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const replacement = (diagnostic.data as { replacement?: unknown } | undefined)?.replacement;
    if (diagnostic.source !== 'llm-glossary' || typeof replacement !== 'string') continue;
    actions.push({
      title: `Write "${replacement}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [TextEdit.replace(diagnostic.range, replacement)] } },
    });
  }
  return actions;
}
