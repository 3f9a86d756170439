import * as vscode from 'vscode';
import type { KnobSummary, TermSummary } from '../../server/shared/messages';

type Node =
  | { kind: 'category'; title: string; terms: TermSummary[] }
  | { kind: 'term'; term: TermSummary }
  | { kind: 'knob'; knob: KnobSummary; term: TermSummary };

/** The "Glossary" view in the Explorer: terms grouped by taxonomy category, the workspace's own terms marked. */
export class TermTreeProvider implements vscode.TreeDataProvider<Node> {
  private terms: TermSummary[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly fetchTerms: () => Promise<TermSummary[]>) {}

  async refresh(): Promise<void> {
    this.terms = await this.fetchTerms();
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'knob') return [];
    if (node?.kind === 'term') return node.term.knobs.map((knob) => ({ kind: 'knob', knob, term: node.term }));
    if (node?.kind === 'category') return node.terms.map((term) => ({ kind: 'term', term }));
    const byCategory = new Map<string, TermSummary[]>();
    // Within a category, the workspace's own terms come first, then the bundled ones, each alphabetically.
    const ownFirst = (t: TermSummary) => (t.layer === 'bundled' ? 1 : 0);
    for (const term of [...this.terms].sort((a, b) => ownFirst(a) - ownFirst(b) || a.title.localeCompare(b.title))) {
      byCategory.set(term.categoryTitle, [...(byCategory.get(term.categoryTitle) ?? []), term]);
    }
    return [...byCategory]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([title, terms]) => ({ kind: 'category', title, terms }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'category') {
      const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.terms.length);
      item.iconPath = new vscode.ThemeIcon('folder-library');
      return item;
    }
    if (node.kind === 'knob') {
      const item = new vscode.TreeItem(node.knob.name, vscode.TreeItemCollapsibleState.None);
      item.description = [`${node.knob.engine} ${node.knob.kind}`, node.knob.status].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(node.knob.kind.endsWith('metric') ? 'graph-line' : 'settings');
      item.contextValue = 'knob';
      item.command = { title: vscode.l10n.t('Open Term'), command: 'llmGlossary.openTerm', arguments: [node.term] };
      return item;
    }
    const { term } = node;
    // A term that lists engine flags or metrics opens onto them.
    const collapsible =
      term.knobs.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(term.title, collapsible);
    const ownTerm = term.layer !== 'bundled';
    item.description = [
      ownTerm
        ? term.overridesBundled
          ? vscode.l10n.t('workspace, overrides bundled')
          : vscode.l10n.t('workspace')
        : '',
      term.deprecated ? vscode.l10n.t('deprecated') : '',
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = termTooltip(term);
    item.iconPath = new vscode.ThemeIcon(ownTerm ? 'book' : 'bookmark');
    item.contextValue = ownTerm ? 'workspaceTerm' : 'bundledTerm';
    item.command = { title: vscode.l10n.t('Open Term'), command: 'llmGlossary.openTerm', arguments: [term] };
    return item;
  }
}

/**
 * Title, aliases and summary come from glossary files (often a cloned repository): they go in as text, escaped by
 * `appendText`, one line each, in a MarkdownString that trusts no command, HTML or theme icon.
 */
function termTooltip(term: TermSummary): vscode.MarkdownString {
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  const tooltip = new vscode.MarkdownString();
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.supportThemeIcons = false;
  tooltip.appendMarkdown('**').appendText(oneLine(term.title)).appendMarkdown('**');
  if (term.aliases.length > 0) tooltip.appendText(` (${oneLine(term.aliases.join(', '))})`);
  return tooltip.appendMarkdown('\n\n').appendText(oneLine(term.summary));
}
