import { formatDay } from '../dates';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'exception/expired',
  severity: 'error',
  description: 'An exception has expired; what it covered is reported again.',
  checkPolicy({ policy, today, report }) {
    for (const x of policy.exceptions) {
      if (x.expires?.value === undefined || x.expires.value >= today) continue;
      const what = x.requirement ? `for ${x.requirement.value}` : '';
      report({ message: `the exception ${what} expired on ${formatDay(x.expires.value)}: renew it with a new expiry or fix the drift it covered`.replace('  ', ' '), file: policy.file, span: x.expires.span });
    }
  },
};
export default rule;
