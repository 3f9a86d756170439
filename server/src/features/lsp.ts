// The LSP values the feature modules use, imported here once: esbuild gives every module that imports the
// CommonJS 'vscode-languageserver' its own copy of the library's ~700 exports at start-up, half a millisecond each.
export {
  CodeAction,
  CodeActionKind,
  CodeLens,
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  Hover,
  Location,
  MarkupContent,
  MarkupKind,
  Range,
  SemanticTokens,
  SemanticTokensBuilder,
  SemanticTokensLegend,
  SymbolInformation,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver';
