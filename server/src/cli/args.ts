// Command-line parsing. Commands and their options are tables: a later command (explain, baseline,
// report) is one `defineCommand` entry in COMMANDS, a later option one entry in its option list,
// and the usage text is generated from the same tables so it cannot drift from the parser.

import { DEFAULT_FORMAT, FORMAT_NAMES } from './format/index';
import { closest } from '../engine/spelling';

/** A mistake in how tenet was called: printed with a usage hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What every command that lints a workspace takes. */
interface WorkspaceArgs {
  /** As typed (relative to the current directory); empty means `.`. */
  paths: string[];
  today?: string;
  config?: string;
  /** Worker threads: a count, `off` (one thread), or `auto` (default: as many as the cores, for a large workspace). */
  concurrency?: Concurrency;
}

export type Concurrency = number | 'auto' | 'off';

export interface LintArgs extends WorkspaceArgs {
  command: 'lint';
  format: string;
  output?: string;
  maxWarnings?: number;
  quiet: boolean;
  /** A baseline file, as typed: only findings not in it are reported. */
  baseline?: string;
}

export interface BaselineArgs extends WorkspaceArgs {
  command: 'baseline';
  /** Where to write the baseline, as typed; default tenet-baseline.json in the workspace root. */
  output?: string;
}

export interface ReportArgs extends WorkspaceArgs {
  command: 'report';
  /** Where to write the HTML report, as typed; default DEFAULT_REPORT_FILE in the current directory. */
  output?: string;
}

/** `tenet report` writes here, in the current directory, unless --output says otherwise. */
export const DEFAULT_REPORT_FILE = 'tenet-report.html';

export interface ExplainArgs {
  command: 'explain';
  /** The rule to explain; absent lists every rule. */
  rule?: string;
}

export type ParsedArgs =
  | { command: 'help'; /** the command whose help was asked for, if any */ topic?: string }
  | { command: 'version' }
  | LintArgs
  | BaselineArgs
  | ReportArgs
  | ExplainArgs;

interface OptionSpec<Draft> {
  name: `--${string}`;
  short?: `-${string}`;
  /** Placeholder shown in usage; absent for boolean flags, which take no value. */
  value?: string;
  help: string;
  /** Stores the value in the draft; throws UsageError naming `name` when the value is invalid. */
  apply(draft: Draft, value: string): void;
}

interface CommandSpec<Draft> {
  name: string;
  summary: string;
  operands: string;
  /** The exit-code line of the command's usage text. */
  exitCodes: string;
  options: OptionSpec<Draft>[];
  start(): Draft;
  finish(draft: Draft, operands: string[]): ParsedArgs;
}

/** A command with its draft type hidden, so commands with different options share one table. */
interface Command {
  name: string;
  summary: string;
  operands: string;
  exitCodes: string;
  options: readonly OptionInfo[];
  parse(args: readonly string[]): ParsedArgs;
}

type OptionInfo = Pick<OptionSpec<unknown>, 'name' | 'short' | 'value' | 'help'>;

const HELP_OPTION: OptionInfo = { name: '--help', short: '-h', help: 'Show this help' };
const VERSION_OPTION: OptionInfo = { name: '--version', short: '-v', help: 'Show the version' };

function defineCommand<Draft>(spec: CommandSpec<Draft>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    operands: spec.operands,
    exitCodes: spec.exitCodes,
    options: spec.options,
    parse(args) {
      const draft = spec.start();
      const operands: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--') {
          operands.push(...args.slice(i + 1));
          break;
        }
        if (!arg.startsWith('-') || arg === '-') {
          operands.push(arg);
          continue;
        }
        const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
        const name = eq < 0 ? arg : arg.slice(0, eq);
        const inline = eq < 0 ? undefined : arg.slice(eq + 1);
        if (name === HELP_OPTION.name || name === HELP_OPTION.short) return { command: 'help', topic: spec.name };
        if (name === VERSION_OPTION.name || name === VERSION_OPTION.short) return { command: 'version' };
        const option = spec.options.find((o) => o.name === name || o.short === name);
        if (!option) {
          const hint = suggest(name, spec.options.map((o) => o.name));
          throw new UsageError(`unknown option ${name} for "tenet ${spec.name}"${hint}`);
        }
        if (option.value === undefined) {
          if (inline !== undefined) throw new UsageError(`${option.name} does not take a value`);
          option.apply(draft, '');
          continue;
        }
        let value = inline;
        if (value === undefined) {
          const next = args[i + 1];
          // `--output --quiet` is a forgotten value, but `--max-warnings -1` is a bad one.
          if (next !== undefined && !(next.startsWith('-') && next.length > 1 && !/^-\d/.test(next))) {
            value = next;
            i++;
          }
        }
        if (value === undefined || value === '') throw new UsageError(`${option.name} needs a value (${option.value})`);
        option.apply(draft, value);
      }
      return spec.finish(draft, operands);
    },
  };
}

