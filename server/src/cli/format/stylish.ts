// ESLint's "stylish" layout, so CI logs look familiar: a block per file, aligned columns, a summary.
// Like ESLint it prints nothing at all when there are no findings.

import { pushTo } from '../../engine/collections';
import type { Finding, LintResult, Severity } from '../../engine/types';
import { Positions } from '../positions';
import type { FormatContext } from './types';

const ansi = (open: number, close: number) => (on: boolean, text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
const red = ansi(31, 39);
const yellow = ansi(33, 39);
const blue = ansi(34, 39);
const bold = ansi(1, 22);
const dim = ansi(2, 22);
const underline = ansi(4, 24);

const SEVERITY_COLOR: Record<Severity, (on: boolean, text: string) => string> = { error: red, warning: yellow, info: blue };

export function formatStylish(result: LintResult, { color }: FormatContext): string {
  const positions = new Positions(result.texts);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let output = '\n';

  for (const [file, findings] of groupByFile(result.findings)) {
    const rows = findings.map((finding) => {
      counts[finding.severity]++;
      const { line, column } = positions.at(finding.file, finding.span.start);
      return {
        line: String(line),
        column: String(column),
        severity: finding.severity,
        // One finding per line; ESLint also drops a final period.
        message: finding.message.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([^ ])\.$/, '$1'),
        rule: finding.rule,
      };
    });
    const width = {
      line: Math.max(...rows.map((r) => r.line.length)),
      column: Math.max(...rows.map((r) => r.column.length)),
      severity: Math.max(...rows.map((r) => r.severity.length)),
      message: Math.max(...rows.map((r) => r.message.length)),
    };
    output += `${underline(color, file)}\n`;
    for (const r of rows) {
      // Pad outside the color codes so escape sequences never count toward the width.
      const place = dim(color, `${r.line.padStart(width.line)}:${r.column}`) + ' '.repeat(width.column - r.column.length);
      const severity = SEVERITY_COLOR[r.severity](color, r.severity) + ' '.repeat(width.severity - r.severity.length);
      const message = r.message + ' '.repeat(width.message - r.message.length);
      output += `  ${place}  ${severity}  ${message}  ${dim(color, r.rule)}`.trimEnd() + '\n';
    }
    output += '\n';
  }

  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return '';
  const summaryColor = counts.error > 0 ? red : counts.warning > 0 ? yellow : blue;
  const summary =
    `\u2716 ${plural(total, 'problem')} ` +
    `(${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})`;
  return `${output}${summaryColor(color, bold(color, summary))}\n`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) pushTo(groups, finding.file, finding);
  return groups;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
