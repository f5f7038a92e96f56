// Core data shapes shared by the engine, the CLI and the language server.
// Positions are character offsets into a file's text (UTF-16 code units, BOM stripped): the single
// source of truth from which LSP ranges and 1-based CLI line/columns are derived.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Span {
  start: number;
  end: number;
}

/** A place in a workspace file: workspace-relative path with `/` separators, and an offset span. */
export interface Location {
  file: string;
  span: Span;
}

export interface RelatedLocation extends Location {
  message: string;
}

export type Scalar = string | number | boolean | null;

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  policy?: string;
  requirement?: string;
  expected?: string;
  actual?: unknown;
  related?: RelatedLocation[];
}

export type RequirementStatus = 'verified' | 'drift' | 'unknown' | 'unchecked' | 'excepted';

export interface RequirementResult {
  policy: string;
  requirement: string;
  status: RequirementStatus;
  file: string;
  span: Span;
}

export interface PolicySummary {
  id: string;
  file: string;
  title?: string;
  owner?: string;
  controls: string[];
  reviewLast?: string;
  reviewNext?: string;
}

export interface LintResult {
  root: string;
  today: string;
  policies: PolicySummary[];
  requirements: RequirementResult[];
  findings: Finding[];
  /** Texts of every file a finding or requirement points into, for offset → line/column. */
  texts: Map<string, string>;
}
