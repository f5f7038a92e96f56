// Formats that read into a value tree (JSON, YAML, TOML, INI, dotenv) share JSONPath selection.
//
// A loaded source lives until its file changes, and the language server keeps every source a policy
// reads. The reader's tree costs ~250 bytes a key (an entry, a node, two span objects, the array slot)
// and JSONPath needs a plain copy of it besides. So a tree source keeps its tree packed into arrays
// (~40 bytes a node), makes the plain copy on the first selection and drops it once the synchronous
// work that asked (a lint run, an editor request) is over; only the nodes a selection matches become
// spans and rows again.

import type { Node } from '../tree';
import type { Scalar, Span } from '../types';
import { compileJsonPath, queryPlain } from './jsonpath';
import type { LoadedSource, SelectedValue, Selection, SourceProblem } from './source';
import type { TextProblem } from './limits';

export function treeSource(file: string, format: string, root: Node | undefined, problems: TextProblem[]): LoadedSource {
  const problem: SourceProblem | undefined = problems[0] && { ...problems[0], file };
  const tree = root && PackedTree.pack(root);
  return {
    file,
    format,
    problem,
    suggest: () => (tree ? suggestPaths(tree) : []),
    select(at: string): Selection {
      const compiled = compileJsonPath(at);
      if (!compiled.ok) return compiled;
      if (problem || tree === undefined) return { ok: true, values: [] };
      const result = queryPlain(compiled.query, tree.plain(), (location) => tree.locate(location));
      if (!result.ok) return result;
      return {
        ok: true,
        // Each value is the query's own plain value: a copy per match (toPlain) cost the subtree's
        // size for each match, so `$..*` over a deep document copied it once per level.
        values: result.matches.map(({ node, location, value }): SelectedValue => {
          const parent = tree.parent(node);
          const name = lastName(location);
          return parent >= 0 && tree.kind(parent) === OBJECT ? new RowValue(file, tree.span(node), name, value, tree, parent) : new TreeValue(file, tree.span(node), name, value);
        }),
      };
    },
  };
}

/** A selected value; one whose enclosing node is an object also reads its siblings (`row`, for `where`). */
class TreeValue implements SelectedValue {
  constructor(
    readonly file: string,
    readonly span: Span,
    readonly name: string,
    readonly value: unknown,
  ) {}
}

class RowValue extends TreeValue {
  constructor(
    file: string,
    span: Span,
    name: string,
    value: unknown,
    private readonly tree: PackedTree,
    private readonly parent: number,
  ) {
    super(file, span, name, value);
  }

  /** The enclosing object's scalar field (its last entry with that key, as everywhere). */
  row(field: string): Scalar | undefined {
    const child = this.tree.member(this.parent, field);
    return child >= 0 && this.tree.kind(child) === SCALAR ? this.tree.scalar(child) : undefined;
  }
}

const SCALAR = 0;
const ARRAY = 1;
const OBJECT = 2;

/** Stands in the list of scalar values for a list or an object. */
const LIST = Symbol('list');
const MAP = Symbol('object');

/** Big objects get a key index on first use, as `entry` gives them (kept while the plain copy is). */
const INDEXED = 16;

/** Per node in `ints`: start, end, parent, first child, number of children. */
const START = 0;
const END = 1;
const PARENT = 2;
const FIRST = 3;
const COUNT = 4;
const INTS = 5;

/**
 * A value tree in arrays, nodes numbered breadth-first so that each node's children are consecutive:
 * node 0 is the root; node i's children are its first child and the `COUNT - 1` nodes after it.
 */
class PackedTree {
  /** What a run builds and the next run builds again: the plain copy and big objects' key indexes. */
  private state?: { plain: unknown; plainReady: boolean; indexes: Map<number, Map<string, number>> };

  private constructor(
    private readonly ints: Int32Array,
    /** The key of each member of an object (undefined for the root and list items). */
    private readonly keys: (string | undefined)[],
    /** Each scalar's value; LIST or MAP for the others. */
    private readonly values: (Scalar | typeof LIST | typeof MAP)[],
  ) {}

