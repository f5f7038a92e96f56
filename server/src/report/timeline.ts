// The review and evidence timeline: each policy's review (last → next due), each evidence
// requirement (newest evidence → next due) and each exception (→ expiry), judged against today.

import { parseIsoDate } from '../engine/dates';
import type { PolicySummary } from '../engine/types';
import type { ReportDetails } from './details';

/** Within this many days of its due date an item is "due soon". */
export const DUE_SOON_DAYS = 30;

export type DateState = 'ok' | 'due-soon' | 'overdue' | 'missing' | 'future';

export interface TimelineItem {
  kind: 'review' | 'evidence' | 'exception';
  policy: PolicySummary;
  /** The requirement, for evidence and exceptions. */
  requirement?: string;
  /** Last review, newest evidence (YYYY-MM-DD). */
  start?: string;
  /** Next review, next evidence due, exception expiry. */
  due?: string;
  state: DateState;
  /** The state in words ("overdue by 145 days"). */
  note: string;
  /** Further problems in words (evidence gaps, dates in the future). */
  problems: string[];
}

export function timeline(policies: readonly PolicySummary[], today: string, details: ReportDetails | undefined): TimelineItem[] {
  const now = parseIsoDate(today) ?? 0;
  const items: TimelineItem[] = [];
  for (const policy of policies) {
    const last = policy.reviewLast;
    const review: TimelineItem = { kind: 'review', policy, start: last, due: policy.reviewNext, problems: [], ...judge(policy.reviewNext, now, 'review') };
    if (last === undefined) Object.assign(review, { state: 'missing', note: 'no review date recorded' });
    else if ((parseIsoDate(last) ?? 0) > now) Object.assign(review, { state: 'future', note: `last review dated ${last}, after today` });
    items.push(review);

    const policyDetail = details?.policies.get(policy.file);
    for (const requirement of details?.requirements.values() ?? []) {
      const evidence = requirement.evidence;
      if (!evidence || requirement.policyFile !== policy.file) continue;
      const item: TimelineItem = { kind: 'evidence', policy, requirement: requirement.requirement, start: evidence.newest, due: evidence.due, problems: [], ...judge(evidence.due, now, 'evidence') };
      if (evidence.problem) Object.assign(item, { state: 'missing', note: evidence.problem });
      else if (evidence.newest === undefined) Object.assign(item, { state: 'missing', note: 'no dated evidence' });
      else if (evidence.stale) item.state = 'overdue';
      for (const gap of evidence.gaps) item.problems.push(`gap: no evidence between ${gap.from} and ${gap.to}`);
      if (evidence.future.length > 0) item.problems.push(`${evidence.future.length} evidence ${evidence.future.length === 1 ? 'date is' : 'dates are'} in the future (${evidence.future.join(', ')})`);
      items.push(item);
    }
    for (const x of policyDetail?.exceptions ?? []) {
      const item: TimelineItem = { kind: 'exception', policy, requirement: x.requirement, due: x.expires, problems: [], ...judge(x.expires, now, 'exception') };
      if (x.expires === undefined) Object.assign(item, { state: 'missing', note: 'no expiry date' });
      items.push(item);
    }
  }
  // Soonest due first (items without a date lead: they need attention), then policy file, kind, requirement.
  return items.sort(
    (a, b) =>
      compare(a.due ?? '', b.due ?? '') ||
      compare(a.policy.file, b.policy.file) ||
      compare(a.kind, b.kind) ||
      compare(a.requirement ?? '', b.requirement ?? ''),
  );
}

function judge(due: string | undefined, now: number, kind: TimelineItem['kind']): { state: DateState; note: string } {
  const day = due === undefined ? undefined : parseIsoDate(due);
  if (day === undefined) return { state: 'missing', note: 'no due date' };
  const days = day - now;
  const ago = plural(-days, 'day');
  const within = plural(days, 'day');
  if (kind === 'exception') {
    if (days < 0) return { state: 'overdue', note: `expired ${ago} ago` };
    return { state: days <= DUE_SOON_DAYS ? 'due-soon' : 'ok', note: days === 0 ? 'expires today' : `expires in ${within}` };
  }
  if (days < 0) return { state: 'overdue', note: `overdue by ${ago}` };
  if (days === 0) return { state: 'due-soon', note: 'due today' };
  return { state: days <= DUE_SOON_DAYS ? 'due-soon' : 'ok', note: `due in ${within}` };
}

function plural(n: number, unit: string): string {
  return `${n} ${n === 1 ? unit : `${unit}s`}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
