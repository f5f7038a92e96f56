import { isBroken, type ParsedPolicy } from '../policy/parse';
import { entry } from '../tree';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'policy/duplicate-id',
  severity: 'error',
  description: 'Two policies share an id.',
  checkWorkspace({ policies, report }) {
    const byId = new Map<string, typeof policies>();
    for (const parsed of policies) {
      if (!declaresId(parsed)) continue;
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

// Memoized per parsed policy: the editor runs this over every policy on each keystroke.
const declared = new WeakMap<ParsedPolicy, boolean>();

/** A policy without an id is named after its file only for messages; front-matter/schema reports it. */
function declaresId(parsed: ParsedPolicy): boolean {
  let known = declared.get(parsed);
  if (known === undefined) {
    const key = parsed.policy.layout === 'comply' ? 'acronym' : 'policy';
    declared.set(parsed, (known = !isBroken(parsed) && entry(parsed.policy.root, key) !== undefined));
  }
  return known;
}
