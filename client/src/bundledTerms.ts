import * as vscode from 'vscode';
import { BUNDLED_TERM_SCHEME } from '../../server/shared/languages';

/**
 * The bundled glossary's term files, shown read-only: they live inside the installed extension, where an edit
 * would be lost on the next update. Locations the server gives as `file:` URIs inside the extension's terms/
 * folder are shown as `llm-glossary-term:/terms/<id>.md`, served by a read-only file system provider; hover links
 * to them become a command that opens that read-only view. "Copy Term to Team Glossary" makes an editable copy.
 */
export class BundledTerms implements vscode.FileSystemProvider {
  private readonly termsPath: string;
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.termsPath = vscode.Uri.joinPath(extensionUri, 'terms').path;
  }

  register(): vscode.Disposable {
    return vscode.workspace.registerFileSystemProvider(BUNDLED_TERM_SCHEME, this, {
      isCaseSensitive: true,
      isReadonly: new vscode.MarkdownString(
        vscode.l10n.t(
          'A term of the bundled glossary, read-only. To change it for your team, run **Glossary: Copy Term to Team Glossary** and edit the copy.',
        ),
      ),
    });
  }

  isBundled(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && uri.path.startsWith(`${this.termsPath}/`) && uri.path.endsWith('.md');
  }

  /** The read-only view of a bundled term file (any other URI is returned as it is). */
  toReadOnly(uri: vscode.Uri): vscode.Uri {
    if (!this.isBundled(uri)) return uri;
    return uri.with({
      scheme: BUNDLED_TERM_SCHEME,
      authority: '',
      path: `/terms${uri.path.slice(this.termsPath.length)}`,
    });
  }

  /** The file behind a read-only view. */
  fromReadOnly(uri: vscode.Uri): vscode.Uri {
    if (uri.scheme !== BUNDLED_TERM_SCHEME) return uri;
    const name = uri.path.replace(/^\/terms\//, '');
    if (name.includes('/') || name.includes('..')) throw vscode.FileSystemError.FileNotFound(uri);
    return vscode.Uri.joinPath(this.extensionUri, 'terms', name).with({ fragment: uri.fragment });
  }

  /** A `file:` link to a bundled term in hover Markdown, as a command link that opens its read-only view. */
  rewriteLinks(markdown: string): string {
    const prefix = vscode.Uri.joinPath(this.extensionUri, 'terms').toString();
    return markdown.replace(/\]\((file:[^)\s]+)\)/g, (link, target: string) => {
      if (!target.startsWith(`${prefix}/`)) return link;
      const uri = vscode.Uri.parse(target);
      const line = /^L(\d+)$/.exec(uri.fragment);
      const args = [
        { uri: this.toReadOnly(uri.with({ fragment: '' })).toString(), definitionLine: line ? Number(line[1]) - 1 : 0 },
      ];
      return `](command:llmGlossary.openTerm?${encodeURIComponent(JSON.stringify(args))})`;
    });
  }

  stat(uri: vscode.Uri): Thenable<vscode.FileStat> {
    return vscode.workspace.fs
      .stat(this.fromReadOnly(uri))
      .then((stat) => ({ ...stat, permissions: vscode.FilePermission.Readonly }));
  }

  readFile(uri: vscode.Uri): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(this.fromReadOnly(uri));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
