// Evidence must not be backdated (policy format section 4): in a git repository, a dated evidence row or
// `review.last` whose line was first committed more than one cadence (30 days for a policy's review)
// after the date it claims. The dates come from the injected History (host/git.ts); without one the
// rule is silent, and when history is unavailable (no repository, no git) the check is skipped with
// one info finding per run.
//
// Exceptions do not waive it: an exception accepts a requirement's drift, not a doubtful record.

import { addDuration, type Day, formatDay, parseIsoDate } from '../dates';
import { isBroken } from '../policy/parse';
import type { Span } from '../types';
import type { Rule } from './rule';
import { requirementName, statedHere } from './rule';

/** A policy's review date may trail the review by this much (a review is signed off, then merged). */
const REVIEW_GRACE_DAYS = 30;

const rule: Rule<{ file: string; span: Span }> = {
  id: 'evidence/backdated',
  severity: 'error',
  description: 'In a git repository, a dated evidence row or review.last was first committed more than one cadence (30 days for a review) after the date it claims.',
  checkPolicy({ policy, checks, history, report }) {
    if (!history || !history.status().ok) return;
    // A file whose lines cannot be dated is said once per policy, at its first date.
    const unknown = new Set<string>();
    const committedOn = (file: string, span: Span): Day | undefined => {
      const result = history.committedOn(file, span.start);
      if (result.ok) return result.day;
      if (!unknown.has(file)) {
        unknown.add(file);
        report({ message: `backdating check skipped for ${file}: ${result.reason}`, file, span, severity: 'info' });
      }
      return undefined;
    };
    const describe = (claimed: Day, committed: Day, bound: string) =>
      `dated ${formatDay(claimed)} was first committed on ${formatDay(committed)}, ${committed - claimed} days later (${bound})`;

    const last = policy.review?.last;
    if (last?.value !== undefined) {
      const committed = committedOn(policy.file, last.span);
      if (committed !== undefined && committed > last.value + REVIEW_GRACE_DAYS) {
        report({
          message: `review ${describe(last.value, committed, `more than ${REVIEW_GRACE_DAYS} days`)}: policy ${policy.id} review may be backdated`,
          file: policy.file,
          span: last.span,
          actual: formatDay(committed),
        });
      }
    }

    for (const check of checks) {
      const cadence = check.requirement.every?.value;
      const evidence = check.evidence;
      // Analysis is set when the evidence was read and the cadence is valid (check.ts).
      if (!cadence || !evidence?.analysis) continue;
      for (const value of evidence.values) {
        const claimed = typeof value.value === 'string' ? parseIsoDate(value.value) : undefined;
        if (claimed === undefined) continue;
        const committed = committedOn(value.file, value.span);
        if (committed === undefined || committed <= addDuration(claimed, cadence.duration)) continue;
        report({
          message: `evidence row ${describe(claimed, committed, `more than one cadence, ${cadence.text}`)}: ${requirementName(policy, check.requirement)} evidence may be backdated`,
          file: value.file,
          span: value.span,
          requirement: check.requirement,
          actual: formatDay(committed),
          related: [statedHere(policy, check.requirement)],
        });
      }
    }
  },
  // A policy that claims a date this rule would check: where to say, once per run, that it cannot.
  factsOf(parsed) {
    const { policy } = parsed;
    const claims = !isBroken(parsed) && (policy.review?.last?.value !== undefined || policy.requirements.some((r) => r.every?.value !== undefined && r.evidence !== undefined));
    return claims ? { file: policy.file, span: policy.anchor } : undefined;
  },
  checkWorkspace({ facts, config, history, report }) {
    if (!history) return;
    const status = history.status();
    const message = !status.ok ? `backdating checks skipped: ${status.reason}` : status.partial ? `backdating checks are partial: ${status.partial}` : undefined;
    // Said once per run, and only when some policy claims a date that would have been checked.
    if (message === undefined || facts.length === 0) return;
    const first = facts.reduce((a, b) => (b.file < a.file ? b : a));
    report({ message, ...(config.file !== undefined ? { file: config.file, span: { start: 0, end: 0 } } : first), severity: 'info' });
  },
};
export default rule;
