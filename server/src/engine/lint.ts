// The pipeline: discover policies → parse → check requirements against sources → run the rules.
// One bad file, or a bug in one rule, becomes a finding; the rest of the workspace is still checked.

import picomatch from 'picomatch';
import { checkPolicy, type RequirementCheck } from './check';
import { defaultConfig, parseConfig, type WorkspaceConfig } from './config';
import { DEFAULT_FRAMEWORK, FRAMEWORKS } from './controls/catalog';
import { formatDay, localToday, parseIsoDate } from './dates';
import type { WorkspaceFs } from './fs';
import { looksLikePolicy } from './policy/document';
import { isBroken, parsePolicy, type ParsedPolicy } from './policy/parse';
import { reviewDue } from './review';
import { RULE_IDS, RULES } from './rules/registry';
import type { FindingDraft, Rule } from './rules/rule';
import { SourceStore } from './sources/store';
import type { Finding, LintResult, PolicySummary, RequirementResult, Severity, SeveritySetting } from './types';

export interface LintOptions {
  fs: WorkspaceFs;
  /** Absolute workspace root, for display only: every path the engine handles is workspace-relative. */
  root: string;
  /** YYYY-MM-DD; overrides tenet.yaml's `today`. */
  today?: string;
  /** Workspace-relative path of the config file (default `tenet.yaml`). */
  configFile?: string;
  /** Report only policies under these workspace-relative paths, or reading these files. */
  include?: string[];
  /** Severity overrides applied over tenet.yaml's (editor settings). */
  rules?: ReadonlyMap<string, SeveritySetting>;
  /** Reused across runs by the language server; a fresh one per CLI run. */
  store?: SourceStore;
}

export function lint(options: LintOptions): LintResult {
  const { fs } = options;
  const config = readConfig(fs, options.configFile ?? 'tenet.yaml');
  const todayText = options.today ?? config.today ?? localToday();
  const today = parseIsoDate(todayText);
  if (today === undefined) throw new Error(`invalid date for today: ${todayText}`);
  const catalog = FRAMEWORKS.get(config.framework) ?? FRAMEWORKS.get(DEFAULT_FRAMEWORK)!;
  const store = options.store ?? new SourceStore(fs);
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const severities = new Map([...config.rules, ...(options.rules ?? [])]);

  const emit = (into: Finding[], rule: Rule, policy: string | undefined, draft: FindingDraft): void => {
    const setting = severities.get(rule.id);
    if (setting === 'off') return;
    const severity: Severity = draft.requirement?.severity ?? setting ?? rule.severity;
    const { requirement, ...rest } = draft;
    into.push(clean({ rule: rule.id, severity, ...rest, policy, requirement: requirement?.id }));
  };

  const policies = discoverPolicies(fs, config).map((file) => readPolicy(fs, file));
  const requirements: RequirementResult[] = [];
  const summaries: PolicySummary[] = [];
  const included = new Set<string>();
  for (const parsed of policies) {
    const { policy } = parsed;
    const own: Finding[] = [];
    const broken = isBroken(parsed);
    let checks: RequirementCheck[] = [];
    try {
      if (!broken) checks = checkPolicy(policy, store, today);
    } catch (error) {
      emit(own, internalError, policy.id, { message: internalMessage('checking requirements', error), file: policy.file, span: policy.anchor });
    }
    for (const rule of RULES) {
      if (!rule.checkPolicy || (broken && rule.id !== 'front-matter/syntax' && rule.id !== 'front-matter/schema')) continue;
      try {
        rule.checkPolicy({ parsed, policy, checks, today, catalog, report: (draft) => emit(own, rule, policy.id, draft) });
      } catch (error) {
        emit(own, internalError, policy.id, { message: internalMessage(`rule ${rule.id}`, error), file: policy.file, span: policy.anchor });
      }
    }
    if (!isIncluded(options.include, parsed, checks)) continue;
    included.add(policy.file);
    texts.set(policy.file, policy.text);
    findings.push(...own);
    for (const check of checks) {
      requirements.push({ policy: policy.id, requirement: check.requirement.id, status: check.status, file: policy.file, span: check.requirement.keySpan });
    }
    if (!broken) summaries.push(summarize(parsed));
  }

  for (const rule of RULES) {
    rule.checkWorkspace?.({
      policies,
      config,
      report: ({ policy, ...draft }) => {
        // Workspace findings on a policy file follow that policy's inclusion; others (tenet.yaml) always show.
        if (options.include === undefined || included.has(draft.file) || !policies.some((p) => p.file === draft.file)) emit(findings, rule, policy, draft);
      },
    });
  }

  findings.sort(compareFindings);
  for (const f of findings) {
    for (const file of [f.file, ...(f.related ?? []).map((r) => r.file)]) {
      if (!texts.has(file)) {
        const read = fs.read(file);
        texts.set(file, read.ok ? read.text : '');
      }
    }
  }
  return {
    root: options.root,
    today: formatDay(today),
    policies: summaries,
    requirements,
    findings,
    texts,
  };
}

const internalError = RULES.find((r) => r.id === 'internal/error')!;

function internalMessage(where: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `internal error in ${where}: ${detail} — this policy's other findings may be incomplete`;
}

function readConfig(fs: WorkspaceFs, file: string): WorkspaceConfig {
  const read = fs.read(file);
  if (!read.ok) {
    if (read.problem === 'missing') return defaultConfig();
    return { ...defaultConfig(), file, problems: [{ message: read.message, span: { start: 0, end: 0 } }] };
  }
  return parseConfig(file, read.text, RULE_IDS);
}

function discoverPolicies(fs: WorkspaceFs, config: WorkspaceConfig): string[] {
  const files = fs.list();
  if (config.policies) {
    const match = picomatch(config.policies, { dot: false });
    return files.filter((f) => match(f));
  }
  return files.filter((f) => {
    if (!/\.md$/i.test(f)) return false;
    const read = fs.read(f);
    return read.ok && looksLikePolicy(read.text);
  });
}

function readPolicy(fs: WorkspaceFs, file: string): ParsedPolicy {
  const read = fs.read(file);
  if (read.ok) return parsePolicy(file, read.text);
  const parsed = parsePolicy(file, '');
  return { ...parsed, schema: [], syntax: [{ message: `the policy cannot be read: ${read.message}`, span: { start: 0, end: 0 } }] };
}

function isIncluded(include: string[] | undefined, parsed: ParsedPolicy, checks: RequirementCheck[]): boolean {
  if (include === undefined) return true;
  const under = (file: string) => include.some((p) => p === '' || p === '.' || file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`));
  if (under(parsed.file)) return true;
  return checks.some((c) => [...c.sources, c.reference, c.evidence].some((s) => s?.load?.ok && under(s.load.rel)));
}

function summarize(parsed: ParsedPolicy): PolicySummary {
  const { policy } = parsed;
  const due = reviewDue(policy);
  return clean({
    id: policy.id,
    file: policy.file,
    title: policy.title?.value,
    owner: policy.owner?.value,
    controls: policy.controls.map((c) => c.value),
    reviewLast: policy.review?.last?.value !== undefined ? formatDay(policy.review.last.value) : undefined,
    reviewNext: due !== undefined ? formatDay(due) : undefined,
  });
}

function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** Drops undefined fields so output objects carry only what is known. */
function clean<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
