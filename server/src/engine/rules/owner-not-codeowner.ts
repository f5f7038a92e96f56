// With a CODEOWNERS file, a policy's owner must own the policy or at least one file it reads: an owner
// who is never asked to review changes to the policy or to what it governs does not really own it.

import { resolveWorkspacePath } from '../fs';
import { sameOwner } from '../codeowners';
import type { Rule } from './rule';

const rule: Rule = {
  id: 'owner/not-codeowner',
  severity: 'warning',
  description: 'A CODEOWNERS file exists and the policy owner owns neither the policy nor any file it reads.',
  checkPolicy({ policy, checks, codeowners, report }) {
    const owner = policy.owner;
    if (!codeowners || !owner || owner.value.trim() === '') return;
    const reads = new Set<string>();
    for (const check of checks) {
      for (const source of [...check.sources, check.reference, check.evidence]) {
        if (source?.load?.rel) reads.add(source.load.rel);
        else if (source?.spec.file) {
          // Not loaded (outside the workspace, say): ownership is still a matter of the path written.
          const resolved = resolveWorkspacePath(source.spec.file.text);
          if (resolved.ok) reads.add(resolved.rel);
        }
      }
    }
    reads.delete(policy.file);
    const files = [policy.file, ...[...reads].sort()];
    const others: string[] = [];
    for (const file of files) {
      const owners = codeowners.ruleFor(file)?.owners ?? [];
      if (owners.some((o) => sameOwner(o, owner.value))) return;
      for (const o of owners) if (!others.some((x) => sameOwner(x, o))) others.push(o);
    }
    const what = reads.size === 0 ? `does not own ${policy.file}` : `owns neither ${policy.file} nor any file it reads`;
    const who = reads.size === 0
      ? others.length > 0 ? `it is owned by ${others.join(', ')}` : 'it has no code owner'
      : others.length > 0 ? `they are owned by ${others.join(', ')}` : 'none of them has a code owner';
    const rule = codeowners.ruleFor(policy.file);
    report({
      message: `owner "${owner.value}" ${what} according to ${codeowners.file} (${who})`,
      file: policy.file,
      span: owner.span,
      actual: owner.value,
      related: rule ? [{ file: codeowners.file, span: rule.span, message: `the line that decides who owns ${policy.file}` }] : undefined,
    });
  },
};
export default rule;
