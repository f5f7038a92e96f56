// GitHistory against real, throwaway git repositories (os.tmpdir()), end to end through lint() with
// NodeFs: evidence/backdated's catch and non-catch, uncommitted lines, shallow clones, and the single
// info finding outside git or without git. Commit dates are pinned with GIT_COMMITTER_DATE/GIT_AUTHOR_DATE.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDay } from '../../server/src/engine/dates';
import { lint } from '../../server/src/engine/lint';
import { GitHistory, childEnv, parsePorcelain } from '../../server/src/host/git';
import { NodeFs } from '../../server/src/host/node-fs';
import { findings } from '../helpers/workspace';

const EVIDENCE = 'evidence/access-reviews.yaml';

const POLICY = (last: string) =>
  `---\npolicy: access-control\ntitle: Access control\nowner: "@acme/security"\nreview:\n  every: annually\n  last: ${last}\ncontrols: [CC6.1]\nrequirements:\n  quarterly-access-review:\n    says: User access to production is reviewed every quarter.\n    every: quarterly\n    evidence:\n      file: ${EVIDENCE}\n      at: $[*].completed_on\n---\n\n# Access control\n`;

/** Evidence rows; the first row's date sits on line 1, columns 17–27. */
const rows = (...dates: string[]) => dates.map((d) => `- completed_on: ${d}\n  system: production\n`).join('');

/** The environment for the test's own git commands: no inherited GIT_*, no user or system config. */
function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^GIT_/i.test(k)) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, ...extra };
}

function git(dir: string, args: string[], extra: Record<string, string> = {}): string {
  return execFileSync('git', ['-c', 'user.name=Tenet Test', '-c', 'user.email=test@tenet.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    env: testEnv(extra),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/** Writes the files and commits everything, committed at `committed` (and authored at `authored`). */
function commit(dir: string, committed: string, files: Record<string, string>, authored = committed): void {
  write(dir, files);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `evidence as of ${committed}`], { GIT_COMMITTER_DATE: committed, GIT_AUTHOR_DATE: authored });
}

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-git-')));
  temps.push(dir);
  return dir;
}

function repo(): string {
  const dir = tempDir();
  git(dir, ['init', '-q']);
  return dir;
}

function lintRepo(root: string, history = new GitHistory(root)) {
  return lint({ fs: new NodeFs(root), root, today: '2026-11-22', history });
}

/** Quarterly evidence kept on time, then a row dated 2026-01-10 added on 2026-09-30 (authored "2026-01-10"). */
function backdatedRepo(): string {
  const dir = repo();
  commit(dir, '2026-04-10T12:00:00Z', { 'p.md': POLICY('2026-04-01'), [EVIDENCE]: rows('2026-04-08') });
  commit(dir, '2026-07-08T12:00:00Z', { [EVIDENCE]: rows('2026-04-08', '2026-07-06') });
  // Late in the evening in UTC-5: already 2026-10-01 in UTC, still 2026-09-30 for the committer.
  commit(dir, '2026-09-30T21:30:00-05:00', { [EVIDENCE]: rows('2026-01-10', '2026-04-08', '2026-07-06', '2026-09-28') }, '2026-01-10T12:00:00Z');
  return dir;
}

const CAUGHT = {
  rule: 'evidence/backdated',
  severity: 'error',
  message:
    'evidence row dated 2026-01-10 was first committed on 2026-09-30, 263 days later (more than one cadence, quarterly): policy access-control › quarterly-access-review evidence may be backdated',
  file: EVIDENCE,
  range: '1:17-1:27',
  requirement: 'quarterly-access-review',
};

