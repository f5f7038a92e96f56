import { describeExpectation } from '../expect/expectation';
import { asNumber, formatValue } from '../expect/values';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'requirement/understated',
  severity: 'info',
  description: 'Every source is stricter than the policy states: the policy undersells reality.',
  checkPolicy({ policy, checks, report }) {
    for (const check of checks) {
      const e = check.requirement.expect?.parsed.ok ? check.requirement.expect.parsed.expectation : undefined;
      if (!e || (e.op !== 'ge' && e.op !== 'gt' && e.op !== 'le' && e.op !== 'lt') || typeof e.operand !== 'number' || check.status !== 'verified') continue;
      const values = check.sources.flatMap((s) => s.values).map((v) => ({ v, n: asNumber(v.value) }));
      if (values.length === 0 || values.some(({ n }) => n === undefined)) continue;
      const numbers = values.map(({ n }) => n as number);
      const upward = e.op === 'ge' || e.op === 'gt';
      const bound = upward ? Math.min(...numbers) : Math.max(...numbers);
      if (upward ? bound <= e.operand : bound >= e.operand) continue;
      // "> 12" with a lowest value of 13 says the same as ">= 13" for whole numbers.
      if ((e.op === 'gt' || e.op === 'lt') && Number.isInteger(bound) && Number.isInteger(e.operand) && Math.abs(bound - e.operand) === 1) continue;
      // Inclusive even for > and <: the sources meet the bound itself, so "> 14" would fail a 14.
      const stated = `${upward ? '>=' : '<='} ${bound}`;
      report({
        message: `every source is stricter than "${describeExpectation(e)}" (${upward ? 'lowest' : 'highest'} value: ${bound}); the policy could state "${stated}"`,
        file: policy.file,
        span: check.requirement.expect!.node.span,
        requirement: check.requirement,
        expected: describeExpectation(e),
        related: values.map(({ v }) => ({ file: v.file, span: v.span, message: `${v.name} is ${formatValue(v.value)}` })),
      });
    }
  },
};
export default rule;
