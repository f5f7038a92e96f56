// Public surface of the engine: the CLI and the language server import from here only.

export type { Finding, LintResult, PolicySummary, RequirementResult, RequirementStatus, Severity, SeveritySetting, Span, RelatedLocation } from './types';
export type { WorkspaceFs, ReadResult, ReadProblem } from './fs';
export { MemoryFs, decodeText, resolveWorkspacePath, MAX_FILE_BYTES } from './fs';
export { LineIndex, type Position } from './lines';
export { lint, type LintOptions } from './lint';
export type { History, HistoryStatus, LineDays } from './history';
export { RULES, ruleById, type RuleInfo } from './rules/registry';
export { prepareTerraform } from './sources/terraform/parser';