after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('GitHistory: evidence/backdated end to end', () => {
  it('catches a row dated 2026-01-10 first committed on 2026-09-30 (quarterly), by committer date', () => {
    const dir = backdatedRepo();
    assert.deepEqual(findings(lintRepo(dir)), [CAUGHT]);
  });

  it('does not flag the same row committed on 2026-01-12', () => {
    const dir = repo();
    commit(dir, '2026-01-12T12:00:00Z', { 'p.md': POLICY('2026-01-05'), [EVIDENCE]: rows('2026-01-10') });
    commit(dir, '2026-04-10T12:00:00Z', { [EVIDENCE]: rows('2026-01-10', '2026-04-08') });
    commit(dir, '2026-07-08T12:00:00Z', { [EVIDENCE]: rows('2026-01-10', '2026-04-08', '2026-07-06') });
    commit(dir, '2026-09-30T12:00:00Z', { [EVIDENCE]: rows('2026-01-10', '2026-04-08', '2026-07-06', '2026-09-28') });
    assert.deepEqual(findings(lintRepo(dir)), []);
  });

  it('catches a review.last first committed more than 30 days after it', () => {
    const dir = repo();
    commit(dir, '2026-03-15T09:00:00Z', { 'p.md': POLICY('2026-01-10'), [EVIDENCE]: rows('2026-09-28') });
    assert.deepEqual(findings(lintRepo(dir)), [
      {
        rule: 'evidence/backdated',
        severity: 'error',
        message: 'review dated 2026-01-10 was first committed on 2026-03-15, 64 days later (more than 30 days): policy access-control review may be backdated',
        file: 'p.md',
        range: '7:9-7:19',
      },
    ]);
  });

  it('never flags uncommitted lines: a new backdated row in the working tree, or a file never added', () => {
    const dir = repo();
    commit(dir, '2026-09-30T12:00:00Z', { 'p.md': POLICY('2026-09-29'), [EVIDENCE]: rows('2026-09-28') });
    write(dir, { [EVIDENCE]: rows('2026-01-10', '2026-04-08', '2026-07-06', '2026-09-28') });
    assert.deepEqual(findings(lintRepo(dir)), []);

    write(dir, { 'q.md': POLICY('2026-01-05').replace('access-control', 'untracked') });
    assert.deepEqual(findings(lintRepo(dir)), []);
  });

  it('dates the lines of the text it is given (an unsaved editor buffer), not of the file on disk', () => {
    const dir = backdatedRepo();
    const history = new GitHistory(dir);
    const onDisk = fs.readFileSync(path.join(dir, EVIDENCE), 'utf8');
    const days = history.lineDays(EVIDENCE, onDisk);
    assert.ok(days.ok);
    assert.deepEqual(days.days.map((d) => d && formatDay(d)), ['2026-09-30', '2026-09-30', '2026-04-10', '2026-04-10', '2026-07-08', '2026-07-08', '2026-09-30', '2026-09-30']);
    // Two lines typed at the top of the buffer: they are uncommitted, and the rest keep their dates.
    const edited = history.lineDays(EVIDENCE, `- completed_on: 2026-11-01\n  system: production\n${onDisk}`);
    assert.ok(edited.ok);
    assert.deepEqual(edited.days.slice(0, 5).map((d) => d && formatDay(d)), [undefined, undefined, '2026-09-30', '2026-09-30', '2026-04-10']);
  });

  it('caches each file per content: the same text is not blamed twice', () => {
    const dir = backdatedRepo();
    const history = new GitHistory(dir);
    const text = fs.readFileSync(path.join(dir, EVIDENCE), 'utf8');
    const first = history.lineDays(EVIDENCE, text);
    fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    assert.deepEqual(history.lineDays(EVIDENCE, text), first);
    assert.equal(history.lineDays(EVIDENCE, `${text}\n`).ok, false, 'new content is blamed again (and git now fails)');
  });

  it('ignores GIT_DIR and GIT_WORK_TREE in its environment (a hook or wrapper cannot redirect it)', () => {
    const dir = backdatedRepo();
    const decoy = repo();
    commit(decoy, '2026-01-01T00:00:00Z', { 'x.txt': 'x\n' });
    const env = { ...process.env, GIT_DIR: path.join(decoy, '.git'), GIT_WORK_TREE: decoy, GIT_INDEX_FILE: path.join(decoy, '.git', 'index') };
    assert.deepEqual(findings(lintRepo(dir, new GitHistory(dir, { env }))), [CAUGHT]);
    const clean = childEnv(env);
    assert.deepEqual(Object.keys(clean).filter((k) => k.startsWith('GIT_')).sort(), ['GIT_LITERAL_PATHSPECS', 'GIT_OPTIONAL_LOCKS', 'GIT_TERMINAL_PROMPT']);
  });

  it('in a shallow clone, leaves lines of the cut-off commit undated and says so once', () => {
    const origin = backdatedRepo();
    const dir = tempDir();
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, dir], { env: testEnv(), stdio: 'ignore' });
    write(dir, { 'tenet.yaml': 'today: 2026-11-22\n' });
    assert.deepEqual(findings(lintRepo(dir)), [
      {
        rule: 'evidence/backdated',
        severity: 'info',
        message: `backdating checks are partial: ${dir} is a shallow clone: lines older than its history cannot be dated (fetch the full history, e.g. actions/checkout with fetch-depth: 0)`,
        file: 'tenet.yaml',
        range: '1:1-1:1',
      },
    ]);
  });

  it('reports a file whose blame output is over the cap as skipped, once, at its first date', () => {
    const dir = backdatedRepo();
    const result = lintRepo(dir, new GitHistory(dir, { maxBuffer: 100 }));
    assert.deepEqual(findings(result).map((f) => [f.severity, f.file, f.range, f.message]), [
      ['info', EVIDENCE, '1:17-1:27', `backdating check skipped for ${EVIDENCE}: git blame failed for ${EVIDENCE}: git's output exceeded 100 B`],
      ['info', 'p.md', '7:9-7:19', "backdating check skipped for p.md: git blame failed for p.md: git's output exceeded 100 B"],
    ]);
  });
});

