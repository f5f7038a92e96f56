// Tenet: Show Compliance Dashboard — a webview with the control coverage heat map, the policies and the
// drifting requirements, from the server's `tenet/dashboard`, asked again after every `tenet/status`
// while someone looks. Clicking a cell or an item opens the policy or config at the range.
//
// The webview is locked down: no remote content (default-src 'none'), its script and style sheet come
// from the extension's media/ folder only (localResourceRoots) and run only with this page's nonce, and
// it renders workspace strings with textContent, never as markup. Its messages are checked: it may only
// open a location the current model names.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DASHBOARD_REQUEST, type DashboardRange, type DashboardResult } from '../../server/src/lsp/protocol';

/** What the webview reports it shows once it rendered a model (read from its DOM). */
export interface RenderedView {
  /** The model version it rendered. */
  version: number;
  /** One per heat-map row: `CC8.1 drift: -,drift,-,-,-,-` (criterion, summary, cells; `-` not covered). */
  rows: string[];
  /** The heat map's column headers. */
  columns: string[];
  /** The policy list, one text per row. */
  policies: string[];
  /** The drifting requirements, one text per item. */
  drifting: string[];
  /** Whether the page's style sheet (media/dashboard.css) applied. */
  styled: boolean;
  /** What the page's Content-Security-Policy blocked (`directive uri`). */
  violations: string[];
}

/** The answer of tenet.showDashboard: the model the panel was sent, and what the webview rendered of it. */
export interface DashboardSnapshot {
  model: DashboardResult | undefined;
  rendered: RenderedView | undefined;
}

/** A message from the webview. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'open'; uri: string; range: DashboardRange }
  | ({ type: 'rendered' } & RenderedView);

/**
 * The latest `tenet/dashboard` answer, shared by the panel and the Policies view. Asked again on
 * `statusChanged()` when a view that shows it is visible; otherwise only marked stale, and asked when
 * one becomes visible.
 */
export class DashboardStore implements vscode.Disposable {
  private current: DashboardResult | undefined;
  private readonly emitter = new vscode.EventEmitter<DashboardResult | undefined>();
  readonly onDidChange = this.emitter.event;
  private running: Promise<DashboardResult | undefined> | undefined;
  private again = false;
  private stale = true;
  private readonly interests = new Set<() => boolean>();

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get model(): DashboardResult | undefined {
    return this.current;
  }

  /** `visible` says whether a view shows the model now; while none does, changes only mark it stale. */
  watch(visible: () => boolean): vscode.Disposable {
    this.interests.add(visible);
    return { dispose: () => this.interests.delete(visible) };
  }

  /** The server checked again (tenet/status), started or stopped. */
  statusChanged(): void {
    this.stale = true;
    if ([...this.interests].some((visible) => visible())) void this.refresh();
  }

  /** Asks again if anything changed while no view was visible. */
  refreshIfStale(): Promise<DashboardResult | undefined> {
    return this.stale ? this.refresh() : Promise.resolve(this.current);
  }

