// Evaluates a policy's requirements against their sources. Pure facts — what each source selected
// and whether each value satisfies the expectation; the rules turn these facts into findings.

import { type Day, parseIsoDate } from './dates';
import { analyzeEvidence, type EvidenceAnalysis } from './evidence';
import { checkValue, compare, FAIL, PASS, type Expectation, type SourceSpec, type Verdict } from './expect/expectation';
import { sameValue } from './expect/values';
import { resolveWorkspacePath } from './fs';
import type { Policy, PolicyException, Requirement } from './policy/model';
import type { SelectedValue } from './sources/source';
import type { SourceLoad, SourceStore } from './sources/store';
import type { RequirementStatus } from './types';

export type SourceRole = 'in' | 'evidence' | 'subsetOf';

export interface CheckedValue extends SelectedValue {
  /** `unknown` when the value cannot be known statically. */
  verdict: Verdict | 'unknown';
  /** The exception that covers a failing value, if any. */
  exception?: PolicyException;
}

export interface SourceCheck {
  role: SourceRole;
  spec: SourceSpec;
  load?: SourceLoad;
  /** Set when `at` is not a valid selector for the format. */
  invalidSelector?: { message: string; offset?: number };
  /** Values selected before `where` filtering, and after. */
  selectedCount: number;
  values: CheckedValue[];
  /** Verdict on the selection as a whole (exists, absent, count). */
  verdict?: Verdict;
}

export interface RequirementCheck {
  requirement: Requirement;
  sources: SourceCheck[];
  reference?: SourceCheck;
  evidence?: SourceCheck & { analysis?: EvidenceAnalysis<CheckedValue> };
  status: RequirementStatus;
}

export function checkPolicy(policy: Policy, store: SourceStore, today: Day): RequirementCheck[] {
  return policy.requirements.map((requirement) => checkRequirement(policy, requirement, store, today));
}

function checkRequirement(policy: Policy, requirement: Requirement, store: SourceStore, today: Day): RequirementCheck {
  const check: RequirementCheck = { requirement, sources: [], status: 'unchecked' };
  const expectation = requirement.expect?.parsed.ok ? requirement.expect.parsed.expectation : undefined;
  if (expectation?.op === 'subsetOf') {
    check.reference = select('subsetOf', expectation.source, store);
  }
  const reference = check.reference && referenceSet(check.reference);
  // `map`, not `push`: the list is kept, and one grown by push keeps room for 16.
  check.sources = requirement.sources.map((spec) => {
    const source = select('in', spec, store);
    if (expectation) judge(source, expectation, today, reference);
    for (const value of source.values) {
      if (value.verdict !== 'unknown' && !value.verdict.pass) value.exception = activeException(policy, requirement.id, value.file, spec, today);
    }
    return source;
  });
  if (requirement.evidence) {
    const evidence: RequirementCheck['evidence'] = select('evidence', requirement.evidence, store);
    const cadence = requirement.every?.value;
    if (cadence && isUsable(evidence)) {
      const rows = evidence.values.flatMap((v) => {
        const day = typeof v.value === 'string' ? parseIsoDate(v.value) : undefined;
        v.verdict = day === undefined ? { pass: false, why: 'not a date' } : PASS;
        if (day === undefined && evidence.load?.ok) v.exception = activeException(policy, requirement.id, v.file, requirement.evidence, today);
        return day === undefined ? [] : [{ day, item: v }];
      });
      evidence.analysis = analyzeEvidence(rows, cadence, today);
    }
    check.evidence = evidence;
  }
  check.status = statusOf(check, policy, today);
  return check;
}

function select(role: SourceRole, spec: SourceSpec, store: SourceStore): SourceCheck {
  const source: SourceCheck = { role, spec, selectedCount: 0, values: [] };
  if (!spec.file || !spec.at) return source;
  source.load = store.load(spec.file.text);
  if (!source.load.ok || source.load.source.problem) return source;
  const selection = source.load.source.select(spec.at.text);
  if (!selection.ok) {
    source.invalidSelector = { message: selection.message, offset: selection.offset };
    return source;
  }
  source.selectedCount = selection.values.length;
  const kept = spec.where.length === 0 ? selection.values : selection.values.filter((v) => spec.where.every((w) => v.row !== undefined && sameValue(v.row(w.key), w.value)));
  // Each selection is fresh, so its values become the checked values themselves (no copy: a source
  // may give its values a prototype, e.g. CSV cells whose name is worked out when asked for).
  source.values = kept as CheckedValue[];
  for (const v of source.values) v.verdict = v.unknown !== undefined ? 'unknown' : PASS;
  return source;
}

