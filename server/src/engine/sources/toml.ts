// TOML → ranged value tree, from toml-eslint-parser's AST (it keeps a range for every key and value
// and rejects what TOML forbids: redefined keys and tables, invalid dates, missing newlines).
// Tables, arrays of tables, inline tables and dotted keys all become nested objects, so JSONPath reads
// `[servers.alpha] ip = …` as `$.servers.alpha.ip` and `[[users]] name = …` as `$.users[*].name`.
// Values keep their TOML types; dates and times become the text they are written as (a local date is
// `YYYY-MM-DD`), so date expectations and evidence read them like dates anywhere else.

import { parseTOML, ParseError, type AST } from 'toml-eslint-parser';
import { compactTree, type ArrayNode, type Node, type ObjectNode } from '../tree';
import type { Scalar, Span } from '../types';
import { extend, findEntry, setEntry, type TextTree } from './ini';
import { MAX_DEPTH, MAX_ITEMS, tooManyItems, type TextProblem } from './limits';
import type { SourceFormat } from './source';
import { treeSource } from './tree-source';

class DepthError extends Error {
  constructor(readonly span: Span) {
    super('too deep');
  }
}

export function parseTomlTree(text: string): TextTree {
  const tooDeep = bracketDepthProblem(text);
  if (tooDeep) return { problems: [tooDeep] };
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text);
  } catch (error) {
    if (error instanceof ParseError) return { problems: [{ message: `TOML syntax error: ${lowerFirst(error.message)}`, span: tokenAt(text, error.index) }] };
    if (error instanceof RangeError) return { problems: [{ message: 'the TOML is nested too deeply to read', span: { start: 0, end: Math.min(1, text.length) } }] };
    throw error;
  }
  const root: ObjectNode = { kind: 'object', span: { start: 0, end: text.length }, entries: [] };
  try {
    for (const item of program.body[0].body) {
      if (item.type === 'TOMLKeyValue') assign(root, item, 1);
      else table(root, item);
    }
  } catch (error) {
    if (error instanceof DepthError) return { problems: [{ message: `the TOML is nested more than ${MAX_DEPTH} levels deep`, span: error.span }] };
    throw error;
  }
  return { root: compactTree(root), problems: [] };
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

const BARE = /[A-Za-z0-9_+.:-]/;

/**
 * The parser's error offset, widened to the bare word around it (a key, a number, a date: the parser
 * points at a date's last digit) so the range covers the offending token.
 */
function tokenAt(text: string, index: number): Span {
  let start = Math.max(0, Math.min(index, text.length));
  let end = start;
  if (BARE.test(text[start] ?? '')) while (start > 0 && BARE.test(text[start - 1])) start--;
  while (end < text.length && BARE.test(text[end])) end++;
  return { start, end: Math.min(text.length, Math.max(end, start + 1)) };
}

