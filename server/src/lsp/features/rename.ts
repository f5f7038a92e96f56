// Renaming a requirement id also renames the exceptions that reference it.

import { ResponseError, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { FeatureContext } from './context';
import { contains } from './context';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function prepareRename(context: FeatureContext, position: Position): { range: Range; placeholder: string } | null {
  const target = renameTarget(context, position);
  if (!target) return null;
  const text = context.project.session.policy(context.rel)!.parsed.policy.text;
  return { range: context.rangeOf(innerSpan(text, target.span)), placeholder: target.id };
}

export function rename(context: FeatureContext, position: Position, newName: string): WorkspaceEdit | null {
  const target = renameTarget(context, position);
  if (!target) return null;
  if (!KEBAB.test(newName)) throw new ResponseError(0, `"${newName}" is not a kebab-case requirement id`);
  const state = context.project.session.policy(context.rel)!;
  const { policy } = state.parsed;
  if (newName !== target.id && policy.requirements.some((r) => r.id === newName)) throw new ResponseError(0, `policy ${policy.id} already has a requirement "${newName}"`);
  const edits = [{ range: context.rangeOf(innerSpan(policy.text, target.span)), newText: newName }];
  for (const x of policy.exceptions) {
    if (x.requirement?.value === target.id) edits.push({ range: context.rangeOf(innerSpan(policy.text, x.requirement.span)), newText: newName });
  }
  return { changes: { [context.uriOf(context.rel)]: edits } };
}

/** The requirement id under the cursor: its key, or an exception's `requirement:` value. */
function renameTarget(context: FeatureContext, position: Position): { id: string; span: { start: number; end: number } } | undefined {
  const state = context.project.session.policy(context.rel);
  if (!state) return undefined;
  const offset = context.offsetAt(position);
  const { policy } = state.parsed;
  const requirement = policy.requirements.find((r) => contains(r.keySpan, offset));
  if (requirement) return { id: requirement.id, span: requirement.keySpan };
  const exception = policy.exceptions.find((x) => x.requirement && contains(x.requirement.span, offset));
  if (exception?.requirement && policy.requirements.some((r) => r.id === exception.requirement!.value)) {
    const r = policy.requirements.find((q) => q.id === exception.requirement!.value)!;
    return { id: r.id, span: r.keySpan };
  }
  return undefined;
}

/** A scalar's span without its quotes. */
function innerSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  const first = text[span.start];
  return first === '"' || first === "'" ? { start: span.start + 1, end: span.end - 1 } : span;
}
