// Helpers for the VS Code suites: workspace paths, waiting for Tenet's diagnostics (events and a
// timeout, never a fixed sleep), plain views of diagnostics for deepEqual, and screenshots.

import * as vscode from 'vscode';

export const POLICY = 'policies/change-management.md';
export const CONFIG = 'github/branch-protection.json';
export const DRIFT = 'required_approving_review_count is 1; policy change-management › two-approvals expects >= 2';

/** The workspace folder: run.ts opens a private copy of samples/soc2, so tests may edit it. */
export function workspace(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open: launch with test/vscode/run.ts');
  return folder.uri;
}

export const uri = (rel: string): vscode.Uri => vscode.Uri.joinPath(workspace(), rel);

/** Tenet's diagnostics on a file, as the Problems panel has them. */
export const tenet = (target: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(target).filter((d) => d.source === 'tenet');

export interface PlainDiagnostic {
  range: string;
  severity: string;
  source?: string;
  code?: string;
  /** The rule's documentation page (the code's link). */
  docs?: string;
  message: string;
  related?: { file: string; range: string; message: string }[];
}

const rangeText = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const relPath = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);

/** A diagnostic as a plain object (0-based `line:char-line:char` ranges, workspace-relative paths). */
export function plain(d: vscode.Diagnostic): PlainDiagnostic {
  const out: PlainDiagnostic = { range: rangeText(d.range), severity: vscode.DiagnosticSeverity[d.severity], source: d.source, message: d.message };
  if (typeof d.code === 'object') {
    out.code = String(d.code.value);
    out.docs = d.code.target.toString();
  } else if (d.code !== undefined) {
    out.code = String(d.code);
  }
  if (d.relatedInformation?.length) out.related = d.relatedInformation.map((r) => ({ file: relPath(r.location.uri), range: rangeText(r.location.range), message: r.message }));
  return out;
}

/** Resolves with Tenet's diagnostics on `target` once `test` accepts them (checked now and on every change). */
export function waitForDiagnostics(target: vscode.Uri, test: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = tenet(target);
      if (!test(current)) return false;
      done();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === target.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${relPath(target)}; it has ${JSON.stringify(tenet(target).map(plain), null, 1)}`));
    }, timeoutMs);
    const done = () => {
      listener.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/**
 * Records, from now on, every change of Tenet's diagnostics on `target`; `until` resolves once the
 * recorded sequence satisfies `test` (e.g. "cleared, then back").
 */
export function recordDiagnostics(target: vscode.Uri) {
  const seen: vscode.Diagnostic[][] = [];
  const waiters: (() => void)[] = [];
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => u.toString() === target.toString())) return;
    seen.push(tenet(target));
    waiters.forEach((w) => w());
  });
  return {
    seen,
    until(test: (seen: vscode.Diagnostic[][]) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listener.dispose();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${relPath(target)}; saw ${JSON.stringify(seen.map((l) => l.map(codeOf)))}`));
        }, timeoutMs);
        const check = () => {
          if (!test(seen)) return;
          clearTimeout(timer);
          listener.dispose();
          resolve();
        };
        waiters.push(check);
        check();
      });
    },
    dispose: () => listener.dispose(),
  };
}

/**
 * Asks the code-server runner (scripts/vscode/run-tests.js) for a PNG of the workbench once `selector`
 * (holding `text`) is on screen. A no-op elsewhere (desktop VS Code), or when screenshots are not asked
 * for (TENET_VSCODE_SCREENSHOTS unset).
 */
export async function screenshot(name: string, selector?: string, text?: string): Promise<string | undefined> {
  const base = process.env.TENET_VSCODE_SCREENSHOT_URL;
  if (!base) return undefined;
  const query = new URLSearchParams({ name, ...(selector ? { selector } : {}), ...(text ? { text } : {}) });
  const res = await fetch(`${base}?${query}`);
  const body = await res.text();
  if (!res.ok) throw new Error(`screenshot ${name} failed: ${body}`);
  return body;
}

/** The Tenet extension under test (publisher.name from package.json). */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension('tenet.tenet');
  if (!ext) throw new Error('the Tenet extension (tenet.tenet) is not loaded');
  return ext;
}

/** The rule's documentation page that a diagnostic's code links to: shipped with the extension. */
export const docs = (rule: string): string => vscode.Uri.joinPath(extension().extensionUri, 'docs', 'rules', `${rule.replace('/', '-')}.md`).toString();

/** What Tenet reports on samples/soc2's branch-protection export (the server's stdio test has the same). */
export function expectedConfig(): PlainDiagnostic[] {
  return [
    {
      range: '25:39-25:40',
      severity: 'Error',
      source: 'tenet',
      code: 'requirement/drift',
      docs: docs('requirement/drift'),
      message: DRIFT,
      related: [{ file: POLICY, range: '12:2-12:15', message: 'requirement stated here' }],
    },
  ];
}

/** What Tenet reports on the change-management policy: the mirrored drift and the statement mismatch. */
export function expectedPolicy(): PlainDiagnostic[] {
  return [
    {
      range: '12:2-12:15',
      severity: 'Error',
      source: 'tenet',
      code: 'requirement/drift',
      docs: docs('requirement/drift'),
      message: `drift in ${CONFIG}: ${DRIFT}`,
      related: [{ file: CONFIG, range: '25:39-25:40', message: DRIFT }],
    },
    {
      range: '42:19-42:20',
      severity: 'Warning',
      source: 'tenet',
      code: 'requirement/statement-mismatch',
      docs: docs('requirement/statement-mismatch'),
      message: '"says" states 3 but expect is "count >= 2": make the sentence and the check agree',
    },
  ];
}

export const codeOf = (d: vscode.Diagnostic): string | undefined => (typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code));

/**
 * Resolves with what `probe` returns once it is not undefined, asking again every `intervalMs`; for
 * state VS Code has no event for (a quick input on screen, a provider's answer). Rejects after `timeoutMs`.
 */
export async function poll<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Where `needle` starts in `doc` (its `nth` occurrence, 0-based), moved `delta` characters on. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${nth}) is not in ${relPath(doc.uri)}`);
  }
  return doc.positionAt(at + delta);
}

/** 0-based `line:char-line:char`, as plain() writes ranges. */
export const rangeOf = (r: vscode.Range): string => rangeText(r);

/**
 * Discards unsaved changes to `target` (the editor's File: Revert), so a test leaves the workspace as it
 * found it: the document matches the disk again.
 */
export async function revert(target: vscode.Uri): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(target);
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (doc.isDirty) throw new Error(`${relPath(target)} is still dirty after File: Revert`);
}

/** Closes every editor tab showing `target`. */
export async function closeEditors(target: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === target.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
