// Messages between the Tenet client and server beyond standard LSP (shared by both bundles).

export const STATUS_NOTIFICATION = 'tenet/status';

export interface StatusParams {
  state: 'ok' | 'error' | 'disabled' | 'indexing';
  policies: number;
  requirements: number;
  /** Requirements whose status is drift. */
  drift: number;
  errors: number;
  warnings: number;
  /** ISO timestamp of the last completed check. */
  lastCheck?: string;
  message?: string;
}

export const LINT_WORKSPACE_COMMAND = 'tenet.lintWorkspace';

/** The `tenet` settings section, as the server reads it. */
export interface TenetSettings {
  enable: boolean;
  /** Pin "today" (YYYY-MM-DD) for reproducible demos; empty = tenet.yaml or the real date. */
  today: string;
  /** Severity overrides by rule id. */
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Delay after a keystroke before re-checking, in milliseconds. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: TenetSettings = { enable: true, today: '', rules: {}, debounceMs: 200 };

// ---- The compliance dashboard -------------------------------------------------------------------
//
// `tenet/dashboard` (client → server, no params) answers the workspace's compliance state, one entry per
// Tenet project: the control coverage matrix (server/src/report/coverage.ts defines the cell statuses),
// the policies, their requirements with the values that drift, and counts. It reflects every edit the
// editor has sent (pending edits are checked first). There is no change notification of its own: the
// server sends `tenet/status` after every check, and a client showing the dashboard asks again then.

export const DASHBOARD_REQUEST = 'tenet/dashboard';

/** A zero-based LSP position and range (UTF-16 characters), as in `textDocument/publishDiagnostics`. */
export interface DashboardPosition {
  line: number;
  character: number;
}

export interface DashboardRange {
  start: DashboardPosition;
  end: DashboardPosition;
}

/** A requirement's status, as the engine reports it. */
export type DashboardRequirementStatus = 'verified' | 'drift' | 'unknown' | 'unchecked' | 'excepted';

/** A coverage cell: see server/src/report/coverage.ts for the exact definitions. */
export type DashboardCellStatus = 'verified' | 'drift' | 'unverified' | 'not-covered';

/** The state of a policy's next review against today (server/src/report/timeline.ts). */
export type DashboardReviewState = 'ok' | 'due-soon' | 'overdue' | 'missing' | 'future';

export interface DashboardResult {
  /** One per Tenet project (a folder holding tenet.yaml, else an editor folder), by root path. */
  projects: DashboardProject[];
}

export interface DashboardProject {
  /** The project folder (absolute path) and its file URI. */
  root: string;
  rootUri: string;
  /** The folder's name. */
  name: string;
  /** The day the check judged dates against (YYYY-MM-DD). */
  today: string;
  /** The control framework's name (the matrix rows are its criteria). */
  framework: string;
  /** In matrix column order (by policy file). */
  policies: DashboardPolicy[];
  matrix: DashboardMatrix;
  /** Every requirement, by policy file then as written. */
  requirements: DashboardRequirement[];
  summary: DashboardSummary;
}

export interface DashboardMatrix {
  /** Policy ids in column order: `cells[i]` of every row is about `policies[i]`. */
  columns: string[];
  /** One per criterion of the catalog, in catalog order (rows of a category are consecutive). */
  rows: DashboardCriterion[];
}

export interface DashboardCriterion {
  id: string;
  title: string;
  category: string;
  cells: DashboardCellStatus[];
  /** The worst claimed cell (drift, unverified, verified), or not-covered when no policy claims it. */
  summary: DashboardCellStatus;
}

export interface DashboardPolicy {
  id: string;
  title?: string;
  /** Workspace-relative path, file URI, and the range of the `policy:` key (else the header's first line). */
  file: string;
  uri: string;
  range: DashboardRange;
  owner?: string;
  /** Control ids as written. */
  controls: string[];
  /** The worst of its requirements' statuses (drift, unknown, unchecked, excepted, verified); unchecked without any. */
  status: DashboardRequirementStatus;
  /** The status every criterion it claims gets in the matrix. */
  coverage: Exclude<DashboardCellStatus, 'not-covered'>;
  counts: Record<DashboardRequirementStatus, number>;
  /** Last review and next review due (YYYY-MM-DD), when known. */
  reviewLast?: string;
  reviewNext?: string;
  reviewState: DashboardReviewState;
  /** The next review is due before today. */
  overdue: boolean;
}

export interface DashboardRequirement {
  /** The policy's id and file URI. */
  policy: string;
  policyUri: string;
  id: string;
  status: DashboardRequirementStatus;
  /** The requirement's sentence (`says`). */
  says?: string;
  /** The expectation as a policy writer writes it (`>= 2`, `count <= 3`); absent for evidence-only ones. */
  expectation?: string;
  /** The policy file and the range of the requirement's key in it. */
  uri: string;
  range: DashboardRange;
  /** Where it drifts: failing values, and the files whose selection or evidence fails as a whole. */
  offending: DashboardValue[];
}

export interface DashboardValue {
  /** Workspace-relative path and file URI of where the value is written. */
  file: string;
  uri: string;
  range: DashboardRange;
  /** The value's name (`minLength`, `members[3]`); empty for a whole file. */
  name: string;
  /** The value as messages show it (strings quoted); empty for a whole file. */
  shown: string;
  /** Why it fails, when the engine says. */
  why?: string;
}

export interface DashboardSummary {
  policies: number;
  requirements: number;
  /** Requirements by status. */
  statuses: Record<DashboardRequirementStatus, number>;
  /** Criteria by their summary cell (not-covered: no policy claims it). */
  criteria: Record<DashboardCellStatus, number>;
  /** Policies whose review is overdue. */
  overdueReviews: number;
  /** Findings by severity. */
  errors: number;
  warnings: number;
}
