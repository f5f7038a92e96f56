// Test helpers: build an in-memory workspace, lint it, and read findings as 1-based positions.

import { MemoryFs } from '../../server/src/engine/fs';
import { LineIndex } from '../../server/src/engine/lines';
import { lint, type LintOptions } from '../../server/src/engine/lint';
import type { Finding, LintResult } from '../../server/src/engine/types';

export interface PlainFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  /** `line:col-line:col`, 1-based, end exclusive. */
  range: string;
  requirement?: string;
}

export function lintFiles(files: Record<string, string | Uint8Array>, options: Partial<LintOptions> = {}): LintResult {
  return lint({ fs: new MemoryFs(new Map(Object.entries(files))), root: '/ws', today: '2026-11-22', ...options });
}

export function rangeOf(result: LintResult, file: string, span: { start: number; end: number }): string {
  const index = new LineIndex(result.texts.get(file) ?? '');
  const s = index.positionAt(span.start);
  const e = index.positionAt(span.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
}

export function plain(result: LintResult, f: Finding): PlainFinding {
  const out: PlainFinding = { rule: f.rule, severity: f.severity, message: f.message, file: f.file, range: rangeOf(result, f.file, f.span) };
  if (f.requirement) out.requirement = f.requirement;
  return out;
}

/** All findings, optionally only those of some rules, as plain objects for deepEqual. */
export function findings(result: LintResult, ...rules: string[]): PlainFinding[] {
  return result.findings.filter((f) => rules.length === 0 || rules.includes(f.rule)).map((f) => plain(result, f));
}

/** The text a finding's range covers, to assert that a range sits on the right token. */
export function covered(result: LintResult, f: Finding): string {
  return (result.texts.get(f.file) ?? '').slice(f.span.start, f.span.end);
}

/** A minimal valid policy with the given requirements YAML (indented under `requirements:`). */
export function policy(id: string, extra = '', body = '# Policy\n'): string {
  return `---\npolicy: ${id}\ntitle: ${id} policy\nowner: "@acme/security"\nreview:\n  every: annually\n  last: 2026-06-01\ncontrols: [CC6.1]\n${extra}---\n\n${body}`;
}
