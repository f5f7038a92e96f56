// `tenet/dashboard`: the compliance state of every project for the editor's dashboard and Policies view
// (protocol.ts has the shapes). Built from the projects' last check with the report model the CLI's HTML
// report uses (server/src/report): the coverage matrix, review dates judged by the timeline, and each
// requirement's expectation; plus LSP ranges for every place a user may want to open.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckedValue, RequirementCheck } from '../../engine/check';
import { formatDay } from '../../engine/dates';
import { describeExpectation } from '../../engine/expect/expectation';
import { formatValue } from '../../engine/expect/values';
import type { RequirementStatus, Span } from '../../engine/types';
import { coverageMatrix, emptyCounts } from '../../report/coverage';
import { catalogDetail } from '../../report/details';
import { timeline } from '../../report/timeline';
import type { Project } from '../project';
import type {
  DashboardCellStatus,
  DashboardPolicy,
  DashboardProject,
  DashboardRequirement,
  DashboardResult,
  DashboardReviewState,
  DashboardValue,
} from '../protocol';
import { FeatureContext } from './context';

/** Worst first: a policy's status is the first of these any of its requirements has. */
const WORST_FIRST: readonly RequirementStatus[] = ['drift', 'unknown', 'unchecked', 'excepted', 'verified'];

/** Every project that has a result (one whose check failed has none, and is left out). */
export function dashboard(projects: readonly Project[], uriOf: (project: Project, rel: string) => string): DashboardResult {
  return { projects: projects.flatMap((p) => projectDashboard(p, (rel) => uriOf(p, rel)) ?? []) };
}

export function projectDashboard(project: Project, uriOf: (rel: string) => string): DashboardProject | undefined {
  const result = project.result;
  if (!result) return undefined;
  const context = new FeatureContext(project, '', uriOf);
  const place = (file: string, span: Span) => context.location(file, span);
  const catalog = catalogDetail(project.session.catalog);
  const matrix = coverageMatrix(result.policies, result.requirements, catalog);
  const reviews = new Map<string, { state: DashboardReviewState }>();
  for (const item of timeline(result.policies, result.today, undefined)) if (item.kind === 'review') reviews.set(item.policy.file, item);

  const policies: DashboardPolicy[] = matrix.columns.map(({ policy, status: coverage, counts }) => {
    const state = project.session.policy(policy.file);
    const anchor = state?.parsed.policy.anchor ?? { start: 0, end: 0 };
    const reviewState = reviews.get(policy.file)?.state ?? 'missing';
    return clean({
      id: policy.id,
      title: policy.title,
      file: policy.file,
      ...place(policy.file, anchor),
      owner: policy.owner,
      controls: [...policy.controls],
      status: WORST_FIRST.find((s) => counts[s] > 0) ?? 'unchecked',
      coverage,
      counts: { ...counts },
      reviewLast: policy.reviewLast,
      reviewNext: policy.reviewNext,
      reviewState,
      overdue: reviewState === 'overdue',
    });
  });

  const requirements: DashboardRequirement[] = result.requirements.map((r) => {
    const check = project.session.policy(r.file)?.checks.find((c) => c.requirement.id === r.requirement && c.requirement.keySpan.start === r.span.start);
    const parsed = check?.requirement.expect?.parsed;
    return clean({
      policy: r.policy,
      policyUri: uriOf(r.file),
      id: r.requirement,
      status: r.status,
      says: check?.requirement.says?.value,
      expectation: parsed?.ok ? describeExpectation(parsed.expectation) : undefined,
      ...place(r.file, r.span),
      offending: check && r.status === 'drift' ? offending(check, place) : [],
    });
  });

  const statuses = emptyCounts();
  for (const r of result.requirements) statuses[r.status]++;
  const criteria: Record<DashboardCellStatus, number> = { verified: 0, drift: 0, unverified: 0, 'not-covered': 0 };
  const rows = matrix.groups.flatMap((g) => g.rows);
  for (const row of rows) criteria[row.summary]++;
  return {
    root: project.root,
    rootUri: pathToFileURL(project.root).toString(),
    name: path.basename(project.root) || project.root,
    today: result.today,
    framework: catalog.name,
    policies,
    matrix: {
      columns: matrix.columns.map((c) => c.policy.id),
      rows: rows.map(({ id, title, category, cells, summary }) => ({ id, title, category, cells: [...cells], summary })),
    },
    requirements,
    summary: {
      policies: policies.length,
      requirements: result.requirements.length,
      statuses,
      criteria,
      overdueReviews: policies.filter((p) => p.overdue).length,
      errors: result.findings.filter((f) => f.severity === 'error').length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
    },
  };
}

/**
 * Where a drifting requirement drifts: values that fail (and are not excepted), the values of a
 * selection that fails as a whole (`count`, `absent`) or the file when the selection is empty
 * (`exists`), and the evidence rows behind a stale, gapped or future-dated evidence trail.
 */
function offending(check: RequirementCheck, place: (file: string, span: Span) => { uri: string; range: DashboardValue['range'] }): DashboardValue[] {
  const out: DashboardValue[] = [];
  const seen = new Set<string>();
  const add = (file: string, span: Span, name: string, shown: string, why: string | undefined) => {
    const key = `${file}\u0000${span.start}\u0000${span.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(clean({ file, ...place(file, span), name, shown, why }));
  };
  const value = (v: CheckedValue, why: string | undefined) => add(v.file, v.span, v.name, v.unknown ?? formatValue(v.value), why);
  const all = [...check.sources, ...(check.reference ? [check.reference] : []), ...(check.evidence ? [check.evidence] : [])];
  for (const source of all) {
    for (const v of source.values) if (v.verdict !== 'unknown' && !v.verdict.pass && !v.exception) value(v, v.verdict.why);
    if (source.verdict && !source.verdict.pass) {
      if (source.values.length > 0) for (const v of source.values) value(v, source.verdict.why);
      else if (source.load?.rel) add(source.load.rel, { start: 0, end: 0 }, '', '', source.verdict.why ?? 'nothing is selected');
    }
  }
  const evidence = check.evidence;
  const analysis = evidence?.analysis;
  if (evidence && analysis) {
    if (analysis.stale) {
      if (analysis.newest) value(analysis.newest.item, `newest evidence ${formatDay(analysis.newest.day)}; the next was due ${formatDay(analysis.stale.due)}`);
      else if (evidence.load?.rel) add(evidence.load.rel, { start: 0, end: 0 }, '', '', 'no dated evidence');
    }
    for (const gap of analysis.gaps) value(gap.after.item, `gap: no evidence between ${formatDay(gap.before.day)} and ${formatDay(gap.after.day)}`);
    for (const future of analysis.future) value(future.item, `dated ${formatDay(future.day)}, after today`);
  }
  return out;
}

/** Drops undefined fields, so the JSON carries only what is known. */
function clean<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
