// Preloaded (`node --require`) into a language server run from source by test/server/faults.test.ts:
// adds to the engine's rule list a rule that throws while checking one policy (the workspace-relative
// path in TENET_TEST_THROWING_RULE_FILE). A bug in a rule is then real, end to end, with no test hook in
// the production code or the bundle. Same module instance as the server's: both resolve registry.ts.

import { RULES } from '../../server/src/engine/rules/registry';
import type { Rule } from '../../server/src/engine/rules/rule';

export const THROWING_RULE: Rule = {
  id: 'test/throws',
  severity: 'error',
  description: 'Throws while checking the policy named by TENET_TEST_THROWING_RULE_FILE (fault injection).',
  checkPolicy({ policy }) {
    if (policy.file === process.env.TENET_TEST_THROWING_RULE_FILE) throw new Error('injected fault');
  },
};

(RULES as Rule[]).push(THROWING_RULE);
