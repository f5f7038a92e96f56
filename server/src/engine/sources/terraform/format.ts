// Terraform (`.tf`, `.tfvars`) and generic HCL (`.hcl`) sources: selection by address, values
// resolved through the module's variables, tfvars and locals, each reported where it is written.

import type { Scalar, Span } from '../../types';
import type { LoadContext, LoadedSource, SelectedValue, Selection, SourceFormat } from '../source';
import { lastName } from '../tree-source';
import { type Step, parseSelector, stepMatches, terraformTarget } from './address';
import { type Attribute, type Block, type Body, type HclFile, MAX_NESTING, type ModuleFiles, folderOf, isTfvars, moduleFiles, moduleNames, parseFile } from './module';
import { ANY, Evaluator, type PathStep, type Reached, type Scope, describeTrail, exprText } from './values';

export { prepareTerraform } from './parser';

type Kind = 'terraform' | 'tfvars' | 'hcl';

export const terraformFormat: SourceFormat = {
  name: 'terraform',
  accepts: (file) => /\.(tf|tfvars)$/.test(file),
  load: (file, text, context) => loadHcl(file, text, context, isTfvars(file) ? 'tfvars' : 'terraform'),
};

export const hclFormat: SourceFormat = {
  name: 'hcl',
  accepts: (file) => file.endsWith('.hcl'),
  load: (file, text, context) => loadHcl(file, text, context, 'hcl'),
};

function loadHcl(rel: string, text: string, context: LoadContext, kind: Kind): LoadedSource {
  const own = parseFile(rel, text);
  const problem = own.failure !== undefined
    ? { message: own.failure, file: rel, span: { start: 0, end: 0 } }
    : own.syntax && { ...own.syntax, file: rel };
  // The module is read lazily and afresh each lint run: an edited tfvars file changes this source's values.
  let scoped: { module: ModuleFiles; scope: Scope } | undefined;
  const scope = (): Scope | undefined => {
    if (kind !== 'terraform') return undefined;
    const module = moduleFiles(context, folderOf(rel));
    if (scoped?.module !== module) scoped = { module, scope: buildScope(own, module) };
    return scoped.scope;
  };
  const source: LoadedSource = {
    file: rel,
    format: kind,
    problem,
    select(at: string): Selection {
      const parsed = parseSelector(at);
      if (!parsed.ok) return parsed;
      let blocks: Hit[];
      if (kind === 'terraform') {
        const target = terraformTarget(at, parsed.steps);
        if (!target.ok) return target;
        if (problem) return { ok: true, values: [] };
        const { type, labels, rest } = target.target;
        const selector = new Selector(own, new Evaluator(scope));
        blocks = own.body.blocks
          .filter((b) => b.type === type && b.labels.length === labels.length && labels.every((l, i) => stepMatches(l, b.labels[i])))
          .flatMap((b) => (rest.length === 0 ? [selector.blockHit(b, [b.type === 'resource' ? '' : b.type, ...b.labels].filter(Boolean).join('.'))] : selector.walk(b.body, rest, 0)));
      } else {
        if (problem) return { ok: true, values: [] };
        const selector = new Selector(own, new Evaluator(() => undefined, false));
        // tfvars files hold variables only; generic HCL nests blocks and labels freely.
        blocks = kind === 'tfvars' ? selector.attributes(own.body, parsed.steps, 0) : selector.walk(own.body, parsed.steps, 0);
      }
      return { ok: true, values: blocks };
    },
  };
  if (kind === 'terraform') {
    Object.defineProperty(source, 'reads', { get: () => moduleNames(context, folderOf(rel)).reads, enumerable: true });
  }
  return source;
}

function buildScope(own: HclFile, module: ModuleFiles): Scope {
  const files = module.tf.some((f) => f.rel === own.rel) ? module.tf.map((f) => (f.rel === own.rel ? own : f)) : [...module.tf, own].sort((a, b) => (a.rel < b.rel ? -1 : 1));
  const broken = [...files, ...module.tfvars].filter((f) => f.syntax !== undefined);
  const scope: Scope = { folder: module.folder === '' ? 'the workspace root' : module.folder, variables: new Map(), tfvars: new Map(), locals: new Map(), broken };
  // Override files (`override.tf`, `*_override.tf`) come last and replace what they redefine.
  const isOverride = (f: HclFile) => /(^|\/|_)override\.tf$/.test(f.rel);
  for (const file of [...files.filter((f) => !isOverride(f)), ...files.filter(isOverride)]) {
    const override = isOverride(file);
    for (const block of file.body.blocks) {
      if (block.type === 'variable' && block.labels.length === 1) {
        const name = block.labels[0];
        const known = scope.variables.get(name);
        const declared = block.body.attributes.findLast((a) => a.name === 'default');
        if (!known) scope.variables.set(name, { file, default: declared, broken: block.broken });
        else if (override && declared) scope.variables.set(name, { file, default: declared, broken: block.broken });
      } else if (block.type === 'locals') {
        for (const attribute of block.body.attributes) if (override || !scope.locals.has(attribute.name)) scope.locals.set(attribute.name, { file, attribute });
      }
    }
  }
  for (const file of module.tfvars) {
    for (const attribute of file.body.attributes) scope.tfvars.set(attribute.name, { file, attribute });
  }
  return scope;
}

