import * as vscode from 'vscode';
import { candidateFolders, pickFolder, refuseExisting } from './glossaryFolders';
import { fillTemplate, termIdFromName } from './termTemplate';

/**
 * Glossary > New Term: asks for the name and the folder, writes `<id>.md` from _meta/template.md, and opens it.
 * The one place the extension writes a file, and only on this explicit command; it never overwrites.
 */
export async function createTerm(extensionUri: vscode.Uri): Promise<void> {
  const folders = candidateFolders();
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Open a folder first: new terms are written to a glossary folder of the workspace.'),
    );
    return;
  }
  const title = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('New Glossary Term'),
      prompt: vscode.l10n.t('Canonical name, as written in prose (e.g. "KV cache")'),
      validateInput: (v) =>
        termIdFromName(v) ? undefined : vscode.l10n.t('The name needs at least one letter or digit'),
    })
  )?.trim();
  if (!title) return;
  const picked = await pickFolder(folders, vscode.l10n.t('Glossary folder for "{0}"', title));
  if (!picked) return;
  const id = termIdFromName(title);
  const target = vscode.Uri.joinPath(picked.uri, `${id}.md`);
  if (await refuseExisting(target)) return;
  const template = new TextDecoder().decode(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, '_meta', 'template.md')),
  );
  await vscode.workspace.fs.createDirectory(picked.uri);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(fillTemplate(template, id, title)));
  await vscode.window.showTextDocument(target);
}
