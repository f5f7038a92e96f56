import type { Rule } from './rule';

/** Reported by the engine itself when a check throws: a bug becomes a finding on that policy, never a dead run. */
const rule: Rule = {
  id: 'internal/error',
  severity: 'error',
  description: 'Tenet failed while checking this policy (a bug: please report it); the rest of the workspace is still checked.',
};
export default rule;
