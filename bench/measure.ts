// Measuring child processes: wall time from the parent, CPU time and peak RSS from the kernel.
//
// Peak RSS and CPU come from GNU time (`/usr/bin/time -f ...`), which reads the child's rusage when
// it is reaped (CPU includes the child's own children, e.g. git). Without it (and when it cannot be
// installed with apt-get), a preloaded script records `process.resourceUsage()` when the Node child
// exits; every measured tool is a Node script, so both ways measure the same thing.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssKb: number;
  exitCode: number;
}

export type RssMethod = 'gnu-time' | 'preload';

/** GNU time if present; if not and `install`, tries Debian's `time` package (root only). */
export function ensureGnuTime(install: boolean, log: (line: string) => void): RssMethod {
  if (hasGnuTime()) return 'gnu-time';
  if (install && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    log('installing /usr/bin/time (Debian package "time") for peak-RSS measurements…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: 'ignore', env });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
      r = spawnSync('apt-get', ['install', '-y', '-q', 'time'], { stdio: 'ignore', env });
    }
    if (hasGnuTime()) return 'gnu-time';
  }
  log('GNU time is not available: measuring peak RSS and CPU time from inside each Node child instead');
  return 'preload';
}

function hasGnuTime(): boolean {
  if (!fs.existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/m.test(r.stderr);
}

const PRELOAD = `
const fs = require('node:fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  try { fs.writeFileSync(process.env.TENET_BENCH_USAGE, [u.userCPUTime + u.systemCPUTime, u.maxRSS].join(' ')); } catch {}
});
`;

let scratch: string | undefined;
function scratchDir(): string {
  if (!scratch) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-bench-'));
    fs.writeFileSync(path.join(scratch, 'usage-preload.cjs'), PRELOAD);
  }
  return scratch;
}

export function cleanupScratch(): void {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/**
 * Runs `node script ...args` in `cwd`, stdout to `stdoutFile` (or discarded), stderr discarded.
 * Rejects only when the process cannot run or is killed by a signal.
 */
export function runNode(method: RssMethod, script: string, args: string[], cwd: string, stdoutFile?: string, timeoutMs = 30 * 60_000): Promise<Measured> {
  const dir = scratchDir();
  const usage = path.join(dir, `usage-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const node = process.execPath;
  const [command, argv, env] =
    method === 'gnu-time'
      ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', usage, node, script, ...args], process.env]
      : [node, ['--require', path.join(dir, 'usage-preload.cjs'), script, ...args], { ...process.env, TENET_BENCH_USAGE: usage }];
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
  return new Promise<Measured>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', out, 'ignore'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      if (typeof out === 'number') fs.closeSync(out);
      if (signal) return reject(new Error(`${path.basename(script)} was killed by ${signal}`));
      let cpuMs = NaN;
      let peakRssKb = NaN;
      try {
        const text = fs.readFileSync(usage, 'utf8').trim();
        fs.rmSync(usage, { force: true });
        if (method === 'gnu-time') {
          // With a non-zero exit, GNU time writes "Command exited with non-zero status N" first.
          const last = text.split('\n').at(-1)!.trim().split(/\s+/).map(Number);
          cpuMs = (last[1] + last[2]) * 1000;
          peakRssKb = last[3];
        } else {
          const [cpuUs, rss] = text.split(/\s+/).map(Number);
          cpuMs = cpuUs / 1000;
          peakRssKb = rss;
        }
      } catch {
        // Left NaN: reported as missing.
      }
      resolve({ wallMs, cpuMs, peakRssKb, exitCode: code ?? -1 });
    });
  });
}

/** Resident set size of a running process, from /proc (Linux): current and peak, in kB. */
export function procMemory(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * CPU time a running process has used, in ms: user + system, plus that of its reaped children (git),
 * from /proc/<pid>/stat (Linux; clock ticks of 10 ms).
 */
export function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime, stime, cutime, cstime are fields 14-17.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

const CLOCK_TICKS = 100;

export interface Stats {
  runs: number[];
  min: number;
  median: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { runs: values, min: NaN, median: NaN, max: NaN };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: values, min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  loadStart: number[];
  loadEnd?: number[];
  rssMethod?: RssMethod;
  /** CPU-bound work on all cores at once ÷ on one (a 2-core machine that shares its cores gets less than 2). */
  parallelThroughput?: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  let cpu = cpus[0]?.model?.trim() ?? 'unknown';
  try {
    // Virtual machines often report a bare family name; the flags line is no better, so keep what we have.
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const mhz = /^cpu MHz\s*:\s*([\d.]+)/m.exec(info)?.[1];
    if (mhz && !/\bGHz\b|MHz/.test(cpu)) cpu += ` @ ${(Number(mhz) / 1000).toFixed(2)} GHz`;
  } catch {
    // Not Linux.
  }
  return {
    cpu,
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/**
 * How much more CPU-bound work the machine does on all its cores at once than on one: the same loop
 * on one worker thread, then on one per core, side by side. Worker threads scale by this at best.
 */
export async function parallelThroughput(threads = os.availableParallelism(), loops = 300_000_000): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const spin = `let x = 0; for (let i = 0; i < ${loops}; i++) x = (x + i) % 7; require('node:worker_threads').parentPort.postMessage(x);`;
  const timed = async (n: number) => {
    const started = performance.now();
    await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => new Worker(spin, { eval: true }).once('message', resolve).once('error', reject))));
    return performance.now() - started;
  };
  const one = await timed(1);
  const all = await timed(threads);
  return Math.round(((threads * one) / all) * 100) / 100;
}
