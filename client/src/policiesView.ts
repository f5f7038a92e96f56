// The Policies view in the Explorer (tenet.policies): every policy of every Tenet project, drifting ones
// first, with its owner and next review as the description and an icon by status. Clicking opens the
// policy at its `policy:` key. It shows the dashboard store's model, refreshed on every tenet/status.

import * as vscode from 'vscode';
import type { DashboardPolicy, DashboardProject, DashboardRequirementStatus } from '../../server/src/lsp/protocol';
import type { DashboardStore } from './dashboard';

export const POLICIES_VIEW = 'tenet.policies';

export interface PolicyNode {
  project: DashboardProject;
  policy: DashboardPolicy;
}

/** Worst first: the order the view lists policies in. */
const RANK: Record<DashboardRequirementStatus, number> = { drift: 0, unknown: 1, unchecked: 2, excepted: 3, verified: 4 };

const ICON: Record<DashboardRequirementStatus, [string, string]> = {
  drift: ['error', 'testing.iconFailed'],
  unknown: ['question', 'editorWarning.foreground'],
  unchecked: ['circle-large-outline', 'descriptionForeground'],
  excepted: ['circle-slash', 'editorWarning.foreground'],
  verified: ['pass', 'testing.iconPassed'],
};

const STATUS_TEXT: Record<DashboardRequirementStatus, string> = {
  drift: 'drifts from its configs',
  unknown: 'cannot be fully checked (unknown values or unreadable sources)',
  unchecked: 'checks nothing against a config',
  excepted: 'drifts only where an approved exception applies',
  verified: 'verified against its configs',
};

export class PoliciesProvider implements vscode.TreeDataProvider<PolicyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PolicyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: DashboardStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  /** Policies, drift first (then unknown, unchecked, excepted, verified), overdue reviews first, then by id. */
  getChildren(element?: PolicyNode): PolicyNode[] {
    if (element) return [];
    const nodes = (this.store.model?.projects ?? []).flatMap((project) => project.policies.map((policy) => ({ project, policy })));
    return nodes.sort(
      (a, b) =>
        RANK[a.policy.status] - RANK[b.policy.status] ||
        Number(b.policy.overdue) - Number(a.policy.overdue) ||
        compare(a.policy.id, b.policy.id) ||
        compare(a.policy.uri, b.policy.uri),
    );
  }

  getTreeItem({ project, policy }: PolicyNode): vscode.TreeItem {
    const item = new vscode.TreeItem(policy.id, vscode.TreeItemCollapsibleState.None);
    item.id = policy.uri;
    item.description = description(policy);
    const [icon, color] = ICON[policy.status];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = `tenet.policy.${policy.status}`;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendText(`${policy.title ?? policy.id} (${policy.file})\n\n`);
    tooltip.appendText(`${policy.id} ${STATUS_TEXT[policy.status]}: ${counts(policy)}.\n\n`);
    tooltip.appendText(`Owner: ${policy.owner ?? 'none'} · controls: ${policy.controls.join(', ') || 'none'}\n\n`);
    tooltip.appendText(reviewText(policy, project.today));
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${policy.id}, ${policy.status}, ${item.description}` };
    item.command = { title: 'Open Policy', command: 'vscode.open', arguments: [vscode.Uri.parse(policy.uri), { selection: toRange(policy.range), preview: true }] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** `@acme/security · review 2027-03-02`, `no owner · review overdue since 2026-06-30`. */
export function description(policy: DashboardPolicy): string {
  const owner = policy.owner ?? 'no owner';
  if (!policy.reviewNext) return `${owner} · no review date`;
  return policy.overdue ? `${owner} · review overdue since ${policy.reviewNext}` : `${owner} · review ${policy.reviewNext}`;
}

function reviewText(policy: DashboardPolicy, today: string): string {
  const last = policy.reviewLast ? `last reviewed ${policy.reviewLast}` : 'no review recorded';
  if (!policy.reviewNext) return `Review: ${last}.`;
  return `Review: ${last}; next due ${policy.reviewNext}${policy.overdue ? ` — overdue (today is ${today})` : ''}.`;
}

function counts(policy: DashboardPolicy): string {
  const parts = (Object.entries(policy.counts) as [DashboardRequirementStatus, number][]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  return parts.length ? parts.join(', ') : 'no requirements';
}

function toRange(range: DashboardPolicy['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Registers the view; it asks the server when it becomes visible, and on every status while visible. */
export function registerPoliciesView(context: vscode.ExtensionContext, store: DashboardStore): { provider: PoliciesProvider; view: vscode.TreeView<PolicyNode> } {
  const provider = new PoliciesProvider(store);
  const view = vscode.window.createTreeView(POLICIES_VIEW, { treeDataProvider: provider, showCollapseAll: false });
  const updateMessage = () => {
    const model = store.model;
    view.message = !model ? 'Tenet is not running.' : model.projects.every((p) => p.policies.length === 0) ? 'No Tenet policies in this workspace.' : undefined;
    const drift = model?.projects.reduce((n, p) => n + p.policies.filter((x) => x.status === 'drift').length, 0) ?? 0;
    view.badge = drift > 0 ? { value: drift, tooltip: `${drift} ${drift === 1 ? 'policy drifts' : 'policies drift'}` } : undefined;
  };
  context.subscriptions.push(
    provider,
    view,
    store.watch(() => view.visible),
    store.onDidChange(updateMessage),
    view.onDidChangeVisibility(({ visible }) => {
      if (visible) void store.refreshIfStale();
    }),
  );
  if (view.visible) void store.refreshIfStale();
  return { provider, view };
}
