// Live re-checking: an edit typed into the config's editor (not saved) is what Tenet checks, at both
// ends of the drift; reverting to the file on disk brings the drift back.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG, POLICY, codeOf, expectedConfig, expectedPolicy, plain, uri, waitForDiagnostics } from './helpers';

describe('editing a config in the editor', () => {
  const count = new vscode.Range(25, 39, 25, 40); // the `1` of "required_approving_review_count": 1
  let editor: vscode.TextEditor;

  before(async () => {
    await waitForDiagnostics(uri(CONFIG), (d) => d.length === 1, 'the drift');
    editor = await vscode.window.showTextDocument(uri(CONFIG), { preview: false });
  });

  it('re-checks the unsaved buffer: the drift leaves the policy and the config', async () => {
    assert.equal(editor.document.getText(count), '1');
    const policyCleared = waitForDiagnostics(uri(POLICY), (d) => !d.some((x) => codeOf(x) === 'requirement/drift'), 'the drift to go');
    const configCleared = waitForDiagnostics(uri(CONFIG), (d) => d.length === 0, 'no findings');
    assert.equal(await editor.edit((edit) => edit.replace(count, '2')), true);
    const [policy] = await Promise.all([policyCleared, configCleared]);
    assert.deepEqual(policy.map(plain), expectedPolicy().filter((d) => d.code === 'requirement/statement-mismatch'));
    // The unsaved buffer wins: the disk still says 1.
    assert.equal(editor.document.isDirty, true);
    assert.match(fs.readFileSync(uri(CONFIG).fsPath, 'utf8'), /"required_approving_review_count": 1,/);
  });

  it('brings the drift back when the editor reverts to the file on disk', async () => {
    const configBack = waitForDiagnostics(uri(CONFIG), (d) => d.length === 1, 'the drift to come back');
    const policyBack = waitForDiagnostics(uri(POLICY), (d) => d.some((x) => codeOf(x) === 'requirement/drift'), 'the drift to come back');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const [config, policy] = await Promise.all([configBack, policyBack]);
    assert.equal(editor.document.isDirty, false);
    assert.equal(editor.document.getText(count), '1');
    assert.deepEqual(config.map(plain), expectedConfig());
    assert.deepEqual(policy.map(plain), expectedPolicy());
  });
});
