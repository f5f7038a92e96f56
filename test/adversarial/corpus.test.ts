// The adversarial corpus (issue "Reliability and security", part 1): a real on-disk git workspace
// holding one healthy policy with a known drift and one policy per hostile case (cases.ts), linted the
// way the CLI does (`prepareTerraform()`, then `lint` over a NodeFs with a GitHistory).
//
// For every case: its exact findings (rule, message, file, range) or a documented silence, its
// requirement statuses, the healthy drift still reported, time under CEILING_MS, RSS growth under
// CEILING_RSS_MB, and no prototype pollution. Each case is linted alone (the workspace listing narrowed
// to its policy and the healthy one) to measure it, then all together in one run exactly as the CLI
// does, which must report the union. Times and memory are printed after the suite.
//
// A ceiling is a safety net, not a performance target. The engine is synchronous: a real hang would
// block mocha too, so the ceilings catch slowness, and a hang shows as a test run that never ends.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareTerraform } from '../../server/src/engine/index';
import { lint } from '../../server/src/engine/lint';
import type { WorkspaceFs } from '../../server/src/engine/fs';
import type { Finding, LintResult } from '../../server/src/engine/types';
import { GitHistory } from '../../server/src/host/git';
import { NodeFs, isInside } from '../../server/src/host/node-fs';
import { rangeOf } from '../helpers/workspace';
import { buildWorkspace, CASES, CEILING_MS, CEILING_RSS_MB, HEALTHY_DRIFT, type Case, type Expected } from './cases';

interface Measured {
  id: string;
  ms: number;
  rssMb: number;
}

function asExpected(result: LintResult, f: Finding): Expected {
  return { rule: f.rule, message: f.message, file: f.file, range: rangeOf(result, f.file, f.span) };
}

function sorted(list: Expected[]): Expected[] {
  const key = (e: Expected) => JSON.stringify([e.file, e.rule, e.range, e.message]);
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function statusesOf(result: LintResult, policy: string): Record<string, string> {
  return Object.fromEntries(result.requirements.filter((r) => r.policy === policy).map((r) => [r.requirement, r.status]));
}

function assertUnpolluted(): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, 'Object.prototype.polluted');
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_KEYS, 'Object.prototype keys');
  assert.equal(Object.getPrototypeOf(probe), Object.prototype);
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

