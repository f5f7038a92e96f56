import { isBroken } from '../policy/parse';
import { entry } from '../tree';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'policy/duplicate-id',
  severity: 'error',
  description: 'Two policies share an id.',
  checkWorkspace({ policies, report }) {
    const byId = new Map<string, typeof policies>();
    for (const parsed of policies) {
      // A policy without an id is named after its file only for messages; front-matter/schema reports it.
      const declared = parsed.policy.layout === 'comply' ? entry(parsed.policy.root, 'acronym') : entry(parsed.policy.root, 'policy');
      if (isBroken(parsed) || !declared) continue;
      const list = byId.get(parsed.policy.id) ?? [];
      list.push(parsed);
      byId.set(parsed.policy.id, list);
    }
    for (const [id, list] of byId) {
      if (list.length < 2) continue;
      for (const { policy } of list) {
        const others = list.filter((o) => o.policy !== policy);
        report({
          message: `policy id "${id}" is also used by ${others.map((o) => o.file).join(', ')}`,
          file: policy.file,
          span: policy.idSpan,
          policy: id,
          related: others.map((o) => ({ file: o.file, span: o.policy.idSpan, message: `"${id}" also declared here` })),
        });
      }
    }
  },
};
export default rule;
