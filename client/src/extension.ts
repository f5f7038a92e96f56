// The VS Code face of Tenet: starts the bundled language server and shows its state. No checking
// logic lives here.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Location, type Position, type ServerOptions } from 'vscode-languageclient/node';
import { localToday } from '../../server/src/engine/dates';
import { policyIdFromFileName, policyTemplate } from '../../server/src/engine/template';
import { LINT_WORKSPACE_COMMAND, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/lsp/protocol';
import { SHOW_LOCATIONS_COMMAND } from '../../server/src/lsp/features/lenses';
import { DashboardPanel, DashboardStore, type DashboardSnapshot } from './dashboard';
import { PoliciesProvider, registerPoliciesView } from './policiesView';

/** Files the server checks: policies (Markdown) and every config format it reads. */
const DOCUMENTS: { scheme: string; language?: string; pattern?: string }[] = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', pattern: '**/*.{json,jsonc,json5,yaml,yml,tf,tfvars,hcl,toml,ini,cfg,conf,env,csv}' },
  { scheme: 'file', pattern: '**/{.env,.env.*,*.env,CODEOWNERS}' },
];

let client: LanguageClient | undefined;
let status: vscode.LanguageStatusItem | undefined;
let output: vscode.LogOutputChannel;
/**
 * tenet.lintWorkspace while no server runs. While one runs, vscode-languageclient registers that command
 * itself (the server lists it in executeCommandProvider; a second registration would make the client
 * fail to start with "command already exists") and the executeCommand middleware shows the result.
 */
let lintFallback: vscode.Disposable | undefined;
/** The server's tenet/dashboard answer, for the dashboard panel and the Policies view. */
let dashboard: DashboardStore | undefined;

/** What activate() returns (vscode.extensions.getExtension('tenet.tenet').exports): for tests and other extensions. */
export interface TenetApi {
  /** The dashboard panel: its last model and rendering, and its webview-message handler. */
  dashboard: Pick<DashboardPanel, 'snapshot' | 'receive'>;
  /** The Policies view's data. */
  policies: PoliciesProvider;
}

export async function activate(context: vscode.ExtensionContext): Promise<TenetApi> {
  output = vscode.window.createOutputChannel('Tenet', { log: true });
  status = vscode.languages.createLanguageStatusItem('tenet.status', DOCUMENTS);
  status.name = 'Tenet';
  status.text = 'Tenet';
  status.command = { title: 'Show Output', command: 'tenet.showOutput' };
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('tenet.showOutput', () => output.show(true)),
    // An optional path (relative to the workspace folder) skips the prompt: for scripts, keybindings, tests.
    vscode.commands.registerCommand('tenet.newPolicy', (name?: unknown) => newPolicy(typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand('tenet.restartServer', () => restart(context)),
    vscode.commands.registerCommand(SHOW_LOCATIONS_COMMAND, showLocations),
    { dispose: () => lintFallback?.dispose() },
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tenet.enable')) void (enabled() ? start(context) : stop());
    }),
  );
  const store = (dashboard = new DashboardStore(() => client, output));
  const panel = new DashboardPanel(context.extensionUri, store);
  const { provider } = registerPoliciesView(context, store);
  context.subscriptions.push(
    store,
    panel,
    vscode.commands.registerCommand('tenet.showDashboard', (): Promise<DashboardSnapshot> => panel.show()),
    vscode.commands.registerCommand('tenet.refreshPolicies', () => store.refresh()),
  );
  if (enabled()) await start(context);
  else {
    registerLintFallback();
    setStatus({ state: 'disabled', policies: 0, requirements: 0, drift: 0, errors: 0, warnings: 0 });
  }
  return { dashboard: panel, policies: provider };
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}

