// INI (`.ini`, `.cfg`, `.conf`) → ranged value tree `{section: {key: value}}`, keys before the first
// section at the top level (policy format section 3).
//
// Why a line reader and not a library: the `ini` package (the npm reference) returns plain values and
// keeps no positions, and Tenet reports every finding on the exact value. INI is line-oriented, so a
// small reader that follows `ini`'s semantics is simpler than mapping values back to text. What it
// shares with `ini` (checked in test/engine/formats-ini.test.ts): `;` and `#` start a comment line,
// and an unescaped `;` or `#` ends an unquoted value (`\;`, `\#` and `\\` escape them); keys and values
// are trimmed; a double-quoted value is read as a JSON string, a single-quoted one literally; a line
// without a separator is a flag whose value is `true`; a repeated section is merged, and a repeated
// key keeps its last value.
// Where it differs, on purpose:
//   - `key: value` is read too when `:` comes before any `=` (Python's configparser does; `.cfg` files
//     use it), so a key cannot contain `:`;
//   - section names are kept whole: `[a.b]` is `$['a.b']`, not `$.a.b` (the contract's shape is
//     `{section: {key}}`; `ini` nests dotted names);
//   - a section header without its `]`, text after a header or after a closing quote, an unclosed
//     quote and a missing key are syntax errors (`ini` silently turns such lines into odd keys, which
//     would let a broken file pass a check);
//   - `key[] = v` is an ordinary key (no npm-style arrays); a value never continues on the next line.
// Values are typed as section 3 says (see `typedText`), quoted or not: quoting is lexical in INI.

import { compactTree, type Entry, type Node, type ObjectNode } from '../tree';
import type { Scalar, Span } from '../types';
import type { TextProblem } from './limits';
import type { SourceFormat } from './source';
import { treeSource } from './tree-source';

export interface TextTree {
  root?: Node;
  problems: TextProblem[];
}

/**
 * How INI, dotenv and CSV text reads as a typed value: `true/false/yes/no/on/off` (any case) are
 * booleans; a number written the way JavaScript prints it (`12`, `-3`, `0.5`) is a number; anything
 * else stays text, so `0755`, `1.10`, `1e3` and employee ids like `00123` keep their spelling (the
 * typed comparison still reads them as numbers) and dates stay `YYYY-MM-DD` strings.
 */
export function typedText(text: string): Scalar {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'yes' || lower === 'on') return true;
  if (lower === 'false' || lower === 'no' || lower === 'off') return false;
  if (/^-?\d/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && String(n) === text) return n;
  }
  return text;
}

/** One physical line: [start, end) without its line break. */
export interface Line {
  start: number;
  end: number;
}

/** Lines ended by \r\n, \n or a lone \r, as editors (and `LineIndex`) count them. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      lines.push({ start, end: i });
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\uFEFF';
}

/** `[start, end)` without surrounding blanks. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isBlank(text[start])) start++;
  while (end > start && isBlank(text[end - 1])) end--;
  return { start, end };
}

/** Where each key sits in an object node being built, so a file with many keys reads in linear time. */
const keyIndex = new WeakMap<ObjectNode, Map<string, number>>();

function indexOf(object: ObjectNode): Map<string, number> {
  let index = keyIndex.get(object);
  if (index === undefined) {
    index = new Map(object.entries.map((e, i) => [e.key, i]));
    keyIndex.set(object, index);
  }
  return index;
}

/** The entry for `key` in an object node being built (each key is there once: see `setEntry`). */
export function findEntry(object: ObjectNode, key: string): Entry | undefined {
  const i = indexOf(object).get(key);
  return i === undefined ? undefined : object.entries[i];
}

/** Adds or replaces (last wins, in the first one's place) a key in an object node. */
export function setEntry(object: ObjectNode, entry: Entry): void {
  const index = indexOf(object);
  const i = index.get(entry.key);
  if (i !== undefined) {
    object.entries[i] = entry;
  } else {
    index.set(entry.key, object.entries.length);
    object.entries.push(entry);
  }
}

export function extend(node: Node, end: number): void {
  if (end > node.span.end) node.span = { start: node.span.start, end };
}

class IniError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

export function parseIni(text: string): TextTree {
  const root: ObjectNode = { kind: 'object', span: { start: 0, end: text.length }, entries: [] };
  let current = root;
  try {
    for (const line of splitLines(text)) {
      const { start, end } = trimSpan(text, line.start, line.end);
      if (start === end || text[start] === ';' || text[start] === '#') continue;
      if (text[start] === '[') {
        current = section(text, start, end, root);
        continue;
      }
      const entry = keyValue(text, start, end);
      setEntry(current, entry);
      if (current !== root) extend(current, end);
    }
  } catch (error) {
    if (error instanceof IniError) return { problems: [{ message: `INI syntax error: ${error.message}`, span: error.span }] };
    throw error;
  }
  return { root: compactTree(root), problems: [] };
}

