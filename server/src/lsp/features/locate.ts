// Which part of a policy an offset is in: a requirement, one of its sources, a control id, a cadence.

import type { SourceCheck } from '../../engine/check';
import type { PolicyState } from '../../engine/lint';
import type { Placed, Requirement } from '../../engine/policy/model';
import { contains } from './context';

export interface RequirementHit {
  requirement: Requirement;
  /** The source whose `file:`/`at:` the offset is on, if any. */
  source?: SourceCheck;
  on?: 'file' | 'at' | 'key';
}

export function requirementAt(state: PolicyState, offset: number): RequirementHit | undefined {
  for (const check of state.checks) {
    const { requirement } = check;
    if (contains(requirement.keySpan, offset)) return { requirement, on: 'key' };
    if (!contains(requirement.node.span, offset)) continue;
    for (const source of [...check.sources, ...(check.reference ? [check.reference] : []), ...(check.evidence ? [check.evidence] : [])]) {
      if (source.spec.file && contains(source.spec.file.span, offset)) return { requirement, source, on: 'file' };
      if (source.spec.at && contains(source.spec.at.span, offset)) return { requirement, source, on: 'at' };
    }
    return { requirement };
  }
  for (const requirement of state.parsed.policy.requirements) {
    if (contains(requirement.keySpan, offset) || contains(requirement.node.span, offset)) return { requirement };
  }
  return undefined;
}

export function controlAt(state: PolicyState, offset: number): Placed | undefined {
  return state.parsed.policy.controls.find((c) => contains(c.span, offset));
}

export type CadenceHit = { kind: 'review' } | { kind: 'evidence'; requirement: Requirement };

export function cadenceAt(state: PolicyState, offset: number): CadenceHit | undefined {
  const review = state.parsed.policy.review?.every;
  if (review && contains(review.span, offset)) return { kind: 'review' };
  const requirement = state.parsed.policy.requirements.find((r) => r.every && contains(r.every.span, offset));
  return requirement ? { kind: 'evidence', requirement } : undefined;
}
