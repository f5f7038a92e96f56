// Version-control history, injected by the host (the engine never runs git itself): when each line of
// a workspace file was first committed, for `evidence/backdated` (policy format section 4).
// server/src/host/git.ts implements it with the system git; tests use a fake.

import type { Day } from './dates';
import type { WorkspaceFs } from './fs';

export type HistoryStatus =
  /** `partial`: some lines cannot be dated (a shallow clone), said once per run as an info finding. */
  | { ok: true; partial?: string }
  /** Why history is unavailable (not a repository, git missing): the check is skipped, said once per run. */
  | { ok: false; reason: string };

export type LineDays =
  /** Index i is 1-based line i + 1; undefined where unknown or not committed yet (never flagged). */
  | { ok: true; days: (Day | undefined)[] }
  | { ok: false; reason: string };

export interface History {
  /**
   * First-commit day of each 1-based line of a workspace file, or a reason it is unknown.
   * `text` is the content the engine read (an editor buffer may differ from disk): the days are those
   * of its lines, and a line that differs from what is committed is uncommitted.
   */
  lineDays(file: string, text?: string): LineDays;
  status(): HistoryStatus;
}

/** What a rule sees: days by offset in a file as the engine reads it (through the WorkspaceFs). */
export interface WorkspaceHistory {
  status(): HistoryStatus;
  /** First-commit day of the line holding `offset`: undefined when not committed or unknown. */
  committedOn(file: string, offset: number): { ok: true; day: Day | undefined } | { ok: false; reason: string };
}

/**
 * Binds a History to the files as the engine reads them. Caches per file for its lifetime, so make
 * one per check (a policy, a run): files change between runs.
 */
export function workspaceHistory(history: History, fs: WorkspaceFs): WorkspaceHistory {
  const files = new Map<string, { ok: true; days: (Day | undefined)[]; lineStarts: number[] } | { ok: false; reason: string }>();
  const load = (file: string) => {
    let entry = files.get(file);
    if (entry === undefined) {
      const read = fs.read(file);
      if (!read.ok) entry = { ok: false, reason: read.message };
      else {
        const result = history.lineDays(file, read.text);
        entry = result.ok ? { ok: true, days: result.days, lineStarts: lineStarts(read.text) } : result;
      }
      files.set(file, entry);
    }
    return entry;
  };
  return {
    status: () => history.status(),
    committedOn(file, offset) {
      const entry = load(file);
      if (!entry.ok) return entry;
      return { ok: true, day: entry.days[lineAt(entry.lineStarts, offset)] };
    },
  };
}

/** Offsets where each line starts, counting only `\n` as git does (a lone `\r` does not end a line for git). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line holding `offset`. */
function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
