// A code lens above each requirement: ✓ verified in 2 sources / ✗ drift in infra/aws/iam.tf /
// ? unknown / — unchecked. Clicking shows the values it checked.

import type { CodeLens } from 'vscode-languageserver';
import type { RequirementCheck } from '../../engine/check';
import type { FeatureContext } from './context';

/** Client command that shows locations (the VS Code client maps it to the references peek view). */
export const SHOW_LOCATIONS_COMMAND = 'tenet.showLocations';

export function codeLenses(context: FeatureContext): CodeLens[] {
  const state = context.project.session.policy(context.rel);
  if (!state) return [];
  return state.checks.map((check) => {
    const range = context.rangeOf(check.requirement.keySpan);
    const locations = [...check.sources, ...(check.evidence ? [check.evidence] : [])].flatMap((s) => s.values.map((v) => context.location(v.file, v.span)));
    return { range, command: { title: lensTitle(check), command: SHOW_LOCATIONS_COMMAND, arguments: [context.uriOf(context.rel), range.start, locations] } };
  });
}

export function lensTitle(check: RequirementCheck): string {
  const sources = [...check.sources, ...(check.evidence ? [check.evidence] : [])];
  const files = (pick: (s: (typeof sources)[number]) => boolean) => [...new Set(sources.filter(pick).map((s) => s.load?.rel ?? s.spec.file?.text ?? '?'))];
  switch (check.status) {
    case 'verified': {
      const n = sources.length;
      return `✓ verified in ${n} ${n === 1 ? 'source' : 'sources'}`;
    }
    case 'drift': {
      // Name where the offending values are written (a tfvars line, not the .tf that reads it).
      const failing = sources.flatMap((s) => s.values.filter((v) => v.verdict !== 'unknown' && !v.verdict.pass && !v.exception).map((v) => v.file));
      const whole = files((s) => s.verdict?.pass === false || (s.role === 'evidence' && check.evidence?.analysis !== undefined));
      return `✗ drift in ${[...new Set([...failing, ...whole])].join(', ') || files(() => true).join(', ')}`;
    }
    case 'excepted':
      return `◌ excepted in ${files((s) => s.values.some((v) => v.exception !== undefined)).join(', ')}`;
    case 'unknown':
      return '? unknown';
    case 'unchecked':
      return '— unchecked';
  }
}
