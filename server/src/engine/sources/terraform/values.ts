// Expressions to values. Literals are values; `var.x` and `local.y` are followed to where their
// value is written (a variable default, a tfvars line, a locals entry); everything Terraform only
// knows at plan or apply time is unknown, with the expression that makes it so.

import type { Scalar } from '../../types';
import { type Attribute, type Expr, type HclFile, MAX_NESTING, shorten } from './module';

/** What `var.x` and `local.y` mean: a Terraform module. Generic HCL and tfvars resolve nothing. */
export interface Scope {
  /** Display name of the module folder, for messages. */
  folder: string;
  variables: Map<string, { file: HclFile; default?: Attribute; broken: boolean }>;
  /** tfvars values by variable name: the last file setting it wins. */
  tfvars: Map<string, { file: HclFile; attribute: Attribute }>;
  locals: Map<string, { file: HclFile; attribute: Attribute }>;
  /** Module files with syntax errors: a name missing from the scope may be in their broken part. */
  broken: HclFile[];
}

/** An expression and the file it is written in. */
export interface Place {
  file: HclFile;
  expr: Expr;
}

/** How a place was reached: `local.a ← var.b`, and where the last step's value is written. */
export interface Trail {
  chain: string[];
  /** `set in terraform.tfvars`, `default in variables.tf`. */
  where?: string;
}

export type Outcome =
  | { known: true; value: unknown; place: Place; trail: Trail }
  | { known: false; place: Place; trail: Trail; reason?: string };

/** A place reached by walking keys; `unknown` when an unknowable expression stood in the way. */
export interface Reached {
  place: Place;
  trail: Trail;
  unknown?: boolean;
  reason?: string;
  /** The map keys and list indexes walked (for names like `tags.Environment` → `Environment`). */
  keys?: (string | number)[];
}

/** `*` in a path: every entry of a map, every item of a list. */
export const ANY = Symbol('any');
export type PathStep = string | number | typeof ANY;

const MAX_STEPS = 100_000;

export class Evaluator {
  private steps = 0;
  private scopeRead = false;
  private scopeValue: Scope | undefined;

  /** The scope is read on first use: literal values need no sibling files. */
  constructor(
    private readonly readScope: () => Scope | undefined,
    /** Terraform names what references mean; generic HCL and tfvars leave them unexplained. */
    private readonly terraform = true,
  ) {}

  private get scope(): Scope | undefined {
    if (!this.scopeRead) {
      this.scopeValue = this.readScope();
      this.scopeRead = true;
    }
    return this.scopeValue;
  }

  /** Follows `var`/`local` references (and their steps) to the expression that holds the value. */
  follow(place: Place, trail: Trail, depth = 0): Reached {
    let current: Reached = { place, trail };
    const seen = new Set<string>();
    for (let hops = 0; current.place.expr.kind === 'ref'; hops++) {
      const ref = current.place.expr;
      const target = this.target(ref.root, ref.steps[0]);
      if (!target) return { ...current, unknown: true, reason: this.refReason(ref) };
      if ('reason' in target) return { ...current, unknown: true, reason: target.reason };
      const name = `${ref.root}.${String(ref.steps[0])}`;
      if (seen.has(name)) return { ...current, unknown: true, reason: `${name} refers to itself` };
      if (hops + depth > MAX_NESTING) return { ...current, unknown: true, reason: 'the references nest too deeply' };
      seen.add(name);
      const trailHere: Trail = { chain: [...current.trail.chain, name], where: target.where };
      // The steps after the name navigate into the value found there.
      const inside = this.navigateAll(target.place, ref.steps.slice(1), trailHere, depth + hops + 1)[0];
      if (!inside) return { ...current, unknown: true, reason: `${exprText(current.place)} selects nothing in the value of ${name}` };
      if (inside.unknown) return inside;
      current = inside;
    }
    return current;
  }

