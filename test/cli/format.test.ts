import assert from 'node:assert/strict';
import { formatGithub } from '../../server/src/cli/format/github';
import { formatJson } from '../../server/src/cli/format/json';
import { formatJunit } from '../../server/src/cli/format/junit';
import { formatSarif } from '../../server/src/cli/format/sarif';
import { formatStylish } from '../../server/src/cli/format/stylish';
import { FORMATTERS, FORMAT_NAMES } from '../../server/src/cli/format/index';
import { Positions } from '../../server/src/cli/positions';
import type { Finding, LintResult } from '../../server/src/engine/types';

const POLICY = [
  '---', //                                                          line 1
  'policy: password-authentication', //                              line 2
  'requirements:', //                                                line 3
  '  password-min-length:', //                                       line 4
  '    says: Passwords are at least 12 characters long.', //         line 5
  '    expect: ">= 14"', //                                          line 6
  '---',
  '',
].join('\n');

const IAM = ['resource "aws_iam_account_password_policy" "strict" {', '  minimum_password_length = 8', '}', ''].join('\n');

// CRLF line ends: positions must come from LineIndex, which counts \r\n as one break.
const CSV = ['completed_on,system', ...Array.from({ length: 11 }, (_, i) => `2026-0${(i % 9) + 1}-01,production`), ''].join('\r\n');

/** The span of the `nth` occurrence of `needle` in `text`. */
function span(text: string, needle: string, nth = 1) {
  let start = -1;
  for (let i = 0; i < nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `${needle} not found`);
  return { start, end: start + needle.length };
}

const drift: Finding = {
  rule: 'requirement/drift',
  severity: 'error',
  message: 'minimum_password_length is 8; policy password-authentication › password-min-length expects >= 14',
  file: 'infra/aws/iam.tf',
  span: span(IAM, '8'),
  policy: 'password-authentication',
  requirement: 'password-min-length',
  expected: '>= 14',
  actual: 8,
  related: [{ file: 'policies/password.md', span: span(POLICY, 'password-min-length'), message: 'requirement stated here' }],
};

const FINDINGS: Finding[] = [
  {
    rule: 'evidence/future-date',
    severity: 'error',
    message: 'evidence row dated 2026-03-01 is in the future.',
    file: 'evidence/access-reviews.csv',
    span: span(CSV, '2026-03-01'),
  },
  {
    rule: 'evidence/gap',
    severity: 'error',
    message: 'no evidence between 2026-01-01 and 2026-02-01',
    file: 'evidence/access-reviews.csv',
    span: span(CSV, '2026-02-01', 2),
  },
  drift,
  {
    rule: 'control/unverified',
    severity: 'info',
    message: 'CC6.1 is claimed but no requirement is checked against a source.',
    file: 'policies/password.md',
    span: span(POLICY, 'password-authentication'),
    policy: 'password-authentication',
  },
  {
    rule: 'requirement/statement-mismatch',
    severity: 'warning',
    message: 'says "12" but expect is >= 14',
    file: 'policies/password.md',
    span: span(POLICY, '12'),
    policy: 'password-authentication',
    requirement: 'password-min-length',
    actual: null,
  },
];

function result(findings: Finding[]): LintResult {
  return {
    root: '/ws',
    today: '2026-11-22',
    policies: [{ id: 'password-authentication', file: 'policies/password.md', controls: ['CC6.1'] }],
    requirements: [
      { policy: 'password-authentication', requirement: 'password-min-length', status: 'drift', file: 'policies/password.md', span: span(POLICY, 'password-min-length') },
      { policy: 'password-authentication', requirement: 'access-review', status: 'verified', file: 'policies/password.md', span: span(POLICY, 'expect') },
    ],
    findings,
    texts: new Map([
      ['policies/password.md', POLICY],
      ['infra/aws/iam.tf', IAM],
      ['evidence/access-reviews.csv', CSV],
    ]),
  };
}

