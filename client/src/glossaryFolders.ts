import * as vscode from 'vscode';

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

/** The one folder, or the one the user picks from several (undefined when they dismiss the list). */
export async function pickFolder(
  folders: readonly { uri: vscode.Uri }[],
  title: string,
): Promise<{ uri: vscode.Uri } | undefined> {
  if (folders.length === 1) return folders[0];
  const picked = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: vscode.workspace.asRelativePath(f.uri), folder: f })),
    { title },
  );
  return picked?.folder;
}

/** True, with an error message, when `target` exists: a command writes only a file that does not exist yet. */
export async function refuseExisting(target: vscode.Uri): Promise<boolean> {
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists)
    void vscode.window.showErrorMessage(
      vscode.l10n.t('{0} already exists; nothing was written.', vscode.workspace.asRelativePath(target)),
    );
  return exists;
}
