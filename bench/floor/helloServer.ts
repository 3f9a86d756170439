// The floor for start-up and first hover: the smallest useful vscode-languageserver server, bundled and minified
// like dist/server.js, that keeps documents in sync, answers a hover with the word under the cursor and a completion
// with the word so far.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: {},
  },
}));
connection.onHover(({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const text = document.getText();
  const offset = document.offsetAt(position);
  const start = wordStart(text, offset);
  let end = offset;
  while (end < text.length && /\w/.test(text[end])) end++;
  if (start === end) return null;
  return {
    contents: { kind: 'markdown', value: `**${text.slice(start, end)}**` },
    range: { start: document.positionAt(start), end: document.positionAt(end) },
  };
});
connection.onCompletion(({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const text = document.getText();
  const end = document.offsetAt(position);
  const start = wordStart(text, end);
  return start === end ? [] : [{ label: text.slice(start, end) }];
});

/** Where the word that ends at `offset` starts. */
function wordStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /\w/.test(text[start - 1])) start--;
  return start;
}
documents.listen(connection);
connection.listen();
