import { formatDay } from '../dates';
import { describeReviewCadence, reviewDue } from '../review';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'review/overdue',
  severity: 'error',
  description: 'The policy was not reviewed within its cadence.',
  checkPolicy({ policy, today, report }) {
    const last = policy.review?.last;
    const due = reviewDue(policy);
    if (!last || last.value === undefined || due === undefined || due >= today || last.value > today) return;
    const late = today - due;
    report({
      message: `review overdue: policy ${policy.id} was last reviewed ${formatDay(last.value)}; it is reviewed ${describeReviewCadence(policy)}, so the next review was due ${formatDay(due)} (${late} ${late === 1 ? 'day' : 'days'} ago)`,
      file: policy.file,
      span: last.span,
    });
  },
};
export default rule;
