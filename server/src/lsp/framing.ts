// Re-frames the client's bytes (--stdio) before vscode-jsonrpc reads them. Its reader drops a header
// block it cannot use (`Content-Length: abc`, no Content-Length) but not the body after it, and then
// reads that body as the next message's headers: the real header there is swallowed, its body read as
// headers in turn, and so on — one bad header deafens the server for good while it stays alive. Here
// every frame is checked and passed on as `Content-Length: n\r\n\r\n` + body; bytes that do not start a
// valid header are skipped up to the next `Content-Length`, and reported. A body that is not JSON, or
// not JSON-RPC, keeps its framing and is the reader's to reject (it logs and goes on).

import { Transform, type TransformCallback } from 'node:stream';

/** A header block longer than this is not one (real ones are a line or two). */
const MAX_HEADER_BYTES = 8 * 1024;
const TOKEN = 'content-length';
const CRLF2 = '\r\n\r\n';
/** Only `Name: value` lines: what may legitimately precede Content-Length in a header block. */
const HEADER_LINES = /^(?:[!-9;-~]+:[^\r\n]*\r\n)*$/;

export class Reframer extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  /** Body length of the frame being read, once its header is parsed; -1 while reading a header. */
  private length = -1;
  /** Once a problem is reported, the bytes up to the next good header are part of it: not reported again. */
  private quiet = false;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.frames();
    done();
  }

  private frames(): void {
    for (;;) {
      if (this.length < 0) {
        const start = this.headerStart();
        if (start < 0) {
          // Keep what could be the start of a split `Content-Length`; the rest is noise.
          const keep = Math.min(this.buffer.length, TOKEN.length - 1);
          this.skip(this.buffer.length - keep, 'bytes outside any message');
          return;
        }
        this.skip(start, 'bytes before a message header');
        const end = this.buffer.indexOf(CRLF2, 0, 'latin1');
        if (end < 0 && this.buffer.length <= MAX_HEADER_BYTES) return;
        const header = this.buffer.toString('latin1', 0, end < 0 || end > MAX_HEADER_BYTES ? MAX_HEADER_BYTES : end);
        const length = /^content-length[ \t]*:[ \t]*(\d{1,15})[ \t]*(?:\r\n|$)/i.exec(header);
        if (end < 0 || end > MAX_HEADER_BYTES || !length || !HEADER_LINES.test(`${header}\r\n`)) {
          // Skip past this `Content-Length` only, and the bytes up to the next one (the body of a
          // message whose length is unknown) quietly: the next one may start a good frame.
          this.report(`malformed message header ${JSON.stringify(header.split('\r\n')[0].slice(0, 80))}: skipped to the next message`);
          this.buffer = this.buffer.subarray(TOKEN.length);
          this.quiet = true;
          continue;
        }
        this.length = Number(length[1]);
        this.quiet = false;
        this.buffer = this.buffer.subarray(end + CRLF2.length);
      }
      if (this.buffer.length < this.length) return;
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${this.length}${CRLF2}`, 'latin1'), this.buffer.subarray(0, this.length)]));
      this.buffer = this.buffer.subarray(this.length);
      this.length = -1;
    }
  }

  /** Where the next `Content-Length` header starts (either case, as clients write it), or -1. */
  private headerStart(): number {
    const upper = this.buffer.indexOf('Content-Length', 0, 'latin1');
    const lower = this.buffer.indexOf(TOKEN, 0, 'latin1');
    return upper < 0 ? lower : lower < 0 ? upper : Math.min(upper, lower);
  }

  private skip(bytes: number, what: string): void {
    if (bytes <= 0) return;
    const skipped = this.buffer.subarray(0, bytes);
    this.buffer = this.buffer.subarray(bytes);
    if (this.quiet) return;
    // Other header lines before Content-Length (Content-Type), and blank lines, are not errors.
    const text = skipped.toString('latin1', 0, Math.min(bytes, MAX_HEADER_BYTES));
    if (bytes <= MAX_HEADER_BYTES && (HEADER_LINES.test(text) || text.trim() === '')) return;
    this.report(`dropped ${bytes} byte${bytes === 1 ? '' : 's'} of ${what}`);
    this.quiet = true;
  }
}
