import { parseIsoDate } from '../dates';
import { entry } from '../tree';
import type { Span } from '../types';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'front-matter/schema',
  severity: 'error',
  description: 'The front matter misses a required key, has an unknown key, or a value of the wrong type or form.',
  checkPolicy({ parsed, policy, report }) {
    // One mistake, one finding: for a bad `expect` the expectation parser's word is the more specific
    // one (and names the requirement), so the JSON Schema's complaints inside that expect are dropped.
    const badExpects: Span[] = [];
    for (const requirement of policy.requirements) {
      const parsedExpect = requirement.expect?.parsed;
      if (!parsedExpect || parsedExpect.ok) continue;
      badExpects.push(requirement.expect!.node.span);
      report({ message: `expect: ${parsedExpect.message}`, file: parsed.file, span: parsedExpect.span, requirement });
    }
    for (const p of parsed.schema) {
      if (badExpects.some((node) => p.span.start >= node.start && p.span.end <= node.end)) continue;
      report({ message: p.message, file: parsed.file, span: p.span });
    }
    // A form the JSON Schema cannot express: a real calendar date.
    const effective = entry(policy.root, 'effective')?.value;
    const effectiveDate = effective?.kind === 'scalar' && typeof effective.value === 'string' ? { value: parseIsoDate(effective.value), span: effective.span } : undefined;
    const dates = [effectiveDate, policy.review?.last, ...policy.exceptions.map((x) => x.expires)];
    for (const date of dates) {
      if (date && date.value === undefined && /^\d{4}-\d{2}-\d{2}$/.test(policy.text.slice(date.span.start, date.span.end).replace(/["']/g, ''))) {
        report({ message: `${policy.text.slice(date.span.start, date.span.end)} is not a real calendar date`, file: parsed.file, span: date.span });
      }
    }
  },
};
export default rule;
