// RFC 9535 JSONPath over the ranged value tree. json-p3 evaluates the query on the plain value and
// returns each match's normalized location, which leads back to the node and its span in the file.

import { FunctionExpressionType, JSONPathEnvironment, JSONPathError, type JSONPathQuery, type FilterFunction } from 'json-p3';
import type { JSONValue } from 'json-p3';
import { compileRegex } from '../regex';
import { nodeAtPath, type Node } from '../tree';

/** I-Regexp functions on RE2, so filter regexes run in linear time too. */
function re2Function(whole: boolean): FilterFunction {
  return {
    argTypes: [FunctionExpressionType.ValueType, FunctionExpressionType.ValueType],
    returnType: FunctionExpressionType.LogicalType,
    call(value: unknown, pattern: unknown): boolean {
      if (typeof value !== 'string' || typeof pattern !== 'string') return false;
      const compiled = compileRegex(pattern);
      return compiled.ok && (whole ? compiled.regex.matchesWhole(value) : compiled.regex.test(value));
    },
  };
}

const environment = new JSONPathEnvironment({ strict: true, maxRecursionDepth: 2_000 });
environment.functionRegister.set('match', re2Function(true));
environment.functionRegister.set('search', re2Function(false));

export type CompiledPath = { ok: true; query: JSONPathQuery } | { ok: false; message: string; offset?: number };

const compiled = new Map<string, CompiledPath>();

export function compileJsonPath(path: string): CompiledPath {
  let result = compiled.get(path);
  if (result === undefined) {
    result = compile(path);
    if (compiled.size > 2_000) compiled.clear();
    compiled.set(path, result);
  }
  return result;
}

function compile(path: string): CompiledPath {
  if (!path.trimStart().startsWith('$')) {
    return { ok: false, message: `"${path}" is not a JSONPath query: it must start with "$"`, offset: 0 };
  }
  try {
    return { ok: true, query: environment.compile(path) };
  } catch (error) {
    if (error instanceof JSONPathError) {
      return { ok: false, message: `invalid JSONPath "${path}": ${stripPosition(error.message)}`, offset: error.token?.index };
    }
    throw error;
  }
}

function stripPosition(message: string): string {
  return message.replace(/\s*\('.*$/s, '').replace(/\s+at index \d+.*$/s, '');
}

export interface PathMatch {
  node: Node;
  location: (string | number)[];
}

export type QueryResult = { ok: true; matches: PathMatch[] } | { ok: false; message: string };

export function queryTree(query: JSONPathQuery, root: Node, plain: unknown): QueryResult {
  try {
    const matches: PathMatch[] = [];
    for (const found of query.query(plain as JSONValue).nodes) {
      const node = nodeAtPath(root, found.location);
      if (node) matches.push({ node, location: found.location });
    }
    return { ok: true, matches };
  } catch (error) {
    if (error instanceof JSONPathError || error instanceof RangeError) {
      return { ok: false, message: `the query could not be evaluated: ${error.message}` };
    }
    throw error;
  }
}

/** `$['settings']['minLength']` → `settings.minLength`, for messages. */
export function describeLocation(location: readonly (string | number)[]): string {
  let out = '';
  for (const part of location) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += /^[A-Za-z_][\w-]*$/.test(part) ? (out ? '.' : '') + part : `[${JSON.stringify(part)}]`;
  }
  return out || '$';
}
