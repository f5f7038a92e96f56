// The pipeline: discover policies → parse → check requirements against sources → run the rules.
// One bad file, or a bug in one rule, becomes a finding; the rest of the workspace is still checked.

import picomatch from 'picomatch';
import { checkPolicy, type CheckedValue, type RequirementCheck, type SourceCheck } from './check';
import { pushTo } from './collections';
import { CODEOWNERS_PATHS, readCodeOwners, type CodeOwners } from './codeowners';
import type { Policy } from './policy/model';
import { defaultConfig, parseConfig, type WorkspaceConfig } from './config';
import { type Catalog, DEFAULT_FRAMEWORK, FRAMEWORKS } from './controls/catalog';
import { type Day, formatDay, localToday, parseIsoDate } from './dates';
import type { WorkspaceFs } from './fs';
import { type History, workspaceHistory } from './history';
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
  /** Version-control history (server/src/host/git.ts) for `evidence/backdated`; without it the rule is silent. */
  history?: History;
  /** The workspace's policy files when the caller found them already (a worker thread's share): no discovery. */
  policyFiles?: readonly string[];
}

/** One-shot lint (the CLI). The language server keeps a LintSession and feeds it changes. */
export function lint(options: LintOptions): LintResult {
  return new LintSession(options).run(options.include);
}

export interface PolicyState {
  parsed: ParsedPolicy;
  checks: RequirementCheck[];
}

export interface GovernedValue {
  policy: Policy;
  check: RequirementCheck;
  source: SourceCheck;
  value: CheckedValue;
}

/**
 * One policy's part of a run: data a worker thread can post (structured clone), so that it can
 * check a share of the policies and send its outcomes back to be combined (see combine()).
 */
export interface PolicyOutcome {
  file: string;
  /** The policy's text: requirements and findings point into it. */
  text: string;
  findings: Finding[];
  requirements: RequirementResult[];
  summary?: PolicySummary;
  /** What each workspace rule needs to know of this policy (Rule.factsOf), by rule id. */
  facts: Record<string, unknown>;
  /** Workspace-relative files this policy read (sources, references, evidence). */
  reads: ReadonlySet<string>;
}

interface PolicyEntry {
  parsed: ParsedPolicy;
  checks: RequirementCheck[];
  outcome: PolicyOutcome;
  /** False once the policy or a file it reads changed. */
  fresh: boolean;
}

type Emit = (into: Finding[], rule: Rule, policy: string | undefined, draft: FindingDraft) => void;

/**
 * A workspace kept in memory between runs: each policy is re-parsed only when its text changed and
 * re-checked only when it or a file it reads changed (the reverse index the editor needs).
 */
export class LintSession {
  readonly store: SourceStore;
  private config!: WorkspaceConfig;
  private policyFiles!: Set<string>;
  /** policyFiles in output order; undefined after one was added or removed. */
  private sortedFiles?: string[];
  private readonly entries = new Map<string, PolicyEntry>();
  private readonly configFile: string;
  private matchesPolicyGlob: (file: string) => boolean = () => false;
  /** The CODEOWNERS in effect: undefined until read, null when there is none. */
  private codeowners: CodeOwners | null | undefined;

  constructor(private readonly options: Omit<LintOptions, 'include'>) {
    this.store = options.store ?? new SourceStore(options.fs);
    this.configFile = options.configFile ?? 'tenet.yaml';
    this.reset();
  }

  /** Texts of files findings point into, kept between runs (editor keystrokes re-read nothing else). */
  private readonly texts = new Map<string, string>();

  private reset(): void {
    this.store.invalidate();
    this.texts.clear();
    this.entries.clear();
    this.codeowners = undefined;
    this.config = readConfig(this.options.fs, this.configFile);
    this.matchesPolicyGlob = this.config.policies ? picomatch(this.config.policies, { dot: false }) : () => false;
    this.policyFiles = new Set(this.options.policyFiles ?? this.store.list().filter((f) => this.isPolicyFile(f)));
    this.sortedFiles = undefined;
  }

