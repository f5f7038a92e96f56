// Outline of a policy (requirements as children) and workspace symbols for policy and requirement ids.

import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type { Project } from '../project';
import type { FeatureContext } from './context';

export function documentSymbols(context: FeatureContext): DocumentSymbol[] {
  const state = context.project.session.policy(context.rel);
  if (!state) return [];
  const { policy } = state.parsed;
  const statusOf = new Map(state.checks.map((c) => [c.requirement, c.status]));
  const end = Math.max(policy.anchor.end, ...policy.requirements.map((r) => r.node.span.end), policy.idSpan.end);
  const children: DocumentSymbol[] = policy.requirements.map((r) => ({
    name: r.id,
    detail: statusOf.get(r) ?? '',
    kind: SymbolKind.Field,
    range: context.rangeOf({ start: r.keySpan.start, end: Math.max(r.keySpan.end, r.node.span.end) }),
    selectionRange: context.rangeOf(r.keySpan),
  }));
  return [{
    name: policy.id,
    detail: policy.title?.value ?? '',
    kind: SymbolKind.Module,
    range: context.rangeOf({ start: 0, end }),
    selectionRange: context.rangeOf(policy.idSpan),
    children,
  }];
}

export function workspaceSymbols(projects: Project[], query: string, uriOf: (project: Project, rel: string) => string, rangeOf: (project: Project, rel: string, span: { start: number; end: number }) => import('vscode-languageserver').Range): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const project of projects) {
    for (const parsed of project.session.policies) {
      const { policy } = parsed;
      if (policy.id.toLowerCase().includes(q)) {
        out.push({ name: policy.id, kind: SymbolKind.Module, containerName: policy.title?.value, location: { uri: uriOf(project, policy.file), range: rangeOf(project, policy.file, policy.idSpan) } });
      }
      for (const r of policy.requirements) {
        if (r.id.toLowerCase().includes(q) || `${policy.id}.${r.id}`.toLowerCase().includes(q)) {
          out.push({ name: r.id, kind: SymbolKind.Field, containerName: policy.id, location: { uri: uriOf(project, policy.file), range: rangeOf(project, policy.file, r.keySpan) } });
        }
      }
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
