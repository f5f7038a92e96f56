// The policy as the checks see it: every field typed and placed. Built leniently — a field of the
// wrong type is simply absent here (front-matter/schema reports it), so one bad key never hides the
// rest of the policy from the other rules.

import { parseCadence, type Cadence } from '../cadence';
import { type Day, parseIsoDate, parseLooseDate } from '../dates';
import { parseExpectation, readSourceSpec, type ParsedExpectation, type SourceSpec } from '../expect/expectation';
import { entry, type Node } from '../tree';
import type { Severity, Span } from '../types';
import type { Layout } from './document';

export interface Placed<T = string> {
  value: T;
  span: Span;
}

export interface Requirement {
  id: string;
  keySpan: Span;
  node: Node;
  says?: Placed;
  expect?: { node: Node; parsed: ParsedExpectation };
  sources: SourceSpec[];
  every?: Placed<Cadence | undefined>;
  evidence?: SourceSpec;
  severity?: Severity;
}

export interface PolicyException {
  span: Span;
  requirement?: Placed;
  file?: Placed;
  reason?: Placed;
  approvedBy?: Placed;
  expires?: Placed<Day | undefined>;
}

export interface Policy {
  file: string;
  text: string;
  layout: Layout;
  /** The id, or for a policy without one, the file name (so findings still name it). */
  id: string;
  idSpan: Span;
  title?: Placed;
  owner?: Placed;
  /** Where whole-policy findings go: the `policy:` key, else the header's first line. */
  anchor: Span;
  review?: { keySpan: Span; every?: Placed<Cadence | undefined>; last?: Placed<Day | undefined> };
  controls: Placed[];
  controlsKeySpan?: Span;
  requirements: Requirement[];
  exceptions: PolicyException[];
  root?: Node;
  /** The YAML header's span in the file (front matter between its fences); set by parsePolicy. */
  header?: Span;
}

function str(node: Node | undefined): Placed | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' || typeof node.value === 'number' ? { value: String(node.value), span: node.span } : undefined;
}

function fallbackId(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
}

export function tenetPolicy(file: string, text: string, root: Node | undefined, opener: Span): Policy {
  const idEntry = entry(root, 'policy');
  const id = str(idEntry?.value);
  const policy: Policy = {
    file,
    text,
    layout: 'tenet',
    id: id?.value ?? fallbackId(file),
    idSpan: id?.span ?? opener,
    anchor: idEntry?.keySpan ?? opener,
    title: str(entry(root, 'title')?.value),
    owner: str(entry(root, 'owner')?.value),
    controls: [],
    requirements: [],
    exceptions: [],
    root,
  };
  const review = entry(root, 'review');
  if (review) {
    const every = str(entry(review.value, 'every')?.value);
    const last = str(entry(review.value, 'last')?.value);
    policy.review = {
      keySpan: review.keySpan,
      every: every && { value: parseCadence(every.value), span: every.span },
      last: last && { value: parseIsoDate(last.value), span: last.span },
    };
  }
  const controls = entry(root, 'controls');
  if (controls) {
    policy.controlsKeySpan = controls.keySpan;
    if (controls.value.kind === 'array') policy.controls = controls.value.items.map(str).filter((c): c is Placed => c !== undefined);
  }
  const requirements = entry(root, 'requirements')?.value;
  if (requirements?.kind === 'object') {
    policy.requirements = requirements.entries.map((e) => readRequirement(e.key, e.keySpan, e.value));
  }
  const exceptions = entry(root, 'exceptions')?.value;
  if (exceptions?.kind === 'array') policy.exceptions = exceptions.items.filter((n) => n.kind === 'object').map(readException);
  return policy;
}

function readRequirement(id: string, keySpan: Span, node: Node): Requirement {
  const requirement: Requirement = { id, keySpan, node, sources: [] };
  if (node.kind !== 'object') return requirement;
  requirement.says = str(entry(node, 'says')?.value);
  const expect = entry(node, 'expect')?.value;
  if (expect) requirement.expect = { node: expect, parsed: parseExpectation(expect, readSourceSpec) };
  const sources = entry(node, 'in')?.value;
  if (sources?.kind === 'array') requirement.sources = sources.items.filter((n) => n.kind === 'object').map(readSourceSpec);
  const every = str(entry(node, 'every')?.value);
  if (every) requirement.every = { value: parseCadence(every.value), span: every.span };
  const evidence = entry(node, 'evidence')?.value;
  if (evidence?.kind === 'object') requirement.evidence = readSourceSpec(evidence);
  const severity = str(entry(node, 'severity')?.value)?.value;
  if (severity === 'error' || severity === 'warning' || severity === 'info') requirement.severity = severity;
  return requirement;
}

function readException(node: Node): PolicyException {
  const expires = str(entry(node, 'expires')?.value);
  return {
    span: node.span,
    requirement: str(entry(node, 'requirement')?.value),
    file: str(entry(node, 'file')?.value),
    reason: str(entry(node, 'reason')?.value),
    approvedBy: str(entry(node, 'approved-by')?.value),
    expires: expires && { value: parseIsoDate(expires.value), span: expires.span },
  };
}

/**
 * A `comply` document (section 7): `satisfies.TSC` counts as controls and the newest
 * `majorRevisions` date as `review.last`; the id is the acronym (else the file name).
 */
export function complyPolicy(file: string, text: string, root: Node | undefined, opener: Span): Policy {
  const name = str(entry(root, 'name')?.value);
  const acronym = str(entry(root, 'acronym')?.value);
  const policy: Policy = {
    file,
    text,
    layout: 'comply',
    id: acronym ? acronym.value.toLowerCase() : fallbackId(file),
    idSpan: acronym?.span ?? name?.span ?? opener,
    anchor: entry(root, 'name')?.keySpan ?? opener,
    title: name,
    owner: str(entry(root, 'owner')?.value),
    controls: [],
    requirements: [],
    exceptions: [],
    root,
  };
  const satisfies = entry(root, 'satisfies');
  const tsc = entry(satisfies?.value, 'TSC');
  if (tsc) {
    policy.controlsKeySpan = tsc.keySpan;
    if (tsc.value.kind === 'array') policy.controls = tsc.value.items.map(str).filter((c): c is Placed => c !== undefined);
  }
  const revisions = entry(root, 'majorRevisions');
  if (revisions) {
    let newest: Placed<Day | undefined> | undefined;
    if (revisions.value.kind === 'array') {
      for (const revision of revisions.value.items) {
        const date = str(entry(revision, 'date')?.value);
        const day = date && parseLooseDate(date.value);
        if (date && day !== undefined && (newest?.value === undefined || day > newest.value)) newest = { value: day, span: date.span };
      }
    }
    policy.review = { keySpan: revisions.keySpan, every: undefined, last: newest };
  }
  return policy;
}
