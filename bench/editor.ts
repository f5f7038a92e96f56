// The editor benchmark: the built language server over stdio, driven as an editor would drive it.
//
//   - first complete diagnostics: from `initialize` to the first `tenet/status` (sent once every
//     policy has been checked and its diagnostics published);
//   - keystroke: a one-character didChange in a policy's `expect` (it alternates between making one
//     requirement drift and not, so each edit changes that policy's diagnostics) until the server
//     publishes that policy's diagnostics; the same in the prose (which changes no diagnostic: timed
//     until `tenet/status`, which the server sends after every check);
//   - shared config: a one-character didChange in the config read by 100 policies that makes all of
//     them drift (and back), until every one of the 100 has been re-published;
//   - server RSS (/proc/<pid>/status) after indexing and after all edits.
// Debounce is off (initializationOptions {debounceMs: 0}), so the latencies are the server's own.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { Manifest, TextEdit } from './generate';
import { percentile, procCpuMs, procMemory } from './measure';

export interface EditorOptions {
  /** The workspace folder (absolute). */
  workspace: string;
  manifest: Manifest;
  /** The server bundle to run. */
  server: string;
  edits: number;
  sharedEdits: number;
  /** Extra Node options for the server process (e.g. --cpu-prof to profile it). */
  nodeArgs?: string[];
  /** Per wait; generous, since a loaded machine is slow. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface EditorResult {
  policies: number;
  firstDiagnosticsMs: number;
  /** Server CPU time (user + system, with git children) per phase: indexing total, then mean per edit. */
  cpu: { indexMs: number; keystrokeMs: number; proseMs: number; sharedMs: number };
  /** publishDiagnostics notifications received while indexing. */
  indexPublished: number;
  keystroke: { edits: number; p50: number; p95: number; max: number };
  prose: { edits: number; p50: number; p95: number; max: number };
  shared: { file: string; readers: number; edits: number; p50: number; max: number; runsMs: number[] };
  rssAfterIndexMb: number;
  rssAfterEditsMb: number;
  peakRssMb: number;
}

const STATUS = 'tenet/status';

