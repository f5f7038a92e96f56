// The shape of a rule module. Each rule lives in its own file named after its finding id.

import type { Catalog } from '../controls/catalog';
import type { RequirementCheck } from '../check';
import type { Day } from '../dates';
import type { ParsedPolicy } from '../policy/parse';
import type { Policy, Requirement } from '../policy/model';
import type { RelatedLocation, Severity, Span } from '../types';
import type { WorkspaceConfig } from '../config';

export interface FindingDraft {
  message: string;
  file: string;
  span: Span;
  /** The requirement a finding is about: names it in output and applies its `severity` override. */
  requirement?: Requirement;
  expected?: string;
  actual?: unknown;
  related?: RelatedLocation[];
}

export interface PolicyContext {
  parsed: ParsedPolicy;
  policy: Policy;
  checks: RequirementCheck[];
  today: Day;
  catalog: Catalog;
  report(draft: FindingDraft): void;
}

export interface WorkspaceContext {
  policies: ParsedPolicy[];
  config: WorkspaceConfig;
  report(draft: FindingDraft & { policy?: string }): void;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line: when the rule reports. */
  description: string;
  checkPolicy?(context: PolicyContext): void;
  checkWorkspace?(context: WorkspaceContext): void;
}

/** `policy password-authentication › password-min-length`, as messages name a requirement. */
export function requirementName(policy: Policy, requirement: Requirement): string {
  return `policy ${policy.id} › ${requirement.id}`;
}

export function statedHere(policy: Policy, requirement: Requirement): RelatedLocation {
  return { file: policy.file, span: requirement.keySpan, message: 'requirement stated here' };
}
