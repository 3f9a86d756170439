import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ListTermsRequest,
  ReloadGlossaryRequest,
  TermMentionsRequest,
  TermSummary,
} from '../../server/shared/messages';

/** Opens a term file at its Definition section (a bundled term read-only, through `toReadOnly`). */
export async function openTerm(
  term: Pick<TermSummary, 'uri' | 'definitionLine'>,
  toReadOnly: (uri: vscode.Uri) => vscode.Uri = (uri) => uri,
): Promise<void> {
  const position = new vscode.Position(term.definitionLine, 0);
  await vscode.window.showTextDocument(toReadOnly(vscode.Uri.parse(term.uri)), {
    selection: new vscode.Range(position, position),
  });
}

export function listTerms(client: LanguageClient): Promise<TermSummary[]> {
  return client.sendRequest(ListTermsRequest);
}

type TermPick = vscode.QuickPickItem & { term?: TermSummary };

/**
 * A quick pick over all terms (title, category, one-line definition; aliases searchable), then the engine flags,
 * variables and metrics they list (`--max-num-seqs` finds the term it belongs to).
 */
export async function pickTerm(client: LanguageClient, title: string): Promise<TermSummary | undefined> {
  const terms = (await listTerms(client)).sort((a, b) => a.title.localeCompare(b.title));
  const items: TermPick[] = terms.map((term) => ({
    label: term.title,
    description: [term.categoryTitle, ...term.aliases].join(' · '),
    detail: term.summary,
    term,
  }));
  const knobs: TermPick[] = terms
    .flatMap((term) => term.knobs.map((knob) => ({ knob, term })))
    .sort((a, b) => a.knob.name.localeCompare(b.knob.name))
    .map(({ knob, term }) => ({
      label: knob.name,
      description: [`${knob.engine} ${knob.kind}`, knob.status, term.title].filter(Boolean).join(' · '),
      term,
    }));
  if (knobs.length > 0)
    items.push({
      label: vscode.l10n.t('Engine flags, variables and metrics'),
      kind: vscode.QuickPickItemKind.Separator,
    });
  const picked = await vscode.window.showQuickPick([...items, ...knobs], {
    title,
    matchOnDescription: true,
    matchOnDetail: true,
    placeHolder: vscode.l10n.t('Term name, alias, acronym, or an engine flag or metric'),
  });
  return picked?.term;
}

export async function searchTerms(
  client: LanguageClient,
  toReadOnly: (uri: vscode.Uri) => vscode.Uri = (uri) => uri,
): Promise<void> {
  const term = await pickTerm(client, vscode.l10n.t('Search Glossary Terms'));
  if (term) await openTerm(term, toReadOnly);
}

export async function openTermAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    editor.document.uri,
    editor.selection.active,
  );
  const ours = (locations ?? [])
    .map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : l))
    .find((l) => l.uri.path.endsWith('.md'));
  if (!ours) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No glossary term at the cursor.'));
    return;
  }
  await vscode.window.showTextDocument(ours.uri, { selection: ours.range });
}

/** Shows every mention of a term in the References peek (from a code lens, the tree, or a quick pick). */
export async function showMentions(client: LanguageClient, termId?: string): Promise<void> {
  const id = termId ?? (await pickTerm(client, vscode.l10n.t('Show Mentions of Term')))?.id;
  if (!id) return;
  const locations = await client.sendRequest(TermMentionsRequest, { termId: id });
  const converted = locations.map((l) => client.protocol2CodeConverter.asLocation(l));
  const editor = vscode.window.activeTextEditor;
  const anchor = editor
    ? { uri: editor.document.uri, position: editor.selection.active }
    : { uri: converted[0]?.uri, position: new vscode.Position(0, 0) };
  if (converted.length === 0 || !anchor.uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No mentions of this term in the workspace.'));
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', anchor.uri, anchor.position, converted);
}

export async function reloadGlossary(client: LanguageClient): Promise<void> {
  const count = await client.sendRequest(ReloadGlossaryRequest);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Glossary reloaded: {0} terms', count), 4000);
}
