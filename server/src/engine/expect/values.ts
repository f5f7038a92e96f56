// Typed comparison (policy format section 3): numbers as numbers ("12" counts as 12), dates as dates,
// booleans as booleans; strings exactly.

import { parseIsoDate, type Day } from '../dates';
import type { Scalar } from '../types';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function asDay(value: unknown): Day | undefined {
  return typeof value === 'string' ? parseIsoDate(value) : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { true: true, yes: true, on: true, false: false, no: false, off: false };

/** Equality by the expected value's type. */
export function sameValue(actual: unknown, expected: Scalar): boolean {
  if (expected === null) return actual === null;
  if (typeof expected === 'number') return asNumber(actual) === expected;
  if (typeof expected === 'boolean') return asBoolean(actual) === expected;
  // YAML 1.2 reads a policy's `yes`/`no`/`on`/`off` as text; INI, dotenv and CSV read them as booleans.
  if (typeof actual === 'boolean' && BOOLEAN_WORDS[expected.trim().toLowerCase()] !== undefined) return BOOLEAN_WORDS[expected.trim().toLowerCase()] === actual;
  const expectedDay = parseIsoDate(expected);
  if (expectedDay !== undefined && asDay(actual) !== undefined) return asDay(actual) === expectedDay;
  if (typeof actual === 'number' && asNumber(expected) !== undefined) return actual === asNumber(expected);
  return typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean' ? String(actual) === expected : false;
}

/** How a value reads in a message: strings quoted, lists shortened. */
/** Longer strings are cut in messages: a finding names a value, it does not reprint a file. */
const MAX_SHOWN = 120;

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value.length > MAX_SHOWN ? `${JSON.stringify(value.slice(0, MAX_SHOWN))}… (${value.length} characters)` : JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, 5).map(formatValue).join(', ');
    return `[${shown}${value.length > 5 ? `, … ${value.length - 5} more` : ''}]`;
  }
  return 'an object';
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}
