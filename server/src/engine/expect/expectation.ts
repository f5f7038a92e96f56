// `expect` (policy format section 3): parsed once per requirement, then applied to selected values.

import { addDuration, type Day, describeDuration, type Duration, formatDay, parseDuration, parseIsoDate } from '../dates';
import { compileRegex, type SafeRegex } from '../regex';
import { entry, type Node } from '../tree';
import type { Scalar, Span } from '../types';
import { asDay, asNumber, formatValue, kindOf, sameValue } from './values';

export type Comparison = 'gt' | 'ge' | 'lt' | 'le';

export interface SourceSpec {
  file?: { text: string; span: Span };
  at?: { text: string; span: Span };
  where: { key: string; value: Scalar }[];
  span: Span;
}

export type Expectation =
  | { op: 'eq' | 'ne'; operand: Scalar }
  | { op: Comparison; operand: number | { day: Day } }
  | { op: 'within'; duration: Duration }
  | { op: 'matches' | 'noneMatch'; regex: SafeRegex }
  | { op: 'exists' | 'absent' }
  | { op: 'oneOf' | 'noneOf'; values: Scalar[] }
  | { op: 'count'; comparison: Expectation & { op: 'eq' | 'ne' | Comparison } } // operand is a number
  | { op: 'subsetOf'; source: SourceSpec };

export type ParsedExpectation = { ok: true; expectation: Expectation } | { ok: false; message: string; span: Span };

const SYMBOLS: Record<string, 'eq' | 'ne' | Comparison> = { '==': 'eq', '!=': 'ne', '>=': 'ge', '>': 'gt', '<=': 'le', '<': 'lt' };
const OPERATOR = /^(==|!=|>=|<=|>|<)\s*(.*)$/s;

export function parseExpectation(node: Node, readSource: (node: Node) => SourceSpec): ParsedExpectation {
  const fail = (message: string, span = node.span): ParsedExpectation => ({ ok: false, message, span });
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string') return { ok: true, expectation: { op: 'eq', operand: node.value } };
    const parsed = parseOperatorString(node.value);
    return parsed.ok ? { ok: true, expectation: parsed.expectation } : fail(parsed.message);
  }
  if (node.kind === 'array') return fail('expect must be a value, an operator string, or an object like {oneOf: [...]} — not a list');
  if (node.entries.length !== 1) return fail('an expect object has exactly one operator: oneOf, noneOf, noneMatch, count or subsetOf');
  const [{ key, value, keySpan }] = node.entries;
  switch (key) {
    case 'oneOf':
    case 'noneOf': {
      if (value.kind !== 'array' || value.items.some((i) => i.kind !== 'scalar')) return fail(`${key} takes a list of values`, value.span);
      return { ok: true, expectation: { op: key, values: value.items.map((i) => (i.kind === 'scalar' ? i.value : null)) } };
    }
    case 'noneMatch': {
      if (value.kind !== 'scalar' || typeof value.value !== 'string') return fail('noneMatch takes a regular expression', value.span);
      const compiled = compileRegex(value.value);
      return compiled.ok ? { ok: true, expectation: { op: 'noneMatch', regex: compiled.regex } } : fail(compiled.message, value.span);
    }
    case 'count': {
      const countFail = fail('count takes a number comparison such as ">= 1" or "== 0"', value.span);
      if (value.kind !== 'scalar' || (typeof value.value !== 'number' && typeof value.value !== 'string')) return countFail;
      const inner: StringParse = typeof value.value === 'number' ? { ok: true, expectation: { op: 'eq', operand: value.value } } : parseOperatorString(value.value);
      if (!inner.ok) return countFail;
      let comparison = inner.expectation;
      // `count: "0"` is a bare number written as text.
      if (comparison.op === 'eq' && typeof comparison.operand === 'string' && asNumber(comparison.operand) !== undefined) {
        comparison = { op: 'eq', operand: asNumber(comparison.operand) as number };
      }
      if (!isNumberComparison(comparison)) return countFail;
      return { ok: true, expectation: { op: 'count', comparison } };
    }
    case 'subsetOf': {
      if (value.kind !== 'object') return fail('subsetOf takes {file, at, where?}', value.span);
      const source = readSource(value);
      if (!source.file || !source.at) return fail('subsetOf needs both file and at', value.span);
      return { ok: true, expectation: { op: 'subsetOf', source } };
    }
    default:
      return fail(`unknown operator "${key}": expect objects take oneOf, noneOf, noneMatch, count or subsetOf`, keySpan);
  }
}

type NumberComparison = Expectation & { op: 'eq' | 'ne' | Comparison };

function isNumberComparison(e: Expectation): e is NumberComparison {
  return (e.op === 'eq' || e.op === 'ne' || e.op === 'gt' || e.op === 'ge' || e.op === 'lt' || e.op === 'le') && typeof e.operand === 'number';
}

type StringParse = { ok: true; expectation: Expectation } | { ok: false; message: string };

