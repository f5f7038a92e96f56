// review/missing, review/overdue, review/future-date (policy format section 4); today is 2026-11-22.

import assert from 'node:assert/strict';
import { findings, lintFiles } from '../../helpers/workspace';

/** A policy with an owner and no controls, so only review findings can appear. `review` is YAML lines. */
function reviewed(review: string): Record<string, string> {
  return { 'p.md': `---\npolicy: p\nowner: "@a"\n${review}---\n# P\n` };
}

describe('review/missing', () => {
  it('reports a policy without a review block on the policy key', () => {
    const result = lintFiles(reviewed(''));
    assert.deepEqual(findings(result), [
      { rule: 'review/missing', severity: 'warning', message: 'policy p has no date of its last review: add review: {every: annually, last: YYYY-MM-DD}', file: 'p.md', range: '2:1-2:7' },
    ]);
  });

  it('reports a review block without `last` on the review key', () => {
    const result = lintFiles(reviewed('review:\n  every: annually\n'));
    assert.deepEqual(findings(result), [
      { rule: 'review/missing', severity: 'warning', message: 'policy p has no date of its last review: add review: {every: annually, last: YYYY-MM-DD}', file: 'p.md', range: '4:1-4:7' },
    ]);
  });

  it('does not fire when review.last is given', () => {
    assert.deepEqual(findings(lintFiles(reviewed('review:\n  every: annually\n  last: 2026-06-01\n'))), []);
  });
});

describe('review/overdue', () => {
  it('reports a review older than its cadence on the date', () => {
    const result = lintFiles(reviewed('review:\n  every: annually\n  last: 2025-11-01\n'));
    assert.deepEqual(findings(result), [
      {
        rule: 'review/overdue',
        severity: 'error',
        message: 'review overdue: policy p was last reviewed 2025-11-01; it is reviewed annually (every 1 year), so the next review was due 2026-11-01 (21 days ago)',
        file: 'p.md',
        range: '6:9-6:19',
      },
    ]);
    assert.deepEqual(result.policies.map((p) => [p.reviewLast, p.reviewNext]), [['2025-11-01', '2026-11-01']]);
  });

  it('says "1 day ago" the day after the due date', () => {
    const result = lintFiles(reviewed('review:\n  every: annually\n  last: 2025-11-21\n'));
    assert.deepEqual(findings(result).map((f) => f.message), [
      'review overdue: policy p was last reviewed 2025-11-21; it is reviewed annually (every 1 year), so the next review was due 2026-11-21 (1 day ago)',
    ]);
  });

  it('does not fire on the due date itself', () => {
    assert.deepEqual(findings(lintFiles(reviewed('review:\n  every: annually\n  last: 2025-11-22\n'))), []);
  });

  it('uses the policy cadence (quarterly)', () => {
    const result = lintFiles(reviewed('review:\n  every: quarterly\n  last: 2026-08-01\n'));
    assert.deepEqual(findings(result).map((f) => f.message), [
      'review overdue: policy p was last reviewed 2026-08-01; it is reviewed quarterly (every 3 months), so the next review was due 2026-11-01 (21 days ago)',
    ]);
  });

  it('uses an "N units" cadence', () => {
    const result = lintFiles(reviewed('review:\n  every: 90 days\n  last: 2026-08-01\n'));
    assert.deepEqual(findings(result).map((f) => f.message), [
      'review overdue: policy p was last reviewed 2026-08-01; it is reviewed every 90 days, so the next review was due 2026-10-30 (23 days ago)',
    ]);
  });

  it('defaults to annually when the policy gives no cadence', () => {
    const result = lintFiles(reviewed('review:\n  last: 2025-01-01\n'));
    assert.deepEqual(findings(result), [
      {
        rule: 'review/overdue',
        severity: 'error',
        message: 'review overdue: policy p was last reviewed 2025-01-01; it is reviewed annually (every 1 year), so the next review was due 2026-01-01 (325 days ago)',
        file: 'p.md',
        range: '5:9-5:19',
      },
    ]);
  });
});

describe('review/future-date', () => {
  it('reports a last review dated after today (and no overdue)', () => {
    const result = lintFiles(reviewed('review:\n  every: annually\n  last: 2026-12-01\n'));
    assert.deepEqual(findings(result), [
      { rule: 'review/future-date', severity: 'error', message: 'the last review date 2026-12-01 is in the future (today is 2026-11-22)', file: 'p.md', range: '6:9-6:19' },
    ]);
  });

  it('does not fire for a review dated today', () => {
    assert.deepEqual(findings(lintFiles(reviewed('review:\n  every: annually\n  last: 2026-11-22\n'))), []);
  });

  it('uses the newest majorRevisions date of a comply document as review.last', () => {
    const result = lintFiles({
      'policies/access.md': 'name: Access Control Policy\nacronym: ACP\nowner: "@a"\nsatisfies:\n  TSC: [CC6.1]\nmajorRevisions:\n  - date: Jun 1 2025\n  - date: Dec 1 2026\n  - date: Mar 3 2026\n---\n\n# Access\n',
    });
    assert.deepEqual(findings(result, 'review/future-date', 'review/overdue', 'review/missing'), [
      { rule: 'review/future-date', severity: 'error', message: 'the last review date 2026-12-01 is in the future (today is 2026-11-22)', file: 'policies/access.md', range: '8:11-8:21' },
    ]);
  });
});
