// `--format github`: GitHub Actions workflow commands, one line per finding, which the runner turns
// into annotations on the pull request's diff:
//   ::error file=policies/a.md,line=3,col=5,endLine=3,endColumn=9,title=tenet owner/missing::message
// Paths are relative to the current directory (the checkout in CI). Escaping follows the runner's
// rules: in the message `%`, CR and LF; in property values also `:` and `,`.

import type { Finding, LintResult, Severity } from '../../engine/types';
import { cwdPath } from '../paths';
import { Positions } from '../positions';
import type { FormatContext } from './types';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (the part after `::`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (file, title): the message escapes plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(result: LintResult, context: FormatContext): string {
  const positions = new Positions(result.texts);
  return result.findings.map((f) => `${annotation(f, positions, context.cwd, result.root)}\n`).join('');
}

function annotation(f: Finding, positions: Positions, cwd: string, root: string): string {
  const { start, end } = positions.range(f.file, f.span);
  const properties: [string, string | number][] = [['file', cwdPath(cwd, root, f.file)], ['line', start.line]];
  // The runner accepts columns only for an annotation within one line.
  if (start.line === end.line) properties.push(['col', start.column], ['endLine', end.line], ['endColumn', end.column]);
  else properties.push(['endLine', end.line]);
  properties.push(['title', `tenet ${f.rule}`]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[f.severity]} ${list}::${escapeData(f.message)}`;
}
