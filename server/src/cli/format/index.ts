// Output formats by name. A new format (sarif, junit, github, html) is one module and one entry
// here; `--format` validation and the usage text read this table.

import { formatJson } from './json';
import { formatStylish } from './stylish';
import type { Formatter } from './types';

export type { FormatContext, Formatter } from './types';

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
};

export const FORMAT_NAMES: readonly string[] = Object.keys(FORMATTERS);

export const DEFAULT_FORMAT = 'stylish';
