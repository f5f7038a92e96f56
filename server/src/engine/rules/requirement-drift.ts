import type { CheckedValue, SourceCheck } from '../check';
import { describeExpectation, type Expectation } from '../expect/expectation';
import { formatValue } from '../expect/values';
import type { Policy, Requirement } from '../policy/model';
import type { Rule } from './rule';
import { requirementName, statedHere } from './rule';

const rule: Rule = {
  id: 'requirement/drift',
  severity: 'error',
  description: 'A selected value violates the requirement\'s expectation (or evidence rows are not dates).',
  checkPolicy({ policy, checks, report }) {
    for (const check of checks) {
      const { requirement } = check;
      const expectation = requirement.expect?.parsed.ok ? requirement.expect.parsed.expectation : undefined;
      if (expectation) {
        const expected = describeExpectation(expectation);
        for (const source of check.sources) {
          if (source.verdict && !source.verdict.pass && source.spec.at) {
            report({
              message: selectionMessage(policy, requirement, source, expectation),
              file: policy.file,
              span: source.spec.at.span,
              requirement,
              expected,
              actual: expectation.op === 'count' ? source.values.length : undefined,
              related: source.values.map((v) => ({ file: v.file, span: v.span, message: `selected: ${formatValue(v.value)}` })),
            });
          }
          for (const value of failing(source)) {
            report({ message: valueMessage(policy, requirement, value, expectation), file: value.file, span: value.span, requirement, expected, actual: value.value, related: [statedHere(policy, requirement)] });
          }
        }
      }
      if (check.evidence) {
        for (const value of failing(check.evidence)) {
          const why = value.verdict !== 'unknown' && !value.verdict.pass ? value.verdict.why : undefined;
          report({ message: `${value.name} is ${formatValue(value.value)}, ${why ?? 'not a date'}; ${requirementName(policy, requirement)} needs dated evidence (YYYY-MM-DD)`, file: value.file, span: value.span, requirement, actual: value.value, related: [statedHere(policy, requirement)] });
        }
      }
    }
  },
};
export default rule;

function failing(source: SourceCheck): CheckedValue[] {
  return source.values.filter((v) => v.verdict !== 'unknown' && !v.verdict.pass && !v.exception);
}

function valueMessage(policy: Policy, requirement: Requirement, value: CheckedValue, e: Expectation): string {
  const who = requirementName(policy, requirement);
  const shown = formatValue(value.value);
  const via = value.via ? ` (${value.via})` : '';
  const why = value.verdict !== 'unknown' && !value.verdict.pass && value.verdict.why ? ` (${value.verdict.why})` : '';
  switch (e.op) {
    case 'absent':
      return `${value.name} is present (${shown})${via}; ${who} expects it to be absent`;
    case 'noneMatch':
      return `${value.name} is ${shown}${via}, which matches /${e.regex.source}/; ${who} expects no value to match`;
    case 'subsetOf':
      return `${value.name} is ${shown}${via}, which is not in ${e.source.file?.text} › ${e.source.at?.text}${e.source.where.length ? ` where ${e.source.where.map((w) => `${w.key} = ${JSON.stringify(w.value)}`).join(' and ')}` : ''}; ${who} expects every value to appear there`;
    default:
      return `${value.name} is ${shown}${via}${why}; ${who} expects ${describeExpectation(e)}`;
  }
}

function selectionMessage(policy: Policy, requirement: Requirement, source: SourceCheck, e: Expectation): string {
  const who = requirementName(policy, requirement);
  const rel = source.load?.ok ? source.load.rel : source.spec.file?.text;
  const n = source.values.length;
  if (e.op === 'exists') return `${source.spec.at?.text} selects nothing in ${rel}; ${who} expects it to exist`;
  return `${source.spec.at?.text} selects ${n} ${n === 1 ? 'value' : 'values'} in ${rel}; ${who} expects ${describeExpectation(e)}`;
}
