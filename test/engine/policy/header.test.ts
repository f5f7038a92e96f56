// Where a policy's header is: the edge cases of the front matter fences (micromark-extension-
// frontmatter's rules, which findHeader's line scan follows), with exact spans. Each case is also
// checked against findHeaderWithRemark, the remark-based reference the scan replaces.

import assert from 'node:assert/strict';
import { findHeader, findHeaderWithRemark, looksLikePolicy, type PolicyHeader } from '../../../server/src/engine/policy/document';

const OPENER = { start: 0, end: 3 };

/** Tenet front matter whose YAML spans [start, end). */
const closed = (start: number, end: number): PolicyHeader => ({ layout: 'tenet', yaml: { start, end }, opener: OPENER });
/** Front matter opened at the top and never closed: the YAML runs from `start` to the end of the text. */
const unclosed = (start: number, end: number): PolicyHeader => ({ layout: 'tenet', yaml: { start, end }, opener: OPENER, unclosed: true });

interface Case {
  name: string;
  text: string;
  header: PolicyHeader | undefined;
  /** The text the YAML span covers, when there is one. */
  yaml?: string;
}

const CASES: Case[] = [
  // Line ends.
  { name: 'LF line ends', text: '---\npolicy: p\n---\nbody\n', header: closed(4, 14), yaml: 'policy: p\n' },
  { name: 'CRLF line ends', text: '---\r\npolicy: p\r\n---\r\nbody\r\n', header: closed(5, 16), yaml: 'policy: p\r\n' },
  { name: 'lone CR line ends (read as LF, same offsets)', text: '---\rpolicy: p\r---\rbody\r', header: closed(4, 14), yaml: 'policy: p\r' },
  { name: 'mixed CRLF, CR and LF line ends', text: '---\r\npolicy: p\r---\nbody', header: closed(5, 15), yaml: 'policy: p\r' },
  { name: 'a lone CR then a CRLF after the opener (a blank first line)', text: '---\r\r\na: 1\r\n---', header: closed(4, 12), yaml: '\r\na: 1\r\n' },
  // Trailing whitespace on the fences.
  { name: 'spaces and tabs after both fences', text: '--- \t\npolicy: p\n---\t \nbody', header: closed(6, 16), yaml: 'policy: p\n' },
  { name: 'a tab after the closing fence, at the end of the text', text: '---\na: 1\n---\t', header: closed(4, 9), yaml: 'a: 1\n' },
  // Empty front matter and the end of the text.
  { name: 'empty front matter', text: '---\n---\nbody', header: closed(4, 4), yaml: '' },
  { name: 'empty front matter at the end of the text, without a final line end', text: '---\n---', header: closed(4, 4), yaml: '' },
  { name: 'empty front matter with CRLF', text: '---\r\n---\r\n', header: closed(5, 5), yaml: '' },
  { name: 'a closing fence at the end of the text, without a final line end', text: '---\npolicy: p\n---', header: closed(4, 14), yaml: 'policy: p\n' },
  { name: 'a closing fence with trailing spaces at the end of the text', text: '---\npolicy: p\n---  ', header: closed(4, 14), yaml: 'policy: p\n' },
  { name: 'a CRLF closing fence at the end of the text', text: '---\r\na: 1\r\n---\r\n', header: closed(5, 11), yaml: 'a: 1\r\n' },
  // Lines that are not a closing fence.
  { name: 'four dashes do not close', text: '---\npolicy: p\n----\n---\n', header: closed(4, 19), yaml: 'policy: p\n----\n' },
  { name: 'an indented fence does not close', text: '---\na: 1\n ---\n---\n', header: closed(4, 14), yaml: 'a: 1\n ---\n' },
  { name: 'a tab-indented fence does not close', text: '---\na: 1\n\t---\n---\n', header: closed(4, 14), yaml: 'a: 1\n\t---\n' },
  { name: '`---x` does not close', text: '---\na: 1\n---x\n---\n', header: closed(4, 14), yaml: 'a: 1\n---x\n' },
  { name: '`--- x` does not close', text: '---\na: 1\n--- x\n---\n', header: closed(4, 15), yaml: 'a: 1\n--- x\n' },
  { name: 'a no-break space after the dashes does not close', text: '---\na: 1\n---\u00a0\n---\n', header: closed(4, 14), yaml: 'a: 1\n---\u00a0\n' },
  { name: 'the first closing fence wins', text: '---\na: 1\n---\nb: 2\n---\n', header: closed(4, 9), yaml: 'a: 1\n' },
  { name: 'Markdown inside the front matter has no say (block quote, list, code fence)', text: '---\n> q\n- x\n```\n---\n```\n', header: closed(4, 16), yaml: '> q\n- x\n```\n' },
  // Never closed.
  { name: 'the YAML end marker `...` does not close', text: '---\na: 1\n...\n', header: unclosed(4, 13), yaml: 'a: 1\n...\n' },
  { name: 'no closing fence', text: '---\npolicy: p\n', header: unclosed(4, 14), yaml: 'policy: p\n' },
  { name: 'no closing fence and no final line end', text: '---\r\npolicy: p', header: unclosed(5, 14), yaml: 'policy: p' },
  { name: 'only an opening fence', text: '---\n', header: unclosed(4, 4), yaml: '' },
  { name: 'only an opening fence with CRLF', text: '---\r\n', header: unclosed(5, 5), yaml: '' },
  // Not an opening fence.
  { name: 'a fence with no line end after it', text: '---', header: undefined },
  { name: 'a fence with spaces and no line end after it', text: '--- ', header: undefined },
  { name: 'four dashes', text: '----\npolicy: p\n----\n', header: undefined },
  { name: 'an indented fence', text: ' ---\npolicy: p\n---\n', header: undefined },
  { name: '`---x`', text: '---x\npolicy: p\n---\n', header: undefined },
  { name: 'a blank line before the fence', text: '\n---\npolicy: p\n---\n', header: undefined },
  { name: 'a BOM before the fence (files are decoded without it)', text: '\uFEFF---\npolicy: p\n---\n', header: undefined },
  { name: 'a form feed after the dashes', text: '---\f\npolicy: p\n---\n', header: undefined },
  { name: 'the empty text', text: '', header: undefined },
  // comply documents: a bare YAML header closed by a single `---` line.
  {
    name: 'a comply header',
    text: 'name: n\nsatisfies:\n  - x\n---\nbody\n',
    header: { layout: 'comply', yaml: { start: 0, end: 25 }, opener: { start: 0, end: 7 } },
    yaml: 'name: n\nsatisfies:\n  - x\n',
  },
  {
    name: 'a comply header with CRLF line ends',
    text: 'name: n\r\nmajorRevisions:\r\n---\r\n',
    header: { layout: 'comply', yaml: { start: 0, end: 26 }, opener: { start: 0, end: 7 } },
    yaml: 'name: n\r\nmajorRevisions:\r\n',
  },
];

