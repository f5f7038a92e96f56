// Reads and parses each source file once per lint (and, in the editor, once per version: the server
// invalidates a file when its buffer or disk content changes).

import { resolveWorkspacePath, type ReadProblem, type WorkspaceFs } from '../fs';
import { formatFor, supportedFormats } from './formats';
import type { LoadContext, LoadedSource } from './source';

export type SourceLoad =
  | { ok: true; rel: string; source: LoadedSource }
  | { ok: false; rel?: string; problem: ReadProblem | 'format'; message: string };

export class SourceStore {
  private readonly cache = new Map<string, SourceLoad>();
  private readonly reads = new Map<string, ReturnType<LoadContext['read']>>();
  private readonly context: LoadContext;

  constructor(private readonly fs: WorkspaceFs) {
    this.context = {
      // A Terraform module's files are read by every selection in their folder: kept until invalidated.
      read: (rel) => {
        let read = this.reads.get(rel);
        if (read === undefined) {
          const r = this.fs.read(rel);
          this.reads.set(rel, (read = r.ok ? { ok: true, text: r.text } : { ok: false }));
        }
        return read;
      },
      list: () => this.list(),
    };
  }

  /** The workspace's files. Walking the workspace is costly: the listing lasts until a file appears or disappears. */
  list(): string[] {
    return (this.listing ??= this.fs.list());
  }

  /** `raw` is a `file:` value from a policy. */
  load(raw: string): SourceLoad {
    const resolved = resolveWorkspacePath(raw);
    if (!resolved.ok) return { ok: false, problem: 'outside', message: resolved.reason };
    const rel = resolved.rel;
    let result = this.cache.get(rel);
    if (result === undefined) {
      result = this.read(rel);
      this.cache.set(rel, result);
    }
    return result;
  }

  private read(rel: string): SourceLoad {
    const format = formatFor(rel);
    const read = this.fs.read(rel);
    if (!read.ok) {
      // Some WorkspaceFs messages already start with the path ("conf is a directory, not a file").
      const message = read.message.startsWith(`${rel} `) ? read.message : read.problem === 'missing' ? `${rel} does not exist` : `${rel}: ${read.message}`;
      return { ok: false, rel, problem: read.problem, message };
    }
    if (!format) return { ok: false, rel, problem: 'format', message: `${rel}: Tenet cannot read this kind of file (it reads ${supportedFormats()})` };
    return { ok: true, rel, source: format.load(rel, read.text, this.context) };
  }

  private listing?: string[];

  /** Forget a file (edited, saved, created, deleted), or everything. `exists`: whether it is there now. */
  invalidate(rel?: string, exists?: boolean): void {
    if (rel === undefined) {
      this.cache.clear();
      this.reads.clear();
      this.listing = undefined;
      return;
    }
    this.cache.delete(rel);
    this.reads.delete(rel);
    if (this.listing && exists !== this.listing.includes(rel)) this.listing = undefined;
  }

  /** Text of a loaded file, for positions in findings. */
  text(rel: string): string | undefined {
    const r = this.fs.read(rel);
    return r.ok ? r.text : undefined;
  }
}
