// Hover: a requirement's statement, expectation and what each source holds; the policies governing a
// config value; a control's title and summary; a cadence's next due date.

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { describeCadence, nextDue } from '../../engine/cadence';
import type { CheckedValue, RequirementCheck } from '../../engine/check';
import { lookupControl } from '../../engine/controls/catalog';
import { formatDay, parseIsoDate } from '../../engine/dates';
import { describeExpectation } from '../../engine/expect/expectation';
import { formatValue } from '../../engine/expect/values';
import { reviewCadence, reviewDue } from '../../engine/review';
import { contains, type FeatureContext } from './context';
import { cadenceAt, controlAt, requirementAt } from './locate';

const STATUS_ICON: Record<string, string> = { verified: '✓ verified', drift: '✗ drift', unknown: '? unknown', unchecked: '— unchecked', excepted: '◌ excepted' };

export function hover(context: FeatureContext, position: Position): Hover | null {
  const offset = context.offsetAt(position);
  const { session } = context.project;
  const state = session.policy(context.rel);
  if (state) {
    const control = controlAt(state, offset);
    if (control) {
      const found = lookupControl(session.catalog, control.value);
      const text = found ? `**${found.id} — ${found.title}** (${found.category})\n\n${found.summary}` : `**${control.value}** is not in ${session.catalog.name}.`;
      return { contents: { kind: MarkupKind.Markdown, value: text }, range: context.rangeOf(control.span) };
    }
    const cadence = cadenceAt(state, offset);
    if (cadence) return cadenceHover(context, state.parsed.policy, cadence, state.checks);
    const hit = requirementAt(state, offset);
    const check = hit && state.checks.find((c) => c.requirement === hit.requirement);
    if (check) return { contents: { kind: MarkupKind.Markdown, value: requirementText(context, state.parsed.policy.id, check) }, range: context.rangeOf(check.requirement.keySpan) };
    return null;
  }
  const governed = session.valuesIn(context.rel).filter((g) => contains(g.value.span, offset));
  if (governed.length === 0) return null;
  const lines = governed.map((g) => {
    const expected = g.check.requirement.expect?.parsed.ok ? describeExpectation(g.check.requirement.expect.parsed.expectation) : g.source.role === 'evidence' ? `evidence ${describeEvery(g.check)}` : '';
    return `- ${verdictIcon(g.value)} **${g.policy.id} › ${g.check.requirement.id}** expects \`${expected}\`${g.check.requirement.says ? ` — ${g.check.requirement.says.value}` : ''}`;
  });
  return { contents: { kind: MarkupKind.Markdown, value: `**Governed by Tenet** — ${formatValue(governed[0].value.value)}\n\n${lines.join('\n')}` }, range: context.rangeOf(governed[0].value.span) };
}

function describeEvery(check: RequirementCheck): string {
  const cadence = check.requirement.every?.value;
  return cadence ? describeCadence(cadence) : '';
}

function verdictIcon(value: CheckedValue): string {
  if (value.verdict === 'unknown') return '?';
  if (value.verdict.pass) return '✓';
  return value.exception ? '◌' : '✗';
}

function requirementText(context: FeatureContext, policyId: string, check: RequirementCheck): string {
  const { requirement } = check;
  const out = [`**${policyId} › ${requirement.id}** — ${STATUS_ICON[check.status]}`];
  if (requirement.says) out.push(`> ${requirement.says.value}`);
  if (requirement.expect?.parsed.ok) out.push(`expect: \`${describeExpectation(requirement.expect.parsed.expectation)}\``);
  if (requirement.every?.value) out.push(`every: ${describeCadence(requirement.every.value)}`);
  const rows: string[] = [];
  for (const source of [...check.sources, ...(check.evidence ? [check.evidence] : [])]) {
    const file = source.load?.rel ?? source.spec.file?.text ?? "?";
    if (!source.load?.ok) {
      rows.push(`| ${file} | | ${source.load?.message ?? 'not read'} | ✗ |`);
      continue;
    }
    if (source.values.length === 0) rows.push(`| ${file} | | nothing selected | ${source.verdict?.pass ? '✓' : '✗'} |`);
    for (const value of source.values.slice(0, 20)) {
      const line = context.index(value.file).positionAt(value.span.start).line + 1;
      rows.push(`| ${value.file} | ${line} | ${formatValue(value.value).replace(/\|/g, '\\|')} | ${verdictIcon(value)} |`);
    }
    if (source.values.length > 20) rows.push(`| ${file} | | … ${source.values.length - 20} more | |`);
  }
  if (rows.length > 0) out.push(['| source | line | value | result |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  return out.join('\n\n');
}

function cadenceHover(context: FeatureContext, policy: import('../../engine/policy/model').Policy, hit: ReturnType<typeof cadenceAt> & object, checks: RequirementCheck[]): Hover | null {
  const today = parseIsoDate(context.project.session.today ?? '');
  if (hit.kind === 'review') {
    const due = reviewDue(policy);
    const text = due === undefined
      ? `Reviewed ${describeCadence(reviewCadence(policy))}; no \`review.last\` date yet.`
      : `Reviewed ${describeCadence(reviewCadence(policy))}: next review due **${formatDay(due)}**${today !== undefined && due < today ? ' — overdue' : ''}.`;
    return { contents: { kind: MarkupKind.Markdown, value: text }, range: context.rangeOf(policy.review!.every!.span) };
  }
  const check = checks.find((c) => c.requirement === hit.requirement);
  const cadence = hit.requirement.every?.value;
  const newest = check?.evidence?.analysis?.newest;
  if (!cadence) return null;
  const text = newest
    ? `Due ${describeCadence(cadence)}: newest evidence ${formatDay(newest.day)}, next due **${formatDay(nextDue(newest.day, cadence))}**.`
    : `Due ${describeCadence(cadence)}: no dated evidence found yet.`;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: context.rangeOf(hit.requirement.every!.span) };
}
