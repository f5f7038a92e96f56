import type { Finding, LintResult } from '../../engine/types';
import type { BaselineEntry } from '../baseline';

export interface FormatContext {
  /** Tenet's version, for formats that name the tool. */
  version: string;
  /** ANSI colors; only the CLI decides (TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
  /**
   * The directory tenet runs in. CI formats (sarif, junit, github) name files relative to it, as
   * GitHub resolves them against the checkout; stylish and json keep workspace-relative paths.
   */
  cwd: string;
  /**
   * Fingerprints of the findings, computed by the CLI over every finding of the run before
   * --quiet and --baseline leave some out, so occurrence counters agree with the baseline's.
   * Formats compute them from `result.findings` when absent.
   */
  fingerprints?: ReadonlyMap<Finding, string>;
  /** A rule's documentation page (Markdown), if one is installed. */
  ruleDoc?: (ruleId: string) => string | undefined;
  /** Set when --baseline is given: what it left out and which of its entries no longer occur. */
  baseline?: BaselineReport;
}

export interface BaselineReport {
  /** The baseline file as given on the command line. */
  file: string;
  /** How many findings the baseline left out of the report. */
  suppressed: number;
  /** Baseline entries that match no finding of this run: fixed since, so the baseline can shrink. */
  stale: BaselineEntry[];
}

/**
 * A formatter turns a lint result into the full text to print or write. The CLI has already
 * filtered (--quiet, --baseline) and sorted `result.findings`; formatters print them in the order given.
 */
export type Formatter = (result: LintResult, context: FormatContext) => string;
