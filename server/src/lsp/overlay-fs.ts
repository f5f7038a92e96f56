// Unsaved editor buffers win over the disk: the engine reads through this overlay.

import { MAX_FILE_BYTES, formatBytes, type ReadResult, type WorkspaceFs } from '../engine/fs';

export class OverlayFs implements WorkspaceFs {
  private readonly buffers = new Map<string, string>();

  constructor(private readonly disk: WorkspaceFs) {}

  setBuffer(rel: string, text: string): void {
    this.buffers.set(rel, text);
  }

  dropBuffer(rel: string): void {
    this.buffers.delete(rel);
  }

  hasBuffer(rel: string): boolean {
    return this.buffers.has(rel);
  }

  read(rel: string): ReadResult {
    const text = this.buffers.get(rel);
    if (text === undefined) return this.disk.read(rel);
    // Same bound as on disk, counted in UTF-16 units (a close, cheap proxy for bytes).
    if (text.length > MAX_FILE_BYTES) {
      return { ok: false, problem: 'too-large', message: `the file is ${formatBytes(text.length)}, over the ${formatBytes(MAX_FILE_BYTES)} limit` };
    }
    return { ok: true, text };
  }

  list(): string[] {
    const files = new Set(this.disk.list());
    for (const rel of this.buffers.keys()) files.add(rel);
    return [...files].sort();
  }
}
