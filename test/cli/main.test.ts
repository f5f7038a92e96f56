import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main, sortFindings, wantsColor, type CliIo } from '../../server/src/cli/main';
import type { Finding } from '../../server/src/engine/types';
import { VERSION } from '../../server/src/version';
import { tempWorkspace } from '../helpers/tmp';

const POLICY = `---
policy: pw
title: pw policy
owner: "@acme/security"
review:
  every: annually
  last: 2026-06-01
controls: [CC6.1]
requirements:
  min-length:
    says: Passwords are at least 12 characters long.
    expect: ">= 14"
    in:
      - file: idp/okta.json
        at: $.minLength
---

# Policy
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; isTTY?: boolean }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: options.isTTY ?? false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Rule ids in a stylish report, in order. */
function rules(stylish: string): string[] {
  return [...stylish.matchAll(/ ([a-z-]+\/[a-z-]+)$/gm)].map((m) => m[1]);
}

describe('cli/main', () => {
  let tmp: string;
  let ws: string;

  before(() => {
    tmp = tempWorkspace('tenet-main-');
    ws = path.join(tmp, 'ws');
    fs.mkdirSync(path.join(ws, 'policies'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'idp'), { recursive: true });
    // One warning (the sentence says 12, the check says 14) and, after 2027-06-01, an overdue review.
    fs.writeFileSync(path.join(ws, 'tenet.yaml'), 'today: 2026-11-22\n');
    fs.writeFileSync(path.join(ws, 'policies/pw.md'), POLICY);
    fs.writeFileSync(path.join(ws, 'idp/okta.json'), '{\n  "minLength": 14\n}\n');
    fs.mkdirSync(path.join(tmp, 'elsewhere'));
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints help and the version', async () => {
    const help = await run(['--help'], { cwd: ws });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tenet <command> \[options\]\n/);
    assert.equal(help.stderr, '');
    assert.deepEqual(await run(['--version'], { cwd: ws }), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.match((await run(['lint', '-h'], { cwd: ws })).stdout, /^Usage: tenet lint /);
  });

  it('exits 2 on usage errors, with a hint', async () => {
    assert.deepEqual(await run(['lint', '--format', 'xml'], { cwd: ws }), {
      code: 2,
      stdout: '',
      stderr: 'tenet: --format must be one of stylish, json, sarif, junit, github, html; got "xml"\nRun "tenet --help" for usage.\n',
    });
    assert.deepEqual(await run([], { cwd: ws }), {
      code: 2,
      stdout: '',
      stderr: 'tenet: missing command (for example "tenet lint")\nRun "tenet --help" for usage.\n',
    });
  });

  it('exits 0 when there are only warnings, and prints them', async () => {
    const result = await run(['lint'], { cwd: ws });
    assert.equal(result.code, 0);
    assert.deepEqual(rules(result.stdout), ['requirement/statement-mismatch']);
    assert.match(result.stdout, /^\npolicies\/pw\.md\n {2}11:34 {2}warning {2}/);
    assert.equal(result.stderr, '');
  });

  it('exits 1 with ESLint\'s message when warnings exceed --max-warnings', async () => {
    const over = await run(['lint', '--max-warnings', '0'], { cwd: ws });
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'Tenet found too many warnings (maximum: 0).\n');
    const within = await run(['lint', '--max-warnings=1'], { cwd: ws });
    assert.equal(within.code, 0);
    assert.equal(within.stderr, '');
  });

  it('--quiet drops warnings before printing and counting', async () => {
    assert.deepEqual(await run(['lint', '--quiet', '--max-warnings', '0'], { cwd: ws }), { code: 0, stdout: '', stderr: '' });
  });

  it('takes today from --today, then TENET_TODAY, then tenet.yaml', async () => {
    const late = await run(['lint', '--today', '2028-01-01'], { cwd: ws });
    assert.equal(late.code, 1);
    assert.deepEqual(rules(late.stdout), ['review/overdue', 'requirement/statement-mismatch']);
    assert.equal((await run(['lint'], { cwd: ws, env: { TENET_TODAY: '2028-01-01' } })).code, 1);
    assert.equal((await run(['lint', '--today', '2026-11-22'], { cwd: ws, env: { TENET_TODAY: '2028-01-01' } })).code, 0);
    assert.deepEqual(await run(['lint'], { cwd: ws, env: { TENET_TODAY: '2028-02-30' } }), {
      code: 2,
      stdout: '',
      stderr: 'tenet: TENET_TODAY must be a real date as YYYY-MM-DD; got "2028-02-30"\nRun "tenet --help" for usage.\n',
    });
  });

  it('writes --output to a file (creating folders) instead of stdout', async () => {
    const out = path.join(tmp, 'reports/nested/tenet.json');
    const result = await run(['lint', '--format', 'json', '--output', out], { cwd: ws });
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
    const report: unknown = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.ok(typeof report === 'object' && report !== null && 'summary' in report);
    assert.deepEqual(report.summary, { policies: 1, requirements: 1, verified: 1, errors: 0, warnings: 1, infos: 0 });
  });

  it('reports an --output it cannot write as exit 2', async () => {
    fs.writeFileSync(path.join(tmp, 'a-file'), '');
    const result = await run(['lint', '--output', path.join(tmp, 'a-file/report.txt')], { cwd: ws });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^tenet: cannot write --output .*a-file\/report\.txt: /);
  });

  it('finds the workspace root from a path below it, or from the current folder', async () => {
    assert.deepEqual(rules((await run(['lint', 'policies/pw.md'], { cwd: ws })).stdout), ['requirement/statement-mismatch']);
    assert.deepEqual(rules((await run(['lint', 'ws/policies'], { cwd: tmp })).stdout), ['requirement/statement-mismatch']);
    // From inside idp/, `.` restricts the run to policies that read idp/ files: pw does.
    assert.deepEqual(rules((await run(['lint'], { cwd: path.join(ws, 'idp') })).stdout), ['requirement/statement-mismatch']);
  });

  it('uses --config\'s folder as the root', async () => {
    const result = await run(['lint', '--config', 'ws/tenet.yaml', 'ws'], { cwd: tmp });
    assert.deepEqual(rules(result.stdout), ['requirement/statement-mismatch']);
    // Without paths, the whole workspace, even when the current folder is outside it.
    assert.deepEqual(rules((await run(['lint', '--config', '../ws/tenet.yaml'], { cwd: path.join(tmp, 'elsewhere') })).stdout), [
      'requirement/statement-mismatch',
    ]);
    assert.deepEqual(await run(['lint', '--config', 'ws/nope.yaml'], { cwd: tmp }), {
      code: 2,
      stdout: '',
      stderr: 'tenet: --config ws/nope.yaml is not a file\nRun "tenet --help" for usage.\n',
    });
  });

  it('refuses paths that do not exist or lie outside the workspace', async () => {
    assert.deepEqual(await run(['lint', 'nope.md'], { cwd: ws }), {
      code: 2,
      stdout: '',
      stderr: 'tenet: nope.md does not exist\nRun "tenet --help" for usage.\n',
    });
    assert.deepEqual(await run(['lint', '.', '../elsewhere'], { cwd: ws }), {
      code: 2,
      stdout: '',
      stderr: `tenet: ../elsewhere is outside the workspace ${ws}\nRun "tenet --help" for usage.\n`,
    });
  });

  it('colors a terminal unless NO_COLOR; FORCE_COLOR decides when set', async () => {
    assert.match((await run(['lint'], { cwd: ws, isTTY: true })).stdout, /\u001b\[33mwarning\u001b\[39m/);
    assert.equal(wantsColor({}, true), true);
    assert.equal(wantsColor({}, false), false);
    assert.equal(wantsColor({ NO_COLOR: '1' }, true), false);
    assert.equal(wantsColor({ NO_COLOR: '' }, true), true);
    assert.equal(wantsColor({ FORCE_COLOR: '1' }, false), true);
    assert.equal(wantsColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
    assert.equal(wantsColor({ FORCE_COLOR: '0' }, true), false);
    assert.equal(wantsColor({ FORCE_COLOR: 'false' }, true), false);
    assert.equal(wantsColor({ FORCE_COLOR: '' }, false), true); // as Node itself reads it
  });

  it('sorts findings by file, position and rule, keeping ties in order', () => {
    const f = (file: string, start: number, rule: string, message = ''): Finding => ({ rule, severity: 'error', message, file, span: { start, end: start } });
    const sorted = sortFindings([f('b.md', 0, 'x/a'), f('a.md', 9, 'x/a'), f('a.md', 2, 'x/b', '1'), f('a.md', 2, 'x/a'), f('a.md', 2, 'x/b', '2')]);
    assert.deepEqual(
      sorted.map((x) => `${x.file}:${x.span.start}:${x.rule}${x.message}`),
      ['a.md:2:x/a', 'a.md:2:x/b1', 'a.md:2:x/b2', 'a.md:9:x/a', 'b.md:0:x/a'],
    );
  });

  describe('built binary', () => {
    const bin = path.resolve(__dirname, '../../dist/cli.js');

    before(function () {
      if (!fs.existsSync(bin)) this.skip(); // `npm test` builds first; a bare mocha run may not have
    });

    it('runs as a subprocess with the same exit codes', () => {
      const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
      assert.equal(version.status, 0);
      assert.match(version.stdout, /^\d+\.\d+\.\d+/);
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env.FORCE_COLOR;
      const over = spawnSync(process.execPath, [bin, 'lint', '--max-warnings', '0'], { cwd: ws, encoding: 'utf8', env });
      assert.equal(over.status, 1);
      assert.deepEqual(rules(over.stdout), ['requirement/statement-mismatch']);
      assert.equal(over.stderr, 'Tenet found too many warnings (maximum: 0).\n');
      const usage = spawnSync(process.execPath, [bin, 'lint', '--today', 'soon'], { cwd: ws, encoding: 'utf8' });
      assert.equal(usage.status, 2);
    });
  });
});
