// Reads HCL text into plain blocks, attributes and expressions with their spans, then frees the
// tree-sitter tree. A Terraform module is every `.tf` file of a folder plus its tfvars files.

import type { Node as TsNode } from 'web-tree-sitter';
import { pushTo } from '../../collections';
import { intern, type Node as TreeNode } from '../../tree';
import type { Scalar, Span } from '../../types';
import { parseJsonTree } from '../json-tree';
import type { LoadContext } from '../source';
import { type Dialect, parseText, parserProblem } from './parser';

export const SYNTAX_REASON = 'the file has a syntax error there';

/** Deeper blocks and expressions than this are not followed (their values are unknown). */
export const MAX_NESTING = 200;

export type Expr =
  | { kind: 'literal'; span: Span; value: Scalar }
  | { kind: 'tuple'; span: Span; items: Expr[] }
  | { kind: 'object'; span: Span; entries: ObjectEntry[] }
  /** `var.x.y[0]`: a root name and static steps. */
  | { kind: 'ref'; span: Span; root: string; steps: (string | number)[] }
  /** A string template: literal text and interpolated expressions. */
  | { kind: 'template'; span: Span; parts: (string | Expr)[] }
  | { kind: 'unary'; span: Span; op: string; operand: Expr }
  | { kind: 'binary'; span: Span; op: string; left: Expr; right: Expr }
  | { kind: 'conditional'; span: Span; test: Expr; then: Expr; else: Expr }
  /** Never known statically: function calls, `for`, splats, template directives, broken syntax. */
  | { kind: 'opaque'; span: Span; reason?: string };

export interface ObjectEntry {
  /** Undefined for a computed key (`(var.k) = …`). */
  key: string | undefined;
  value: Expr;
}

export interface Attribute {
  name: string;
  span: Span;
  expr: Expr;
}

