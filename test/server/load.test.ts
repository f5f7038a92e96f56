// The built server under load: 100 policies open, 10,000 didChange notifications sent in one burst
// (full-text and incremental, sometimes several changes in one notification), with the default
// 200 ms debounce and with none. Afterwards every file's diagnostics must equal a fresh lint of the
// final texts, and the server's memory must come back down.
//
// Memory: force GC is not available in the server process, and V8 keeps some of the heap it grew, so
// "back to baseline" means: resident set size, polled until the burst has settled, within
// RSS_MARGIN of the RSS measured after the 100 policies were opened and indexed. A leak of the burst
// itself (10,000 texts, pending timers or messages, one diagnostics set per version) would be far more.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  WorkspaceSymbolRequest,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine/lines';
import { applyEdits } from '../helpers/edits';
import { expectedDiagnostics, generatedFiles, policyRel, policyText, random, rssOf, writeWorkspace } from '../helpers/generated';
import { LspClient, uri } from '../helpers/lsp';

const POLICIES = 100;
const EDITS = 10_000;
const RSS_MARGIN = 50 * 1024 * 1024;
/** How long the server gets to work through the burst (it is measured and printed; see the figures). */
const SETTLE_MS = 240_000;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One didChange worth of edits to `text`, and the text after them, as an editor would send them. */
function nextEdit(i: number, text: string, rnd: () => number): { changes: TextDocumentContentChangeEvent[]; text: string } {
  const pick = rnd();
  const int = (n: number) => Math.floor(rnd() * n);
  const at = (t: string, start: number, end: number) => {
    const index = new LineIndex(t);
    return { start: index.positionAt(start), end: index.positionAt(end) };
  };
  type Ranged = { range: ReturnType<typeof at>; text: string };
  const apply = (t: string, change: Ranged) => applyEdits(t, [{ range: change.range, newText: change.text }]);
  // The expected minimum, when the text still has one: the edit that flips drift on and off.
  const number = (t: string): Ranged | undefined => {
    const m = /">= (\d+)"/.exec(t);
    if (!m) return undefined;
    const start = m.index + 4;
    return { range: at(t, start, start + m[1].length), text: String(8 + int(10)) };
  };
  const append = (t: string): Ranged => ({ range: at(t, t.length, t.length), text: `line ${int(1000)} of prose.\n` });
  const stray = (t: string): Ranged => {
    const start = int(t.length + 1);
    // A stray character or a small deletion anywhere, the front matter included (it may break it).
    return rnd() < 0.5 ? { range: at(t, start, start), text: 'x :-"#\n'[int(7)] } : { range: at(t, start, Math.min(t.length, start + 1 + int(5))), text: '' };
  };

  let changes: TextDocumentContentChangeEvent[];
  if (pick < 0.25) {
    changes = [{ text: policyText(i, 8 + int(10), 'prose\n'.repeat(int(4))) }];
  } else if (pick < 0.6) {
    changes = [number(text) ?? append(text)];
  } else if (pick < 0.75) {
    changes = [append(text)];
  } else if (pick < 0.9) {
    // Several changes in one notification apply in order, each to the result of the previous one.
    const first = number(text) ?? stray(text);
    changes = [first, append(apply(text, first))];
  } else {
    changes = [stray(text)];
  }
  let out = text;
  for (const change of changes) out = 'range' in change ? apply(out, change) : change.text;
  return { changes, text: out };
}

