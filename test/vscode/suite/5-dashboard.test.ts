// The compliance dashboard and the Policies view in a real VS Code: Tenet: Show Compliance Dashboard
// opens a webview with the server's tenet/dashboard answer (checked both as sent and as the webview's
// own DOM reports it), follows edits live, and opens what a click names; the Policies view lists the
// policies drift first and opens one on click. The extension's exports (activate's return value) give
// the tests the panel's snapshot, its webview-message handler and the view's data provider.

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DashboardSnapshot } from '../../../client/src/dashboard';
import type { TenetApi } from '../../../client/src/extension';
import type { DashboardProject } from '../../../server/src/lsp/protocol';
import { CONFIG, POLICY, closeEditors, extension, poll, rangeOf, revert, screenshot, uri, waitForDiagnostics } from './helpers';

const COLUMNS = ['access-control', 'change-management', 'logging-monitoring', 'offboarding', 'password-authentication', 'vendor-management'];
const api = (): TenetApi => extension().exports as TenetApi;

/** A criterion's cells as `summary: cell,cell,...` (`-` not covered), as the webview digest writes them. */
function row(project: DashboardProject, id: string): string {
  const r = project.matrix.rows.find((x) => x.id === id);
  assert.ok(r, id);
  return `${r.id} ${r.summary}: ${r.cells.map((c) => (c === 'not-covered' ? '-' : c)).join(',')}`;
}

/** The Policies view as [label, description, icon] rows, in the order the view shows them. */
async function policyRows(): Promise<[string, string, string][]> {
  const provider = api().policies;
  const nodes = await provider.getChildren();
  return (nodes ?? []).map((n) => {
    const item = provider.getTreeItem(n) as vscode.TreeItem;
    return [String(item.label), String(item.description), (item.iconPath as vscode.ThemeIcon).id];
  });
}

const dashboardTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tenet.dashboard'));

