// What the HTML report (and the editor's compliance dashboard) shows beyond the LintResult: each
// requirement's expectation and the values its sources selected (with 1-based positions), evidence
// dates, exceptions, review cadences and the control catalog. Read from the LintSession that ran (the
// CLI's, or a language-server project's), after the run; plain data, nothing here renders HTML.

import { describeCadence, nextDue } from '../engine/cadence';
import type { CheckedValue, RequirementCheck, SourceCheck } from '../engine/check';
import { isUsable } from '../engine/check';
import { type Catalog, DEFAULT_FRAMEWORK, FRAMEWORKS } from '../engine/controls/catalog';
import { formatDay, parseIsoDate } from '../engine/dates';
import { describeExpectation } from '../engine/expect/expectation';
import { formatValue } from '../engine/expect/values';
import { LineIndex } from '../engine/lines';
import type { LintSession } from '../engine/lint';
import type { Policy } from '../engine/policy/model';
import { describeReviewCadence } from '../engine/review';
import type { LintResult } from '../engine/types';

export interface ReportDetails {
  catalog: CatalogDetail;
  /** By policy file. */
  policies: ReadonlyMap<string, PolicyDetail>;
  /** By `requirementKey(policy file, requirement id)`. */
  requirements: ReadonlyMap<string, RequirementDetail>;
}

export interface CatalogDetail {
  name: string;
  controls: readonly { id: string; title: string; category: string }[];
}

export interface PolicyDetail {
  /** `annually (every 1 year)`: the review cadence, `annually` when the policy does not say. */
  reviewEvery: string;
  exceptions: ExceptionDetail[];
}

export interface ExceptionDetail {
  requirement?: string;
  file?: string;
  reason?: string;
  approvedBy?: string;
  /** YYYY-MM-DD; absent when the exception has none (exception/no-expiry) or it is not a date. */
  expires?: string;
  expired: boolean;
}

export interface RequirementDetail {
  /** The policy file the requirement is written in, and its id there. */
  policyFile: string;
  requirement: string;
  says?: string;
  /** The expectation as written (`>= 12`, `count <= 3`); absent for evidence-only requirements. */
  expect?: string;
  /** Why `expect` could not be read, when it could not. */
  expectProblem?: string;
  /** The cadence of an evidence requirement, described. */
  every?: string;
  sources: SourceDetail[];
  /** The other file of a `subsetOf` expectation. */
  reference?: SourceDetail;
  evidence?: EvidenceDetail;
}

export type ValueVerdict = 'pass' | 'fail' | 'unknown' | 'excepted';

export interface ValueDetail {
  /** Where the value is written (a tfvars file may supply a Terraform value). */
  file: string;
  line: number;
  column: number;
  name: string;
  /** The value as messages show it (strings quoted), or the expression of an unknown value. */
  shown: string;
  verdict: ValueVerdict;
  why?: string;
  via?: string;
}

export interface SourceDetail {
  file?: string;
  at?: string;
  /** `status = "active"`, the `where` filter as written. */
  where?: string;
  /** Why nothing could be checked in this source (missing file, invalid selector, no match). */
  problem?: string;
  /** Verdict on the whole selection, for `exists`, `absent` and `count`. */
  selection?: 'pass' | 'fail';
  /** Values kept (after `where`). */
  count: number;
  values: ValueDetail[];
}

export interface EvidenceDetail extends SourceDetail {
  newest?: string;
  /** When the next evidence is due: newest + cadence (today when there is none). */
  due?: string;
  stale: boolean;
  gaps: { from: string; to: string }[];
  future: string[];
}

export function requirementKey(policyFile: string, requirement: string): string {
  return `${policyFile}\u0000${requirement}`;
}

/** Details for the policies and requirements of `result`, from the session that produced it. */
export function collectDetails(session: LintSession, result: LintResult): ReportDetails {
  const lines = new LineCache((file) => result.texts.get(file) ?? session.store.text(file));
  const today = parseIsoDate(result.today);
  const policies = new Map<string, PolicyDetail>();
  const requirements = new Map<string, RequirementDetail>();
  for (const summary of result.policies) {
    const state = session.policy(summary.file);
    if (!state) continue;
    const { policy } = state.parsed;
    policies.set(summary.file, { reviewEvery: describeReviewCadence(policy), exceptions: policy.exceptions.map((x) => exceptionDetail(x, today)) });
    for (const check of state.checks) requirements.set(requirementKey(summary.file, check.requirement.id), requirementDetail(summary.file, check, lines));
  }
  return { catalog: catalogDetail(session.catalog), policies, requirements };
}

/** The default framework's catalog, for a formatter called without session details. */
export function defaultCatalog(): CatalogDetail {
  return catalogDetail(FRAMEWORKS.get(DEFAULT_FRAMEWORK)!);
}

