// The benchmark: `npm run bench` (builds first), or `tsx bench/run.ts [options]`.
//
// Generates (or reuses) workspaces of 250 / 1,000 / 4,000 policies, then in one run, side by side:
//   a. `tenet lint --format json`, a cold process: wall time, CPU time, peak RSS — in place (the
//      workspaces live in this repository, so Tenet's backdating check runs `git blame` on every
//      policy and evidence file, as in any policy repository) and on a copy outside git;
//   b. the peer, `markdownlint-cli2 '**/*.md'`, over the same policy files;
//   c. the floor, bench/floor.ts bundled like dist/cli.js: read and parse everything once;
//   d. the editor: dist/server.js over stdio (bench/editor.ts);
//   e. scaling across the sizes.
// Prints a Markdown table and writes bench/results/latest.md and latest.json.
//
// Options: --sizes 250,1000,4000  --repeats N (default 5, and 3 at 4,000+ policies)  --seed 1
//          --reference 1000 (size the CLI targets use)  --editor-size 1000  --edits 200
//          --shared-edits 10  --workspaces DIR  --results DIR  --out DIR (build outputs)  --no-editor
//          --no-outside-git  --no-install-time (do not apt-get install GNU time when missing)

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { editorBench } from './editor';
import { ensureWorkspace, GENERATOR_VERSION, type Manifest } from './generate';
import { cleanupScratch, ensureGnuTime, machine, parallelThroughput, runNode, stats, type Measured, type RssMethod } from './measure';
import { evaluateTargets, renderMarkdown, TOOL_LABELS, type EditorRun, type Results, type SizeResult, type ToolId, type ToolResult } from './report';

export const REPO = path.resolve(__dirname, '..');

export interface BenchOptions {
  sizes: number[];
  /** Runs per size; default 5, and 3 from 4,000 policies. */
  repeats?: number;
  seed: number;
  referenceSize: number;
  editorSize: number;
  edits: number;
  sharedEdits: number;
  workspaces: string;
  /** Where latest.md / latest.json go; undefined writes nothing. */
  results?: string;
  /** Build outputs of the bench (the floor bundle, a snapshot of dist/). */
  outDir: string;
  editor: boolean;
  outsideGit: boolean;
  installTime: boolean;
  log: (line: string) => void;
}