  private isPolicyFile(file: string): boolean {
    if (this.config.policies) return this.matchesPolicyGlob(file);
    if (!/\.md$/i.test(file)) return false;
    const read = this.options.fs.read(file);
    return read.ok && looksLikePolicy(read.text);
  }

  /** Files created, changed or deleted since the last run (workspace-relative). */
  update(files: Iterable<string>): void {
    for (const file of files) {
      if (file === this.configFile) {
        this.reset();
        return;
      }
      const exists = this.options.fs.read(file).ok;
      this.store.invalidate(file, exists);
      this.texts.delete(file);
      if (CODEOWNERS_PATHS.includes(file)) {
        // Which file is in effect, and who owns what, may have changed for every policy.
        this.codeowners = undefined;
        for (const entry of this.entries.values()) entry.fresh = false;
      }
      const policy = exists && this.isPolicyFile(file);
      if (policy !== this.policyFiles.has(file)) this.sortedFiles = undefined;
      if (policy) this.policyFiles.add(file);
      else this.policyFiles.delete(file);
      this.entries.delete(file);
      for (const entry of this.entries.values()) if (entry.outcome.reads.has(file)) entry.fresh = false;
    }
  }

  /** Policies that read a file: what an edit to it re-checks. */
  dependents(file: string): string[] {
    return [...this.entries.entries()].filter(([, e]) => e.outcome.reads.has(file)).map(([f]) => f);
  }

  get policies(): ParsedPolicy[] {
    return [...this.entries.values()].map((e) => e.parsed);
  }

  /** A policy as of the last run: its model and what each requirement found (editor features). */
  policy(file: string): PolicyState | undefined {
    const entry = this.entries.get(file);
    return entry && { parsed: entry.parsed, checks: entry.checks };
  }

  /** Every value written in `file` that a requirement selected, with who selected it. */
  valuesIn(file: string): GovernedValue[] {
    const out: GovernedValue[] = [];
    for (const entry of this.entries.values()) {
      if (!entry.outcome.reads.has(file)) continue;
      for (const check of entry.checks) {
        for (const source of [...check.sources, ...(check.reference ? [check.reference] : []), ...(check.evidence ? [check.evidence] : [])]) {
          for (const value of source.values) if (value.file === file) out.push({ policy: entry.parsed.policy, check, source, value });
        }
      }
    }
    return out;
  }

  get today(): string | undefined {
    return this.lastToday;
  }

  /** The control catalog of the workspace's framework. */
  get catalog(): Catalog {
    return FRAMEWORKS.get(this.config.framework) ?? FRAMEWORKS.get(DEFAULT_FRAMEWORK)!;
  }

  run(include?: string[]): LintResult {
    this.refresh();
    return this.combine(this.policyFileList.map((file) => this.entries.get(file)!.outcome), include);
  }

  /**
   * Checks only these policy files (a worker thread's share of a large run) and returns their
   * outcomes, with the texts of the other files their findings point into.
   */
  checkShare(files: string[]): { outcomes: PolicyOutcome[]; texts: Record<string, string> } {
    const share = new Set(files);
    this.refresh(share);
    const outcomes = files.filter((f) => this.entries.has(f)).map((f) => this.entries.get(f)!.outcome);
    const texts: Record<string, string> = {};
    const keep = (file: string) => share.has(file) || (texts[file] ??= this.textOf(file));
    for (const { findings } of outcomes) {
      for (const f of findings) {
        keep(f.file);
        for (const r of f.related ?? []) keep(r.file);
      }
    }
    return { outcomes, texts };
  }

  /** The sorted policy files of the workspace (a large run splits them between worker threads). */
  get policyFileList(): readonly string[] {
    return (this.sortedFiles ??= this.sortPolicyFiles());
  }

  private sortPolicyFiles(): string[] {
    for (const file of [...this.entries.keys()]) if (!this.policyFiles.has(file)) this.entries.delete(file);
    return [...this.policyFiles].sort(compareText);
  }

