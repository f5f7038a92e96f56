import type { Rule } from './rule';

const rule: Rule = {
  id: 'review/missing',
  severity: 'warning',
  description: 'The policy has no date of its last review.',
  checkPolicy({ policy, report }) {
    if (policy.review?.last) return;
    const where = policy.review?.keySpan ?? policy.anchor;
    const hint = policy.layout === 'comply' ? 'add a dated entry to majorRevisions' : `add review: {every: ${policy.review?.every?.value?.text ?? 'annually'}, last: YYYY-MM-DD}`;
    report({ message: `policy ${policy.id} has no date of its last review: ${hint}`, file: policy.file, span: where });
  },
};
export default rule;
