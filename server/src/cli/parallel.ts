// A large workspace is checked on several threads: the main one and worker threads. Policies that
// name the same files go to one thread's share, so that a config is parsed in one thread, not in
// every one; each thread checks its share with a LintSession of its own, and the main thread combines
// the outcomes and runs the workspace-wide rules. The result is the one a single-threaded run gives.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintSession, PolicyOutcome } from '../engine/lint';
import { findHeader } from '../engine/policy/document';
import type { Concurrency } from './args';

/** `auto` stays on one thread below this many policies: starting workers would cost more than they save. */
export const AUTO_MIN_POLICIES = 200;
const AUTO_MAX_THREADS = 8;

/**
 * Threads to check `policies` policies on; 1 means the main thread alone. `auto` leaves a core to
 * V8's own helper threads (garbage collection, compilers), which keep a lint thread's core busy a
 * third of the time besides: on 2 cores, two lint threads measured no faster than one.
 */
export function threadCount(concurrency: Concurrency | undefined, policies: number, cores = os.availableParallelism()): number {
  if (concurrency === 'off') return 1;
  const wanted = typeof concurrency === 'number' ? concurrency : policies < AUTO_MIN_POLICIES ? 1 : Math.min(cores - 1, AUTO_MAX_THREADS);
  return Math.max(1, Math.min(wanted, policies));
}

/** The worker bundle beside the running CLI bundle; absent when run from sources (then one thread). */
export function workerScript(): string | undefined {
  const script = path.join(__dirname, 'lint-worker.js');
  return fs.existsSync(script) ? script : undefined;
}

/** What a worker needs to build its LintSession (see worker.ts). */
export interface WorkerSetup {
  root: string;
  today?: string;
  /** Workspace-relative tenet.yaml, when --config named another. */
  configFile?: string;
  policyFiles: readonly string[];
}

/** A worker's one request: the policy files of its share. */
export type WorkerRequest = { files: string[] };

export type WorkerReply = ({ kind: 'checked' } & Checked) | { kind: 'failed'; error: string };

export interface Checked {
  /** In the order of setup.policyFiles. */
  outcomes: PolicyOutcome[];
  /** Texts of the other files the findings point into. */
  texts: Record<string, string>;
}

/**
 * Checks the policies on `threads` threads: this one (with `here`, the run's own session) and
 * `threads - 1` workers, each on a share from partition(). Requests are posted before this thread
 * checks its own share, so all work at once; a worker takes its request once it has started.
 */
export async function checkInWorkers(script: string, setup: WorkerSetup, threads: number, here: LintSession, names: ReadonlyMap<string, readonly string[]>): Promise<Checked> {
  const shares = partition(names, threads);
  const workers = shares.slice(1).map(() => new ThreadClient(new Worker(script, { workerData: setup })));
  try {
    const there = workers.map((w, i) => w.check(shares[i + 1]));
    const checked = [here.checkShare(shares[0]), ...(await Promise.all(there))];
    const byFile = new Map(checked.flatMap((c) => c.outcomes.map((o) => [o.file, o] as const)));
    return { outcomes: setup.policyFiles.flatMap((f) => byFile.get(f) ?? []), texts: Object.assign({}, ...checked.map((c) => c.texts)) };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/**
 * The `file:` values of a policy's front matter, by a line scan. Only a hint for sharing out work
 * (parsing every policy's YAML first would cost more than it saves): a miss costs a parse, never a
 * finding.
 */
export function namedFiles(text: string): string[] {
  const header = findHeader(text);
  if (!header || header.unclosed) return [];
  const names = new Set<string>();
  // One pass per line, no backtracking (a policy may be hostile); the value is cleaned up after.
  for (const m of text.slice(header.yaml.start, header.yaml.end).matchAll(/^[ \t-]*file:(.*)$/gm)) {
    const value = m[1].replace(/\s#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value !== '') names.add(value);
  }
  return [...names];
}

/** One worker and its one request. */
class ThreadClient {
  private waiting?: { resolve: (checked: Checked) => void; reject: (error: Error) => void };
  private failure?: Error;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'failed') return this.fail(new Error(`a lint worker failed: ${reply.error}`));
      this.waiting?.resolve(reply);
      this.waiting = undefined;
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`a lint worker stopped (exit code ${code}) before its work was done`)));
  }

  check(files: string[]): Promise<Checked> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting = { resolve, reject };
      this.worker.postMessage({ files } satisfies WorkerRequest);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(this.failure);
    this.waiting = undefined;
  }
}

/**
 * Splits policies (with the files each names) into `threads` shares of about equal size, so that
 * policies naming the same files mostly share a thread. Greedy, in one pass: each policy joins the
 * share not yet full that already reads most of its files, else the least loaded. Files so widely
 * read that every thread reads them anyway do not count, and Terraform files count by folder (a
 * module is parsed as a whole).
 */
export function partition(names: ReadonlyMap<string, readonly string[]>, threads: number): string[][] {
  const policies = [...names.keys()].sort();
  const keysOf = (policy: string) => [...new Set(names.get(policy)!.map((f) => (/\.(tf|tfvars|tf\.json)$/.test(f) ? f.slice(0, f.lastIndexOf('/') + 1) : f)))];
  const readers = new Map<string, number>();
  for (const policy of policies) for (const key of keysOf(policy)) readers.set(key, (readers.get(key) ?? 0) + 1);
  const hub = Math.max(8, Math.ceil(policies.length / 100));
  const capacity = Math.ceil(policies.length / threads);
  const shares = Array.from({ length: threads }, () => ({ policies: [] as string[], keys: new Set<string>() }));
  // Policies ordered by the first service-level file they name, so that neighbours come in a row.
  const keyed = policies.map((policy) => ({ policy, keys: keysOf(policy).filter((k) => readers.get(k)! <= hub).sort() }));
  keyed.sort((a, b) => compare(a.keys[0] ?? '', b.keys[0] ?? '') || compare(a.policy, b.policy));
  for (const { policy, keys } of keyed) {
    let best: (typeof shares)[number] | undefined;
    let bestCommon = -1;
    for (const share of shares) {
      if (share.policies.length >= capacity) continue;
      const common = keys.filter((k) => share.keys.has(k)).length;
      if (common > bestCommon || (common === bestCommon && share.policies.length < best!.policies.length)) [best, bestCommon] = [share, common];
    }
    best!.policies.push(policy);
    for (const key of keys) best!.keys.add(key);
  }
  return shares.map((s) => s.policies.sort());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
