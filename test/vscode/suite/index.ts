// The extensionTestsPath module: VS Code (desktop or code-server) loads it in the extension host with
// the Tenet extension under development, and calls run(). It runs every *.test.js bundled beside it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // Generous per-test timeout: the tests wait for events with their own, shorter, explicit timeouts.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
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
