// The CLI as a function: arguments and process values in, exit code out. It never exits the
// process, so tests (and later the editor) can call it in-process.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { prepareTerraform, RULES } from '../engine/index';
import { LintSession } from '../engine/lint';
import { fingerprintAll } from '../engine/fingerprint';
import type { Finding, LintResult, RequirementResult, Severity } from '../engine/types';
import { GitHistory } from '../host/git';
import { NodeFs, findWorkspaceRoot, isInside } from '../host/node-fs';
import { VERSION } from '../version';
import { DEFAULT_REPORT_FILE, UsageError, checkDate, parseArgs, suggest, usage, type BaselineArgs, type ExplainArgs, type LintArgs, type ReportArgs } from './args';
import { DEFAULT_BASELINE_FILE, applyBaseline, createBaseline, readBaseline, serializeBaseline, type BaselineEntry } from './baseline';
import { findRuleDocsDir, ruleDocReader } from './docs';
import { FORMATTERS, type BaselineReport, type HtmlFormatContext } from './format/index';
import { formatHtml } from './format/html';
import { collectDetails } from '../report/details';
import { checkInWorkers, namedFiles, threadCount, workerScript } from './parallel';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (enables color unless NO_COLOR is set). */
  isTTY: boolean;
  /** The folder of rule pages (docs/rules); default: the one beside the CLI, if any. Tests set it. */
  docsDir?: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** An operational failure (cannot write --output): exit code 2, no usage hint. */
