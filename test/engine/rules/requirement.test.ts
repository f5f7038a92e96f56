// requirement/drift, requirement/understated, requirement/conflict, requirement/statement-mismatch,
// value/unknown, and the requirement statuses of the result (policy format sections 3, 5, 6).

import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { relatedOf, requirement, single, statuses } from './support';

const DRIFT = 'requirement/drift';
const UNDERSTATED = 'requirement/understated';
const CONFLICT = 'requirement/conflict';
const MISMATCH = 'requirement/statement-mismatch';

describe('requirement/drift', () => {
  const password = (value: string) => ({
    'policies/password.md': policy(
      'password-authentication',
      requirement('password-min-length', '">= 12"', [['infra/iam.json', '$.minimum_password_length']], 'Passwords are at least 12 characters long.'),
    ),
    'infra/iam.json': `{\n  "minimum_password_length": ${value}\n}\n`,
  });

  it('reports the offending value in the config file with the contract message and a related location', () => {
    const result = lintFiles(password('8'));
    assert.deepEqual(findings(result), [
      {
        rule: DRIFT,
        severity: 'error',
        message: 'minimum_password_length is 8; policy password-authentication › password-min-length expects >= 12',
        file: 'infra/iam.json',
        range: '2:30-2:31',
        requirement: 'password-min-length',
      },
    ]);
    const drift = single(result, DRIFT);
    assert.equal(drift.policy, 'password-authentication');
    assert.equal(drift.expected, '>= 12');
    assert.equal(drift.actual, 8);
    assert.deepEqual(relatedOf(result, drift), [{ file: 'policies/password.md', range: '10:3-10:22', message: 'requirement stated here' }]);
    assert.deepEqual(statuses(result), { 'password-authentication › password-min-length': 'drift' });
  });

  it('does not fire when the value satisfies the expectation (the bound itself included)', () => {
    const result = lintFiles(password('12'));
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'password-authentication › password-min-length': 'verified' });
  });

  it('compares a quoted number as a number', () => {
    assert.deepEqual(findings(lintFiles(password('"12"'))), []);
    assert.deepEqual(findings(lintFiles(password('"9"')), DRIFT).map((f) => f.message), [
      'minimum_password_length is "9"; policy password-authentication › password-min-length expects >= 12',
    ]);
  });

  it('reports every failing value of a multi-value selection, in a YAML source', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('retention', '">= 365"', [['k8s/logs.yaml', '$.groups[*].days']])),
      'k8s/logs.yaml': 'groups:\n  - days: 400\n  - days: 30\n  - days: 90\n',
    });
    assert.deepEqual(findings(result), [
      { rule: DRIFT, severity: 'error', message: 'days is 30; policy p › retention expects >= 365', file: 'k8s/logs.yaml', range: '3:11-3:13', requirement: 'retention' },
      { rule: DRIFT, severity: 'error', message: 'days is 90; policy p › retention expects >= 365', file: 'k8s/logs.yaml', range: '4:11-4:13', requirement: 'retention' },
    ]);
  });

  it('reports a value that violates an equality expectation', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('bucket-encryption', 'AES256', [['s3.json', '$.algorithm']])),
      's3.json': '{"algorithm": "aws:kms"}',
    });
    assert.deepEqual(findings(result), [
      { rule: DRIFT, severity: 'error', message: 'algorithm is "aws:kms"; policy p › bucket-encryption expects == AES256', file: 's3.json', range: '1:15-1:24', requirement: 'bucket-encryption' },
    ]);
  });

  it('explains a value of the wrong type', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('min-length', '">= 12"', [['a.json', '$.min']])),
      'a.json': '{"min": "long"}',
    });
    assert.deepEqual(findings(result, DRIFT).map((f) => f.message), ['min is "long" (text, not a number); policy p › min-length expects >= 12']);
  });

  it('reports a failing count on the selector in the policy', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('admins', '{count: ">= 2"}', [['team.json', '$.admins[*]']])),
      'team.json': '{"admins": ["ana"]}',
    });
    assert.deepEqual(findings(result), [
      { rule: DRIFT, severity: 'error', message: '$.admins[*] selects 1 value in team.json; policy p › admins expects count >= 2', file: 'p.md', range: '14:13-14:24', requirement: 'admins' },
    ]);
    assert.deepEqual(relatedOf(result, single(result, DRIFT)), [{ file: 'team.json', range: '1:13-1:18', message: 'selected: "ana"' }]);
  });

  it('reports `exists` selecting nothing as drift, not as selector/no-match', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('mfa', 'exists', [['idp.json', '$.mfa']])),
      'idp.json': '{}',
    });
    assert.deepEqual(findings(result), [
      { rule: DRIFT, severity: 'error', message: '$.mfa selects nothing in idp.json; policy p › mfa expects it to exist', file: 'p.md', range: '14:13-14:18', requirement: 'mfa' },
    ]);
  });
});

