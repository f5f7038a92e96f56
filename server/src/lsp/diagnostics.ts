// Findings → LSP diagnostics, per workspace-relative file. Ranges come from the finding's offsets and
// the very text the engine read (the editor buffer when one is open), so they match what the user sees.
//
// The server converts after every keystroke, so a DiagnosticBuilder remembers each file's list and
// rebuilds it only when a finding that lands in it, or a text its ranges are measured in, changed.
// The engine hands back the same Finding objects for policies it did not re-check, which makes
// "changed" an identity test.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { pushTo } from '../engine/collections';
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

/** One-shot conversion (tests, reports); the server keeps a DiagnosticBuilder. */
export function toDiagnostics(result: LintResult, context: DiagnosticContext): Map<string, Diagnostic[]> {
  return new DiagnosticBuilder(context).build(result);
}

export class DiagnosticBuilder {
  /** Line indexes of the texts findings were measured in, kept while the text is the same. */
  private readonly indexes = new Map<string, LineIndex>();
  /** The last build's lists, by file, and the findings each list shows, in order. */
  private lists = new Map<string, Diagnostic[]>();
  private readonly shows = new WeakMap<Diagnostic[], Finding[]>();

  constructor(private readonly context: DiagnosticContext) {}

  /** Forget every list: URIs or documentation links changed. */
  reset(): void {
    this.lists = new Map();
  }

  /** Diagnostics of every file that has any. A file's list is the same array as last time when nothing it shows changed. */
  build(result: LintResult): Map<string, Diagnostic[]> {
    const remeasured = new Set<string>();
    const index = (file: string): LineIndex => {
      const text = result.texts.get(file) ?? '';
      let found = this.indexes.get(file);
      if (found?.text !== text) {
        this.indexes.set(file, (found = new LineIndex(text)));
        remeasured.add(file);
      }
      return found;
    };
    const unchanged = (file: string) => (index(file), !remeasured.has(file));

    // Own findings per file, and drifts in config files mirrored onto the requirement that states them.
    const own = new Map<string, Finding[]>();
    const mirrored = new Map<string, Map<string, Finding[]>>();
    for (const f of result.findings) {
      pushTo(own, f.file, f);
      const stated = statedAt(f);
      if (stated && stated.file !== f.file) {
        let groups = mirrored.get(stated.file);
        if (!groups) mirrored.set(stated.file, (groups = new Map()));
        pushTo(groups, `${stated.span.start}\0${stated.span.end}`, f);
      }
    }

    const lists = new Map<string, Diagnostic[]>();
    const add = (file: string) => {
      const groups = [...(mirrored.get(file)?.values() ?? [])];
      const findings = groups.length === 0 ? (own.get(file) ?? []) : [...(own.get(file) ?? []), ...groups.flat()];
      const previous = this.lists.get(file);
      // Kept when it shows the very same findings, measured in texts that did not change.
      const keep = previous !== undefined && unchanged(file) && sameItems(this.shows.get(previous)!, findings) &&
        findings.every((f) => unchanged(f.file) && (f.related ?? []).every((r) => unchanged(r.file)));
      const list = keep ? previous : this.diagnosticsOf(file, own.get(file) ?? [], groups, index);
      this.shows.set(list, findings);
      lists.set(file, list);
    };
    for (const file of own.keys()) add(file);
    for (const file of mirrored.keys()) if (!own.has(file)) add(file);
    for (const file of this.indexes.keys()) if (!result.texts.has(file)) this.indexes.delete(file);
    this.lists = lists;
    return lists;
  }

  private diagnosticsOf(file: string, own: Finding[], groups: Finding[][], index: (file: string) => LineIndex): Diagnostic[] {
    const rangeOf = (at: string, span: Span): Range => {
      const lines = index(at);
      return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
    };
    const list = own.map((f) =>
      this.diagnostic(f, rangeOf(f.file, f.span), f.related?.map((r) => ({ location: { uri: this.context.uriOf(r.file), range: rangeOf(r.file, r.span) }, message: r.message }))),
    );
    for (const group of groups) {
      const stated = statedAt(group[0])!;
      const worst = group.some((f) => f.severity === 'error') ? 'error' : group.some((f) => f.severity === 'warning') ? 'warning' : 'info';
      const files = [...new Set(group.map((f) => f.file))];
      const message = group.length === 1
        ? `drift in ${group[0].file}: ${group[0].message}`
        : `drift in ${files.join(', ')}: ${group.length} values violate ${group[0].expected ?? 'the expectation'}`;
      list.push(this.diagnostic({ ...group[0], severity: worst, message }, rangeOf(file, stated.span),
        group.map((f) => ({ location: { uri: this.context.uriOf(f.file), range: rangeOf(f.file, f.span) }, message: f.message }))));
    }
    return list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  private diagnostic(f: Finding, range: Range, relatedInformation: DiagnosticRelatedInformation[] | undefined): Diagnostic {
    const href = this.context.docsOf(f.rule);
    const diagnostic: Diagnostic = { range, severity: SEVERITY[f.severity], source: 'tenet', code: f.rule, message: f.message };
    if (href) diagnostic.codeDescription = { href };
    if (relatedInformation && relatedInformation.length > 0) diagnostic.relatedInformation = relatedInformation;
    return diagnostic;
  }
}

/** A drift in a config file also shows on the requirement that states it (its first related location). */
function statedAt(f: Finding) {
  return f.rule === 'requirement/drift' ? f.related?.find((r) => r.message === 'requirement stated here') : undefined;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
