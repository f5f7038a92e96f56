// --format junit: parsed back with fast-xml-parser, so structure, counts and escaping are checked
// on the document a CI system reads, not on the text.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatJunit } from '../../server/src/cli/format/junit';
import type { Finding, LintResult, RequirementResult } from '../../server/src/engine/types';
import { BIN, policy, run, runBin, tempDir, writeFiles } from './support';

interface Case {
  name: string;
  classname: string;
  file?: string;
  failure?: { message: string; type: string; '#text'?: string };
  error?: { message: string; type: string; '#text'?: string };
  skipped?: { message: string };
  'system-out'?: string;
}

interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  file?: string;
  testcase: Case[];
}

interface Doc {
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite?: Suite[] };
}

function parse(xml: string): Doc {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    ignoreDeclaration: true,
    trimValues: false,
    parseAttributeValue: false,
    parseTagValue: false,
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const doc = parser.parse(xml) as Doc;
  // Empty elements parse as '' (or an attributes-only object), and the indentation between
  // elements as text: normalize both away.
  const dropIndent = (node: any) => {
    if (typeof node['#text'] === 'string' && node['#text'].trim() === '') delete node['#text'];
  };
  dropIndent(doc.testsuites);
  for (const suite of doc.testsuites.testsuite ?? []) {
    dropIndent(suite);
    for (const c of suite.testcase) {
      dropIndent(c);
      for (const key of ['failure', 'error', 'skipped'] as const) if ((c as any)[key] === '') (c as any)[key] = {};
    }
  }
  checkCounts(doc);
  return doc;
}

/** Every suite's counts match its cases, and the root's the sum of the suites'. */
function checkCounts(doc: Doc): void {
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of doc.testsuites.testsuite ?? []) {
    const counts = {
      tests: suite.testcase.length,
      failures: suite.testcase.filter((c) => c.failure).length,
      errors: suite.testcase.filter((c) => c.error).length,
      skipped: suite.testcase.filter((c) => c.skipped).length,
    };
    assert.deepEqual({ tests: +suite.tests, failures: +suite.failures, errors: +suite.errors, skipped: +suite.skipped }, counts, suite.name);
    for (const c of suite.testcase) assert.ok([c.failure, c.error, c.skipped].filter(Boolean).length <= 1, c.name);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
  }
  const root = doc.testsuites;
  assert.equal(root.name, 'tenet');
  assert.deepEqual({ tests: +root.tests, failures: +root.failures, errors: +root.errors, skipped: +root.skipped }, total);
}

const POLICY_A = 'policies/a.md';
const POLICY_B = 'policies/b.md';

const req = (policyId: string, requirement: string, status: RequirementResult['status'], start: number): RequirementResult => ({
  policy: policyId,
  requirement,
  status,
  file: policyId === 'alpha' ? POLICY_A : POLICY_B,
  span: { start, end: start + 1 },
});

const finding = (f: Partial<Finding> & Pick<Finding, 'rule' | 'message' | 'file'>): Finding => ({ severity: 'error', span: { start: 0, end: 1 }, ...f });

const HOSTILE = 'value <"&\'> is\u0001 bad\r\nreally \uD800';

function result(findings: Finding[], requirements: RequirementResult[]): LintResult {
  return {
    root: '/ws',
    today: '2026-11-22',
    policies: [
      { id: 'beta', file: POLICY_B, controls: [] },
      { id: 'alpha', file: POLICY_A, controls: [] },
    ],
    requirements,
    findings,
    texts: new Map([
      [POLICY_A, 'line 1\nline 2\nline 3\n'],
      ['conf/x.json', '{\n  "x": 1\n}\n'],
    ]),
  };
}

const REQUIREMENTS = [
  req('alpha', 'drifting', 'drift', 0),
  req('alpha', 'fine', 'verified', 2),
  req('alpha', 'waived', 'excepted', 3),
  req('alpha', 'unread', 'unknown', 4),
  req('alpha', 'no-source', 'unchecked', 5),
  req('beta', 'quiet-drift', 'drift', 0),
];

const FINDINGS: Finding[] = [
  finding({ rule: 'requirement/drift', message: HOSTILE, file: 'conf/x.json', span: { start: 4, end: 5 }, policy: 'alpha', requirement: 'drifting' }),
  finding({ rule: 'evidence/gap', message: 'second finding', file: POLICY_A, span: { start: 7, end: 8 }, policy: 'alpha', requirement: 'drifting' }),
  finding({ rule: 'requirement/statement-mismatch', severity: 'warning', message: 'says 3', file: POLICY_A, policy: 'alpha', requirement: 'fine' }),
  finding({ rule: 'source/unreadable', message: 'cannot read', file: POLICY_A, policy: 'alpha', requirement: 'unread' }),
  finding({ rule: 'owner/missing', message: 'no owner', file: POLICY_A, span: { start: 14, end: 15 }, policy: 'alpha' }),
  finding({ rule: 'control/unverified', severity: 'warning', message: 'not checked', file: POLICY_B, policy: 'beta' }),
  finding({ rule: 'config/invalid', message: 'bad tenet.yaml', file: 'tenet.yaml' }),
];