export function defaultOptions(): BenchOptions {
  return {
    sizes: [250, 1000, 4000],
    seed: 1,
    referenceSize: 1000,
    editorSize: 1000,
    edits: 200,
    sharedEdits: 10,
    workspaces: path.join(REPO, 'bench', 'workspaces'),
    results: path.join(REPO, 'bench', 'results'),
    outDir: path.join(REPO, 'bench', '.out'),
    editor: true,
    outsideGit: true,
    installTime: true,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

export function repeatsFor(options: Pick<BenchOptions, 'repeats'>, policies: number): number {
  return options.repeats ?? (policies >= 4000 ? 3 : 5);
}

/** Copies the built CLI and server (and what they load beside them) so a rebuild mid-run changes nothing. */
function snapshotBuild(outDir: string): { cli: string; server: string; hashes: { cli: string; server: string } } {
  const dist = path.join(REPO, 'dist');
  for (const f of ['cli.js', 'server.js']) {
    if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run "node build.mjs" first (npm run bench does)`);
  }
  const target = path.join(outDir, 'tenet');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.join(target, 'dist'), { recursive: true });
  for (const f of fs.readdirSync(dist)) if (/\.(js|js\.map|wasm)$/.test(f)) fs.copyFileSync(path.join(dist, f), path.join(target, 'dist', f));
  const docs = path.join(REPO, 'docs', 'rules');
  if (fs.existsSync(docs)) fs.cpSync(docs, path.join(target, 'docs', 'rules'), { recursive: true });
  const hash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex').slice(0, 12);
  const cli = path.join(target, 'dist', 'cli.js');
  const server = path.join(target, 'dist', 'server.js');
  return { cli, server, hashes: { cli: hash(cli), server: hash(server) } };
}

/** bench/floor.ts → <outDir>/floor.js, bundled with the options build.mjs uses for dist/cli.js. */
async function buildFloor(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'floor.js');
  await esbuild.build({
    absWorkingDir: REPO,
    entryPoints: [path.join(REPO, 'bench', 'floor.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  for (const f of fs.readdirSync(path.join(REPO, 'dist'))) if (f.endsWith('.wasm')) fs.copyFileSync(path.join(REPO, 'dist', f), path.join(outDir, f));
  return outfile;
}

function peerBin(): string {
  const dir = path.join(REPO, 'node_modules', 'markdownlint-cli2');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['markdownlint-cli2'];
  if (!bin) throw new Error('markdownlint-cli2 has no bin: run npm install');
  return path.join(dir, bin);
}

/** A copy of the workspace outside any git repository. */
function outsideGitCopy(workspace: string, name: string): string {
  const target = path.join(fs.realpathSync(os.tmpdir()), `tenet-bench-${name}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(workspace, target, { recursive: true });
  for (let dir = target; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) throw new Error(`${target} is inside a git repository (${dir}); set TMPDIR to a folder outside git`);
    if (path.dirname(dir) === dir) break;
  }
  return target;
}

const round = (n: number, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

export async function runBench(options: BenchOptions): Promise<{ results: Results; markdown: string }> {
  const log = options.log;
  const sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
  const info = machine();
  info.parallelThroughput = await parallelThroughput();
  log(`parallel throughput: ${info.cores} threads do ${info.parallelThroughput}× the CPU-bound work of one`);
  const method: RssMethod = ensureGnuTime(options.installTime, log);
  info.rssMethod = method;
  fs.mkdirSync(options.outDir, { recursive: true });
  const build = snapshotBuild(options.outDir);
  const floor = await buildFloor(options.outDir);
  const peer = peerBin();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-bench-out-'));
  const copies: string[] = [];

  try {
    // Workspaces, cached by seed and size.
    const workspaces = new Map<number, { dir: string; manifest: Manifest }>();
    for (const n of [...new Set([...sizes, ...(options.editor ? [options.editorSize] : [])])]) {
      const dir = path.join(options.workspaces, `n${n}-s${options.seed}`);
      const started = performance.now();
      const { manifest, cached } = ensureWorkspace(dir, n, options.seed);
      log(`workspace ${dir}: ${cached ? 'cached' : `generated in ${Math.round(performance.now() - started)} ms`} (${manifest.files} files, ${(manifest.bytes / 1048576).toFixed(1)} MiB)`);
      workspaces.set(n, { dir: fs.realpathSync(dir), manifest });
    }

    const sizeResults: SizeResult[] = [];
    for (const n of sizes) {
      const { dir, manifest } = workspaces.get(n)!;
      const repeats = repeatsFor(options, n);
      const places: Partial<Record<ToolId, string>> = { tenet: dir, 'tenet-1t': dir, peer: dir, floor: dir };
      if (options.outsideGit) {
        places['tenet-nogit'] = outsideGitCopy(dir, `n${n}-s${options.seed}`);
        copies.push(places['tenet-nogit']);
      }
      const order: ToolId[] = (['tenet', 'tenet-1t', 'tenet-nogit', 'peer', 'floor'] as ToolId[]).filter((t) => places[t] !== undefined);
      const run = (id: ToolId, stdoutFile: string): Promise<Measured> => {
        const cwd = places[id]!;
        switch (id) {
          case 'tenet':
          case 'tenet-nogit':
            return runNode(method, build.cli, ['lint', '.', '--format', 'json'], cwd, stdoutFile);
          case 'tenet-1t':
            return runNode(method, build.cli, ['lint', '.', '--format', 'json', '--concurrency', 'off'], cwd, stdoutFile);
          case 'peer':
            return runNode(method, peer, ['**/*.md'], cwd, stdoutFile);
          case 'floor':
            return runNode(method, floor, ['.'], cwd, stdoutFile);
        }
      };
      // Warm the page cache for everyone: the floor reads every file.
      for (const place of new Set(Object.values(places))) await runNode(method, floor, ['.'], place!);

      const measured = new Map<ToolId, Measured[]>(order.map((t) => [t, []]));
      let check: SizeResult['tenet'];
      for (let r = 0; r < repeats; r++) {
        for (const id of order) {
          const stdoutFile = path.join(scratch, `${id}.out`);
          const m = await run(id, stdoutFile);
          if (id.startsWith('tenet') && m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`tenet exited with ${m.exitCode} on ${places[id]}`);
          if (id === 'floor' && m.exitCode !== 0) throw new Error(`the floor exited with ${m.exitCode} on ${places[id]}`);
          if (id === 'tenet' && r === 0) {
            const report = JSON.parse(fs.readFileSync(stdoutFile, 'utf8')) as { requirements: { status: string }[]; findings: unknown[] };
            check = {
              requirements: report.requirements.length,
              drift: report.requirements.filter((q) => q.status === 'drift').length,
              excepted: report.requirements.filter((q) => q.status === 'excepted').length,
              findings: report.findings.length,
            };
          }
          measured.get(id)!.push(m);
          log(`  ${n} policies, run ${r + 1}/${repeats}: ${TOOL_LABELS[id].replace(/`/g, '')}: ${Math.round(m.wallMs)} ms wall, ${Math.round(m.cpuMs)} ms CPU, ${(m.peakRssKb / 1024).toFixed(0)} MB peak RSS`);
        }
      }
      const tools: ToolResult[] = order.map((id) => {
        const ms = measured.get(id)!;
        return {
          tool: id,
          wallMs: stats(ms.map((m) => round(m.wallMs))),
          cpuMs: stats(ms.map((m) => round(m.cpuMs))),
          rssMb: stats(ms.map((m) => round(m.peakRssKb / 1024))),
          exitCodes: ms.map((m) => m.exitCode),
        };
      });
      sizeResults.push({ policies: n, files: manifest.files, mib: round(manifest.bytes / 1048576), requirements: manifest.requirements, repeats, tenet: check, tools });
    }

    const editor: EditorRun[] = [];
    if (options.editor) {
      const { dir, manifest } = workspaces.get(options.editorSize)!;
      const modes: EditorRun['mode'][] = options.outsideGit ? ['git', 'nogit'] : ['git'];
      for (const mode of modes) {
        let workspace = dir;
        if (mode === 'nogit') {
          workspace = outsideGitCopy(dir, `editor-n${options.editorSize}-s${options.seed}`);
          copies.push(workspace);
        }
        log(`editor (${mode === 'git' ? 'in the git repo' : 'outside git'}), ${options.editorSize} policies:`);
        try {
          const result = await editorBench({ workspace, manifest, server: build.server, edits: options.edits, sharedEdits: options.sharedEdits, log });
          editor.push({
            mode,
            result: {
              ...result,
              firstDiagnosticsMs: round(result.firstDiagnosticsMs),
              cpu: { indexMs: round(result.cpu.indexMs, 0), keystrokeMs: round(result.cpu.keystrokeMs, 2), proseMs: round(result.cpu.proseMs, 2), sharedMs: round(result.cpu.sharedMs, 1) },
              keystroke: { ...result.keystroke, p50: round(result.keystroke.p50, 2), p95: round(result.keystroke.p95, 2), max: round(result.keystroke.max, 2) },
              prose: { ...result.prose, p50: round(result.prose.p50, 2), p95: round(result.prose.p95, 2), max: round(result.prose.max, 2) },
              shared: { ...result.shared, p50: round(result.shared.p50), max: round(result.shared.max) },
              rssAfterIndexMb: round(result.rssAfterIndexMb),
              rssAfterEditsMb: round(result.rssAfterEditsMb),
              peakRssMb: round(result.peakRssMb),
            },
          });
        } catch (error) {
          editor.push({ mode, error: error instanceof Error ? error.message.slice(0, 300) : String(error) });
          log(`  editor (${mode}) failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }

    info.loadEnd = os.loadavg().map((l) => round(l, 2));
    const repeats: Record<string, number> = {};
    for (const n of sizes) repeats[String(n)] = repeatsFor(options, n);
    const partial: Omit<Results, 'targets'> = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: info,
      options: { seed: options.seed, sizes, repeats, referenceSize: options.referenceSize, editorSize: options.editorSize, edits: options.edits, sharedEdits: options.sharedEdits },
      build: { ...build.hashes, generator: GENERATOR_VERSION },
      sizes: sizeResults,
      editor,
    };
    const results: Results = { ...partial, targets: evaluateTargets(partial) };
    const markdown = renderMarkdown(results);
    if (options.results) {
      fs.mkdirSync(options.results, { recursive: true });
      fs.writeFileSync(path.join(options.results, 'latest.md'), markdown);
      fs.writeFileSync(path.join(options.results, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    }
    return { results, markdown };
  } finally {
    for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
    cleanupScratch();
  }
}

export function parseArgs(argv: string[], base = defaultOptions()): BenchOptions {
  const options = { ...base };
  const int = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    switch (arg) {
      case '--sizes': {
        const v = next();
        options.sizes = (v ?? '').split(',').map((s) => int('--sizes', s.trim()));
        if (options.sizes.length === 0 || options.sizes.some((n) => n < 1)) throw new Error('--sizes needs positive integers, e.g. 250,1000,4000');
        break;
      }
      case '--repeats':
        options.repeats = Math.max(1, int(arg, next()));
        break;
      case '--seed':
        options.seed = int(arg, next());
        break;
      case '--reference':
        options.referenceSize = int(arg, next());
        break;
      case '--editor-size':
        options.editorSize = int(arg, next());
        break;
      case '--edits':
        options.edits = int(arg, next());
        break;
      case '--shared-edits':
        options.sharedEdits = int(arg, next());
        break;
      case '--workspaces':
        options.workspaces = path.resolve(next() ?? '');
        break;
      case '--results':
        options.results = path.resolve(next() ?? '');
        break;
      case '--out':
        options.outDir = path.resolve(next() ?? '');
        break;
      case '--no-editor':
        options.editor = false;
        break;
      case '--no-outside-git':
        options.outsideGit = false;
        break;
      case '--no-install-time':
        options.installTime = false;
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          'Usage: npm run bench -- [--sizes 250,1000,4000] [--repeats N] [--seed 1] [--reference 1000] [--editor-size 1000]\n' +
            '                        [--edits 200] [--shared-edits 10] [--workspaces DIR] [--results DIR] [--out DIR]\n' +
            '                        [--no-editor] [--no-outside-git] [--no-install-time]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  return options;
}

if (require.main === module) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    const { markdown } = await runBench(options);
    process.stdout.write(`\n${markdown}\n`);
    if (options.results) process.stderr.write(`wrote ${path.relative(process.cwd(), path.join(options.results, 'latest.md'))} and latest.json\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  });
}
