// Bundles the CLI (and, once their sources exist, the language server and the VS Code client) with
// esbuild into self-contained CommonJS files, so the packaged extension carries no node_modules.
// Usage: node build.mjs [--watch]

import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const watch = process.argv.includes('--watch');

// One row per output file; rows whose source does not exist yet are skipped.
const ENTRIES = [
  { in: 'server/src/cli/bin.ts', out: 'dist/cli.js', executable: true },
  { in: 'server/src/cli/worker.ts', out: 'dist/lint-worker.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];

/** @param {typeof ENTRIES[number]} entry @returns {esbuild.BuildOptions} */
function options(entry) {
  const outfile = join(root, entry.out);
  return {
    absWorkingDir: root,
    entryPoints: [join(root, entry.in)],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // ESM builds first: jsonc-parser's UMD build requires its own files dynamically, which a bundle
    // cannot resolve.
    mainFields: ['module', 'main'],
    sourcemap: 'linked',
    external: entry.external ?? [],
    define: { TENET_VERSION: JSON.stringify(version) },
    banner: entry.executable ? { js: '#!/usr/bin/env node' } : undefined,
    logLevel: 'info',
    plugins: entry.executable
      ? [{ name: 'chmod', setup: (build) => build.onEnd((result) => void (result.errors.length === 0 && chmodSync(outfile, 0o755))) }]
      : [],
  };
}

const entries = ENTRIES.filter((entry) => existsSync(join(root, entry.in)));

// The Terraform/HCL parser is WebAssembly loaded at run time: the bundles find these files beside them.
const require = createRequire(import.meta.url);
const WASM = [
  'web-tree-sitter/web-tree-sitter.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
];
function copyWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const file of WASM) copyFileSync(require.resolve(file), join(root, 'dist', file.slice(file.lastIndexOf('/') + 1)));
}

try {
  copyWasm();
  if (watch) {
    for (const entry of entries) await (await esbuild.context(options(entry))).watch();
    console.log(`watching ${entries.map((e) => e.in).join(', ')}`);
  } else {
    await Promise.all(entries.map((entry) => esbuild.build(options(entry))));
  }
} catch {
  // esbuild has already printed the errors (logLevel info).
  process.exit(1);
}
