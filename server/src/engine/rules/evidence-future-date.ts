import { activeException } from '../check';
import { formatDay } from '../dates';
import type { Rule } from './rule';
import { requirementName } from './rule';

const rule: Rule = {
  id: 'evidence/future-date',
  severity: 'error',
  description: 'An evidence row is dated in the future.',
  checkPolicy({ policy, checks, today, report }) {
    for (const check of checks) {
      if (check.evidence?.load?.ok && activeException(policy, check.requirement.id, check.evidence.load.rel, check.requirement.evidence, today)) continue;
      for (const row of check.evidence?.analysis?.future ?? []) {
        report({
          message: `evidence of ${requirementName(policy, check.requirement)} is dated ${formatDay(row.day)}, in the future (today is ${formatDay(today)})`,
          file: row.item.file,
          span: row.item.span,
          requirement: check.requirement,
          actual: formatDay(row.day),
        });
      }
    }
  },
};
export default rule;