export function parseOperatorString(raw: string): StringParse {
  const text = raw.trim();
  if (text === 'exists' || text === 'absent') return { ok: true, expectation: { op: text } };
  const within = /^within\b\s*(.*)$/s.exec(text);
  if (within) {
    const duration = parseDuration(within[1]);
    return duration
      ? { ok: true, expectation: { op: 'within', duration } }
      : { ok: false, message: `"${text}" needs a duration, e.g. "within 12 months" (days, weeks, months or years)` };
  }
  const matches = /^matches\b\s*(.*)$/s.exec(text);
  if (matches) {
    if (matches[1] === '') return { ok: false, message: '"matches" needs a regular expression' };
    const compiled = compileRegex(matches[1]);
    return compiled.ok ? { ok: true, expectation: { op: 'matches', regex: compiled.regex } } : compiled;
  }
  const op = OPERATOR.exec(text);
  if (op) {
    const kind = SYMBOLS[op[1]];
    const operandText = op[2].trim();
    if (operandText === '') return { ok: false, message: `"${op[1]}" needs a value to compare with` };
    if (kind === 'eq' || kind === 'ne') return { ok: true, expectation: { op: kind, operand: scalarFromText(operandText) } };
    const number = asNumber(operandText);
    if (number !== undefined) return { ok: true, expectation: { op: kind, operand: number } };
    const day = parseIsoDate(operandText);
    if (day !== undefined) return { ok: true, expectation: { op: kind, operand: { day } } };
    return { ok: false, message: `"${text}" compares with "${operandText}", which is neither a number nor a date (YYYY-MM-DD)` };
  }
  if (/^(=>|=<|=[^=]|!(?!=)|≥|≤)/.test(text)) {
    return { ok: false, message: `"${text}" starts with an unknown operator; use >=, >, <=, <, == or !=` };
  }
  return { ok: true, expectation: { op: 'eq', operand: raw } };
}

function scalarFromText(text: string): Scalar {
  const quoted = /^(["'])(.*)\1$/s.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return asNumber(text) ?? text;
}

/** The expectation as a policy writer would write it, for messages. */
export function describeExpectation(e: Expectation): string {
  switch (e.op) {
    case 'eq':
    case 'ne':
      return e.op === 'eq' && typeof e.operand !== 'string' ? String(e.operand) : `${e.op === 'eq' ? '==' : '!='} ${formatOperand(e.operand)}`;
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return `${{ gt: '>', ge: '>=', lt: '<', le: '<=' }[e.op]} ${typeof e.operand === 'number' ? e.operand : formatDay(e.operand.day)}`;
    case 'within':
      return `within ${describeDuration(e.duration)}`;
    case 'matches':
      return `matches ${e.regex.source}`;
    case 'noneMatch':
      return `noneMatch ${e.regex.source}`;
    case 'exists':
    case 'absent':
      return e.op;
    case 'oneOf':
    case 'noneOf':
      return `${e.op} [${e.values.map(formatOperand).join(', ')}]`;
    case 'count':
      return `count ${describeExpectation(e.comparison)}`;
    case 'subsetOf':
      return `subsetOf ${e.source.file?.text ?? '?'} ${e.source.at?.text ?? ''}`.trim();
  }
}

function formatOperand(v: Scalar): string {
  return typeof v === 'string' && !/^[\w.@:/-]+$/.test(v) ? JSON.stringify(v) : String(v);
}

export type Verdict = { pass: true } | { pass: false; why?: string };

/** Verdicts are shared, never changed: a check keeps one per selected value, thousands of them. */
export const PASS: Verdict = { pass: true };
export const FAIL: Verdict = { pass: false };

/** Applies a per-value expectation. Whole-selection operators (exists, absent, count, subsetOf) are the caller's. */
export function checkValue(e: Expectation, actual: unknown, today: Day): Verdict {
  switch (e.op) {
    case 'eq':
      return sameValue(actual, e.operand) ? PASS : FAIL;
    case 'ne':
      return sameValue(actual, e.operand) ? FAIL : PASS;
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const isDay = typeof e.operand !== 'number';
      const a = isDay ? asDay(actual) : asNumber(actual);
      if (a === undefined) return { pass: false, why: `${kindOf(actual)}, not ${isDay ? 'a date' : 'a number'}` };
      return compare(e.op, a, typeof e.operand === 'number' ? e.operand : e.operand.day) ? PASS : FAIL;
    }
    case 'within': {
      const day = asDay(actual);
      if (day === undefined) return { pass: false, why: `${kindOf(actual)}, not a date` };
      return day >= addDuration(today, e.duration, -1) ? PASS : FAIL;
    }
    case 'matches':
      if (typeof actual !== 'string' && typeof actual !== 'number') return { pass: false, why: `${kindOf(actual)}, not text` };
      return e.regex.test(String(actual)) ? PASS : FAIL;
    case 'noneMatch':
      return (typeof actual === 'string' || typeof actual === 'number') && e.regex.test(String(actual)) ? FAIL : PASS;
    case 'oneOf':
      return e.values.some((v) => sameValue(actual, v)) ? PASS : FAIL;
    case 'noneOf':
      return e.values.some((v) => sameValue(actual, v)) ? FAIL : PASS;
    case 'exists':
    case 'absent':
    case 'count':
    case 'subsetOf':
      return PASS;
  }
}

export function compare(op: Comparison | 'eq' | 'ne', a: number, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
  }
}

/** Reads `{file, at, where?}` from a policy node. */
export function readSourceSpec(node: Node): SourceSpec {
  const text = (key: string) => {
    const e = entry(node, key);
    return e?.value.kind === 'scalar' && typeof e.value.value === 'string' ? { text: e.value.value, span: e.value.span } : undefined;
  };
  const whereNode = entry(node, 'where')?.value;
  const where = whereNode?.kind === 'object'
    ? whereNode.entries.flatMap((e) => (e.value.kind === 'scalar' ? [{ key: e.key, value: e.value.value }] : []))
    : [];
  return { file: text('file'), at: text('at'), where, span: node.span };
}

export { formatValue };