describe('cli/format junit', () => {
  it('makes a suite per policy and a case per requirement, plus (policy) and (workspace)', () => {
    const doc = parse(formatJunit(result(FINDINGS, REQUIREMENTS), { version: '1.0.0', color: false, cwd: '/ws' }));
    const suites = doc.testsuites.testsuite ?? [];
    assert.deepEqual(
      suites.map((s) => [s.name, s.file, s.testcase.map((c) => c.name)]),
      [
        ['alpha', POLICY_A, ['drifting', 'fine', 'waived', 'unread', 'no-source', '(policy)']],
        ['beta', POLICY_B, ['quiet-drift', '(policy)']],
        ['(workspace)', undefined, ['(workspace)']],
      ],
    );
    assert.deepEqual(
      { tests: doc.testsuites.tests, failures: doc.testsuites.failures, errors: doc.testsuites.errors, skipped: doc.testsuites.skipped },
      { tests: '9', failures: '3', errors: '1', skipped: '2' },
    );
    const [alpha, beta, workspace] = suites;
    assert.deepEqual([alpha.tests, alpha.failures, alpha.errors, alpha.skipped], ['6', '2', '1', '1']);
    const [drifting, fine, waived, unread, noSource, alphaPolicy] = alpha.testcase;
    assert.equal(drifting.classname, 'alpha');
    assert.equal(drifting.file, POLICY_A);
    assert.deepEqual(drifting.failure, {
      message: HOSTILE.replace('\u0001', '\uFFFD').replace('\uD800', '\uFFFD'),
      type: 'requirement/drift',
      '#text': `conf/x.json:2:3: error ${HOSTILE.replace('\u0001', '\uFFFD').replace('\uD800', '\uFFFD')} (requirement/drift)\npolicies/a.md:2:1: error second finding (evidence/gap)`,
    });
    assert.deepEqual(fine, { name: 'fine', classname: 'alpha', file: POLICY_A, 'system-out': 'policies/a.md:1:1: warning says 3 (requirement/statement-mismatch)' });
    assert.deepEqual(waived, { name: 'waived', classname: 'alpha', file: POLICY_A });
    assert.deepEqual(unread.error, { message: 'cannot read', type: 'source/unreadable', '#text': 'policies/a.md:1:1: error cannot read (source/unreadable)' });
    assert.deepEqual(noSource.skipped, { message: 'unchecked: the requirement names no source to check' });
    assert.deepEqual(alphaPolicy.failure, { message: 'no owner', type: 'owner/missing', '#text': 'policies/a.md:3:1: error no owner (owner/missing)' });
    // A drift whose findings were left out of the report (baseline, --quiet) is a known failure: skipped.
    const [quietDrift, betaPolicy] = beta.testcase;
    assert.deepEqual(quietDrift.skipped, { message: 'drift: its findings are not in this report (--baseline or --quiet)' });
    // Only warnings about the policy: it passes, with the warnings in system-out.
    assert.deepEqual(betaPolicy, { name: '(policy)', classname: 'beta', file: POLICY_B, 'system-out': 'policies/b.md:1:1: warning not checked (control/unverified)' });
    assert.deepEqual(workspace.testcase[0].failure, { message: 'bad tenet.yaml', type: 'config/invalid', '#text': 'tenet.yaml:1:1: error bad tenet.yaml (config/invalid)' });
  });

  it('escapes markup and keeps line breaks in attributes', () => {
    const xml = formatJunit(result(FINDINGS, REQUIREMENTS), { version: '1.0.0', color: false, cwd: '/ws' });
    assert.ok(xml.includes('message="value &lt;&quot;&amp;&apos;&gt; is\uFFFD bad&#13;&#10;really \uFFFD"'));
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml));
  });

  it('names files relative to the current directory', () => {
    const doc = parse(formatJunit(result(FINDINGS, REQUIREMENTS), { version: '1.0.0', color: false, cwd: '/ws/policies' }));
    const alpha = doc.testsuites.testsuite?.[0];
    assert.equal(alpha?.file, 'a.md');
    assert.match(alpha?.testcase[0].failure?.['#text'] ?? '', /^\/ws\/conf\/x\.json:2:3: error /);
  });

  it('keeps a passing (policy) case for a policy without requirements, and has no suites without policies', () => {
    const doc = parse(formatJunit(result([], []), { version: '1.0.0', color: false, cwd: '/ws' }));
    // Suites follow the policy files' order.
    assert.deepEqual(doc.testsuites.testsuite?.map((s) => [s.name, s.tests, s.failures, s.testcase.map((c) => c.name)]), [
      ['alpha', '1', '0', ['(policy)']],
      ['beta', '1', '0', ['(policy)']],
    ]);
    const bare: LintResult = { ...result([], []), policies: [] };
    assert.equal(formatJunit(bare, { version: '1.0.0', color: false, cwd: '/ws' }), '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tenet" tests="0" failures="0" errors="0" skipped="0">\n</testsuites>\n');
  });

  describe('through main()', () => {
    let ws: string;
    before(() => {
      ws = writeFiles(tempDir('tenet-junit-'), {
        'tenet.yaml': 'today: 2026-11-22\n',
        'policies/alpha.md': policy('alpha', { file: 'conf/a.json', at: '$.min', expect: '>= 12' }),
        'policies/beta.md': policy('beta', { file: 'conf/b.json', at: '$.max', expect: '<= 5', owner: false }),
        'conf/a.json': '{\n  "min": 8\n}\n',
        'conf/b.json': '{\n  "max": 5\n}\n',
      });
    });
    after(() => fs.rmSync(ws, { recursive: true, force: true }));

    it('reports the lint run, with --quiet and --baseline agreeing with the exit code', async () => {
      const full = await run(['lint', '--format', 'junit'], { cwd: ws });
      assert.equal(full.code, 1);
      const doc = parse(full.stdout);
      assert.deepEqual(
        doc.testsuites.testsuite?.map((s) => [s.name, s.testcase.map((c) => `${c.name}:${c.failure ? 'failure' : c.error ? 'error' : c.skipped ? 'skipped' : 'pass'}`)]),
        [
          ['alpha', ['req:failure', '(policy):pass']],
          ['beta', ['req:pass', '(policy):failure']],
        ],
      );
      assert.equal(doc.testsuites.testsuite?.[0].testcase[0].failure?.['#text'], 'conf/a.json:2:10: error min is 8; policy alpha › req expects >= 12 (requirement/drift)');
      assert.equal(doc.testsuites.testsuite?.[1].testcase[1].failure?.type, 'owner/missing');

      await run(['baseline'], { cwd: ws });
      const baselined = await run(['lint', '--format', 'junit', '--baseline', 'tenet-baseline.json'], { cwd: ws });
      assert.equal(baselined.code, 0);
      const quiet = parse(baselined.stdout);
      assert.equal(quiet.testsuites.failures, '0');
      assert.equal(quiet.testsuites.skipped, '1');
    });
  });

  describe('built binary', () => {
    before(function () {
      if (!fs.existsSync(BIN)) this.skip();
    });

    it('agrees with the JSON report on samples/soc2', function () {
      this.timeout(20_000);
      const junit = runBin(['lint', 'samples/soc2', '--format', 'junit']);
      assert.equal(junit.code, 1, junit.stderr);
      const doc = parse(junit.stdout);
      const json = JSON.parse(runBin(['lint', 'samples/soc2', '--format', 'json']).stdout);
      const suites = doc.testsuites.testsuite ?? [];
      assert.deepEqual(suites.map((s) => s.name).sort(), [...new Set<string>(json.requirements.map((r: any) => r.policy))].sort());
      assert.equal(+doc.testsuites.tests, json.summary.requirements + suites.length);
      const status = (s: string) => json.requirements.filter((r: any) => r.status === s).length;
      const policiesWithErrors = new Set(json.findings.filter((f: any) => f.requirement === undefined && f.policy !== undefined && f.severity === 'error').map((f: any) => f.policy));
      assert.equal(+doc.testsuites.failures, status('drift') + policiesWithErrors.size);
      assert.equal(+doc.testsuites.errors, status('unknown'));
      assert.equal(+doc.testsuites.skipped, status('unchecked'));
      const change = suites.find((s) => s.name === 'change-management');
      const twoApprovals = change?.testcase.find((c) => c.name === 'two-approvals');
      // The body lists every finding of the requirement, repository-relative, 1-based.
      const body = json.findings
        .filter((f: any) => f.policy === 'change-management' && f.requirement === 'two-approvals')
        .map((f: any) => `samples/soc2/${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} ${f.message} (${f.rule})`);
      assert.ok(body.includes('samples/soc2/github/branch-protection.json:26:40: error required_approving_review_count is 1; policy change-management › two-approvals expects >= 2 (requirement/drift)'));
      assert.deepEqual(twoApprovals?.failure, {
        message: 'required_approving_review_count is 1; policy change-management › two-approvals expects >= 2',
        type: 'requirement/drift',
        '#text': body.join('\n'),
      });
      assert.equal(change?.file, 'samples/soc2/policies/change-management.md');
    });
  });
});