function section(text: string, start: number, end: number, root: ObjectNode): ObjectNode {
  const close = text.indexOf(']', start);
  if (close < 0 || close >= end) throw new IniError('the section header has no closing "]"', { start, end });
  const after = trimSpan(text, close + 1, end);
  if (after.start < after.end && text[after.start] !== ';' && text[after.start] !== '#') {
    throw new IniError('unexpected text after the section header', after);
  }
  const keySpan = trimSpan(text, start + 1, close);
  const name = unquoteKey(text.slice(keySpan.start, keySpan.end));
  const existing = findEntry(root, name);
  if (existing?.value.kind === 'object') {
    extend(existing.value, close + 1);
    return existing.value;
  }
  const object: ObjectNode = { kind: 'object', span: { start, end: close + 1 }, entries: [] };
  setEntry(root, { key: name, keySpan, value: object });
  return object;
}

function unquoteKey(key: string): string {
  if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.at(-1) === key[0]) return key.slice(1, -1);
  return key;
}

/** A trimmed, non-comment line that is not a section header. */
function keyValue(text: string, start: number, end: number): Entry {
  let separator = -1;
  for (let i = start; i < end; i++) {
    if (text[i] === '=' || text[i] === ':') {
      separator = i;
      break;
    }
  }
  if (separator < 0) {
    // A flag: the whole line (up to a comment) is the key, and its value is true.
    const flag = unquoted(text, start, end);
    return { key: flag.text, keySpan: flag.span, value: { kind: 'scalar', span: flag.span, value: true } };
  }
  const keySpan = trimSpan(text, start, separator);
  if (keySpan.start === keySpan.end) throw new IniError(`a key is missing before "${text[separator]}"`, { start: separator, end: separator + 1 });
  const key = unquoteKey(text.slice(keySpan.start, keySpan.end));
  const valueSpan = trimSpan(text, separator + 1, end);
  const read = value(text, valueSpan.start, valueSpan.end);
  // An empty value sits on its key, as YAML's `key:` does.
  const span = read.span.start === read.span.end ? keySpan : read.span;
  return { key, keySpan, value: { kind: 'scalar', span, value: typedText(read.text) } };
}

interface Read {
  text: string;
  span: Span;
}

function value(text: string, start: number, end: number): Read {
  const q = text[start];
  if (q !== '"' && q !== "'") return unquoted(text, start, end);
  let close = -1;
  for (let i = start + 1; i < end; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      close = i;
      break;
    }
  }
  if (close < 0) throw new IniError(`the ${q === '"' ? 'double' : 'single'}-quoted value is never closed`, { start, end: start + 1 });
  const after = trimSpan(text, close + 1, end);
  if (after.start < after.end && text[after.start] !== ';' && text[after.start] !== '#') {
    throw new IniError('unexpected text after the closing quote', after);
  }
  const inner = text.slice(start + 1, close);
  return { text: q === '"' ? jsonString(inner) : inner, span: { start, end: close + 1 } };
}

/** A double-quoted INI value is a JSON string (as `ini` reads it); if it is not valid JSON, its text. */
function jsonString(inner: string): string {
  try {
    const parsed: unknown = JSON.parse(`"${inner}"`);
    return typeof parsed === 'string' ? parsed : inner;
  } catch {
    return inner;
  }
}

/** Text up to an unescaped `;` or `#`, trimmed; `\;`, `\#` and `\\` are escapes, other backslashes stay. */
function unquoted(text: string, start: number, end: number): Read {
  let out = '';
  let last = start;
  let i = start;
  for (; i < end; i++) {
    const c = text[i];
    if (c === ';' || c === '#') break;
    if (c === '\\' && i + 1 < end) {
      const n = text[i + 1];
      out += n === ';' || n === '#' || n === '\\' ? n : c + n;
      i++;
    } else {
      out += c;
    }
    if (!isBlank(text[i])) last = i + 1;
  }
  return { text: out.trim(), span: { start, end: last } };
}

export const iniFormat: SourceFormat = {
  name: 'ini',
  accepts: (file) => /\.(ini|cfg|conf)$/.test(file),
  load: (file, text) => {
    const tree = parseIni(text);
    return treeSource(file, 'ini', tree.root, tree.problems);
  },
};
