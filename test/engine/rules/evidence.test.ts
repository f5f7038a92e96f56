// evidence/stale, evidence/gap, evidence/future-date, and evidence rows that are not dates
// (policy format section 4); today is 2026-11-22.

import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { relatedOf, single, statuses } from './support';

const FILE = 'evidence/access-reviews.yaml';

/** A quarterly access review whose evidence is `completed_on` in FILE; `at` is on line 15 of p.md. */
function accessReview(where = ''): string {
  return policy(
    'p',
    `requirements:\n  access-review:\n    says: User access to production is reviewed every quarter.\n    every: quarterly\n    evidence:\n      file: ${FILE}\n      at: $[*].completed_on\n${where}`,
  );
}

/** Evidence rows; row i's date sits on line 2i+1, columns 17–27. */
function rows(...dates: string[]): string {
  return dates.map((d) => `- completed_on: ${d}\n  system: production\n`).join('');
}

function lintEvidence(evidence: string, where = '') {
  return lintFiles({ 'p.md': accessReview(where), [FILE]: evidence });
}

describe('evidence/stale', () => {
  it('reports the newest evidence when it is older than one cadence', () => {
    const result = lintEvidence(rows('2026-03-01', '2026-06-01', '2026-08-01'));
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/stale',
        severity: 'error',
        message: 'the newest evidence of policy p › access-review is 2026-08-01; it is due quarterly (every 3 months), so the next was due 2026-11-01 (21 days ago)',
        file: FILE,
        range: '5:17-5:27',
        requirement: 'access-review',
      },
    ]);
    assert.deepEqual(relatedOf(result, single(result, 'evidence/stale')), [{ file: 'p.md', range: '10:3-10:16', message: 'requirement stated here' }]);
    assert.deepEqual(statuses(result), { 'p › access-review': 'drift' });
  });

  it('finds the newest row whatever the order of the file', () => {
    const result = lintEvidence(rows('2026-08-01', '2026-03-01', '2026-06-01'));
    assert.deepEqual(findings(result).map((f) => [f.rule, f.range]), [['evidence/stale', '1:17-1:27']]);
  });

  it('says "1 day ago" the day after the due date', () => {
    const result = lintEvidence(rows('2026-03-01', '2026-06-01', '2026-08-21'));
    assert.deepEqual(findings(result).map((f) => f.message), [
      'the newest evidence of policy p › access-review is 2026-08-21; it is due quarterly (every 3 months), so the next was due 2026-11-21 (1 day ago)',
    ]);
  });

  it('does not fire when the newest evidence is within one cadence', () => {
    const result = lintEvidence(rows('2026-03-01', '2026-06-01', '2026-09-01'));
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › access-review': 'verified' });
  });

  it('reports evidence with no rows at all on the selector (with selector/no-match, which cannot tell an empty file from a wrong `at`)', () => {
    const result = lintEvidence('[]\n');
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/stale',
        severity: 'error',
        message: `there is no dated evidence of policy p › access-review in ${FILE}; it is due quarterly (every 3 months)`,
        file: 'p.md',
        range: '15:11-15:28',
        requirement: 'access-review',
      },
      { rule: 'selector/no-match', severity: 'error', message: `$[*].completed_on selects nothing in ${FILE}`, file: 'p.md', range: '15:11-15:28', requirement: 'access-review' },
    ]);
    assert.deepEqual(statuses(result), { 'p › access-review': 'drift' });
  });

  it('reports a `where` that filters every row away, naming the filter (and no selector/no-match)', () => {
    const result = lintEvidence(rows('2026-09-01'), '      where: { system: staging }\n');
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/stale',
        severity: 'error',
        message: `there is no dated evidence of policy p › access-review in ${FILE} where system = "staging"; it is due quarterly (every 3 months)`,
        file: 'p.md',
        range: '15:11-15:28',
        requirement: 'access-review',
      },
    ]);
  });

  it('judges only the rows `where` keeps', () => {
    const evidence = '- completed_on: 2026-10-01\n  system: staging\n- completed_on: 2026-05-01\n  system: production\n';
    const result = lintEvidence(evidence, '      where: { system: production }\n');
    assert.deepEqual(findings(result).map((f) => [f.rule, f.range]), [['evidence/stale', '3:17-3:27']]);
  });
});

