import { activeException } from '../check';
import { describeCadence } from '../cadence';
import { formatDay } from '../dates';
import type { Rule } from './rule';
import { requirementName } from './rule';

const rule: Rule = {
  id: 'evidence/gap',
  severity: 'error',
  description: 'Within the last 12 months, two consecutive evidence dates are more than one cadence apart.',
  checkPolicy({ policy, checks, today, report }) {
    for (const check of checks) {
      const evidence = check.evidence;
      const cadence = check.requirement.every?.value;
      if (!evidence?.analysis || !cadence || !evidence.load?.ok) continue;
      if (activeException(policy, check.requirement.id, evidence.load.rel, check.requirement.evidence, today)) continue;
      for (const gap of evidence.analysis.gaps) {
        const days = gap.after.day - gap.before.day;
        report({
          message: `evidence gap: ${days} days without evidence between ${formatDay(gap.before.day)} and ${formatDay(gap.after.day)}; ${requirementName(policy, check.requirement)} is due ${describeCadence(cadence)}, so the next was due ${formatDay(gap.due)}`,
          file: gap.after.item.file,
          span: gap.after.item.span,
          requirement: check.requirement,
          actual: formatDay(gap.after.day),
          related: [{ file: gap.before.item.file, span: gap.before.item.span, message: `evidence before the gap: ${formatDay(gap.before.day)}` }],
        });
      }
    }
  },
};
export default rule;
