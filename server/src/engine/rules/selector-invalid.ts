import type { Rule } from './rule';
import { eachSource } from './sources';

const rule: Rule = {
  id: 'selector/invalid',
  severity: 'error',
  description: '`at` is not a valid selector for the source format.',
  checkPolicy({ policy, checks, report }) {
    for (const { check, source } of eachSource(checks)) {
      const invalid = source.invalidSelector;
      const at = source.spec.at;
      if (!invalid || !at) continue;
      // Point at the offending token when the parser says where it is and the scalar is written verbatim.
      let span = at.span;
      const written = policy.text.slice(at.span.start, at.span.end);
      const quote = written[0] === '"' || written[0] === "'" ? 1 : 0;
      if (invalid.offset !== undefined && written.slice(quote, written.length - quote) === at.text) {
        const start = Math.min(at.span.start + quote + invalid.offset, at.span.end - quote - 1);
        span = { start: Math.max(at.span.start, start), end: at.span.end - quote };
      }
      report({ message: invalid.message, file: policy.file, span, requirement: check.requirement });
    }
  },
};
export default rule;
