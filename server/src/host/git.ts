// The History the CLI and the language server hand the engine: line dates from the system git.
//
// Which date: a line's COMMITTER time (in the committer's own time zone), not its author time. The
// author date is what `git commit --date` sets and what rebase, cherry-pick and amend carry over
// unchanged, so it is the easy one to backdate; the committer date is stamped when the commit object is
// made and moves forward whenever history is rewritten. It can still be forged (GIT_COMMITTER_DATE) —
// git history is evidence, not proof — but it errs towards flagging, never towards hiding.
//
// Safety: git runs without a shell, with fixed arguments (the file path always after `--`, read
// literally), a timeout and an output cap. Every GIT_* variable is dropped from its environment, so a
// GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE left by a hook or a wrapper cannot point it at another
// repository. Messages are in the C locale, so git's errors can be recognized.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Day } from '../engine/dates';
import { formatBytes } from '../engine/fs';
import type { History, HistoryStatus, LineDays } from '../engine/history';

export interface GitHistoryOptions {
  /** The git executable (looked up on the PATH of `env`). */
  git?: string;
  /** Base environment (default process.env); GIT_* variables are removed from it. */
  env?: NodeJS.ProcessEnv;
  /** Per git call. */
  timeoutMs?: number;
  /** Cap on one call's output; `git blame --porcelain` prints about a file's size plus ~50 bytes a line. */
  maxBuffer?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
/** rev-parse prints two short lines. */
const STATUS_MAX_BUFFER = 64 * 1024;
const UNCOMMITTED = /^0{40}$|^0{64}$/;
const SECONDS_PER_DAY = 86_400;

interface Commit {
  time?: number;
  /** Offset of the committer's time zone, in seconds. */
  tz: number;
  /** A boundary commit: the root commit, or in a shallow clone the commit history was cut at. */
  boundary: boolean;
}

export class GitHistory implements History {
  private cachedStatus?: HistoryStatus;
  private shallow = false;
  /** Per file: the content hash it was blamed for, and the answer. */
  private readonly cache = new Map<string, { key: string; result: LineDays }>();
  private readonly git: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly maxBuffer: number;

  /** `root`: the absolute workspace root; files are relative to it. */
  constructor(
    readonly root: string,
    options: GitHistoryOptions = {},
  ) {
    this.git = options.git ?? 'git';
    this.env = childEnv(options.env ?? process.env);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  }

  status(): HistoryStatus {
    if (this.cachedStatus) return this.cachedStatus;
    // Both answers in one call: the top level proves we are in a work tree; shallow changes what a
    // boundary commit means.
    const run = this.run(['rev-parse', '--show-toplevel', '--is-shallow-repository'], undefined, STATUS_MAX_BUFFER);
    let status: HistoryStatus;
    if (run.ok) {
      this.shallow = run.stdout.toString('utf8').split('\n')[1]?.trim() === 'true';
      status = this.shallow
        ? { ok: true, partial: `${this.root} is a shallow clone: lines older than its history cannot be dated (fetch the full history, e.g. actions/checkout with fetch-depth: 0)` }
        : { ok: true };
    } else if (run.missing) {
      status = { ok: false, reason: 'git is not installed (or not on the PATH)' };
    } else if (/dubious ownership/i.test(run.message)) {
      status = { ok: false, reason: `git refuses to read the repository of ${this.root}: it is owned by another user (see git's safe.directory)` };
    } else if (/not a git repository/i.test(run.message)) {
      status = { ok: false, reason: `${this.root} is not in a git repository` };
    } else {
      status = { ok: false, reason: `git cannot read the repository of ${this.root}: ${run.message}` };
    }
    this.cachedStatus = status;
    return status;
  }

  lineDays(file: string, text?: string): LineDays {
    const status = this.status();
    if (!status.ok) return status;
    const key = text === undefined ? '' : createHash('sha256').update(text).digest('hex');
    const cached = this.cache.get(file);
    if (cached && cached.key === key) return cached.result;
    const result = this.blame(file, text);
    this.cache.set(file, { key, result });
    return result;
  }

