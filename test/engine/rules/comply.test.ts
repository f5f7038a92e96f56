// Documents in the layout of the `comply` SOC 2 tool (policy format section 7): a bare YAML header
// closed by a single --- line; satisfies.TSC counts as controls, the newest majorRevisions date as
// review.last; they get the same control, owner and review findings.

import assert from 'node:assert/strict';
import { findings, lintFiles } from '../../helpers/workspace';

const ACCESS = [
  'name: Access Control Policy',
  'acronym: ACP',
  'owner: "@acme/security"',
  'satisfies:',
  '  TSC:',
  '    - CC6.1',
  '    - CC6.2',
  'majorRevisions:',
  '  - date: Jun 1 2025',
  '    comment: Initial document',
  '  - date: Dec 1 2025',
  '    comment: Annual review',
  '---',
  '',
  '# Access Control Policy',
  '',
].join('\n');

describe('comply documents', () => {
  it('are discovered without tenet.yaml and summarized like policies', () => {
    const result = lintFiles({ 'policies/access.md': ACCESS });
    assert.deepEqual(result.policies, [
      {
        id: 'acp',
        file: 'policies/access.md',
        title: 'Access Control Policy',
        owner: '@acme/security',
        controls: ['CC6.1', 'CC6.2'],
        reviewLast: '2025-12-01',
        reviewNext: '2026-12-01',
      },
    ]);
    assert.deepEqual(findings(result), [
      {
        rule: 'control/unverified',
        severity: 'info',
        message: 'controls CC6.1, CC6.2 are claimed, but no requirement of this policy is checked against a source',
        file: 'policies/access.md',
        range: '5:3-5:6',
      },
    ]);
  });

  it('take the newest majorRevisions date, in any order, as review.last (overdue when old)', () => {
    const old = ACCESS.replace('Jun 1 2025', '1 Jun 2024').replace('Dec 1 2025', 'March 3, 2025');
    const result = lintFiles({ 'policies/access.md': old });
    assert.deepEqual(findings(result, 'review/overdue'), [
      {
        rule: 'review/overdue',
        severity: 'error',
        message: 'review overdue: policy acp was last reviewed 2025-03-03; it is reviewed annually (every 1 year), so the next review was due 2026-03-03 (264 days ago)',
        file: 'policies/access.md',
        range: '11:11-11:24',
      },
    ]);
  });

  it('get review/missing without majorRevisions, with a hint in their own terms', () => {
    const result = lintFiles({ 'policies/access.md': 'name: Access Control Policy\nowner: "@a"\nsatisfies:\n  TSC: [CC6.1]\n---\n# Access\n' });
    assert.deepEqual(findings(result, 'review/missing'), [
      { rule: 'review/missing', severity: 'warning', message: 'policy access has no date of its last review: add a dated entry to majorRevisions', file: 'policies/access.md', range: '1:1-1:5' },
    ]);
  });

  it('get control/unknown-id for TSC ids outside the catalog', () => {
    const result = lintFiles({ 'policies/access.md': ACCESS.replace('- CC6.2', '- CC6.22') });
    assert.deepEqual(findings(result, 'control/unknown-id').map((f) => [f.message, f.range]), [
      ['unknown control "CC6.22": it is not in SOC 2 Trust Services Criteria (2017, revised points of focus 2022); did you mean CC6.2?', '7:7-7:13'],
    ]);
  });

  it('report a YAML syntax error in the header', () => {
    const result = lintFiles({ 'policies/access.md': 'name: Access Control Policy\nowner: @acme\nsatisfies:\n  TSC: [CC6.1]\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: 'front-matter/syntax', severity: 'error', message: 'YAML syntax error: Plain value cannot start with reserved character @', file: 'policies/access.md', range: '2:8-2:9' },
    ]);
  });

  it('are not validated against the Tenet schema (their keys are their own)', () => {
    const result = lintFiles({ 'policies/access.md': ACCESS.replace('acronym: ACP', 'acronym: ACP\nrevision: 3') });
    assert.deepEqual(findings(result, 'front-matter/schema'), []);
  });

  it('need a name and satisfies or majorRevisions to be recognized', () => {
    const result = lintFiles({ 'notes.md': 'name: Meeting notes\n---\n# Notes\n', 'other.md': 'Some text\n\n---\n\nMore text\n' });
    assert.deepEqual(result.policies, []);
    assert.deepEqual(findings(result), []);
  });
});
