// The Reframer the server reads stdio through (server/src/lsp/framing.ts): good frames pass unchanged
// however the bytes are chunked; a malformed header costs that one message, reported, never the next.

import assert from 'node:assert/strict';
import { Reframer } from '../../server/src/lsp/framing';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Feeds `chunks` through a Reframer; the frames it passed on (as text) and the problems it reported. */
function reframe(chunks: (string | Buffer)[]): { out: string; problems: string[] } {
  const problems: string[] = [];
  const reframer = new Reframer((p) => problems.push(p));
  const out: Buffer[] = [];
  reframer.on('data', (d: Buffer) => out.push(d));
  for (const chunk of chunks) reframer.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return { out: Buffer.concat(out).toString(), problems };
}

describe('server stdio framing (Reframer)', () => {
  const bodies = ['{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}', '{"text":"héllo — ✓ 𝄞"}', '{"doc":"Content-Length: 3\\r\\n\\r\\nabc"}', '{}'];
  const stream = bodies.map(frame).join('');

  it('passes good frames unchanged, in one chunk or split at every byte', () => {
    assert.deepEqual(reframe([stream]), { out: stream, problems: [] });
    const bytes = Buffer.from(stream);
    assert.deepEqual(reframe([...bytes].map((b) => Buffer.from([b]))), { out: stream, problems: [] });
    for (let cut = 1; cut < bytes.length; cut += 7) assert.deepEqual(reframe([bytes.subarray(0, cut), bytes.subarray(cut)]), { out: stream, problems: [] }, `cut at ${cut}`);
  });

  it('accepts other headers and a lower-case name, and passes on Content-Length alone', () => {
    assert.deepEqual(reframe(['Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}', 'content-length: 2\r\n\r\n[]']), { out: `${frame('{}')}${frame('[]')}`, problems: [] });
  });

  it('drops a message whose Content-Length is not a number, and reads the next one', () => {
    const { out, problems } = reframe(['Content-Length: twelve\r\n\r\n{"id":1}', frame('{"id":2}')]);
    assert.equal(out, frame('{"id":2}'));
    assert.deepEqual(problems, ['malformed message header "Content-Length: twelve": skipped to the next message']);
  });

  it('skips what follows a header without Content-Length, a short length, or noise, up to the next header', () => {
    assert.equal(reframe(['Content-Type: x\r\n\r\n{"id":1}', frame('{"id":2}')]).out, frame('{"id":2}'));
    assert.equal(reframe([`Content-Length: 3\r\n\r\n{"id":1}${frame('{"id":2}')}`]).out, `${frame('{"i')}${frame('{"id":2}')}`);
    const noise = reframe(['GET / HTTP/1.1\r\n\r\n\u0000\u0001', frame('{"id":3}')]);
    assert.equal(noise.out, frame('{"id":3}'));
    assert.equal(noise.problems.length, 1);
  });

  it('keeps no more than a partial header of noise while waiting', () => {
    const reframer = new Reframer(() => undefined);
    reframer.write(Buffer.alloc(1 << 20, 'x'));
    assert.ok((reframer as unknown as { buffer: Buffer }).buffer.length < 16);
  });
});
