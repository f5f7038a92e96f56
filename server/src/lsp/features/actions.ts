// Quick fixes, each a precise WorkspaceEdit: align the config to the policy, align the policy to the
// config, add a time-boxed exception, mark the review done today, add a missing owner or review, and
// fix an unknown control id. Edits replace exact spans and keep the file's quoting and line endings.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { CheckedValue, RequirementCheck } from '../../engine/check';
import { nearestControlId, lookupControl } from '../../engine/controls/catalog';
import { addDuration, formatDay, parseIsoDate } from '../../engine/dates';
import { describeExpectation, type Expectation } from '../../engine/expect/expectation';
import { asNumber } from '../../engine/expect/values';
import type { Policy, Requirement } from '../../engine/policy/model';
import type { Scalar, Span } from '../../engine/types';
import { contains, type FeatureContext } from './context';

/** Days an exception added by the quick fix lasts. */
export const EXCEPTION_DAYS = 90;

export function codeActions(context: FeatureContext, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const start = context.offsetAt(range.start);
  const end = context.offsetAt(range.end);
  const overlaps = (span: Span) => span.start <= end && span.end >= start;
  const { session } = context.project;
  const actions: CodeAction[] = [];
  const state = session.policy(context.rel);
  if (state) {
    const { policy } = state.parsed;
    for (const check of state.checks) {
      if (!overlaps({ start: check.requirement.keySpan.start, end: check.requirement.node.span.end })) continue;
      for (const value of failingValues(check)) actions.push(...driftFixes(context, policy, check, value, diagnostics));
      actions.push(...statementFix(context, policy, check.requirement, diagnostics));
    }
    actions.push(...policyFixes(context, policy, overlaps, diagnostics));
    return actions;
  }
  for (const governed of session.valuesIn(context.rel)) {
    if (!overlaps(governed.value.span) || !isFailing(governed.value)) continue;
    actions.push(...driftFixes(context, governed.policy, governed.check, governed.value, diagnostics));
  }
  return actions;
}

function isFailing(value: CheckedValue): boolean {
  return value.verdict !== 'unknown' && !value.verdict.pass && !value.exception;
}

function failingValues(check: RequirementCheck): CheckedValue[] {
  return check.sources.flatMap((s) => s.values.filter(isFailing));
}

