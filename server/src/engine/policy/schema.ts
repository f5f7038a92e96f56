// front-matter/schema: the front matter is validated against schemas/policy.schema.json with ajv,
// and each error is placed on the key or value it is about.

import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../../schemas/policy.schema.json';
import { toPlain, type Node } from '../tree';
import { closest } from '../spelling';
import type { Span } from '../types';

export const policySchema = schema;

// `verbose` gives each error its parentSchema, whose `properties` feed the "did you mean" hints.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validate = ajv.compile(schema);

export interface SchemaProblem {
  message: string;
  span: Span;
}

interface Located {
  node: Node;
  /** Span of the key whose value is `node` (the parent key), if any. */
  keySpan?: Span;
  name: string;
}

export function validateFrontMatter(root: Node, opener: Span): SchemaProblem[] {
  if (root.kind !== 'object') {
    return [{ message: `the front matter must be a mapping of keys (policy:, title:, …), not ${root.kind === 'array' ? 'a list' : 'a single value'}`, span: root.span }];
  }
  if (validate(toPlain(root))) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // A bad requirement id fails the inner `pattern` and then `propertyNames`; report it once.
    if (error.propertyName !== undefined && error.keyword !== 'propertyNames') continue;
    const problem = describe(error, root, opener);
    const key = `${problem.span.start}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function locate(root: Node, pointer: string): Located {
  let located: Located = { node: root, name: 'front matter' };
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const node = located.node;
    if (node.kind === 'object') {
      const e = node.entries.findLast((x) => x.key === key);
      if (!e) break;
      located = { node: e.value, keySpan: e.keySpan, name: `"${key}"` };
    } else if (node.kind === 'array') {
      const item = node.items[Number(key)];
      if (!item) break;
      located = { node: item, keySpan: undefined, name: `${located.name.replace(/"/g, '')}[${key}]` };
    }
  }
  return located;
}

const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'empty' };

function typeNames(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

const SUGGESTIONS: Record<string, string> = {
  '#/definitions/date/pattern': 'must be a date in YYYY-MM-DD form',
  '#/definitions/cadence/pattern': 'must be a cadence: weekly, monthly, quarterly, semiannually, annually, or "N days|weeks|months|years"',
  '#/properties/policy/pattern': 'must be a kebab-case id such as "password-authentication"',
};

function describe(error: ErrorObject, root: Node, opener: Span): SchemaProblem {
  const at = locate(root, error.instancePath);
  const valueShown = at.node.kind === 'scalar' ? ` (found ${JSON.stringify(at.node.value)})` : '';
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const e = at.node.kind === 'object' ? at.node.entries.findLast((x) => x.key === key) : undefined;
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const hint = closest(key, known);
      return { message: `unknown key "${key}"${where(at)}${hint ? ` (did you mean "${hint}"?)` : ''}`, span: e?.keySpan ?? at.node.span };
    }
    case 'propertyNames': {
      const key = String(error.params.propertyName);
      const e = at.node.kind === 'object' ? at.node.entries.findLast((x) => x.key === key) : undefined;
      return { message: `requirement id "${key}" must be kebab-case (lower-case words joined by "-")`, span: e?.keySpan ?? at.node.span };
    }
    case 'required':
      return { message: `${at.name === 'front matter' ? 'the front matter' : at.name} is missing the required key "${error.params.missingProperty}"`, span: at.keySpan ?? (at.node === root ? opener : at.node.span) };
    case 'dependencies': {
      const property = String(error.params.property);
      const e = at.node.kind === 'object' ? at.node.entries.findLast((x) => x.key === property) : undefined;
      return { message: `"${property}" needs "${error.params.missingProperty}" beside it${where(at)}`, span: e?.keySpan ?? at.node.span };
    }
    case 'type': {
      // `owner:` with nothing after it has an empty value span; mark the key instead.
      const empty = at.node.span.start === at.node.span.end && at.keySpan;
      return { message: `${at.name} must be ${typeNames(error.params.type)}${valueShown}`, span: empty || at.node.span };
    }
    case 'pattern': {
      const hint = SUGGESTIONS[error.schemaPath] ?? `must match ${error.params.pattern}`;
      return { message: `${at.name} ${hint}${valueShown}`, span: at.node.span };
    }
    case 'enum':
      return { message: `${at.name} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}${valueShown}`, span: at.node.span };
    case 'minProperties':
    case 'maxProperties':
      return { message: `${at.name} must have exactly one operator: oneOf, noneOf, noneMatch, count or subsetOf`, span: at.node.span };
    case 'minItems':
      return { message: `${at.name} must not be empty`, span: at.node.span };
    case 'minLength':
      return { message: `${at.name} must not be empty`, span: at.node.span };
    default:
      return { message: `${at.name} ${error.message ?? 'is invalid'}`, span: at.node.span };
  }
}

function where(at: Located): string {
  return at.name === 'front matter' ? '' : ` in ${at.name}`;
}