export class CliError extends Error {
  override name = 'CliError';
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout(usage(args.topic));
        return EXIT_OK;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return EXIT_OK;
      case 'lint':
        return await runLint(args, io);
      case 'baseline':
        return await runBaseline(args, io);
      case 'report':
        return await runReport(args, io);
      case 'explain':
        return runExplain(args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tenet: ${error.message}\nRun "tenet --help" for usage.\n`);
    } else if (error instanceof CliError) {
      io.stderr(`tenet: ${error.message}\n`);
    } else {
      // A bug, not a finding: say so plainly and keep the stack for the bug report.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(`tenet: internal error: ${detail}\n`);
    }
    return EXIT_USAGE;
  }
}

interface Linted {
  result: LintResult;
  /** Every finding, sorted; the order fingerprints count identical findings in. */
  findings: Finding[];
  fingerprints: Map<Finding, string>;
  /** Whether the run covers the whole workspace (no paths narrowed it). */
  whole: boolean;
  /** The session that produced `result`: what the HTML report reads values from. */
  session: LintSession;
}

/** `details`: the caller reads values from the session (the HTML report), so it is checked on this thread. */
async function lintWorkspace(args: Pick<LintArgs, 'paths' | 'config' | 'today' | 'concurrency'>, io: CliIo, details = false): Promise<Linted> {
  const { root, configFile, include } = resolveWorkspace(args, io.cwd);
  const today = args.today ?? envToday(io.env);
  // The Terraform parser is WebAssembly, loaded once before the (synchronous) engine runs; if it
  // cannot load, Terraform sources report source/unreadable and everything else is still checked.
  await prepareTerraform();

  const workspaceFs = new NodeFs(root);
  const session = new LintSession({ fs: workspaceFs, root, today, configFile, history: new GitHistory(root) });
  const policyFiles = session.policyFileList;
  const threads = details ? 1 : threadCount(args.concurrency, policyFiles.length);
  const script = threads > 1 ? workerScript() : undefined;
  let result: LintResult;
  if (script) {
    const names = new Map(policyFiles.map((file) => {
      const read = workspaceFs.read(file);
      return [file, read.ok ? namedFiles(read.text) : []] as const;
    }));
    const { outcomes, texts } = await checkInWorkers(script, { root, today, configFile, policyFiles }, threads, session, names);
    result = session.combine(outcomes, include, texts);
  } else {
    result = session.run(include);
  }
  if (workspaceFs.listTruncated) {
    io.stderr(`tenet: warning: stopped listing the workspace after ${workspaceFs.maxListEntries} entries; some policies may not have been checked\n`);
  }
  const findings = sortFindings(result.findings);
  const hashes = fingerprintAll(findings);
  return { result, findings, fingerprints: new Map(findings.map((f, i) => [f, hashes[i]])), whole: include === undefined, session };
}

async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  // Read the baseline first: a missing or broken one is a usage error, not worth a lint.
  const recorded = args.baseline === undefined ? undefined : readBaseline(path.resolve(io.cwd, args.baseline), args.baseline);
  const linted = await lintWorkspace(args, io, args.format === 'html');
  const { result, fingerprints } = linted;

  let findings = linted.findings;
  let baseline: BaselineReport | undefined;
  if (recorded !== undefined && args.baseline !== undefined) {
    const match = applyBaseline(findings, fingerprints, recorded);
    findings = match.kept;
    // A run narrowed to some paths did not look for the other entries' findings: it cannot call them gone.
    baseline = { file: args.baseline, suppressed: match.suppressed, stale: linted.whole ? match.stale : [] };
  }
  if (args.quiet) findings = findings.filter((f) => f.severity === 'error');

  const shown: LintResult = { ...result, findings, requirements: sortRequirements(result.requirements) };
  const color = args.output === undefined && wantsColor(io.env, io.isTTY);
  const ruleDoc = ruleDocReader(io.docsDir ?? findRuleDocsDir());
  const context: HtmlFormatContext = { version: VERSION, color, cwd: io.cwd, fingerprints, ruleDoc, baseline };
  if (args.format === 'html') context.report = collectDetails(linted.session, shown);
  const text = FORMATTERS[args.format](shown, context);

  if (args.output !== undefined) {
    writeOutput(path.resolve(io.cwd, args.output), text, '--output ');
  } else if (text !== '') {
    io.stdout(text);
  }
  // JSON carries stale entries in its `baseline` key; every other format says so on stderr.
  if (baseline !== undefined && baseline.stale.length > 0 && args.format !== 'json') io.stderr(staleNotice(baseline.stale));

  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  if (errors > 0) return EXIT_FINDINGS;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    // ESLint's wording, printed only when warnings alone fail the run.
    io.stderr(`Tenet found too many warnings (maximum: ${args.maxWarnings}).\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

export function staleNotice(stale: readonly BaselineEntry[]): string {
  return stale.length === 1
    ? '1 finding in the baseline no longer occurs: remove it with "tenet baseline"\n'
    : `${stale.length} findings in the baseline no longer occur: remove them with "tenet baseline"\n`;
}

async function runBaseline(args: BaselineArgs, io: CliIo): Promise<number> {
  const { result, findings, fingerprints } = await lintWorkspace(args, io);
  const file = args.output !== undefined ? path.resolve(io.cwd, args.output) : path.join(result.root, DEFAULT_BASELINE_FILE);
  const baseline = createBaseline(findings, findings.map((f) => fingerprints.get(f) ?? ''));
  writeOutput(file, serializeBaseline(baseline), args.output !== undefined ? '--output ' : '');
  const shown = isInside(io.cwd, file) ? path.relative(io.cwd, file).split(path.sep).join('/') : file;
  io.stdout(`Wrote ${baseline.findings.length} ${baseline.findings.length === 1 ? 'finding' : 'findings'} to ${shown}\n`);
  return EXIT_OK;
}

/** `tenet report`: the HTML page for the whole run (no --quiet, no baseline), written to a file. */
async function runReport(args: ReportArgs, io: CliIo): Promise<number> {
  const { result, findings, session } = await lintWorkspace(args, io, true);
  const shown: LintResult = { ...result, findings, requirements: sortRequirements(result.requirements) };
  const file = path.resolve(io.cwd, args.output ?? DEFAULT_REPORT_FILE);
  writeOutput(file, formatHtml(shown, { version: VERSION, color: false, cwd: io.cwd, report: collectDetails(session, shown) }), args.output !== undefined ? '--output ' : '');
  io.stdout(`${isInside(io.cwd, file) ? path.relative(io.cwd, file).split(path.sep).join('/') : file}\n`);
  return EXIT_OK;
}

function runExplain(args: ExplainArgs, io: CliIo): number {
  if (args.rule === undefined) {
    const idWidth = Math.max(...RULES.map((r) => r.id.length));
    const severityWidth = Math.max(...RULES.map((r) => r.severity.length));
    io.stdout(
      [
        'Rules (default severity; tenet.yaml "rules" can change it):',
        '',
        ...RULES.map((r) => `  ${r.id.padEnd(idWidth)}  ${r.severity.padEnd(severityWidth)}  ${r.description}`),
        '',
        'Run "tenet explain RULE" for the documentation of a rule.',
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  }
  const wanted = args.rule;
  // `requirement-drift` (the page's name) is accepted for `requirement/drift`.
  const rule = RULES.find((r) => r.id === wanted || r.id.replace(/\//g, '-') === wanted);
  if (!rule) throw new UsageError(`unknown rule "${wanted}"${suggestRule(wanted) || '; "tenet explain" lists every rule'}`);
  const page = ruleDocReader(io.docsDir ?? findRuleDocsDir())(rule.id);
  if (page !== undefined) {
    io.stdout(page.endsWith('\n') ? page : `${page}\n`);
  } else {
    io.stdout(`${rule.id} (${rule.severity})\n\n${rule.description}\n`);
  }
  return EXIT_OK;
}

/**
 * A near miss of a rule id (also typed with a dash for the slash, as the page is named), or the
 * rule whose name after the slash is what was typed (`drift`); '' when nothing is close.
 */
function suggestRule(input: string): string {
  const ids = RULES.map((r) => r.id);
  const typed = input.toLowerCase();
  const spellings = [typed, ...[...typed.matchAll(/-/g)].map((m) => `${typed.slice(0, m.index)}/${typed.slice((m.index ?? 0) + 1)}`)];
  for (const spelling of spellings) {
    const near = suggest(spelling, ids);
    if (near !== '') return near;
  }
  const bySuffix = ids.find((id) => id.slice(id.indexOf('/') + 1) === typed);
  return bySuffix === undefined ? '' : `; did you mean ${bySuffix}?`;
}

interface Workspace {
  root: string;
  configFile?: string;
  include?: string[];
}

/**
 * The workspace root is the --config file's folder, else the nearest folder holding tenet.yaml
 * above the first path, else the first path if it is a folder, else the current directory.
 */
export function resolveWorkspace(args: Pick<LintArgs, 'paths' | 'config'>, cwd: string): Workspace {
  if (args.config !== undefined && !isFile(path.resolve(cwd, args.config))) {
    throw new UsageError(`--config ${args.config} is not a file`);
  }
  // Without paths, lint the whole workspace: the --config file's folder, else the current directory.
  const defaultPath = args.config !== undefined ? path.dirname(path.resolve(cwd, args.config)) : '.';
  const paths = (args.paths.length > 0 ? args.paths : [defaultPath]).map((p) => ({ typed: p, abs: path.resolve(cwd, p) }));
  for (const p of paths) {
    if (!fs.existsSync(p.abs)) throw new UsageError(`${p.typed} does not exist`);
  }

  let root: string;
  let configFile: string | undefined;
  if (args.config !== undefined) {
    const config = path.resolve(cwd, args.config);
    root = path.dirname(config);
    configFile = path.basename(config);
  } else {
    const first = paths[0].abs;
    root = findWorkspaceRoot(first) ?? (isDirectory(first) ? first : cwd);
  }

  // Compare real paths: a path typed through a symlink still names the file it resolves to.
  const rootReal = fs.realpathSync.native(root);
  const include: string[] = [];
  let everything = false;
  for (const p of paths) {
    const real = fs.realpathSync.native(p.abs);
    if (!isInside(rootReal, real)) {
      throw new UsageError(`${p.typed} is outside the workspace ${root}`);
    }
    const rel = path.relative(rootReal, real).split(path.sep).join('/');
    if (rel === '') everything = true;
    else include.push(rel);
  }
  return { root, configFile, include: everything ? undefined : include };
}

function envToday(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.TENET_TODAY;
  return value === undefined || value === '' ? undefined : checkDate('TENET_TODAY', value);
}

/** Color on a terminal unless NO_COLOR is set (no-color.org); FORCE_COLOR=0/false forces it off, other values on. */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** By file, line, column, rule; Array.prototype.sort is stable, so ties keep the engine's order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  // Offsets order like line/column within one file, without building line indexes here.
  return [...findings].sort(
    (a, b) => compare(a.file, b.file) || a.span.start - b.span.start || compare(a.rule, b.rule),
  );
}

function sortRequirements(requirements: readonly RequirementResult[]): RequirementResult[] {
  return [...requirements].sort(
    (a, b) => compare(a.file, b.file) || a.span.start - b.span.start || compare(a.policy, b.policy) || compare(a.requirement, b.requirement),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Writes `file`, creating its folders; `label` (`--output `) names the flag it came from in the error. */
function writeOutput(file: string, text: string, label: string): void {
  try {
    makeParents(path.dirname(file));
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`cannot write ${label}${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Creates the missing folders above the output file one by one. Not mkdirSync's `recursive`: on
 * Node 20 it spins forever on a path such as /proc/x, where mkdir keeps failing with ENOENT.
 */
function makeParents(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) fs.mkdirSync(d);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
