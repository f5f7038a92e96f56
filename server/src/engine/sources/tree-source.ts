// Formats that read into a value tree (JSON, YAML, and later TOML/INI/dotenv) share JSONPath selection.

import { entry, toPlain, type Node } from '../tree';
import type { Scalar } from '../types';
import { compileJsonPath, queryTree } from './jsonpath';
import type { LoadedSource, SelectedValue, Selection, SourceProblem } from './source';
import type { TextProblem } from './limits';

export function treeSource(file: string, format: string, root: Node | undefined, problems: TextProblem[]): LoadedSource {
  const problem: SourceProblem | undefined = problems[0] && { ...problems[0], file };
  let plain: unknown;
  let plainReady = false;
  return {
    file,
    format,
    problem,
    suggest: () => (root ? suggestPaths(root) : []),
    select(at: string): Selection {
      const compiled = compileJsonPath(at);
      if (!compiled.ok) return compiled;
      if (problem || root === undefined) return { ok: true, values: [] };
      if (!plainReady) {
        plain = toPlain(root);
        plainReady = true;
      }
      const result = queryTree(compiled.query, root, plain);
      if (!result.ok) return result;
      return {
        ok: true,
        values: result.matches.map(({ node, location, value }): SelectedValue => {
          const parent = location.length > 0 ? parentNode(root, location) : undefined;
          return {
            file,
            span: node.span,
            name: lastName(location),
            // The query's own plain value: a copy per match (toPlain) cost the subtree's size for each
            // match, so `$..*` over a deep document copied it once per level.
            value,
            row: parent?.kind === 'object' ? (field) => rowField(parent, field) : undefined,
          };
        }),
      };
    },
  };
}

function parentNode(root: Node, location: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of location.slice(0, -1)) {
    if (node?.kind === 'object') node = entry(node, String(key))?.value;
    else if (node?.kind === 'array' && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return node;
}

function rowField(row: Node & { kind: 'object' }, field: string): Scalar | undefined {
  const value = entry(row, field)?.value;
  return value?.kind === 'scalar' ? value.value : undefined;
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
export function suggestPaths(root: Node): string[] {
  const out = new Set<string>();
  const walk = (node: Node, path: string, depth: number) => {
    if (out.size >= MAX_SUGGESTIONS || depth > 12) return;
    if (node.kind === 'object') {
      for (const e of node.entries) {
        const next = /^[A-Za-z_][\w]*$/.test(e.key) ? `${path}.${e.key}` : `${path}[${JSON.stringify(e.key).replace(/^"|"$/g, "'")}]`;
        out.add(next);
        walk(e.value, next, depth + 1);
      }
    } else if (node.kind === 'array' && node.items.length > 0) {
      const next = `${path}[*]`;
      out.add(next);
      for (const item of node.items.slice(0, 50)) walk(item, next, depth + 1);
    }
  };
  walk(root, '$', 0);
  return [...out];
}