  /** Re-checks every policy (or every one in `only`) that changed or reads a file that changed. */
  private refresh(only?: ReadonlySet<string>): void {
    const today = this.todayOf();
    const catalog = this.catalog;
    // "today" moves between runs in a long-lived editor session: dates then need a fresh look.
    const day = formatDay(today);
    if (day !== this.lastToday) for (const e of this.entries.values()) e.fresh = false;
    this.lastToday = day;
    const emit = this.emitter();
    for (const file of this.policyFileList) {
      if (only && !only.has(file)) continue;
      const previous = this.entries.get(file);
      if (previous?.fresh) continue;
      const parsed = previous?.parsed ?? readPolicy(this.options.fs, file);
      this.entries.set(file, this.checkOne(parsed, today, catalog, emit));
    }
  }

  private todayOf(): Day {
    const text = this.options.today ?? this.config.today ?? localToday();
    const today = parseIsoDate(text);
    if (today === undefined) throw new Error(`invalid date for today: ${text}`);
    return today;
  }

  /** Turns a rule's draft into a finding, with the severity settings applied (or drops it when off). */
  private emitter(): Emit {
    const severities = new Map([...this.config.rules, ...(this.options.rules ?? [])]);
    return (into, rule, policy, draft) => {
      const setting = severities.get(rule.id);
      if (setting === 'off') return;
      const severity: Severity = draft.severity ?? draft.requirement?.severity ?? setting ?? rule.severity;
      const { requirement, severity: _fixed, ...rest } = draft;
      into.push(clean({ rule: rule.id, severity, ...rest, policy, requirement: requirement?.id }));
    };
  }

  /**
   * A run's result from policy outcomes in file order — this session's, or those worker threads sent
   * back (with the texts they read): the workspace rules run here, over every policy's facts.
   */
  combine(outcomes: readonly PolicyOutcome[], include?: string[], texts: Record<string, string> = {}): LintResult {
    const { fs } = this.options;
    const config = this.config;
    const emit = this.emitter();
    for (const [file, text] of Object.entries(texts)) if (!this.texts.has(file)) this.texts.set(file, text);
    const findings: Finding[] = [];
    const requirements: RequirementResult[] = [];
    const summaries: PolicySummary[] = [];
    const shown = new Map<string, string>();
    // A workspace finding on a policy follows that policy's inclusion; others (tenet.yaml) always show.
    const excluded = new Set<string>();
    const facts = new Map<string, unknown[]>();
    for (const outcome of outcomes) {
      for (const rule in outcome.facts) pushTo(facts, rule, outcome.facts[rule]);
      if (!isIncluded(include, outcome)) {
        excluded.add(outcome.file);
        continue;
      }
      shown.set(outcome.file, outcome.text);
      for (const f of outcome.findings) findings.push(f);
      for (const r of outcome.requirements) requirements.push(r);
      if (outcome.summary) summaries.push(outcome.summary);
    }
    for (const rule of RULES) {
      if (!rule.checkWorkspace) continue;
      try {
        rule.checkWorkspace({
          facts: facts.get(rule.id) ?? [],
          config,
          history: this.options.history && workspaceHistory(this.options.history, fs),
          report: ({ policy, ...draft }) => {
            if (!excluded.has(draft.file)) emit(findings, rule, policy, draft);
          },
        });
      } catch (error) {
        const anchor = config.file ?? outcomes[0]?.file;
        if (anchor) emit(findings, internalError, undefined, { message: internalMessage(`rule ${rule.id}`, error, 'its workspace-wide findings are missing'), file: anchor, span: { start: 0, end: 0 } });
      }
    }
    findings.sort(compareFindings);
    const show = (file: string) => shown.has(file) || shown.set(file, this.textOf(file));
    for (const f of findings) {
      show(f.file);
      for (const r of f.related ?? []) show(r.file);
    }
    return { root: this.options.root, today: formatDay(this.todayOf()), policies: summaries, requirements, findings, texts: shown };
  }