describe('GitHistory: outside git', () => {
  it('skips the check with a single info finding when the workspace is not in a repository', () => {
    const dir = tempDir();
    write(dir, { 'tenet.yaml': 'today: 2026-11-22\n', 'p.md': POLICY('2026-01-05'), 'q.md': POLICY('2026-01-05').replace('access-control', 'second'), [EVIDENCE]: rows('2026-09-28') });
    assert.deepEqual(findings(lintRepo(dir)), [
      { rule: 'evidence/backdated', severity: 'info', message: `backdating checks skipped: ${dir} is not in a git repository`, file: 'tenet.yaml', range: '1:1-1:1' },
    ]);
  });

  it('skips the check with a single info finding when git is not on the PATH', () => {
    const dir = backdatedRepo();
    const empty = tempDir();
    const history = new GitHistory(dir, { env: { ...process.env, PATH: empty } });
    assert.deepEqual(findings(lintRepo(dir, history)), [
      { rule: 'evidence/backdated', severity: 'info', message: 'backdating checks skipped: git is not installed (or not on the PATH)', file: 'p.md', range: '2:1-2:7' },
    ]);
  });
});

describe('parsePorcelain', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  const ZERO = '0'.repeat(40);
  const header = (time: number, tz: string, extra: string[] = []) => [
    `author x`,
    `author-time 0`,
    `author-tz +0000`,
    `committer x`,
    `committer-time ${time}`,
    `committer-tz ${tz}`,
    ...extra,
    `filename f`,
  ];
  // 2026-09-30T23:30:00Z = 1790811000; in +0100 that is already 2026-10-01.
  const output = Buffer.from(
    [
      `${A} 1 1 2`, ...header(1790811000, '+0100'), '\tline one',
      `${A} 2 2`, '\tline two',
      `${ZERO} 3 3 1`, ...header(1790811000, '+0000'), '\tnot committed yet',
      `${B} 1 4 1`, ...header(1790811000, '-0500', ['boundary']), '\tfrom the boundary commit',
      '',
    ].join('\n'),
  );

  it("dates each final line by its commit's committer time in the committer's zone; uncommitted lines are undefined", () => {
    assert.deepEqual(parsePorcelain(output, false).map((d) => d && formatDay(d)), ['2026-10-01', '2026-10-01', undefined, '2026-09-30']);
  });

  it('leaves lines of a boundary commit undated in a shallow clone', () => {
    assert.deepEqual(parsePorcelain(output, true).map((d) => d && formatDay(d)), ['2026-10-01', '2026-10-01', undefined, undefined]);
  });
});
