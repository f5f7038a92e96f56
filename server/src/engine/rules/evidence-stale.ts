import { activeException } from '../check';
import { describeCadence } from '../cadence';
import { formatDay } from '../dates';
import type { Rule } from './rule';
import { requirementName, statedHere } from './rule';
import { whereText } from './sources';

const rule: Rule = {
  id: 'evidence/stale',
  severity: 'error',
  description: 'The newest evidence of a recurring activity is older than one cadence (or there is none).',
  checkPolicy({ policy, checks, today, report }) {
    for (const check of checks) {
      const evidence = check.evidence;
      const stale = evidence?.analysis?.stale;
      const cadence = check.requirement.every?.value;
      if (!evidence || !stale || !cadence || !evidence.load?.ok) continue;
      if (activeException(policy, check.requirement.id, evidence.load.rel, check.requirement.evidence, today)) continue;
      const who = requirementName(policy, check.requirement);
      const newest = evidence.analysis?.newest;
      if (newest) {
        report({
          message: `the newest evidence of ${who} is ${formatDay(newest.day)}; it is due ${describeCadence(cadence)}, so the next was due ${formatDay(stale.due)} (${today - stale.due} ${today - stale.due === 1 ? 'day' : 'days'} ago)`,
          file: newest.item.file,
          span: newest.item.span,
          requirement: check.requirement,
          actual: formatDay(newest.day),
          related: [statedHere(policy, check.requirement)],
        });
      } else {
        const filter = evidence.spec.where.length > 0 ? ` where ${whereText(evidence)}` : '';
        report({
          message: `there is no dated evidence of ${who} in ${evidence.load.rel}${filter}; it is due ${describeCadence(cadence)}`,
          file: policy.file,
          span: (evidence.spec.at ?? evidence.spec).span,
          requirement: check.requirement,
        });
      }
    }
  },
};
export default rule;
