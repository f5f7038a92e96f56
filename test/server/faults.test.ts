// The server under faults: malformed JSON-RPC written as raw bytes, unknown methods, requests about
// documents it never saw, a client that goes away, a rule that throws, and a restart. Each time it
// answers what can be answered, logs the rest, and keeps serving — or, once its client is gone, exits.
// Tests await messages and process exits; they never sleep.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  FileChangeType,
  LogMessageNotification,
  ResponseError,
  WorkspaceSymbolRequest,
  type Diagnostic,
  type LogMessageParams,
} from 'vscode-languageserver-protocol';
import { expectedDiagnostics, generatedFiles, policyId, policyRel, policyText, writeWorkspace } from '../helpers/generated';
import { LspClient, REPO, uri, withTimeout } from '../helpers/lsp';

const POLICIES = 5;
/** The requirement key `min-length` in every generated policy: hovering it always answers. */
const REQUIREMENT = { line: 9, character: 4 };

/** Collects the server's window/logMessage notifications. */
function logs(client: LspClient): LogMessageParams[] {
  const seen: LogMessageParams[] = [];
  client.connection.onNotification(LogMessageNotification.type, (params) => void seen.push(params));
  return seen;
}

/** Writes bytes to the server's stdin as they are, past the protocol writer. */
function raw(client: LspClient, bytes: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => client.process.stdin!.write(bytes, (error) => (error ? reject(error) : resolve())));
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Resolves with the exit code when `child` exits (at once if it already has). */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Live processes whose command line mentions `text` (an orphaned git would name the workspace). */
function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) out.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

