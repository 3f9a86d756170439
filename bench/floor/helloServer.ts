// The floor for start-up and first hover: the smallest useful vscode-languageserver server, bundled and minified
// like dist/server.js, that keeps documents in sync, answers a hover with the word under the cursor and a completion
// with the word so far. When the bench asks (a `floor` field in the params: bench/lib.ts FloorAnswerSize), the answer
// is padded to the size of our server's answer to the same request.
import {
  createConnection,
  ProposedFeatures,
  TextDocumentPositionParams,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
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
/** The size the bench asked the answer to have, if it did. */
const floorOf = (params: object) => (params as { floor?: { chars?: number; items?: number } }).floor;

connection.onHover((params) => {
  const at = wordBefore(params);
  if (!at) return null;
  const { document, text, start } = at;
  let end = at.offset;
  while (end < text.length && /\w/.test(text[end])) end++;
  if (start === end) return null;
  const word = `**${text.slice(start, end)}**`;
  const chars = floorOf(params)?.chars ?? 0;
  return {
    contents: { kind: 'markdown', value: chars > word.length ? word.padEnd(chars, ` ${word}`) : word },
    range: { start: document.positionAt(start), end: document.positionAt(end) },
  };
});
connection.onCompletion((params) => {
  const at = wordBefore(params);
  if (!at) return null;
  const { document, text, start, offset } = at;
  const word = text.slice(start, offset);
  const items = floorOf(params)?.items;
  if (items === undefined) return start === offset ? [] : [{ label: word }];
  // Items with the fields ours has: label, kind, detail, filterText, sortText, a text edit and data.
  const range = { start: document.positionAt(start), end: params.position };
  return {
    isIncomplete: false,
    items: Array.from({ length: items }, (_, i) => ({
      label: `${word} ${i}`,
      kind: 1,
      detail: 'Hello',
      filterText: word,
      sortText: `${word} ${i}`,
      textEdit: { range, newText: `${word} ${i}` },
      data: { termId: `${word}-${i}`, uri: params.textDocument.uri },
    })),
  };
});

/** The request's document, its text, the position's offset and where the word that ends there starts. */
function wordBefore({ textDocument, position }: TextDocumentPositionParams) {
  const document = documents.get(textDocument.uri);
  if (!document) return undefined;
  const text = document.getText();
  const offset = document.offsetAt(position);
  return { document, text, offset, start: wordStart(text, offset) };
}

/** Where the word that ends at `offset` starts. */
function wordStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /\w/.test(text[start - 1])) start--;
  return start;
}
documents.listen(connection);
connection.listen();
