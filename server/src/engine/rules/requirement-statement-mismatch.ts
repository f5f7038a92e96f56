import { describeExpectation, type Expectation } from '../expect/expectation';
import type { Rule } from './rule';

const WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};
// Digits standing alone (not part of CC6.1 or AES256), or number words.
const NUMBER = new RegExp(`(?<![\\w.])\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\w.]\\d)|(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w]|\\.\\d)|\\b(?:${Object.keys(WORDS).join('|')})\\b`, 'gi');
// Numbers that name a standard rather than state a quantity: the word just before the number.
const STANDARD = /(?<![A-Za-z0-9_])(SOC|ISO|NIST|PCI|TLS|SSL|SHA|HIPAA|GDPR|SP|FIPS|RFC|CIS|version|v)$/i;

/**
 * Whether the number at `index` follows a standard's name ("SOC 2", "TLS-1.2"). Only a short window
 * before it is tested: testing the whole text before every number was quadratic, and a 1 MB `says`
 * of numbers took minutes.
 */
function namesStandard(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && /[\s-]/.test(text[end - 1])) end--;
  // The longest name ("version") and the character before it.
  return STANDARD.test(text.slice(Math.max(0, end - 8), end));
}

function operand(e: Expectation): number | undefined {
  switch (e.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return typeof e.operand === 'number' ? e.operand : undefined;
    case 'within':
      return e.duration.amount;
    case 'count':
      return operand(e.comparison);
    default:
      return undefined;
  }
}

const rule: Rule = {
  id: 'requirement/statement-mismatch',
  severity: 'warning',
  description: 'A number in `says` contradicts `expect`.',
  checkPolicy({ policy, report }) {
    for (const requirement of policy.requirements) {
      const says = requirement.says;
      const e = requirement.expect?.parsed.ok ? requirement.expect.parsed.expectation : undefined;
      const expected = e && operand(e);
      if (!says || !e || expected === undefined) continue;
      const written = policy.text.slice(says.span.start, says.span.end);
      const numbers: { value: number; start: number; end: number }[] = [];
      for (const m of written.matchAll(NUMBER)) {
        if (namesStandard(written, m.index)) continue;
        const word = WORDS[m[0].toLowerCase()];
        numbers.push({ value: word ?? Number(m[0].replace(/,/g, '')), start: m.index, end: m.index + m[0].length });
      }
      if (numbers.length === 0 || numbers.some((n) => n.value === expected)) continue;
      const first = numbers[0];
      report({
        message: `"says" states ${written.slice(first.start, first.end)} but expect is "${describeExpectation(e)}": make the sentence and the check agree`,
        file: policy.file,
        span: { start: says.span.start + first.start, end: says.span.start + first.end },
        requirement,
        expected: describeExpectation(e),
      });
    }
  },
};
export default rule;
