// Completion in a policy's front matter: keys from the JSON Schema (with their docs), control ids with
// titles, cadence words, `expect` operators, workspace files in `file:`, and in `at:` the paths that
// really exist in the target file. Works on the text as typed: the line structure gives the context,
// so a half-written (unparsable) front matter still completes.

import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { CADENCE_WORDS } from '../../engine/cadence';
import { findHeader } from '../../engine/policy/document';
import { policySchema } from '../../engine/policy/schema';
import { formatFor } from '../../engine/sources/formats';
import type { FeatureContext } from './context';

interface Schema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  enum?: string[];
  $ref?: string;
}

export interface YamlContext {
  /** Keys from the root to the mapping the cursor is in; `[]` marks a list item. */
  path: string[];
  mode: 'key' | 'value';
  /** The key whose value is being typed (value mode). */
  key?: string;
  prefix: string;
  /** Offset where the typed prefix starts (for the replace range). */
  prefixStart: number;
  /** Line index of the current line, and of the line starting the enclosing list item or mapping. */
  line: number;
}

export function completion(context: FeatureContext, position: Position): CompletionItem[] {
  const text = context.text(context.rel);
  const header = findHeader(text);
  const offset = context.offsetAt(position);
  if (!header || header.layout !== 'tenet' || offset < header.yaml.start || offset > header.yaml.end) return [];
  const lines = text.slice(0, header.yaml.end).split(/\r?\n|\r/);
  const at = yamlContext(lines, position.line, position.character);
  if (!at) return [];
  const range = { start: { line: position.line, character: position.character - at.prefix.length }, end: position };
  const items = at.mode === 'key' ? keyItems(at, lines) : valueItems(context, at, lines);
  return items.filter((i) => (i.filterText ?? i.label).toLowerCase().includes(at.prefix.toLowerCase().replace(/^["']/, ''))).map((i) => ({ ...i, textEdit: { range, newText: i.insertText ?? i.label }, insertText: undefined }));
}

/** Reads the cursor's place in block YAML from indentation: the enclosing keys, and key or value. */
export function yamlContext(lines: string[], line: number, character: number): YamlContext | undefined {
  const current = lines[line] ?? '';
  const before = current.slice(0, character);
  if (/^\s*#/.test(before) || before.trim() === '---') return undefined;
  let m: RegExpExecArray | null;
  let indent: number;
  let mode: 'key' | 'value';
  let key: string | undefined;
  let prefix: string;
  let item = false;
  if ((m = /^(\s*)(- )?([\w-]*)$/.exec(before))) {
    indent = m[1].length + (m[2] ? 2 : 0);
    mode = 'key';
    prefix = m[3];
    item = m[2] !== undefined;
  } else if ((m = /^(\s*)(- )?([\w-]+):\s*(.*)$/.exec(before))) {
    indent = m[1].length + (m[2] ? 2 : 0);
    mode = 'value';
    key = m[3];
    item = m[2] !== undefined;
    // In a flow list (`controls: [CC6.1, CC`) only the last element is being typed.
    prefix = m[4].includes('[') ? m[4].slice(Math.max(m[4].lastIndexOf('['), m[4].lastIndexOf(',')) + 1).trimStart() : m[4];
  } else if ((m = /^(\s*)- (.*)$/.exec(before))) {
    // A block list item's value: `  - CC6` under `controls:`.
    indent = m[1].length;
    mode = 'value';
    prefix = m[2];
    const parent = enclosing(lines, line, indent + 1);
    return parent ? { path: parent.path, mode, key: parent.key, prefix, prefixStart: character - prefix.length, line } : undefined;
  } else {
    return undefined;
  }
  const parent = enclosing(lines, line, indent);
  const path = parent ? [...parent.path, parent.key, ...(item || parent.itemIndent === indent ? ['[]'] : [])] : [];
  return { path: path.filter((p) => p !== ''), mode, key, prefix, prefixStart: character - prefix.length, line };
}

/** The nearest line above with less indentation that opens a mapping (`key:` with nothing after). */
function enclosing(lines: string[], line: number, indent: number): { path: string[]; key: string; itemIndent?: number } | undefined {
  let itemIndent: number | undefined;
  for (let i = line - 1; i >= 0; i--) {
    const m = /^(\s*)(- )?([\w-]+):\s*(#.*)?$/.exec(lines[i]);
    const bare = /^(\s*)- /.exec(lines[i]);
    if (bare && !m && bare[1].length < indent) return undefined;
    if (!m) {
      const own = /^(\s*)(- )?[\w-]+:/.exec(lines[i]);
      if (own && own[2] && own[1].length + 2 === indent) itemIndent = indent;
      continue;
    }
    const keyIndent = m[1].length + (m[2] ? 2 : 0);
    if (m[2] && keyIndent === indent) itemIndent = indent;
    if (keyIndent >= indent) continue;
    const outer = enclosing(lines, i, keyIndent);
    const path = outer ? [...outer.path, outer.key, ...(m[2] || outer.itemIndent === keyIndent ? ['[]'] : [])] : [];
    return { path: path.filter((p) => p !== ''), key: m[3], itemIndent };
  }
  return undefined;
}

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.replace('#/definitions/', '');
  return resolve((policySchema as unknown as { definitions: Record<string, Schema> }).definitions[name]);
}

function schemaAt(path: string[]): Schema | undefined {
  let schema = resolve(policySchema as unknown as Schema);
  for (const segment of path) {
    if (!schema) return undefined;
    if (segment === '[]') schema = resolve(schema.items);
    else schema = resolve(schema.properties?.[segment] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined));
  }
  return schema;
}

function keyItems(at: YamlContext, lines: string[]): CompletionItem[] {
  const schema = schemaAt(at.path);
  const present = siblingKeys(lines, at.line);
  return Object.entries(schema?.properties ?? {})
    .filter(([name]) => !present.has(name))
    .map(([name, property]) => {
      const resolved = resolve(property);
      const opensBlock = resolved?.type === 'object' || (resolved?.type === 'array' && name !== 'controls' && name !== 'approvers');
      return {
        label: name,
        kind: CompletionItemKind.Property,
        documentation: property.description ?? resolved?.description ? { kind: MarkupKind.Markdown, value: property.description ?? resolved?.description ?? '' } : undefined,
        insertText: opensBlock ? `${name}:` : `${name}: `,
      };
    });
}

/** Keys already written in the mapping the cursor line belongs to. */
function siblingKeys(lines: string[], line: number): Set<string> {
  const indent = /^(\s*)(- )?/.exec(lines[line] ?? '')!;
  const width = indent[1].length + (indent[2] ? 2 : 0);
  const keys = new Set<string>();
  for (const direction of [-1, 1]) {
    for (let i = line + direction; i >= 0 && i < lines.length; i += direction) {
      const m = /^(\s*)(- )?([\w-]+):/.exec(lines[i]);
      const lineIndent = m ? m[1].length + (m[2] ? 2 : 0) : /^(\s*)/.exec(lines[i])![1].length;
      if (lines[i].trim() === '' || lineIndent > width) continue;
      if (lineIndent < width || (m?.[2] && direction === -1 && lineIndent === width && i !== line)) {
        if (m?.[2] && lineIndent === width) keys.add(m[3]);
        break;
      }
      if (m) keys.add(m[3]);
    }
  }
  return keys;
}

const OPERATORS: [string, string][] = [
  ['">= "', 'at least (numbers or dates)'],
  ['"<= "', 'at most (numbers or dates)'],
  ['"> "', 'more than'],
  ['"< "', 'less than'],
  ['"== "', 'equal to'],
  ['"!= "', 'not equal to'],
  ['"within 12 months"', 'a date no older than this before today'],
  ['"matches "', 'a regular expression (RE2) every value must match'],
  ['exists', 'the selector selects something'],
  ['absent', 'the selector selects nothing'],
  ['{oneOf: []}', 'every value is one of the list'],
  ['{noneOf: []}', 'no value is one of the list'],
  ['{noneMatch: ""}', 'no value matches the regular expression'],
  ['{count: ">= 1"}', 'the number of selected values'],
  ['{subsetOf: {file: , at: }}', 'every value appears in another file\'s selection'],
];

function valueItems(context: FeatureContext, at: YamlContext, lines: string[]): CompletionItem[] {
  const { session } = context.project;
  const key = at.key ?? '';
  if (key === 'controls' || at.path.at(-1) === 'controls') {
    return [...session.catalog.controls.values()].map((c, i) => ({
      label: c.id,
      kind: CompletionItemKind.EnumMember,
      detail: c.title,
      documentation: { kind: MarkupKind.Markdown, value: c.summary },
      sortText: String(i).padStart(3, '0'),
    }));
  }
  if (key === 'every') return Object.entries(CADENCE_WORDS).map(([word, d]) => ({ label: word, kind: CompletionItemKind.EnumMember, detail: `every ${d.amount} ${d.unit}` }));
  if (key === 'expect') {
    return OPERATORS.map(([label, detail], i) => ({ label, kind: CompletionItemKind.Operator, detail, sortText: String(i).padStart(2, '0'), filterText: label.replace(/^["{]/, '') }));
  }
  if (key === 'severity') return ['error', 'warning', 'info'].map((s) => ({ label: s, kind: CompletionItemKind.EnumMember }));
  if (['last', 'expires', 'effective'].includes(key) && session.today) return [{ label: session.today, kind: CompletionItemKind.Value, detail: 'today' }];
  if (key === 'requirement' && at.path.includes('exceptions')) {
    return (session.policy(context.rel)?.parsed.policy.requirements ?? []).map((r) => ({ label: r.id, kind: CompletionItemKind.Reference }));
  }
  if (key === 'file') {
    return context.project.fs
      .list()
      .filter((f) => formatFor(f) !== undefined && !f.toLowerCase().endsWith('.md'))
      .map((f) => ({ label: f, kind: CompletionItemKind.File }));
  }
  if (key === 'at') {
    const file = siblingValue(lines, at.line, 'file');
    if (!file) return [];
    const load = session.store.load(file);
    if (!load.ok) return [];
    // Typed after an opening quote, the path continues inside it; else it is written plain, quoted only
    // where YAML needs it.
    const quote = /^["']/.test(at.prefix) ? at.prefix[0] : '';
    return (load.source.suggest?.() ?? []).map((path) => ({
      label: path,
      kind: CompletionItemKind.Field,
      detail: load.rel,
      filterText: quote + path,
      insertText: quote ? quote + path : /: | #|^[@`'"!&*|>%]/.test(path) ? JSON.stringify(path) : path,
    }));
  }
  return [];
}

/** The value of a sibling key in the same mapping or list item (`file:` beside `at:`). */
function siblingValue(lines: string[], line: number, key: string): string | undefined {
  const own = /^(\s*)(- )?/.exec(lines[line] ?? '')!;
  const width = own[1].length + (own[2] ? 2 : 0);
  for (const direction of [-1, 1]) {
    for (let i = line; i >= 0 && i < lines.length; i += direction) {
      const m = /^(\s*)(- )?([\w-]+):\s*(.*?)\s*(#.*)?$/.exec(lines[i]);
      if (!m) continue;
      const indent = m[1].length + (m[2] ? 2 : 0);
      if (indent < width) break;
      if (indent === width && m[3] === key) return m[4].replace(/^["']|["']$/g, '');
      if (i !== line && m[2] && indent === width) break;
    }
  }
  return undefined;
}
