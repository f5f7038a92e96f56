// exception/expired, exception/no-expiry, exception/unused, and what an exception suppresses.

import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { requirement, statuses } from './support';

/**
 * min-length (>= 12) read from aws.json and okta.json, and one exception for it. Line 18 holds
 * `- requirement: min-length`; the lines in `extra` start at line 20.
 */
function excepted(aws: number, okta: number, extra: string, requirementId = 'min-length'): Record<string, string> {
  return {
    'p.md': policy('p', requirement('min-length', '">= 12"', [['aws.json', '$.min'], ['okta.json', '$.min']]) + `exceptions:\n  - requirement: ${requirementId}\n    reason: Legacy tenant, migration tracked in SEC-142\n${extra}`),
    'aws.json': `{"min": ${aws}}`,
    'okta.json': `{"min": ${okta}}`,
  };
}

const drift = (file: string, value: number) => ({
  rule: 'requirement/drift',
  severity: 'error',
  message: `min is ${value}; policy p › min-length expects >= 12`,
  file,
  range: `1:9-1:${9 + String(value).length}`,
  requirement: 'min-length',
});

describe('exceptions suppress drift', () => {
  it('suppresses every drift of the requirement while it is valid: status excepted', () => {
    const result = lintFiles(excepted(8, 8, '    expires: 2026-12-31\n'));
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › min-length': 'excepted' });
  });

  it('is still valid on its expiry date', () => {
    const result = lintFiles(excepted(8, 12, '    expires: 2026-11-22\n'));
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › min-length': 'excepted' });
  });

  it('limited to one file, suppresses only that source\'s drift: status drift while another source drifts', () => {
    const result = lintFiles(excepted(8, 8, '    file: okta.json\n    expires: 2026-12-31\n'));
    assert.deepEqual(findings(result), [drift('aws.json', 8)]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'drift' });
  });

  it('limited to one file, gives status excepted when it covers all the drift', () => {
    const result = lintFiles(excepted(12, 8, '    file: okta.json\n    expires: 2026-12-31\n'));
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › min-length': 'excepted' });
  });

  it('matches a file written with ./ the same as the source', () => {
    const result = lintFiles(excepted(12, 8, '    file: ./okta.json\n    expires: 2026-12-31\n'));
    assert.deepEqual(findings(result), []);
  });

  it('suppresses stale evidence of its requirement', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  access-review:\n    every: quarterly\n    evidence:\n      file: ev.json\n      at: $[*].on\nexceptions:\n  - requirement: access-review\n    reason: Auditor agreed, SEC-7\n    expires: 2026-12-31\n'),
      'ev.json': '[{"on": "2026-01-01"}]',
    });
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › access-review': 'excepted' });
  });
});

describe('exception/expired', () => {
  it('reports the expiry date, and the drift it covered comes back', () => {
    const result = lintFiles(excepted(8, 12, '    expires: 2026-11-01\n'));
    assert.deepEqual(findings(result), [
      drift('aws.json', 8),
      {
        rule: 'exception/expired',
        severity: 'error',
        message: 'the exception for min-length expired on 2026-11-01: renew it with a new expiry or fix the drift it covered',
        file: 'p.md',
        range: '20:14-20:24',
      },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'drift' });
  });

  it('is not also reported as unused', () => {
    const result = lintFiles(excepted(12, 12, '    expires: 2026-11-01\n'));
    assert.deepEqual(findings(result).map((f) => f.rule), ['exception/expired']);
  });
});

describe('exception/no-expiry', () => {
  it('reports an exception without expires on its requirement', () => {
    const result = lintFiles(excepted(8, 12, ''));
    assert.deepEqual(findings(result), [
      {
        rule: 'exception/no-expiry',
        severity: 'error',
        message: 'the exception for min-length has no expiry date: exceptions must be time-boxed (expires: YYYY-MM-DD)',
        file: 'p.md',
        range: '18:18-18:28',
      },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'excepted' });
  });

  it('does not fire when expires is given', () => {
    assert.deepEqual(findings(lintFiles(excepted(8, 12, '    expires: 2027-01-31\n')), 'exception/no-expiry'), []);
  });
});

describe('exception/unused', () => {
  it('reports an exception for a requirement without drift', () => {
    const result = lintFiles(excepted(12, 12, '    expires: 2026-12-31\n'));
    assert.deepEqual(findings(result), [
      {
        rule: 'exception/unused',
        severity: 'warning',
        message: 'the exception for min-length covers nothing: the requirement has no drift there — remove the exception',
        file: 'p.md',
        range: '18:18-18:28',
      },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'verified' });
  });

  it('reports an exception limited to a file without drift, naming the file', () => {
    const result = lintFiles(excepted(8, 12, '    file: okta.json\n    expires: 2026-12-31\n'));
    assert.deepEqual(findings(result), [
      drift('aws.json', 8),
      {
        rule: 'exception/unused',
        severity: 'warning',
        message: 'the exception for min-length in okta.json covers nothing: the requirement has no drift there — remove the exception',
        file: 'p.md',
        range: '18:18-18:28',
      },
    ]);
  });

  it('does not fire while the requirement cannot be checked (its source is missing)', () => {
    const files = excepted(12, 12, '    expires: 2026-12-31\n');
    delete files['okta.json'];
    const result = lintFiles(files);
    assert.deepEqual(findings(result).map((f) => f.rule), ['source/missing']);
    assert.deepEqual(statuses(result), { 'p › min-length': 'unknown' });
  });

  it('reports an exception naming a requirement the policy does not have', () => {
    const result = lintFiles(excepted(12, 12, '    expires: 2026-12-31\n', 'min-lenght'));
    assert.deepEqual(findings(result), [
      { rule: 'exception/unused', severity: 'warning', message: 'the exception names "min-lenght", but policy p has no such requirement', file: 'p.md', range: '18:18-18:28' },
    ]);
  });

  it('does not fire for an exception that covers an evidence gap (newest evidence fresh)', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  access-review:\n    every: quarterly\n    evidence:\n      file: ev.json\n      at: $[*].on\nexceptions:\n  - requirement: access-review\n    reason: Auditor agreed, SEC-7\n    expires: 2026-12-31\n'),
      'ev.json': '[{"on": "2026-01-01"}, {"on": "2026-11-01"}]',
    });
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › access-review': 'excepted' });
  });

  it('reports an exception for evidence that is in order', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  access-review:\n    every: quarterly\n    evidence:\n      file: ev.json\n      at: $[*].on\nexceptions:\n  - requirement: access-review\n    reason: Auditor agreed, SEC-7\n    expires: 2026-12-31\n'),
      'ev.json': '[{"on": "2026-11-01"}]',
    });
    assert.deepEqual(findings(result).map((f) => f.message), [
      'the exception for access-review covers nothing: the requirement has no drift there — remove the exception',
    ]);
  });
});
