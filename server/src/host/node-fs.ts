// The real-disk WorkspaceFs used by the CLI (and later the language server for unopened files).
// Everything here defends the engine against what a repository can contain: symlinks leaving the
// workspace or looping, FIFOs and devices that would block or never end, huge and unreadable files.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { decodeText, formatBytes, MAX_FILE_BYTES, type ReadResult, type WorkspaceFs } from '../engine/fs';

/** list() stops after visiting this many directory entries, so a huge tree cannot stall a lint. */
export const MAX_LIST_ENTRIES = 200_000;

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const CONFIG_FILE = 'tenet.yaml';

// O_NONBLOCK: if a regular file is swapped for a FIFO after our stat, open() still returns at once.
// O_NOFOLLOW: the path is already a real path, so a symlink appearing there is a swap, not a link.
// Both are undefined on Windows, where neither race applies in the same way.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

// Git matches ignore patterns case-insensitively where the file system is (core.ignorecase).
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

export class NodeFs implements WorkspaceFs {
  /** The workspace folder with symlinks resolved; every read must stay under it. */
  readonly rootReal: string;
  /** True when the last list() hit MAX_LIST_ENTRIES and returned a partial list. */
  listTruncated = false;

  constructor(
    readonly root: string,
    readonly maxListEntries = MAX_LIST_ENTRIES,
  ) {
    this.rootReal = fs.realpathSync.native(path.resolve(root));
  }

  read(rel: string): ReadResult {
    const abs = path.resolve(this.rootReal, rel);
    // Lexical check first: `..` or an absolute path must be refused even when the target is missing.
    if (!isInside(this.rootReal, abs)) return outside(rel);

    let real: string;
    try {
      real = fs.realpathSync.native(abs);
    } catch (error) {
      // A dangling link that points out of the workspace is still a link out of the workspace.
      const target = errorCode(error) === 'ENOENT' ? danglingTarget(abs) : undefined;
      if (target !== undefined) {
        if (!isInside(this.rootReal, target)) return outside(rel);
        return { ok: false, problem: 'missing', message: `${rel} does not exist (it is a symbolic link to a missing file)` };
      }
      return fromError(rel, error);
    }
    if (!isInside(this.rootReal, real)) return outside(rel);

    // stat before open: opening a FIFO blocks until a writer appears, and some devices act on open.
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch (error) {
      return fromError(rel, error);
    }
    const kind = checkKind(rel, stat);
    if (kind) return kind;
    if (stat.size > MAX_FILE_BYTES) return tooLarge(stat.size);

    let fd: number;
    try {
      fd = fs.openSync(real, OPEN_FLAGS);
    } catch (error) {
      // `real` has no symbolic link in it, so O_NOFOLLOW failing means one was swapped in since.
      if (errorCode(error) === 'ELOOP') return { ok: false, problem: 'unreadable', message: `${rel} cannot be read: it was replaced by a symbolic link while being read` };
      return fromError(rel, error);
    }
    try {
      // fstat on the open descriptor is what we actually read, whatever happened since the stat.
      const opened = fs.fstatSync(fd);
      const openedKind = checkKind(rel, opened);
      if (openedKind) return openedKind;
      if (opened.size > MAX_FILE_BYTES) return tooLarge(opened.size);
      const bytes = readAll(fd, opened.size);
      if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length);
      return decodeText(bytes);
    } catch (error) {
      return fromError(rel, error);
    } finally {
      fs.closeSync(fd);
    }
  }

  list(): string[] {
    const files: string[] = [];
    let visited = 0;
    this.listTruncated = false;
    const rootIgnores: IgnoreScope[] = [];
    const exclude = readIgnoreFile(path.join(this.rootReal, '.git', 'info', 'exclude'));
    if (exclude) rootIgnores.push({ base: '', rules: exclude });

    // Depth-first with an explicit stack: deep trees cannot overflow the call stack.
    const stack: { dir: string; ignores: IgnoreScope[] }[] = [{ dir: '', ignores: rootIgnores }];
    while (stack.length > 0) {
      const { dir, ignores: inherited } = stack.pop()!;
      const absDir = dir === '' ? this.rootReal : path.join(this.rootReal, dir);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(absDir, { withFileTypes: true });
      } catch {
        continue; // unreadable or vanished folder: its files simply are not discovered
      }
      // readdir order depends on the file system; sorting keeps a truncated list reproducible.
      entries.sort((a, b) => compareStrings(a.name, b.name));
      let ignores = inherited;
      if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
        const rules = readIgnoreFile(path.join(absDir, '.gitignore'));
        if (rules) ignores = [...inherited, { base: dir, rules }];
      }
      for (const entry of entries) {
        if (++visited > this.maxListEntries) {
          this.listTruncated = true;
          return files.sort(compareStrings);
        }
        const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        // Symlinks are neither listed nor followed (git stores them as links too); a policy can
        // still name a symlinked source in `file:`, and read() then checks where it really points.
        if (entry.isDirectory()) {
          if (SKIPPED_DIRS.has(entry.name) || isIgnored(ignores, rel, true)) continue;
          stack.push({ dir: rel, ignores });
        } else if (entry.isFile()) {
          if (entry.name === '.git' || isIgnored(ignores, rel, false)) continue;
          files.push(rel);
        }
      }
    }
    return files.sort(compareStrings);
  }
}

