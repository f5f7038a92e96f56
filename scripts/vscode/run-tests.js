#!/usr/bin/env node
/*
 * A drop-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) that
 * runs the extension tests in code-server (VS Code's workbench + Node extension host, from npm) with
 * the workbench loaded in Debian's Chromium, headless, driven by playwright-core. No desktop VS Code,
 * no Electron: it works where only the npm registry and Debian's packages are reachable.
 *
 * Arguments are VS Code's own: --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
 * [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]. Other flags (--no-sandbox, --skip-welcome...)
 * mean nothing to code-server and are ignored.
 *
 * Exit code: 0 the suites passed, 1 they failed (or failed to load), 2 the setup broke (code-server or
 * Chromium), 3 timeout.
 *
 * Environment:
 *   CODE_SERVER_BIN           code-server (default .vscode-test/code-server/node_modules/.bin/code-server)
 *   CHROMIUM_PATH             Chromium (default /usr/bin/chromium)
 *   TENET_VSCODE_TIMEOUT      whole-run timeout in ms (default 300000)
 *   TENET_VSCODE_SCREENSHOTS  folder: the suites may ask for screenshots (NAME.png) at chosen moments
 *   TENET_VSCODE_KEEP=1       keep the run folder (logs, profiles) even when the run passes
 *   TENET_VSCODE_VERBOSE=1    echo code-server's log and the browser console
 *
 * How: code-server rejects the test flags on its command line, but the browser workbench takes them in
 * its URL (`payload`). When the tests end, the workbench calls window.codeAutomationExit(code) if the
 * page defines it (playwright's exposeFunction). `debugId` in the payload makes the extension host copy
 * its console (mocha's report) to its stdout, which code-server logs and this script prints.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const t0 = Date.now();
const info = (...m) => console.error(`[run-tests ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...m);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv) {
  const out = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, ignored: [] };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      out.folder = path.resolve(arg);
      continue;
    }
    let [key, value] = arg.slice(2).split(/=(.*)/s);
    if (value === undefined && valued.has(key)) value = argv[++i];
    if (key === 'extensionDevelopmentPath') out.dev.push(path.resolve(value));
    else if (key === 'extensionTestsPath') out.tests = path.resolve(value);
    else if (key === 'user-data-dir') out.userDataDir = path.resolve(value);
    else if (key === 'extensions-dir') out.extensionsDir = path.resolve(value);
    else out.ignored.push(arg);
  }
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => request.destroy());
  });
}

/**
 * Returns a line consumer for code-server's log that prints what the extension host's console wrote.
 * With `debugId`, each console call reaches the ext host's stdout as
 * "START_NATIVE_LOG\n<text>\nEND_NATIVE_LOG"; code-server logs each chunk it reads from that pipe as
 * "[hh:mm:ss] [ip][id][ExtensionHostConnection] <pid> <chunk>" (stderr: "<pid><stderr> <chunk>").
 * Chunks split anywhere and the two pipes interleave, so chunks are joined per (pid, pipe) first.
 */
function extensionHostConsole(print) {
  const RECORD = /^\[\d\d:\d\d:\d\d\] |^\[\d{4}-\d\d-\d\dT/;
  const CHUNK = /^\[\d\d:\d\d:\d\d\] \[[^\]]*\]\[[^\]]*\]\[ExtensionHostConnection\] <(\d+)>(<stderr>)? /;
  const START = 'START_NATIVE_LOG\n';
  const END = '\nEND_NATIVE_LOG';
  const pipes = new Map();
  let current = null; // the pipe whose chunk continues on the next log line
  const feed = (pipe, text) => {
    pipe.buf += text;
    for (;;) {
      const s = pipe.buf.indexOf(START);
      if (s < 0) return void (pipe.buf = pipe.buf.slice(-START.length)); // keep a split marker
      const e = pipe.buf.indexOf(END, s + START.length - 1);
      if (e < 0) return void (pipe.buf = pipe.buf.slice(s));
      print(pipe.buf.slice(s + START.length, e), pipe.stderr);
      pipe.buf = pipe.buf.slice(e + END.length);
    }
  };
  return (line) => {
    const m = CHUNK.exec(line);
    if (m) {
      const key = m[1] + (m[2] ? 'e' : 'o');
      if (!pipes.has(key)) pipes.set(key, { buf: '', stderr: !!m[2] });
      current = pipes.get(key);
      feed(current, line.slice(m[0].length));
    } else if (RECORD.test(line)) {
      current = null;
    } else if (current) {
      feed(current, '\n' + line);
    }
  };
}

