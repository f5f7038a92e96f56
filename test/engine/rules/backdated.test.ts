// evidence/backdated (policy format section 4) with a fake History: the engine's side of the check.
// test/host/git.test.ts proves the same end to end with real git repositories. Today is 2026-11-22.

import assert from 'node:assert/strict';
import { parseIsoDate, type Day } from '../../../server/src/engine/dates';
import type { History, HistoryStatus, LineDays } from '../../../server/src/engine/history';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { relatedOf, single } from './support';

const FILE = 'evidence/access-reviews.yaml';

/** A quarterly requirement reading FILE; in the policy, the requirement key is on line 10. */
const ACCESS_CONTROL = policy(
  'access-control',
  `requirements:\n  quarterly-access-review:\n    says: User access to production is reviewed every quarter.\n    every: quarterly\n    evidence:\n      file: ${FILE}\n      at: $[*].completed_on\n`,
);

/** Evidence rows; row i's date sits on line 2i+1, columns 17–27. Within cadence of each other and of today. */
const ROWS = ['2026-01-10', '2026-04-08', '2026-07-06', '2026-10-02'].map((d) => `- completed_on: ${d}\n  system: production\n`).join('');

/** A History answering from a table of `file → {line: first-commit date}`; other lines are uncommitted. */
class FakeHistory implements History {
  readonly calls: { file: string; text?: string }[] = [];
  constructor(
    private readonly lines: Record<string, Record<number, string>>,
    private readonly state: HistoryStatus = { ok: true },
    private readonly failing: Record<string, string> = {},
  ) {}

  status(): HistoryStatus {
    return this.state;
  }

  lineDays(file: string, text?: string): LineDays {
    this.calls.push({ file, text });
    if (this.failing[file]) return { ok: false, reason: this.failing[file] };
    const days: (Day | undefined)[] = [];
    for (const [line, date] of Object.entries(this.lines[file] ?? {})) days[Number(line) - 1] = parseIsoDate(date);
    return { ok: true, days };
  }
}

/** Every row committed two days after its date, and the policy the day after its review. */
const ON_TIME = { [FILE]: { 1: '2026-01-12', 3: '2026-04-10', 5: '2026-07-08', 7: '2026-10-04' }, 'p.md': { 7: '2026-06-02' } };

function lintWith(history: History, files: Record<string, string> = {}) {
  return lintFiles({ 'p.md': ACCESS_CONTROL, [FILE]: ROWS, ...files }, { history });
}

describe('evidence/backdated', () => {
  it('reports an evidence row first committed more than one cadence after its date, at the date', () => {
    const history = new FakeHistory({ ...ON_TIME, [FILE]: { ...ON_TIME[FILE], 1: '2026-09-30' } });
    const result = lintWith(history);
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/backdated',
        severity: 'error',
        message:
          'evidence row dated 2026-01-10 was first committed on 2026-09-30, 263 days later (more than one cadence, quarterly): policy access-control › quarterly-access-review evidence may be backdated',
        file: FILE,
        range: '1:17-1:27',
        requirement: 'quarterly-access-review',
      },
    ]);
    const finding = single(result, 'evidence/backdated');
    assert.equal(finding.actual, '2026-09-30');
    assert.deepEqual(relatedOf(result, finding), [{ file: 'p.md', range: '10:3-10:26', message: 'requirement stated here' }]);
  });

  it('does not report a row committed within one cadence of its date (the due date itself included)', () => {
    // 2026-01-10 + 3 months = 2026-04-10: committed that day is on time, the day after is not.
    assert.deepEqual(findings(lintWith(new FakeHistory({ ...ON_TIME, [FILE]: { ...ON_TIME[FILE], 1: '2026-04-10' } }))), []);
    assert.deepEqual(findings(lintWith(new FakeHistory({ ...ON_TIME, [FILE]: { ...ON_TIME[FILE], 1: '2026-04-11' } }))).map((f) => [f.range, f.message]), [
      [
        '1:17-1:27',
        'evidence row dated 2026-01-10 was first committed on 2026-04-11, 91 days later (more than one cadence, quarterly): policy access-control › quarterly-access-review evidence may be backdated',
      ],
    ]);
  });

  it('never reports an uncommitted line, whatever its date', () => {
    const { 1: _first, ...rest } = ON_TIME[FILE];
    assert.deepEqual(findings(lintWith(new FakeHistory({ ...ON_TIME, [FILE]: rest }))), []);
  });

  it('uses the cadence as written, e.g. "30 days"', () => {
    const monthly = ACCESS_CONTROL.replace('every: quarterly', 'every: 30 days');
    const rows = '- completed_on: 2026-10-01\n- completed_on: 2026-10-25\n- completed_on: 2026-11-20\n';
    const history = new FakeHistory({ [FILE]: { 1: '2026-11-20', 2: '2026-11-20', 3: '2026-11-20' } });
    const result = lintFiles({ 'p.md': monthly, [FILE]: rows }, { history });
    assert.deepEqual(findings(result).map((f) => [f.range, f.message]), [
      [
        '1:17-1:27',
        'evidence row dated 2026-10-01 was first committed on 2026-11-20, 50 days later (more than one cadence, 30 days): policy access-control › quarterly-access-review evidence may be backdated',
      ],
    ]);
  });

  it('reports review.last first committed more than 30 days after it, at the date', () => {
    assert.deepEqual(findings(lintWith(new FakeHistory({ ...ON_TIME, 'p.md': { 7: '2026-07-01' } }))), [], '30 days later is fine');
    const result = lintWith(new FakeHistory({ ...ON_TIME, 'p.md': { 7: '2026-07-02' } }));
    assert.deepEqual(findings(result), [
      {
        rule: 'evidence/backdated',
        severity: 'error',
        message: 'review dated 2026-06-01 was first committed on 2026-07-02, 31 days later (more than 30 days): policy access-control review may be backdated',
        file: 'p.md',
        range: '7:9-7:19',
      },
    ]);
  });

  it("applies a requirement's severity override and a tenet.yaml setting", () => {
    const late = new FakeHistory({ ...ON_TIME, [FILE]: { ...ON_TIME[FILE], 1: '2026-09-30' } });
    const lowered = ACCESS_CONTROL.replace('    every: quarterly\n', '    every: quarterly\n    severity: warning\n');
    assert.deepEqual(findings(lintFiles({ 'p.md': lowered, [FILE]: ROWS }, { history: late })).map((f) => f.severity), ['warning']);
    assert.deepEqual(findings(lintWith(late, { 'tenet.yaml': 'rules:\n  evidence/backdated: off\n' })), []);
  });

  it('blames the text the engine read (an editor buffer), once per file', () => {
    const history = new FakeHistory(ON_TIME);
    lintWith(history);
    assert.deepEqual(history.calls, [
      { file: 'p.md', text: ACCESS_CONTROL },
      { file: FILE, text: ROWS },
    ]);
  });

  it('is silent when the host gives no history (the engine never runs git itself)', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': ACCESS_CONTROL, [FILE]: ROWS })), []);
  });

  it('says once, at the first date, that a file whose lines cannot be dated was skipped', () => {
    const history = new FakeHistory(ON_TIME, { ok: true }, { [FILE]: 'git did not answer within 15 s' });
    assert.deepEqual(findings(lintWith(history)), [
      {
        rule: 'evidence/backdated',
        severity: 'info',
        message: `backdating check skipped for ${FILE}: git did not answer within 15 s`,
        file: FILE,
        range: '1:17-1:27',
      },
    ]);
  });
});

