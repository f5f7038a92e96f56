import type { Rule } from './rule';

const rule: Rule = {
  id: 'config/invalid',
  severity: 'error',
  description: 'tenet.yaml has a syntax error, an unknown key, rule or framework, or a value of the wrong form.',
  checkWorkspace({ config, report }) {
    if (!config.file) return;
    for (const p of config.problems) report({ message: p.message, file: config.file, span: p.span });
  },
};
export default rule;
