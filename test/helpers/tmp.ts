// Temporary workspaces for tests. Each is a fresh git repository with nothing committed: the
// backdating check then has a history to read (an empty one) instead of reporting that it was
// skipped, so tests see only the findings they are about.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempWorkspace(prefix = 'tenet-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const git = spawnSync('git', ['init', '-q', dir], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr || git.error?.message}`);
  return dir;
}
