// Findings → LSP diagnostics, per workspace-relative file. Ranges come from the finding's offsets and
// the very text the engine read (the editor buffer when one is open), so they match what the user sees.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { LineIndex } from '../engine/lines';
import type { Finding, LintResult, Severity, Span } from '../engine/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DiagnosticContext {
  /** workspace-relative path → URI */
  uriOf(file: string): string;
  /** rule id → documentation URI */
  docsOf(rule: string): string | undefined;
}

export function toDiagnostics(result: LintResult, context: DiagnosticContext): Map<string, Diagnostic[]> {
  const indexes = new Map<string, LineIndex>();
  const rangeOf = (file: string, span: Span): Range => {
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex(result.texts.get(file) ?? '')));
    return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
  };
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, diagnostic: Diagnostic) => {
    const list = byFile.get(file);
    if (list) list.push(diagnostic);
    else byFile.set(file, [diagnostic]);
  };
  const related = (f: Finding): DiagnosticRelatedInformation[] | undefined =>
    f.related?.map((r) => ({ location: { uri: context.uriOf(r.file), range: rangeOf(r.file, r.span) }, message: r.message }));

  const mirrored = new Map<string, Finding[]>();
  for (const f of result.findings) {
    add(f.file, base(f, rangeOf(f.file, f.span), related(f), context));
    // A drift in a config file also shows on the requirement that states it (its first related location).
    const stated = f.rule === 'requirement/drift' ? f.related?.find((r) => r.message === 'requirement stated here') : undefined;
    if (stated && stated.file !== f.file) {
      const key = `${stated.file}\0${stated.span.start}\0${stated.span.end}`;
      mirrored.set(key, [...(mirrored.get(key) ?? []), f]);
    }
  }
  for (const group of mirrored.values()) {
    const stated = group[0].related!.find((r) => r.message === 'requirement stated here')!;
    const worst = group.some((f) => f.severity === 'error') ? 'error' : group.some((f) => f.severity === 'warning') ? 'warning' : 'info';
    const files = [...new Set(group.map((f) => f.file))];
    const message = group.length === 1
      ? `drift in ${group[0].file}: ${group[0].message}`
      : `drift in ${files.join(', ')}: ${group.length} values violate ${group[0].expected ?? 'the expectation'}`;
    add(stated.file, {
      ...base({ ...group[0], severity: worst, message }, rangeOf(stated.file, stated.span), undefined, context),
      relatedInformation: group.map((f) => ({ location: { uri: context.uriOf(f.file), range: rangeOf(f.file, f.span) }, message: f.message })),
    });
  }
  for (const list of byFile.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return byFile;
}

function base(f: Finding, range: Range, relatedInformation: DiagnosticRelatedInformation[] | undefined, context: DiagnosticContext): Diagnostic {
  const href = context.docsOf(f.rule);
  const diagnostic: Diagnostic = { range, severity: SEVERITY[f.severity], source: 'tenet', code: f.rule, message: f.message };
  if (href) diagnostic.codeDescription = { href };
  if (relatedInformation && relatedInformation.length > 0) diagnostic.relatedInformation = relatedInformation;
  return diagnostic;
}