export async function editorBench(options: EditorOptions): Promise<EditorResult> {
  const { manifest } = options;
  const root = fs.realpathSync(options.workspace);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const log = options.log ?? (() => {});
  const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).toString();

  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + String(d)).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

  // Every notification wakes the waiters; each waiter decides whether it is done.
  type Waiter = () => boolean;
  let waiters: Waiter[] = [];
  const wake = () => {
    waiters = waiters.filter((w) => !w());
  };
  const until = (what: string, done: () => boolean): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${stderr ? `; server stderr: ${stderr}` : ''}`));
      }, timeoutMs);
      const waiter: Waiter = () => {
        if (!done()) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      waiters.push(waiter);
    });

  /** Arrival time (ms, performance.now) and content of the last diagnostics per URI; status count. */
  const arrivals = new Map<string, { at: number; diagnostics: Diagnostic[] }>();
  let published = 0;
  let statuses = 0;
  let lastStatusAt = 0;
  connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
    published++;
    arrivals.set(params.uri, { at: performance.now(), diagnostics: params.diagnostics });
    wake();
  });
  connection.onNotification(STATUS, () => {
    statuses++;
    lastStatusAt = performance.now();
    wake();
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/configuration', () => [null]);
  connection.listen();

  const memory = () => {
    const m = procMemory(child.pid!);
    return { rss: (m?.rssKb ?? NaN) / 1024, hwm: (m?.hwmKb ?? NaN) / 1024 };
  };

  try {
    // 1. Indexing.
    const started = performance.now();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: path.basename(root) }],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await until('the first tenet/status', () => statuses >= 1);
    const firstDiagnosticsMs = lastStatusAt - started;
    const cpuIndex = procCpuMs(child.pid!);
    const indexPublished = published;
    const afterIndex = memory();
    log(`  editor: first complete diagnostics after ${Math.round(firstDiagnosticsMs)} ms (${indexPublished} files published), RSS ${afterIndex.rss.toFixed(0)} MB`);

    // Open a document and wait for the check its opening triggers.
    const versions = new Map<string, number>();
    const open = async (rel: string) => {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      versions.set(rel, 1);
      const before = statuses;
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(rel), languageId: rel.endsWith('.md') ? 'markdown' : 'plaintext', version: 1, text } });
      await until(`the check after opening ${rel}`, () => statuses > before);
    };
    const change = async (edit: TextEdit, char: string) => {
      const version = (versions.get(edit.file) ?? 1) + 1;
      versions.set(edit.file, version);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uriOf(edit.file), version },
        contentChanges: [{ range: { start: { line: edit.line, character: edit.character }, end: { line: edit.line, character: edit.character + 1 } }, text: char }],
      });
    };
    // Each sample waits for the status that ends the check, so checks never overlap.
    const timed = async (edit: TextEdit, char: string, what: string, done: (sentAt: number) => number | undefined): Promise<number> => {
      const before = statuses;
      const sentAt = performance.now();
      await change(edit, char);
      let finished: number | undefined;
      await until(what, () => (finished = done(sentAt)) !== undefined && statuses > before);
      return finished! - sentAt;
    };

    // 2. Keystrokes in a policy's `expect`: each flips one requirement between drift and not.
    const ks = manifest.keystroke;
    const ksUri = uriOf(ks.file);
    await open(ks.file);
    const keystrokes: number[] = [];
    let cpuAt = procCpuMs(child.pid!);
    const cpuSince = (edits: number) => {
      const now = procCpuMs(child.pid!);
      const mean = edits > 0 ? (now - cpuAt) / edits : NaN;
      cpuAt = now;
      return mean;
    };
    for (let i = 0; i < options.edits; i++) {
      const char = i % 2 === 0 ? ks.to : ks.from;
      keystrokes.push(
        await timed(ks, char, `diagnostics of ${ks.file}`, (sentAt) => {
          const a = arrivals.get(ksUri);
          return a && a.at >= sentAt ? a.at : undefined;
        }),
      );
    }
    if (options.edits % 2 === 1) await timed(ks, ks.from, 'the last keystroke to be undone', () => lastStatusAt);
    const cpuKeystroke = cpuSince(options.edits + (options.edits % 2));

    // 3. Keystrokes in the prose of the same policy: no diagnostic changes; timed to tenet/status.
    const pr = manifest.prose;
    const prose: number[] = [];
    for (let i = 0; i < options.edits; i++) {
      const char = i % 2 === 0 ? pr.to : pr.from;
      prose.push(await timed(pr, char, `the check after a prose edit in ${pr.file}`, () => lastStatusAt));
    }
    if (options.edits % 2 === 1) await timed(pr, pr.from, 'the last prose edit to be undone', () => lastStatusAt);
    const cpuProse = cpuSince(options.edits + (options.edits % 2));
    log(`  editor: keystroke p50 ${percentile(keystrokes, 50).toFixed(1)} ms, p95 ${percentile(keystrokes, 95).toFixed(1)} ms; prose p95 ${percentile(prose, 95).toFixed(1)} ms`);

    // 4. The shared config: flip its value so that every dependent starts (then stops) drifting.
    const sh = manifest.shared.edit;
    const readers = manifest.shared.readers.map(uriOf);
    await open(sh.file);
    cpuSince(0);
    const sharedRuns: number[] = [];
    const drifting = (d: Diagnostic[]) => d.some((x) => x.code === 'requirement/drift' && (typeof x.message === 'string' ? x.message : x.message.value).includes(sh.file));
    for (let i = 0; i < options.sharedEdits; i++) {
      const toBad = i % 2 === 0;
      sharedRuns.push(
        await timed(sh, toBad ? sh.to : sh.from, `diagnostics of the ${readers.length} readers of ${sh.file}`, (sentAt) => {
          let last = 0;
          for (const uri of readers) {
            const a = arrivals.get(uri);
            if (!a || a.at < sentAt || drifting(a.diagnostics) !== toBad) return undefined;
            last = Math.max(last, a.at);
          }
          return last;
        }),
      );
    }
    if (options.sharedEdits % 2 === 1) await timed(sh, sh.from, 'the shared config to be restored', () => lastStatusAt);
    const cpuShared = cpuSince(options.sharedEdits + (options.sharedEdits % 2));
    const afterEdits = memory();
    log(`  editor: shared-config edit median ${percentile(sharedRuns, 50).toFixed(1)} ms over ${sharedRuns.length}; RSS ${afterEdits.rss.toFixed(0)} MB`);

    const sorted = [...sharedRuns].sort((a, b) => a - b);
    const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return {
      policies: manifest.policies,
      firstDiagnosticsMs,
      cpu: { indexMs: cpuIndex, keystrokeMs: cpuKeystroke, proseMs: cpuProse, sharedMs: cpuShared },
      indexPublished,
      keystroke: { edits: keystrokes.length, p50: percentile(keystrokes, 50), p95: percentile(keystrokes, 95), max: percentile(keystrokes, 100) },
      prose: { edits: prose.length, p50: percentile(prose, 50), p95: percentile(prose, 95), max: percentile(prose, 100) },
      shared: { file: sh.file, readers: readers.length, edits: sharedRuns.length, p50: median, max: sorted.at(-1) ?? NaN, runsMs: sharedRuns.map((v) => Math.round(v * 10) / 10) },
      rssAfterIndexMb: afterIndex.rss,
      rssAfterEditsMb: afterEdits.rss,
      peakRssMb: afterEdits.hwm,
    };
  } finally {
    try {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
      await connection.sendNotification(ExitNotification.type);
    } catch {
      // Killed below either way.
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}
