import { isBroken } from '../policy/parse';
import { entry } from '../tree';
import type { Span } from '../types';
import type { Rule } from './rule';

interface DeclaredId {
  id: string;
  file: string;
  span: Span;
}

const rule: Rule<DeclaredId> = {
  id: 'policy/duplicate-id',
  severity: 'error',
  description: 'Two policies share an id.',
  factsOf(parsed) {
    // A policy without an id is named after its file only for messages; front-matter/schema reports it.
    const { policy } = parsed;
    const declared = entry(policy.root, policy.layout === 'comply' ? 'acronym' : 'policy');
    return isBroken(parsed) || !declared ? undefined : { id: policy.id, file: policy.file, span: policy.idSpan };
  },
  checkWorkspace({ facts, report }) {
    // The editor runs this on every keystroke: one map entry per id, a list only for ids used twice.
    const first = new Map<string, DeclaredId>();
    const shared = new Map<string, DeclaredId[]>();
    for (const declared of facts) {
      const earlier = first.get(declared.id);
      if (earlier === undefined) first.set(declared.id, declared);
      else if (shared.has(declared.id)) shared.get(declared.id)!.push(declared);
      else shared.set(declared.id, [earlier, declared]);
    }
    for (const [id, list] of shared) {
      for (const declared of list) {
        const others = list.filter((o) => o !== declared);
        report({
          message: `policy id "${id}" is also used by ${others.map((o) => o.file).join(', ')}`,
          file: declared.file,
          span: declared.span,
          policy: id,
          related: others.map((o) => ({ file: o.file, span: o.span, message: `"${id}" also declared here` })),
        });
      }
    }
  },
};
export default rule;