describe('adversarial corpus: hostile inputs in a real workspace', function () {
  // Mocha's own limit is only a backstop above the per-case ceiling checked below.
  this.timeout(CEILING_MS * 6);

  let parent: string;
  let root: string;
  let unsupported: Set<string>;
  const measured: Measured[] = [];
  /** Absolute paths NodeFs opened during a run. */
  let opened: string[] = [];
  /** Races already triggered in the current run (each fires once a run). */
  let fired = new Set<string>();
  const mutable = fs as unknown as { openSync: typeof fs.openSync };
  const realOpenSync = fs.openSync;

  function prepareRun(): void {
    opened = [];
    fired = new Set();
    for (const c of CASES) if (c.race) c.race.restore(path.join(root, c.race.file));
  }

  /** A lint as the CLI runs one, measured. */
  function measure(workspace: WorkspaceFs, options: { configFile?: string } = {}): { result: LintResult; ms: number; rssMb: number } {
    prepareRun();
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const result = lint({ fs: workspace, root, history: new GitHistory(root), ...options });
    const ms = performance.now() - started;
    return { result, ms, rssMb: (process.memoryUsage().rss - rss) / (1024 * 1024) };
  }

  /** NodeFs with its listing narrowed to one case's policy and the healthy one (reads are untouched). */
  function only(c: Case): WorkspaceFs {
    const inner = new NodeFs(root);
    return {
      read: (rel) => inner.read(rel),
      list: () => inner.list().filter((f) => !f.startsWith('policies/') || f === 'policies/healthy.md' || f === `policies/${c.id}.md`),
    };
  }

  function expectedOf(c: Case): Expected[] {
    return typeof c.expected === 'function' ? c.expected(root) : c.expected;
  }

  function statusesExpected(c: Case): Record<string, string> {
    return (typeof c.statuses === 'function' ? c.statuses(root) : c.statuses) ?? {};
  }

  before(async () => {
    await prepareTerraform();
    parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-adversarial-')));
    root = path.join(parent, 'ws');
    fs.mkdirSync(root);
    const git = spawnSync('git', ['init', '-q', root], { encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
    // What `../outside.json` would read, were the path resolved naively.
    fs.writeFileSync(path.join(parent, 'outside.json'), '{"v": 1}');
    unsupported = buildWorkspace(root);
    // NodeFs reaches fs through the module object, so this hook sees every file it opens; races
    // (cases.ts) run here, after NodeFs's realpath and stat checks and before its open.
    mutable.openSync = ((file: fs.PathLike, ...rest: unknown[]) => {
      const abs = String(file);
      opened.push(abs);
      for (const c of CASES) {
        if (c.race && abs === path.join(root, c.race.file) && !fired.has(c.id)) {
          fired.add(c.id);
          c.race.act(abs);
        }
      }
      return (realOpenSync as (...args: unknown[]) => number)(file, ...rest);
    }) as typeof fs.openSync;
  });

  after(() => {
    mutable.openSync = realOpenSync;
    if (root) {
      try {
        fs.chmodSync(path.join(root, 'gen/locked.json'), 0o644);
      } catch {
        // not created
      }
      fs.rmSync(parent, { recursive: true, force: true });
    }
    if (measured.length > 0) {
      const worst = (key: 'ms' | 'rssMb') => measured.reduce((a, b) => (b[key] > a[key] ? b : a));
      const lines = measured.map((m) => `  ${m.id.padEnd(26)} ${m.ms.toFixed(0).padStart(6)} ms ${m.rssMb.toFixed(1).padStart(8)} MB`);
      console.log(`\n  adversarial corpus: time and RSS growth per lint (ceilings ${CEILING_MS} ms, ${CEILING_RSS_MB} MB)\n${lines.join('\n')}`);
      console.log(`  worst time: ${worst('ms').id} ${worst('ms').ms.toFixed(0)} ms; worst RSS growth: ${worst('rssMb').id} ${worst('rssMb').rssMb.toFixed(1)} MB\n`);
    }
  });

  it('the healthy policy alone reports exactly its drift', () => {
    const inner = new NodeFs(root);
    const { result } = measure({ read: (rel) => inner.read(rel), list: () => inner.list().filter((f) => !f.startsWith('policies/') || f === 'policies/healthy.md') });
    assert.deepEqual(result.findings.map((f) => asExpected(result, f)), [HEALTHY_DRIFT]);
    assert.deepEqual(statusesOf(result, 'healthy'), { s: 'drift' });
  });

  for (const c of CASES) {
    it(`${c.id}: ${c.what}`, function () {
      if (unsupported.has(c.id)) this.skip(); // the platform cannot build this case (e.g. no mkfifo)
      const { result, ms, rssMb } = measure(only(c));
      measured.push({ id: c.id, ms, rssMb });

      const healthy = result.findings.filter((f) => f.policy === 'healthy');
      assert.deepEqual(healthy.map((f) => asExpected(result, f)), [HEALTHY_DRIFT], 'the healthy policy still reports its drift');
      const own = result.findings.filter((f) => f.policy !== 'healthy').map((f) => asExpected(result, f));
      assert.deepEqual(sorted(own), sorted(expectedOf(c)));
      assert.deepEqual(statusesOf(result, c.id), statusesExpected(c));
      assert.ok(ms < CEILING_MS, `${c.id} took ${ms.toFixed(0)} ms (ceiling ${CEILING_MS} ms)`);
      assert.ok(rssMb < CEILING_RSS_MB, `${c.id} grew RSS by ${rssMb.toFixed(0)} MB (ceiling ${CEILING_RSS_MB} MB)`);
      assertUnpolluted();
    });
  }

  it('the whole workspace in one run, as the CLI lints it: every case\'s findings, the healthy drift, nothing opened outside', function () {
    const { result, ms, rssMb } = measure(new NodeFs(root));
    measured.push({ id: '(all cases, one run)', ms, rssMb });

    const supported = CASES.filter((c) => !unsupported.has(c.id));
    const expected = [HEALTHY_DRIFT, ...supported.flatMap(expectedOf)];
    assert.deepEqual(sorted(result.findings.map((f) => asExpected(result, f))), sorted(expected));
    for (const c of supported) assert.deepEqual(statusesOf(result, c.id), statusesExpected(c), c.id);
    assert.deepEqual(statusesOf(result, 'healthy'), { s: 'drift' });
    // Every finding's span lies inside its file's text, related locations included.
    for (const f of result.findings) {
      for (const at of [f, ...(f.related ?? [])]) {
        const text = result.texts.get(at.file);
        assert.ok(text !== undefined, `text of ${at.file}`);
        assert.ok(at.span.start >= 0 && at.span.start <= at.span.end && at.span.end <= text.length, `${f.rule} span in ${at.file}`);
      }
    }
    const outside = opened.filter((file) => !isInside(root, file));
    assert.deepEqual(outside, [], 'files opened outside the workspace');
    assert.ok(!opened.includes(path.join(root, 'gen/huge.json')), 'the 200 MB file is refused by its size, never opened');
    assertUnpolluted();
  });

  it('without a policies glob, discovery finds every hostile policy that is readable text (documented exceptions)', () => {
    // Discovery reads each .md to see whether it is a policy: one that cannot be read as text cannot
    // be recognized (there is nothing to report it against), and one deleted before it is read is gone.
    const undiscoverable = new Set(['fm-binary', 'fm-invalid-utf8', 'fm-vanish']);
    fs.writeFileSync(path.join(root, 'tenet-discovery.yaml'), 'today: 2026-11-22\n');
    try {
      const { result } = measure(new NodeFs(root), { configFile: 'tenet-discovery.yaml' });
      const expected = [HEALTHY_DRIFT, ...CASES.filter((c) => !unsupported.has(c.id) && !undiscoverable.has(c.id)).flatMap(expectedOf)];
      assert.deepEqual(sorted(result.findings.map((f) => asExpected(result, f))), sorted(expected));
    } finally {
      fs.rmSync(path.join(root, 'tenet-discovery.yaml'));
    }
  });
});
