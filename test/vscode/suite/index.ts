// The extensionTestsPath module: VS Code (desktop or code-server) loads it in the extension host with
// the Tenet extension under development, and calls run(). It runs every *.test.js bundled beside it,
// in file-name order. The extension host inherits the runner's environment:
//   TENET_VSCODE_GREP=TEXT    run only the tests whose full title matches TEXT (a regular expression)
//   TENET_VSCODE_REVERSE=1    run the files in reverse order (each must leave the workspace as it found it)

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  // The browser workbench (code-server) auto-saves after a delay by default, desktop VS Code does not:
  // off, so an unsaved edit a test makes stays unsaved until the test reverts it. The profile is the
  // run's own (a fresh --user-data-dir), so this user setting goes with it.
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  // Generous per-test timeout: the tests wait for events with their own, shorter, explicit timeouts.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(process.env.TENET_VSCODE_GREP ? { grep: process.env.TENET_VSCODE_GREP } : {}) });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (process.env.TENET_VSCODE_REVERSE === '1') files.reverse();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    } catch (error) {
      reject(error);
    }
  });
  console.log(`vscode: ${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  if (stats.failures > 0 || stats.passes === 0) throw new Error(`${stats.failures} VS Code test(s) failed`);
}
