// A large run on worker threads (server/src/cli/parallel.ts): how policies are shared out, how many
// threads, what a failing worker does, and — through the built CLI — that the output is byte for byte
// the single-threaded output.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkInWorkers, namedFiles, partition, threadCount } from '../../server/src/cli/parallel';
import { LintSession } from '../../server/src/engine/lint';
import { NodeFs } from '../../server/src/host/node-fs';
import { tempWorkspace } from '../helpers/tmp';
import { REPO, runBin, writeFiles } from './support';

describe('cli: worker threads', () => {
  describe('partition', () => {
    it('keeps policies that read the same files together, in shares of equal size', () => {
      const names = new Map([
        ['a1.md', ['svc-a/app.json', 'svc-a/k8s.yaml']],
        ['b1.md', ['svc-b/app.json']],
        ['a2.md', ['svc-a/k8s.yaml']],
        ['b2.md', ['svc-b/app.json', 'svc-b/.env']],
      ]);
      assert.deepEqual(partition(names, 2), [['a1.md', 'a2.md'], ['b1.md', 'b2.md']]);
    });

    it('counts Terraform files by module folder', () => {
      const names = new Map([
        ['a.md', ['infra/x/main.tf']],
        ['c.md', ['infra/y/main.tf']],
        ['b.md', ['infra/x/variables.tf']],
        ['d.md', ['infra/y/terraform.tfvars']],
      ]);
      assert.deepEqual(partition(names, 2), [['a.md', 'b.md'], ['c.md', 'd.md']]);
    });

    it('ignores files nearly every policy reads, and never overfills a share', () => {
      // Every policy reads hub.json (a hub at any size): grouping by it would put all in one share.
      const names = new Map(Array.from({ length: 20 }, (_, i) => [`p${String(i).padStart(2, '0')}.md`, ['hub.json', `svc-${i % 4}.json`]]));
      const shares = partition(names, 4);
      assert.deepEqual(shares.map((s) => s.length), [5, 5, 5, 5]);
      for (const share of shares) assert.equal(new Set(share.map((p) => names.get(p)![1])).size, 1, share.join(' '));
      assert.deepEqual(shares.flat().sort(), [...names.keys()].sort());
    });

    it('gives every thread a share even when all policies read one file', () => {
      const names = new Map(['a.md', 'b.md', 'c.md'].map((p) => [p, ['one.json']]));
      assert.deepEqual(partition(names, 3), [['a.md'], ['b.md'], ['c.md']]);
    });
  });

  describe('namedFiles', () => {
    it('finds the file: values of the front matter, quoted or not, once each', () => {
      const text = [
        '---',
        'policy: p',
        'requirements:',
        '  a:',
        '    in:',
        '      - file: infra/main.tf',
        '        at: $.x',
        '      - file: "k8s/app.yaml"   # the manifest',
        "      - file: 'infra/main.tf'",
        '    evidence:',
        '      file: evidence/reviews.csv',
        '---',
        'file: not/front-matter.json',
      ].join('\n');
      assert.deepEqual(namedFiles(text), ['infra/main.tf', 'k8s/app.yaml', 'evidence/reviews.csv']);
    });

    it('reads a hostile line in one pass', () => {
      // A lazy value followed by optional spaces backtracked quadratically on this line.
      const value = `a${' '.repeat(200_000)}x`;
      assert.deepEqual(namedFiles(`---\npolicy: p\nfile: ${value}\n---\n`), [value]);
    });

    it('finds nothing in a document without closed front matter', () => {
      assert.deepEqual(namedFiles('# file: a.json\n'), []);
      assert.deepEqual(namedFiles('---\nfile: a.json\n'), []);
    });
  });

  describe('threadCount', () => {
    it('auto uses all cores but one (at most 8) from 200 policies, one thread below', () => {
      assert.equal(threadCount('auto', 199, 4), 1);
      assert.equal(threadCount('auto', 200, 4), 3);
      assert.equal(threadCount(undefined, 5000, 16), 8);
      assert.equal(threadCount('auto', 1000, 2), 1);
      assert.equal(threadCount('auto', 1000, 1), 1);
    });

    it('a number is taken as asked, but never more threads than policies; off is one', () => {
      assert.equal(threadCount(3, 10, 2), 3);
      assert.equal(threadCount(6, 4, 2), 4);
      assert.equal(threadCount(2, 0, 2), 1);
      assert.equal(threadCount('off', 5000, 8), 1);
    });
  });

  describe('a worker that fails', () => {
    const root = writeFiles(tempWorkspace('tenet-worker-ws-'), { 'a.md': '# a\n', 'b.md': '# b\n', 'c.md': '# c\n' });
    const setup = { root, configFile: 'tenet.yaml', policyFiles: ['a.md', 'b.md', 'c.md'] };
    const here = () => new LintSession({ fs: new NodeFs(root), root, policyFiles: setup.policyFiles });
    const names = new Map(setup.policyFiles.map((f) => [f, []]));
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-worker-'))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const script = (name: string, code: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `const { parentPort } = require('node:worker_threads');\n${code}\n`);
      return file;
    };

    it('rejects the run with the error the worker reports', async () => {
      const file = script('fails.js', `parentPort.on('message', () => parentPort.postMessage({ kind: 'failed', error: 'disk on fire' }));`);
      await assert.rejects(checkInWorkers(file, setup, 3, here(), names), { message: 'a lint worker failed: disk on fire' });
    });

    it('rejects the run when a worker exits before answering', async () => {
      const file = script('exits.js', `parentPort.on('message', () => process.exit(3));`);
      await assert.rejects(checkInWorkers(file, setup, 2, here(), names), { message: 'a lint worker stopped (exit code 3) before its work was done' });
    });

    it('rejects the run when a worker throws while starting', async () => {
      const file = script('throws.js', `throw new Error('no parser');`);
      await assert.rejects(checkInWorkers(file, setup, 2, here(), names), { message: 'no parser' });
    });
  });

  describe('the built CLI', function () {
    this.timeout(120_000);

    const same = (args: string[], cwd?: string) => {
      const single = runBin([...args, '--concurrency', 'off'], { cwd });
      const threaded = runBin([...args, '--concurrency', '3'], { cwd });
      assert.equal(threaded.stderr, single.stderr);
      assert.equal(threaded.code, single.code);
      assert.equal(threaded.stdout, single.stdout);
      return single;
    };

    it('prints exactly the single-threaded output on the samples (json, sarif, stylish)', () => {
      for (const format of ['json', 'sarif', 'stylish']) {
        const run = same(['lint', 'samples/soc2', '--format', format]);
        assert.equal(run.code, 1, run.stderr);
      }
    });

    it('prints exactly the single-threaded output on a generated workspace in git, whole or narrowed to a path', () => {
      const root = tempWorkspace('tenet-threads-');
      const generated = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/generate.ts', '--policies', '60', '--out', path.join(root, 'ws')], { cwd: REPO, encoding: 'utf8' });
      assert.equal(generated.status, 0, generated.stderr);
      const run = same(['lint', 'ws', '--format', 'json'], root);
      assert.equal(run.code, 1, run.stderr);
      assert.ok(JSON.parse(run.stdout).summary.policies >= 60);
      same(['lint', 'ws/policies/encryption', '--format', 'json'], root);
      // A config under another name reaches the workers too.
      fs.copyFileSync(path.join(root, 'ws', 'tenet.yaml'), path.join(root, 'ws', 'custom.yaml'));
      fs.rmSync(path.join(root, 'ws', 'tenet.yaml'));
      const custom = same(['lint', 'ws', '--config', 'ws/custom.yaml', '--format', 'json'], root);
      assert.equal(custom.stdout, run.stdout);
    });

    it('reports a duplicate id across threads as one thread would', () => {
      const policy = (id: string) => `---\npolicy: ${id}\ntitle: T\nowner: "@acme/security"\nreview:\n  every: annually\n  last: 2026-06-01\ncontrols: [CC6.1]\n---\n# T\n`;
      const root = writeFiles(tempWorkspace('tenet-threads-'), { 'a.md': policy('same'), 'b.md': policy('other'), 'c.md': policy('third'), 'd.md': policy('same') });
      const run = same(['lint', '.', '--format', 'json', '--today', '2026-11-22'], root);
      const findings: { rule: string; file: string; message: string }[] = JSON.parse(run.stdout).findings;
      assert.deepEqual(findings.filter((f) => f.rule === 'policy/duplicate-id').map((f) => `${f.file}: ${f.message}`), ['a.md: policy id "same" is also used by d.md', 'd.md: policy id "same" is also used by a.md']);
    });
  });
});
