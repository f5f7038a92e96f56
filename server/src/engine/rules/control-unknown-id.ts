import { lookupControl, nearestControlId } from '../controls/catalog';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'control/unknown-id',
  severity: 'error',
  description: "A control id is not in the framework's catalog.",
  checkPolicy({ policy, catalog, report }) {
    for (const control of policy.controls) {
      if (lookupControl(catalog, control.value)) continue;
      const hint = nearestControlId(catalog, control.value);
      report({ message: `unknown control "${control.value}": it is not in ${catalog.name}${hint ? `; did you mean ${hint}?` : ''}`, file: policy.file, span: control.span });
    }
  },
};
export default rule;
