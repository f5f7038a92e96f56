// Quick fixes over stdio: each is a precise edit; applied, the file still parses and the finding is gone;
// asked again, the fix is no longer offered; CRLF line endings and a BOM survive.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { applyEdits, type Edit } from '../helpers/edits';
import { LspClient, REPO, copyFolder, uri } from '../helpers/lsp';

interface Action {
  title: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, Edit[]> };
}

describe('quick fixes over stdio', function () {
  this.timeout(30_000);
  let ws: string;
  let client: LspClient;

  const actionsAt = (file: string, line: number, character: number, endCharacter = character + 1) => {
    const target = uri(ws, file);
    return client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: target },
      range: { start: { line, character }, end: { line, character: endCharacter } },
      context: { diagnostics: client.current(target).filter((d) => d.range.start.line === line) },
    }) as Promise<Action[]>;
  };

  /** Applies an action's edits on disk, tells the server, and waits for the re-check. */
  const apply = async (action: Action) => {
    const changes = Object.entries(action.edit.changes);
    for (const [target, edits] of changes) {
      const file = fileURLToPath(target);
      const raw = fs.readFileSync(file, 'utf8');
      const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
      fs.writeFileSync(file, bom + applyEdits(raw.slice(bom.length), edits));
    }
    const status = client.notification('tenet/status');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changes.map(([target]) => ({ uri: target, type: FileChangeType.Changed as FileChangeType })) });
    await status;
  };

  beforeEach(async () => {
    ws = copyFolder(path.join(REPO, 'samples', 'soc2'));
    client = new LspClient();
    await client.initialize(ws);
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('aligns the config to the policy, keeping the rest of the file byte for byte', async () => {
    const before = fs.readFileSync(path.join(ws, 'github/branch-protection.json'), 'utf8');
    const actions = await actionsAt('github/branch-protection.json', 25, 39);
    assert.deepEqual(actions.map((a) => a.title), [
      'Set required_approving_review_count to 2 (as change-management › two-approvals expects)',
      'Change change-management › two-approvals to expect >= 1',
      'Add a 90-day exception for two-approvals in github/branch-protection.json',
    ]);
    await apply(actions[0]);
    const after = fs.readFileSync(path.join(ws, 'github/branch-protection.json'), 'utf8');
    assert.equal(after, before.replace('"required_approving_review_count": 1', '"required_approving_review_count": 2'));
    JSON.parse(after);
    assert.deepEqual(client.current(uri(ws, 'github/branch-protection.json')), []);
    assert.deepEqual(await actionsAt('github/branch-protection.json', 25, 39), []);
  });

  it('aligns the policy to the config, rewriting expect and the number in says', async () => {
    const [, relax] = await actionsAt('cloud/cloudwatch-log-groups.json', 48, 31);
    assert.equal(relax.title, 'Change logging-monitoring › log-retention to expect >= 90 (and its "says")');
    await apply(relax);
    const policy = fs.readFileSync(path.join(ws, 'policies/logging-monitoring.md'), 'utf8');
    assert.match(policy, /says: Security and application logs are retained for at least 90 days\.\n    expect: ">= 90"\n/);
    assert.deepEqual(client.current(uri(ws, 'cloud/cloudwatch-log-groups.json')), []);
    assert.deepEqual(client.current(uri(ws, 'policies/logging-monitoring.md')).map((d) => d.code), ['requirement/conflict']);
  });

  it('adds a time-boxed exception that covers the drift', async () => {
    const actions = await actionsAt('github/org-members.json', 46, 15);
    const exception = actions.find((a) => a.title.startsWith('Add a 90-day exception'))!;
    await apply(exception);
    const policy = fs.readFileSync(path.join(ws, 'policies/offboarding.md'), 'utf8');
    assert.match(policy, /\nexceptions:\n  - requirement: github-members-are-employees\n    file: github\/org-members.json\n    reason: "TODO: why this is acceptable for now, and where the fix is tracked"\n    approved-by: "@your-org\/approver"\n    expires: 2027-02-20\n---\n/);
    assert.deepEqual(client.current(uri(ws, 'github/org-members.json')), []);
  });

  it('marks an overdue review done today, adds a missing owner, and fixes an unknown control id', async () => {
    const [review] = await actionsAt('policies/vendor-management.md', 13, 8, 18);
    assert.equal(review.title, 'Mark the review done today (2026-11-22)');
    await apply(review);
    assert.deepEqual(client.current(uri(ws, 'policies/vendor-management.md')).map((d) => d.code), ['owner/not-codeowner', 'requirement/drift']);

    const [owner] = await actionsAt('policies/offboarding.md', 1, 0, 6);
    assert.equal(owner.title, 'Add an owner');
    await apply(owner);
    const [control] = await actionsAt('policies/offboarding.md', 12, 32, 37);
    assert.equal(control.title, 'Change CC6.9 to CC6.8');
    await apply(control);
    const text = fs.readFileSync(path.join(ws, 'policies/offboarding.md'), 'utf8');
    assert.match(text, /^---\npolicy: offboarding\nowner: "@your-org\/team"\ntitle:/);
    assert.match(text, /controls: \[CC6\.2, CC6\.3, CC6\.5, CC6\.8\]/);
    assert.deepEqual(client.current(uri(ws, 'policies/offboarding.md')).map((d) => d.code), ['owner/not-codeowner', 'requirement/drift']);
  });

  it('respects CRLF line endings and a BOM', async () => {
    const policyFile = path.join(ws, 'policies/change-management.md');
    fs.writeFileSync(policyFile, fs.readFileSync(policyFile, 'utf8').replace(/\n/g, '\r\n'));
    const configFile = path.join(ws, 'github/branch-protection.json');
    fs.writeFileSync(configFile, '\uFEFF' + fs.readFileSync(configFile, 'utf8'));
    const status = client.notification('tenet/status');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [policyFile, configFile].map((f) => ({ uri: `file://${f}`, type: FileChangeType.Changed as FileChangeType })) });
    await status;
    const actions = await actionsAt('github/branch-protection.json', 25, 39);
    await apply(actions.find((a) => a.title.startsWith('Add a 90-day exception'))!);
    const policy = fs.readFileSync(policyFile, 'utf8');
    assert.ok(!/[^\r]\n/.test(policy), 'every line still ends in CRLF');
    assert.match(policy, /\r\nexceptions:\r\n  - requirement: two-approvals\r\n/);
    assert.deepEqual(client.current(uri(ws, 'github/branch-protection.json')), []);
    const [fix] = await actionsAt('policies/change-management.md', 12, 2, 15);
    assert.equal(fix, undefined, 'the drift is excepted now: no drift fix offered');
    assert.ok(fs.readFileSync(configFile, 'utf8').startsWith('\uFEFF'));
  });
});