/**
 * The nearest folder at or above `start` (a file or folder) that holds a `tenet.yaml`, if any.
 */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir); // a path that does not exist yet: search from its folder
  }
  for (;;) {
    try {
      if (fs.statSync(path.join(dir, CONFIG_FILE)).isFile()) return dir;
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Whether `child` is `parent` or below it (both absolute, already normalized). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

interface IgnoreScope {
  /** Workspace-relative folder of the .gitignore; its patterns are relative to it. */
  base: string;
  rules: Ignore;
}

function isIgnored(scopes: readonly IgnoreScope[], rel: string, isDir: boolean): boolean {
  // The deepest .gitignore with an opinion wins, as in git; a `!pattern` there re-includes.
  for (let i = scopes.length - 1; i >= 0; i--) {
    const { base, rules } = scopes[i];
    const local = base === '' ? rel : rel.slice(base.length + 1);
    const result = rules.test(isDir ? `${local}/` : local);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

function readIgnoreFile(file: string): Ignore | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return ignore({ ignorecase: IGNORE_CASE }).add(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readAll(fd: number, expected: number): Uint8Array {
  // Read until EOF rather than trusting the size: the file may change while we read. The spare
  // byte notices growth; one byte past the limit is enough to know the file is too large.
  let buffer = Buffer.allocUnsafe(Math.min(expected, MAX_FILE_BYTES) + 1);
  let length = 0;
  for (;;) {
    const n = readRetrying(fd, buffer, length);
    if (n === 0) break;
    length += n;
    if (length === buffer.length) {
      if (length > MAX_FILE_BYTES) break;
      const grown = Buffer.allocUnsafe(Math.min(length * 2, MAX_FILE_BYTES + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
  }
  return buffer.subarray(0, length);
}

function readRetrying(fd: number, buffer: Buffer, offset: number): number {
  // O_NONBLOCK can surface EAGAIN on exotic file systems; a regular file never stays unready.
  for (let attempt = 0; ; attempt++) {
    try {
      return fs.readSync(fd, buffer, offset, buffer.length - offset, null);
    } catch (error) {
      if (errorCode(error) !== 'EAGAIN' || attempt >= 100) throw error;
    }
  }
}

function checkKind(rel: string, stat: fs.Stats): ReadResult | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return { ok: false, problem: 'directory', message: `${rel} is a directory, not a file` };
  const kind = stat.isFIFO()
    ? 'a FIFO'
    : stat.isCharacterDevice()
      ? 'a character device'
      : stat.isBlockDevice()
        ? 'a block device'
        : stat.isSocket()
          ? 'a socket'
          : 'a special file';
  return { ok: false, problem: 'unreadable', message: `${rel} is not a regular file (it is ${kind})` };
}

function outside(rel: string): ReadResult {
  return { ok: false, problem: 'outside', message: `${rel} resolves outside the workspace` };
}

function tooLarge(size: number): ReadResult {
  // Same wording as decodeText, which sees only files that passed this check.
  return { ok: false, problem: 'too-large', message: `the file is ${formatBytes(size)}, over the ${formatBytes(MAX_FILE_BYTES)} limit` };
}

function fromError(rel: string, error: unknown): ReadResult {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, problem: 'missing', message: `${rel} does not exist` };
    case 'EISDIR':
      return { ok: false, problem: 'directory', message: `${rel} is a directory, not a file` };
    case 'ELOOP':
      return { ok: false, problem: 'unreadable', message: `${rel} cannot be read: its symbolic links form a loop` };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, problem: 'unreadable', message: `${rel} cannot be read: permission denied` };
    case 'ENAMETOOLONG':
      return { ok: false, problem: 'unreadable', message: `${rel} cannot be read: the path is too long` };
    default:
      return { ok: false, problem: 'unreadable', message: `${rel} cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Where a dangling symlink at `abs` points, or undefined when `abs` is not one. */
function danglingTarget(abs: string): string | undefined {
  try {
    if (!fs.lstatSync(abs).isSymbolicLink()) return undefined;
    const parent = fs.realpathSync.native(path.dirname(abs));
    return path.resolve(parent, fs.readlinkSync(abs));
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
