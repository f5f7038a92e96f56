import { lookupControl } from '../controls/catalog';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'control/unverified',
  severity: 'info',
  description: "Controls are claimed but none of the policy's requirements is checked against a source.",
  checkPolicy({ policy, catalog, report }) {
    const claimed = policy.controls.filter((c) => lookupControl(catalog, c.value));
    if (claimed.length === 0 || !policy.controlsKeySpan) return;
    if (policy.requirements.some((r) => r.sources.length > 0 || r.evidence)) return;
    const ids = claimed.map((c) => c.value).join(', ');
    report({
      message: `${claimed.length === 1 ? 'control' : 'controls'} ${ids} ${claimed.length === 1 ? 'is' : 'are'} claimed, but no requirement of this policy is checked against a source`,
      file: policy.file,
      span: policy.controlsKeySpan,
    });
  },
};
export default rule;