  /** A file's text as findings show it, kept between runs (editor keystrokes re-read nothing else). */
  private textOf(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      const read = this.options.fs.read(file);
      this.texts.set(file, (text = read.ok ? read.text : ''));
    }
    return text;
  }

  private lastToday?: string;

  private loadCodeowners(): CodeOwners | undefined {
    if (this.codeowners === undefined) this.codeowners = readCodeOwners(this.options.fs) ?? null;
    return this.codeowners ?? undefined;
  }

  private checkOne(parsed: ParsedPolicy, today: Day, catalog: Catalog, emit: Emit): PolicyEntry {
    const { policy } = parsed;
    const findings: Finding[] = [];
    const broken = isBroken(parsed);
    let checks: RequirementCheck[] = [];
    // One view of the history per policy check: it caches each file's lines as read now.
    const history = this.options.history && workspaceHistory(this.options.history, this.options.fs);
    const codeowners = broken ? undefined : this.loadCodeowners();
    try {
      if (!broken) checks = checkPolicy(policy, this.store, today);
    } catch (error) {
      emit(findings, internalError, policy.id, { message: internalMessage('checking requirements', error), file: policy.file, span: policy.anchor });
    }
    for (const rule of RULES) {
      if (!rule.checkPolicy || (broken && rule.id !== 'front-matter/syntax' && rule.id !== 'front-matter/schema')) continue;
      try {
        rule.checkPolicy({ parsed, policy, checks, today, catalog, history, codeowners, report: (draft) => emit(findings, rule, policy.id, draft) });
      } catch (error) {
        emit(findings, internalError, policy.id, { message: internalMessage(`rule ${rule.id}`, error), file: policy.file, span: policy.anchor });
      }
    }
    const reads = new Set<string>();
    for (const check of checks) {
      for (const source of [...check.sources, check.reference, check.evidence]) {
        if (source?.load?.rel) reads.add(source.load.rel);
        if (source?.load?.ok) for (const file of source.load.source.reads ?? []) reads.add(file);
      }
    }
    // When checking threw, the requirements still show, as unknown.
    const statuses = new Map(checks.map((c) => [c.requirement, c.status]));
    const requirements = broken ? [] : policy.requirements.map((r): RequirementResult => ({ policy: policy.id, requirement: r.id, status: statuses.get(r) ?? 'unknown', file: policy.file, span: r.keySpan }));
    const facts: Record<string, unknown> = {};
    for (const rule of RULES) {
      if (!rule.factsOf) continue;
      try {
        const known = rule.factsOf(parsed);
        if (known !== undefined) facts[rule.id] = known;
      } catch (error) {
        emit(findings, internalError, policy.id, { message: internalMessage(`rule ${rule.id}`, error), file: policy.file, span: policy.anchor });
      }
    }
    const outcome: PolicyOutcome = { file: parsed.file, text: parsed.text, findings, requirements, summary: broken ? undefined : summarize(parsed), facts, reads };
    return { parsed, checks, outcome, fresh: true };
  }
}

const internalError = RULES.find((r) => r.id === 'internal/error')!;

function internalMessage(where: string, error: unknown, scope = "this policy's other findings may be incomplete"): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `internal error in ${where}: ${detail} — ${scope}`;
}

function readConfig(fs: WorkspaceFs, file: string): WorkspaceConfig {
  const read = fs.read(file);
  if (!read.ok) {
    if (read.problem === 'missing') return defaultConfig();
    return { ...defaultConfig(), file, problems: [{ message: read.message, span: { start: 0, end: 0 } }] };
  }
  return parseConfig(file, read.text, RULE_IDS);
}

function readPolicy(fs: WorkspaceFs, file: string): ParsedPolicy {
  const read = fs.read(file);
  if (read.ok) return parsePolicy(file, read.text);
  const parsed = parsePolicy(file, '');
  return { ...parsed, schema: [], syntax: [{ message: `the policy cannot be read: ${read.message}`, span: { start: 0, end: 0 } }] };
}

function isIncluded(include: string[] | undefined, outcome: PolicyOutcome): boolean {
  if (include === undefined) return true;
  const under = (file: string) => include.some((p) => p === '' || p === '.' || file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`));
  return under(outcome.file) || [...outcome.reads].some(under);
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

/** File, line, column, rule (as the contract orders output), then end and message for full determinism. */
function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.span.start - b.span.start || compareText(a.rule, b.rule) || a.span.end - b.span.end || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drops undefined fields so output objects carry only what is known. */
function clean<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
