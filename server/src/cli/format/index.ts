// Output formats by name. A new format is one module and one entry here; `--format`
// validation and the usage text read this table.

import { formatGithub } from './github';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Formatter } from './types';

export type { BaselineReport, FormatContext, Formatter } from './types';
export type { HtmlFormatContext } from './html';

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  html: formatHtml,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(FORMATTERS);

export const DEFAULT_FORMAT = 'stylish';
