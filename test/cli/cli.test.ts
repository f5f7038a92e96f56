// The built CLI as a subprocess: exit codes, the JSON contract, and the flags that change them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempWorkspace } from '../helpers/tmp';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

function tenet(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TENET_TODAY: '', ...options.env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A throwaway workspace on disk. */
function workspace(files: Record<string, string>): string {
  const root = tempWorkspace('tenet-cli-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const POLICY = `---
policy: passwords
title: Passwords
owner: "@acme/security"
review:
  every: annually
  last: 2026-06-01
controls: [CC6.1]
requirements:
  min-length:
    says: Passwords are at least 12 characters long.
    expect: ">= 12"
    in:
      - file: idp.json
        at: $.minLength
---
# Passwords
`;

describe('tenet CLI (subprocess)', function () {
  this.timeout(20_000);

  it('exits 1 on the samples and prints the JSON contract exactly', () => {
    const run = tenet(['lint', 'samples/soc2', '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out), ['tool', 'summary', 'requirements', 'findings']);
    assert.deepEqual(out.tool, { name: 'tenet', version: JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version });
    assert.deepEqual(Object.keys(out.summary), ['policies', 'requirements', 'verified', 'errors', 'warnings', 'infos']);
    assert.equal(out.summary.policies, 6);
    assert.deepEqual(out.requirements[0], { policy: 'access-control', requirement: 'quarterly-access-review', status: 'drift', file: 'policies/access-control.md', line: 13 });
    const drift = out.findings.find((f: { file: string }) => f.file === 'github/branch-protection.json');
    assert.deepEqual(drift, {
      rule: 'requirement/drift',
      severity: 'error',
      message: 'required_approving_review_count is 1; policy change-management › two-approvals expects >= 2',
      file: 'github/branch-protection.json',
      range: { start: { line: 26, column: 40 }, end: { line: 26, column: 41 } },
      policy: 'change-management',
      requirement: 'two-approvals',
      expected: '>= 2',
      actual: 1,
      related: [{ file: 'policies/change-management.md', line: 13, column: 3, message: 'requirement stated here' }],
    });
    const sorted = [...out.findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column));
    assert.deepEqual(out.findings, sorted);
  });

  it('is deterministic', () => {
    assert.equal(tenet(['lint', 'samples/soc2', '--format', 'json']).stdout, tenet(['lint', 'samples/soc2', '--format', 'json']).stdout);
  });

  it('exits 0 on a clean workspace and prints nothing in stylish', () => {
    const root = workspace({ 'policies/p.md': POLICY, 'idp.json': '{"minLength": 12}' });
    const run = tenet(['lint', root, '--today', '2026-11-22']);
    assert.deepEqual(run, { status: 0, stdout: '', stderr: '' });
  });

  it('exits 1 on drift, with the stylish report', () => {
    const root = workspace({ 'policies/p.md': POLICY, 'idp.json': '{"minLength": 8}' });
    const run = tenet(['lint', root, '--today', '2026-11-22']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '\nidp.json\n  1:15  error  minLength is 8; policy passwords › min-length expects >= 12  requirement/drift\n\n✖ 1 problem (1 error, 0 warnings, 0 infos)\n');
  });

  it('--today and TENET_TODAY move the review date; --today wins', () => {
    const root = workspace({ 'policies/p.md': POLICY, 'idp.json': '{"minLength": 12}' });
    assert.equal(tenet(['lint', root, '--today', '2027-07-01']).status, 1);
    assert.equal(tenet(['lint', root], { env: { TENET_TODAY: '2027-07-01' } }).status, 1);
    assert.equal(tenet(['lint', root, '--today', '2026-11-22'], { env: { TENET_TODAY: '2027-07-01' } }).status, 0);
  });

  it('--max-warnings turns too many warnings into exit 1, --quiet hides them', () => {
    const root = workspace({ 'policies/p.md': POLICY.replace('says: Passwords are at least 12', 'says: Passwords are at least 10'), 'idp.json': '{"minLength": 12}' });
    assert.equal(tenet(['lint', root, '--today', '2026-11-22']).status, 0);
    const strict = tenet(['lint', root, '--today', '2026-11-22', '--max-warnings', '0']);
    assert.equal(strict.status, 1);
    assert.equal(strict.stderr, 'Tenet found too many warnings (maximum: 0).\n');
    assert.deepEqual(tenet(['lint', root, '--today', '2026-11-22', '--quiet', '--max-warnings', '0']), { status: 0, stdout: '', stderr: '' });
  });

  it('--output writes the report to a file instead of stdout', () => {
    const root = workspace({ 'policies/p.md': POLICY, 'idp.json': '{"minLength": 8}' });
    const out = path.join(root, 'reports', 'tenet.json');
    const run = tenet(['lint', root, '--today', '2026-11-22', '--format', 'json', '--output', out]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).summary.errors, 1);
  });

  it('--config picks the workspace root and its settings', () => {
    const root = workspace({ 'ws/policies/p.md': POLICY, 'ws/idp.json': '{"minLength": 8}', 'ws/custom.yaml': 'rules:\n  requirement/drift: warning\ntoday: 2026-11-22\n' });
    const run = tenet(['lint', '--config', path.join(root, 'ws', 'custom.yaml'), '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).summary.warnings, 1);
  });

  it('exits 2 on usage errors, naming the problem', () => {
    assert.deepEqual(tenet(['lint', '--format', 'xml']).status, 2);
    assert.match(tenet(['lint', '--bogus']).stderr, /--bogus/);
    assert.equal(tenet(['lint', '--today', '2026-02-30']).status, 2);
    assert.equal(tenet(['lint', 'does/not/exist']).status, 2);
    assert.equal(tenet(['frobnicate']).status, 2);
  });

  it('narrows the report to a policy, or to the policies reading a config file', () => {
    const byPolicy = JSON.parse(tenet(['lint', 'samples/soc2/policies/change-management.md', '--format', 'json']).stdout);
    assert.deepEqual([...new Set(byPolicy.findings.map((f: { policy: string }) => f.policy))], ['change-management']);
    const byConfig = JSON.parse(tenet(['lint', 'samples/soc2/vendors/vendors.yaml', '--format', 'json']).stdout);
    assert.deepEqual(byConfig.requirements.map((r: { requirement: string }) => r.requirement), ['vendor-soc-reports-current']);
  });

  it('reports a broken policy as a finding and still checks the others', () => {
    const root = workspace({ 'a.md': '---\npolicy: a\nowner: [\n---\n', 'b.md': POLICY.replace('passwords', 'b'), 'idp.json': '{"minLength": 8}' });
    const out = JSON.parse(tenet(['lint', root, '--today', '2026-11-22', '--format', 'json']).stdout);
    assert.deepEqual(out.findings.map((f: { rule: string; file: string }) => `${f.file} ${f.rule}`), ['a.md front-matter/syntax', 'idp.json requirement/drift']);
  });
});