describe('evidence with an invalid cadence', () => {
  it('is not judged: front-matter/schema on the cadence, status unknown (not verified)', () => {
    const result = lintFiles({ 'p.md': accessReview().replace('every: quarterly', 'every: yearly'), [FILE]: rows('2020-01-01') });
    assert.deepEqual(findings(result).map((f) => [f.rule, f.range]), [['front-matter/schema', '12:12-12:18']]);
    assert.deepEqual(statuses(result), { 'p › access-review': 'unknown' });
  });
});

describe('evidence/gap', () => {
  it('reports nine silent months then a burst a week before today, at the first row after the gap', () => {
    const result = lintEvidence(rows('2025-12-01', '2026-02-15', '2026-11-14', '2026-11-15'));
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/gap',
        severity: 'error',
        message: 'evidence gap: 272 days without evidence between 2026-02-15 and 2026-11-14; policy p › access-review is due quarterly (every 3 months), so the next was due 2026-05-15',
        file: FILE,
        range: '5:17-5:27',
        requirement: 'access-review',
      },
    ]);
    assert.deepEqual(relatedOf(result, single(result, 'evidence/gap')), [{ file: FILE, range: '3:17-3:27', message: 'evidence before the gap: 2026-02-15' }]);
    assert.deepEqual(statuses(result), { 'p › access-review': 'drift' });
  });

  it('ignores gaps older than 12 months', () => {
    const result = lintEvidence(rows('2024-01-01', '2025-06-01', '2025-09-01', '2025-12-01', '2026-03-01', '2026-06-01', '2026-09-01', '2026-11-01'));
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › access-review': 'verified' });
  });

  it('does not fire when consecutive rows are exactly one cadence apart', () => {
    assert.deepEqual(findings(lintEvidence(rows('2026-02-15', '2026-05-15', '2026-08-15', '2026-11-15'))), []);
  });
});

describe('evidence/future-date', () => {
  it('reports a row dated after today', () => {
    const result = lintEvidence(rows('2026-09-01', '2026-12-01'));
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/future-date',
        severity: 'error',
        message: 'evidence of policy p › access-review is dated 2026-12-01, in the future (today is 2026-11-22)',
        file: FILE,
        range: '3:17-3:27',
        requirement: 'access-review',
      },
    ]);
    assert.deepEqual(statuses(result), { 'p › access-review': 'drift' });
  });

  it('does not fire for a row dated today', () => {
    assert.deepEqual(findings(lintEvidence(rows('2026-09-01', '2026-11-22'))), []);
  });
});

describe('evidence rows that are not dates', () => {
  it('reports each such row as requirement/drift and judges the dated rows', () => {
    const result = lintEvidence(rows('2026-09-01', 'last week', '2026/10/01'));
    assert.deepEqual(findings(result), [
      {
        rule: 'requirement/drift',
        severity: 'error',
        message: 'completed_on is "last week", not a date; policy p › access-review needs dated evidence (YYYY-MM-DD)',
        file: FILE,
        range: '3:17-3:26',
        requirement: 'access-review',
      },
      {
        rule: 'requirement/drift',
        severity: 'error',
        message: 'completed_on is "2026/10/01", not a date; policy p › access-review needs dated evidence (YYYY-MM-DD)',
        file: FILE,
        range: '5:17-5:27',
        requirement: 'access-review',
      },
    ]);
    assert.deepEqual(statuses(result), { 'p › access-review': 'drift' });
  });

  it('reports evidence without a single date as stale too', () => {
    const result = lintEvidence(rows('soon'));
    assert.deepEqual(findings(result).map((f) => [f.rule, f.file, f.range]), [
      ['requirement/drift', FILE, '1:17-1:21'],
      ['evidence/stale', 'p.md', '15:11-15:28'],
    ]);
  });
});