function matching(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

function driftFixes(context: FeatureContext, policy: Policy, check: RequirementCheck, value: CheckedValue, diagnostics: Diagnostic[]): CodeAction[] {
  const { requirement } = check;
  const e = requirement.expect?.parsed.ok ? requirement.expect.parsed.expectation : undefined;
  if (!e) return [];
  const who = `${policy.id} › ${requirement.id}`;
  const out: CodeAction[] = [];
  const target = targetValue(e, context);
  const related = matching(diagnostics, 'requirement/drift');
  if (target !== undefined) {
    const text = context.text(value.file);
    out.push(action(`Set ${value.name} to ${display(target)} (as ${who} expects)`, { [context.uriOf(value.file)]: [edit(context, value.file, value.span, literal(text, value.span, target))] }, related, true));
  }
  const relaxed = relaxedExpectation(e, value.value);
  if (relaxed !== undefined && requirement.expect) {
    const edits = [edit(context, policy.file, requirement.expect.node.span, literal(policy.text, requirement.expect.node.span, relaxed.text))];
    const says = requirement.says && saysNumber(policy.text, requirement.says.span, relaxed.from);
    if (says) edits.push(edit(context, policy.file, says, String(relaxed.to)));
    out.push(action(`Change ${who} to expect ${relaxed.text}${says ? ' (and its "says")' : ''}`, { [context.uriOf(policy.file)]: edits }, related, false));
  }
  const today = parseIsoDate(context.project.session.today ?? '');
  if (today !== undefined) {
    const insert = exceptionInsert(policy, requirement, value.file, formatDay(addDuration(today, { amount: EXCEPTION_DAYS, unit: 'days' })));
    if (insert) out.push(action(`Add a ${EXCEPTION_DAYS}-day exception for ${requirement.id} in ${value.file}`, { [context.uriOf(policy.file)]: [edit(context, policy.file, { start: insert.at, end: insert.at }, insert.text)] }, related, false));
  }
  return out;
}

/** The value a config should hold to satisfy the expectation, when there is an obvious one. */
function targetValue(e: Expectation, context: FeatureContext): Scalar | undefined {
  switch (e.op) {
    case 'eq':
      return e.operand;
    case 'ge':
    case 'le':
      return typeof e.operand === 'number' ? e.operand : formatDay(e.operand.day);
    case 'gt':
      return typeof e.operand === 'number' && Number.isInteger(e.operand) ? e.operand + 1 : undefined;
    case 'lt':
      return typeof e.operand === 'number' && Number.isInteger(e.operand) ? e.operand - 1 : undefined;
    case 'oneOf':
      return e.values[0];
    case 'within':
      return context.project.session.today;
    default:
      return undefined;
  }
}

/** The expectation rewritten to accept the config's value (comparisons and equality only). */
function relaxedExpectation(e: Expectation, actual: unknown): { text: string; from: number; to: number } | undefined {
  const n = asNumber(actual);
  if (n === undefined) return undefined;
  switch (e.op) {
    case 'ge':
    case 'gt':
    case 'le':
    case 'lt':
      if (typeof e.operand !== 'number') return undefined;
      return { text: describeExpectation({ op: e.op === 'gt' ? 'ge' : e.op === 'lt' ? 'le' : e.op, operand: n }), from: e.operand, to: n };
    case 'eq':
      return typeof e.operand === 'number' ? { text: String(n), from: e.operand, to: n } : undefined;
    default:
      return undefined;
  }
}

/** Where `says` writes the expectation's number, to rewrite it with the expectation. */
function saysNumber(text: string, span: Span, number: number): Span | undefined {
  const written = text.slice(span.start, span.end);
  const m = new RegExp(`(?<![\\w.])${String(number).replace('.', '\\.')}(?![\\w]|\\.\\d)`).exec(written);
  return m ? { start: span.start + m.index, end: span.start + m.index + m[0].length } : undefined;
}

function statementFix(context: FeatureContext, policy: Policy, requirement: Requirement, diagnostics: Diagnostic[]): CodeAction[] {
  const related = matching(diagnostics, 'requirement/statement-mismatch');
  const e = requirement.expect?.parsed.ok ? requirement.expect.parsed.expectation : undefined;
  if (related.length === 0 || !e || !requirement.says) return [];
  const operand = e.op === 'count' ? e.comparison.operand : 'operand' in e && typeof e.operand === 'number' ? e.operand : e.op === 'within' ? e.duration.amount : undefined;
  if (typeof operand !== 'number') return [];
  const span = { start: context.offsetAt(related[0].range.start), end: context.offsetAt(related[0].range.end) };
  if (!contains(requirement.says.span, span.start)) return [];
  return [action(`Change "says" to state ${operand}`, { [context.uriOf(policy.file)]: [edit(context, policy.file, span, String(operand))] }, related, true)];
}

function policyFixes(context: FeatureContext, policy: Policy, overlaps: (span: Span) => boolean, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const uri = context.uriOf(policy.file);
  const today = context.project.session.today;
  const eol = lineEnding(policy.text);
  const last = policy.review?.last;
  if (today && last && overlaps(last.span) && (matching(diagnostics, 'review/overdue').length > 0 || matching(diagnostics, 'review/future-date').length > 0)) {
    out.push(action(`Mark the review done today (${today})`, { [uri]: [edit(context, policy.file, last.span, literal(policy.text, last.span, today))] }, [...matching(diagnostics, 'review/overdue'), ...matching(diagnostics, 'review/future-date')], true));
  }
  const header = policy.header;
  if (policy.layout === 'tenet' && header && today) {
    const missingReview = matching(diagnostics, 'review/missing');
    if (missingReview.length > 0 && !policy.review) {
      out.push(action(`Add a review schedule (annually, last reviewed ${today})`, { [uri]: [edit(context, policy.file, { start: header.end, end: header.end }, `review:${eol}  every: annually${eol}  last: ${today}${eol}`)] }, missingReview, true));
    }
    const missingOwner = matching(diagnostics, 'owner/missing');
    if (missingOwner.length > 0 && !policy.owner) {
      const at = lineEnd(policy.text, policy.anchor.end);
      out.push(action('Add an owner', { [uri]: [edit(context, policy.file, { start: at, end: at }, `${eol}owner: "@your-org/team"`)] }, missingOwner, true));
    }
  }
  for (const control of policy.controls) {
    if (!overlaps(control.span) || lookupControl(context.project.session.catalog, control.value)) continue;
    const nearest = nearestControlId(context.project.session.catalog, control.value);
    if (nearest) out.push(action(`Change ${control.value} to ${nearest}`, { [uri]: [edit(context, policy.file, control.span, literal(policy.text, control.span, nearest))] }, matching(diagnostics, 'control/unknown-id'), true));
  }
  return out;
}

/** Text to insert a new exception: after the last one, or as a new `exceptions:` key at the end of the front matter. */
function exceptionInsert(policy: Policy, requirement: Requirement, file: string, expires: string): { at: number; text: string } | undefined {
  if (!policy.header || policy.layout !== 'tenet') return undefined;
  const eol = lineEnding(policy.text);
  const approver = policy.owner?.value ?? '@your-org/approver';
  const item = (indent: string) =>
    [
      `${indent}- requirement: ${requirement.id}`,
      `${indent}  file: ${file}`,
      `${indent}  reason: "TODO: why this is acceptable for now, and where the fix is tracked"`,
      `${indent}  approved-by: "${approver}"`,
      `${indent}  expires: ${expires}`,
    ].join(eol);
  const root = policy.root?.kind === 'object' ? policy.root : undefined;
  const existing = root?.entries.find((e) => e.key === 'exceptions');
  if (existing && existing.value.kind === 'array' && existing.value.items.length > 0) {
    const lastItem = existing.value.items[existing.value.items.length - 1];
    const itemStart = policy.text.lastIndexOf('\n', lastItem.span.start) + 1;
    const indent = /^[ \t]*/.exec(policy.text.slice(itemStart))![0];
    const at = lineEnd(policy.text, Math.max(lastItem.span.start, lastItem.span.end - 1));
    return { at, text: eol + item(indent) };
  }
  if (existing) return undefined;
  return { at: policy.header.end, text: `exceptions:${eol}${item('  ')}${eol}` };
}

function action(title: string, changes: Record<string, TextEdit[]>, diagnostics: Diagnostic[], preferred: boolean): CodeAction {
  const out: CodeAction = { title, kind: CodeActionKind.QuickFix, edit: { changes } };
  if (diagnostics.length > 0) out.diagnostics = diagnostics;
  if (preferred) out.isPreferred = true;
  return out;
}

function edit(context: FeatureContext, file: string, span: Span, newText: string): TextEdit {
  return { range: context.rangeOf(span, file), newText };
}

/** A scalar written the way the old token was: quoted strings stay quoted the same way. */
export function literal(text: string, span: Span, value: Scalar): string {
  const old = text.slice(span.start, span.end);
  const quote = old[0] === '"' || old[0] === "'" ? old[0] : undefined;
  if (typeof value !== 'string') return quote && typeof value === 'number' && /^["']\d/.test(old) ? `${quote}${value}${quote}` : String(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"' || !/^[\w.@/:+-]+$/.test(value) || /^(true|false|null|yes|no|on|off|~|[\d.+-].*)$/i.test(value) && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return JSON.stringify(value);
  return value;
}

function display(value: Scalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineEnd(text: string, offset: number): number {
  const m = /\r?\n|\r/g;
  m.lastIndex = offset;
  const found = m.exec(text);
  return found ? found.index : text.length;
}