describe('requirement/understated', () => {
  const twoSources = (a: string, b: string, expect = '">= 12"') => ({
    'p.md': policy('p', requirement('min-length', expect, [['aws.json', '$.min'], ['okta.yaml', '$.min']])),
    'aws.json': `{"min": ${a}}`,
    'okta.yaml': `min: ${b}\n`,
  });

  it('reports on the expectation when every source is stricter, relating each value', () => {
    const result = lintFiles(twoSources('14', '14'));
    assert.deepEqual(findings(result), [
      {
        rule: UNDERSTATED,
        severity: 'info',
        message: 'every source is stricter than ">= 12" (lowest value: 14); the policy could state ">= 14"',
        file: 'p.md',
        range: '11:13-11:20',
        requirement: 'min-length',
      },
    ]);
    assert.deepEqual(relatedOf(result, single(result, UNDERSTATED)), [
      { file: 'aws.json', range: '1:9-1:11', message: 'min is 14' },
      { file: 'okta.yaml', range: '1:6-1:8', message: 'min is 14' },
    ]);
  });

  it('does not fire when one source equals the bound', () => {
    assert.deepEqual(findings(lintFiles(twoSources('12', '12'))), []);
  });

  it('does not fire when a source drifts', () => {
    assert.deepEqual(findings(lintFiles(twoSources('8', '14'))).map((f) => f.rule), [DRIFT]);
  });

  it('works downwards for <= bounds', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('max-age', '"<= 90"', [['keys.json', '$.rotationDays']])),
      'keys.json': '{"rotationDays": 30}',
    });
    assert.deepEqual(findings(result), [
      { rule: UNDERSTATED, severity: 'info', message: 'every source is stricter than "<= 90" (highest value: 30); the policy could state "<= 30"', file: 'p.md', range: '11:13-11:20', requirement: 'max-age' },
    ]);
  });

  it('suggests an inclusive bound for a strict operator, which the sources satisfy', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('min-length', '"> 12"', [['a.json', '$.min']])),
      'a.json': '{"min": 14}',
    });
    assert.deepEqual(findings(result, UNDERSTATED).map((f) => f.message), ['every source is stricter than "> 12" (lowest value: 14); the policy could state ">= 14"']);
  });

  it('does not fire for "> 12" when the lowest whole value is 13 (the same statement)', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('min-length', '"> 12"', [['a.json', '$.min']])),
      'a.json': '{"min": 13}',
    });
    assert.deepEqual(findings(result), []);
  });
});

describe('requirement/conflict', () => {
  const twoSources = (a: string, b: string) => ({
    'p.md': policy('p', requirement('min-length', '">= 12"', [['aws.json', '$.min'], ['okta.yaml', '$.min']])),
    'aws.json': `{"min": ${a}}`,
    'okta.yaml': `min: ${b}\n`,
  });

  it('reports sources that pass but disagree, on the requirement', () => {
    const result = lintFiles(twoSources('12', '14'));
    assert.deepEqual(findings(result), [
      { rule: CONFLICT, severity: 'warning', message: 'the sources of policy p › min-length disagree: aws.json has 12; okta.yaml has 14', file: 'p.md', range: '10:3-10:13', requirement: 'min-length' },
    ]);
    assert.deepEqual(relatedOf(result, single(result, CONFLICT)), [
      { file: 'aws.json', range: '1:9-1:11', message: 'min is 12' },
      { file: 'okta.yaml', range: '1:6-1:8', message: 'min is 14' },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'verified' });
  });

  it('does not fire when a source drifts (drift says it already)', () => {
    assert.deepEqual(findings(lintFiles(twoSources('8', '14'))).map((f) => f.rule), [DRIFT]);
  });

  it('does not fire when the sources agree', () => {
    assert.deepEqual(findings(lintFiles(twoSources('12', '12'))), []);
  });

  it('compares values by type: "12" and 12 agree', () => {
    assert.deepEqual(findings(lintFiles(twoSources('12', '"12"'))), []);
  });

  it('reports disagreeing values under oneOf', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('algo', '{oneOf: [AES256, "aws:kms"]}', [['a.json', '$.algo'], ['b.yaml', '$.algo']])),
      'a.json': '{"algo": "AES256"}',
      'b.yaml': 'algo: "aws:kms"\n',
    });
    assert.deepEqual(findings(result).map((f) => f.message), ['the sources of policy p › algo disagree: a.json has "AES256"; b.yaml has "aws:kms"']);
  });
});

