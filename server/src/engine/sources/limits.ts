// Bounds shared by the tree readers. Parsers recurse per nesting level, so depth is checked on the
// raw text first: a 10,000-deep document becomes a finding at the bracket that crosses the limit.

import type { Span } from '../types';

export const MAX_DEPTH = 200;
export const MAX_ALIAS_NODES = 10_000;

/**
 * Items a source may hold, counted on the raw text before its parser runs: commas outside strings in
 * JSON; commas and line breaks in YAML, TOML and CSV. Parsers build several objects per value, so a
 * 10 MB file of tiny values costs far more than 10 MB: five million one-digit TOML numbers, or five
 * million one-character CSV rows, ran Node out of memory (a 4 GB heap) — a crash, not a finding —
 * and a YAML list of 2.6 million numbers took a minute and 2.3 GB. The parsers' cost per item differs
 * tenfold, hence one bound each; at its bound each stays within a few seconds and ~400 MB
 * (measurements in test/adversarial/README.md).
 */
export const MAX_ITEMS = { json: 1_000_000, csv: 500_000, yaml: 250_000, toml: 100_000 } as const;

export function tooManyItems(at: number, format: keyof typeof MAX_ITEMS, what = 'lines and list items'): TextProblem {
  const max = MAX_ITEMS[format].toLocaleString('en-US');
  return { message: `the file has more than ${max} ${what}; Tenet reads at most ${max}`, span: { start: at, end: at + 1 } };
}

export interface TextProblem {
  message: string;
  span: Span;
}

export function nestingProblem(text: string, offset = 0, json = false): TextProblem | undefined {
  let depth = 0;
  let items = 0;
  const limit = json ? MAX_ITEMS.json : MAX_ITEMS.yaml;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Items: commas (outside JSON strings and comments, which the JSON branch skips) and, outside
    // JSON, line breaks.
    if ((c === 0x2c || (!json && c === 0x0a)) && ++items > limit) return tooManyItems(offset + i, json ? 'json' : 'yaml', json ? 'items' : undefined);
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

/**
 * A selection (`at`) may yield at most this many values: each becomes a checked value and perhaps a
 * finding, so a `$..*` over a wide document, or a column of a CSV file with millions of rows, would
 * otherwise cost memory per value. Beyond it the selection is refused with a finding.
 */
export const MAX_SELECTED = 100_000;

export function tooManySelected(): string {
  return `the selection has more than ${MAX_SELECTED.toLocaleString('en-US')} values; Tenet checks at most ${MAX_SELECTED.toLocaleString('en-US')} per source (narrow \`at\`)`;
}
