// A format-neutral value tree that remembers where every key and value sits in its file.
// JSON, YAML, TOML, INI and dotenv readers all produce it; JSONPath runs over it.

import type { Scalar, Span } from './types';

export type Node = ObjectNode | ArrayNode | ScalarNode;

export interface ObjectNode {
  kind: 'object';
  span: Span;
  entries: Entry[];
}

export interface Entry {
  key: string;
  keySpan: Span;
  value: Node;
}

export interface ArrayNode {
  kind: 'array';
  span: Span;
  items: Node[];
}

export interface ScalarNode {
  kind: 'scalar';
  span: Span;
  value: Scalar;
}

const indexes = new WeakMap<ObjectNode, Map<string, Entry>>();

/** The last entry wins, as in JSON.parse and YAML loaders. Big objects get a key index on first use. */
export function entry(node: Node | undefined, key: string): Entry | undefined {
  if (node?.kind !== 'object') return undefined;
  if (node.entries.length <= 16) {
    for (let i = node.entries.length - 1; i >= 0; i--) {
      if (node.entries[i].key === key) return node.entries[i];
    }
    return undefined;
  }
  let index = indexes.get(node);
  if (!index) {
    index = new Map();
    for (const e of node.entries) index.set(e.key, e);
    indexes.set(node, index);
  }
  return index.get(key);
}

export function child(node: Node | undefined, key: string | number): Node | undefined {
  if (node === undefined) return undefined;
  if (typeof key === 'number') return node.kind === 'array' ? node.items[key] : undefined;
  return entry(node, key)?.value;
}

export function nodeAtPath(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path) node = child(node, key);
  return node;
}

/**
 * The same tree, rebuilt to be kept: every list exactly as long as it is (arrays grown by `push` keep
 * spare capacity — room for 16 items in a one-key object), every node of one shape, and keys and short
 * texts shared with every other tree that holds them (see `intern`). Readers call it once the tree is
 * built; the nodes they built (and anything keyed by them while building) are left to the garbage
 * collector. Spans are shared, not copied.
 */
export function compactTree(root: Node): Node {
  const copy = (node: Node): Node => {
    switch (node.kind) {
      case 'scalar':
        return { kind: 'scalar', span: node.span, value: typeof node.value === 'string' ? intern(node.value) : node.value };
      case 'array':
        // `map` allocates exactly as many slots as there are items.
        return { kind: 'array', span: node.span, items: node.items.map(copy) };
      case 'object':
        return { kind: 'object', span: node.span, entries: node.entries.map((e): Entry => ({ key: intern(e.key), keySpan: e.keySpan, value: copy(e.value) })) };
    }
  };
  return copy(root);
}

/** Texts longer than this are rarely repeated (and then usually slices of the file's text anyway). */
const INTERNED_LENGTH = 64;
/** Bounds what the table itself keeps: ~0.5 MB at most. */
const INTERNED_MAX = 8_192;
const interned = new Map<string, string>();

/**
 * One string for each short text the trees kept between runs hold: the same keys and values recur
 * in every policy and config (`says`, `expect`, `annually`, `production`, `true`), and each reader
 * makes a new string for each occurrence. Strings cannot be told apart by identity, so this only
 * changes how many copies are kept. The first INTERNED_MAX texts seen are shared; later ones pass.
 */
export function intern(text: string): string {
  if (text.length > INTERNED_LENGTH) return text;
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= INTERNED_MAX) return text;
  // A text cut from a file may be a slice that holds on to the whole file: keep a copy of its own
  // (a property name is one, which the engine stores once).
  const own = Object.keys({ [text]: 0 })[0];
  interned.set(own, own);
  return own;
}

/** Plain JS value of a node. Keys are defined as own properties, so `__proto__` stays data. */
export function toPlain(node: Node): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'array':
      return node.items.map(toPlain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

export function scalarText(node: Node | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
