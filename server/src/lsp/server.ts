// The language server: editor events in, diagnostics out. All checking is the engine's; this layer
// maps files to projects, debounces edits, and publishes only what changed.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  CodeActionKind,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prepareTerraform } from '../engine/index';
import { RULE_IDS } from '../engine/rules/registry';
import type { SeveritySetting } from '../engine/types';
import { NodeFs } from '../host/node-fs';
import { DiagnosticBuilder } from './diagnostics';
import { Project } from './project';
import { codeActions } from './features/actions';
import { completion } from './features/completion';
import { FeatureContext } from './features/context';
import { hover } from './features/hover';
import { dashboard } from './features/dashboard';
import { codeLenses } from './features/lenses';
import { definition, documentLinks, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { DASHBOARD_REQUEST, DEFAULT_SETTINGS, LINT_WORKSPACE_COMMAND, STATUS_NOTIFICATION, type StatusParams, type TenetSettings } from './protocol';

export interface ServerOptions {
  /** Folder holding the rule documentation pages (docs/rules). */
  docsDir?: string;
}

export class TenetServer {
  readonly documents = new TextDocuments(TextDocument);
  private projects: Project[] = [];
  private folders: string[] = [];
  private settings: TenetSettings = DEFAULT_SETTINGS;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private canPullSettings = false;
  private canWatchFiles = false;
  private canShowProgress = false;
  private canFollowFolders = false;
  private initOptions: Partial<TenetSettings> = {};

  constructor(private readonly connection: Connection, private readonly options: ServerOptions = {}) {
    // Parsers that load asynchronously (tree-sitter for Terraform) are ready before any check runs.
    connection.onInitialize(async (params) => {
      await prepareTerraform();
      return this.initialize(params);
    });
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration(() => void this.reloadSettings());
    connection.onDidChangeWatchedFiles(({ changes }) => {
      const touched = new Set<Project>();
      for (const change of changes) {
        const file = this.filePath(change.uri);
        if (!file) continue;
        // An open buffer wins over the disk, unless the file is gone.
        if (change.type !== FileChangeType.Deleted && this.documents.get(change.uri)) continue;
        if (path.basename(file) === 'tenet.yaml' && change.type !== FileChangeType.Changed) {
          this.buildProjects();
          this.checkAll();
          return;
        }
        const project = this.projectOf(file);
        const rel = project?.rel(file);
        if (project && rel) {
          // A deleted file is gone even if an editor still shows it: its buffer no longer stands in.
          if (change.type === FileChangeType.Deleted) project.fs.dropBuffer(rel);
          project.changed([rel]);
          touched.add(project);
        }
      }
      for (const project of touched) this.checkAndPublish(project);
    });
    connection.onExecuteCommand(({ command }) => {
      if (command !== LINT_WORKSPACE_COMMAND) return undefined;
      this.buildProjects();
      this.checkAll();
      return this.status();
    });
    connection.onShutdown(() => this.dropPending());

    connection.onHover(({ textDocument, position }) => this.feature(textDocument.uri, null, (c) => hover(c, position)));
    connection.onDefinition(({ textDocument, position }) => this.feature(textDocument.uri, [], (c) => definition(c, position)));
    connection.onReferences(({ textDocument, position }) => this.feature(textDocument.uri, [], (c) => references(c, position)));
    connection.onDocumentLinks(({ textDocument }) => this.feature(textDocument.uri, [], (c) => documentLinks(c)));
    connection.onCodeLens(({ textDocument }) => this.feature(textDocument.uri, [], (c) => codeLenses(c)));
    connection.onDocumentSymbol(({ textDocument }) => this.feature(textDocument.uri, [], (c) => documentSymbols(c)));
    connection.onWorkspaceSymbol(({ query }) =>
      this.guard([], () => {
        this.flushAll();
        return workspaceSymbols(this.projects, query, (p, rel) => this.uriOf(p, rel), (p, rel, span) => new FeatureContext(p, rel, (r) => this.uriOf(p, r)).rangeOf(span));
      }),
    );
    connection.onCompletion(({ textDocument, position }) => this.feature(textDocument.uri, [], (c) => completion(c, position)));
    connection.onCodeAction(({ textDocument, range, context }) => this.feature(textDocument.uri, [], (c) => codeActions(c, range, context.diagnostics)));
    connection.onPrepareRename(({ textDocument, position }) => this.feature(textDocument.uri, null, (c) => prepareRename(c, position)));
    connection.onRenameRequest(({ textDocument, position, newName }) => this.feature(textDocument.uri, null, (c) => rename(c, position, newName)));
    connection.onRequest(DASHBOARD_REQUEST, () => this.guard({ projects: [] }, () => (this.flushAll(), dashboard(this.settings.enable ? this.projects : [], (p, rel) => this.uriOf(p, rel)))));

    this.documents.onDidOpen(({ document }) => this.openedOrClosed(document));
    this.documents.onDidChangeContent(({ document }) => this.edited(document, false));
    this.documents.onDidClose(({ document }) => {
      this.openedOrClosed(document);
      this.edited(document, true);
    });
    this.documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    this.canPullSettings = capabilities.workspace?.configuration === true;
    this.canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canShowProgress = capabilities.window?.workDoneProgress === true;
    this.canFollowFolders = capabilities.workspace?.workspaceFolders === true;
    this.initOptions = (params.initializationOptions ?? {}) as Partial<TenetSettings>;
    this.settings = { ...DEFAULT_SETTINGS, ...this.initOptions };
    this.folders = folderPaths(params.workspaceFolders, params.rootUri, params.rootPath);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: [' ', '.', '[', ',', '$', '/'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tenet' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.canPullSettings) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'tenet' });
    if (this.canWatchFiles) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (this.canFollowFolders) this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => fileURLToPath(f.uri)));
      this.folders = [...this.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => fileURLToPath(f.uri))];
      this.buildProjects();
      this.checkAll();
    });
    await this.reloadSettings(true);
  }

  private async reloadSettings(first = false): Promise<void> {
    if (this.canPullSettings) {
      try {
        const pulled = (await this.connection.workspace.getConfiguration('tenet')) as Partial<TenetSettings> | null;
        this.settings = { ...DEFAULT_SETTINGS, ...this.initOptions, ...(pulled ?? {}) };
      } catch (error) {
        this.connection.console.warn(`tenet: could not read settings: ${String(error)}`);
      }
    }
    this.buildProjects();
    if (first) await this.withProgress('Tenet: indexing policies', () => this.checkAll());
    else this.checkAll();
  }

  private async withProgress(title: string, work: () => void): Promise<void> {
    if (!this.canShowProgress) return work();
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin(title, undefined, `${this.projects.length} workspace${this.projects.length === 1 ? '' : 's'}`);
    try {
      work();
    } finally {
      progress.done();
    }
  }

  /** A project per folder holding tenet.yaml in each editor folder, else the editor folder itself. */
  private buildProjects(): void {
    const options = {
      today: this.settings.today || process.env.TENET_TODAY || undefined,
      rules: this.ruleSettings(),
    };
    const roots = new Set<string>();
    for (const folder of this.folders) {
      let configs: string[] = [];
      try {
        configs = new NodeFs(folder).list().filter((f) => f === 'tenet.yaml' || f.endsWith('/tenet.yaml'));
      } catch (error) {
        this.connection.console.error(`tenet: cannot read workspace folder ${folder}: ${String(error)}`);
        continue;
      }
      if (configs.length === 0) roots.add(folder);
      for (const config of configs) roots.add(path.join(folder, path.dirname(config)));
    }
    const previous = this.projects;
    // Edits still waiting for their debounce belong to the old projects: every caller re-checks the
    // new ones in full, with the buffers copied below.
    this.dropPending();
    this.projects = [...roots].sort().map((root) => new Project(root, options));
    for (const project of this.projects) {
      for (const document of this.documents.all()) {
        const file = this.filePath(document.uri);
        const rel = file && this.projectOf(file) === project ? project.rel(file) : undefined;
        if (rel) project.fs.setBuffer(rel, document.getText());
      }
    }
    for (const old of previous) this.clear(old);
  }

  /** Runs an editor feature on a document, once pending edits are checked; a bug answers `fallback`. */
  private feature<T>(uri: string, fallback: T, run: (context: FeatureContext) => T): T {
    return this.guard(fallback, () => {
      this.flushAll();
      const file = this.filePath(uri);
      const project = file ? this.projectOf(file) : undefined;
      const rel = file && project?.rel(file);
      if (!project || !rel || !project.result) return fallback;
      return run(new FeatureContext(project, rel, (r) => this.uriOf(project, r)));
    });
  }

  private guard<T>(fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.connection.console.error(`tenet: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  /** Checks pending edits now: a request needs results for the text the editor shows. */
  private flushAll(): void {
    for (const project of new Set([...this.pending.values()].map((p) => p.project))) this.flush(project);
  }

  /** Edited documents not checked yet, by URI, with their debounce timers. */
  private readonly pending = new Map<string, { project: Project; rel: string }>();

  private dropPending(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  /** The editor's `tenet.rules`, keeping only known rules and severities (other clients may send anything). */
  private ruleSettings(): Map<string, SeveritySetting> {
    const out = new Map<string, SeveritySetting>();
    for (const [rule, value] of Object.entries(this.settings.rules ?? {})) {
      if (!RULE_IDS.has(rule)) this.connection.console.warn(`tenet: the tenet.rules setting names an unknown rule "${rule}"; ignored`);
      else if (!['error', 'warning', 'info', 'off'].includes(value)) this.connection.console.warn(`tenet: tenet.rules.${rule} must be error, warning, info or off; "${String(value)}" ignored`);
      else out.set(rule, value);
    }
    return out;
  }

  private edited(document: TextDocument, closed: boolean): void {
    const file = this.filePath(document.uri);
    const project = file ? this.projectOf(file) : undefined;
    const rel = file && project?.rel(file);
    if (!project || !rel) return;
    if (closed) project.fs.dropBuffer(rel);
    else project.fs.setBuffer(rel, document.getText());
    clearTimeout(this.timers.get(document.uri));
    this.timers.delete(document.uri);
    this.pending.set(document.uri, { project, rel });
    this.edits++;
    if (closed) this.flush(project);
    else if (this.settings.debounceMs <= 0) this.settle(project);
    else this.timers.set(document.uri, setTimeout(() => this.flush(project), this.settings.debounceMs));
  }

  /** Edits received so far: settle() compares counts to see whether more arrived. */
  private edits = 0;
  private readonly settling = new Set<Project>();

  /**
   * Without a debounce: checks as soon as no more edits are waiting. The protocol connection handles
   * one queued message per event-loop turn, so a probe that runs each turn and finds no new edit since
   * its last run has seen the queue drain. A lone edit is checked a turn or two later; a burst gets one
   * check instead of one per edit — thousands of those would keep the server from answering anything
   * until all had run.
   */
  private settle(project: Project): void {
    if (this.settling.has(project)) return;
    this.settling.add(project);
    let seen = -1;
    const probe = () => {
      if (seen !== this.edits) {
        seen = this.edits;
        setImmediate(probe);
        return;
      }
      this.settling.delete(project);
      this.flush(project);
    };
    setImmediate(probe);
  }

  /**
   * Checks every pending edit of a project in one run, whichever document's timer fired: one check
   * then covers a burst across many documents (one per document would fall ever further behind, each
   * late timer firing the next), and every diagnostic published matches the buffer it is versioned by.
   */
  private flush(project: Project): void {
    const rels: string[] = [];
    for (const [uri, edit] of this.pending) {
      if (edit.project !== project) continue;
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      this.pending.delete(uri);
      rels.push(edit.rel);
    }
    if (rels.length === 0) return;
    project.changed(rels);
    this.checkAndPublish(project);
  }

  private checkAll(): void {
    for (const project of this.projects) this.checkAndPublish(project, false);
    this.sendStatus();
  }

  private checkAndPublish(project: Project, status = true): void {
    if (!this.settings.enable) {
      this.clear(project);
      if (status) this.sendStatus();
      return;
    }
    try {
      const result = project.check();
      const diagnostics = this.builderOf(project).build(result);
      for (const [rel, list] of diagnostics) this.send(project, rel, list);
      for (const rel of [...project.sent.keys()]) if (!diagnostics.has(rel)) this.send(project, rel, []);
    } catch (error) {
      // A bug must not take the server down: log it, clear what may be stale, and say so in the status.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.connection.console.error(`tenet: checking ${project.root} failed: ${detail}`);
      project.result = undefined;
      this.clear(project);
      this.lastError = `checking ${project.root} failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (status) this.sendStatus();
  }

  private lastError?: string;

  private readonly builders = new WeakMap<Project, DiagnosticBuilder>();

  private builderOf(project: Project): DiagnosticBuilder {
    let builder = this.builders.get(project);
    if (!builder) this.builders.set(project, (builder = new DiagnosticBuilder({ uriOf: (rel) => this.uriOf(project, rel), docsOf: (rule) => this.docsOf(rule) })));
    return builder;
  }

  /** Sends a file's diagnostics unless the editor already has exactly these. */
  private send(project: Project, rel: string, diagnostics: Diagnostic[]): void {
    const sent = project.sent.get(rel);
    if (sent?.list === diagnostics) return;
    const key = JSON.stringify(diagnostics);
    if (sent?.key === key || (!sent && diagnostics.length === 0)) {
      if (sent) sent.list = diagnostics;
      return;
    }
    if (diagnostics.length === 0) project.sent.delete(rel);
    else project.sent.set(rel, { list: diagnostics, key });
    const uri = this.uriOf(project, rel);
    const version = this.documents.get(uri)?.version;
    void this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
  }

  private clear(project: Project): void {
    for (const rel of [...project.sent.keys()]) this.send(project, rel, []);
  }

  status(): StatusParams {
    const results = this.projects.flatMap((p) => (p.result ? [p.result] : []));
    const findings = results.flatMap((r) => r.findings);
    const error = this.lastError;
    this.lastError = undefined;
    return {
      state: !this.settings.enable ? 'disabled' : error ? 'error' : 'ok',
      policies: results.reduce((n, r) => n + r.policies.length, 0),
      requirements: results.reduce((n, r) => n + r.requirements.length, 0),
      drift: results.reduce((n, r) => n + r.requirements.filter((q) => q.status === 'drift').length, 0),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      lastCheck: new Date().toISOString(),
      ...(error ? { message: error } : {}),
    };
  }

  private sendStatus(): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, this.status());
  }

  private projectOf(file: string): Project | undefined {
    let best: Project | undefined;
    for (const project of this.projects) {
      if (project.rel(file) !== undefined && (!best || project.root.length > best.root.length)) best = project;
    }
    return best;
  }

  private filePath(uri: string): string | undefined {
    // Clients may send anything: a document opened as `{"uri": 42}` must not break every later check.
    if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
    try {
      return path.resolve(fileURLToPath(uri));
    } catch {
      return undefined;
    }
  }

  /** The URI the editor uses for an open document, else the canonical file URI. */
  private uriOf(project: Project, rel: string): string {
    const file = path.join(project.root, rel);
    const canonical = pathToFileURL(file).toString();
    if (this.documents.get(canonical)) return canonical;
    // Indexed once per open/close: scanning every open document for every file a check reports on
    // made each check cost files × open documents URI parses.
    if (!this.openPaths) {
      this.openPaths = new Map();
      for (const document of this.documents.all()) {
        const open = this.filePath(document.uri);
        if (open !== undefined && !this.openPaths.has(open)) this.openPaths.set(open, document.uri);
      }
    }
    return this.openPaths.get(file) ?? canonical;
  }

  /** Open documents' URIs by absolute path; rebuilt on demand after a document opens or closes. */
  private openPaths?: Map<string, string>;

  /** A document spelled other than its canonical file URI changes the URI diagnostics are sent to. */
  private openedOrClosed(document: TextDocument): void {
    this.openPaths = undefined;
    const file = this.filePath(document.uri);
    if (file === undefined || pathToFileURL(file).toString() === document.uri) return;
    for (const project of this.projects) this.builders.get(project)?.reset();
  }

  private docsOf(rule: string): string | undefined {
    return this.options.docsDir ? pathToFileURL(path.join(this.options.docsDir, `${rule.replace('/', '-')}.md`)).toString() : undefined;
  }
}

function folderPaths(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null, rootPath?: string | null): string[] {
  if (folders && folders.length > 0) return folders.map((f) => path.resolve(fileURLToPath(f.uri)));
  if (rootUri) return [path.resolve(fileURLToPath(rootUri))];
  if (rootPath) return [path.resolve(rootPath)];
  return [];
}
