// The shape of a rule module. Each rule lives in its own file named after its finding id.

import type { Catalog } from '../controls/catalog';
import type { RequirementCheck } from '../check';
import type { CodeOwners } from '../codeowners';
import type { Day } from '../dates';
import type { WorkspaceHistory } from '../history';
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
  /**
   * A fixed severity, over settings and the requirement's override, for a finding that is a notice
   * rather than a violation (a check that was skipped); `off` still silences it.
   */
  severity?: Severity;
}

export interface PolicyContext {
  parsed: ParsedPolicy;
  policy: Policy;
  checks: RequirementCheck[];
  today: Day;
  catalog: Catalog;
  /** Line dates from version control, when the host provides them (see history.ts). */
  history?: WorkspaceHistory;
  /** The CODEOWNERS file in effect, if the workspace has one. */
  codeowners?: CodeOwners;
  report(draft: FindingDraft): void;
}

export interface WorkspaceContext<Facts = unknown> {
  /** The rule's factsOf of every policy that gave some, in file order. */
  facts: Facts[];
  config: WorkspaceConfig;
  history?: WorkspaceHistory;
  report(draft: FindingDraft & { policy?: string }): void;
}

export interface Rule<Facts = unknown> {
  id: string;
  severity: Severity;
  /** One line: when the rule reports. */
  description: string;
  checkPolicy?(context: PolicyContext): void;
  /**
   * What checkWorkspace needs to know of one policy, or undefined for nothing. Plain data: it is taken
   * once per parsed policy, possibly in a worker thread, and kept while the policy is unchanged.
   */
  factsOf?(parsed: ParsedPolicy): Facts | undefined;
  checkWorkspace?(context: WorkspaceContext<Facts>): void;
}

/** `policy password-authentication › password-min-length`, as messages name a requirement. */
export function requirementName(policy: Policy, requirement: Requirement): string {
  return `policy ${policy.id} › ${requirement.id}`;
}

export function statedHere(policy: Policy, requirement: Requirement): RelatedLocation {
  return { file: policy.file, span: requirement.keySpan, message: 'requirement stated here' };
}
