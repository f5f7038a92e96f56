// Generated workspaces for the server load and fault tests: N policies, each reading one small JSON
// config, and the oracle those tests compare the server with — a fresh one-shot lint() of given texts,
// converted to LSP diagnostics exactly as the server converts them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lint } from '../../server/src/engine/lint';
import { GitHistory } from '../../server/src/host/git';
import { NodeFs } from '../../server/src/host/node-fs';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import { REPO, uri } from './lsp';
import { tempWorkspace } from './tmp';

export const TENET_YAML = 'policies: ["policies/*.md"]\ntoday: 2026-11-22\n';

export const policyId = (i: number): string => `p${String(i).padStart(3, '0')}`;
export const policyRel = (i: number): string => `policies/${policyId(i)}.md`;
export const configRel = (i: number): string => `configs/${policyId(i)}.json`;

/** Policy `i`: one requirement on its config's password length; `min` is the expected minimum. */
export function policyText(i: number, min = 12, body = ''): string {
  return [
    '---',
    `policy: ${policyId(i)}`,
    `title: ${policyId(i)} policy`,
    'owner: "@acme/security"',
    'review:',
    '  every: annually',
    '  last: 2026-06-01',
    'controls: [CC6.1]',
    'requirements:',
    '  min-length:',
    '    says: Passwords are at least 12 characters long.',
    `    expect: ">= ${min}"`,
    '    in:',
    `      - file: ${configRel(i)}`,
    '        at: "$.password.min_length"',
    '---',
    '',
    `# Policy ${policyId(i)}`,
    body,
  ].join('\n');
}

/** Config `i`: lengths 10..14, so about half the policies drift from the start. */
export function configText(i: number): string {
  return `${JSON.stringify({ password: { min_length: 10 + (i % 5), max_age: 90 } }, null, 2)}\n`;
}

/** Every file of a generated workspace of `count` policies, by workspace-relative path. */
export function generatedFiles(count: number): Map<string, string> {
  const files = new Map<string, string>([['tenet.yaml', TENET_YAML]]);
  for (let i = 0; i < count; i++) {
    files.set(policyRel(i), policyText(i));
    files.set(configRel(i), configText(i));
  }
  return files;
}

/** A fresh git-initialized temp folder holding `files`. */
export function writeWorkspace(files: ReadonlyMap<string, string>, prefix = 'tenet-gen-'): string {
  const dir = tempWorkspace(prefix);
  for (const [rel, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Where a server's rule pages are: beside dist/ for the bundle, beside server/src/ when run from source. */
export const BUNDLE_DOCS = path.join(REPO, 'docs', 'rules');

/**
 * What a server on `serverRoot` should publish for these texts: they are written to a second temp
 * folder, linted once from scratch, and converted with the server's own toDiagnostics, with URIs in
 * `serverRoot`. Keyed by URI; files without findings are absent.
 */
export function expectedDiagnostics(files: ReadonlyMap<string, string>, serverRoot: string, docsDir = BUNDLE_DOCS): Map<string, Diagnostic[]> {
  const dir = writeWorkspace(files, 'tenet-expected-');
  try {
    const result = lint({ fs: new NodeFs(dir), root: dir, history: new GitHistory(dir) });
    const byRel = toDiagnostics(result, {
      uriOf: (rel) => uri(serverRoot, rel),
      docsOf: (rule) => pathToFileURL(path.join(docsDir, `${rule.replace('/', '-')}.md`)).toString(),
    });
    return new Map([...byRel].map(([rel, list]) => [uri(serverRoot, rel), list]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing burst can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resident set size of a live process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}
