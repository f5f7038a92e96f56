// The benchmark must not rot: run the whole pipeline (generate, CLI vs peer vs floor, the editor over
// stdio, the report) at 50 policies with one repeat, the way `npm run bench` runs it. No timing
// assertions: only that it runs and the table has every row. Needs the build (npm test builds first).
//
// The bench runs as a subprocess (tsx bench/run.ts), not imported: bench/ is its own TypeScript
// project (bench/tsconfig.json), outside the test project's file list.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function tsx(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) out.set(rel.split(path.sep).join('/'), fs.readFileSync(abs, 'utf8'));
  }
  return out;
}

interface Manifest {
  policies: number;
  configs: Record<string, number>;
  shared: { file: string; readers: string[] };
}

describe('benchmark smoke', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-bench-smoke-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates the same workspace for the same seed, with one config read by the shared readers', async () => {
    const run = async (seed: number, out: string) => {
      const r = await tsx(['bench/generate.ts', '--policies', '60', '--seed', String(seed), '--out', path.join(dir, out)]);
      assert.equal(r.code, 0, r.stderr);
      return tree(path.join(dir, out));
    };
    const a = await run(7, 'a');
    const b = await run(7, 'b');
    const c = await run(8, 'c');
    assert.deepEqual([...a.entries()], [...b.entries()]);
    assert.notDeepEqual([...a.values()], [...c.values()]);

    const manifest = JSON.parse(a.get('.tenet-bench.json')!) as Manifest;
    assert.equal(manifest.policies, 60);
    assert.equal(manifest.shared.readers.length, 59);
    for (const reader of manifest.shared.readers) assert.ok(a.get(reader)!.includes(`file: ${manifest.shared.file}`), reader);
    const others = [...a.entries()].filter(([f, t]) => f.endsWith('.md') && !manifest.shared.readers.includes(f) && t.includes(manifest.shared.file));
    assert.deepEqual(others, []);
    assert.match(a.get('tenet.yaml')!, /^today: \d{4}-\d{2}-\d{2}$/m);
    for (const kind of ['terraform', 'yaml', 'json', 'csv', 'policy']) assert.ok((manifest.configs[kind] ?? 0) > 0, kind);
    assert.ok((manifest.configs.toml ?? 0) + (manifest.configs.ini ?? 0) + (manifest.configs.dotenv ?? 0) > 0);
  });

  it('runs the whole pipeline at 50 policies and reports every row', async () => {
    const results = path.join(dir, 'results');
    const r = await tsx([
      'bench/run.ts',
      ...['--sizes', '50', '--repeats', '1', '--reference', '50', '--editor-size', '50', '--edits', '6', '--shared-edits', '2', '--no-install-time'],
      ...['--workspaces', path.join(dir, 'workspaces'), '--results', results, '--out', path.join(dir, 'out')],
    ]);
    assert.equal(r.code, 0, r.stderr);
    const markdown = fs.readFileSync(path.join(results, 'latest.md'), 'utf8');
    assert.ok(r.stdout.includes(markdown.trim()), 'the table is printed');

    for (const row of [
      '`tenet lint --format json`',
      '`tenet lint --format json`, outside git',
      "`markdownlint-cli2 '**/*.md'` (peer)",
      'floor: read + parse once',
      'first complete diagnostics',
      'keystroke in `expect`',
      'keystroke in prose',
      'shared-config edit',
      'server CPU',
      'server RSS after indexing',
      'server RSS after the edits',
      '## Scaling',
      'CLI ≤ 0.5× peer',
      'CLI ≤ 2× floor',
      'one thread',
      'the CPU-bound work of one',
      'p95 keystroke',
      'server RSS ≤ 200 MB',
      '≤ 4.4× the time of',
    ]) {
      assert.ok(markdown.includes(row), `missing row: ${row}\n${markdown}`);
    }
    assert.ok(!markdown.includes('error:'), markdown);

    const json = JSON.parse(fs.readFileSync(path.join(results, 'latest.json'), 'utf8')) as {
      sizes: { tools: { tool: string; wallMs: { median: number }; rssMb: { median: number } }[]; tenet?: { requirements: number } }[];
      editor: { result?: { keystroke: { edits: number }; shared: { readers: number } }; error?: string }[];
      targets: { id: string }[];
    };
    assert.equal(json.sizes.length, 1);
    assert.deepEqual(json.sizes[0].tools.map((t) => t.tool), ['tenet', 'tenet-1t', 'tenet-nogit', 'peer', 'floor']);
    for (const t of json.sizes[0].tools) assert.ok(Number.isFinite(t.wallMs.median) && Number.isFinite(t.rssMb.median), t.tool);
    assert.ok((json.sizes[0].tenet?.requirements ?? 0) > 0);
    assert.equal(json.editor.length, 2);
    for (const e of json.editor) {
      assert.ok(e.result, e.error);
      assert.equal(e.result.keystroke.edits, 6);
      assert.equal(e.result.shared.readers, 49);
    }
    assert.ok(json.targets.length >= 10);
  });
});