describe('policy header: the front matter fences', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const header = findHeader(c.text);
      assert.deepEqual(header, c.header);
      if (c.yaml !== undefined) assert.equal(c.text.slice(header!.yaml.start, header!.yaml.end), c.yaml);
      assert.deepEqual(findHeaderWithRemark(c.text), c.header, 'remark-frontmatter gives the same answer');
    });
  }
});

describe('policy header: looksLikePolicy (discovery)', () => {
  it('finds a policy whatever its line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) assert.equal(looksLikePolicy(['---', 'policy: p', '---', 'body'].join(eol)), true, JSON.stringify(eol));
  });

  it('finds a policy with empty-looking but closed front matter only when `policy:` is in it', () => {
    assert.equal(looksLikePolicy('---\ntitle: T\n---\npolicy: p\n'), false);
    assert.equal(looksLikePolicy('---\n---\npolicy: p\n'), false);
    assert.equal(looksLikePolicy('---\ntitle: T\npolicy : p\n---\n'), true);
  });

  it('does not read past an unclosed or mis-opened header', () => {
    assert.equal(looksLikePolicy('---\npolicy: p\n'), true, 'unclosed: the YAML runs to the end, and is reported later');
    assert.equal(looksLikePolicy('----\npolicy: p\n---\n'), false);
    assert.equal(looksLikePolicy('\uFEFF---\npolicy: p\n---\n'), false);
  });

  it('finds a comply document', () => {
    assert.equal(looksLikePolicy('name: n\nsatisfies:\n  - x\n---\n'), true);
  });
});
