// Shared by the CLI tests: run main() in-process, run the built binary, make throwaway workspaces.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main, type CliIo } from '../../server/src/cli/main';
import { tempWorkspace } from '../helpers/tmp';

export const REPO = path.resolve(__dirname, '..', '..');
export const BIN = path.join(REPO, 'dist', 'cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; docsDir?: string }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    docsDir: options.docsDir,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The built CLI as a subprocess, from the repository root unless told otherwise. */
export function runBin(args: string[], options: { cwd?: string } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TENET_TODAY: '' };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, encoding: 'utf8', env });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A throwaway folder (real path, so path comparisons hold on macOS's /tmp symlink too). */
export function tempDir(prefix: string): string {
  return tempWorkspace(prefix);
}

export function writeFiles(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** A policy with one requirement reading `at` in `file`; `expect` and the review date are parameters. */
export function policy(id: string, options: { requirement?: string; file: string; at: string; expect: string; says?: string; owner?: boolean; last?: string }): string {
  return [
    '---',
    `policy: ${id}`,
    `title: ${id} policy`,
    ...(options.owner === false ? [] : ['owner: "@acme/security"']),
    'review:',
    '  every: annually',
    `  last: ${options.last ?? '2026-06-01'}`,
    'controls: [CC6.1]',
    'requirements:',
    `  ${options.requirement ?? 'req'}:`,
    `    says: ${options.says ?? 'The setting is as the policy says.'}`,
    `    expect: "${options.expect}"`,
    '    in:',
    `      - file: ${options.file}`,
    `        at: ${options.at}`,
    '---',
    '',
    `# ${id}`,
    '',
  ].join('\n');
}
