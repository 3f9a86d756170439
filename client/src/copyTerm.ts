import * as vscode from 'vscode';
import type { BundledTerms } from './bundledTerms';
import { candidateFolders, pickFolder, refuseExisting } from './glossaryFolders';

/**
 * Glossary > Copy Term to Team Glossary: copies a bundled term file (the one in the active read-only editor, or one
 * picked from the list) into a glossary folder of the workspace, where it overrides the bundled term and can be
 * edited. Writes only a file that does not exist yet.
 */
export async function copyTermToTeamGlossary(
  bundled: BundledTerms,
  pickTerm: () => Promise<{ uri: string } | undefined>,
  from?: vscode.Uri,
): Promise<void> {
  const source =
    from ??
    (vscode.window.activeTextEditor &&
    bundled.isBundled(bundled.fromReadOnly(vscode.window.activeTextEditor.document.uri))
      ? vscode.window.activeTextEditor.document.uri
      : await pickTerm().then((t) => (t ? vscode.Uri.parse(t.uri) : undefined)));
  if (!source) return;
  const file = bundled.fromReadOnly(source).with({ fragment: '' });
  if (!bundled.isBundled(file)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This term is already in a workspace glossary folder.'));
    return;
  }
  const folders = candidateFolders();
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Open a folder first: terms are copied to a glossary folder of the workspace.'),
    );
    return;
  }
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const folder = await pickFolder(folders, vscode.l10n.t('Glossary folder for {0}', name));
  if (!folder) return;
  const target = vscode.Uri.joinPath(folder.uri, name);
  if (await refuseExisting(target)) {
    await vscode.window.showTextDocument(target);
    return;
  }
  await vscode.workspace.fs.createDirectory(folder.uri);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(file));
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied to {0}: this copy now overrides the bundled term.', vscode.workspace.asRelativePath(target)),
  );
}
