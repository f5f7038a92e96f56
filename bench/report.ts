// Benchmark results → the Markdown table printed and written to bench/results/latest.md, and the
// targets with met/missed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EditorResult } from './editor';
import type { Machine, Stats } from './measure';

export type ToolId = 'tenet' | 'tenet-1t' | 'tenet-nogit' | 'peer' | 'floor';

export const TOOL_LABELS: Record<ToolId, string> = {
  tenet: '`tenet lint --format json`',
  'tenet-1t': '`tenet lint --format json --concurrency off` (one thread)',
  'tenet-nogit': '`tenet lint --format json`, outside git',
  peer: "`markdownlint-cli2 '**/*.md'` (peer)",
  floor: 'floor: read + parse once',
};

export interface ToolResult {
  tool: ToolId;
  wallMs: Stats;
  cpuMs: Stats;
  rssMb: Stats;
  exitCodes: number[];
}

export interface SizeResult {
  policies: number;
  files: number;
  mib: number;
  requirements: number;
  repeats: number;
  /** What tenet reported (from one run's JSON): a check that the workspace is what it should be. */
  tenet?: { requirements: number; drift: number; excepted: number; findings: number };
  tools: ToolResult[];
}

export interface EditorRun {
  mode: 'git' | 'nogit';
  result?: EditorResult;
  error?: string;
}

export interface Target {
  id: string;
  description: string;
  measured: string;
  /** undefined: could not be evaluated (e.g. the size was not run). */
  met?: boolean;
}

export interface Results {
  date: string;
  machine: Machine;
  options: { seed: number; sizes: number[]; repeats: Record<string, number>; referenceSize: number; editorSize: number; edits: number; sharedEdits: number };
  build: { cli: string; server: string; generator: number };
  sizes: SizeResult[];
  editor: EditorRun[];
  targets: Target[];
}

const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const mark = (met: boolean | undefined) => (met === undefined ? 'n/a' : met ? '**met**' : '**missed**');

export function tool(size: SizeResult | undefined, id: ToolId): ToolResult | undefined {
  return size?.tools.find((t) => t.tool === id);
}

export function evaluateTargets(results: Omit<Results, 'targets'>): Target[] {
  const ref = results.sizes.find((s) => s.policies === results.options.referenceSize);
  const big = results.sizes.find((s) => s.policies === 4 * results.options.referenceSize);
  const targets: Target[] = [];
  const refN = num(results.options.referenceSize);
  const suffix = { tenet: '', 'tenet-1t': '-1t', 'tenet-nogit': '-nogit' };
  const place = { tenet: '', 'tenet-1t': ', one thread', 'tenet-nogit': ', outside git' };
  for (const id of ['tenet', 'tenet-1t', 'tenet-nogit'] as const) {
    const t = tool(ref, id)?.wallMs.median ?? NaN;
    const where = place[id];
    const c = tool(ref, id)?.cpuMs.median ?? NaN;
    const peer = tool(ref, 'peer')?.wallMs.median ?? NaN;
    const floor = tool(ref, 'floor')?.wallMs.median ?? NaN;
    const peerCpu = tool(ref, 'peer')?.cpuMs.median ?? NaN;
    const floorCpu = tool(ref, 'floor')?.cpuMs.median ?? NaN;
    targets.push({ id: `cli-vs-peer${suffix[id]}`, description: `CLI ≤ 0.5× peer at ${refN} policies${where}`, measured: `${ratio(t, peer)} (CPU ${ratio(c, peerCpu)})`, met: Number.isFinite(t / peer) ? t / peer <= 0.5 : undefined });
    targets.push({ id: `cli-vs-floor${suffix[id]}`, description: `CLI ≤ 2× floor at ${refN} policies${where}`, measured: `${ratio(t, floor)} (CPU ${ratio(c, floorCpu)})`, met: Number.isFinite(t / floor) ? t / floor <= 2 : undefined });
  }
  for (const run of results.editor) {
    const where = run.mode === 'git' ? '' : ', outside git';
    const e = run.result;
    targets.push({ id: `keystroke-p95${run.mode === 'git' ? '' : '-nogit'}`, description: `p95 keystroke → diagnostics ≤ 20 ms${where}`, measured: e ? `${num(e.keystroke.p95, 1)} ms` : 'error', met: e ? e.keystroke.p95 <= 20 : undefined });
    targets.push({ id: `shared-edit${run.mode === 'git' ? '' : '-nogit'}`, description: `shared-config edit → all ${e?.shared.readers ?? 100} dependents ≤ 150 ms (median)${where}`, measured: e ? `${num(e.shared.p50, 1)} ms (max ${num(e.shared.max, 1)})` : 'error', met: e ? e.shared.p50 <= 150 : undefined });
    const flat = e ? e.rssAfterIndexMb <= 200 && e.rssAfterEditsMb <= 200 && e.rssAfterEditsMb <= e.rssAfterIndexMb * 1.1 : undefined;
    targets.push({ id: `server-rss${run.mode === 'git' ? '' : '-nogit'}`, description: `server RSS ≤ 200 MB and flat (≤ +10% after edits)${where}`, measured: e ? `${num(e.rssAfterIndexMb)} → ${num(e.rssAfterEditsMb)} MB` : 'error', met: flat });
  }
  for (const id of ['tenet', 'tenet-nogit'] as const) {
    const a = tool(ref, id)?.wallMs.median ?? NaN;
    const b = tool(big, id)?.wallMs.median ?? NaN;
    const ac = tool(ref, id)?.cpuMs.median ?? NaN;
    const bc = tool(big, id)?.cpuMs.median ?? NaN;
    const where = id === 'tenet' ? '' : ', outside git';
    targets.push({ id: `scaling${id === 'tenet' ? '' : '-nogit'}`, description: `${num(4 * results.options.referenceSize)} policies ≤ 4.4× the time of ${refN}${where}`, measured: `${ratio(b, a)} (CPU ${ratio(bc, ac)})`, met: Number.isFinite(b / a) ? b / a <= 4.4 : undefined });
  }
  return targets;
}