type WorkspaceDraft = Omit<WorkspaceArgs, 'paths'>;

// Options shared by the commands that lint a workspace, so lint and baseline cannot disagree.
const TODAY_OPTION: OptionSpec<WorkspaceDraft> = {
  name: '--today',
  value: 'YYYY-MM-DD',
  help: 'Check dates as of this day (default: TENET_TODAY, tenet.yaml today, the local date)',
  apply(draft, value) {
    draft.today = checkDate('--today', value);
  },
};

const CONFIG_OPTION: OptionSpec<WorkspaceDraft> = {
  name: '--config',
  short: '-c',
  value: 'FILE',
  help: 'Use this tenet.yaml; its folder is the workspace root',
  apply(draft, value) {
    draft.config = value;
  },
};

const CONCURRENCY_OPTION: OptionSpec<WorkspaceDraft> = {
  name: '--concurrency',
  value: 'N|auto|off',
  help: 'Worker threads to check policies on (default: auto, all cores but one when there are many policies)',
  apply(draft, value) {
    if (value === 'auto' || value === 'off') draft.concurrency = value;
    else if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 64) draft.concurrency = Number(value);
    else throw new UsageError(`--concurrency must be auto, off or a number from 1 to 64; got "${value}"`);
  },
};

const LINT_EXIT_CODES = 'Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage or internal error.';

type LintDraft = Omit<LintArgs, 'command' | 'paths'>;

const LINT = defineCommand<LintDraft>({
  name: 'lint',
  summary: 'Check that policies match the config files they link to',
  operands: '[paths...]',
  exitCodes: LINT_EXIT_CODES,
  start: () => ({ format: DEFAULT_FORMAT, quiet: false }),
  finish: (draft, paths) => ({ command: 'lint', paths, ...draft }),
  options: [
    {
      name: '--format',
      short: '-f',
      value: FORMAT_NAMES.join('|'),
      help: `Output format (default: ${DEFAULT_FORMAT})`,
      apply(draft, value) {
        if (!FORMAT_NAMES.includes(value)) {
          throw new UsageError(`--format must be one of ${FORMAT_NAMES.join(', ')}; got "${value}"`);
        }
        draft.format = value;
      },
    },
    {
      name: '--output',
      short: '-o',
      value: 'FILE',
      help: 'Write the report to FILE instead of standard output',
      apply(draft, value) {
        draft.output = value;
      },
    },
    TODAY_OPTION,
    CONFIG_OPTION,
    CONCURRENCY_OPTION,
    {
      name: '--max-warnings',
      value: 'N',
      help: 'Exit with code 1 when there are more than N warnings',
      apply(draft, value) {
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
          throw new UsageError(`--max-warnings must be a non-negative integer; got "${value}"`);
        }
        draft.maxWarnings = Number(value);
      },
    },
    {
      name: '--baseline',
      value: 'FILE',
      help: 'Report only findings not recorded in FILE (written by "tenet baseline")',
      apply(draft, value) {
        draft.baseline = value;
      },
    },
    {
      name: '--quiet',
      short: '-q',
      help: 'Report errors only',
      apply(draft) {
        draft.quiet = true;
      },
    },
  ],
});

type BaselineDraft = Omit<BaselineArgs, 'command' | 'paths'>;

