import { asNumber, formatValue } from '../expect/values';
import type { Rule } from './rule';
import { requirementName } from './rule';

/** Passing values can only differ under these operators; equality would already be drift. */
const SPREAD_OPERATORS = new Set(['ge', 'gt', 'le', 'lt', 'ne', 'within', 'oneOf', 'noneOf', 'matches']);

const rule: Rule = {
  id: 'requirement/conflict',
  severity: 'warning',
  description: 'The sources of one requirement satisfy it but disagree with each other (e.g. AWS 14, Okta 12).',
  checkPolicy({ policy, checks, report }) {
    for (const check of checks) {
      const e = check.requirement.expect?.parsed.ok ? check.requirement.expect.parsed.expectation : undefined;
      if (!e || !SPREAD_OPERATORS.has(e.op) || check.status !== 'verified' || check.sources.length < 2) continue;
      const perSource = check.sources
        .filter((s) => s.values.length > 0 && s.load?.ok)
        .map((s) => ({ source: s, keys: new Set(s.values.map((v) => comparable(v.value))) }));
      if (perSource.length < 2) continue;
      const first = perSource[0].keys;
      const differs = perSource.some(({ keys }) => keys.size !== first.size || [...keys].some((k) => !first.has(k)));
      if (!differs) continue;
      const summary = perSource
        .map(({ source }) => `${source.load?.ok ? source.load.rel : ''} has ${[...new Set(source.values.map((v) => formatValue(v.value)))].join(', ')}`)
        .join('; ');
      report({
        message: `the sources of ${requirementName(policy, check.requirement)} disagree: ${summary}`,
        file: policy.file,
        span: check.requirement.keySpan,
        requirement: check.requirement,
        related: perSource.flatMap(({ source }) => source.values.map((v) => ({ file: v.file, span: v.span, message: `${v.name} is ${formatValue(v.value)}` }))),
      });
    }
  },
};
export default rule;

/** Values are compared by type (policy format section 3): "14" in one file agrees with 14 in another. */
function comparable(value: unknown): string {
  const n = asNumber(value);
  return n !== undefined ? `number:${n}` : JSON.stringify(value);
}
