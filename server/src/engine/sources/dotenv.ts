// dotenv (`.env`, `.env.*`, `*.env`) → ranged value tree `{KEY: value}` (policy format section 3).
//
// Why a reader of its own: the `dotenv` package's `parse` (the reference) returns plain strings and
// keeps no positions, and Tenet reports every finding on the exact value. This reader follows its
// semantics (checked against it in test/engine/formats-dotenv.test.ts):
//   - `KEY=value`, `KEY = value`, `KEY: value` and `export KEY=value`; keys are `[A-Za-z0-9_.-]+`;
//   - `#` starts a comment line, and `#` ends an unquoted value (`A=b#c` is `b`); unquoted values are
//     trimmed;
//   - single, double and backtick quotes are stripped; a quoted value may span lines; in a
//     double-quoted value `\n` and `\r` become line breaks, other backslashes stay as written (`\"` is
//     `\"`, as in dotenv); a comment may follow the closing quote;
//   - a repeated key keeps its last value.
// Where it differs, on purpose: dotenv silently keeps an unclosed quote as part of the value and
// silently skips a line it cannot read; here an unclosed quote, text after a closing quote and a line
// that is not `KEY=value` are syntax errors, so a broken file is reported rather than passed. A bare
// `KEY` or `export KEY` line (a variable passed through from the environment, as Docker reads it) is
// accepted and has no value.
// Values are typed as INI values are (`typedText`: yes/no/true/false/on/off booleans, canonical
// numbers), quoted or not: to the program reading the environment, `A="yes"` and `A=yes` are the same.

import { compactTree, type ObjectNode } from '../tree';
import type { Span } from '../types';
import { isBlank, setEntry, trimSpan, typedText, type TextTree } from './ini';
import type { SourceFormat } from './source';
import { treeSource } from './tree-source';

class DotenvError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

const KEY_CHAR = /[A-Za-z0-9_.-]/;

export function parseDotenv(text: string): TextTree {
  const root: ObjectNode = { kind: 'object', span: { start: 0, end: text.length }, entries: [] };
  try {
    let i = 0;
    while (i < text.length) {
      i = skipBlanksAndBreaks(text, i);
      if (i >= text.length) break;
      if (text[i] === '#') {
        i = lineEnd(text, i);
        continue;
      }
      i = statement(text, i, root);
    }
  } catch (error) {
    if (error instanceof DotenvError) return { problems: [{ message: `dotenv syntax error: ${error.message}`, span: error.span }] };
    throw error;
  }
  return { root: compactTree(root), problems: [] };
}

function skipBlanksAndBreaks(text: string, i: number): number {
  while (i < text.length && (isBlank(text[i]) || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlank(text[i])) i++;
  return i;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function atLineEnd(text: string, i: number): boolean {
  return i >= text.length || text[i] === '\n' || text[i] === '\r';
}

function readKey(text: string, i: number): number {
  while (i < text.length && KEY_CHAR.test(text[i])) i++;
  return i;
}

/** One `KEY=value` statement starting at `start` (not blank, not a comment); returns where it ends. */
function statement(text: string, start: number, root: ObjectNode): number {
  let keyStart = start;
  let keyEnd = readKey(text, keyStart);
  // `export KEY=…`: `export` followed by blanks and a key; `export=1` is a key named export.
  if (text.slice(keyStart, keyEnd) === 'export' && isBlank(text[keyEnd])) {
    const next = skipBlanks(text, keyEnd);
    const end = readKey(text, next);
    if (end > next) {
      keyStart = next;
      keyEnd = end;
    }
  }
  const end = lineEnd(text, start);
  if (keyEnd === keyStart) throw new DotenvError('expected KEY=value', trimmed(text, start, end));
  const key = text.slice(keyStart, keyEnd);
  const keySpan = { start: keyStart, end: keyEnd };
  let i = skipBlanks(text, keyEnd);
  if (atLineEnd(text, i)) return i; // a bare KEY: passed through from the environment, no value here
  if (text[i] === '=') i++;
  else if (text[i] === ':' && i === keyEnd && (isBlank(text[i + 1]) || atLineEnd(text, i + 1))) i++;
  else throw new DotenvError(`expected "=" after ${key}`, trimmed(text, i, end));
  i = skipBlanks(text, i);
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') return quoted(text, i, key, keySpan, root);
  // Unquoted: up to a `#` or the end of the line, trimmed.
  let stop = i;
  while (!atLineEnd(text, stop) && text[stop] !== '#') stop++;
  const span = trimSpan(text, i, stop);
  const value = text.slice(span.start, span.end);
  setEntry(root, { key, keySpan, value: { kind: 'scalar', span: span.start === span.end ? keySpan : span, value: typedText(value) } });
  return lineEnd(text, stop);
}

function quoted(text: string, open: number, key: string, keySpan: Span, root: ObjectNode): number {
  const q = text[open];
  let close = -1;
  for (let i = open + 1; i < text.length; i++) {
    // dotenv's pattern: a backslash before the quote keeps it inside the value.
    if (text[i] === '\\' && text[i + 1] === q) i++;
    else if (text[i] === q) {
      close = i;
      break;
    }
  }
  const kind = q === '"' ? 'double' : q === "'" ? 'single' : 'backtick';
  if (close < 0) throw new DotenvError(`the ${kind}-quoted value of ${key} is never closed`, { start: open, end: open + 1 });
  const after = skipBlanks(text, close + 1);
  if (!atLineEnd(text, after) && text[after] !== '#') {
    throw new DotenvError(`unexpected text after the closing quote of ${key}`, trimmed(text, after, lineEnd(text, after)));
  }
  // dotenv reads the file with \r\n turned into \n, so a value spanning lines has \n breaks.
  let value = text.slice(open + 1, close).replace(/\r\n?/g, '\n');
  if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  setEntry(root, { key, keySpan, value: { kind: 'scalar', span: { start: open, end: close + 1 }, value: typedText(value) } });
  return lineEnd(text, after);
}

/** Where a problem is shown: the trimmed text, or at least one character. */
function trimmed(text: string, start: number, end: number): Span {
  const span = trimSpan(text, start, end);
  return span.end > span.start ? span : { start: span.start, end: Math.min(span.start + 1, text.length) };
}

/** `.env`, `.env.production`, `.env.example`, `prod.env`; FORMATS lists it last, so `.env.json` or `.env.csv` keep their own format. */
export const dotenvFormat: SourceFormat = {
  name: 'dotenv',
  accepts: (file) => {
    const base = file.slice(file.lastIndexOf('/') + 1);
    return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
  },
  load: (file, text) => {
    const tree = parseDotenv(text);
    return treeSource(file, 'dotenv', tree.root, tree.problems);
  },
};
