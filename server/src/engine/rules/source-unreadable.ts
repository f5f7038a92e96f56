import type { Rule } from './rule';
import { requirementName } from './rule';
import { eachSource } from './sources';

const rule: Rule = {
  id: 'source/unreadable',
  severity: 'error',
  description: 'A source file cannot be read or parsed (syntax error, binary, too large, a directory, an unsupported format).',
  checkPolicy({ policy, checks, report }) {
    for (const { check, source } of eachSource(checks)) {
      const load = source.load;
      if (!load || !source.spec.file) continue;
      if (!load.ok && load.problem !== 'missing' && load.problem !== 'outside') {
        report({ message: load.message, file: policy.file, span: source.spec.file.span, requirement: check.requirement });
      } else if (load.ok && load.source.problem) {
        const p = load.source.problem;
        report({
          message: `${p.file} cannot be parsed: ${p.message}`,
          file: p.file,
          span: p.span,
          requirement: check.requirement,
          related: [{ file: policy.file, span: source.spec.file.span, message: `read by ${requirementName(policy, check.requirement)}` }],
        });
      }
    }
  },
};
export default rule;
