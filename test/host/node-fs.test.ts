import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../../server/src/engine/fs';
import { NodeFs, findWorkspaceRoot, isInside } from '../../server/src/host/node-fs';

/** Writes files (string contents) under `dir`, creating folders. */
function write(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Counts calls to fs functions NodeFs uses to open and read, restoring them afterwards. */
function countingReads<T>(run: () => T): { value: T; opens: number; reads: number } {
  // node-fs.ts reaches fs through the module object, so patching it here is seen there.
  const mutable = fs as unknown as { openSync: typeof fs.openSync; readSync: typeof fs.readSync; readFileSync: typeof fs.readFileSync };
  const { openSync, readSync, readFileSync } = mutable;
  let opens = 0;
  let reads = 0;
  mutable.openSync = ((...args: Parameters<typeof fs.openSync>) => (opens++, openSync(...args))) as typeof fs.openSync;
  mutable.readSync = ((...args: Parameters<typeof readSync>) => (reads++, readSync(...(args as [number, NodeJS.ArrayBufferView])))) as typeof fs.readSync;
  mutable.readFileSync = ((...args: Parameters<typeof readFileSync>) => (reads++, readFileSync(...args))) as typeof fs.readFileSync;
  try {
    return { value: run(), opens, reads };
  } finally {
    Object.assign(mutable, { openSync, readSync, readFileSync });
  }
}

/** Whether this process reads files regardless of their mode (root, CAP_DAC_OVERRIDE). */
function bypassesPermissions(file: string): boolean {
  try {
    fs.readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

describe('host/NodeFs', () => {
  let parent: string;
  let ws: string;
  let nodeFs: NodeFs;

  before(() => {
    parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-node-fs-')));
    ws = path.join(parent, 'ws');
    write(parent, { 'outside/secret.txt': 'secret\n' });
    write(ws, {
      'tenet.yaml': 'policies: ["policies/**/*.md"]\n',
      'infra/real.tf': 'resource "x" "y" {}\n',
      'policies/p.md': '---\npolicy: p\n---\n',
      'bin/blob.dat': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]),
      'bin/latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
    });
    nodeFs = new NodeFs(ws);
  });

  after(() => {
    // Restore modes first, or an unprivileged run could not delete the locked entries.
    for (const rel of ['locked.tf', 'closed']) {
      try {
        fs.chmodSync(path.join(ws, rel), 0o755);
      } catch {
        // not created by this run
      }
    }
    fs.rmSync(parent, { recursive: true, force: true });
  });

  describe('read', () => {
    it('reads a regular file', () => {
      assert.deepEqual(nodeFs.read('infra/real.tf'), { ok: true, text: 'resource "x" "y" {}\n' });
    });

    it('reports a missing file, and a path through a file, as missing', () => {
      assert.deepEqual(nodeFs.read('infra/nope.tf'), { ok: false, problem: 'missing', message: 'infra/nope.tf does not exist' });
      assert.deepEqual(nodeFs.read('infra/real.tf/x'), { ok: false, problem: 'missing', message: 'infra/real.tf/x does not exist' });
    });

    it('reports a directory', () => {
      assert.deepEqual(nodeFs.read('infra'), { ok: false, problem: 'directory', message: 'infra is a directory, not a file' });
    });

    it('refuses paths that leave the workspace lexically', () => {
      assert.deepEqual(nodeFs.read('../outside/secret.txt'), { ok: false, problem: 'outside', message: '../outside/secret.txt resolves outside the workspace' });
      assert.deepEqual(nodeFs.read('/etc/passwd'), { ok: false, problem: 'outside', message: '/etc/passwd resolves outside the workspace' });
    });

    it('refuses a symlink that climbs out with ..', () => {
      fs.symlinkSync('../../outside/secret.txt', path.join(ws, 'infra/up.tf'));
      fs.symlinkSync('..', path.join(ws, 'parent'));
      assert.deepEqual(nodeFs.read('infra/up.tf'), { ok: false, problem: 'outside', message: 'infra/up.tf resolves outside the workspace' });
      assert.deepEqual(nodeFs.read('parent/outside/secret.txt'), {
        ok: false,
        problem: 'outside',
        message: 'parent/outside/secret.txt resolves outside the workspace',
      });
    });

    it('refuses a symlink to /etc/passwd without reading it', () => {
      fs.symlinkSync('/etc/passwd', path.join(ws, 'infra/etc.tf'));
      const { value, opens, reads } = countingReads(() => nodeFs.read('infra/etc.tf'));
      assert.deepEqual(value, { ok: false, problem: 'outside', message: 'infra/etc.tf resolves outside the workspace' });
      assert.equal(opens + reads, 0);
    });

    it('refuses a dangling symlink that points outside, and reports one inside as missing', () => {
      fs.symlinkSync('../../outside/not-there.txt', path.join(ws, 'infra/gone.tf'));
      fs.symlinkSync('not-there.tf', path.join(ws, 'infra/dangling.tf'));
      assert.deepEqual(nodeFs.read('infra/gone.tf'), { ok: false, problem: 'outside', message: 'infra/gone.tf resolves outside the workspace' });
      assert.deepEqual(nodeFs.read('infra/dangling.tf'), {
        ok: false,
        problem: 'missing',
        message: 'infra/dangling.tf does not exist (it is a symbolic link to a missing file)',
      });
    });

    it('follows a symlink that stays inside the workspace', () => {
      fs.symlinkSync('infra/real.tf', path.join(ws, 'alias.tf'));
      assert.deepEqual(nodeFs.read('alias.tf'), { ok: true, text: 'resource "x" "y" {}\n' });
    });

    it('reports a symlink loop as unreadable', () => {
      fs.symlinkSync('loop-b', path.join(ws, 'loop-a'));
      fs.symlinkSync('loop-a', path.join(ws, 'loop-b'));
      assert.deepEqual(nodeFs.read('loop-a'), { ok: false, problem: 'unreadable', message: 'loop-a cannot be read: its symbolic links form a loop' });
    });

    it('refuses a FIFO without opening it (opening would block)', function () {
      const fifo = path.join(ws, 'pipe.tf');
      try {
        execFileSync('mkfifo', [fifo], { stdio: 'ignore' });
      } catch {
        this.skip(); // no mkfifo on this platform (Windows)
      }
      const { value, opens } = countingReads(() => nodeFs.read('pipe.tf'));
      assert.deepEqual(value, { ok: false, problem: 'unreadable', message: 'pipe.tf is not a regular file (it is a FIFO)' });
      assert.equal(opens, 0);
    });

    it('refuses a socket', async function () {
      if (process.platform === 'win32') this.skip(); // Windows named pipes do not live in the file system
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(ws, 'sock'), resolve));
      try {
        assert.deepEqual(nodeFs.read('sock'), { ok: false, problem: 'unreadable', message: 'sock is not a regular file (it is a socket)' });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('reports a file without read permission as unreadable', () => {
      write(ws, { 'locked.tf': 'x = 1\n' });
      const file = path.join(ws, 'locked.tf');
      fs.chmodSync(file, 0o000);
      if (bypassesPermissions(file)) {
        // Running as root: mode 000 does not stop reads, so the file is simply read.
        assert.deepEqual(nodeFs.read('locked.tf'), { ok: true, text: 'x = 1\n' });
      } else {
        assert.deepEqual(nodeFs.read('locked.tf'), { ok: false, problem: 'unreadable', message: 'locked.tf cannot be read: permission denied' });
      }
    });

    it('reports a file in a folder without search permission as unreadable', () => {
      write(ws, { 'closed/x.tf': 'x = 1\n' });
      fs.chmodSync(path.join(ws, 'closed'), 0o000);
      if (bypassesPermissions(path.join(ws, 'closed/x.tf'))) {
        assert.deepEqual(nodeFs.read('closed/x.tf'), { ok: true, text: 'x = 1\n' }); // root, as above
      } else {
        assert.deepEqual(nodeFs.read('closed/x.tf'), { ok: false, problem: 'unreadable', message: 'closed/x.tf cannot be read: permission denied' });
      }
    });

    it('refuses a 20 MB file by its size, without opening or reading it', () => {
      const file = path.join(ws, 'big.json');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, 20 * 1024 * 1024); // sparse: no 20 MB written to disk
      const { value, opens, reads } = countingReads(() => nodeFs.read('big.json'));
      assert.deepEqual(value, { ok: false, problem: 'too-large', message: 'the file is 20.0 MB, over the 10.0 MB limit' });
      assert.equal(opens + reads, 0);
    });

    it('reads a file of exactly the size limit (then decodes it)', () => {
      const file = path.join(ws, 'limit.json');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, MAX_FILE_BYTES);
      // All zero bytes: read in full, then refused as binary rather than as too large.
      assert.deepEqual(nodeFs.read('limit.json'), { ok: false, problem: 'binary', message: 'the file is binary (it contains NUL bytes)' });
    });

    it('refuses binary and non-UTF-8 files', () => {
      const { value, opens, reads } = countingReads(() => nodeFs.read('bin/blob.dat'));
      assert.deepEqual(value, { ok: false, problem: 'binary', message: 'the file is binary (it contains NUL bytes)' });
      // The spy works: this file was opened and read, so the zero counts above mean something.
      assert.equal(opens, 1);
      assert.ok(reads >= 1);
      assert.deepEqual(nodeFs.read('bin/latin1.txt'), { ok: false, problem: 'encoding', message: 'the file is not valid UTF-8' });
    });
  });

  describe('list', () => {
    let listRoot: string;

    before(() => {
      listRoot = path.join(parent, 'listing');
      write(listRoot, {
        'tenet.yaml': '',
        '.gitignore': '*.log\nbuild/\n/top-only.md\n',
        'a.md': '',
        'debug.log': '',
        'top-only.md': '',
        'excluded.md': '',
        'build/out.md': '',
        'sub/.gitignore': 'secret.md\n!keep.log\n/local.md\n',
        'sub/b.md': '',
        'sub/secret.md': '',
        'sub/keep.log': '',
        'sub/local.md': '',
        'sub/deeper/local.md': '',
        'sub/deeper/top-only.md': '',
        'sub/deeper/x.log': '',
        'sub/node_modules/x.md': '',
        'node_modules/pkg/index.md': '',
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.git/info/exclude': 'excluded.md\n',
      });
      fs.symlinkSync('sub', path.join(listRoot, 'linked'));
      fs.symlinkSync(path.join(parent, 'outside'), path.join(listRoot, 'escape'));
      fs.symlinkSync('a.md', path.join(listRoot, 'link.md'));
    });

    it('lists regular files, sorted, skipping .git, node_modules, gitignored paths and symlinks', () => {
      assert.deepEqual(new NodeFs(listRoot).list(), [
        '.gitignore',
        'a.md',
        'sub/.gitignore',
        'sub/b.md',
        'sub/deeper/local.md', // `/local.md` in sub/.gitignore is anchored to sub/
        'sub/deeper/top-only.md', // `/top-only.md` in the root .gitignore is anchored to the root
        'sub/keep.log', // re-included by sub/.gitignore's `!keep.log`
        'tenet.yaml',
      ]);
    });

    it('stops after the entry bound and says so', () => {
      const bounded = new NodeFs(listRoot, 5);
      const files = bounded.list();
      assert.ok(files.length <= 5, files.join(', '));
      assert.equal(bounded.listTruncated, true);
      const full = new NodeFs(listRoot);
      full.list();
      assert.equal(full.listTruncated, false);
    });
  });

  describe('findWorkspaceRoot', () => {
    it('walks up from a file or folder to the folder holding tenet.yaml', () => {
      assert.equal(findWorkspaceRoot(path.join(ws, 'policies/p.md')), ws);
      assert.equal(findWorkspaceRoot(path.join(ws, 'policies')), ws);
      assert.equal(findWorkspaceRoot(ws), ws);
      assert.equal(findWorkspaceRoot(path.join(ws, 'policies/not-yet.md')), ws);
    });

    it('returns undefined when no folder above has one', () => {
      assert.equal(findWorkspaceRoot(path.join(parent, 'outside/secret.txt')), undefined);
    });
  });

  it('isInside compares whole path segments', () => {
    assert.equal(isInside('/a/b', '/a/b'), true);
    assert.equal(isInside('/a/b', '/a/b/c'), true);
    assert.equal(isInside('/a/b', '/a/bc'), false);
    assert.equal(isInside('/a/b', '/a'), false);
    assert.equal(isInside('/a/b', '/a/b/..x'), true);
  });
});
