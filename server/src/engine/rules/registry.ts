// Every rule Tenet knows, in documentation order.

import configInvalid from './config-invalid';
import controlUnknownId from './control-unknown-id';
import controlUnverified from './control-unverified';
import evidenceBackdated from './evidence-backdated';
import evidenceFutureDate from './evidence-future-date';
import evidenceGap from './evidence-gap';
import evidenceStale from './evidence-stale';
import exceptionExpired from './exception-expired';
import exceptionNoExpiry from './exception-no-expiry';
import exceptionUnused from './exception-unused';
import frontMatterSchema from './front-matter-schema';
import frontMatterSyntax from './front-matter-syntax';
import internalError from './internal-error';
import ownerMissing from './owner-missing';
import ownerNotCodeowner from './owner-not-codeowner';
import policyDuplicateId from './policy-duplicate-id';
import requirementConflict from './requirement-conflict';
import requirementDrift from './requirement-drift';
import requirementStatementMismatch from './requirement-statement-mismatch';
import requirementUnderstated from './requirement-understated';
import reviewFutureDate from './review-future-date';
import reviewMissing from './review-missing';
import reviewOverdue from './review-overdue';
import type { Rule } from './rule';
import selectorInvalid from './selector-invalid';
import selectorNoMatch from './selector-no-match';
import sourceMissing from './source-missing';
import sourceOutsideWorkspace from './source-outside-workspace';
import sourceUnreadable from './source-unreadable';
import valueUnknown from './value-unknown';

export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  frontMatterSchema,
  policyDuplicateId,
  requirementDrift,
  requirementUnderstated,
  requirementConflict,
  requirementStatementMismatch,
  sourceMissing,
  sourceUnreadable,
  sourceOutsideWorkspace,
  selectorInvalid,
  selectorNoMatch,
  valueUnknown,
  reviewMissing,
  reviewOverdue,
  reviewFutureDate,
  evidenceStale,
  evidenceGap,
  evidenceFutureDate,
  evidenceBackdated,
  ownerMissing,
  ownerNotCodeowner,
  controlUnknownId,
  controlUnverified,
  exceptionExpired,
  exceptionNoExpiry,
  exceptionUnused,
  configInvalid,
  internalError,
];

export type RuleInfo = Pick<Rule, 'id' | 'severity' | 'description'>;

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export const RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());
