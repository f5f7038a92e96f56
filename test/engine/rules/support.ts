// Small helpers shared by the rule tests (the workspace helpers live in test/helpers/workspace.ts).

import type { Finding, LintResult } from '../../../server/src/engine/types';
import { rangeOf } from '../../helpers/workspace';

export interface PlainRelated {
  file: string;
  range: string;
  message: string;
}

/** A finding's related locations as `{file, range, message}` with 1-based ranges. */
export function relatedOf(result: LintResult, finding: Finding): PlainRelated[] {
  return (finding.related ?? []).map((r) => ({ file: r.file, range: rangeOf(result, r.file, r.span), message: r.message }));
}

/** The only finding of a rule; fails loudly if there is not exactly one. */
export function single(result: LintResult, rule: string): Finding {
  const found = result.findings.filter((f) => f.rule === rule);
  if (found.length !== 1) throw new Error(`expected exactly one ${rule} finding, got ${found.length}: ${found.map((f) => f.message).join(' | ')}`);
  return found[0];
}

/** Requirement statuses as `requirement: status`, for compact deepEqual. */
export function statuses(result: LintResult): Record<string, string> {
  return Object.fromEntries(result.requirements.map((r) => [`${r.policy} › ${r.requirement}`, r.status]));
}

/** `requirements:` YAML with one requirement reading `in` sources (each `[file, at]`). */
export function requirement(id: string, expect: string, sources: [string, string][], says?: string): string {
  const lines = [`requirements:`, `  ${id}:`];
  if (says !== undefined) lines.push(`    says: ${says}`);
  lines.push(`    expect: ${expect}`, `    in:`);
  for (const [file, at] of sources) lines.push(`      - file: ${file}`, `        at: ${at}`);
  return lines.join('\n') + '\n';
}
