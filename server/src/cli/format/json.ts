// The `--format json` object of the policy-format contract, section 6. Keys are written in the
// contract's order and optional keys are left out rather than set to null, so scripts can rely on it.

import type { Finding, LintResult } from '../../engine/types';
import type { BaselineEntry } from '../baseline';
import { Positions, type CliPosition } from '../positions';
import type { FormatContext } from './types';

export interface JsonReport {
  tool: { name: 'tenet'; version: string };
  summary: { policies: number; requirements: number; verified: number; errors: number; warnings: number; infos: number };
  requirements: { policy: string; requirement: string; status: string; file: string; line: number }[];
  findings: JsonFinding[];
  /**
   * Extension beyond the contract, present only with --baseline and always after the contract's
   * keys: the baseline file as given, how many findings it left out, and its entries that no
   * longer occur (empty when the run was narrowed to some paths, which cannot tell).
   */
  baseline?: { file: string; suppressed: number; stale: BaselineEntry[] };
}

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: { start: CliPosition; end: CliPosition };
  policy?: string;
  requirement?: string;
  expected?: string;
  actual?: unknown;
  related?: { file: string; line: number; column: number; message: string }[];
}

export function toJsonReport(result: LintResult, version: string): JsonReport {
  const positions = new Positions(result.texts);
  const count = (severity: Finding['severity']) => result.findings.filter((f) => f.severity === severity).length;
  return {
    tool: { name: 'tenet', version },
    summary: {
      policies: result.policies.length,
      requirements: result.requirements.length,
      verified: result.requirements.filter((r) => r.status === 'verified').length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
    requirements: result.requirements.map((r) => ({
      policy: r.policy,
      requirement: r.requirement,
      status: r.status,
      file: r.file,
      line: positions.at(r.file, r.span.start).line,
    })),
    findings: result.findings.map((f) => toJsonFinding(f, positions)),
  };
}

function toJsonFinding(f: Finding, positions: Positions): JsonFinding {
  const out: JsonFinding = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    range: positions.range(f.file, f.span),
  };
  if (f.policy !== undefined) out.policy = f.policy;
  if (f.requirement !== undefined) out.requirement = f.requirement;
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.related !== undefined) {
    out.related = f.related.map((r) => {
      const { line, column } = positions.at(r.file, r.span.start);
      return { file: r.file, line, column, message: r.message };
    });
  }
  return out;
}

export function formatJson(result: LintResult, { version, baseline }: FormatContext): string {
  const report = toJsonReport(result, version);
  if (baseline !== undefined) {
    report.baseline = {
      file: baseline.file,
      suppressed: baseline.suppressed,
      stale: baseline.stale.map((e) => ({ fingerprint: e.fingerprint, rule: e.rule, file: e.file, message: e.message })),
    };
  }
  return `${JSON.stringify(report, null, 2)}\n`;
}
