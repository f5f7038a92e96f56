// Baselines let a team adopt tenet on a repository that already has findings: `tenet baseline`
// records today's findings by fingerprint, and `tenet lint --baseline FILE` reports only findings
// that are not recorded, plus the recorded ones that no longer occur so the file can shrink.

import * as fs from 'node:fs';
import type { Finding } from '../engine/types';
import { UsageError } from './args';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = 'tenet-baseline.json';

/** One recorded finding. Only `fingerprint` matches; the rest tells a reader what it was. */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  message: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: 'tenet';
  findings: BaselineEntry[];
}

/** The baseline of `findings`, whose fingerprints are `fingerprints` (same order), sorted so reruns diff cleanly. */
export function createBaseline(findings: readonly Finding[], fingerprints: readonly string[]): Baseline {
  const entries = findings.map((f, i) => ({ fingerprint: fingerprints[i], rule: f.rule, file: f.file, message: f.message }));
  return { version: BASELINE_VERSION, tool: 'tenet', findings: sortEntries(entries) };
}

/** By file, rule, message, fingerprint: no line numbers, so moving a finding does not reorder the file. */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort(
    (a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.message, b.message) || compare(a.fingerprint, b.fingerprint),
  );
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** The entries of a baseline file's text; throws an Error saying what is wrong with it. */
export function parseBaseline(text: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(data)) throw new Error('it is not a JSON object');
  if (data.tool !== 'tenet') throw new Error('"tool" must be "tenet"');
  if (data.version !== BASELINE_VERSION) throw new Error(`"version" is ${JSON.stringify(data.version)}; this tenet reads version ${BASELINE_VERSION}`);
  if (!Array.isArray(data.findings)) throw new Error('"findings" must be an array');
  return data.findings.map((entry: unknown, i: number): BaselineEntry => {
    const where = `findings[${i}]`;
    if (!isObject(entry)) throw new Error(`${where} is not an object`);
    if (typeof entry.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(entry.fingerprint)) {
      throw new Error(`${where}.fingerprint must be 64 lowercase hex digits`);
    }
    for (const key of ['rule', 'file', 'message'] as const) {
      if (typeof entry[key] !== 'string') throw new Error(`${where}.${key} must be a string`);
    }
    return { fingerprint: entry.fingerprint, rule: entry.rule as string, file: entry.file as string, message: entry.message as string };
  });
}

/** Reads --baseline FILE (`typed` as given, `abs` resolved); a missing or broken file is a usage error. */
export function readBaseline(abs: string, typed: string): BaselineEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`--baseline ${typed} does not exist (create it with "tenet baseline")`);
    throw new UsageError(`--baseline ${typed} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    throw new UsageError(`--baseline ${typed} is not a tenet baseline: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface BaselineMatch {
  /** Findings not in the baseline, in their order. */
  kept: Finding[];
  suppressed: number;
  /** Entries matching no finding, sorted. */
  stale: BaselineEntry[];
}

/** Splits `findings` (fingerprinted by `fingerprints`) into the new ones and the recorded ones. */
export function applyBaseline(
  findings: readonly Finding[],
  fingerprints: ReadonlyMap<Finding, string>,
  entries: readonly BaselineEntry[],
): BaselineMatch {
  const recorded = new Set(entries.map((e) => e.fingerprint));
  const kept = findings.filter((f) => !recorded.has(fingerprints.get(f) ?? ''));
  const occurring = new Set(findings.map((f) => fingerprints.get(f)));
  const stale = new Map<string, BaselineEntry>();
  for (const entry of entries) if (!occurring.has(entry.fingerprint)) stale.set(entry.fingerprint, entry);
  return { kept, suppressed: findings.length - kept.length, stale: sortEntries([...stale.values()]) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