  /** Forget every file's lines (after a commit, in a long-lived session). */
  invalidate(): void {
    this.cache.clear();
  }

  /** Files committed in HEAD (workspace-relative), listed once: only they can have dated lines. */
  private committed?: Set<string>;

  private isCommitted(file: string): boolean {
    if (!this.committed) {
      // One `git ls-tree` instead of a failing `git blame` per untracked or ignored file.
      const run = this.run(['ls-tree', '-r', '--name-only', '-z', '--full-tree', 'HEAD', '--', '.'], undefined, this.maxBuffer);
      const prefix = this.run(['rev-parse', '--show-prefix'], undefined, STATUS_MAX_BUFFER);
      const base = prefix.ok ? prefix.stdout.toString('utf8').trim() : '';
      this.committed = new Set(
        run.ok ? run.stdout.toString('utf8').split('\0').filter((f) => f.startsWith(base) && f.length > base.length).map((f) => f.slice(base.length)) : [],
      );
    }
    return this.committed.has(file);
  }

  private blame(file: string, text: string | undefined): LineDays {
    if (!this.isCommitted(file)) return { ok: true, days: [] };
    // Blame the committed file (HEAD), never the working tree: reading the working tree would run the
    // repository's clean filters, and a hostile .git/config could make those execute programs.
    // --no-textconv likewise. -w -M: a re-indented or moved line keeps its date. blame.showRoot=false
    // keeps the root commit marked `boundary`, which is how a shallow clone's cut-off commit is told apart.
    const run = this.run(['-c', 'blame.showRoot=false', 'blame', '--porcelain', '--no-textconv', '-w', '-M', 'HEAD', '--', file], undefined, this.maxBuffer);
    if (!run.ok) {
      if (run.missing) return { ok: false, reason: 'git is not installed (or not on the PATH)' };
      // Not tracked, or no commit yet: nothing of the file is committed, so no line can be backdated.
      if (/no such path|no such ref: HEAD|does not have any commits|bad revision 'HEAD'|ambiguous argument 'HEAD'/i.test(run.message)) return { ok: true, days: [] };
      return { ok: false, reason: `git blame failed for ${file}: ${run.message}` };
    }
    const committed = parsePorcelainLines(run.stdout, this.shallow);
    return { ok: true, days: text === undefined ? committed.map((l) => l.day) : alignToText(committed, text) };
  }

