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
