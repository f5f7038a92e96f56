// The engine never touches the disk itself: it reads through a WorkspaceFs, so the same checks run
// on the real file system (CLI), on editor buffers (language server) and in memory (tests).

export type ReadProblem = 'missing' | 'directory' | 'outside' | 'too-large' | 'binary' | 'encoding' | 'unreadable';

export type ReadResult = { ok: true; text: string } | { ok: false; problem: ReadProblem; message: string };

export interface WorkspaceFs {
  /** Reads a normalized workspace-relative path (see `resolveWorkspacePath`). */
  read(rel: string): ReadResult;
  /** Every workspace file (normalized relative paths), skipping `.git`, `node_modules` and gitignored paths. */
  list(): string[];
}

/** Files above this size are refused with a finding rather than parsed. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type PathResolution = { ok: true; rel: string } | { ok: false; reason: string };

/**
 * Turns a `file:` value into a normalized workspace-relative path, refusing anything that could
 * leave the workspace: absolute POSIX/Windows/UNC paths, drive letters, and `..` that escapes.
 * Symlinks are the WorkspaceFs's concern (it checks real paths).
 */
export function resolveWorkspacePath(raw: string): PathResolution {
  const path = raw.trim();
  if (path === '') return { ok: false, reason: 'the path is empty' };
  if (path.includes('\0')) return { ok: false, reason: 'the path contains a NUL character' };
  if (/^([a-zA-Z]:|[\\/])/.test(path) || /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(path)) {
    return { ok: false, reason: `"${raw}" is an absolute path` };
  }
  const parts: string[] = [];
  for (const segment of path.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return { ok: false, reason: `"${raw}" leaves the workspace` };
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  if (parts.length === 0) return { ok: false, reason: `"${raw}" is the workspace folder itself, not a file` };
  return { ok: true, rel: parts.join('/') };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes file bytes to text (UTF-8, or UTF-16 with a BOM), refusing binary and oversized content. */
export function decodeText(bytes: Uint8Array, limit = MAX_FILE_BYTES): ReadResult {
  if (bytes.length > limit) {
    return { ok: false, problem: 'too-large', message: `the file is ${formatBytes(bytes.length)}, over the ${formatBytes(limit)} limit` };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, problem: 'encoding', message: `the file is not valid ${encoding.toUpperCase()}` };
    }
  }
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return { ok: false, problem: 'binary', message: 'the file is binary (it contains NUL bytes)' };
  }
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, problem: 'encoding', message: 'the file is not valid UTF-8' };
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** An in-memory workspace: tests, and the base for editor overlays. */
export class MemoryFs implements WorkspaceFs {
  constructor(private readonly files: ReadonlyMap<string, string | Uint8Array>) {}

  read(rel: string): ReadResult {
    const content = this.files.get(rel);
    if (content === undefined) {
      const isDir = [...this.files.keys()].some((f) => f.startsWith(rel + '/'));
      return isDir
        ? { ok: false, problem: 'directory', message: `${rel} is a directory, not a file` }
        : { ok: false, problem: 'missing', message: `${rel} does not exist` };
    }
    return typeof content === 'string' ? decodeText(new TextEncoder().encode(content)) : decodeText(content);
  }

  list(): string[] {
    return [...this.files.keys()].sort();
  }
}
