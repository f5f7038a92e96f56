// The built server driven by Neovim's built-in LSP client (headless, no plugins, no user config), on a
// private copy of samples/soc2: proves Tenet works with a standard client that is not ours, and that
// Neovim turns its publishDiagnostics into exactly the expected vim.diagnostic entries. The client
// side is test/neovim/tenet.lua; it writes what vim.diagnostic.get() holds as JSON.
//
// Needs `nvim` (>= 0.7.2) on PATH, or TENET_NVIM pointing at one: `npm run test:neovim` installs
// Debian's package first (scripts/neovim/install.sh). Plain `npm test` skips this file when Neovim
// is missing, so the default suite never depends on system packages.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, SERVER, copyFolder, uri } from '../helpers/lsp';

const NVIM = process.env.TENET_NVIM || 'nvim';
const SCRIPT = path.join(REPO, 'test', 'neovim', 'tenet.lua');
const POLICY = 'policies/change-management.md';
const CONFIG = 'github/branch-protection.json';
const DRIFT = 'required_approving_review_count is 1; policy change-management › two-approvals expects >= 2';
// vim.diagnostic.severity: ERROR = 1, WARN = 2, INFO = 3, HINT = 4 (same numbers as LSP's).
const ERROR = 1;
const WARN = 2;

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One entry of vim.diagnostic.get(bufnr), as tenet.lua exports it (0-based, byte columns). */
interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
  href?: string;
  related?: { location: { uri: string; range: Range }; message: string }[];
}

interface NvimResult {
  ok: boolean;
  error?: string;
  nvim: string;
  attached?: Record<string, boolean>;
  server_exit?: { code: number; signal: number };
  files: Record<string, NvimDiagnostic[]>;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs nvim to completion, killing it after `timeoutMs` (a headless nvim never exits by itself). */
function runNvim(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    // stdin ignored: a headless nvim would otherwise wait on (or read) the test runner's stdin.
    const child = spawn(NVIM, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('Neovim built-in LSP client (headless)', function () {
  this.timeout(60_000);
  let ws: string;
  let home: string;
  let run: Run;
  let result: NvimResult;

  before(async function () {
    const probe = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
    if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      // Neovim is a system package, not an npm dependency: `npm test` must pass without it.
      // `npm run test:neovim` installs it (scripts/neovim/install.sh) and runs this file.
      this.skip();
    }
    assert.equal(probe.status, 0, `${NVIM} --version failed: ${probe.error ?? probe.stderr}`);
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run node build.mjs first`);

    ws = copyFolder(path.join(REPO, 'samples', 'soc2'));
    // Neovim's own state (lsp.log, shada, swap) goes to a throwaway home, never the user's.
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-nvim-'));
    const out = path.join(home, 'diagnostics.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      XDG_STATE_HOME: path.join(home, 'state'),
      TENET_WORKSPACE: ws,
      TENET_OUT: out,
      TENET_FILES: `${CONFIG},${POLICY}`,
      TENET_SERVER: SERVER,
      TENET_NODE: process.execPath,
      TENET_TIMEOUT_MS: '20000',
    };
    // -l does not exist in 0.7.2 (Debian 12); `-c luafile` works in every version.
    // -u NONE: no user config or plugins; -i NONE: no shada; -n: no swap files.
    run = await runNvim(['--headless', '--noplugin', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], env, 45_000);
    const lspLog = ['cache', 'state'].map((d) => path.join(home, d, 'nvim', 'lsp.log')).find((f) => fs.existsSync(f));
    const report = [
      `nvim exited with code ${run.code} signal ${run.signal}`,
      `stderr: ${run.stderr.trim()}`,
      lspLog ? `lsp.log:\n${fs.readFileSync(lspLog, 'utf8').slice(-4000)}` : 'no lsp.log',
    ].join('\n');
    assert.ok(fs.existsSync(out), `tenet.lua wrote no result\n${report}`);
    result = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
    assert.equal(result.error, undefined, `tenet.lua failed\n${report}`);
    assert.equal(run.code, 0, report);
    assert.equal(result.ok, true, report);
  });

  after(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('attaches to both buffers and shuts the server down cleanly', () => {
    assert.match(result.nvim, /^\d+\.\d+\.\d+$/);
    assert.deepEqual(result.attached, { [CONFIG]: true, [POLICY]: true });
    assert.deepEqual(result.server_exit, { code: 0, signal: 0 });
  });

  it('shows exactly the drift on the config value, as an error from tenet', () => {
    assert.deepEqual(result.files[CONFIG], [
      {
        lnum: 25,
        col: 39,
        end_lnum: 25,
        end_col: 40,
        severity: ERROR,
        message: DRIFT,
        source: 'tenet',
        code: 'requirement/drift',
        href: `file://${REPO}/docs/rules/requirement-drift.md`,
        related: [{ location: { uri: uri(ws, POLICY), range: { start: { line: 12, character: 2 }, end: { line: 12, character: 15 } } }, message: 'requirement stated here' }],
      },
    ]);
  });

  it('shows the mirrored drift and the statement mismatch on the policy', () => {
    assert.deepEqual(result.files[POLICY], [
      {
        lnum: 12,
        col: 2,
        end_lnum: 12,
        end_col: 15,
        severity: ERROR,
        message: `drift in ${CONFIG}: ${DRIFT}`,
        source: 'tenet',
        code: 'requirement/drift',
        href: `file://${REPO}/docs/rules/requirement-drift.md`,
        related: [{ location: { uri: uri(ws, CONFIG), range: { start: { line: 25, character: 39 }, end: { line: 25, character: 40 } } }, message: DRIFT }],
      },
      {
        lnum: 42,
        col: 19,
        end_lnum: 42,
        end_col: 20,
        severity: WARN,
        message: '"says" states 3 but expect is "count >= 2": make the sentence and the check agree',
        source: 'tenet',
        code: 'requirement/statement-mismatch',
        href: `file://${REPO}/docs/rules/requirement-statement-mismatch.md`,
      },
    ]);
  });
});