/**
 * Serves GET /?name=NAME[&selector=CSS[&text=TEXT]] for the suites (helpers.ts screenshot()): waits until
 * an element matching CSS (and holding TEXT) is visible, writes a PNG of the workbench to DIR/NAME.png,
 * and answers with its path once it is written, so the suite knows the moment was captured.
 */
async function screenshotServer(dir, page) {
  const port = await freePort();
  const server = http.createServer(async (req, res) => {
    const query = new URL(req.url, 'http://x').searchParams;
    const file = path.join(dir, `${path.basename(query.get('name') || 'workbench')}.png`);
    try {
      const selector = query.get('selector');
      if (selector) await page().locator(selector, { hasText: query.get('text') || undefined }).first().waitFor({ timeout: 15_000 });
      fs.mkdirSync(dir, { recursive: true });
      await page().screenshot({ path: file });
      info(`screenshot ${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
      res.end(file);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.dev.length === 0 || !args.tests) {
    console.error('usage: run-tests.js --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [FOLDER]');
    return 2;
  }
  if (args.ignored.length) info('ignored (desktop-only flags):', args.ignored.join(' '));
  const codeServer = process.env.CODE_SERVER_BIN || path.join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(codeServer)) {
    info(`no code-server at ${codeServer}: run scripts/vscode/install-code-server.sh`);
    return 2;
  }
  const verbose = process.env.TENET_VSCODE_VERBOSE === '1';
  const timeoutMs = Number(process.env.TENET_VSCODE_TIMEOUT || 300_000);

  // A fresh run folder holds everything the run writes: code-server's sockets (TMPDIR; keep the path
  // short, unix socket paths are limited to 107 bytes), its XDG data and cache, the profiles, the logs.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-vsc-'));
  const userDataDir = args.userDataDir || path.join(runDir, 'user-data');
  const extensionsDir = args.extensionsDir || path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    // What desktop's --skip-welcome does, and no marketplace checks (there is no network).
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false }, null, 2));
  }
  const runEnv = {
    TMPDIR: runDir,
    XDG_DATA_HOME: path.join(runDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg', 'cache'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'config'),
  };

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const env = { ...process.env, ...runEnv };
  // Variables of an enclosing VS Code/code-server terminal would make this one talk to that one.
  for (const key of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'CODE_SERVER_PARENT_PID', 'PASSWORD', 'HASHED_PASSWORD']) delete env[key];
  // No extension gallery (no service URL): the run makes no requests beyond 127.0.0.1.
  env.EXTENSIONS_GALLERY ??= '{}';

  let shots;
  let page;
  const screenshotDir = process.env.TENET_VSCODE_SCREENSHOTS && path.resolve(process.env.TENET_VSCODE_SCREENSHOTS);
  if (screenshotDir) {
    shots = await screenshotServer(screenshotDir, () => page);
    env.TENET_VSCODE_SCREENSHOT_URL = shots.url; // code-server's env is the extension host's env
  }

  // ---- code-server, detached: its own process group, killed whole at the end --------------------
  info(`code-server on ${authority}, run folder ${runDir}`);
  const server = spawn(codeServer, ['--auth', 'none', '--bind-addr', authority, '--config', path.join(runDir, 'config.yaml'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--disable-proxy', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--log', 'info'],
  { env, cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let exited = null;
  const serverExit = new Promise((resolve) => server.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  const serverLog = fs.createWriteStream(path.join(runDir, 'server.log'));
  for (const stream of [server.stdout, server.stderr]) {
    const parse = extensionHostConsole((text, stderr) => (stderr ? process.stderr : process.stdout).write(text));
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (data) => {
      serverLog.write(data);
      if (verbose) process.stderr.write(data);
      const lines = (pending + data).split('\n');
      pending = lines.pop();
      lines.forEach(parse);
    });
  }

  let browser;
  const shutdown = async () => {
    shots?.close();
    await browser?.close().catch(() => {});
    const alive = () => {
      try {
        process.kill(-server.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // The whole group: the file watcher and pty host outlive a killed server otherwise.
    for (const [signal, waitMs] of [['SIGTERM', 5000], ['SIGKILL', 2000]]) {
      if (!alive()) break;
      try {
        process.kill(-server.pid, signal);
      } catch {
        /* gone */
      }
      for (let waited = 0; waited < waitMs && alive(); waited += 100) await sleep(100);
    }
    await Promise.race([serverExit, sleep(2000)]);
    serverLog.end();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      info(`${signal}: stopping`);
      await shutdown();
      process.exit(130);
    });
  }

  let exitCode = 2;
  try {
    for (const started = Date.now(); !(await healthy(`http://${authority}/healthz`)); await sleep(200)) {
      if (exited) throw new Error(`code-server exited at start (${JSON.stringify(exited)}); see ${runDir}/server.log`);
      if (Date.now() - started > 60_000) throw new Error('code-server was not ready within 60 s');
    }
    info('code-server ready');

    // ---- the workbench in headless Chromium ---------------------------------------------------
    const { chromium } = require(require.resolve('playwright-core', { paths: [REPO, process.cwd()] }));
    browser = await chromium.launchPersistentContext(path.join(runDir, 'chromium'), {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true, // playwright adds --headless
      viewport: { width: 1280, height: 800 },
      env: { ...process.env, ...runEnv }, // Chromium's crashpad and dconf files go to XDG_* too
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = browser.pages()[0] || (await browser.newPage());
    const browserLog = fs.createWriteStream(path.join(runDir, 'browser.log'));
    page.on('console', (m) => {
      browserLog.write(`[${m.type()}] ${m.text()}\n`);
      if (verbose) process.stderr.write(`[browser:${m.type()}] ${m.text()}\n`);
    });
    page.on('pageerror', (error) => browserLog.write(`[pageerror] ${error.stack || error}\n`));
    let testsEnded;
    const ended = new Promise((resolve) => (testsEnded = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => testsEnded(code));
    // Once defined, the workbench sends its own log here instead of the browser console.
    await page.exposeFunction('codeAutomationLog', (type, parts) => browserLog.write(`[workbench:${type}] ${(parts || []).join(' ')}\n`));

    const remote = (p) => `vscode-remote://${authority}${p.split('/').map(encodeURIComponent).join('/')}`;
    const payload = [...args.dev.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(args.tests)], ['debugId', 'tenet-tests']];
    const where = args.folder ? `folder=${encodeURIComponent(args.folder)}` : 'ew=true';
    await page.goto(`http://${authority}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    info('workbench loaded; running the suites');

    const result = await Promise.race([
      ended.then((code) => ({ code })),
      serverExit.then((e) => ({ error: `code-server exited during the run (${JSON.stringify(e)})` })),
      new Promise((resolve) => page.on('crash', () => resolve({ error: 'the browser page crashed' }))),
      sleep(timeoutMs).then(() => ({ error: `timeout after ${timeoutMs} ms`, timeout: true })),
    ]);
    if (result.error) info(result.error);
    exitCode = result.timeout ? 3 : result.error ? 2 : result.code === 0 ? 0 : 1;
    browserLog.end();
  } catch (error) {
    info('setup failed:', error?.stack || error);
    exitCode = 2;
  } finally {
    await shutdown();
  }
  if (exitCode === 0 && process.env.TENET_VSCODE_KEEP !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  else info(`logs kept in ${runDir}`);
  info(`exit code ${exitCode}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
