// The control coverage matrix: one row per criterion of the catalog, one column per policy.
//
// A cell (policy P, criterion C) is, in this order of precedence:
//   not-covered  P does not claim C in `controls` (ids compared trimmed and upper-cased);
//   drift        P claims C and at least one of P's requirements has status `drift`;
//   verified     P claims C, none of its requirements drifts and at least one is `verified`: every
//                requirement that reached a pass/fail verdict against its sources passed. The
//                others may be `unknown`, `unchecked` or `excepted` (an approved, unexpired
//                exception neither proves nor breaks the control); the cell's title counts them;
//   unverified   P claims C, none drifts and none is verified: no requirement is checked against a
//                source, or every one is `unknown`, `unchecked` or `excepted` (P has no
//                requirements at all counts here too).
// Policies carry no per-requirement control mapping, so every requirement of P bears on every
// control P claims. A criterion's "covered by" summary is the worst of its claimed cells
// (drift, then unverified, then verified), or not-covered when no policy claims it.

import { normalizeControlId } from '../engine/controls/catalog';
import type { PolicySummary, RequirementResult, RequirementStatus } from '../engine/types';
import type { CatalogDetail } from './details';

export type CellStatus = 'verified' | 'drift' | 'unverified' | 'not-covered';

/** Worst first: the order a criterion's summary picks from. */
export const CELL_STATUSES: readonly CellStatus[] = ['drift', 'unverified', 'verified', 'not-covered'];

export interface PolicyCoverage {
  policy: PolicySummary;
  /** The status of every criterion this policy claims (drift, verified or unverified). */
  status: Exclude<CellStatus, 'not-covered'>;
  counts: Record<RequirementStatus, number>;
  /** Normalized catalog ids this policy claims. */
  claims: ReadonlySet<string>;
  /** Claimed ids that are not in the catalog (control/unknown-id), as written. */
  unknown: string[];
}

export interface CriterionRow {
  id: string;
  title: string;
  category: string;
  /** One per policy, in column order. */
  cells: CellStatus[];
  summary: CellStatus;
  /** Ids of the policies that claim the criterion. */
  coveredBy: PolicySummary[];
}

export interface CoverageMatrix {
  columns: PolicyCoverage[];
  /** Criteria grouped by category, in catalog order. */
  groups: { category: string; rows: CriterionRow[] }[];
}

export function emptyCounts(): Record<RequirementStatus, number> {
  return { verified: 0, drift: 0, unknown: 0, unchecked: 0, excepted: 0 };
}

/** The status of every control a policy claims, from its requirements' statuses. */
export function policyStatus(counts: Record<RequirementStatus, number>): Exclude<CellStatus, 'not-covered'> {
  if (counts.drift > 0) return 'drift';
  if (counts.verified > 0) return 'verified';
  return 'unverified';
}

export function coverageMatrix(policies: readonly PolicySummary[], requirements: readonly RequirementResult[], catalog: CatalogDetail): CoverageMatrix {
  const known = new Set(catalog.controls.map((c) => c.id));
  const columns: PolicyCoverage[] = policies.map((policy) => {
    const counts = emptyCounts();
    // Requirements belong to the policy file they are written in (two policies may share an id).
    for (const r of requirements) if (r.file === policy.file) counts[r.status]++;
    const claims = new Set<string>();
    const unknown: string[] = [];
    for (const raw of policy.controls) {
      const id = normalizeControlId(raw);
      if (known.has(id)) claims.add(id);
      else if (!unknown.includes(raw)) unknown.push(raw);
    }
    return { policy, status: policyStatus(counts), counts, claims, unknown };
  });
  const groups: CoverageMatrix['groups'] = [];
  for (const control of catalog.controls) {
    const cells = columns.map((c): CellStatus => (c.claims.has(control.id) ? c.status : 'not-covered'));
    const summary = CELL_STATUSES.find((s) => cells.includes(s)) ?? 'not-covered';
    const row: CriterionRow = { ...control, cells, summary, coveredBy: columns.filter((c) => c.claims.has(control.id)).map((c) => c.policy) };
    const group = groups.at(-1);
    if (group?.category === control.category) group.rows.push(row);
    else groups.push({ category: control.category, rows: [row] });
  }
  return { columns, groups };
}
