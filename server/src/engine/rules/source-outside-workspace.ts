import type { Rule } from './rule';
import { eachSource } from './sources';

const rule: Rule = {
  id: 'source/outside-workspace',
  severity: 'error',
  description: 'A source path leaves the workspace (.., an absolute path, or a symlink pointing outside); it is not read.',
  checkPolicy({ policy, checks, report }) {
    for (const { check, source } of eachSource(checks)) {
      if (source.load?.ok === false && source.load.problem === 'outside' && source.spec.file) {
        report({ message: `${source.load.message}: Tenet reads only files inside the workspace`, file: policy.file, span: source.spec.file.span, requirement: check.requirement });
      }
    }
  },
};
export default rule;