describe('cli/positions', () => {
  it('turns offsets into 1-based lines and columns across LF and CRLF', () => {
    const positions = new Positions(new Map([['a', 'x\ny'], ['b', 'x\r\ny'], ['c', '😀x']]));
    assert.deepEqual(positions.at('a', 2), { line: 2, column: 1 });
    assert.deepEqual(positions.at('b', 3), { line: 2, column: 1 });
    // Columns count UTF-16 code units, like editors and ESLint.
    assert.deepEqual(positions.at('c', 2), { line: 1, column: 3 });
    assert.deepEqual(positions.range('a', { start: 0, end: 3 }), { start: { line: 1, column: 1 }, end: { line: 2, column: 2 } });
  });

  it('falls back to 1:1 for a file the engine kept no text for', () => {
    assert.deepEqual(new Positions(new Map()).at('gone.md', 40), { line: 1, column: 1 });
  });
});

describe('cli/format', () => {
  it('registers every format by name', () => {
    assert.deepEqual(FORMAT_NAMES, ['stylish', 'json', 'sarif', 'junit', 'github', 'html']);
    assert.equal(FORMATTERS.stylish, formatStylish);
    assert.equal(FORMATTERS.json, formatJson);
    assert.equal(FORMATTERS.sarif, formatSarif);
    assert.equal(FORMATTERS.junit, formatJunit);
    assert.equal(FORMATTERS.github, formatGithub);
  });

  describe('stylish', () => {
    it('prints a block per file with aligned columns and a summary', () => {
      assert.equal(
        formatStylish(result(FINDINGS), { version: '1.0.0', color: false, cwd: '/ws' }),
        [
          '',
          'evidence/access-reviews.csv',
          '   4:1  error  evidence row dated 2026-03-01 is in the future  evidence/future-date',
          '  12:1  error  no evidence between 2026-01-01 and 2026-02-01   evidence/gap',
          '',
          'infra/aws/iam.tf',
          '  2:29  error  minimum_password_length is 8; policy password-authentication › password-min-length expects >= 14  requirement/drift',
          '',
          'policies/password.md',
          '  2:9   info     CC6.1 is claimed but no requirement is checked against a source  control/unverified',
          '  5:34  warning  says "12" but expect is >= 14                                    requirement/statement-mismatch',
          '',
          '✖ 5 problems (3 errors, 1 warning, 1 info)',
          '',
        ].join('\n'),
      );
    });

    it('prints nothing when there are no findings', () => {
      assert.equal(formatStylish(result([]), { version: '1.0.0', color: false, cwd: '/ws' }), '');
    });

    it('uses singular words and keeps each finding on one line', () => {
      const finding: Finding = { rule: 'owner/missing', severity: 'warning', message: 'no owner\n  set', file: 'policies/password.md', span: { start: 0, end: 3 } };
      assert.equal(
        formatStylish(result([finding]), { version: '1.0.0', color: false, cwd: '/ws' }),
        '\npolicies/password.md\n  1:1  warning  no owner set  owner/missing\n\n✖ 1 problem (0 errors, 1 warning, 0 infos)\n',
      );
    });

    it('colors only when asked, without disturbing the alignment', () => {
      const findings = FINDINGS.slice(3);
      const colored = formatStylish(result(findings), { version: '1.0.0', color: true, cwd: '/ws' });
      assert.equal(
        colored,
        [
          '',
          '\u001b[4mpolicies/password.md\u001b[24m',
          '  \u001b[2m2:9\u001b[22m   \u001b[34minfo\u001b[39m     CC6.1 is claimed but no requirement is checked against a source  \u001b[2mcontrol/unverified\u001b[22m',
          '  \u001b[2m5:34\u001b[22m  \u001b[33mwarning\u001b[39m  says "12" but expect is >= 14                                    \u001b[2mrequirement/statement-mismatch\u001b[22m',
          '',
          '\u001b[33m\u001b[1m✖ 2 problems (0 errors, 1 warning, 1 info)\u001b[22m\u001b[39m',
          '',
        ].join('\n'),
      );
      // Stripping the escapes gives exactly the plain output.
      assert.equal(colored.replace(/\u001b\[\d+m/g, ''), formatStylish(result(findings), { version: '1.0.0', color: false, cwd: '/ws' }));
    });
  });

  describe('json', () => {
    it('prints the contract object, keys in order, 1-based positions', () => {
      const expected = {
        tool: { name: 'tenet', version: '1.2.3' },
        summary: { policies: 1, requirements: 2, verified: 1, errors: 3, warnings: 1, infos: 1 },
        requirements: [
          { policy: 'password-authentication', requirement: 'password-min-length', status: 'drift', file: 'policies/password.md', line: 4 },
          { policy: 'password-authentication', requirement: 'access-review', status: 'verified', file: 'policies/password.md', line: 6 },
        ],
        findings: [
          {
            rule: 'evidence/future-date',
            severity: 'error',
            message: 'evidence row dated 2026-03-01 is in the future.',
            file: 'evidence/access-reviews.csv',
            range: { start: { line: 4, column: 1 }, end: { line: 4, column: 11 } },
          },
          {
            rule: 'evidence/gap',
            severity: 'error',
            message: 'no evidence between 2026-01-01 and 2026-02-01',
            file: 'evidence/access-reviews.csv',
            range: { start: { line: 12, column: 1 }, end: { line: 12, column: 11 } },
          },
          {
            rule: 'requirement/drift',
            severity: 'error',
            message: 'minimum_password_length is 8; policy password-authentication › password-min-length expects >= 14',
            file: 'infra/aws/iam.tf',
            range: { start: { line: 2, column: 29 }, end: { line: 2, column: 30 } },
            policy: 'password-authentication',
            requirement: 'password-min-length',
            expected: '>= 14',
            actual: 8,
            related: [{ file: 'policies/password.md', line: 4, column: 3, message: 'requirement stated here' }],
          },
          {
            rule: 'control/unverified',
            severity: 'info',
            message: 'CC6.1 is claimed but no requirement is checked against a source.',
            file: 'policies/password.md',
            range: { start: { line: 2, column: 9 }, end: { line: 2, column: 32 } },
            policy: 'password-authentication',
          },
          {
            rule: 'requirement/statement-mismatch',
            severity: 'warning',
            message: 'says "12" but expect is >= 14',
            file: 'policies/password.md',
            range: { start: { line: 5, column: 34 }, end: { line: 5, column: 36 } },
            policy: 'password-authentication',
            requirement: 'password-min-length',
            // null is a value the engine reported, unlike undefined, which is omitted
            actual: null,
          },
        ],
      };
      const text = formatJson(result(FINDINGS), { version: '1.2.3', color: true, cwd: '/ws' });
      assert.equal(text, `${JSON.stringify(expected, null, 2)}\n`);
      // The literal above is in contract order; check it did not just happen to match loosely.
      const parsed: unknown = JSON.parse(text);
      assert.ok(typeof parsed === 'object' && parsed !== null);
      assert.deepEqual(Object.keys(parsed), ['tool', 'summary', 'requirements', 'findings']);
      assert.ok(text.startsWith('{\n  "tool": {\n    "name": "tenet",\n    "version": "1.2.3"\n  },\n  "summary": {\n    "policies": 1,'));
    });

    it('prints empty lists for a clean run', () => {
      const clean: LintResult = { root: '/ws', today: '2026-11-22', policies: [], requirements: [], findings: [], texts: new Map() };
      assert.equal(
        formatJson(clean, { version: '1.0.0', color: false, cwd: '/ws' }),
        '{\n  "tool": {\n    "name": "tenet",\n    "version": "1.0.0"\n  },\n  "summary": {\n    "policies": 0,\n    "requirements": 0,\n    "verified": 0,\n    "errors": 0,\n    "warnings": 0,\n    "infos": 0\n  },\n  "requirements": [],\n  "findings": []\n}\n',
      );
    });
  });
});