  /** Walks map keys and list indexes from a place, following references on the way. */
  navigateAll(place: Place, steps: readonly PathStep[], trail: Trail, depth = 0, keys: (string | number)[] = []): Reached[] {
    if (steps.length === 0) return [{ place, trail, keys }];
    if (++this.steps > MAX_STEPS) return [{ place, trail, keys, unknown: true, reason: 'the selection is too large to evaluate' }];
    const followed = this.follow(place, trail, depth);
    if (followed.unknown) return [{ ...followed, keys: [...keys, ...steps.map((s) => (s === ANY ? '*' : s))] }];
    if (depth > MAX_NESTING) return [{ ...followed, unknown: true, reason: `nested more than ${MAX_NESTING} levels deep`, keys }];
    const { expr, file } = followed.place;
    const [step, ...rest] = steps;
    const next = (e: Expr, key: string | number) => this.navigateAll({ file, expr: e }, rest, followed.trail, depth + 1, [...keys, key]);
    const unknown = (): Reached[] => [{ ...followed, unknown: true, keys: [...keys, ...steps.map((s) => (s === ANY ? '*' : s))] }];
    if (expr.kind === 'object') {
      if (step === ANY) return expr.entries.flatMap((e) => (e.key === undefined ? unknown() : next(e.value, e.key)));
      const key = String(step);
      const entry = expr.entries.findLast((e) => e.key === key);
      if (entry) return next(entry.value, key);
      // A computed key might be this one.
      if (expr.entries.some((e) => e.key === undefined)) return unknown();
      return [];
    }
    if (expr.kind === 'tuple') {
      if (step === ANY) return expr.items.flatMap((item, i) => next(item, i));
      const index = typeof step === 'number' ? step : /^\d+$/.test(step) ? Number(step) : undefined;
      const item = index === undefined ? undefined : expr.items[index];
      return item && index !== undefined ? next(item, index) : [];
    }
    if (expr.kind === 'literal' || expr.kind === 'template') return [];
    // Calls, conditionals, operations: the shape is not known statically.
    return unknown();
  }

  /** The value of a place: a scalar, a list or a map, or unknown. */
  evaluate(place: Place, trail: Trail = { chain: [] }): Outcome {
    const followed = this.follow(place, trail);
    if (followed.unknown) return { known: false, place: followed.place, trail: followed.trail, reason: followed.reason };
    const result = this.value(followed.place.file, followed.place.expr, 0, new Set());
    if (result.known) return { known: true, value: result.value, place: followed.place, trail: followed.trail };
    return { known: false, place: followed.place, trail: followed.trail, reason: result.reason };
  }

