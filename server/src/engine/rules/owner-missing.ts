import type { Rule } from './rule';

const rule: Rule = {
  id: 'owner/missing',
  severity: 'error',
  description: 'The policy names no owner.',
  checkPolicy({ policy, report }) {
    if (!policy.owner || policy.owner.value.trim() === '') report({ message: `policy ${policy.id} has no owner: name the accountable person or team (owner: "@org/team")`, file: policy.file, span: policy.anchor });
  },
};
export default rule;
