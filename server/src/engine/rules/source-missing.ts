import type { Rule } from './rule';
import { eachSource } from './sources';

const rule: Rule = {
  id: 'source/missing',
  severity: 'error',
  description: 'A source file does not exist.',
  checkPolicy({ policy, checks, report }) {
    for (const { check, source } of eachSource(checks)) {
      if (source.load?.ok === false && source.load.problem === 'missing' && source.spec.file) {
        report({ message: source.load.message, file: policy.file, span: source.spec.file.span, requirement: check.requirement });
      }
    }
  },
};
export default rule;