describe('language server under faults', function () {
  this.timeout(30_000);

  describe('malformed input, unknown methods and unknown documents', () => {
    let ws: string;
    let client: LspClient;
    let logged: LogMessageParams[];
    const policy = (i: number) => uri(ws, policyRel(i));

    /** A normal request still gets its normal answer. */
    async function answers(): Promise<void> {
      const hover = await withTimeout(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: policy(0) }, position: REQUIREMENT }), 10_000, 'a hover after the fault');
      assert.match(JSON.stringify(hover), /p000 › min-length/);
    }

    before(async () => {
      ws = writeWorkspace(generatedFiles(POLICIES));
      client = new LspClient();
      logged = logs(client);
      await client.initialize(ws);
    });

    after(async () => {
      await client?.stop();
      if (ws) fs.rmSync(ws, { recursive: true, force: true });
    });

    afterEach(() => {
      assert.equal(client.process.exitCode, null, 'the server is still running');
      assert.doesNotMatch(logged.map((l) => l.message).join('\n'), /unexpected (error|rejection)/);
    });

    it('a Content-Length that is not a number: that message is dropped and reported, the next ones are read', async () => {
      await raw(client, `Content-Length: twelve\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', id: 9001, method: 'textDocument/hover', params: { textDocument: { uri: policy(0) }, position: REQUIREMENT } })}`);
      await answers();
      await answers();
      assert.ok(logged.some((l) => l.type === 1 && /malformed message header "Content-Length: twelve"/.test(l.message)), JSON.stringify(logged));
    });

    it('a header without Content-Length, and bytes that are no header at all', async () => {
      await raw(client, `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","method":"$/noise"}`);
      await answers();
      await raw(client, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n\u0000\u0001\u00ff');
      await answers();
    });

    it('a Content-Length shorter than the body: the rest of the body is skipped', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 9002, method: 'workspace/symbol', params: { query: 'p' } });
      await raw(client, `Content-Length: 10\r\n\r\n${body}`);
      await answers();
    });

    it('a body that is not JSON, and JSON that is not JSON-RPC, are logged and dropped', async () => {
      for (const body of ['{"jsonrpc":"2.0","id":9003,"method":"textDocument/hover",', '\u00ff\u00fe', '{"hello":"world"}', '[1,2,3]', 'null', '42', '{"jsonrpc":"2.0","id":9004}', '{"jsonrpc":"2.0","id":9005,"method":42}']) {
        await raw(client, frame(body));
      }
      await answers();
    });

    it('an unknown request gets MethodNotFound; an unknown notification is ignored', async () => {
      await assert.rejects(client.connection.sendRequest('tenet/noSuchRequest', {}), (error: ResponseError<unknown>) => error.code === ErrorCodes.MethodNotFound);
      await client.connection.sendNotification('tenet/noSuchNotification', { anything: true });
      await answers();
    });

    it('requests with missing or malformed parameters get an error or an empty answer', async () => {
      await assert.rejects(client.connection.sendRequest('textDocument/hover'), (error: ResponseError<unknown>) => error.code === ErrorCodes.InvalidParams);
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: 5, position: REQUIREMENT }), null);
      assert.deepEqual(await client.connection.sendRequest('textDocument/definition', { textDocument: {}, position: {} }), []);
      await answers();
    });

    for (const [what, target] of [
      ['never opened and outside the workspace', 'file:///nowhere/else/policies/a.md'],
      ['inside the workspace but missing', 'policies/missing.md'],
      ['not a file', 'untitled:Untitled-1'],
      ['not a valid file URI', 'file:///%zz'],
    ] as const) {
      it(`features on a document ${what} answer empty`, async () => {
        const u = target.includes(':') ? target : uri(ws, target);
        const textDocument = { uri: u };
        const position = REQUIREMENT;
        const request = (method: string, params: object) => client.connection.sendRequest(method, { textDocument, ...params });
        assert.equal(await request('textDocument/hover', { position }), null);
        assert.deepEqual(await request('textDocument/definition', { position }), []);
        assert.deepEqual(await request('textDocument/references', { position, context: { includeDeclaration: true } }), []);
        assert.deepEqual(await request('textDocument/codeAction', { range: { start: position, end: position }, context: { diagnostics: [] } }), []);
        assert.deepEqual(await request('textDocument/completion', { position }), []);
        assert.deepEqual(await request('textDocument/documentSymbol', {}), []);
        assert.deepEqual(await request('textDocument/codeLens', {}), []);
        assert.equal(await request('textDocument/prepareRename', { position }), null);
        await answers();
      });
    }

    it('edits to documents it never opened are ignored; one opened with a URI that is not a string breaks nothing', async () => {
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: policy(1), version: 7 }, contentChanges: [{ text: 'not a policy' }] });
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: policy(2) } });
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 42, languageId: 'markdown', version: 1, text: 'x' } });
      // A real edit is still checked, its diagnostics published (drift on the config included).
      const text = policyText(1, 30);
      const expected = expectedDiagnostics(new Map([...generatedFiles(POLICIES), [policyRel(1), text]]), ws);
      const published = client.nextDiagnostics(policy(1), (d) => isDeepStrictEqual(d, expected.get(policy(1))));
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: policy(1), languageId: 'markdown', version: 1, text } });
      await published;
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
      for (const [u, list] of expected) assert.deepEqual(client.current(u), list, u);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 42 } });
      await answers();
    });
  });

  describe('the client goes away', () => {
    let ws: string;
    const started: ChildProcess[] = [];

    before(() => {
      ws = writeWorkspace(generatedFiles(POLICIES));
    });

    after(() => {
      for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fs.rmSync(ws, { recursive: true, force: true });
    });

    /** A server on `ws` with its policies open, so that closing them leaves work pending. */
    async function serve(processId = process.pid, options: object = { debounceMs: 0 }): Promise<LspClient> {
      const client = new LspClient();
      started.push(client.process);
      await client.initialize(ws, options, {}, processId);
      for (let i = 0; i < POLICIES; i++) {
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ws, policyRel(i)), languageId: 'markdown', version: 1, text: policyText(i) } });
      }
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
      return client;
    }

    async function assertGone(client: LspClient, since: number, boundMs: number, what: string): Promise<number> {
      const code = await withTimeout(exited(client.process), boundMs, `the server to exit after ${what}`);
      const latency = Date.now() - since;
      console.log(`      figures: exited ${latency} ms after ${what} (code ${code})`);
      assert.notEqual(code, null);
      assert.deepEqual(processesMentioning(ws), [], 'no process left working on the workspace');
      client.connection.dispose();
      return latency;
    }

    it('stdin closed: it exits at once, with no process left behind', async () => {
      const client = await serve();
      const since = Date.now();
      client.process.stdin!.end();
      // Without a shutdown request first, exit code 1, as LSP asks.
      assert.equal(await exited(client.process).then(() => client.process.exitCode), 1);
      await assertGone(client, since, 5_000, 'stdin closed');
    });

    it('stdin closed in the middle of a burst of edits: it exits without working through them', async () => {
      const client = await serve();
      for (let k = 0; k < 2_000; k++) {
        void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(ws, policyRel(k % POLICIES)), version: k + 2 }, contentChanges: [{ text: policyText(k % POLICIES, 8 + (k % 10)) }] }).catch(() => undefined);
      }
      const since = Date.now();
      client.process.stdin!.end();
      await assertGone(client, since, 5_000, 'stdin closed mid-burst');
    });

    it('the client process dies (stdin still open): it exits once it sees processId is gone', async () => {
      // The "client": a process the server is told about but that does not hold its pipes.
      const fakeClient = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
      started.push(fakeClient);
      const client = await serve(fakeClient.pid!);
      fakeClient.kill('SIGKILL');
      await exited(fakeClient);
      const since = Date.now();
      // vscode-languageserver polls processId every 3 s: a bound of 3 s and a margin for a loaded machine.
      const latency = await assertGone(client, since, 10_000, 'its client process was killed');
      assert.ok(latency <= 10_000);
      assert.equal(client.process.exitCode, 1);
    });
  });

  describe('a rule that throws (injected into a server run from source)', () => {
    const THROWING = 1;
    /** From source, main.ts puts docs beside server/src: only the rule pages' URIs differ. */
    const DOCS = path.join(REPO, 'server', 'src', 'docs', 'rules');
    let ws: string;
    let client: LspClient;

    before(async () => {
      ws = writeWorkspace(generatedFiles(POLICIES));
      client = new LspClient({ TENET_TEST_THROWING_RULE_FILE: policyRel(THROWING) }, [
        '--require',
        require.resolve('tsx/cjs'),
        '--require',
        path.join(REPO, 'test', 'helpers', 'throwing-rule.ts'),
        path.join(REPO, 'server', 'src', 'lsp', 'main.ts'),
        '--stdio',
      ]);
      await client.initialize(ws);
    });

    after(async () => {
      await client?.stop();
      if (ws) fs.rmSync(ws, { recursive: true, force: true });
    });

    /** Expected diagnostics, the throwing policy's with its internal/error (checked and removed). */
    function assertPublished(files: Map<string, string>): void {
      const expected = expectedDiagnostics(files, ws, DOCS);
      const throwing = uri(ws, policyRel(THROWING));
      const internal = client.current(throwing).filter((d) => d.code === 'internal/error');
      assert.equal(internal.length, 1, JSON.stringify(client.current(throwing)));
      assert.equal(internal[0].severity, 1);
      assert.equal(internal[0].range.start.line, 1, 'on the policy id');
      assert.match(String(internal[0].message), /^internal error in rule test\/throws: injected fault/);
      const rest = (u: string): Diagnostic[] => client.current(u).filter((d) => d.code !== 'internal/error');
      for (const u of new Set([...expected.keys(), ...client.diagnostics.keys()])) assert.deepEqual(rest(u), expected.get(u) ?? [], u);
      assert.ok(expected.get(throwing)?.some((d) => d.code === 'requirement/drift'), 'the throwing policy still gets its other findings');
    }

    it('that policy gets an internal/error diagnostic; every other diagnostic is still published', () => {
      assertPublished(generatedFiles(POLICIES));
    });

    it('and the server keeps serving: edits are checked again, requests answered', async () => {
      const files = generatedFiles(POLICIES);
      files.set(policyRel(THROWING), policyText(THROWING, 40));
      files.set(policyRel(0), policyText(0, 8));
      const expected = expectedDiagnostics(files, ws, DOCS);
      const both = [0, THROWING].map((i) => {
        const u = uri(ws, policyRel(i));
        return client.nextDiagnostics(u, (d) => isDeepStrictEqual(d.filter((x) => x.code !== 'internal/error'), expected.get(u) ?? []));
      });
      for (const i of [0, THROWING]) {
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ws, policyRel(i)), languageId: 'markdown', version: 1, text: files.get(policyRel(i))! } });
      }
      await Promise.all(both);
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
      assertPublished(files);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(ws, policyRel(THROWING)) }, position: REQUIREMENT });
      assert.match(JSON.stringify(hover), new RegExp(`${policyId(THROWING)} › min-length`));
    });
  });

  describe('edits pending when the workspace is rebuilt', () => {
    it('are checked in the new workspace only: the old one publishes nothing stale afterwards', async () => {
      const files = generatedFiles(POLICIES);
      // A setting the rebuilt workspace loses, so that the old one's findings would show.
      files.set('tenet.yaml', `${files.get('tenet.yaml')}rules:\n  requirement/drift: warning\n`);
      const ws = writeWorkspace(files);
      const client = new LspClient();
      try {
        // A debounce long enough for the edit to be still pending when tenet.yaml goes.
        await client.initialize(ws, { debounceMs: 600_000 });
        const text = policyText(0, 40);
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ws, policyRel(0)), languageId: 'markdown', version: 1, text } });
        fs.rmSync(path.join(ws, 'tenet.yaml'));
        const rebuilt = client.notification('tenet/status');
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(ws, 'tenet.yaml'), type: FileChangeType.Deleted }] });
        await rebuilt;
        // A request checks whatever is pending before it answers.
        await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
        files.delete('tenet.yaml');
        files.set(policyRel(0), text);
        const expected = expectedDiagnostics(files, ws);
        assert.ok([...expected.values()].flat().some((d) => d.code === 'requirement/drift' && d.severity === 1));
        for (const u of new Set([...expected.keys(), ...client.diagnostics.keys()])) assert.deepEqual(client.current(u), expected.get(u) ?? [], u);
      } finally {
        await client.stop();
        fs.rmSync(ws, { recursive: true, force: true });
      }
    });
  });

  describe('restart', () => {
    it('a second server on the same workspace, after the first is killed, publishes the same diagnostics', async () => {
      const ws = writeWorkspace(generatedFiles(POLICIES));
      const open = new Map([
        [policyRel(0), policyText(0, 8)],
        [policyRel(1), `${policyText(1, 13)}\n---broken`],
      ]);
      /** Starts a server, re-opens the unsaved buffers as the client does, returns all it published. */
      const run = async (): Promise<[LspClient, Map<string, Diagnostic[]>]> => {
        const client = new LspClient();
        await client.initialize(ws);
        for (const [rel, text] of open) {
          await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ws, rel), languageId: 'markdown', version: 1, text } });
        }
        await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
        return [client, new Map([...client.diagnostics].map(([u, p]) => [u, p.diagnostics] as const).filter(([, d]) => d.length > 0))];
      };
      try {
        const [first, firstSeen] = await run();
        first.process.kill('SIGKILL');
        await exited(first.process);
        first.connection.dispose();
        const [second, secondSeen] = await run();
        try {
          assert.deepEqual(secondSeen, firstSeen);
          assert.deepEqual(secondSeen, expectedDiagnostics(new Map([...generatedFiles(POLICIES), ...open]), ws));
        } finally {
          await second.stop();
        }
      } finally {
        fs.rmSync(ws, { recursive: true, force: true });
      }
    });
  });
});