for (const debounceMs of [200, 0]) {
  describe(`language server under load: ${EDITS} edits across ${POLICIES} open policies, debounce ${debounceMs} ms`, function () {
    this.timeout(SETTLE_MS + 60_000);
    let ws: string;
    let client: LspClient;
    const texts: string[] = [];
    let baseline = 0;
    let burstMs = 0;

    const barrier = () => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'no-such-symbol' });

    before(async () => {
      const files = generatedFiles(POLICIES);
      ws = writeWorkspace(files);
      client = new LspClient();
      await client.initialize(ws, debounceMs === 200 ? {} : { debounceMs });
      for (let i = 0; i < POLICIES; i++) {
        texts.push(files.get(policyRel(i))!);
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ws, policyRel(i)), languageId: 'markdown', version: 1, text: texts[i] } });
      }
      // A request checks pending edits before it answers: once answered, indexing is done.
      await barrier();
      baseline = rssOf(client.process.pid!);
    });

    after(async () => {
      await client?.stop();
      if (ws) fs.rmSync(ws, { recursive: true, force: true });
    });

    it('publishes, for every file, exactly what a fresh lint of the final texts finds', async () => {
      const rnd = random(0x7e4e7 + debounceMs);
      const versions = texts.map(() => 1);
      const sends: Promise<void>[] = [];
      const started = Date.now();
      for (let round = 0; round < EDITS / POLICIES; round++) {
        // Each round edits every document once, in a random order.
        const order = [...texts.keys()].sort(() => rnd() - 0.5);
        for (const i of order) {
          const { changes, text } = nextEdit(i, texts[i], rnd);
          texts[i] = text;
          sends.push(client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(ws, policyRel(i)), version: ++versions[i] }, contentChanges: changes }));
        }
      }
      await Promise.all(sends);
      const sentMs = Date.now() - started;

      const final = generatedFiles(POLICIES);
      texts.forEach((text, i) => final.set(policyRel(i), text));
      const expected = expectedDiagnostics(final, ws);
      const uris = () => new Set([...expected.keys(), ...client.diagnostics.keys()]);
      // The burst really varied the findings: drift, clean policies and broken front matter all remain.
      const codes = new Set([...expected.values()].flat().map((d) => d.code));
      assert.ok(codes.has('requirement/drift') && codes.has('front-matter/syntax'), `final findings: ${[...codes].join(', ')}`);
      assert.ok(texts.some((_, i) => !expected.has(uri(ws, policyRel(i)))), 'some policies end clean');

      // Await each file's publication of its final diagnostics, on the server's own schedule (its
      // debounce timers, not a request's flush).
      const deadline = started + SETTLE_MS;
      for (const u of uris()) {
        const want = expected.get(u) ?? [];
        if (!isDeepStrictEqual(client.current(u), want)) await client.nextDiagnostics(u, (d) => isDeepStrictEqual(d, want), Math.max(1, deadline - Date.now()));
      }
      burstMs = Date.now() - started;

      // Then nothing later may overwrite them: a request flushes whatever is still pending, and
      // every notification sent before its answer has arrived by then.
      await barrier();
      for (const u of uris()) assert.deepEqual(client.current(u), expected.get(u) ?? [], u);
      // Every open policy's last publication carries a version the editor has sent.
      for (let i = 0; i < POLICIES; i++) {
        const published = client.diagnostics.get(uri(ws, policyRel(i)));
        if (published?.version !== undefined) assert.ok(published.version >= 1 && published.version <= versions[i]);
      }
      // Configs are not open: their drift is published on them all the same.
      assert.ok([...expected.keys()].some((u) => u.startsWith(uri(ws, 'configs/'))));
      console.log(`      figures: ${EDITS} didChange written in ${sentMs} ms; final diagnostics of ${uris().size} files after ${burstMs} ms`);
    });

    it(`returns to within ${MB(RSS_MARGIN)} of its resident memory after indexing`, async () => {
      assert.ok(burstMs > 0, 'the burst ran');
      const bound = baseline + RSS_MARGIN;
      const rss = await settledRss(client.process.pid!, bound, 30_000);
      console.log(`      figures: RSS after indexing ${MB(baseline)}, after the burst settled ${MB(rss)} (${rss >= baseline ? '+' : ''}${MB(rss - baseline)})`);
      assert.ok(rss <= bound, `RSS ${MB(rss)} is over ${MB(bound)} (baseline ${MB(baseline)} + ${MB(RSS_MARGIN)})`);
    });
  });
}

/**
 * The server's RSS once it is at most `bound`, or the last reading after `timeoutMs`: bounded polling,
 * the one place these tests wait on the clock (V8 returns memory on its own schedule, announced by no message).
 */
async function settledRss(pid: number, bound: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let rss = rssOf(pid);
  while (rss > bound && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    rss = rssOf(pid);
  }
  return rss;
}
