// Navigation both ways: from a requirement (or its `at:`) to the values it selects, from a config value
// to every requirement that reads it, and a link on every `file:`.

import type { DocumentLink, Location, Position } from 'vscode-languageserver';
import { resolveWorkspacePath } from '../../engine/fs';
import { contains, type FeatureContext } from './context';
import { requirementAt } from './locate';

export function definition(context: FeatureContext, position: Position): Location[] {
  const state = context.project.session.policy(context.rel);
  if (!state) return [];
  const hit = requirementAt(state, context.offsetAt(position));
  if (!hit) return [];
  if (hit.on === 'file' && hit.source?.load?.ok) return [context.location(hit.source.load.rel, { start: 0, end: 0 })];
  const check = state.checks.find((c) => c.requirement === hit.requirement);
  if (!check) return [];
  const sources = hit.source ? [hit.source] : [...check.sources, ...(check.evidence ? [check.evidence] : [])];
  return sources.flatMap((s) => s.values.map((v) => context.location(v.file, v.span)));
}

export function references(context: FeatureContext, position: Position): Location[] {
  const offset = context.offsetAt(position);
  const { session } = context.project;
  const state = session.policy(context.rel);
  if (state) {
    // On a requirement: where its values are (the same answer as definition, for editors without it).
    return definition(context, position);
  }
  const governed = session.valuesIn(context.rel).filter((g) => contains(g.value.span, offset));
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const g of governed) {
    const key = `${g.policy.file}:${g.check.requirement.keySpan.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(context.location(g.policy.file, g.check.requirement.keySpan));
  }
  return out;
}

export function documentLinks(context: FeatureContext): DocumentLink[] {
  const state = context.project.session.policy(context.rel);
  if (!state) return [];
  const links: DocumentLink[] = [];
  const add = (file: { text: string; span: { start: number; end: number } } | undefined) => {
    if (!file) return;
    const resolved = resolveWorkspacePath(file.text);
    if (!resolved.ok || !context.project.fs.read(resolved.rel).ok) return;
    links.push({ range: context.rangeOf(file.span), target: context.uriOf(resolved.rel), tooltip: `Open ${resolved.rel}` });
  };
  for (const check of state.checks) {
    for (const source of [...check.sources, ...(check.reference ? [check.reference] : []), ...(check.evidence ? [check.evidence] : [])]) add(source.spec.file);
  }
  return links;
}
