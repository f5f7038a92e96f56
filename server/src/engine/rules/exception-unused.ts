import type { Rule } from './rule';

const rule: Rule = {
  id: 'exception/unused',
  severity: 'warning',
  description: 'An exception covers nothing: its requirement does not exist or has no drift it applies to.',
  checkPolicy({ policy, checks, today, report }) {
    for (const x of policy.exceptions) {
      if (!x.requirement || (x.expires?.value !== undefined && x.expires.value < today)) continue;
      const check = checks.find((c) => c.requirement.id === x.requirement?.value);
      if (!check) {
        report({ message: `the exception names "${x.requirement.value}", but policy ${policy.id} has no such requirement`, file: policy.file, span: x.requirement.span });
        continue;
      }
      const used = [...check.sources, ...(check.evidence ? [check.evidence] : [])].some((s) => s.values.some((v) => v.exception === x))
        || (check.status === 'excepted' && check.evidence !== undefined);
      // While the requirement cannot be checked (a missing source, a bad expect), nobody knows whether it drifts.
      if (!used && check.status !== 'unknown') {
        const scope = x.file ? ` in ${x.file.value}` : '';
        report({ message: `the exception for ${x.requirement.value}${scope} covers nothing: the requirement has no drift there — remove the exception`, file: policy.file, span: x.requirement.span });
      }
    }
  },
};
export default rule;
