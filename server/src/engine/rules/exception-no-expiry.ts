import type { Rule } from './rule';

const rule: Rule = {
  id: 'exception/no-expiry',
  severity: 'error',
  description: 'An exception has no expiry date.',
  checkPolicy({ policy, report }) {
    for (const x of policy.exceptions) {
      if (x.expires) continue;
      const what = x.requirement ? ` for ${x.requirement.value}` : '';
      report({ message: `the exception${what} has no expiry date: exceptions must be time-boxed (expires: YYYY-MM-DD)`, file: policy.file, span: x.requirement?.span ?? x.span });
    }
  },
};
export default rule;
