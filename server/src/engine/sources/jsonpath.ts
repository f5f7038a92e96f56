// RFC 9535 JSONPath over the ranged value tree. json-p3 evaluates the query on the plain value and
// returns each match's normalized location, which leads back to the node and its span in the file.

import { FunctionExpressionType, JSONPathEnvironment, JSONPathError, JSONPathNode, type JSONPathQuery, type FilterFunction } from 'json-p3';
import type { JSONValue } from 'json-p3';
import { compileRegex } from '../regex';
import { nodeAtPath, type Node } from '../tree';
import { MAX_SELECTED, tooManySelected } from './limits';

// Work budget. json-p3's cost is not linear in the document: a descendant segment inside a filter
// walks the candidate's whole subtree for every candidate, so `$..[?@..[?@..*]]` took 7 s on a 4 KB
// document, and each further level multiplied that by ~40. json-p3 builds a JSONPathNode for every
// node a query visits (descendant segments, wildcards, filters and the queries inside filters), and
// its constructor assigns `this.location`; a setter for `location` on the prototype therefore sees all
// of that work. A node costs 1 plus 1/8 per location step, since json-p3 copies the location into
// each node. `match()` and `search()` charge their input's length (RE2 is linear, but in JavaScript).
// The budget is a count, not a clock, so a query gets the same answer on every machine.
// test/adversarial/corpus.test.ts holds the queries that hung; if a json-p3 upgrade stops assigning
// `location` in the constructor, those tests fail rather than the budget silently lapsing.

/** Work units one query may spend: a few seconds at worst (see test/adversarial/README.md). */
export const MAX_QUERY_WORK = 2_000_000;

class QueryBudgetExceeded extends Error {}

/** Units left for the query running now; Infinity when no query of ours runs. */
let budget = Infinity;

function spend(units: number): void {
  budget -= units;
  if (budget < 0) throw new QueryBudgetExceeded('the query does too much work');
}

Object.defineProperty(JSONPathNode.prototype, 'location', {
  configurable: true,
  get(): undefined {
    return undefined;
  },
  set(this: JSONPathNode, location: (string | number)[]) {
    spend(1 + (location.length >> 3));
    Object.defineProperty(this, 'location', { value: location, writable: true, enumerable: true, configurable: true });
  },
});

/** I-Regexp functions on RE2, so filter regexes run in linear time too. */
function re2Function(whole: boolean): FilterFunction {
  return {
    argTypes: [FunctionExpressionType.ValueType, FunctionExpressionType.ValueType],
    returnType: FunctionExpressionType.LogicalType,
    call(value: unknown, pattern: unknown): boolean {
      if (typeof value !== 'string' || typeof pattern !== 'string') return false;
      spend(1 + value.length);
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
  const rootInFilter = innerRoot(path);
  if (rootInFilter !== undefined) {
    return { ok: false, message: `invalid JSONPath "${path}": Tenet does not run a query from the root ($) inside a filter, which would run again for every candidate; use @ (the candidate) or a literal`, offset: rootInFilter };
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

/**
 * Where a `$` other than the leading one stands, outside string literals: in RFC 9535 that can only
 * be an absolute query inside a filter. Such a query is re-evaluated for each candidate, and comparing
 * two large subtrees with `==` costs their size each time, beyond what the work budget can see:
 * `$.c[?$.a == $.b]` took 14 s on 0.2 MB of JSON, growing with the square of the size.
 */
function innerRoot(path: string): number | undefined {
  const first = path.indexOf('$');
  for (let i = first + 1; i < path.length; i++) {
    const c = path[i];
    if (c === "'" || c === '"') {
      for (i++; i < path.length && path[i] !== c; i++) if (path[i] === '\\') i++;
    } else if (c === '$') {
      return i;
    }
  }
  return undefined;
}

function stripPosition(message: string): string {
  return message.replace(/\s*\('.*$/s, '').replace(/\s+at index \d+.*$/s, '');
}

export interface PathMatch<N = Node> {
  node: N;
  location: (string | number)[];
  /** The plain value at the location (a part of the plain document the query ran on, not a copy). */
  value: unknown;
}

export type QueryResult<N = Node> = { ok: true; matches: PathMatch<N>[] } | { ok: false; message: string };

export function queryTree(query: JSONPathQuery, root: Node, plain: unknown): QueryResult {
  return queryPlain(query, plain, (location) => nodeAtPath(root, location));
}

/** Runs a query on a plain document; `locate` leads each match's location back to its node. */
export function queryPlain<N>(query: JSONPathQuery, plain: unknown, locate: (location: (string | number)[]) => N | undefined): QueryResult<N> {
  // Lazily, so a selection can stop at MAX_SELECTED: json-p3's eager `query()` also spreads each
  // step's nodes into a call (`push(...nodes)`), which overflows the stack past ~10^5 nodes.
  budget = MAX_QUERY_WORK;
  try {
    const matches: PathMatch<N>[] = [];
    for (const found of query.lazyQuery(plain as JSONValue)) {
      if (matches.length >= MAX_SELECTED) return { ok: false, message: tooManySelected() };
      const node = locate(found.location);
      if (node !== undefined) matches.push({ node, location: found.location, value: found.value });
    }
    return { ok: true, matches };
  } catch (error) {
    if (error instanceof QueryBudgetExceeded) {
      return { ok: false, message: `the query visits too much of the document (over ${MAX_QUERY_WORK.toLocaleString('en-US')} steps): use fewer descendant segments (..) and nested filters` };
    }
    if (error instanceof JSONPathError || error instanceof RangeError) {
      return { ok: false, message: `the query could not be evaluated: ${error.message}` };
    }
    throw error;
  } finally {
    budget = Infinity;
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