const BASELINE = defineCommand<BaselineDraft>({
  name: 'baseline',
  summary: 'Record the current findings, so "tenet lint --baseline" reports only new ones',
  operands: '[paths...]',
  exitCodes: 'Exit codes: 0 baseline written, 2 usage or internal error.',
  start: () => ({}),
  finish: (draft, paths) => ({ command: 'baseline', paths, ...draft }),
  options: [
    {
      name: '--output',
      short: '-o',
      value: 'FILE',
      help: 'Write the baseline to FILE (default: tenet-baseline.json in the workspace root)',
      apply(draft, value) {
        draft.output = value;
      },
    },
    TODAY_OPTION,
    CONFIG_OPTION,
    CONCURRENCY_OPTION,
  ],
});

type ReportDraft = Omit<ReportArgs, 'command' | 'paths'>;

const REPORT = defineCommand<ReportDraft>({
  name: 'report',
  summary: 'Write a self-contained HTML report for reviewers and auditors',
  operands: '[paths...]',
  exitCodes: 'Exit codes: 0 report written (whatever it found), 2 usage or internal error.',
  start: () => ({}),
  finish: (draft, paths) => ({ command: 'report', paths, ...draft }),
  options: [
    {
      name: '--output',
      short: '-o',
      value: 'FILE',
      help: `Write the report to FILE (default: ${DEFAULT_REPORT_FILE} in the current directory)`,
      apply(draft, value) {
        draft.output = value;
      },
    },
    TODAY_OPTION,
    CONFIG_OPTION,
  ],
});

const EXPLAIN = defineCommand<Record<string, never>>({
  name: 'explain',
  summary: 'Show the documentation of a rule, or list every rule',
  operands: '[rule]',
  exitCodes: 'Exit codes: 0 explained, 2 unknown rule or usage error.',
  start: () => ({}),
  finish: (_draft, operands) => {
    if (operands.length > 1) throw new UsageError(`"tenet explain" takes one rule; got ${operands.length} (${operands.join(' ')})`);
    return operands.length === 0 ? { command: 'explain' } : { command: 'explain', rule: operands[0] };
  },
  options: [],
});

export const COMMANDS: readonly Command[] = [LINT, BASELINE, REPORT, EXPLAIN];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command (for example "tenet lint")');
  if (first === 'help' || first === HELP_OPTION.name || first === HELP_OPTION.short) {
    const topic = rest[0];
    if (topic !== undefined && first === 'help') return { command: 'help', topic: findCommand(topic).name };
    return { command: 'help' };
  }
  if (first === VERSION_OPTION.name || first === VERSION_OPTION.short) return { command: 'version' };
  if (first.startsWith('-')) throw new UsageError(`expected a command before ${first} (for example "tenet lint ${first}")`);
  return findCommand(first).parse(rest);
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw new UsageError(`unknown command "${name}"${suggest(name, COMMANDS.map((c) => c.name))}`);
  }
  return command;
}

/** Checks a YYYY-MM-DD calendar date (2026-02-30 is refused); `source` names the flag or variable. */
export function checkDate(source: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3]) return value;
  }
  throw new UsageError(`${source} must be a real date as YYYY-MM-DD; got "${value}"`);
}

export function usage(topic?: string): string {
  const command = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
  if (!command) {
    const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.operands}`.length));
    return [
      'Usage: tenet <command> [options]',
      '',
      'Commands:',
      ...COMMANDS.map((c) => `  ${`${c.name} ${c.operands}`.padEnd(width)}  ${c.summary}`),
      '',
      'Options:',
      ...optionLines([HELP_OPTION, VERSION_OPTION]),
      '',
      'Run "tenet <command> --help" for the options of a command.',
      '',
    ].join('\n');
  }
  return [
    `Usage: tenet ${command.name} ${command.operands} [options]`,
    '',
    `${command.summary}.`,
    '',
    'Options:',
    ...optionLines([...command.options, HELP_OPTION, VERSION_OPTION]),
    '',
    command.exitCodes,
    '',
  ].join('\n');
}

function optionLines(options: readonly OptionInfo[]): string[] {
  const label = (o: OptionInfo) => `${o.short ? `${o.short}, ` : '    '}${o.name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...options.map((o) => label(o).length));
  return options.map((o) => `  ${label(o).padEnd(width)}  ${o.help}`);
}

/** `; did you mean --format?` for a near miss (edit distance ≤ 2), else ''. */
export function suggest(input: string, candidates: readonly string[]): string {
  const best = closest(input, candidates);
  return best === undefined ? '' : `; did you mean ${best}?`;
}