  private value(file: HclFile, expr: Expr, depth: number, visiting: Set<string>): { known: true; value: unknown } | { known: false; reason?: string } {
    if (++this.steps > MAX_STEPS) return { known: false, reason: 'the expression is too large to evaluate' };
    if (depth > MAX_NESTING) return { known: false, reason: `nested more than ${MAX_NESTING} levels deep` };
    switch (expr.kind) {
      case 'literal':
        return { known: true, value: expr.value };
      case 'tuple': {
        const items: unknown[] = [];
        for (const item of expr.items) {
          const v = this.value(file, item, depth + 1, visiting);
          if (!v.known) return v;
          items.push(v.value);
        }
        return { known: true, value: items };
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const entry of expr.entries) {
          if (entry.key === undefined) return { known: false };
          const v = this.value(file, entry.value, depth + 1, visiting);
          if (!v.known) return v;
          Object.defineProperty(out, entry.key, { value: v.value, enumerable: true, writable: true, configurable: true });
        }
        return { known: true, value: out };
      }
      case 'ref': {
        const name = `${expr.root}.${String(expr.steps[0])}`;
        if (visiting.has(name)) return { known: false, reason: `${name} refers to itself` };
        const followed = this.follow({ file, expr }, { chain: [] }, depth);
        if (followed.unknown) return { known: false, reason: followed.reason };
        visiting.add(name);
        try {
          return this.value(followed.place.file, followed.place.expr, depth + 1, visiting);
        } finally {
          visiting.delete(name);
        }
      }
      case 'template': {
        let out = '';
        for (const part of expr.parts) {
          if (typeof part === 'string') {
            out += part;
            continue;
          }
          const v = this.value(file, part, depth + 1, visiting);
          if (!v.known) return v;
          if (!isTemplateScalar(v.value)) return { known: false };
          out += String(v.value);
        }
        return { known: true, value: out };
      }
      case 'unary': {
        const v = this.value(file, expr.operand, depth + 1, visiting);
        if (!v.known) return v;
        if (expr.op === '-' && typeof v.value === 'number') return { known: true, value: -v.value };
        if (expr.op === '!' && typeof v.value === 'boolean') return { known: true, value: !v.value };
        return { known: false };
      }
      case 'binary': {
        const l = this.value(file, expr.left, depth + 1, visiting);
        if (!l.known) return l;
        const r = this.value(file, expr.right, depth + 1, visiting);
        if (!r.known) return r;
        const v = binary(expr.op, l.value, r.value);
        return v === undefined ? { known: false } : { known: true, value: v };
      }
      case 'conditional': {
        const test = this.value(file, expr.test, depth + 1, visiting);
        if (!test.known || typeof test.value !== 'boolean') return { known: false };
        return this.value(file, test.value ? expr.then : expr.else, depth + 1, visiting);
      }
      case 'opaque':
        return { known: false, reason: expr.reason };
    }
  }

  /** Where `var.x` / `local.y` is written; undefined for references Terraform resolves later. */
  private target(root: string, name: string | number | undefined): { place: Place; where: string } | { reason: string } | undefined {
    const scope = this.scope;
    if (!scope || typeof name !== 'string') return undefined;
    if (root === 'var') {
      const set = scope.tfvars.get(name);
      const declared = scope.variables.get(name);
      const assignment = new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*=`, 'm');
      if (!declared) {
        const hidden = scope.broken.find((f) => new RegExp(`\\bvariable[ \\t]+"?${escapeRegExp(name)}\\b`).test(f.text));
        return { reason: hidden ? `var.${name} cannot be read: ${baseName(hidden.rel)} has a syntax error` : `no variable "${name}" is declared in ${scope.folder}` };
      }
      if (set) return { place: { file: set.file, expr: set.attribute.expr }, where: `set in ${baseName(set.file.rel)}` };
      // A tfvars file whose broken part seems to set it: its value is not known.
      const jsonKey = new RegExp(`"${escapeRegExp(name)}"[ \\t]*:`);
      const brokenTfvars = scope.broken.find((f) => isTfvarsFile(f) && (f.rel.endsWith('.json') ? jsonKey : assignment).test(f.text));
      if (brokenTfvars) return { reason: `var.${name} cannot be read: ${baseName(brokenTfvars.rel)} has a syntax error` };
      if (declared.default) return { place: { file: declared.file, expr: declared.default.expr }, where: `default in ${baseName(declared.file.rel)}` };
      if (declared.broken) return { reason: `var.${name} cannot be read: ${baseName(declared.file.rel)} has a syntax error` };
      return { reason: `var.${name} has no default and no tfvars value` };
    }
    if (root === 'local') {
      const local = scope.locals.get(name);
      if (!local) {
        const hidden = scope.broken.find((f) => !isTfvarsFile(f) && new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*=`, 'm').test(f.text));
        return { reason: hidden ? `local.${name} cannot be read: ${baseName(hidden.rel)} has a syntax error` : `no local "${name}" is defined in ${scope.folder}` };
      }
      return { place: { file: local.file, expr: local.attribute.expr }, where: `set in ${baseName(local.file.rel)}` };
    }
    return undefined;
  }

  private refReason(ref: Expr & { kind: 'ref' }): string | undefined {
    if (!this.terraform) return undefined;
    switch (ref.root) {
      case 'data':
        return 'read from a data source when Terraform plans';
      case 'module':
        return 'an output of another module';
      case 'each':
      case 'count':
        return 'it differs per instance';
      case 'path':
      case 'terraform':
      case 'self':
        return undefined;
      default:
        return ref.steps.length >= 2 ? 'an attribute of another resource' : undefined;
    }
  }
}

function isTemplateScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function binary(op: string, l: unknown, r: unknown): Scalar | undefined {
  if (op === '==' || op === '!=') {
    if (typeof l === 'object' || typeof r === 'object') return undefined;
    return op === '==' ? l === r : l !== r;
  }
  if (op === '&&' || op === '||') {
    if (typeof l !== 'boolean' || typeof r !== 'boolean') return undefined;
    return op === '&&' ? l && r : l || r;
  }
  if (typeof l !== 'number' || typeof r !== 'number') return undefined;
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return r === 0 ? undefined : l / r;
    case '%':
      return r === 0 ? undefined : l % r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    case '>=':
      return l >= r;
    default:
      return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isTfvarsFile(file: HclFile): boolean {
  return /\.tfvars(\.json)?$/.test(file.rel);
}

function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/** The source text of an expression, on one line and cut to about 80 characters. */
export function exprText(place: Place): string {
  return shorten(place.file.text.slice(place.expr.span.start, place.expr.span.end), 80);
}

/** `via local.a ← var.b, set in terraform.tfvars`, plus why a value is unknown. */
export function describeTrail(trail: Trail, reason?: string, text?: string): string | undefined {
  const parts: string[] = [];
  if (trail.chain.length > 0) parts.push(`via ${trail.chain.join(' ← ')}`);
  if (trail.where && reason === undefined) parts.push(trail.where);
  if (reason !== undefined) {
    // "(var.x, var.x has no default…)" would repeat itself: "(var.x, which has no default…)".
    const repeats = parts.length === 0 && text !== undefined && reason.startsWith(`${text} `);
    parts.push(repeats ? `which ${reason.slice(text.length + 1)}` : reason);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