/** A source that was read and selected something (before `where`). */
export function isUsable(source: SourceCheck): boolean {
  return source.load?.ok === true && !source.load.source.problem && !source.invalidSelector;
}

function referenceSet(reference: SourceCheck): Set<string> | undefined {
  if (!isUsable(reference) || reference.selectedCount === 0) return undefined;
  return new Set(reference.values.filter((v) => v.unknown === undefined).map((v) => identity(v.value)));
}

/** Identities (logins, emails) compare case-insensitively. */
function identity(value: unknown): string {
  return String(value).trim().toLowerCase();
}

function judge(source: SourceCheck, e: Expectation, today: Day, reference: Set<string> | undefined): void {
  if (!isUsable(source)) return;
  const known = source.values.filter((v) => v.verdict !== 'unknown');
  switch (e.op) {
    case 'exists':
      source.verdict = source.values.length > 0 ? PASS : FAIL;
      return;
    case 'absent':
      for (const v of known) v.verdict = FAIL;
      return;
    case 'count':
      if (known.length === source.values.length) {
        source.verdict = compare(e.comparison.op, source.values.length, e.comparison.operand as number) ? PASS : FAIL;
      }
      return;
    case 'subsetOf':
      for (const v of known) v.verdict = reference === undefined ? 'unknown' : reference.has(identity(v.value)) ? PASS : FAIL;
      return;
    default:
      for (const v of known) v.verdict = checkValue(e, v.value, today);
  }
}

/** An exception covering this requirement (and file, if it names one) that has not expired. */
export function activeException(policy: Policy, requirementId: string, file: string, spec: SourceSpec | undefined, today: Day): PolicyException | undefined {
  return policy.exceptions.find((x) => {
    if (x.requirement?.value !== requirementId) return false;
    // A malformed expiry (front-matter/schema reports it) must not make an exception last forever.
    if (x.expires && (x.expires.value === undefined || x.expires.value < today)) return false;
    if (!x.file) return true;
    const rel = resolveWorkspacePath(x.file.value);
    const sourceRel = spec?.file ? resolveWorkspacePath(spec.file.text) : undefined;
    return rel.ok && (rel.rel === file || (sourceRel?.ok === true && sourceRel.rel === rel.rel));
  });
}

function statusOf(check: RequirementCheck, policy: Policy, today: Day): RequirementStatus {
  const { requirement } = check;
  const all = [...check.sources, ...(check.reference ? [check.reference] : []), ...(check.evidence ? [check.evidence] : [])];
  if (check.sources.length === 0 && !check.evidence) return 'unchecked';
  let excepted = false;
  let unknown = requirement.expect !== undefined && !requirement.expect.parsed.ok;
  let drift = false;
  for (const source of all) {
    if (!isUsable(source) || (source.selectedCount === 0 && source.role !== 'in')) unknown = true;
    if (source.role === 'in' && source.values.length === 0 && !['exists', 'absent', 'count'].includes(opOf(requirement))) unknown = true;
    if (source.verdict && !source.verdict.pass) drift = true;
    for (const v of source.values) {
      if (v.verdict === 'unknown') unknown = true;
      else if (!v.verdict.pass) {
        if (v.exception) excepted = true;
        else drift = true;
      }
    }
  }
  const analysis = check.evidence?.analysis;
  // Evidence read but not judged (no valid cadence): nothing is known about the activity.
  if (check.evidence && isUsable(check.evidence) && !analysis) unknown = true;
  if (analysis && (analysis.stale || analysis.gaps.length > 0 || analysis.future.length > 0)) {
    if (activeException(policy, requirement.id, check.evidence?.load?.rel ?? '', requirement.evidence, today)) excepted = true;
    else drift = true;
  }
  if (drift) return 'drift';
  if (unknown) return 'unknown';
  return excepted ? 'excepted' : 'verified';
}

export function opOf(requirement: Requirement): string {
  return requirement.expect?.parsed.ok ? requirement.expect.parsed.expectation.op : '';
}
