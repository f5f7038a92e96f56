// The built server over stdio, on a private copy of samples/soc2: exact diagnostics at both ends of a
// drift, live updates from an in-memory edit, and clearing on save, close and delete.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DidSaveTextDocumentNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspClient, REPO, copyFolder, uri } from '../helpers/lsp';

const POLICY = 'policies/change-management.md';
const CONFIG = 'github/branch-protection.json';
const DRIFT = 'required_approving_review_count is 1; policy change-management › two-approvals expects >= 2';

describe('language server over stdio', function () {
  this.timeout(30_000);
  let ws: string;
  let client: LspClient;

  before(async () => {
    ws = copyFolder(path.join(REPO, 'samples', 'soc2'));
    client = new LspClient();
    await client.initialize(ws);
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('publishes the drift on the config value, pointing at the requirement', () => {
    assert.deepEqual(client.current(uri(ws, CONFIG)), [
      {
        range: { start: { line: 25, character: 39 }, end: { line: 25, character: 40 } },
        severity: 1,
        source: 'tenet',
        code: 'requirement/drift',
        codeDescription: { href: `file://${REPO}/docs/rules/requirement-drift.md` },
        message: DRIFT,
        relatedInformation: [{ location: { uri: uri(ws, POLICY), range: { start: { line: 12, character: 2 }, end: { line: 12, character: 15 } } }, message: 'requirement stated here' }],
      },
    ]);
  });

  it('publishes the same drift on the requirement, pointing at each offending value', () => {
    assert.deepEqual(client.current(uri(ws, POLICY)), [
      {
        range: { start: { line: 12, character: 2 }, end: { line: 12, character: 15 } },
        severity: 1,
        source: 'tenet',
        code: 'requirement/drift',
        codeDescription: { href: `file://${REPO}/docs/rules/requirement-drift.md` },
        message: `drift in ${CONFIG}: ${DRIFT}`,
        relatedInformation: [{ location: { uri: uri(ws, CONFIG), range: { start: { line: 25, character: 39 }, end: { line: 25, character: 40 } } }, message: DRIFT }],
      },
      {
        range: { start: { line: 42, character: 19 }, end: { line: 42, character: 20 } },
        severity: 2,
        source: 'tenet',
        code: 'requirement/statement-mismatch',
        codeDescription: { href: `file://${REPO}/docs/rules/requirement-statement-mismatch.md` },
        message: '"says" states 3 but expect is "count >= 2": make the sentence and the check agree',
      },
    ]);
  });

  it('re-checks the policy when the config is edited in memory, and clears the config', async () => {
    const text = fs.readFileSync(path.join(ws, CONFIG), 'utf8');
    const configUri = uri(ws, CONFIG);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: configUri, languageId: 'json', version: 1, text } });
    const policyUpdate = client.nextDiagnostics(uri(ws, POLICY), (d) => d.length === 1);
    const configUpdate = client.nextDiagnostics(configUri, (d) => d.length === 0);
    // Line 26 (0-based 25), column 40 holds the `1`: an incremental edit replaces just that character.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: configUri, version: 2 },
      contentChanges: [{ range: { start: { line: 25, character: 39 }, end: { line: 25, character: 40 } }, text: '2' }],
    });
    const [policy, config] = await Promise.all([policyUpdate, configUpdate]);
    assert.deepEqual(policy.diagnostics.map((d) => d.code), ['requirement/statement-mismatch']);
    assert.equal(config.version, 2);
    // The disk still says 1: the unsaved buffer wins.
    assert.match(fs.readFileSync(path.join(ws, CONFIG), 'utf8'), /"required_approving_review_count": 1/);
  });

  it('keeps the findings cleared once the edit is saved and the file closed', async () => {
    const configUri = uri(ws, CONFIG);
    const text = fs.readFileSync(path.join(ws, CONFIG), 'utf8').replace('"required_approving_review_count": 1', '"required_approving_review_count": 2');
    fs.writeFileSync(path.join(ws, CONFIG), text);
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: configUri } });
    const status = client.notification('tenet/status');
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: configUri } });
    await status;
    assert.deepEqual(client.current(configUri), []);
    assert.deepEqual(client.current(uri(ws, POLICY)).map((d) => d.code), ['requirement/statement-mismatch']);
  });

  it('clears a deleted policy and the findings it caused elsewhere', async () => {
    const vendorUri = uri(ws, 'vendors/vendors.yaml');
    assert.equal(client.current(vendorUri).length, 1);
    const policyGone = client.nextDiagnostics(uri(ws, 'policies/vendor-management.md'), (d) => d.length === 0);
    const configCleared = client.nextDiagnostics(vendorUri, (d) => d.length === 0);
    fs.rmSync(path.join(ws, 'policies/vendor-management.md'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(ws, 'policies/vendor-management.md'), type: FileChangeType.Deleted }] });
    await Promise.all([policyGone, configCleared]);
  });

  it('reports a source deleted from disk as missing, on the policy', async () => {
    const policyUri = uri(ws, 'policies/logging-monitoring.md');
    const update = client.nextDiagnostics(policyUri, (d) => d.some((x) => x.code === 'source/missing'));
    fs.rmSync(path.join(ws, 'k8s/logging.yaml'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(ws, 'k8s/logging.yaml'), type: FileChangeType.Deleted }] });
    const { diagnostics } = await update;
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'source/missing').map((d) => [d.range.start.line + 1, d.message]),
      [
        [17, 'k8s/logging.yaml does not exist'],
        [29, 'k8s/logging.yaml does not exist'],
      ],
    );
  });
});