type Hit = SelectedValue;

class Selector {
  constructor(
    private readonly file: HclFile,
    private readonly evaluator: Evaluator,
  ) {}

  /** Steps from `i` inside a body: attributes by name, nested blocks by type then their labels. */
  walk(body: Body, steps: Step[], i: number, dynamic?: string, depth = 0): Hit[] {
    const step = steps[i];
    if (!step || 'index' in step || depth > MAX_NESTING) return [];
    const hits = this.attributes(body, steps, i, dynamic);
    for (const block of body.blocks) {
      if (block.type === 'dynamic' && 'key' in step && block.labels[0] === step.key) {
        // `dynamic "ingress" { content { … } }`: how many blocks, with which values, is known at plan time.
        const content = block.body.blocks.find((b) => b.type === 'content');
        if (content && i + 1 < steps.length) hits.push(...this.walk(content.body, steps, i + 1, block.labels[0], depth + 1));
        continue;
      }
      if (!stepMatches(step, block.type)) continue;
      const labels = steps.slice(i + 1, i + 1 + block.labels.length);
      if (labels.length < block.labels.length || !labels.every((l, k) => stepMatches(l, block.labels[k]))) continue;
      const next = i + 1 + block.labels.length;
      if (next === steps.length) hits.push(this.blockHit(block, [block.type, ...block.labels].join('.'), dynamic));
      else hits.push(...this.walk(block.body, steps, next, dynamic, depth + 1));
    }
    return hits;
  }

  /** Attributes named by step `i`, then the path into their values. */
  attributes(body: Body, steps: Step[], i: number, dynamic?: string): Hit[] {
    const step = steps[i];
    if (!step || 'index' in step) return [];
    const path: PathStep[] = steps.slice(i + 1).map((s) => ('any' in s ? ANY : 'key' in s ? s.key : s.index));
    const row = (field: string) => this.rowField(body, field);
    return body.attributes.filter((a) => stepMatches(step, a.name)).flatMap((attribute) => this.attributeHits(attribute, path, row, dynamic));
  }

  private attributeHits(attribute: Attribute, path: PathStep[], row: (field: string) => Scalar | undefined, dynamic?: string): Hit[] {
    const reached = this.evaluator.navigateAll({ file: this.file, expr: attribute.expr }, path, { chain: [] });
    return reached.map((r): Hit => {
      const name = lastName([attribute.name, ...(r.keys ?? [])]);
      const generated = dynamic === undefined ? undefined : `generated by dynamic "${dynamic}"`;
      if (r.unknown) return unknownHit(r, name, row, r.reason ?? generated);
      const outcome = this.evaluator.evaluate(r.place, r.trail);
      if (!outcome.known) return unknownHit(outcome, name, row, outcome.reason ?? generated);
      if (generated !== undefined) return unknownHit(outcome, name, row, generated);
      return { file: outcome.place.file.rel, span: outcome.place.expr.span, name, value: outcome.value, via: describeTrail(outcome.trail), row };
    });
  }

  /** A block selected as a whole (for `exists` and `count`): its known attributes as a map. */
  blockHit(block: Block, name: string, dynamic?: string): Hit {
    const value: Record<string, unknown> = {};
    for (const attribute of block.body.attributes) {
      const outcome = this.evaluator.evaluate({ file: this.file, expr: attribute.expr });
      if (outcome.known) Object.defineProperty(value, attribute.name, { value: outcome.value, enumerable: true, writable: true, configurable: true });
    }
    const hit: Hit = { file: this.file.rel, span: block.head, name, value, row: (field) => this.rowField(block.body, field) };
    if (dynamic !== undefined) return { ...hit, unknown: shortHead(this.file, block.head), via: `generated by dynamic "${dynamic}"` };
    return hit;
  }

  private rowField(body: Body, field: string): Scalar | undefined {
    const attribute = body.attributes.findLast((a) => a.name === field);
    if (!attribute) return undefined;
    const outcome = this.evaluator.evaluate({ file: this.file, expr: attribute.expr });
    if (!outcome.known) return undefined;
    const v = outcome.value;
    return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  }
}

function unknownHit(r: Pick<Reached, 'place' | 'trail'>, name: string, row: (field: string) => Scalar | undefined, reason?: string): Hit {
  const text = exprText(r.place);
  return { file: r.place.file.rel, span: r.place.expr.span, name, value: undefined, unknown: text, via: describeTrail(r.trail, reason, text), row };
}

function shortHead(file: HclFile, head: Span): string {
  return file.text.slice(head.start, head.end).replace(/\s+/g, ' ');
}
