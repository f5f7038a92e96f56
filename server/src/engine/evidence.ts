// Cadence evidence (policy format section 4): the newest date must be within one cadence of today;
// within the last 12 months no two consecutive dates may be more than one cadence apart (a burst of
// catch-up reviews before an audit does not hide a nine-month gap); future dates are findings.

import { addDuration, addMonths, type Day } from './dates';
import type { Cadence } from './cadence';

export interface DatedRow<T> {
  day: Day;
  item: T;
}

export interface EvidenceAnalysis<T> {
  newest?: DatedRow<T>;
  /** Set when the newest evidence (or none at all) is older than one cadence. */
  stale?: { due: Day };
  /** Consecutive pairs more than one cadence apart, within the 12-month window. */
  gaps: { before: DatedRow<T>; after: DatedRow<T>; due: Day }[];
  future: DatedRow<T>[];
}

export function analyzeEvidence<T>(rows: DatedRow<T>[], cadence: Cadence, today: Day): EvidenceAnalysis<T> {
  const future = rows.filter((r) => r.day > today);
  const past = rows.filter((r) => r.day <= today).sort((a, b) => a.day - b.day);
  const newest = past.at(-1);
  const analysis: EvidenceAnalysis<T> = { newest, gaps: [], future };
  const dueAfterNewest = newest ? addDuration(newest.day, cadence.duration) : undefined;
  if (dueAfterNewest === undefined || dueAfterNewest < today) analysis.stale = { due: dueAfterNewest ?? today };
  const windowStart = addMonths(today, -12);
  for (let i = 1; i < past.length; i++) {
    const before = past[i - 1];
    const after = past[i];
    const due = addDuration(before.day, cadence.duration);
    if (after.day > due && after.day >= windowStart) analysis.gaps.push({ before, after, due });
  }
  return analysis;
}