  /** Asks the server now; a call while a request runs makes it ask once more when that one ends. */
  refresh(): Promise<DashboardResult | undefined> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          this.stale = false;
          this.current = await this.fetch();
          this.emitter.fire(this.current);
        } while (this.again);
        return this.current;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async fetch(): Promise<DashboardResult | undefined> {
    const client = this.client();
    if (!client) return undefined;
    try {
      return await client.sendRequest<DashboardResult>(DASHBOARD_REQUEST, {});
    } catch (error) {
      // A server stopping or restarting: the next status asks again.
      if (this.client() === client) this.output.warn(`Tenet: the dashboard request failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.emitter.dispose();
    this.interests.clear();
  }
}

/** Opens `uri` with `range` selected, in `column`. */
export async function openLocation(uri: string, range: DashboardRange, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const at = (p: DashboardRange['start']) => new vscode.Position(p.line, p.character);
  const selection = new vscode.Range(at(range.start), at(range.end));
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri, true), { selection, viewColumn: column, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Every URI the model names: the only ones the webview may ask to open. */
function knownUris(model: DashboardResult | undefined): Set<string> {
  const uris = new Set<string>();
  for (const project of model?.projects ?? []) {
    for (const p of project.policies) uris.add(p.uri);
    for (const r of project.requirements) {
      uris.add(r.uri);
      for (const v of r.offending) uris.add(v.uri);
    }
  }
  return uris;
}

const isPosition = (p: unknown): p is DashboardRange['start'] =>
  typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character) && (p as { line: number }).line >= 0 && (p as { character: number }).character >= 0;
const isRange = (r: unknown): r is DashboardRange => typeof r === 'object' && r !== null && isPosition((r as DashboardRange).start) && isPosition((r as DashboardRange).end);

const RENDER_TIMEOUT_MS = 15_000;

export class DashboardPanel implements vscode.Disposable {
  static readonly viewType = 'tenet.dashboard';
  private panel: vscode.WebviewPanel | undefined;
  private version = 0;
  private last: RenderedView | undefined;
  private readonly renderWaiters: { version: number; resolve: (view: RenderedView | undefined) => void }[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: DashboardStore,
  ) {
    this.disposables.push(
      store.watch(() => this.panel?.visible === true),
      store.onDidChange((model) => this.post(model)),
    );
  }

  /** The model last sent to the webview, and what the webview last said it rendered. */
  snapshot(): DashboardSnapshot {
    return { model: this.store.model, rendered: this.last };
  }

  /** Opens (or reveals) the panel, asks the server, and resolves once the webview rendered the answer. */
  async show(): Promise<DashboardSnapshot> {
    if (this.panel) this.panel.reveal(undefined, false);
    else this.create();
    await this.store.refresh(); // posts the answer to the webview through onDidChange
    // The version that carries it; a webview still loading gets it again when it says it is ready.
    await this.rendered(this.version);
    return this.snapshot();
  }

  private create(): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, 'Tenet: Compliance', column, {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [media],
    });
    this.panel = panel;
    panel.webview.html = this.html(panel.webview, media);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message), undefined, this.disposables);
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.visible) void this.store.refreshIfStale();
    }, undefined, this.disposables);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.last = undefined;
      for (const w of this.renderWaiters.splice(0)) w.resolve(undefined);
    }, undefined, this.disposables);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = newNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.css'));
    const csp = `default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
    // No workspace text here: the script fills the page from the model it is sent.
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" nonce="${nonce}" href="${style.toString()}">
<title>Tenet: Compliance</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty">Waiting for the Tenet language server…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  /** Sends the model to the webview (a new version each time). */
  private post(model: DashboardResult | undefined): void {
    if (!this.panel) return;
    this.version++;
    void this.panel.webview.postMessage({ type: 'model', version: this.version, model: model ?? null });
  }

  private rendered(version: number): Promise<RenderedView | undefined> {
    if (this.last && this.last.version >= version) return Promise.resolve(this.last);
    return new Promise((resolve) => {
      const waiter = { version, resolve };
      this.renderWaiters.push(waiter);
      setTimeout(() => {
        const i = this.renderWaiters.indexOf(waiter);
        if (i >= 0) this.renderWaiters.splice(i, 1);
        resolve(undefined);
      }, RENDER_TIMEOUT_MS);
    });
  }

  /**
   * What the panel does with a webview message (exported through the extension's API so tests can
   * send the message a click sends). Resolves with the editor an `open` showed.
   */
  async receive(message: unknown): Promise<vscode.TextEditor | undefined> {
    if (typeof message !== 'object' || message === null) return undefined;
    const m = message as WebviewMessage;
    switch (m.type) {
      case 'ready':
        // A (re)loaded webview — first shown, or shown again after being hidden — gets the model again.
        this.post(this.store.model);
        return undefined;
      case 'refresh':
        await this.store.refresh();
        return undefined;
      case 'rendered':
        if (typeof m.version !== 'number') return undefined;
        this.last = {
          version: m.version,
          rows: strings(m.rows),
          columns: strings(m.columns),
          policies: strings(m.policies),
          drifting: strings(m.drifting),
          styled: m.styled === true,
          violations: strings(m.violations),
        };
        for (const w of [...this.renderWaiters]) {
          if (w.version <= m.version) {
            this.renderWaiters.splice(this.renderWaiters.indexOf(w), 1);
            w.resolve(this.last);
          }
        }
        return undefined;
      case 'open': {
        // Only what the model names: a compromised page cannot make the extension open anything else.
        if (typeof m.uri !== 'string' || !isRange(m.range) || !knownUris(this.store.model).has(m.uri)) return undefined;
        // Beside the dashboard, which stays in view.
        const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
        return openLocation(m.uri, m.range, column);
      }
      default:
        return undefined;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

function newNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}