export interface Block {
  type: string;
  labels: string[];
  /** The block's type and labels, where findings about the block as a whole point. */
  head: Span;
  body: Body;
  /** Holds a syntax error: what is missing from it may just be unreadable. */
  broken: boolean;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface HclFile {
  rel: string;
  text: string;
  dialect: Dialect;
  body: Body;
  /** The first syntax error (tree-sitter recovers: the rest of the file is still read). */
  syntax?: { message: string; span: Span };
  /** Set when the file could not be parsed at all. */
  failure?: string;
}

const EMPTY_BODY: Body = { attributes: [], blocks: [] };

// ---------------------------------------------------------------------------------------------
// Parsing, cached by path and text: a module's files are shared by every source in the folder.

const CACHE_LIMIT = 512;
const cache = new Map<string, HclFile>();

export function dialectOf(rel: string): Dialect {
  return /\.hcl$/i.test(rel) ? 'hcl' : 'terraform';
}

export function parseFile(rel: string, text: string): HclFile {
  const dialect = dialectOf(rel);
  const key = `${dialect}:${rel}`;
  const hit = cache.get(key);
  if (hit && hit.text === text) {
    // Most recently used last, so the oldest entry is the one evicted.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const file = readFile(rel, text, dialect);
  // A file read before the parser was ready is not worth remembering.
  if (file.failure === undefined) {
    cache.delete(key);
    cache.set(key, file);
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return file;
}

function readFile(rel: string, text: string, dialect: Dialect): HclFile {
  const unavailable = parserProblem();
  if (unavailable !== undefined) return { rel, text, dialect, body: EMPTY_BODY, failure: unavailable };
  const tree = parseText(text, dialect);
  if (!tree) return { rel, text, dialect, body: EMPTY_BODY, failure: 'the parser gave up on this file' };
  try {
    const root = tree.rootNode;
    const body = root.namedChildren.find((n) => n?.type === 'body');
    return { rel, text, dialect, body: body ? readBody(body, text, 0) : EMPTY_BODY, syntax: root.hasError ? firstSyntaxError(root, text) : undefined };
  } finally {
    tree.delete();
  }
}

/** The first ERROR or MISSING node in document order, as a message at its first token. */
function firstSyntaxError(root: TsNode, text: string): { message: string; span: Span } | undefined {
  const stack: TsNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing) {
      // A missing token has no width: underline the character where it was expected, if any.
      const start = node.startIndex;
      const end = node.endIndex > start ? node.endIndex : start < text.length && !/\s/.test(text[start]) ? start + 1 : start;
      return { message: `syntax error, missing ${JSON.stringify(node.type)}`, span: { start, end } };
    }
    if (node.type === 'ERROR') {
      let token = node;
      while (token.childCount > 0 && token.firstChild && token.firstChild.endIndex > token.firstChild.startIndex) token = token.firstChild;
      const shown = shorten(text.slice(token.startIndex, token.endIndex), 30);
      const span = { start: token.startIndex, end: Math.max(token.endIndex, token.startIndex) };
      return { message: shown === '' ? 'syntax error' : `syntax error, unexpected ${JSON.stringify(shown)}`, span };
    }
    // Children in reverse, so the first child is visited first; only subtrees holding an error.
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && (child.hasError || child.isMissing)) stack.push(child);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Tree conversion. Offsets from web-tree-sitter are UTF-16 code units, like the engine's spans.

/** A node's text, sliced from the source (cheaper than asking the tree). */
function textOf(node: TsNode, text: string): string {
  return text.slice(node.startIndex, node.endIndex);
}

function spanOf(node: TsNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

function named(node: TsNode): TsNode[] {
  return node.namedChildren.filter((n): n is TsNode => n !== null && n.type !== 'comment');
}

function readBody(node: TsNode, text: string, depth: number): Body {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  if (depth > MAX_NESTING) return { attributes, blocks };
  for (const child of named(node)) {
    if (child.type === 'attribute') {
      const attribute = readAttribute(child, text, depth);
      if (attribute) attributes.push(attribute);
    } else if (child.type === 'block') {
      const block = readBlock(child, text, depth + 1);
      if (block) blocks.push(block);
    }
  }
  // Files stay parsed for as long as they are loaded: lists grown by push keep spare room, copies do not.
  return { attributes: attributes.slice(), blocks: blocks.slice() };
}

function readAttribute(node: TsNode, text: string, depth: number): Attribute | undefined {
  const children = named(node);
  const name = children[0];
  if (!name || name.type !== 'identifier') return undefined;
  const span = spanOf(node);
  const value = children.find((c) => c.type === 'expression');
  // A broken attribute's value cannot be trusted: tree-sitter may have glued the next line to it.
  const expr: Expr = node.hasError || !value ? { kind: 'opaque', span, reason: SYNTAX_REASON } : readExpression(value, text, depth + 1);
  return { name: intern(textOf(name, text)), span, expr };
}

function readBlock(node: TsNode, text: string, depth: number): Block | undefined {
  const children = named(node);
  const type = children[0];
  if (!type || type.type !== 'identifier') return undefined;
  const labels: string[] = [];
  let headEnd = type.endIndex;
  let body: Body = EMPTY_BODY;
  for (const child of children.slice(1)) {
    if (child.type === 'string_lit') {
      labels.push(intern(stringLiteral(child, text) ?? textOf(child, text)));
      headEnd = child.endIndex;
    } else if (child.type === 'identifier') {
      labels.push(intern(textOf(child, text)));
      headEnd = child.endIndex;
    } else if (child.type === 'body') {
      body = readBody(child, text, depth);
    }
  }
  return { type: intern(textOf(type, text)), labels: labels.slice(), head: { start: type.startIndex, end: headEnd }, body, broken: node.hasError };
}

/** An `expression` node: a parenthesized expression, or a term with postfix steps. */
function readExpression(node: TsNode, text: string, depth: number): Expr {
  const span = spanOf(node);
  if (depth > MAX_NESTING) return { kind: 'opaque', span, reason: `nested more than ${MAX_NESTING} levels deep` };
  const children = named(node);
  if (children.length === 1 && children[0].type === 'expression') return readExpression(children[0], text, depth + 1);
  return readTerms(children, span, text, depth);
}

const POSTFIX = new Set(['get_attr', 'index', 'splat', 'attr_splat', 'full_splat', 'legacy_index', 'new_index']);

function readTerms(terms: TsNode[], span: Span, text: string, depth: number): Expr {
  const [primary, ...postfix] = terms;
  if (!primary) return { kind: 'opaque', span };
  if (postfix.length > 0 && !postfix.every((p) => POSTFIX.has(p.type))) return { kind: 'opaque', span };
  if (primary.type === 'variable_expr') {
    const steps: (string | number)[] = [];
    for (const step of postfix) {
      const key = staticStep(step, text, depth);
      if (key === undefined) return { kind: 'opaque', span };
      steps.push(key);
    }
    return { kind: 'ref', span, root: textOf(primary, text), steps: steps.slice() };
  }
  if (postfix.length > 0) return { kind: 'opaque', span };
  return readTerm(primary, text, depth);
}

/** `.name`, `[0]`, `["key"]`, `.0`; anything else (splats, computed indexes) is not static. */
function staticStep(node: TsNode, text: string, depth: number): string | number | undefined {
  if (node.type === 'get_attr') {
    const id = named(node).find((c) => c.type === 'identifier');
    return id && textOf(id, text);
  }
  if (node.type === 'index') {
    const inner = named(node)[0];
    if (!inner) return undefined;
    if (inner.type === 'legacy_index') {
      const digits = /^\.(\d+)$/.exec(textOf(inner, text));
      return digits ? Number(digits[1]) : undefined;
    }
    if (inner.type === 'new_index') {
      const key = named(inner)[0];
      if (!key || key.type !== 'expression') return undefined;
      const expr = readExpression(key, text, depth + 1);
      if (expr.kind !== 'literal') return undefined;
      if (typeof expr.value === 'number' && Number.isInteger(expr.value) && expr.value >= 0) return expr.value;
      return typeof expr.value === 'string' ? expr.value : undefined;
    }
  }
  return undefined;
}

function readTerm(node: TsNode, text: string, depth: number): Expr {
  const span = spanOf(node);
  if (depth > MAX_NESTING) return { kind: 'opaque', span, reason: `nested more than ${MAX_NESTING} levels deep` };
  switch (node.type) {
    case 'expression':
      return readExpression(node, text, depth + 1);
    case 'literal_value':
      return readLiteral(named(node)[0], span, text);
    case 'collection_value':
      return readCollection(named(node)[0], span, text, depth + 1);
    case 'template_expr':
      return readTemplate(named(node)[0], span, text, depth + 1);
    case 'operation':
      return readOperation(named(node)[0], span, text, depth + 1);
    case 'conditional': {
      const [test, then, otherwise] = named(node);
      if (!test || !then || !otherwise) return { kind: 'opaque', span };
      return { kind: 'conditional', span, test: readTerm(test, text, depth + 1), then: readTerm(then, text, depth + 1), else: readTerm(otherwise, text, depth + 1) };
    }
    case 'variable_expr':
      return { kind: 'ref', span, root: textOf(node, text), steps: [] };
    default:
      // function_call, for_expr and anything newer in the grammar.
      return { kind: 'opaque', span };
  }
}

function readLiteral(node: TsNode | undefined, span: Span, text: string): Expr {
  if (!node) return { kind: 'opaque', span };
  switch (node.type) {
    case 'numeric_lit': {
      const value = Number(textOf(node, text));
      return Number.isFinite(value) ? { kind: 'literal', span, value } : { kind: 'opaque', span };
    }
    case 'bool_lit':
      return { kind: 'literal', span, value: textOf(node, text) === 'true' };
    case 'null_lit':
      return { kind: 'literal', span, value: null };
    case 'string_lit': {
      const value = stringLiteral(node, text);
      return value === undefined ? { kind: 'opaque', span } : { kind: 'literal', span, value };
    }
    default:
      return { kind: 'opaque', span };
  }
}

function readCollection(node: TsNode | undefined, span: Span, text: string, depth: number): Expr {
  if (node?.type === 'tuple') {
    return { kind: 'tuple', span, items: named(node).filter((c) => c.type === 'expression').map((c) => readExpression(c, text, depth + 1)) };
  }
  if (node?.type === 'object') {
    const entries: ObjectEntry[] = [];
    for (const elem of named(node)) {
      if (elem.type !== 'object_elem') continue;
      const [keyNode, valueNode] = named(elem).filter((c) => c.type === 'expression');
      if (!keyNode || !valueNode) continue;
      entries.push({ key: objectKey(keyNode, text, depth), value: readExpression(valueNode, text, depth + 1) });
    }
    return { kind: 'object', span, entries: entries.slice() };
  }
  return { kind: 'opaque', span };
}

/** A bare identifier or a literal is a key; a parenthesized or templated key is computed. */
function objectKey(node: TsNode, text: string, depth: number): string | undefined {
  const children = named(node);
  if (children.length === 1 && children[0].type === 'variable_expr') return textOf(children[0], text);
  const expr = readExpression(node, text, depth + 1);
  if (expr.kind === 'literal' && expr.value !== null) return String(expr.value);
  return undefined;
}

function readOperation(node: TsNode | undefined, span: Span, text: string, depth: number): Expr {
  if (!node) return { kind: 'opaque', span };
  // Operands are a term and its postfix steps; the operator is the unnamed token between them.
  const groups: TsNode[][] = [[]];
  const ops: string[] = [];
  for (const child of node.children) {
    if (!child || child.type === 'comment') continue;
    if (child.isNamed) groups[groups.length - 1].push(child);
    else {
      ops.push(child.type);
      groups.push([]);
    }
  }
  const operand = (terms: TsNode[]): Expr => {
    const first = terms[0];
    const last = terms[terms.length - 1];
    if (!first || !last) return { kind: 'opaque', span };
    return readTerms(terms, { start: first.startIndex, end: last.endIndex }, text, depth + 1);
  };
  if (node.type === 'unary_operation' && ops.length === 1 && groups[0].length === 0) {
    return { kind: 'unary', span, op: ops[0], operand: operand(groups[1]) };
  }
  if (node.type === 'binary_operation' && ops.length === 1) {
    return { kind: 'binary', span, op: ops[0], left: operand(groups[0]), right: operand(groups[1]) };
  }
  return { kind: 'opaque', span };
}

/** A quoted string without interpolation; undefined when it has any. */
function stringLiteral(node: TsNode, text: string): string | undefined {
  const children = node.children.filter((c): c is TsNode => c !== null);
  const open = children.find((c) => c.type === 'quoted_template_start');
  const close = children.findLast((c) => c.type === 'quoted_template_end');
  if (!open || !close) return undefined;
  return unescapeQuoted(text.slice(open.endIndex, close.startIndex));
}

function readTemplate(node: TsNode | undefined, span: Span, text: string, depth: number): Expr {
  if (!node) return { kind: 'opaque', span };
  const children = node.children.filter((c): c is TsNode => c !== null);
  const dynamic = children.filter((c) => c.type === 'template_interpolation' || c.type === 'template_directive');
  if (dynamic.some((c) => c.type === 'template_directive')) return { kind: 'opaque', span };
  // Strip markers (`${~ x ~}`) trim surrounding whitespace; not worth modelling.
  if (dynamic.some((c) => /^\$\{~|~\}$/.test(textOf(c, text)))) return { kind: 'opaque', span };

  let start: number;
  let end: number;
  let literal: (raw: string, offset: number) => string;
  if (node.type === 'quoted_template') {
    const open = children.find((c) => c.type === 'quoted_template_start');
    const close = children.findLast((c) => c.type === 'quoted_template_end');
    if (!open || !close) return { kind: 'opaque', span };
    start = open.endIndex;
    end = close.startIndex;
    literal = (raw) => unescapeQuoted(raw);
  } else if (node.type === 'heredoc_template') {
    const marker = children.find((c) => c.type === 'heredoc_start');
    const ids = children.filter((c) => c.type === 'heredoc_identifier');
    if (!marker || ids.length < 2) return { kind: 'opaque', span };
    const firstLineEnd = text.indexOf('\n', ids[0].endIndex);
    start = firstLineEnd < 0 ? ids[0].endIndex : firstLineEnd + 1;
    end = text.lastIndexOf('\n', ids[ids.length - 1].startIndex) + 1;
    if (end < start) end = start;
    const indent = textOf(marker, text) === '<<-' ? heredocIndent(text.slice(start, end)) : 0;
    literal = (raw, offset) => unescapeHeredoc(dedent(raw, offset === start || text[offset - 1] === '\n', indent));
  } else {
    return { kind: 'opaque', span };
  }

  const parts: (string | Expr)[] = [];
  let at = start;
  for (const part of dynamic) {
    if (part.startIndex > at) parts.push(literal(text.slice(at, part.startIndex), at));
    const inner = named(part).find((c) => c.type === 'expression');
    parts.push(inner ? readExpression(inner, text, depth + 1) : { kind: 'opaque', span: spanOf(part) });
    at = part.endIndex;
  }
  if (end > at) parts.push(literal(text.slice(at, end), at));
  if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', span, value: parts.join('') };
  return { kind: 'template', span, parts: parts.slice() };
}

/** `<<-` removes the smallest indentation of the non-blank lines. */
function heredocIndent(content: string): number {
  let min = Infinity;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent < min) min = indent;
  }
  return Number.isFinite(min) ? min : 0;
}

function dedent(raw: string, atLineStart: boolean, indent: number): string {
  if (indent === 0) return raw;
  const strip = (line: string) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)![0].length));
  return raw
    .split('\n')
    .map((line, i) => (i > 0 || atLineStart ? strip(line) : line))
    .join('\n');
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeQuoted(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (escape === undefined) return match;
    if (escape.length > 1) {
      const code = parseInt(escape.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return ESCAPES[escape] ?? match;
  });
}

function unescapeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// ---------------------------------------------------------------------------------------------
// Modules: the folder's files, listed and read once per synchronous lint run per workspace.

export interface ModuleFiles {
  folder: string;
  /** `.tf` files, alphabetically. */
  tf: HclFile[];
  /** `terraform.tfvars`, then `*.auto.tfvars` alphabetically: later files win. */
  tfvars: HclFile[];
  /** Every module file consulted, plus `terraform.tfvars` even when absent (creating it matters). */
  reads: string[];
}

export function folderOf(rel: string): string {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? '' : rel.slice(0, slash);
}

function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/** The workspace listing (the SourceStore keeps it until a file appears or disappears). */
function listOnce(context: LoadContext): string[] {
  return context.list();
}

/** The last module read per folder: unchanged files give back the same object (and its scope). */
const modules = new WeakMap<LoadContext, Map<string, ModuleFiles>>();

/** Files by folder, per listing (a new listing is a new array). */
const folders = new WeakMap<string[], Map<string, string[]>>();

/** The names of a folder's module files, from the listing only. */
export function moduleNames(context: LoadContext, folder: string): { tf: string[]; tfvars: string[]; reads: string[] } {
  const prefix = folder === '' ? '' : `${folder}/`;
  const listing = listOnce(context);
  let byFolder = folders.get(listing);
  if (!byFolder) {
    folders.set(listing, (byFolder = new Map()));
    for (const f of [...listing].sort()) pushTo(byFolder, f.slice(0, Math.max(0, f.lastIndexOf('/'))), f);
  }
  const inFolder = byFolder.get(folder) ?? [];
  const tfvarsName = `${prefix}terraform.tfvars`;
  const tf = inFolder.filter((f) => f.endsWith('.tf'));
  // Terraform's order, later wins: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name.
  const tfvars = [
    ...inFolder.filter((f) => f === tfvarsName || f === `${tfvarsName}.json`),
    ...inFolder.filter((f) => f.endsWith('.auto.tfvars') || f.endsWith('.auto.tfvars.json')),
  ];
  return { tf, tfvars, reads: [...new Set([...tf, ...tfvars, tfvarsName])] };
}

