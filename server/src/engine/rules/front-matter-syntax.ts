import type { Rule } from './rule';

const rule: Rule = {
  id: 'front-matter/syntax',
  severity: 'error',
  description: 'The YAML front matter cannot be parsed.',
  checkPolicy({ parsed, report }) {
    for (const p of parsed.syntax) report({ message: p.message, file: parsed.file, span: p.span });
  },
};
export default rule;
