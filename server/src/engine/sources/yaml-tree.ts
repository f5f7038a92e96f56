// YAML → ranged value tree, used for policy front matter and for YAML configs. Aliases are expanded
// under a budget and nesting is bounded, so an alias bomb or a 10,000-deep document is a finding.

import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { withLineFeeds } from '../lines';
import { compactTree, type Node } from '../tree';
import type { Span } from '../types';
import { MAX_ALIAS_NODES, MAX_DEPTH, nestingProblem, type TextProblem } from './limits';

export type YamlProblem = TextProblem;

export interface YamlTree {
  root?: Node;
  problems: YamlProblem[];
}

// uniqueKeys: false — the `yaml` package checks each key against every earlier key of its mapping,
// which is quadratic: 40,000 keys (400 KB) took 16 s, half a million would take most of an hour.
// Duplicate keys are found in `convert` instead, in linear time, with the same message and range.
const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, maxAliasCount: 100 } as const;
const DUPLICATE_KEY = 'Map keys must be unique';

/** One YAML document at `offset` in a larger text (front matter inside Markdown). */
export function parseYamlDocument(source: string, offset = 0): YamlTree {
  const text = withLineFeeds(source);
  return guard(text, offset, () => {
    const doc = parseDocument(text, OPTIONS);
    return convertDocument(doc, offset);
  });
}

/** A YAML stream: one document is that document; several are an array of them (Kubernetes manifests). */
export function parseYamlStream(source: string): YamlTree {
  const text = withLineFeeds(source);
  return guard(text, 0, () => {
    const docs = parseAllDocuments(text, OPTIONS);
    if (!Array.isArray(docs)) return convertDocument(docs as unknown as Document, 0);
    const converted = docs.map((d) => convertDocument(d, 0));
    const problems = converted.flatMap((c) => c.problems);
    if (converted.length === 1) return converted[0];
    const items = converted.map((c) => c.root).filter((n): n is Node => n !== undefined);
    return { root: { kind: 'array', span: { start: 0, end: text.length }, items }, problems };
  });
}

function guard(text: string, offset: number, parse: () => YamlTree): YamlTree {
  const tooDeep = nestingProblem(text, offset);
  if (tooDeep) return { problems: [tooDeep] };
  try {
    const tree = parse();
    if (tree.root) tree.root = compactTree(tree.root);
    // The parser places an error at the end of the text one character past it (an unclosed quote or
    // bracket): keep every span inside the text.
    const last = offset + text.length;
    for (const p of tree.problems) p.span = { start: Math.min(p.span.start, last), end: Math.min(p.span.end, last) };
    return tree;
  } catch (error) {
    if (error instanceof RangeError) {
      return { problems: [{ message: 'the YAML is nested too deeply to read', span: { start: offset, end: offset + Math.min(text.length, 1) } }] };
    }
    throw error;
  }
}

function convertDocument(doc: Document, offset: number): YamlTree {
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    // The parser survives a stack overflow and reports it as an error; say what it means.
    message: /call stack/i.test(e.message) ? 'the YAML is nested too deeply to read' : firstLine(e.message),
    span: { start: offset + e.pos[0], end: offset + Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  if (problems.length > 0) return { problems };
  const budget = { aliasNodes: 0 };
  try {
    const root = doc.contents ? convert(doc, doc.contents as YamlNode, offset, 0, budget) : undefined;
    return { root, problems };
  } catch (error) {
    if (error instanceof TreeLimit) return { problems: [{ message: error.message, span: error.span }] };
    throw error;
  }
}

class TreeLimit extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

function spanOf(node: YamlNode, offset: number): Span {
  const [start, end] = node.range ?? [0, 0];
  return { start: offset + start, end: offset + end };
}

function convert(doc: Document, node: YamlNode, offset: number, depth: number, budget: { aliasNodes: number }, viaAlias?: Span): Node {
  const span = viaAlias ?? spanOf(node, offset);
  if (depth > MAX_DEPTH) throw new TreeLimit(`the YAML is nested more than ${MAX_DEPTH} levels deep`, span);
  if (viaAlias && ++budget.aliasNodes > MAX_ALIAS_NODES) {
    throw new TreeLimit(`aliases expand to more than ${MAX_ALIAS_NODES} nodes`, viaAlias);
  }
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) throw new TreeLimit(`unresolved alias *${node.source}`, span);
    return convert(doc, target as YamlNode, offset, depth + 1, budget, span);
  }
  if (isMap(node)) {
    const entries = [];
    // Scalar keys already seen, by type and value (as the `yaml` package compares them: `1` and "1"
    // differ); the whole repeated key is the offending token.
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      if (keyNode && isScalar(keyNode) && !viaAlias) {
        const identity = `${typeof keyNode.value}:${String(keyNode.value)}`;
        if (seen.has(identity)) throw new TreeLimit(DUPLICATE_KEY, spanOf(keyNode, offset));
        seen.add(identity);
      }
      const keySpan = keyNode && !viaAlias ? spanOf(keyNode, offset) : span;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      const valueNode = pair.value as YamlNode | null;
      const value: Node = valueNode
        ? convert(doc, valueNode, offset, depth + 1, budget, viaAlias)
        : { kind: 'scalar', value: null, span: keySpan };
      entries.push({ key, keySpan, value });
    }
    return { kind: 'object', span, entries };
  }
  if (isSeq(node)) {
    return { kind: 'array', span, items: node.items.map((item) => convert(doc, item as YamlNode, offset, depth + 1, budget, viaAlias)) };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    return { kind: 'scalar', span, value: typeof value === 'number' && !Number.isFinite(value) ? String(node.source ?? value) : value };
  }
  return { kind: 'scalar', span, value: null };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