function enabled(): boolean {
  return vscode.workspace.getConfiguration('tenet').get<boolean>('enable', true);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENTS,
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: { configurationSection: 'tenet' },
    middleware: {
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === LINT_WORKSPACE_COMMAND && result) showLintResult(result as StatusParams);
        return result;
      },
    },
  };
  client = new LanguageClient('tenet', 'Tenet', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
    setStatus(params);
    // The Policies view shows once the server found policies (it stays, saying so, if the server stops).
    if (params.policies > 0) void vscode.commands.executeCommand('setContext', 'tenet.hasPolicies', true);
    dashboard?.statusChanged();
  });
  lintFallback?.dispose();
  lintFallback = undefined;
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`Tenet: the language server failed to start: ${String(error)}`);
    setStatus({ state: 'error', policies: 0, requirements: 0, drift: 0, errors: 0, warnings: 0, message: String(error) });
    client = undefined;
    registerLintFallback();
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
  dashboard?.statusChanged();
  registerLintFallback();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  if (enabled()) await start(context);
}

function registerLintFallback(): void {
  lintFallback ??= vscode.commands.registerCommand(LINT_WORKSPACE_COMMAND, () => {
    void vscode.window.showWarningMessage('Tenet is not running (see the tenet.enable setting).');
  });
}

function showLintResult(result: StatusParams): void {
  setStatus(result);
  void vscode.window.showInformationMessage(`Tenet: ${summary(result)}.`);
}

function summary(s: StatusParams): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(s.policies, 'policy').replace('policys', 'policies')} checked, ${plural(s.drift, 'requirement')} drifting, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
}

function setStatus(s: StatusParams): void {
  if (!status) return;
  status.busy = s.state === 'indexing';
  switch (s.state) {
    case 'disabled':
      status.text = 'Tenet: off';
      status.detail = 'disabled by the tenet.enable setting';
      status.severity = vscode.LanguageStatusSeverity.Information;
      return;
    case 'error':
      status.text = 'Tenet: error';
      status.detail = s.message ?? 'the language server failed; see the Tenet output';
      status.severity = vscode.LanguageStatusSeverity.Error;
      return;
    default:
      status.text = s.drift > 0 ? `Tenet: ${s.drift} drift` : `Tenet: ${s.policies} ${s.policies === 1 ? 'policy' : 'policies'} ✓`;
      status.detail = `${summary(s)} — last check ${s.lastCheck ? new Date(s.lastCheck).toLocaleTimeString() : 'never'}`;
      status.severity = s.errors > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }
}

/**
 * The code lenses' command: the server sends the lens's document, position and the values the
 * requirement read, in protocol form; VS Code shows them in its references peek view.
 */
function showLocations(uri: string, position: Position, locations: Location[]): Thenable<unknown> {
  const at = (p: Position) => new vscode.Position(p.line, p.character);
  const targets = locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(at(l.range.start), at(l.range.end))));
  return vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), at(position), targets);
}

/**
 * Creates a policy from the skeleton, its id taken from the file name, and opens it. Asks for the path
 * unless `given` (relative to the workspace folder) is passed.
 */
async function newPolicy(given?: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Tenet: open a folder first; policies live in a workspace.');
    return undefined;
  }
  const validateInput = (value: string) => (/^[^/\\].*\.md$/.test(value.trim()) && !value.includes('..') ? undefined : 'a relative path ending in .md, inside the workspace');
  if (given !== undefined && validateInput(given)) {
    void vscode.window.showErrorMessage(`Tenet: ${given} is not ${validateInput(given)}.`);
    return undefined;
  }
  const name = given ?? (await vscode.window.showInputBox({
    title: 'Tenet: New Policy',
    prompt: 'Path of the new policy, relative to the workspace folder',
    value: 'policies/new-policy.md',
    valueSelection: [9, 19],
    validateInput,
  }));
  if (!name) return undefined;
  const target = vscode.Uri.joinPath(folder.uri, name.trim());
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showErrorMessage(`Tenet: ${name} already exists.`);
    return undefined;
  } catch {
    // Does not exist yet: good.
  }
  const text = policyTemplate(policyIdFromFileName(name), localToday());
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}