  static pack(root: Node): PackedTree {
    const nodes: Node[] = [root];
    const keys: (string | undefined)[] = [undefined];
    const ints: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const first = nodes.length;
      if (node.kind === 'object') {
        for (const e of node.entries) {
          nodes.push(e.value);
          keys.push(e.key);
        }
      } else if (node.kind === 'array') {
        for (const item of node.items) {
          nodes.push(item);
          keys.push(undefined);
        }
      }
      ints.push(node.span.start, node.span.end, -1, first, nodes.length - first);
    }
    const packed = Int32Array.from(ints);
    for (let i = 0; i < nodes.length; i++) {
      for (let c = packed[i * INTS + FIRST], n = 0; n < packed[i * INTS + COUNT]; c++, n++) packed[c * INTS + PARENT] = i;
    }
    const values = nodes.map((node) => (node.kind === 'scalar' ? node.value : node.kind === 'array' ? LIST : MAP));
    // `keys` grew by push, with room to spare; the copy has none.
    return new PackedTree(packed, keys.slice(), values);
  }

  kind(i: number): number {
    const v = this.values[i];
    return v === LIST ? ARRAY : v === MAP ? OBJECT : SCALAR;
  }

  span(i: number): Span {
    return { start: this.ints[i * INTS + START], end: this.ints[i * INTS + END] };
  }

  parent(i: number): number {
    return this.ints[i * INTS + PARENT];
  }

  scalar(i: number): Scalar | undefined {
    const v = this.values[i];
    return v === LIST || v === MAP ? undefined : v;
  }

  key(i: number): string | undefined {
    return this.keys[i];
  }

  /** Node i's children, in order. */
  children(i: number): number[] {
    const first = this.ints[i * INTS + FIRST];
    return Array.from({ length: this.ints[i * INTS + COUNT] }, (_, n) => first + n);
  }

  /** An object's member with that key, the last one if repeated (as JSON.parse and YAML loaders do); -1 if none. */
  member(i: number, key: string): number {
    if (this.values[i] !== MAP) return -1;
    const first = this.ints[i * INTS + FIRST];
    const count = this.ints[i * INTS + COUNT];
    if (count <= INDEXED) {
      for (let c = first + count - 1; c >= first; c--) if (this.keys[c] === key) return c;
      return -1;
    }
    let index = this.transient().indexes.get(i);
    if (index === undefined) {
      index = new Map();
      for (let c = first; c < first + count; c++) index.set(this.keys[c]!, c);
      this.transient().indexes.set(i, index);
    }
    return index.get(key) ?? -1;
  }

  /** The node at a JSONPath location (object keys as strings, list indexes as numbers). */
  locate(location: readonly (string | number)[]): number | undefined {
    let i = 0;
    for (const step of location) {
      if (typeof step === 'number') {
        if (this.values[i] !== LIST || !(step >= 0 && step < this.ints[i * INTS + COUNT])) return undefined;
        i = this.ints[i * INTS + FIRST] + step;
      } else {
        i = this.member(i, step);
        if (i < 0) return undefined;
      }
    }
    return i;
  }

  /**
   * The plain JS value JSONPath runs on. Keys are defined as own properties, so `__proto__` stays data.
   * Made once per synchronous job: selections in one run share it (their values are parts of it).
   */
  plain(): unknown {
    const state = this.transient();
    if (!state.plainReady) {
      state.plain = this.plainAt(0);
      state.plainReady = true;
    }
    return state.plain;
  }

  private plainAt(i: number): unknown {
    const value = this.values[i];
    const first = this.ints[i * INTS + FIRST];
    const count = this.ints[i * INTS + COUNT];
    switch (value) {
      case LIST: {
        const out = new Array<unknown>(count);
        for (let n = 0; n < count; n++) out[n] = this.plainAt(first + n);
        return out;
      }
      case MAP: {
        const out: Record<string, unknown> = {};
        for (let c = first; c < first + count; c++) {
          Object.defineProperty(out, this.keys[c]!, { value: this.plainAt(c), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      default:
        return value;
    }
  }

  private transient(): NonNullable<PackedTree['state']> {
    if (this.state === undefined) {
      this.state = { plain: undefined, plainReady: false, indexes: new Map() };
      queueMicrotask(() => (this.state = undefined));
    }
    return this.state;
  }
}

/** `['logGroups', 2, 'retentionInDays']` → `retentionInDays`; `['members', 3]` → `members[3]`. */
export function lastName(location: readonly (string | number)[]): string {
  let i = location.length - 1;
  let suffix = '';
  while (i >= 0 && typeof location[i] === 'number') suffix = `[${location[i--]}]` + suffix;
  return i >= 0 ? `${location[i]}${suffix}` : `$${suffix}`;
}

const MAX_SUGGESTIONS = 500;

/** JSONPath queries for the keys a tree holds; list items fold into `[*]`. */
function suggestPaths(tree: PackedTree): string[] {
  const out = new Set<string>();
  const walk = (node: number, path: string, depth: number) => {
    if (out.size >= MAX_SUGGESTIONS || depth > 12) return;
    if (tree.kind(node) === OBJECT) {
      for (const c of tree.children(node)) {
        const key = tree.key(c)!;
        const next = /^[A-Za-z_][\w]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key).replace(/^"|"$/g, "'")}]`;
        out.add(next);
        walk(c, next, depth + 1);
      }
    } else if (tree.kind(node) === ARRAY) {
      const items = tree.children(node);
      if (items.length === 0) return;
      const next = `${path}[*]`;
      out.add(next);
      for (const item of items.slice(0, 50)) walk(item, next, depth + 1);
    }
  };
  walk(0, '$', 0);
  return [...out];
}
