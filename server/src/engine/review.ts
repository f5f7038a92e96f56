// A policy's own review cadence; `annually` when a policy does not say (the SOC 2 norm).

import { describeCadence, nextDue, parseCadence, type Cadence } from './cadence';
import type { Day } from './dates';
import type { Policy } from './policy/model';

const ANNUALLY = parseCadence('annually') as Cadence;

export function reviewCadence(policy: Policy): Cadence {
  return policy.review?.every?.value ?? ANNUALLY;
}

export function reviewDue(policy: Policy): Day | undefined {
  const last = policy.review?.last?.value;
  return last === undefined ? undefined : nextDue(last, reviewCadence(policy));
}

export function describeReviewCadence(policy: Policy): string {
  return describeCadence(reviewCadence(policy));
}