describe('evidence/backdated outside git', () => {
  const NO_GIT: HistoryStatus = { ok: false, reason: '/ws is not in a git repository' };
  const SKIPPED = 'backdating checks skipped: /ws is not in a git repository';

  it('skips the check with exactly one info finding per run, on tenet.yaml', () => {
    const history = new FakeHistory({}, NO_GIT);
    const result = lintFiles({ 'tenet.yaml': 'rules:\n  evidence/backdated: warning\n', 'a.md': ACCESS_CONTROL.replace('access-control', 'a'), 'b.md': ACCESS_CONTROL.replace('access-control', 'b'), [FILE]: ROWS }, { history });
    assert.deepEqual(findings(result), [{ rule: 'evidence/backdated', severity: 'info', message: SKIPPED, file: 'tenet.yaml', range: '1:1-1:1' }]);
    assert.deepEqual(history.calls, [], 'no file is blamed');
  });

  it('without tenet.yaml, puts it on the first policy (by path) at its anchor', () => {
    const history = new FakeHistory({}, NO_GIT);
    const result = lintFiles({ 'b.md': ACCESS_CONTROL.replace('access-control', 'b'), 'a.md': ACCESS_CONTROL.replace('access-control', 'a'), [FILE]: ROWS }, { history });
    assert.deepEqual(findings(result), [{ rule: 'evidence/backdated', severity: 'info', message: SKIPPED, file: 'a.md', range: '2:1-2:7' }]);
  });

  it('says nothing when no policy claims a date, or when the rule is off', () => {
    const undated = '---\npolicy: p\nowner: "@acme/security"\ncontrols: [CC6.1]\n---\n';
    assert.deepEqual(findings(lintFiles({ 'p.md': undated }, { history: new FakeHistory({}, NO_GIT) }), 'evidence/backdated'), []);
    const off = lintFiles({ 'tenet.yaml': 'rules:\n  evidence/backdated: off\n', 'p.md': ACCESS_CONTROL, [FILE]: ROWS }, { history: new FakeHistory({}, NO_GIT) });
    assert.deepEqual(findings(off), []);
  });

  it('says once that the checks are partial in a shallow clone, and still reports what it can date', () => {
    const partial = 'backdating checks are partial: /ws is a shallow clone: lines older than its history cannot be dated';
    const history = new FakeHistory({ ...ON_TIME, [FILE]: { ...ON_TIME[FILE], 1: '2026-09-30' } }, { ok: true, partial: '/ws is a shallow clone: lines older than its history cannot be dated' });
    const result = lintWith(history, { 'tenet.yaml': '' });
    assert.deepEqual(findings(result).map((f) => [f.file, f.severity, f.range]), [
      [FILE, 'error', '1:17-1:27'],
      ['tenet.yaml', 'info', '1:1-1:1'],
    ]);
    assert.equal(result.findings[1].message, partial);
  });
});
