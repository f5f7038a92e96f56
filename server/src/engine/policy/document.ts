// Finds a policy's YAML header. Tenet policies carry it as Markdown front matter (found by a line
// scan that gives remark-frontmatter's answer, checked against unified + remark-parse +
// remark-frontmatter by the tests); documents of the `comply` tool carry a bare YAML header closed
// by a single `---` line.

import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { withLineFeeds } from '../lines';
import type { Span } from '../types';

export type Layout = 'tenet' | 'comply';

export interface PolicyHeader {
  layout: Layout;
  /** The YAML text's span in the file (between the fences). */
  yaml: Span;
  /** The opening fence line, or the first header line for comply documents. */
  opener: Span;
  /** Front matter opened by `---` but never closed. */
  unclosed?: boolean;
}

/**
 * Finds the policy's header. Tenet front matter is found by a line scan that follows the rules of
 * micromark-extension-frontmatter (what remark-frontmatter parses with), so that the answer is the
 * one remark gives — `findHeaderWithRemark` below, which the differential tests compare against —
 * without parsing any Markdown. Given the two things this function does before looking (lone \r
 * turned into \n, and front matter only considered when the text starts with `---`, so a BOM never
 * reaches the scan), every remark rule has a line-level equivalent and the scan never needs remark:
 *
 * - opening fence: exactly `---` at offset 0, then only spaces and tabs, then a line end (\n or
 *   \r\n); `----`, `---x` and a fence at the end of the text without a line end open nothing;
 * - closing fence: the first later line that is exactly `---` followed only by spaces and tabs,
 *   ended by a line end or by the end of the text — not indented (` ---`), not `----`, not `...`;
 *   it may be the line right after the opener (empty front matter);
 * - no such line: remark sees no front matter (the `---` is a thematic break) → unclosed;
 * - everything between the fences is the YAML, whatever it holds (Markdown containers, code
 *   fences or HTML have no say: the front matter construct is concrete);
 * - tabs (virtual spaces) and \r\n do not shift offsets: spans are plain string offsets.
 */
export function findHeader(source: string): PolicyHeader | undefined {
  // Lone \r line ends read as \n (same offsets), so such a policy is found and read like any other.
  const text = withLineFeeds(source);
  const firstBreak = openingFence(text);
  if (firstBreak < 0) return complyHeader(text);
  const closingLine = closingFence(text, firstBreak);
  if (closingLine < 0) return { layout: 'tenet', yaml: { start: firstBreak, end: text.length }, opener: { start: 0, end: 3 }, unclosed: true };
  return { layout: 'tenet', yaml: { start: firstBreak, end: closingLine }, opener: { start: 0, end: 3 } };
}

const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** After `---` at `at`: the offset past its spaces and tabs if the line ends there (or the text does, when `eofEnds`), else -1. */
function fenceEnd(text: string, at: number, eofEnds: boolean): number {
  if (text.charCodeAt(at) !== DASH || text.charCodeAt(at + 1) !== DASH || text.charCodeAt(at + 2) !== DASH) return -1;
  let i = at + 3;
  for (let c = text.charCodeAt(i); c === SPACE || c === TAB; c = text.charCodeAt(++i));
  if (i === text.length) return eofEnds ? i : -1;
  const c = text.charCodeAt(i);
  if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) return i;
  return -1;
}

/** The offset of the line after an opening `---` fence at the start of the text, or -1 if there is none. */
function openingFence(text: string): number {
  const end = fenceEnd(text, 0, false);
  if (end < 0) return -1;
  return end + (text.charCodeAt(end) === CR ? 2 : 1);
}

/** The offset of the first line from `from` on that is a closing fence, or -1. */
function closingFence(text: string, from: number): number {
  // Every candidate line starts right after a \n; the opener's own line end is one (from - 1).
  for (let nl = from - 1; nl >= 0; nl = text.indexOf('\n---', nl + 1)) {
    if (fenceEnd(text, nl + 1, true) >= 0) return nl + 1;
  }
  return -1;
}

let processor: ReturnType<typeof makeProcessor> | undefined;
function makeProcessor() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
}

/**
 * The reference for `findHeader`: the same answer, with the front matter found by unified +
 * remark-parse + remark-frontmatter (given just the text up to the closing fence). Not used by the
 * engine; the tests check that the line scan above agrees with it on every text.
 */
export function findHeaderWithRemark(source: string): PolicyHeader | undefined {
  const text = withLineFeeds(source);
  if (/^---[ \t]*\r?\n/.test(text)) return frontMatterWithRemark(text);
  return complyHeader(text);
}

function frontMatterWithRemark(text: string): PolicyHeader | undefined {
  const close = /\r?\n---[ \t]*(\r?\n|$)/g;
  const firstBreak = text.indexOf('\n') + 1;
  close.lastIndex = firstBreak - 1;
  const m = close.exec(text);
  // Without a closing fence remark sees no front matter; give it the whole text to decide.
  const head = m ? text.slice(0, m.index + m[0].length) : text;
  processor ??= makeProcessor();
  const tree = processor.parse(head);
  const node = tree.children[0];
  if (node?.type !== 'yaml' || node.position?.end.offset === undefined) {
    return { layout: 'tenet', yaml: { start: firstBreak, end: text.length }, opener: { start: 0, end: 3 }, unclosed: true };
  }
  const end = node.position.end.offset;
  const closingLine = Math.max(firstBreak, text.lastIndexOf('\n', end - 1) + 1);
  return {
    layout: 'tenet',
    yaml: { start: firstBreak, end: Math.max(firstBreak, closingLine) },
    opener: { start: 0, end: 3 },
  };
}

/** comply: `name: …` … `satisfies:` … then a line `---`. */
function complyHeader(text: string): PolicyHeader | undefined {
  const close = /^---[ \t]*$/m.exec(text);
  if (!close) return undefined;
  const header = text.slice(0, close.index);
  if (!/^name:/m.test(header) || !/^(satisfies|majorRevisions):/m.test(header)) return undefined;
  const firstLineEnd = text.search(/\r?\n/);
  return { layout: 'comply', yaml: { start: 0, end: close.index }, opener: { start: 0, end: firstLineEnd < 0 ? text.length : firstLineEnd } };
}

/** Cheap test used in discovery: does this Markdown look like a policy at all? */
export function looksLikePolicy(text: string): boolean {
  const header = findHeader(text);
  if (!header) return false;
  if (header.layout === 'comply') return true;
  return /^policy[ \t]*:/m.test(text.slice(header.yaml.start, header.yaml.end));
}