export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push('# Tenet benchmark', '');
  out.push(`${r.date} · ${m.cpu}, ${m.cores} cores${m.parallelThroughput !== undefined ? ` (all ${m.cores} at once do ${m.parallelThroughput}× the CPU-bound work of one)` : ''}, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · load average ${m.loadStart.join(' / ')} at start${m.loadEnd ? `, ${m.loadEnd.join(' / ')} at end` : ''} · peak RSS via ${m.rssMethod === 'gnu-time' ? '`/usr/bin/time -f %M`' : 'process.resourceUsage() in the child'}`);
  out.push('');
  if (m.loadStart[0] > m.cores || (m.loadEnd?.[0] ?? 0) > m.cores) {
    out.push(`**The machine was shared while this ran** (load average above its ${m.cores} cores): wall times are inflated and noisy; CPU times (user + system, which a busy machine inflates far less) are the steadier comparison, and each ratio is given for both.`, '');
  }
  out.push(`Workspaces from \`bench/generate.ts\` (generator v${r.build.generator}, seed ${r.options.seed}), \`today\` pinned. Tenet build: \`dist/cli.js\` ${r.build.cli}, \`dist/server.js\` ${r.build.server} (sha256 prefixes). Every number is wall time of a cold process (median of the runs, min–max); CPU is user+sys of the process and its children (git). "Outside git" is the same workspace copied out of the repository, so Tenet's backdating check has no history to read and runs no \`git blame\`.`);
  out.push('');

  out.push('## CLI, whole process', '');
  out.push('| policies | files | tool | runs | wall ms median | min–max | CPU ms median | peak RSS MB | ÷ peer: wall / CPU | ÷ floor: wall / CPU |');
  out.push('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of r.sizes) {
    const peer = tool(s, 'peer');
    const floor = tool(s, 'floor');
    const vs = (t: ToolResult, base: ToolResult | undefined) => (t === base ? '1.00×' : `${ratio(t.wallMs.median, base?.wallMs.median ?? NaN)} / ${ratio(t.cpuMs.median, base?.cpuMs.median ?? NaN)}`);
    s.tools.forEach((t, i) => {
      out.push(
        `| ${i === 0 ? num(s.policies) : ''} | ${i === 0 ? `${num(s.files)} (${num(s.mib, 1)} MiB)` : ''} | ${TOOL_LABELS[t.tool]} | ${t.wallMs.runs.length} | ${num(t.wallMs.median)} | ${num(t.wallMs.min)}–${num(t.wallMs.max)} | ${num(t.cpuMs.median)} | ${num(t.rssMb.median)} | ${vs(t, peer)} | ${vs(t, floor)} |`,
      );
    });
  }
  out.push('');
  const checks = r.sizes.filter((s) => s.tenet);
  if (checks.length > 0) {
    out.push(`Tenet's own report, as a check on the workspaces: ${checks.map((s) => `${num(s.policies)} policies → ${num(s.tenet!.requirements)} requirements, ${num(s.tenet!.drift)} drift (${((s.tenet!.drift / s.tenet!.requirements) * 100).toFixed(1)}%), ${num(s.tenet!.excepted)} excepted, ${num(s.tenet!.findings)} findings`).join('; ')}.`, '');
  }

  out.push(`## Editor: language server over stdio, ${num(r.options.editorSize)} policies, debounce off`, '');
  const modes = r.editor;
  out.push(`| metric | ${modes.map((e) => (e.mode === 'git' ? 'in the git repo' : 'outside git')).join(' | ')} | target |`);
  out.push(`| --- | ${modes.map(() => '---:').join(' | ')} | --- |`);
  const row = (label: string, cell: (e: EditorResult) => string, target: string) => out.push(`| ${label} | ${modes.map((e) => (e.result ? cell(e.result) : `error: ${e.error}`)).join(' | ')} | ${target} |`);
  row('first complete diagnostics (initialize → first `tenet/status`)', (e) => `${num(e.firstDiagnosticsMs)} ms`, '—');
  row(`keystroke in \`expect\` → its \`publishDiagnostics\`, p50 / p95 / max (${r.options.edits} edits)`, (e) => `${num(e.keystroke.p50, 1)} / ${num(e.keystroke.p95, 1)} / ${num(e.keystroke.max, 1)} ms`, 'p95 ≤ 20 ms');
  row(`keystroke in prose → \`tenet/status\`, p50 / p95 / max (${r.options.edits} edits)`, (e) => `${num(e.prose.p50, 1)} / ${num(e.prose.p95, 1)} / ${num(e.prose.max, 1)} ms`, '—');
  row(`shared-config edit → all dependents re-published, median / max (${r.options.sharedEdits} edits)`, (e) => `${num(e.shared.p50, 1)} / ${num(e.shared.max, 1)} ms (${e.shared.readers} policies)`, '≤ 150 ms');
  row('server CPU: indexing / per `expect` keystroke / per prose keystroke / per shared-config edit (mean)', (e) => `${num(e.cpu.indexMs)} / ${num(e.cpu.keystrokeMs, 1)} / ${num(e.cpu.proseMs, 1)} / ${num(e.cpu.sharedMs, 1)} ms`, '—');
  row('server RSS after indexing', (e) => `${num(e.rssAfterIndexMb)} MB`, '≤ 200 MB');
  row('server RSS after the edits', (e) => `${num(e.rssAfterEditsMb)} MB`, 'flat');
  row('server peak RSS (VmHWM)', (e) => `${num(e.peakRssMb)} MB`, '—');
  out.push('');

  out.push('## Scaling: tenet lint, median wall time and peak RSS', '');
  out.push('| policies | wall ms | CPU ms | × previous size: wall / CPU | peak RSS MB | outside git: wall ms | CPU ms | × previous size: wall / CPU | peak RSS MB |');
  out.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  r.sizes.forEach((s, i) => {
    const prev = r.sizes[i - 1];
    const cells = (id: ToolId) => {
      const t = tool(s, id);
      const p = prev && tool(prev, id);
      const growth = p ? `${ratio(t?.wallMs.median ?? NaN, p.wallMs.median)} / ${ratio(t?.cpuMs.median ?? NaN, p.cpuMs.median)}` : '—';
      return `${num(t?.wallMs.median ?? NaN)} | ${num(t?.cpuMs.median ?? NaN)} | ${growth} | ${num(t?.rssMb.median ?? NaN)}`;
    };
    out.push(`| ${num(s.policies)} | ${cells('tenet')} | ${cells('tenet-nogit')} |`);
  });
  out.push('');

  out.push('## Targets', '');
  out.push('| target | measured | |');
  out.push('| --- | ---: | --- |');
  for (const t of r.targets) out.push(`| ${t.description} | ${t.measured} | ${mark(t.met)} |`);
  out.push('');
  return out.join('\n');
}

/** `tsx bench/report.ts [bench/results/latest.json]`: re-evaluates the targets and re-renders latest.md. */
if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, 'results', 'latest.json'));
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  results.targets = evaluateTargets(results);
  const markdown = renderMarkdown(results);
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(path.dirname(file), 'latest.md'), markdown);
  process.stdout.write(`${markdown}\n`);
}
