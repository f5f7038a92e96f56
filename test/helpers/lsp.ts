// Drives the built language server (dist/server.js) over stdio with a real protocol connection.
// Tests await notifications with a timeout; they never sleep.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempWorkspace } from './tmp';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');

interface Waiter<T> {
  test: (value: T) => boolean;
  resolve: (value: T) => void;
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly child: ChildProcess;
  private readonly waiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly notificationWaiters = new Map<string, Waiter<unknown>[]>();
  stderr = '';

  /** `args` are node's: the bundle by default; a test may run the server from source instead. */
  constructor(env: NodeJS.ProcessEnv = {}, args: string[] = [SERVER, '--stdio']) {
    this.child = spawn(process.execPath, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      for (const w of [...this.waiters]) {
        if (w.test(params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** `processId` is the client process the server watches (this test process by default). */
  async initialize(folder: string, initializationOptions: object = { debounceMs: 0 }, capabilities: InitializeParams['capabilities'] = {}, processId: number | null = process.pid): Promise<void> {
    const status = this.notification('tenet/status');
    await this.connection.sendRequest(InitializeRequest.type, {
      processId,
      rootUri: pathToFileURL(folder).toString(),
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }],
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    await status;
  }

  /** Resolves with the next publishDiagnostics for `uri` that satisfies `test`. */
  nextDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return withTimeout(
      new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && test(p.diagnostics), resolve })),
      timeoutMs,
      `diagnostics for ${uri}`,
    );
  }

  notification<T = unknown>(method: string, test: (params: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    let list = this.notificationWaiters.get(method);
    if (!list) {
      const waiters: Waiter<unknown>[] = (list = []);
      this.notificationWaiters.set(method, waiters);
      this.connection.onNotification(method, (params: unknown) => {
        for (const w of [...waiters]) {
          if (w.test(params)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(params);
          }
        }
      });
    }
    return withTimeout(new Promise<T>((resolve) => list.push({ test: test as (v: unknown) => boolean, resolve: resolve as (v: unknown) => void })), timeoutMs, method);
  }

  current(uri: string): Diagnostic[] {
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 5_000, 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The process is killed below either way.
    }
    this.connection.dispose();
    this.child.kill();
  }

  get process(): ChildProcess {
    return this.child;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

/** A private copy of a folder under the OS temp dir (tests may edit and delete files in it). */
export function copyFolder(source: string): string {
  const target = tempWorkspace('tenet-ws-');
  fs.cpSync(source, target, { recursive: true });
  return target;
}

export function uri(folder: string, rel: string): string {
  return pathToFileURL(path.join(folder, rel)).toString();
}