/** A framework's catalog as plain data (ids, titles, categories in catalog order). */
export function catalogDetail(catalog: Catalog): CatalogDetail {
  return { name: catalog.name, controls: [...catalog.controls.values()].map(({ id, title, category }) => ({ id, title, category })) };
}

function exceptionDetail(x: Policy['exceptions'][number], today: number | undefined): ExceptionDetail {
  const expires = x.expires?.value;
  return clean({
    requirement: x.requirement?.value,
    file: x.file?.value,
    reason: x.reason?.value,
    approvedBy: x.approvedBy?.value,
    expires: expires === undefined ? undefined : formatDay(expires),
    expired: expires !== undefined && today !== undefined && expires < today,
  });
}

function requirementDetail(policyFile: string, check: RequirementCheck, lines: LineCache): RequirementDetail {
  const { requirement } = check;
  const parsed = requirement.expect?.parsed;
  const detail: RequirementDetail = clean({
    policyFile,
    requirement: requirement.id,
    says: requirement.says?.value,
    expect: parsed?.ok ? describeExpectation(parsed.expectation) : undefined,
    expectProblem: parsed && !parsed.ok ? parsed.message : undefined,
    every: requirement.every?.value ? describeCadence(requirement.every.value) : requirement.every ? 'not a cadence' : undefined,
    sources: check.sources.map((s) => sourceDetail(s, lines)),
    reference: check.reference && sourceDetail(check.reference, lines),
  });
  if (check.evidence) {
    const analysis = check.evidence.analysis;
    const cadence = requirement.every?.value;
    const newest = analysis?.newest?.day;
    detail.evidence = clean({
      ...sourceDetail(check.evidence, lines),
      newest: newest === undefined ? undefined : formatDay(newest),
      due: newest !== undefined && cadence ? formatDay(nextDue(newest, cadence)) : analysis?.stale ? formatDay(analysis.stale.due) : undefined,
      stale: analysis?.stale !== undefined,
      gaps: (analysis?.gaps ?? []).map((g) => ({ from: formatDay(g.before.day), to: formatDay(g.after.day) })),
      future: (analysis?.future ?? []).map((f) => formatDay(f.day)),
    });
  }
  return detail;
}

function sourceDetail(source: SourceCheck, lines: LineCache): SourceDetail {
  const { spec } = source;
  const detail: SourceDetail = clean({
    file: spec.file?.text,
    at: spec.at?.text,
    where: spec.where.length > 0 ? spec.where.map((w) => `${w.key} = ${formatValue(w.value)}`).join(', ') : undefined,
    problem: sourceProblem(source),
    selection: source.verdict ? (source.verdict.pass ? 'pass' : 'fail') : undefined,
    count: source.values.length,
    values: source.values.map((v) => valueDetail(v, lines)),
  });
  return detail;
}

function sourceProblem(source: SourceCheck): string | undefined {
  const { spec, load } = source;
  if (!spec.file) return 'no file given';
  if (!spec.at) return 'no selector (at) given';
  if (load && !load.ok) return load.message;
  if (load?.ok && load.source.problem) return load.source.problem.message;
  if (source.invalidSelector) return `invalid selector: ${source.invalidSelector.message}`;
  if (!isUsable(source)) return 'not read';
  if (source.selectedCount === 0) return 'the selector selects nothing';
  if (source.values.length === 0) return `${source.selectedCount === 1 ? 'the value' : `all ${source.selectedCount} values`} selected ${source.selectedCount === 1 ? 'is' : 'are'} filtered out by where`;
  return undefined;
}

function valueDetail(v: CheckedValue, lines: LineCache): ValueDetail {
  const { line, column } = lines.at(v.file, v.span.start);
  const verdict: ValueVerdict = v.verdict === 'unknown' ? 'unknown' : v.verdict.pass ? 'pass' : v.exception ? 'excepted' : 'fail';
  return clean({
    file: v.file,
    line,
    column,
    name: v.name,
    shown: v.unknown !== undefined ? v.unknown : formatValue(v.value),
    verdict,
    why: v.verdict !== 'unknown' && !v.verdict.pass ? v.verdict.why : undefined,
    via: v.via,
  });
}

/** 1-based positions in files read on demand, each file indexed once. */
class LineCache {
  private readonly indexes = new Map<string, LineIndex | null>();
  constructor(private readonly read: (file: string) => string | undefined) {}

  at(file: string, offset: number): { line: number; column: number } {
    let index = this.indexes.get(file);
    if (index === undefined) {
      const text = this.read(file);
      index = text === undefined ? null : new LineIndex(text);
      this.indexes.set(file, index);
    }
    if (!index) return { line: 1, column: 1 };
    const { line, character } = index.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  }
}

/** Drops undefined fields, so details carry only what is known. */
function clean<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
