import type { LintResult } from '../../engine/types';

export interface FormatContext {
  /** Tenet's version, for formats that name the tool. */
  version: string;
  /** ANSI colors; only the CLI decides (TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
}

/**
 * A formatter turns a lint result into the full text to print or write. The CLI has already
 * filtered (--quiet) and sorted `result.findings`; formatters print them in the order given.
 */
export type Formatter = (result: LintResult, context: FormatContext) => string;