describe('compliance dashboard and Policies view', () => {
  let shown: DashboardSnapshot;

  before(async () => {
    await waitForDiagnostics(uri(CONFIG), (d) => d.length === 1, 'the drift');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await revert(uri(CONFIG));
    if (dashboardTabs().length) await vscode.window.tabGroups.close(dashboardTabs());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes the commands and the Policies view in the Explorer', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['tenet.showDashboard', 'tenet.refreshPolicies']) assert.ok(all.includes(id), id);
    const manifest = extension().packageJSON as { contributes: { views: { explorer: { id: string }[] }; menus: Record<string, { command: string; when: string }[]> } };
    assert.deepEqual(manifest.contributes.views.explorer.map((v) => v.id), ['tenet.policies']);
    assert.deepEqual(manifest.contributes.menus['view/title'].map((m) => [m.command, m.when]), [
      ['tenet.showDashboard', 'view == tenet.policies'],
      ['tenet.refreshPolicies', 'view == tenet.policies'],
    ]);
    // The view shows (its when clause holds once the server found policies): focusing it works.
    await vscode.commands.executeCommand('tenet.policies.focus');
  });

  it('Tenet: Show Compliance Dashboard renders the server’s matrix and lists in a webview', async () => {
    shown = await vscode.commands.executeCommand<DashboardSnapshot>('tenet.showDashboard');
    assert.equal(dashboardTabs().length, 1, 'a dashboard tab');
    const project = shown.model?.projects[0];
    assert.ok(project, 'a model from the server');
    assert.equal(shown.model?.projects.length, 1);
    assert.equal(project.rootUri, vscode.workspace.workspaceFolders?.[0].uri.toString());
    assert.deepEqual(project.matrix.columns, COLUMNS);
    assert.equal(row(project, 'CC6.1'), 'CC6.1 drift: drift,-,-,-,drift,-');
    assert.equal(row(project, 'CC8.1'), 'CC8.1 drift: -,drift,-,-,-,-');
    assert.equal(row(project, 'CC9.2'), 'CC9.2 drift: -,-,-,-,-,drift');
    assert.equal(row(project, 'CC1.1'), 'CC1.1 not-covered: -,-,-,-,-,-');
    assert.deepEqual(project.summary.statuses, { verified: 16, drift: 7, unknown: 1, unchecked: 0, excepted: 0 });

    // What the webview's DOM holds, as its script reported it after rendering this model.
    const view = shown.rendered;
    assert.ok(view, 'the webview rendered the model');
    // Its script ran under the nonce-only policy, its style sheet applied, and nothing was blocked.
    assert.equal(view.styled, true, 'media/dashboard.css applied');
    assert.deepEqual(view.violations, []);
    assert.deepEqual(view.columns, COLUMNS);
    assert.equal(view.rows.length, 61);
    assert.deepEqual(view.rows, project.matrix.rows.map((r) => row(project, r.id)));
    // Worst first, an overdue review first among equals: status | id | title | verified/all | owner | review.
    assert.deepEqual(view.policies, [
      '✗ | vendor-management | Vendor Management Policy | 0/1 ✓ | @acme/security | review overdue 2026-06-30',
      '✗ | access-control | Access Control Policy | 1/3 ✓ | @acme/security | next review 2027-03-02',
      '✗ | change-management | Change Management Policy | 5/6 ✓ | @acme/platform | next review 2027-05-18',
      '✗ | logging-monitoring | Logging and Monitoring Policy | 5/7 ✓ | @acme/platform | next review 2027-08-04',
      '✗ | offboarding | Employee Offboarding Policy | 1/2 ✓ | no owner | next review 2027-10-01',
      '✗ | password-authentication | Password and Authentication Policy | 4/5 ✓ | @acme/security | next review 2027-01-12',
    ]);
    assert.equal(view.drifting.length, 7);
    assert.ok(view.drifting.includes('✗ change-management › two-approvals expects >= 2 | github/branch-protection.json:26 required_approving_review_count = 1'), JSON.stringify(view.drifting));
    assert.ok(view.drifting.includes('✗ password-authentication › password-min-length expects >= 12 | infra/aws/terraform.tfvars:7 minimum_password_length = 10'), JSON.stringify(view.drifting));
  });

  it('the Policies view: drift first (an overdue review leads), owner and next review as the description', async () => {
    assert.deepEqual(await policyRows(), [
      ['vendor-management', '@acme/security · review overdue since 2026-06-30', 'error'],
      ['access-control', '@acme/security · review 2027-03-02', 'error'],
      ['change-management', '@acme/platform · review 2027-05-18', 'error'],
      ['logging-monitoring', '@acme/platform · review 2027-08-04', 'error'],
      ['offboarding', 'no owner · review 2027-10-01', 'error'],
      ['password-authentication', '@acme/security · review 2027-01-12', 'error'],
    ]);
  });

  it('a click on a policy in the view opens it at its policy key', async () => {
    const provider = api().policies;
    const node = (await provider.getChildren())?.find((n) => n.policy.id === 'change-management');
    assert.ok(node);
    const item = provider.getTreeItem(node) as vscode.TreeItem;
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await poll(() => (vscode.window.activeTextEditor?.document.uri.toString() === uri(POLICY).toString() ? vscode.window.activeTextEditor : undefined), 'the policy editor');
    assert.equal(rangeOf(editor.selection), '1:0-1:6');
    await closeEditors(uri(POLICY));
  });

  it('a click in the webview opens the config at the drifting value, beside the dashboard', async () => {
    const requirement = shown.model?.projects[0].requirements.find((r) => r.id === 'two-approvals');
    const value = requirement?.offending[0];
    assert.ok(value);
    // The message the webview posts for a click on `github/branch-protection.json:26`.
    const editor = await api().dashboard.receive({ type: 'open', uri: value.uri, range: value.range });
    assert.ok(editor);
    assert.equal(vscode.window.activeTextEditor, editor);
    assert.equal(editor.document.uri.toString(), uri(CONFIG).toString());
    assert.equal(rangeOf(editor.selection), '25:39-25:40');
    assert.equal(editor.document.getText(editor.selection), '1');
    assert.equal(dashboardTabs().length, 1, 'the dashboard stays open');
    assert.notEqual(editor.viewColumn, dashboardTabs()[0].group.viewColumn, 'in another column');
    // A location the model does not name is refused.
    assert.equal(await api().dashboard.receive({ type: 'open', uri: vscode.Uri.file('/etc/hostname').toString(), range: value.range }), undefined);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri(CONFIG).toString());
  });

  it('follows edits live: fixing the value turns the cell verified, in the webview and the view', async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri(CONFIG).toString());
    assert.ok(editor);
    assert.equal(await editor.edit((edit) => edit.replace(new vscode.Range(25, 39, 25, 40), '2')), true);
    const fixed = await poll(() => {
      const s = api().dashboard.snapshot();
      return s.rendered?.rows.includes('CC8.1 verified: -,verified,-,-,-,-') ? s : undefined;
    }, 'the webview to show CC8.1 verified');
    assert.equal(row(fixed.model!.projects[0], 'CC8.1'), 'CC8.1 verified: -,verified,-,-,-,-');
    assert.equal(fixed.rendered?.drifting.length, 6);
    const rows = await poll(async () => {
      const r = await policyRows();
      return r.at(-1)?.[0] === 'change-management' ? r : undefined;
    }, 'change-management to move last in the Policies view');
    assert.deepEqual(rows.at(-1), ['change-management', '@acme/platform · review 2027-05-18', 'pass']);

    await revert(uri(CONFIG));
    await poll(() => (api().dashboard.snapshot().rendered?.rows.includes('CC8.1 drift: -,drift,-,-,-,-') ? true : undefined), 'the drift to come back in the webview');
  });

  it('a screenshot of the dashboard beside the Policies view (docs/images/dashboard.png)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll'); // earlier suites' messages
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
    await vscode.commands.executeCommand('tenet.policies.focus');
    const again = await vscode.commands.executeCommand<DashboardSnapshot>('tenet.showDashboard');
    assert.equal(again.rendered?.rows.length, 61);
    await screenshot('dashboard', 'iframe.webview.ready');
  });
});
