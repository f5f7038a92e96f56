// Baselines: `tenet baseline` records findings by fingerprint; `tenet lint --baseline FILE`
// reports only the others and names the recorded findings that no longer occur.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from '../../server/src/cli/args';
import { applyBaseline, createBaseline, parseBaseline, serializeBaseline } from '../../server/src/cli/baseline';
import { FINGERPRINT_VERSION, fingerprint, fingerprintAll, stableMessage } from '../../server/src/engine/fingerprint';
import type { Finding } from '../../server/src/engine/types';
import { BIN, policy, run, runBin, tempDir, writeFiles } from './support';

const base: Finding = {
  rule: 'requirement/drift',
  severity: 'error',
  message: 'min is 8; policy alpha › req expects >= 12',
  file: 'conf/a.json',
  span: { start: 10, end: 11 },
  policy: 'alpha',
  requirement: 'req',
};

describe('engine/fingerprint', () => {
  it('hashes rule, file, policy, requirement and message, not the position', () => {
    const fp = fingerprint(base);
    assert.match(fp, /^[0-9a-f]{64}$/);
    assert.equal(fingerprint({ ...base, span: { start: 500, end: 501 } } as Finding), fp);
    assert.equal(fingerprint({ ...base, severity: 'warning' } as Finding), fp);
    for (const change of [{ rule: 'requirement/conflict' }, { file: 'conf/b.json' }, { policy: 'beta' }, { requirement: 'other' }, { message: 'min is 9' }, { policy: undefined }, { requirement: undefined }]) {
      assert.notEqual(fingerprint({ ...base, ...change }), fp, JSON.stringify(change));
    }
    // Pinned: changing what is hashed must be a deliberate FINGERPRINT_VERSION bump, as it reopens every alert.
    assert.equal(FINGERPRINT_VERSION, 'tenet/v1');
    // sha256('["tenet/v1","a/b","f",null,null,"m"]#0')
    assert.equal(fingerprint({ rule: 'a/b', file: 'f', message: 'm' }), '17baf91398324872191c431a83629a7c70b2355e1c09fdf0fa0735fbeea7e8f7');
  });

  it('keeps parts apart: no two splits of the same text collide', () => {
    assert.notEqual(fingerprint({ rule: 'a', file: 'b c', message: 'd' }), fingerprint({ rule: 'a', file: 'b', message: 'c d' }));
    assert.notEqual(fingerprint({ rule: 'a', file: 'b', policy: '', message: 'd' }), fingerprint({ rule: 'a', file: 'b', message: 'd' }));
  });

  it('masks what moves with the calendar alone', () => {
    assert.equal(stableMessage('due 2026-06-30 (145 days ago)'), 'due 2026-06-30 (… ago)');
    assert.equal(stableMessage('(1 day ago) and (today is 2026-11-22)'), '(… ago) and (today is …)');
    const overdue = (days: number) => ({ ...base, rule: 'review/overdue', message: `next review was due 2026-06-30 (${days} days ago)` });
    assert.equal(fingerprint(overdue(145)), fingerprint(overdue(146)));
    assert.notEqual(fingerprint({ ...base, message: 'due 2026-06-30' }), fingerprint({ ...base, message: 'due 2026-07-30' }));
  });

  it('counts identical findings in order, so duplicates differ', () => {
    const other = { ...base, message: 'other' };
    const fps = fingerprintAll([base, other, base, base]);
    assert.deepEqual(fps, [fingerprint(base, 0), fingerprint(other, 0), fingerprint(base, 1), fingerprint(base, 2)]);
    assert.equal(new Set(fps).size, 4);
  });
});

