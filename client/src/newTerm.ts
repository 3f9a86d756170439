import * as vscode from 'vscode';
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
  const picked =
    folders.length === 1
      ? folders[0]
      : await vscode.window
          .showQuickPick(
            folders.map((f) => ({ label: vscode.workspace.asRelativePath(f.uri), folder: f })),
            { title: vscode.l10n.t('Glossary folder for "{0}"', title) },
          )
          .then((p) => p?.folder);
  if (!picked) return;
  const id = termIdFromName(title);
  const target = vscode.Uri.joinPath(picked.uri, `${id}.md`);
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} already exists; nothing was written.', vscode.workspace.asRelativePath(target)),
    );
    return;
  } catch {
    // Does not exist yet: the only case in which we write.
  }
  const template = new TextDecoder().decode(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, '_meta', 'template.md')),
  );
  await vscode.workspace.fs.createDirectory(picked.uri);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(fillTemplate(template, id, title)));
  await vscode.window.showTextDocument(target);
}

/** Configured glossary folders of each workspace folder, plus its `.glossary/` folder (created on demand). */
export function candidateFolders(): { uri: vscode.Uri }[] {
  const result: { uri: vscode.Uri }[] = [];
  for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
    const configured =
      vscode.workspace.getConfiguration('llmGlossary', workspaceFolder).get<string[]>('glossaryPaths') ?? [];
    for (const p of configured)
      result.push({ uri: p.startsWith('/') ? vscode.Uri.file(p) : vscode.Uri.joinPath(workspaceFolder.uri, p) });
    result.push({ uri: vscode.Uri.joinPath(workspaceFolder.uri, '.glossary') });
  }
  return result.filter((f, i) => result.findIndex((g) => g.uri.toString() === f.uri.toString()) === i);
}