function range(node: { range: [number, number] }): Span {
  return { start: node.range[0], end: node.range[1] };
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

/**
 * The object a table header or dotted key walks through: an existing table, the last table of an
 * array of tables (TOML's rule for `[fruits.variety]` after `[[fruits]]`), or a new implicit table
 * whose span grows with what defines it.
 */
function descend(object: ObjectNode, key: AST.TOMLBare | AST.TOMLQuoted, span: Span, depth: number): ObjectNode {
  if (depth > MAX_DEPTH) throw new DepthError(range(key));
  const name = keyName(key);
  const existing = findEntry(object, name)?.value;
  if (existing?.kind === 'object') {
    extend(existing, span.end);
    return existing;
  }
  if (existing?.kind === 'array') {
    const last = existing.items.at(-1);
    if (last?.kind === 'object') {
      // `[users.limits]` belongs to the last `[[users]]` table, and so to the array.
      extend(last, span.end);
      extend(existing, span.end);
      return last;
    }
  }
  // The parser has rejected every other redefinition, so the key is new here.
  const created: ObjectNode = { kind: 'object', span, entries: [] };
  setEntry(object, { key: name, keySpan: range(key), value: created });
  return created;
}

function table(root: ObjectNode, node: AST.TOMLTable): void {
  const keys = node.key.keys;
  const span = range(node);
  let object = root;
  for (let i = 0; i < keys.length - 1; i++) object = descend(object, keys[i], span, i + 1);
  const last = keys[keys.length - 1];
  if (keys.length > MAX_DEPTH) throw new DepthError(range(last));
  const name = keyName(last);
  let target: ObjectNode;
  if (node.kind === 'array') {
    target = { kind: 'object', span, entries: [] };
    const existing = findEntry(object, name)?.value;
    if (existing?.kind === 'array') {
      existing.items.push(target);
      extend(existing, span.end);
    } else {
      const array: ArrayNode = { kind: 'array', span: { ...span }, items: [target] };
      setEntry(object, { key: name, keySpan: range(last), value: array });
    }
  } else {
    const existing = findEntry(object, name);
    if (existing?.value.kind === 'object') {
      // Defined implicitly before (by `[a.b.c]` or a dotted key); this header is where it is written.
      target = existing.value;
      target.span = { start: span.start, end: Math.max(span.end, target.span.end) };
      existing.keySpan = range(last);
    } else {
      target = { kind: 'object', span, entries: [] };
      setEntry(object, { key: name, keySpan: range(last), value: target });
    }
  }
  for (const kv of node.body) assign(target, kv, keys.length + 1);
}

/** `a.b.c = v` inside `object`: implicit tables for `a` and `b`, then the value under `c`. */
function assign(object: ObjectNode, kv: AST.TOMLKeyValue, depth: number): void {
  const keys = kv.key.keys;
  const span = range(kv);
  let target = object;
  for (let i = 0; i < keys.length - 1; i++) target = descend(target, keys[i], span, depth + i);
  const last = keys[keys.length - 1];
  setEntry(target, { key: keyName(last), keySpan: range(last), value: convert(kv.value, depth + keys.length) });
}

function convert(node: AST.TOMLContentNode, depth: number): Node {
  const span = range(node);
  if (depth > MAX_DEPTH) throw new DepthError(span);
  switch (node.type) {
    case 'TOMLArray':
      return { kind: 'array', span, items: node.elements.map((e) => convert(e, depth + 1)) };
    case 'TOMLInlineTable': {
      const object: ObjectNode = { kind: 'object', span, entries: [] };
      for (const kv of node.body) assign(object, kv, depth + 1);
      return object;
    }
    case 'TOMLValue':
      return { kind: 'scalar', span, value: scalar(node) };
  }
}

function scalar(node: AST.TOMLValue): Scalar {
  switch (node.kind) {
    case 'string':
    case 'boolean':
      return node.value;
    case 'integer':
      // Beyond 2^53 a JavaScript number would change the value; its exact digits are kept as text.
      return Number.isSafeInteger(node.value) ? node.value : node.bigint.toString();
    case 'float':
      // inf and nan are not numbers a comparison can use; they read as written.
      return Number.isFinite(node.value) ? node.value : node.number;
    default:
      // Dates and times as written, with TOML's lower-case `t`/`z` upper-cased: `1979-05-27`,
      // `1979-05-27T07:32:00Z`, `07:32:00`.
      return node.datetime.toUpperCase();
  }
}

/**
 * The parser recurses once per nested array or inline table, so nesting is bounded on the raw text
 * first (brackets in strings and comments do not count): a 10,000-deep value is a finding at the
 * bracket that crosses the limit, not a stack overflow. The number of items is bounded in the same pass.
 */
function bracketDepthProblem(text: string): TextProblem | undefined {
  let depth = 0;
  let items = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // Items (see MAX_ITEMS in limits.ts): commas and line breaks outside strings and comments.
    if ((c === ',' || c === '\n') && ++items > MAX_ITEMS.toml) return tooManyItems(i, 'toml');
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      const multi = text.startsWith(c.repeat(3), i);
      if (multi) {
        const close = text.indexOf(c.repeat(3), i + 3);
        i = close < 0 ? text.length : close + 2;
        while (text[i + 1] === c) i++; // up to two quotes may end the content: `""""a"""""`
      } else {
        for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (c === '"' && text[i] === '\\') i++;
      }
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return { message: `the TOML is nested more than ${MAX_DEPTH} levels deep`, span: { start: i, end: i + 1 } };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

export const tomlFormat: SourceFormat = {
  name: 'toml',
  accepts: (file) => file.endsWith('.toml'),
  load: (file, text) => {
    const tree = parseTomlTree(text);
    return treeSource(file, 'toml', tree.root, tree.problems);
  },
};