describe('requirement/statement-mismatch', () => {
  const stated = (says: string, expect = '">= 12"', file = '{"min": 12}', at = '$.min') =>
    lintFiles({ 'p.md': policy('p', requirement('min-length', expect, [['a.json', at]], says)), 'a.json': file });

  it('reports a digit in `says` that contradicts expect, on the number', () => {
    const result = stated('Passwords are at least 10 characters long.');
    assert.deepEqual(findings(result), [
      {
        rule: MISMATCH,
        severity: 'warning',
        message: '"says" states 10 but expect is ">= 12": make the sentence and the check agree',
        file: 'p.md',
        range: '11:34-11:36',
        requirement: 'min-length',
      },
    ]);
  });

  it('does not fire when the number agrees', () => {
    assert.deepEqual(findings(stated('Passwords are at least 12 characters long.')), []);
  });

  it('reads number words: "twelve" agrees, "ten" does not', () => {
    assert.deepEqual(findings(stated('Passwords are at least twelve characters long.')), []);
    assert.deepEqual(findings(stated('Passwords are at least ten characters long.')), [
      { rule: MISMATCH, severity: 'warning', message: '"says" states ten but expect is ">= 12": make the sentence and the check agree', file: 'p.md', range: '11:34-11:37', requirement: 'min-length' },
    ]);
  });

  it('ignores numbers that name a standard ("SOC 2") and parts of identifiers', () => {
    assert.deepEqual(findings(stated('Per SOC 2 and CC6.1, passwords are at least 12 characters long.')), []);
    assert.deepEqual(findings(stated('Per SOC 2, passwords are long.')), []);
  });

  it('compares the duration of "within 12 months" with "90 days"', () => {
    const within = (says: string) => stated(says, '"within 12 months"', '{"rotated": "2026-10-01"}', '$.rotated');
    assert.deepEqual(findings(within('Keys are rotated every 90 days.')), [
      {
        rule: MISMATCH,
        severity: 'warning',
        message: '"says" states 90 but expect is "within 12 months": make the sentence and the check agree',
        file: 'p.md',
        range: '11:34-11:36',
        requirement: 'min-length',
      },
    ]);
    assert.deepEqual(findings(within('Keys are rotated at least every 12 months.')), []);
  });

  it('compares the operand of a count', () => {
    const count = (says: string) => stated(says, '{count: ">= 2"}', '{"admins": ["a", "b"]}', '$.admins[*]');
    assert.deepEqual(findings(count('There are at least three admins.')), [
      { rule: MISMATCH, severity: 'warning', message: '"says" states three but expect is "count >= 2": make the sentence and the check agree', file: 'p.md', range: '11:30-11:35', requirement: 'min-length' },
    ]);
    assert.deepEqual(findings(count('There are at least two admins.')), []);
  });
});

describe('requirement statuses', () => {
  it('reports verified, drift, unknown, unchecked and excepted in result.requirements', () => {
    const result = lintFiles({
      'p.md': policy(
        'p',
        [
          'requirements:',
          '  ok:',
          '    expect: ">= 12"',
          '    in: [{file: a.json, at: $.a}]',
          '  bad:',
          '    expect: ">= 12"',
          '    in: [{file: a.json, at: $.b}]',
          '  missing:',
          '    expect: ">= 12"',
          '    in: [{file: nope.json, at: $.a}]',
          '  prose:',
          '    says: We train staff.',
          '  waived:',
          '    expect: ">= 12"',
          '    in: [{file: a.json, at: $.b}]',
          'exceptions:',
          '  - requirement: waived',
          '    reason: tracked in SEC-1',
          '    expires: 2027-01-01',
          '',
        ].join('\n'),
      ),
      'a.json': '{"a": 12, "b": 8}',
    });
    assert.deepEqual(
      result.requirements.map((r) => ({ requirement: r.requirement, status: r.status, file: r.file })),
      [
        { requirement: 'ok', status: 'verified', file: 'p.md' },
        { requirement: 'bad', status: 'drift', file: 'p.md' },
        { requirement: 'missing', status: 'unknown', file: 'p.md' },
        { requirement: 'prose', status: 'unchecked', file: 'p.md' },
        { requirement: 'waived', status: 'excepted', file: 'p.md' },
      ],
    );
    assert.deepEqual(findings(result).map((f) => [f.rule, f.requirement]), [
      [DRIFT, 'bad'],
      ['source/missing', 'missing'],
    ]);
  });
});
