// Shared walk over every source a policy reads: `in` sources, subsetOf references and evidence.

import type { RequirementCheck, SourceCheck } from '../check';

export function* eachSource(checks: RequirementCheck[]): Generator<{ check: RequirementCheck; source: SourceCheck }> {
  for (const check of checks) {
    for (const source of check.sources) yield { check, source };
    if (check.reference) yield { check, source: check.reference };
    if (check.evidence) yield { check, source: check.evidence };
  }
}

export function whereText(source: SourceCheck): string {
  return source.spec.where.map((w) => `${w.key} = ${JSON.stringify(w.value)}`).join(' and ');
}
