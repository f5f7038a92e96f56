// Every regular expression that comes from a workspace runs on RE2 (re2js): matching time is linear
// in the input, so a pattern like `(a+)+$` cannot hang the editor or CI.

import { RE2JS } from 're2js';

export interface SafeRegex {
  source: string;
  /** True when the pattern matches somewhere in the text. */
  test(text: string): boolean;
  /** True when the pattern matches the whole text. */
  matchesWhole(text: string): boolean;
}

export type RegexResult = { ok: true; regex: SafeRegex } | { ok: false; message: string };

const cache = new Map<string, RegexResult>();

export function compileRegex(source: string): RegexResult {
  let result = cache.get(source);
  if (result === undefined) {
    result = compile(source);
    if (cache.size > 500) cache.clear();
    cache.set(source, result);
  }
  return result;
}

function compile(source: string): RegexResult {
  try {
    const re = RE2JS.compile(source);
    return {
      ok: true,
      regex: {
        source,
        test: (text) => re.matcher(text).find(),
        matchesWhole: (text) => re.matcher(text).matches(),
      },
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `invalid regular expression /${source}/: ${detail}` };
  }
}
