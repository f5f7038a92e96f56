import { formatDay } from '../dates';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'review/future-date',
  severity: 'error',
  description: 'The last review date is in the future.',
  checkPolicy({ policy, today, report }) {
    const last = policy.review?.last;
    if (last?.value === undefined || last.value <= today) return;
    report({ message: `the last review date ${formatDay(last.value)} is in the future (today is ${formatDay(today)})`, file: policy.file, span: last.span });
  },
};
export default rule;
