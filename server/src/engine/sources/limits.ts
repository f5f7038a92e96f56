// Bounds shared by the tree readers. Parsers recurse per nesting level, so depth is checked on the
// raw text first: a 10,000-deep document becomes a finding at the bracket that crosses the limit.

import type { Span } from '../types';

export const MAX_DEPTH = 200;
export const MAX_ALIAS_NODES = 10_000;

export interface TextProblem {
  message: string;
  span: Span;
}

export function nestingProblem(text: string, offset = 0): TextProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return tooDeep(offset + i);
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  // Block nesting needs at least one column of indentation a level.
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
    if (i - lineStart > MAX_DEPTH * 4) return tooDeep(offset + i);
    const next = text.indexOf('\n', i);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return undefined;
}

function tooDeep(at: number): TextProblem {
  return { message: `the document is nested more than ${MAX_DEPTH} levels deep`, span: { start: at, end: at + 1 } };
}