describe('cli/baseline', () => {
  it('parses the baseline command and lint --baseline', () => {
    assert.deepEqual(parseArgs(['baseline']), { command: 'baseline', paths: [] });
    assert.deepEqual(parseArgs(['baseline', 'policies', '--output', 'b.json', '--today', '2026-11-22', '-c', 'x/tenet.yaml']), {
      command: 'baseline',
      paths: ['policies'],
      output: 'b.json',
      today: '2026-11-22',
      config: 'x/tenet.yaml',
    });
    assert.equal((parseArgs(['lint', '--baseline', 'b.json']) as { baseline?: string }).baseline, 'b.json');
    assert.throws(() => parseArgs(['lint', '--baseline']), { message: '--baseline needs a value (FILE)' });
    assert.throws(() => parseArgs(['baseline', '--format', 'json']), { message: 'unknown option --format for "tenet baseline"' });
  });

  it('sorts entries by file, rule, message and fingerprint, without positions', () => {
    const findings: Finding[] = [
      { ...base, file: 'z.json' },
      { ...base, rule: 'owner/missing', message: 'b' },
      { ...base, rule: 'owner/missing', message: 'a' },
    ];
    const baseline = createBaseline(findings, fingerprintAll(findings));
    assert.deepEqual(Object.keys(baseline), ['version', 'tool', 'findings']);
    assert.deepEqual(baseline.findings.map((e) => [e.file, e.rule, e.message]), [
      ['conf/a.json', 'owner/missing', 'a'],
      ['conf/a.json', 'owner/missing', 'b'],
      ['z.json', 'requirement/drift', base.message],
    ]);
    assert.deepEqual(Object.keys(baseline.findings[0]), ['fingerprint', 'rule', 'file', 'message']);
    assert.deepEqual(parseBaseline(serializeBaseline(baseline)), baseline.findings);
  });

  it('refuses files that are not baselines, saying why', () => {
    const entry = { fingerprint: 'a'.repeat(64), rule: 'r/x', file: 'f', message: 'm' };
    const bad: [string, string][] = [
      ['{', 'it is not valid JSON'],
      ['[]', 'it is not a JSON object'],
      ['{"version":1,"findings":[]}', '"tool" must be "tenet"'],
      ['{"version":2,"tool":"tenet","findings":[]}', '"version" is 2; this tenet reads version 1'],
      ['{"version":1,"tool":"tenet"}', '"findings" must be an array'],
      [JSON.stringify({ version: 1, tool: 'tenet', findings: [entry, { ...entry, fingerprint: 'xyz' }] }), 'findings[1].fingerprint must be 64 lowercase hex digits'],
      [JSON.stringify({ version: 1, tool: 'tenet', findings: [{ ...entry, rule: 3 }] }), 'findings[0].rule must be a string'],
      [JSON.stringify({ version: 1, tool: 'tenet', findings: [7] }), 'findings[0] is not an object'],
    ];
    for (const [text, reason] of bad) assert.throws(() => parseBaseline(text), (e: Error) => e.message.startsWith(reason), text);
    assert.deepEqual(parseBaseline(`\uFEFF${JSON.stringify({ version: 1, tool: 'tenet', findings: [entry] })}`), [entry]);
  });

  it('splits findings into new and recorded, and finds stale entries', () => {
    const a = { ...base };
    const b = { ...base, message: 'b' };
    const fps = new Map([
      [a, fingerprint(a)],
      [b, fingerprint(b)],
    ]);
    const gone = { fingerprint: 'f'.repeat(64), rule: 'r/x', file: 'f', message: 'gone' };
    const match = applyBaseline([a, b], fps, [{ fingerprint: fingerprint(a), rule: a.rule, file: a.file, message: a.message }, gone, gone]);
    assert.deepEqual(match, { kept: [b], suppressed: 1, stale: [gone] });
  });

  describe('round trip through main()', () => {
    let tmp: string;
    let ws: string;
    const A_BAD = '{\n  "min": 8\n}\n';

    beforeEach(() => {
      tmp = tempDir('tenet-baseline-');
      ws = writeFiles(path.join(tmp, 'ws'), {
        'tenet.yaml': 'today: 2026-11-22\n',
        'policies/alpha.md': policy('alpha', { file: 'conf/a.json', at: '$.min', expect: '>= 12' }),
        'policies/beta.md': policy('beta', { file: 'conf/b.json', at: '$.max', expect: '<= 5', last: '2025-01-15' }),
        'conf/a.json': A_BAD,
        'conf/b.json': '{\n  "max": 5\n}\n',
      });
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('writes the baseline, then lint with it reports nothing and exits 0', async () => {
      const before = await run(['lint', '--format', 'json'], { cwd: ws });
      assert.equal(before.code, 1);
      const findings = JSON.parse(before.stdout).findings as { rule: string; file: string; message: string }[];
      assert.deepEqual(findings.map((f) => f.rule), ['requirement/drift', 'review/overdue']);

      const written = await run(['baseline'], { cwd: ws });
      assert.deepEqual(written, { code: 0, stdout: 'Wrote 2 findings to tenet-baseline.json\n', stderr: '' });
      const file = JSON.parse(fs.readFileSync(path.join(ws, 'tenet-baseline.json'), 'utf8'));
      assert.deepEqual(file, {
        version: 1,
        tool: 'tenet',
        findings: [
          { fingerprint: file.findings[0].fingerprint, rule: 'requirement/drift', file: 'conf/a.json', message: 'min is 8; policy alpha › req expects >= 12' },
          { fingerprint: file.findings[1].fingerprint, rule: 'review/overdue', file: 'policies/beta.md', message: findings[1].message },
        ],
      });
      assert.equal(file.findings[0].fingerprint, fingerprint({ rule: 'requirement/drift', file: 'conf/a.json', policy: 'alpha', requirement: 'req', message: 'min is 8; policy alpha › req expects >= 12' }));

      assert.deepEqual(await run(['lint', '--baseline', 'tenet-baseline.json'], { cwd: ws }), { code: 0, stdout: '', stderr: '' });
      // Also from elsewhere, with the file relative to there, and a day later (the overdue count moved).
      assert.deepEqual(await run(['lint', 'ws', '--baseline', 'ws/tenet-baseline.json', '--today', '2026-11-23'], { cwd: tmp }), { code: 0, stdout: '', stderr: '' });
      // Moving the drift down a line keeps it recorded.
      fs.writeFileSync(path.join(ws, 'conf/a.json'), `\n\n${A_BAD}`);
      assert.deepEqual(await run(['lint', '--baseline', 'tenet-baseline.json'], { cwd: ws }), { code: 0, stdout: '', stderr: '' });

      const json = JSON.parse((await run(['lint', '--baseline', 'tenet-baseline.json', '--format', 'json'], { cwd: ws })).stdout);
      assert.deepEqual(Object.keys(json), ['tool', 'summary', 'requirements', 'findings', 'baseline']);
      assert.deepEqual(json.findings, []);
      assert.deepEqual(json.baseline, { file: 'tenet-baseline.json', suppressed: 2, stale: [] });
      assert.deepEqual({ errors: json.summary.errors, warnings: json.summary.warnings }, { errors: 0, warnings: 0 });
    });

    it('reports only a new finding after a config changes', async () => {
      await run(['baseline'], { cwd: ws });
      fs.writeFileSync(path.join(ws, 'conf/b.json'), '{\n  "max": 9\n}\n');
      const after = await run(['lint', '--baseline', 'tenet-baseline.json'], { cwd: ws });
      assert.deepEqual(after, {
        code: 1,
        stdout: '\nconf/b.json\n  2:10  error  max is 9; policy beta › req expects <= 5  requirement/drift\n\n✖ 1 problem (1 error, 0 warnings, 0 infos)\n',
        stderr: '',
      });
      // A new value for a recorded drift is a new finding too: the baseline accepted 8, not anything below 12.
      fs.writeFileSync(path.join(ws, 'conf/a.json'), '{\n  "min": 6\n}\n');
      const json = JSON.parse((await run(['lint', '--baseline', 'tenet-baseline.json', '--format', 'json'], { cwd: ws })).stdout);
      assert.deepEqual(json.findings.map((f: { message: string }) => f.message), ['min is 6; policy alpha › req expects >= 12', 'max is 9; policy beta › req expects <= 5']);
      assert.equal(json.baseline.suppressed, 1);
      assert.deepEqual(json.baseline.stale.map((e: { message: string }) => e.message), ['min is 8; policy alpha › req expects >= 12']);
    });

    it('names recorded findings that no longer occur, so the baseline shrinks', async () => {
      await run(['baseline'], { cwd: ws });
      const recorded = JSON.parse(fs.readFileSync(path.join(ws, 'tenet-baseline.json'), 'utf8'));
      fs.writeFileSync(path.join(ws, 'conf/a.json'), '{\n  "min": 12\n}\n');

      const stylish = await run(['lint', '--baseline', 'tenet-baseline.json'], { cwd: ws });
      assert.deepEqual(stylish, { code: 0, stdout: '', stderr: '1 finding in the baseline no longer occurs: remove it with "tenet baseline"\n' });
      const json = await run(['lint', '--baseline', 'tenet-baseline.json', '--format', 'json'], { cwd: ws });
      assert.equal(json.code, 0);
      assert.equal(json.stderr, '');
      assert.deepEqual(JSON.parse(json.stdout).baseline, { file: 'tenet-baseline.json', suppressed: 1, stale: [recorded.findings[0]] });

      // Fix the other too: both are stale (plural wording); a run narrowed to one policy cannot tell.
      fs.writeFileSync(path.join(ws, 'policies/beta.md'), policy('beta', { file: 'conf/b.json', at: '$.max', expect: '<= 5', last: '2026-01-15' }));
      assert.equal((await run(['lint', '--baseline', 'tenet-baseline.json'], { cwd: ws })).stderr, '2 findings in the baseline no longer occur: remove them with "tenet baseline"\n');
      assert.deepEqual(await run(['lint', 'policies/alpha.md', '--baseline', 'tenet-baseline.json'], { cwd: ws }), { code: 0, stdout: '', stderr: '' });

      // Rewriting the baseline empties it.
      assert.equal((await run(['baseline'], { cwd: ws })).stdout, 'Wrote 0 findings to tenet-baseline.json\n');
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(ws, 'tenet-baseline.json'), 'utf8')), { version: 1, tool: 'tenet', findings: [] });
      assert.deepEqual(await run(['lint', '--baseline', 'tenet-baseline.json'], { cwd: ws }), { code: 0, stdout: '', stderr: '' });
    });

    it('computes the exit code on what is reported, with --quiet and --max-warnings', async () => {
      await run(['baseline', '--output', 'ci/base.json'], { cwd: ws });
      assert.ok(fs.existsSync(path.join(ws, 'ci/base.json')));
      // A warning appears (says 10, expects 12); --max-warnings 0 counts it, --quiet drops it.
      fs.writeFileSync(path.join(ws, 'policies/alpha.md'), policy('alpha', { file: 'conf/a.json', at: '$.min', expect: '>= 12', says: 'At least 10 characters.' }));
      const strict = await run(['lint', '--baseline', 'ci/base.json', '--max-warnings', '0', '--format', 'json'], { cwd: ws });
      assert.equal(strict.code, 1);
      assert.deepEqual(JSON.parse(strict.stdout).findings.map((f: { rule: string }) => f.rule), ['requirement/statement-mismatch']);
      assert.equal((await run(['lint', '--baseline', 'ci/base.json', '--max-warnings', '0', '--quiet'], { cwd: ws })).code, 0);
    });

    it('refuses a missing or invalid baseline with exit 2', async () => {
      assert.deepEqual(await run(['lint', '--baseline', 'nope.json'], { cwd: ws }), {
        code: 2,
        stdout: '',
        stderr: 'tenet: --baseline nope.json does not exist (create it with "tenet baseline")\nRun "tenet --help" for usage.\n',
      });
      fs.writeFileSync(path.join(ws, 'broken.json'), '{"version": 1, "tool": "tenet", "findings": {}}');
      assert.deepEqual(await run(['lint', '--baseline', 'broken.json'], { cwd: ws }), {
        code: 2,
        stdout: '',
        stderr: 'tenet: --baseline broken.json is not a tenet baseline: "findings" must be an array\nRun "tenet --help" for usage.\n',
      });
      const dir = await run(['lint', '--baseline', 'conf'], { cwd: ws });
      assert.equal(dir.code, 2);
      assert.match(dir.stderr, /^tenet: --baseline conf cannot be read: /);
    });

    it('reports a baseline it cannot write as exit 2', async () => {
      fs.writeFileSync(path.join(tmp, 'a-file'), '');
      const result = await run(['baseline', '--output', path.join(tmp, 'a-file', 'b.json')], { cwd: ws });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^tenet: cannot write --output .*a-file\/b\.json: /);
    });
  });

  describe('built binary', () => {
    let tmp: string;
    before(function () {
      if (!fs.existsSync(BIN)) this.skip(); // `npm test` builds first; a bare mocha run may not have
      tmp = tempDir('tenet-baseline-bin-');
    });
    after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

    it('baselines samples/soc2, after which lint reports nothing', function () {
      this.timeout(20_000);
      const out = path.join(tmp, 'soc2-baseline.json');
      const written = runBin(['baseline', 'samples/soc2', '--output', out]);
      assert.equal(written.code, 0, written.stderr);
      const findings = JSON.parse(runBin(['lint', 'samples/soc2', '--format', 'json']).stdout).findings;
      assert.equal(written.stdout, `Wrote ${findings.length} findings to ${out}\n`);
      const baseline = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(baseline.findings.length, findings.length);
      assert.deepEqual(runBin(['lint', 'samples/soc2', '--baseline', out]), { code: 0, stdout: '', stderr: '' });
      const json = JSON.parse(runBin(['lint', 'samples/soc2', '--baseline', out, '--format', 'json']).stdout);
      assert.deepEqual(json.baseline, { file: out, suppressed: findings.length, stale: [] });
    });
  });
});
