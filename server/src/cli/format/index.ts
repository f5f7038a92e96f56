// Output formats by name. A new format (html) is one module and one entry here; `--format`
// validation and the usage text read this table.

import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Formatter } from './types';

export type { BaselineReport, FormatContext, Formatter } from './types';

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(FORMATTERS);

export const DEFAULT_FORMAT = 'stylish';
