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

export interface WorkspaceContext {
  policies: ParsedPolicy[];
  config: WorkspaceConfig;
  history?: WorkspaceHistory;
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
