// `tenet/dashboard` over stdio against the built server, on a private copy of samples/soc2: the coverage
// matrix, the policies in column order, the drifting requirements with the values that drift, the
// counts, and the answer after in-memory edits (what a dashboard re-asks for on `tenet/status`).
// The copy is a fresh git repository with no history: no evidence/backdated finding (10 errors, not 11).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import type { DashboardProject, DashboardResult } from '../../server/src/lsp/protocol';
import { LspClient, REPO, copyFolder, uri } from '../helpers/lsp';

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const COLUMNS = ['access-control', 'change-management', 'logging-monitoring', 'offboarding', 'password-authentication', 'vendor-management'];

describe('tenet/dashboard over stdio', function () {
  this.timeout(30_000);
  let ws: string;
  let client: LspClient;
  let project: DashboardProject;

  const ask = async (): Promise<DashboardProject> => {
    const result = (await client.connection.sendRequest('tenet/dashboard', {})) as DashboardResult;
    assert.equal(result.projects.length, 1);
    return result.projects[0];
  };
  /** The cells of a criterion, by policy id. */
  const cells = (p: DashboardProject, id: string) => {
    const row = p.matrix.rows.find((r) => r.id === id);
    assert.ok(row, id);
    return { summary: row.summary, ...Object.fromEntries(p.matrix.columns.map((policy, i) => [policy, row.cells[i]])) };
  };

  before(async () => {
    ws = copyFolder(path.join(REPO, 'samples', 'soc2'));
    client = new LspClient();
    await client.initialize(ws);
    project = await ask();
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('names the project, its day and framework', () => {
    assert.equal(project.root, ws);
    assert.equal(project.rootUri, uri(ws, '').replace(/\/$/, ''));
    assert.equal(project.today, '2026-11-22');
    assert.equal(project.framework, 'SOC 2 Trust Services Criteria (2017, revised points of focus 2022)');
  });

  it('the matrix: one row per criterion, a column per policy, the exact cell statuses', () => {
    assert.deepEqual(project.matrix.columns, COLUMNS);
    assert.equal(project.matrix.rows.length, 61);
    assert.deepEqual(project.matrix.rows[0], { id: 'CC1.1', title: 'Commitment to integrity and ethical values', category: 'Control Environment', cells: Array(6).fill('not-covered'), summary: 'not-covered' });
    const no = 'not-covered';
    assert.deepEqual(cells(project, 'CC6.1'), { summary: 'drift', 'access-control': 'drift', 'change-management': no, 'logging-monitoring': no, offboarding: no, 'password-authentication': 'drift', 'vendor-management': no });
    assert.deepEqual(cells(project, 'CC6.2'), { summary: 'drift', 'access-control': 'drift', 'change-management': no, 'logging-monitoring': no, offboarding: 'drift', 'password-authentication': 'drift', 'vendor-management': no });
    assert.deepEqual(cells(project, 'CC8.1'), { summary: 'drift', 'access-control': no, 'change-management': 'drift', 'logging-monitoring': no, offboarding: no, 'password-authentication': no, 'vendor-management': no });
    assert.deepEqual(cells(project, 'CC9.2'), { summary: 'drift', 'access-control': no, 'change-management': no, 'logging-monitoring': no, offboarding: no, 'password-authentication': no, 'vendor-management': 'drift' });
    assert.deepEqual(cells(project, 'A1.1'), { summary: no, 'access-control': no, 'change-management': no, 'logging-monitoring': no, offboarding: no, 'password-authentication': no, 'vendor-management': no });
    // CC6.9 (offboarding claims it) is not in the catalog: no row.
    assert.equal(project.matrix.rows.some((r) => r.id === 'CC6.9'), false);
  });

  it('the policies, in column order, with owner, status and review dates', () => {
    assert.deepEqual(
      project.policies.map((p) => [p.id, p.status, p.coverage, p.owner ?? null, p.reviewLast, p.reviewNext, p.reviewState, p.overdue]),
      [
        ['access-control', 'drift', 'drift', '@acme/security', '2026-03-02', '2027-03-02', 'ok', false],
        ['change-management', 'drift', 'drift', '@acme/platform', '2026-05-18', '2027-05-18', 'ok', false],
        ['logging-monitoring', 'drift', 'drift', '@acme/platform', '2026-08-04', '2027-08-04', 'ok', false],
        ['offboarding', 'drift', 'drift', null, '2026-10-01', '2027-10-01', 'ok', false],
        ['password-authentication', 'drift', 'drift', '@acme/security', '2026-01-12', '2027-01-12', 'ok', false],
        ['vendor-management', 'drift', 'drift', '@acme/security', '2025-06-30', '2026-06-30', 'overdue', true],
      ],
    );
    assert.deepEqual(project.policies[1], {
      id: 'change-management',
      title: 'Change Management Policy',
      file: 'policies/change-management.md',
      uri: uri(ws, 'policies/change-management.md'),
      range: range(1, 0, 1, 6),
      owner: '@acme/platform',
      controls: ['CC8.1'],
      status: 'drift',
      coverage: 'drift',
      counts: { verified: 5, drift: 1, unknown: 0, unchecked: 0, excepted: 0 },
      reviewLast: '2026-05-18',
      reviewNext: '2027-05-18',
      reviewState: 'ok',
      overdue: false,
    });
  });

  it('the requirements: status, expectation, the key range and the values that drift', () => {
    assert.equal(project.requirements.length, 24);
    assert.deepEqual(
      project.requirements.filter((r) => r.status === 'drift').map((r) => `${r.policy} › ${r.id}`),
      [
        'access-control › quarterly-access-review',
        'access-control › no-shared-accounts',
        'change-management › two-approvals',
        'logging-monitoring › log-retention',
        'offboarding › github-members-are-employees',
        'password-authentication › password-min-length',
        'vendor-management › vendor-soc-reports-current',
      ],
    );
    const policy = uri(ws, 'policies/change-management.md');
    assert.deepEqual(
      project.requirements.find((r) => r.id === 'two-approvals'),
      {
        policy: 'change-management',
        policyUri: policy,
        id: 'two-approvals',
        status: 'drift',
        says: 'Every change to the main branch is approved by at least two reviewers.',
        expectation: '>= 2',
        uri: policy,
        range: range(12, 2, 12, 15),
        offending: [{ file: 'github/branch-protection.json', uri: uri(ws, 'github/branch-protection.json'), range: range(25, 39, 25, 40), name: 'required_approving_review_count', shown: '1' }],
      },
    );
    // A value set in tfvars is offending where it is written; an evidence gap points at the row after it.
    assert.deepEqual(project.requirements.find((r) => r.id === 'password-min-length')?.offending, [
      { file: 'infra/aws/terraform.tfvars', uri: uri(ws, 'infra/aws/terraform.tfvars'), range: range(6, 22, 6, 24), name: 'minimum_password_length', shown: '10' },
    ]);
    assert.deepEqual(project.requirements.find((r) => r.id === 'quarterly-access-review')?.offending, [
      { file: 'evidence/access-reviews.csv', uri: uri(ws, 'evidence/access-reviews.csv'), range: range(23, 0, 23, 10), name: 'completed_on (row 24)', shown: '"2026-11-14"', why: 'gap: no evidence between 2026-02-27 and 2026-11-14' },
    ]);
    const verified = project.requirements.find((r) => r.id === 'admins-not-exempt');
    assert.equal(verified?.status, 'verified');
    assert.deepEqual(verified?.offending, []);
    assert.equal(project.requirements.find((r) => r.id === 'cloudtrail-encrypted')?.status, 'unknown');
  });

  it('the counts', () => {
    assert.deepEqual(project.summary, {
      policies: 6,
      requirements: 24,
      statuses: { verified: 16, drift: 7, unknown: 1, unchecked: 0, excepted: 0 },
      criteria: { verified: 0, drift: 8, unverified: 0, 'not-covered': 53 },
      overdueReviews: 1,
      errors: 10,
      warnings: 2,
    });
  });

  it('answers for the edited buffers: a fixed value verifies, a requirement without sources is unverified', async () => {
    const configUri = uri(ws, 'github/branch-protection.json');
    const vendorUri = uri(ws, 'policies/vendor-management.md');
    const config = fs.readFileSync(path.join(ws, 'github/branch-protection.json'), 'utf8');
    const vendor = fs
      .readFileSync(path.join(ws, 'policies/vendor-management.md'), 'utf8')
      .replace('last: 2025-06-30', 'last: 2026-07-01')
      .replace(/    in:\n      - file: vendors\/vendors.yaml\n.*\n/, '');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: configUri, languageId: 'json', version: 1, text: config } });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: vendorUri, languageId: 'markdown', version: 1, text: vendor } });
    const status = client.notification<{ drift: number }>('tenet/status', (s) => s.drift === 5);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ range: range(25, 39, 25, 40), text: '2' }] });
    await status;
    const after = await ask();
    assert.deepEqual(cells(after, 'CC8.1'), { summary: 'verified', 'access-control': 'not-covered', 'change-management': 'verified', 'logging-monitoring': 'not-covered', offboarding: 'not-covered', 'password-authentication': 'not-covered', 'vendor-management': 'not-covered' });
    assert.deepEqual(cells(after, 'CC9.2'), { summary: 'unverified', 'access-control': 'not-covered', 'change-management': 'not-covered', 'logging-monitoring': 'not-covered', offboarding: 'not-covered', 'password-authentication': 'not-covered', 'vendor-management': 'unverified' });
    assert.deepEqual(
      after.policies.map((p) => [p.id, p.status, p.coverage, p.reviewState, p.overdue]),
      [
        ['access-control', 'drift', 'drift', 'ok', false],
        ['change-management', 'verified', 'verified', 'ok', false],
        ['logging-monitoring', 'drift', 'drift', 'ok', false],
        ['offboarding', 'drift', 'drift', 'ok', false],
        ['password-authentication', 'drift', 'drift', 'ok', false],
        ['vendor-management', 'unchecked', 'unverified', 'ok', false],
      ],
    );
    assert.deepEqual(after.summary.statuses, { verified: 17, drift: 5, unknown: 1, unchecked: 1, excepted: 0 });
    assert.deepEqual(after.summary.criteria, { verified: 1, drift: 6, unverified: 1, 'not-covered': 53 });
    assert.equal(after.summary.overdueReviews, 0);

    // Closing the buffers goes back to the disk.
    const back = client.notification<{ drift: number }>('tenet/status', (s) => s.drift === 7);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: configUri } });
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: vendorUri } });
    await back;
    assert.deepEqual((await ask()).summary, project.summary);
  });
});
