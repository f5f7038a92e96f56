// JSON / JSONC → ranged value tree (jsonc-parser keeps offsets; comments and trailing commas allowed).

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { compactTree, type Entry, type Node } from '../tree';
import type { YamlTree } from './yaml-tree';
import { MAX_DEPTH, nestingProblem } from './limits';

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace expected',
  CloseBracketExpected: 'closing bracket expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

export function parseJsonTree(text: string): YamlTree {
  const tooDeep = nestingProblem(text, 0, true);
  if (tooDeep) return { problems: [tooDeep] };
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  } catch (error) {
    if (error instanceof RangeError) return { problems: [{ message: 'the JSON is nested too deeply to read', span: { start: 0, end: Math.min(1, text.length) } }] };
    throw error;
  }
  if (errors.length > 0) {
    const e = errors[0];
    const code = printParseErrorCode(e.error);
    // At the end of the text the parser reports one character past it: keep the span inside the file.
    const start = Math.min(e.offset, text.length);
    return { problems: [{ message: `JSON syntax error: ${MESSAGES[code] ?? code}`, span: { start, end: Math.min(text.length, Math.max(start + 1, e.offset + e.length)) } }] };
  }
  if (!tree) return { problems: [] };
  try {
    return { root: compactTree(convert(tree, 0)), problems: [] };
  } catch (error) {
    if (error instanceof DepthError) return { problems: [{ message: `the JSON is nested more than ${MAX_DEPTH} levels deep`, span: error.span }] };
    throw error;
  }
}

class DepthError extends Error {
  constructor(readonly span: { start: number; end: number }) {
    super('too deep');
  }
}

function convert(node: JsonNode, depth: number): Node {
  const span = { start: node.offset, end: node.offset + node.length };
  if (depth > MAX_DEPTH) throw new DepthError(span);
  switch (node.type) {
    case 'object': {
      const entries: Entry[] = [];
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        entries.push({ key: String(key.value), keySpan: { start: key.offset, end: key.offset + key.length }, value: convert(value, depth + 1) });
      }
      return { kind: 'object', span, entries };
    }
    case 'array':
      return { kind: 'array', span, items: (node.children ?? []).map((c) => convert(c, depth + 1)) };
    default:
      return { kind: 'scalar', span, value: node.value as string | number | boolean | null };
  }
}
