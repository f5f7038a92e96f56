// Finds a policy's YAML header. Tenet policies carry it as Markdown front matter (found by
// unified + remark-parse + remark-frontmatter); documents of the `comply` tool carry a bare YAML
// header closed by a single `---` line.

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

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Markdown only matters up to the end of its header, so remark is given just that part. */
export function findHeader(source: string): PolicyHeader | undefined {
  // Lone \r line ends read as \n (same offsets), so such a policy is found and read like any other.
  const text = withLineFeeds(source);
  if (/^---[ \t]*\r?\n/.test(text)) return frontMatter(text);
  return complyHeader(text);
}

function frontMatter(text: string): PolicyHeader | undefined {
  const close = /\r?\n---[ \t]*(\r?\n|$)/g;
  const firstBreak = text.indexOf('\n') + 1;
  close.lastIndex = firstBreak - 1;
  const m = close.exec(text);
  // Without a closing fence remark sees no front matter; give it the whole text to decide.
  const head = m ? text.slice(0, m.index + m[0].length) : text;
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
