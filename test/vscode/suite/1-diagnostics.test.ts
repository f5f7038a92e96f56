// Tenet in a real VS Code: the extension activates on the sample workspace (it has a tenet.yaml),
// starts its language server, and VS Code shows the planted drift at both of its ends.

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CONFIG, POLICY, codeOf, expectedConfig, expectedPolicy, extension, plain, screenshot, uri, waitForDiagnostics } from './helpers';

describe('diagnostics on the sample workspace', () => {
  it('shows the drift on the config value, pointing at the requirement', async () => {
    const diagnostics = await waitForDiagnostics(uri(CONFIG), (d) => d.length > 0, 'the drift');
    assert.equal(extension().isActive, true);
    assert.deepEqual(diagnostics.map(plain), expectedConfig());
  });

  it('mirrors the drift on the requirement in the policy, beside the statement mismatch', async () => {
    const diagnostics = await waitForDiagnostics(uri(POLICY), (d) => d.some((x) => codeOf(x) === 'requirement/drift'), 'the mirrored drift');
    assert.deepEqual(diagnostics.map(plain), expectedPolicy());
  });

  it('lists the findings in the Problems panel', async () => {
    const editor = await vscode.window.showTextDocument(uri(POLICY), { preview: false });
    const drift = new vscode.Range(12, 2, 12, 15);
    editor.selection = new vscode.Selection(drift.start, drift.start);
    editor.revealRange(drift, vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.action.closeSidebar'); // room for whole messages
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // With the code-server runner and TENET_VSCODE_SCREENSHOTS set: docs/images/problems-panel.png.
    await screenshot('problems-panel', '.markers-panel .monaco-list-row', 'two-approvals expects >= 2');
    assert.deepEqual(vscode.languages.getDiagnostics(uri(POLICY)).filter((d) => d.source === 'tenet').map(plain), expectedPolicy());
  });
});
