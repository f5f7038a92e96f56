// `--format junit`: JUnit XML for CI test reports. Each policy is a <testsuite> and each of its
// requirements a <testcase>: verified and excepted pass, drift fails, unknown is an error and
// unchecked (no source) is skipped. Findings about the policy itself (owner, review, controls…)
// form one more testcase, "(policy)", which fails when one of them is an error. Findings outside
// any policy (a broken tenet.yaml) form a "(workspace)" suite. Paths are relative to the current
// directory, lines and columns 1-based.

import type { Finding, LintResult, RequirementResult } from '../../engine/types';
import { cwdPath } from '../paths';
import { Positions } from '../positions';
import type { FormatContext } from './types';

export const POLICY_CASE = '(policy)';
export const WORKSPACE_SUITE = '(workspace)';

type Outcome =
  | { kind: 'pass' }
  | { kind: 'failure' | 'error'; message: string; type: string; body: string }
  | { kind: 'skipped'; message: string };

interface TestCase {
  name: string;
  classname: string;
  file?: string;
  outcome: Outcome;
  /** Findings that do not fail the case (warnings, infos), shown in <system-out>. */
  notes?: string;
}

interface TestSuite {
  name: string;
  file?: string;
  cases: TestCase[];
}

export function formatJunit(result: LintResult, context: FormatContext): string {
  const positions = new Positions(result.texts);
  const show = (file: string) => cwdPath(context.cwd, result.root, file);
  const line = (f: Finding) => {
    const { line: l, column } = positions.at(f.file, f.span.start);
    return `${show(f.file)}:${l}:${column}: ${f.severity} ${f.message} (${f.rule})`;
  };

  // Every policy named by the run, in file order, each with its requirements in the CLI's order.
  const policies = new Map<string, { file?: string; requirements: RequirementResult[]; findings: Finding[] }>();
  const policy = (id: string, file?: string) => {
    let entry = policies.get(id);
    if (!entry) policies.set(id, (entry = { file, requirements: [], findings: [] }));
    return entry;
  };
  for (const p of [...result.policies].sort((a, b) => compare(a.file, b.file) || compare(a.id, b.id))) policy(p.id, p.file);
  for (const r of result.requirements) policy(r.policy, r.file).requirements.push(r);

  const byRequirement = new Map<string, Finding[]>();
  const key = (policyId: string, requirement: string) => JSON.stringify([policyId, requirement]);
  const requirementKeys = new Set(result.requirements.map((r) => key(r.policy, r.requirement)));
  const policyByFile = new Map([...policies].filter(([, p]) => p.file !== undefined).map(([id, p]) => [p.file, id]));
  const workspace: Finding[] = [];
  for (const f of result.findings) {
    if (f.policy !== undefined && f.requirement !== undefined && requirementKeys.has(key(f.policy, f.requirement))) {
      const k = key(f.policy, f.requirement);
      byRequirement.set(k, [...(byRequirement.get(k) ?? []), f]);
      continue;
    }
    // A finding in a policy file without a policy id (a syntax error) still belongs to that policy.
    const owner = f.policy ?? policyByFile.get(f.file);
    if (owner !== undefined) policy(owner, f.policy === undefined ? f.file : undefined).findings.push(f);
    else workspace.push(f);
  }

  const suites: TestSuite[] = [];
  for (const [id, p] of policies) {
    const file = p.file === undefined ? undefined : show(p.file);
    const cases = p.requirements.map((r): TestCase => {
      const findings = byRequirement.get(key(r.policy, r.requirement)) ?? [];
      return { name: r.requirement, classname: id, file, ...requirementOutcome(r, findings, line) };
    });
    cases.push({ name: POLICY_CASE, classname: id, file, ...findingsOutcome(p.findings, line) });
    suites.push({ name: id, file, cases });
  }
  if (workspace.length > 0) {
    suites.push({ name: WORKSPACE_SUITE, cases: [{ name: WORKSPACE_SUITE, classname: WORKSPACE_SUITE, ...findingsOutcome(workspace, line) }] });
  }
  return render(suites);
}

function requirementOutcome(r: RequirementResult, findings: Finding[], line: (f: Finding) => string): Pick<TestCase, 'outcome' | 'notes'> {
  const all = findings.map(line).join('\n');
  switch (r.status) {
    case 'verified':
    case 'excepted':
      return { outcome: { kind: 'pass' }, notes: findings.length > 0 ? all : undefined };
    case 'unchecked':
      return { outcome: { kind: 'skipped', message: 'unchecked: the requirement names no source to check' }, notes: findings.length > 0 ? all : undefined };
    case 'drift':
    case 'unknown': {
      // Its findings were left out (--baseline, --quiet): a known problem, reported as skipped the
      // way test runners report an expected failure, so the report agrees with the exit code.
      if (findings.length === 0) return { outcome: { kind: 'skipped', message: `${r.status}: its findings are not in this report (--baseline or --quiet)` } };
      const kind = r.status === 'drift' ? 'failure' : 'error';
      const first = findings.find((f) => f.severity === 'error') ?? findings[0];
      return { outcome: { kind, message: first.message, type: first.rule, body: all } };
    }
  }
}

function findingsOutcome(findings: Finding[], line: (f: Finding) => string): Pick<TestCase, 'outcome' | 'notes'> {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return { outcome: { kind: 'pass' }, notes: findings.length > 0 ? findings.map(line).join('\n') : undefined };
  return { outcome: { kind: 'failure', message: errors[0].message, type: errors[0].rule, body: findings.map(line).join('\n') } };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(cases: readonly TestCase[]): Counts {
  const n = (kind: Outcome['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
  return { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
}

function countAttributes(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;
}

function render(suites: readonly TestSuite[]): string {
  const total = count(suites.flatMap((s) => s.cases));
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += `<testsuites name="tenet" ${countAttributes(total)}>\n`;
  for (const suite of suites) {
    const fileAttribute = suite.file === undefined ? '' : ` file="${attribute(suite.file)}"`;
    xml += `  <testsuite name="${attribute(suite.name)}" ${countAttributes(count(suite.cases))}${fileAttribute}>\n`;
    for (const c of suite.cases) {
      const open = `    <testcase name="${attribute(c.name)}" classname="${attribute(c.classname)}"${c.file === undefined ? '' : ` file="${attribute(c.file)}"`}`;
      const children: string[] = [];
      const o = c.outcome;
      if (o.kind === 'failure' || o.kind === 'error') {
        children.push(`<${o.kind} message="${attribute(o.message)}" type="${attribute(o.type)}">${text(o.body)}</${o.kind}>`);
      } else if (o.kind === 'skipped') {
        children.push(`<skipped message="${attribute(o.message)}"/>`);
      }
      if (c.notes !== undefined) children.push(`<system-out>${text(c.notes)}</system-out>`);
      xml += children.length === 0 ? `${open}/>\n` : `${open}>\n${children.map((child) => `      ${child}\n`).join('')}    </testcase>\n`;
    }
    xml += '  </testsuite>\n';
  }
  return `${xml}</testsuites>\n`;
}

/**
 * Characters XML 1.0 cannot carry even escaped (C0 controls but tab and line ends, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD, so a hostile config value cannot break the document.
 */
function xmlSafe(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function text(value: string): string {
  // A literal CR would be normalized away by the parser; the reference keeps it.
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes, and keep line breaks and tabs as references (parsers normalize literal ones to spaces). */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