/** A folder's module files, read now: an edited tfvars file is seen even by a source loaded earlier. */
export function moduleFiles(context: LoadContext, folder: string): ModuleFiles {
  const names = moduleNames(context, folder);
  const read = (rel: string): HclFile[] => {
    const r = context.read(rel);
    if (!r.ok) return [];
    return [rel.endsWith('.json') ? parseJsonTfvars(rel, r.text) : parseFile(rel, r.text)];
  };
  const fresh: ModuleFiles = { folder, tf: names.tf.flatMap(read), tfvars: names.tfvars.flatMap(read), reads: names.reads };
  let known = modules.get(context);
  if (!known) modules.set(context, (known = new Map()));
  const previous = known.get(folder);
  if (previous && sameFiles(previous.tf, fresh.tf) && sameFiles(previous.tfvars, fresh.tfvars)) return previous;
  known.set(folder, fresh);
  return fresh;
}

/** `*.tfvars.json`: a JSON object of variable values, read into the same shape as HCL. */
function parseJsonTfvars(rel: string, text: string): HclFile {
  const key = `json:${rel}`;
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit;
  const tree = parseJsonTree(text);
  const body: Body = { attributes: [], blocks: [] };
  if (tree.root?.kind === 'object') {
    for (const entry of tree.root.entries) {
      body.attributes.push({ name: entry.key, span: { start: entry.keySpan.start, end: entry.value.span.end }, expr: fromJson(entry.value) });
    }
  }
  const problem = tree.problems[0] ?? (tree.root && tree.root.kind !== 'object' ? { message: 'the file is not a JSON object', span: tree.root.span } : undefined);
  const file: HclFile = { rel, text, dialect: 'terraform', body, syntax: problem && { message: problem.message, span: problem.span } };
  cache.set(key, file);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return file;
}

function fromJson(node: TreeNode): Expr {
  switch (node.kind) {
    case 'scalar':
      return { kind: 'literal', span: node.span, value: node.value };
    case 'array':
      return { kind: 'tuple', span: node.span, items: node.items.map(fromJson) };
    case 'object':
      return { kind: 'object', span: node.span, entries: node.entries.map((e) => ({ key: e.key, value: fromJson(e.value) })) };
  }
}

function sameFiles(a: HclFile[], b: HclFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

export function isTfvars(rel: string): boolean {
  return /\.tfvars$/i.test(baseName(rel));
}