  private run(args: string[], input: string | undefined, maxBuffer: number): { ok: true; stdout: Buffer } | { ok: false; missing: boolean; message: string } {
    const result = spawnSync(this.git, ['-C', this.root, '-c', 'core.fsmonitor=false', ...args], {
      env: this.env,
      input: input ?? '',
      timeout: this.timeoutMs,
      maxBuffer,
      windowsHide: true,
      shell: false,
    });
    if (result.error) {
      const code = (result.error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: false, missing: true, message: 'git is not installed' };
      if (code === 'ETIMEDOUT') return { ok: false, missing: false, message: `git did not answer within ${Math.round(this.timeoutMs / 1000)} s` };
      if (code === 'ENOBUFS') return { ok: false, missing: false, message: `git's output exceeded ${formatBytes(maxBuffer)}` };
      return { ok: false, missing: false, message: result.error.message };
    }
    if (result.status !== 0) {
      const stderr = result.stderr.toString('utf8').trim();
      const line = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${result.status ?? result.signal}`;
      return { ok: false, missing: false, message: line.replace(/^(fatal|error): /, '') };
    }
    return { ok: true, stdout: result.stdout };
  }
}

/**
 * `git blame --porcelain`: per line `<sha> <orig> <final> [<count>]`, the commit's headers the first
 * time it appears, then the line itself after a tab. Returns the day of each final line (index 0 is
 * line 1): uncommitted lines, and in a shallow clone lines of the cut-off commit, are undefined.
 */
export function parsePorcelain(output: Buffer, shallow: boolean): (Day | undefined)[] {
  return parsePorcelainLines(output, shallow).map((l) => l.day);
}

interface BlamedLine {
  day: Day | undefined;
  text: string;
}

function parsePorcelainLines(output: Buffer, shallow: boolean): BlamedLine[] {
  const lines = output.toString('utf8').split('\n');
  const commits = new Map<string, Commit>();
  const finals: { line: number; sha: string; text: string }[] = [];
  let current: Commit | undefined;
  for (const line of lines) {
    if (line.startsWith('\t')) {
      const last = finals.at(-1);
      if (last) last.text = line.slice(1).replace(/\r$/, '');
      continue;
    }
    const head = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ (\d+)(?: \d+)?$/.exec(line);
    if (head) {
      const sha = head[1];
      current = commits.get(sha);
      if (!current) commits.set(sha, (current = { tz: 0, boundary: false }));
      finals.push({ line: Number(head[2]), sha, text: '' });
      continue;
    }
    if (!current) continue;
    if (line.startsWith('committer-time ')) current.time = Number(line.slice('committer-time '.length));
    else if (line.startsWith('committer-tz ')) current.tz = tzSeconds(line.slice('committer-tz '.length));
    else if (line === 'boundary') current.boundary = true;
  }
  const out: BlamedLine[] = [];
  for (const { line, sha, text } of finals) {
    const commit = commits.get(sha)!;
    const known = !UNCOMMITTED.test(sha) && commit.time !== undefined && Number.isFinite(commit.time) && !(shallow && commit.boundary);
    out[line - 1] = { day: known ? Math.floor((commit.time! + commit.tz) / SECONDS_PER_DAY) : undefined, text };
  }
  return out;
}

/**
 * Dates for the lines of the text the engine read (an unsaved buffer, or an uncommitted edit): lines
 * unique in both texts anchor the alignment (as in a patience diff); every other line is compared with
 * the committed line at the same distance from its nearest anchor. A line is dated only if it reads
 * exactly as committed.
 */
function alignToText(committed: BlamedLine[], text: string): (Day | undefined)[] {
  const lines = text.split(/\r?\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  const count = (list: string[]) => list.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const committedTexts = committed.map((l) => l?.text ?? '');
  const inText = count(lines);
  const inCommitted = count(committedTexts);
  const committedIndex = new Map(committedTexts.map((l, i) => [l, i]));
  const anchor = lines.map((l) => (inText.get(l) === 1 && inCommitted.get(l) === 1 ? committedIndex.get(l)! : -1));
  const previous: number[] = [];
  for (let i = 0, last = -1; i < lines.length; i++) previous[i] = anchor[i] >= 0 ? (last = i) : last;
  const next: number[] = [];
  for (let i = lines.length - 1, last = -1; i >= 0; i--) next[i] = anchor[i] >= 0 ? (last = i) : last;
  return lines.map((line, i) => {
    const p = previous[i];
    const n = next[i];
    const candidate = p >= 0 ? anchor[p] + (i - p) : n >= 0 ? anchor[n] - (n - i) : i;
    return committed[candidate]?.text === line ? committed[candidate].day : undefined;
  });
}

/** `+0200` → 7200; `-0530` → -19800. */
function tzSeconds(tz: string): number {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(tz.trim());
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

/** The environment git runs in: no GIT_* variable, C-locale messages, literal paths, no optional locks. */
export function childEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || /^GIT_/i.test(name)) continue;
    if (/^(LC_ALL|LANGUAGE|LANG)$/i.test(name)) continue;
    env[name] = value;
  }
  env.LC_ALL = 'C';
  // Paths are files, never pathspec magic or globs.
  env.GIT_LITERAL_PATHSPECS = '1';
  // Reading must not take the index lock a concurrent `git commit` (or a hook running Tenet) holds.
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}
