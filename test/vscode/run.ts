// Runs the VS Code suites (test/vscode/suite) in a real VS Code with the extension from this repo
// (dist/, so `npm run build` first), on a private copy of samples/soc2.
//
//   npx tsx test/vscode/run.ts                       code-server + headless Chromium (scripts/vscode/
//                                                    install-code-server.sh installs them)
//   npx tsx test/vscode/run.ts --desktop             desktop VS Code, downloaded by @vscode/test-electron
//                                                    (or TENET_VSCODE=desktop; TENET_VSCODE_VERSION picks
//                                                    the build, default stable)
//
// Both use @vscode/test-electron's runTests; for code-server, scripts/vscode/run-tests.js stands in for
// the VS Code executable. Exit code: 0 passed, 1 failed, 2 setup broke, 3 timeout.

import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const OUT = path.join(REPO, 'out', 'vscode-test');
const RUNNER = path.join(REPO, 'scripts', 'vscode', 'run-tests.js');

/**
 * Bundles each suite file into out/vscode-test; `vscode` comes from the extension host. Mocha is bundled
 * too: mocha 12 is ESM, which a require() from older extension hosts (Node < 20.19) could not load.
 */
async function buildSuites(): Promise<string> {
  const dir = path.join(REPO, 'test', 'vscode', 'suite');
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: REPO,
    entryPoints: fs.readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(dir, f)),
    outdir: OUT,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked', // for a debugger; stack traces name the bundles, which esbuild keeps readable
    external: ['vscode'],
    // mocha's parallel mode resolves its worker files at run time; the suites run serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
    logLevel: 'warning',
  });
  return path.join(OUT, 'index.js');
}

async function main(): Promise<number> {
  const desktop = process.argv.includes('--desktop') || process.env.TENET_VSCODE === 'desktop';
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first');
    return 2;
  }
  const extensionTestsPath = await buildSuites();
  // Everything the run may change lives in one temporary folder: the workspace (a copy of the sample,
  // so the suites may edit it) and a fresh VS Code profile (no state carried over between runs).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-vscode-'));
  const workspace = path.join(tmp, 'soc2');
  fs.cpSync(path.join(REPO, 'samples', 'soc2'), workspace, { recursive: true });
  try {
    if (!desktop) fs.chmodSync(RUNNER, 0o755); // in case a checkout lost the executable bit
    await runTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      ...(desktop ? { version: process.env.TENET_VSCODE_VERSION || 'stable' } : { vscodeExecutablePath: RUNNER }),
    });
    return 0;
  } catch (error) {
    const code = (error as { code?: number }).code;
    console.error(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return typeof code === 'number' && code > 0 ? code : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
