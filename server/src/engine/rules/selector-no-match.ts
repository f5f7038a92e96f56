import { isUsable, opOf } from '../check';
import type { Rule } from './rule';
import { eachSource, whereText } from './sources';

const rule: Rule = {
  id: 'selector/no-match',
  severity: 'error',
  description: '`at` selects nothing in its file.',
  checkPolicy({ policy, checks, report }) {
    for (const { check, source } of eachSource(checks)) {
      if (!isUsable(source) || !source.spec.at || !source.load?.ok || source.values.length > 0) continue;
      // For these operators an empty selection is a verdict, not a mistake in `at`.
      if (source.role === 'in' && ['exists', 'absent', 'count'].includes(opOf(check.requirement))) continue;
      // Evidence filtered down to nothing is stale evidence, reported by evidence/stale.
      if (source.role === 'evidence' && source.selectedCount > 0) continue;
      const rel = source.load.rel;
      const message = source.selectedCount === 0
        ? `${source.spec.at.text} selects nothing in ${rel}`
        : `${source.spec.at.text} selects ${source.selectedCount} ${source.selectedCount === 1 ? 'value' : 'values'} in ${rel}, none where ${whereText(source)}`;
      report({ message, file: policy.file, span: source.spec.at.span, requirement: check.requirement });
    }
  },
};
export default rule;
