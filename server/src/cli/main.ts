// The CLI as a function: arguments and process values in, exit code out. It never exits the
// process, so tests (and later the editor) can call it in-process.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../engine/index';
import type { Finding, LintResult, RequirementResult, Severity } from '../engine/types';
import { NodeFs, findWorkspaceRoot, isInside } from '../host/node-fs';
import { VERSION } from '../version';
import { UsageError, checkDate, parseArgs, usage, type LintArgs } from './args';
import { FORMATTERS } from './format/index';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (enables color unless NO_COLOR is set). */
  isTTY: boolean;
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
        return runLint(args, io);
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

function runLint(args: LintArgs, io: CliIo): number {
  const { root, configFile, include } = resolveWorkspace(args, io.cwd);
  const today = args.today ?? envToday(io.env);

  const workspaceFs = new NodeFs(root);
  const result: LintResult = lint({ fs: workspaceFs, root, today, configFile, include });
  if (workspaceFs.listTruncated) {
    io.stderr(`tenet: warning: stopped listing the workspace after ${workspaceFs.maxListEntries} entries; some policies may not have been checked\n`);
  }

  const findings = sortFindings(args.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings);
  const shown: LintResult = { ...result, findings, requirements: sortRequirements(result.requirements) };
  const color = args.output === undefined && wantsColor(io.env, io.isTTY);
  const text = FORMATTERS[args.format](shown, { version: VERSION, color });

  if (args.output !== undefined) {
    writeOutput(path.resolve(io.cwd, args.output), text);
  } else if (text !== '') {
    io.stdout(text);
  }

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

function writeOutput(file: string, text: string): void {
  try {
    makeParents(path.dirname(file));
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`cannot write --output ${file}: ${error instanceof Error ? error.message : String(error)}`);
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
