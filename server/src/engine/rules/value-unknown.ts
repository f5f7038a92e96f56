import type { Rule } from './rule';
import { requirementName, statedHere } from './rule';
import { eachSource } from './sources';

const rule: Rule = {
  id: 'value/unknown',
  severity: 'info',
  description: 'A selected value cannot be known statically (unresolved variable, interpolation, function call); it is neither passed nor failed.',
  checkPolicy({ policy, checks, report }) {
    for (const { check, source } of eachSource(checks)) {
      for (const value of source.values) {
        if (value.unknown === undefined) continue;
        report({
          message: `${value.name} cannot be known statically (${value.unknown}${value.via ? `, ${value.via}` : ''}); ${requirementName(policy, check.requirement)} is not checked against it`,
          file: value.file,
          span: value.span,
          requirement: check.requirement,
          related: [statedHere(policy, check.requirement)],
        });
      }
    }
  },
};
export default rule;
