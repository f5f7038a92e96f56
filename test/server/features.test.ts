// Editor features over stdio against the built server, on a private copy of samples/soc2:
// exact hover texts, navigation targets, lenses, symbols and rename edits.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, REPO, copyFolder, uri } from '../helpers/lsp';

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

describe('editor features over stdio', function () {
  this.timeout(30_000);
  let ws: string;
  let client: LspClient;
  let POLICY: string;
  let CONFIG: string;
  const request = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;

  before(async () => {
    ws = copyFolder(path.join(REPO, 'samples', 'soc2'));
    client = new LspClient();
    await client.initialize(ws);
    POLICY = uri(ws, 'policies/change-management.md');
    CONFIG = uri(ws, 'github/branch-protection.json');
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  describe('hover', () => {
    it('on a requirement: statement, expectation, and each source value with its verdict', async () => {
      assert.deepEqual(await request('textDocument/hover', { textDocument: { uri: POLICY }, position: { line: 12, character: 5 } }), {
        contents: {
          kind: 'markdown',
          value: '**change-management › two-approvals** — ✗ drift\n\n> Every change to the main branch is approved by at least two reviewers.\n\nexpect: `>= 2`\n\n| source | line | value | result |\n| --- | --- | --- | --- |\n| github/branch-protection.json | 26 | 1 | ✗ |\n| infra/github/branch-protection.tf | 45 | 2 | ✓ |',
        },
        range: range(12, 2, 12, 15),
      });
    });

    it('on a governed config value: the requirements that read it and whether it satisfies them', async () => {
      assert.deepEqual(await request('textDocument/hover', { textDocument: { uri: CONFIG }, position: { line: 25, character: 39 } }), {
        contents: { kind: 'markdown', value: '**Governed by Tenet** — 1\n\n- ✗ **change-management › two-approvals** expects `>= 2` — Every change to the main branch is approved by at least two reviewers.' },
        range: range(25, 39, 25, 40),
      });
    });

    it('on a control id: the criterion title and summary', async () => {
      assert.deepEqual(await request('textDocument/hover', { textDocument: { uri: POLICY }, position: { line: 10, character: 12 } }), {
        contents: {
          kind: 'markdown',
          value: '**CC8.1 — Change management** (Change Management)\n\nThe entity authorizes, designs, develops or acquires, configures, documents, tests, approves, and implements changes to infrastructure, data, software, and procedures to meet its objectives.',
        },
        range: range(10, 11, 10, 16),
      });
    });

    it('on a cadence: the next due date, for the review and for evidence', async () => {
      assert.deepEqual(await request('textDocument/hover', { textDocument: { uri: POLICY }, position: { line: 8, character: 10 } }), {
        contents: { kind: 'markdown', value: 'Reviewed annually (every 1 year): next review due **2027-05-18**.' },
        range: range(8, 9, 8, 17),
      });
      assert.deepEqual(await request('textDocument/hover', { textDocument: { uri: uri(ws, 'policies/access-control.md') }, position: { line: 14, character: 12 } }), {
        contents: { kind: 'markdown', value: 'Due quarterly (every 3 months): newest evidence 2026-11-15, next due **2027-02-15**.' },
        range: range(14, 11, 14, 20),
      });
    });

    it('on plain prose: nothing', async () => {
      assert.equal(await request('textDocument/hover', { textDocument: { uri: POLICY }, position: { line: 70, character: 1 } }), null);
    });
  });

  describe('navigation', () => {
    it('goes from a requirement to the values it selects', async () => {
      assert.deepEqual(await request('textDocument/definition', { textDocument: { uri: POLICY }, position: { line: 17, character: 15 } }), [{ uri: CONFIG, range: range(25, 39, 25, 40) }]);
    });

    it('finds every requirement that reads a config value', async () => {
      assert.deepEqual(await request('textDocument/references', { textDocument: { uri: CONFIG }, position: { line: 25, character: 39 }, context: { includeDeclaration: true } }), [{ uri: POLICY, range: range(12, 2, 12, 15) }]);
    });

    it('links every file: value', async () => {
      const links = await request<{ range: unknown; target: string }[]>('textDocument/documentLink', { textDocument: { uri: POLICY } });
      const TF = uri(ws, 'infra/github/branch-protection.tf');
      assert.deepEqual(links.map((l) => [l.range, l.target]), [
        [range(16, 14, 16, 43), CONFIG], [range(20, 14, 20, 47), TF],
        [range(26, 14, 26, 43), CONFIG], [range(28, 14, 28, 47), TF],
        [range(34, 14, 34, 43), CONFIG], [range(36, 14, 36, 47), TF],
        [range(46, 14, 46, 43), CONFIG], [range(48, 14, 48, 47), TF],
        [range(54, 14, 54, 43), CONFIG], [range(56, 14, 56, 47), TF],
        [range(62, 14, 62, 18), uri(ws, '.env')],
      ]);
    });
  });

  it('shows a code lens with the status above each requirement', async () => {
    const lenses = await request<{ range: unknown; command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri: POLICY } });
    assert.deepEqual(lenses.map((l) => [l.range, l.command.title, l.command.command]), [
      [range(12, 2, 12, 15), '✗ drift in github/branch-protection.json', 'tenet.showLocations'],
      [range(22, 2, 22, 19), '✓ verified in 2 sources', 'tenet.showLocations'],
      [range(30, 2, 30, 25), '✓ verified in 2 sources', 'tenet.showLocations'],
      [range(38, 2, 38, 20), '✓ verified in 2 sources', 'tenet.showLocations'],
      [range(50, 2, 50, 15), '✓ verified in 2 sources', 'tenet.showLocations'],
      [range(58, 2, 58, 24), '✓ verified in 1 source', 'tenet.showLocations'],
    ]);
    const excepted = await request<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: uri(ws, 'policies/password-authentication.md') } });
    assert.deepEqual(excepted.map((l) => l.command.title), ['✗ drift in infra/aws/terraform.tfvars', '✓ verified in 1 source', '✓ verified in 1 source', '✓ verified in 2 sources', '✓ verified in 1 source']);
  });

  it('outlines a policy with its requirements, and finds requirements across the workspace', async () => {
    const [symbol] = await request<{ name: string; detail: string; children: { name: string; detail: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: POLICY } });
    assert.equal(symbol.name, 'change-management');
    assert.equal(symbol.detail, 'Change Management Policy');
    assert.deepEqual(symbol.children.map((c) => `${c.name}:${c.detail}`), ['two-approvals:drift', 'admins-not-exempt:verified', 'up-to-date-before-merge:verified', 'required-ci-checks:verified', 'no-force-push:verified', 'no-debug-in-production:verified']);
    assert.deepEqual(await request('workspace/symbol', { query: 'approv' }), [{ name: 'two-approvals', kind: 8, containerName: 'change-management', location: { uri: POLICY, range: range(12, 2, 12, 15) } }]);
  });

  describe('completion in front matter', () => {
    type Item = { label: string; detail?: string; textEdit: { newText: string; range: unknown } };
    const complete = (line: number, character: number, target = POLICY) => request<Item[]>('textDocument/completion', { textDocument: { uri: target }, position: { line, character } });

    it('offers control ids with their titles', async () => {
      const items = await complete(10, 11);
      assert.equal(items.length, 61);
      assert.deepEqual(items.slice(0, 2).map((i) => [i.label, i.detail]), [['CC1.1', 'Commitment to integrity and ethical values'], ['CC1.2', 'Board independence and oversight']]);
    });

    it('offers cadence words and expect operators', async () => {
      assert.deepEqual((await complete(8, 9)).map((i) => i.label), ['weekly', 'monthly', 'quarterly', 'semiannually', 'annually']);
      const operators = (await complete(14, 12)).map((i) => i.label);
      assert.deepEqual(operators.slice(0, 3), ['">= "', '"<= "', '"> "']);
      assert.ok(operators.includes('{subsetOf: {file: , at: }}'));
    });

    it('offers workspace config files in file:, and the paths that exist in that file in at:', async () => {
      const files = (await complete(16, 14)).map((i) => i.label);
      assert.deepEqual(files, [
        '.env', 'cloud/aws-account-password-policy.json', 'cloud/cloudwatch-alarms.json', 'cloud/cloudwatch-log-groups.json', 'evidence/access-reviews.csv',
        'github/branch-protection.json', 'github/org-members.json', 'hr/roster.csv', 'idp/okta-password-policy.json', 'idp/okta-signon-policy.json',
        'idp/okta-users.csv', 'infra/aws/iam.tf', 'infra/aws/logging.tf', 'infra/aws/providers.tf', 'infra/aws/terraform.tfvars', 'infra/aws/variables.tf',
        'infra/github/branch-protection.tf', 'k8s/logging.yaml', 'tenet.yaml', 'vendors/vendors.yaml',
      ]);
      const paths = await complete(17, 12);
      assert.ok(paths.some((i) => i.label === '$.required_pull_request_reviews.required_approving_review_count' && i.detail === 'github/branch-protection.json'));
      assert.ok(paths.some((i) => i.label === '$.required_status_checks.checks[*].context'));
      assert.equal(paths.find((i) => i.label === '$.enforce_admins.enabled')?.textEdit.newText, '$.enforce_admins.enabled');
    });

    it('offers the keys a requirement can still take, with their documentation', async () => {
      const keys = await complete(13, 4);
      assert.deepEqual(keys.map((i) => i.label).sort(), ['every', 'evidence', 'says', 'severity']);
    });
  });

  it('renames a requirement and the exceptions that reference it', async () => {
    const PASSWORDS = uri(ws, 'policies/password-authentication.md');
    assert.deepEqual(await request('textDocument/prepareRename', { textDocument: { uri: PASSWORDS }, position: { line: 12, character: 5 } }), { range: range(12, 2, 12, 21), placeholder: 'password-min-length' });
    assert.deepEqual(await request('textDocument/rename', { textDocument: { uri: PASSWORDS }, position: { line: 12, character: 5 }, newName: 'min-length' }), {
      changes: { [PASSWORDS]: [{ range: range(12, 2, 12, 21), newText: 'min-length' }, { range: range(54, 17, 54, 36), newText: 'min-length' }] },
    });
    await assert.rejects(request('textDocument/rename', { textDocument: { uri: PASSWORDS }, position: { line: 12, character: 5 }, newName: 'Not Kebab' }), /not a kebab-case requirement id/);
    await assert.rejects(request('textDocument/rename', { textDocument: { uri: PASSWORDS }, position: { line: 12, character: 5 }, newName: 'mfa-required' }), /already has a requirement "mfa-required"/);
  });
});
