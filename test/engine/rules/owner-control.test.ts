// owner/missing, control/unknown-id, control/unverified.

import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { requirement } from './support';

const SOC2 = 'SOC 2 Trust Services Criteria (2017, revised points of focus 2022)';

describe('owner/missing', () => {
  it('reports a policy without an owner on the policy key', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nreview:\n  last: 2026-06-01\n---\n# P\n' });
    assert.deepEqual(findings(result), [
      { rule: 'owner/missing', severity: 'error', message: 'policy p has no owner: name the accountable person or team (owner: "@org/team")', file: 'p.md', range: '2:1-2:7' },
    ]);
    assert.deepEqual(result.policies.map((p) => p.owner), [undefined]);
  });

  it('reports a comply document without an owner on its first line', () => {
    const result = lintFiles({ 'acp.md': 'name: Access Control Policy\nacronym: ACP\nmajorRevisions:\n  - date: Jun 1 2026\n---\n# Access\n' });
    assert.deepEqual(findings(result), [
      { rule: 'owner/missing', severity: 'error', message: 'policy acp has no owner: name the accountable person or team (owner: "@org/team")', file: 'acp.md', range: '1:1-1:5' },
    ]);
  });

  it('does not fire when the owner is a handle or an email', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': '---\npolicy: p\nowner: security@acme.example\nreview:\n  last: 2026-06-01\n---\n' })), []);
    assert.deepEqual(findings(lintFiles({ 'p.md': policy('p') }), 'owner/missing'), []);
  });
});

describe('control/unknown-id', () => {
  it('reports each unknown id on the id, with the nearest known id when there is one', () => {
    const result = lintFiles({ 'p.md': policy('p').replace('controls: [CC6.1]', 'controls: [CC6.9, CC61, XYZ, CC7.2]') });
    assert.deepEqual(findings(result, 'control/unknown-id'), [
      { rule: 'control/unknown-id', severity: 'error', message: `unknown control "CC6.9": it is not in ${SOC2}; did you mean CC6.8?`, file: 'p.md', range: '8:12-8:17' },
      { rule: 'control/unknown-id', severity: 'error', message: `unknown control "CC61": it is not in ${SOC2}; did you mean CC6.1?`, file: 'p.md', range: '8:19-8:23' },
      { rule: 'control/unknown-id', severity: 'error', message: `unknown control "XYZ": it is not in ${SOC2}`, file: 'p.md', range: '8:25-8:28' },
    ]);
  });

  it('reports unknown ids of a comply document (satisfies.TSC)', () => {
    const result = lintFiles({ 'acp.md': 'name: Access\nowner: "@a"\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC66\nmajorRevisions:\n  - date: Jun 1 2026\n---\n' });
    assert.deepEqual(findings(result, 'control/unknown-id'), [
      { rule: 'control/unknown-id', severity: 'error', message: `unknown control "CC66": it is not in ${SOC2}; did you mean CC6.6?`, file: 'acp.md', range: '6:7-6:11' },
    ]);
  });

  it('accepts known ids in any case', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': policy('p').replace('[CC6.1]', '[cc6.1, A1.2]') }), 'control/unknown-id'), []);
  });
});

describe('control/unverified', () => {
  it('reports claimed controls when no requirement is checked against a source, on the controls key', () => {
    const result = lintFiles({ 'p.md': policy('p', 'requirements:\n  training:\n    says: Staff are trained yearly.\n') });
    assert.deepEqual(findings(result), [
      {
        rule: 'control/unverified',
        severity: 'info',
        message: 'control CC6.1 is claimed, but no requirement of this policy is checked against a source',
        file: 'p.md',
        range: '8:1-8:9',
      },
    ]);
  });

  it('lists several claimed controls, leaving out unknown ids', () => {
    const result = lintFiles({ 'p.md': policy('p').replace('[CC6.1]', '[CC6.1, CC6.2, BOGUS]') });
    assert.deepEqual(findings(result, 'control/unverified').map((f) => f.message), [
      'controls CC6.1, CC6.2 are claimed, but no requirement of this policy is checked against a source',
    ]);
  });

  it('does not fire when a requirement reads a source', () => {
    const result = lintFiles({ 'p.md': policy('p', requirement('min-length', '">= 12"', [['a.json', '$.min']])), 'a.json': '{"min": 12}' });
    assert.deepEqual(findings(result), []);
  });

  it('does not fire when a requirement reads evidence', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  access-review:\n    every: quarterly\n    evidence:\n      file: ev.json\n      at: $[*].on\n'),
      'ev.json': '[{"on": "2026-11-01"}]',
    });
    assert.deepEqual(findings(result), []);
  });

  it('does not fire for a policy that claims no controls', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': policy('p').replace('controls: [CC6.1]\n', '') })), []);
  });
});
