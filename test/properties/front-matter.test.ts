// Property: the line scan that finds a policy's front matter (findHeader) gives exactly the answer
// of unified + remark-parse + remark-frontmatter (findHeaderWithRemark, the reference): the same
// layout, YAML span, opener, and unclosed flag, or no header for both — for any text.
//
// Texts are built from lines that look like fences or nearly (`---`, `--- `, `---\t`, `----`,
// ` ---`, `...`, `---x`, …), YAML-ish and Markdown-ish lines, blank lines and odd characters,
// ended by \n, \r\n or a lone \r (or not ended, at the end of the text), behind an optional BOM; and
// from a soup of the characters that matter to a fence. Rerun a failure with TENET_FC_SEED=<seed>
// (and TENET_FC_RUNS to explore longer).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findHeader, findHeaderWithRemark } from '../../server/src/engine/policy/document';

const SEED = process.env.TENET_FC_SEED ? Number(process.env.TENET_FC_SEED) : undefined;
const RUNS = process.env.TENET_FC_RUNS ? Number(process.env.TENET_FC_RUNS) : 2000;
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, seed: SEED });

const BOM = '\uFEFF';

/** Fences, and lines one character away from being one. */
const FENCE_LIKE = ['---', '--- ', '---  ', '---\t', '--- \t ', '\t---', '----', '-----', ' ---', '   ---', '    ---', '--', '-- -', '- - -', '...', '---x', '--- x', '---:', '+++', '***', '___', '===', '---\u00a0', '---\f', '---\v', '---\0', '---\u2028', '---\u0085', '\u00a0---', BOM + '---'];

/** What a header and a Markdown body hold: keys, lists, comments, and the keys comply documents are told by. */
const YAMLISH = ['policy: p', 'title: A title', 'owner: "@team"', 'name: n', 'satisfies:', 'majorRevisions:', '  - a', '- item', 'key: |', '  text', '# comment', '# Heading', '> quote', '```', '<!-- c -->', 'a: 1', 'policy :x', 'Some prose.', 'x'];

const BLANK = ['', ' ', '\t', '  \t'];

const ODD = ['\0', '𝒫', 'é', BOM, '\u2028', '\r', '\n', '\r\n'];

const line = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FENCE_LIKE) },
  { weight: 4, arbitrary: fc.constantFrom(...YAMLISH) },
  { weight: 2, arbitrary: fc.constantFrom(...BLANK) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** A text of lines; the first line is usually a fence-like line, since that is where front matter starts. */
const linesText = fc
  .record({
    bom: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    first: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FENCE_LIKE.slice(0, 7)) }, { weight: 1, arbitrary: line }),
    rest: fc.array(fc.tuple(lineEnd, line), { maxLength: 12 }),
    end: fc.option(lineEnd),
  })
  .map(({ bom, first, rest, end }) => (bom ? BOM : '') + first + rest.map(([eol, l]) => eol + l).join('') + (end ?? ''));

/** The characters a fence is made of or told apart by, in any order. */
const soup = fc
  .array(fc.constantFrom('---', '-', ' ', '\t', '\n', '\r', '\r\n', '.', 'x', ':', '\f', '\u00a0', '\u2028', BOM, 'policy: p', 'name: n', 'satisfies:'), { maxLength: 30 })
  .map((tokens) => tokens.join(''));

const same = (text: string): void => {
  assert.deepEqual(findHeader(text), findHeaderWithRemark(text), JSON.stringify(text));
};

describe('properties: the front matter line scan agrees with remark-frontmatter', function () {
  this.timeout(60_000);

  it('on texts of fence-like, YAML-ish and blank lines with any line ends', () => {
    fc.assert(fc.property(linesText, (text) => same(text)), params());
  });

  it('on texts that always open with a fence (so the closing rules are what is tested)', () => {
    const opened = fc.tuple(fc.constantFrom('---', '--- ', '---\t'), lineEnd, linesText).map(([fence, eol, rest]) => fence + eol + rest);
    fc.assert(fc.property(opened, (text) => same(text)), params());
  });

  it('on a soup of fence characters, line ends and BOMs', () => {
    fc.assert(fc.property(soup, (text) => same(text)), params());
  });

  it('on any string behind an opening fence', () => {
    fc.assert(fc.property(fc.constantFrom('---\n', '---\r\n', '---\r', '--- \n'), fc.string({ unit: 'binary', maxLength: 40 }), (open, rest) => same(open + rest)), params(RUNS / 2));
  });
});
