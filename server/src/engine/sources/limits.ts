// Bounds shared by the tree readers. Parsers recurse per nesting level, so depth is checked on the
// raw text first: a 10,000-deep document becomes a finding at the bracket that crosses the limit.

import type { Span } from '../types';

export const MAX_DEPTH = 200;
export const MAX_ALIAS_NODES = 10_000;

export interface TextProblem {
  message: string;
  span: Span;
}

export function nestingProblem(text: string, offset = 0, json = false): TextProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (json) {
      // Brackets inside JSON strings and comments are text, not nesting.
      if (c === 0x22) {
        for (i++; i < text.length; i++) {
          const s = text.charCodeAt(i);
          if (s === 0x5c) i++;
          else if (s === 0x22 || s === 0x0a || s === 0x0d) break;
        }
        continue;
      }
      if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
        continue;
      }
      if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 1;
        continue;
      }
    }
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return tooDeep(offset + i);
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  // JSON nests only by brackets; its indentation is layout.
  if (json) return undefined;
  // Block nesting needs at least one column of indentation a level; a compact sequence (`- - - x`)
  // nests a level per `- `, so those count as indentation too.
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) i++;
      else if (c === 0x2d && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)) i += 2;
      else break;
    }
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
