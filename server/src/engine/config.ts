// tenet.yaml (policy format section 2). Optional; problems in it are `config/invalid` findings.

import { DEFAULT_FRAMEWORK, FRAMEWORKS } from './controls/catalog';
import { parseIsoDate } from './dates';
import type { TextProblem } from './sources/limits';
import { parseYamlDocument } from './sources/yaml-tree';
import { closest } from './spelling';
import { entry } from './tree';
import type { SeveritySetting } from './types';

export interface WorkspaceConfig {
  /** Workspace-relative path of the file read, if any. */
  file?: string;
  policies?: string[];
  framework: string;
  today?: string;
  rules: Map<string, SeveritySetting>;
  problems: TextProblem[];
}

const KEYS = ['policies', 'framework', 'today', 'rules'];
const SEVERITIES = ['error', 'warning', 'info', 'off'];

export function defaultConfig(): WorkspaceConfig {
  return { framework: DEFAULT_FRAMEWORK, rules: new Map(), problems: [] };
}

export function parseConfig(file: string, text: string, knownRules: ReadonlySet<string>): WorkspaceConfig {
  const config: WorkspaceConfig = { ...defaultConfig(), file };
  const problems = config.problems;
  const yaml = parseYamlDocument(text);
  if (yaml.problems.length > 0) {
    problems.push(...yaml.problems.map((p) => ({ message: `YAML syntax error: ${p.message}`, span: p.span })));
    return config;
  }
  const root = yaml.root;
  if (!root) return config;
  if (root.kind !== 'object') {
    problems.push({ message: 'tenet.yaml must be a mapping of keys (policies:, framework:, today:, rules:)', span: root.span });
    return config;
  }
  for (const e of root.entries) {
    if (!KEYS.includes(e.key)) problems.push({ message: `unknown key "${e.key}" in tenet.yaml (known: ${KEYS.join(', ')})`, span: e.keySpan });
  }
  const policies = entry(root, 'policies')?.value;
  if (policies) {
    const globs = policies.kind === 'array' ? policies.items : [policies];
    const strings = globs.flatMap((n) => (n.kind === 'scalar' && typeof n.value === 'string' && n.value.trim() !== '' ? [n.value] : []));
    if (strings.length !== globs.length) problems.push({ message: 'policies must be a list of glob patterns, e.g. ["policies/**/*.md"]', span: policies.span });
    else config.policies = strings;
  }
  const framework = entry(root, 'framework')?.value;
  if (framework) {
    const name = framework.kind === 'scalar' ? String(framework.value) : '';
    if (FRAMEWORKS.has(name)) config.framework = name;
    else problems.push({ message: `unknown framework "${name}" (known: ${[...FRAMEWORKS.keys()].join(', ')})`, span: framework.span });
  }
  const today = entry(root, 'today')?.value;
  if (today) {
    const value = today.kind === 'scalar' ? String(today.value) : '';
    if (parseIsoDate(value) !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value)) config.today = value;
    else problems.push({ message: `today must be a date in YYYY-MM-DD form (found ${JSON.stringify(value)})`, span: today.span });
  }
  const rules = entry(root, 'rules')?.value;
  if (rules) {
    if (rules.kind !== 'object') problems.push({ message: 'rules must map rule ids to error, warning, info or off', span: rules.span });
    else {
      for (const rule of rules.entries) {
        const value = rule.value.kind === 'scalar' ? String(rule.value.value) : '';
        if (!knownRules.has(rule.key)) problems.push({ message: `unknown rule "${rule.key}"${nearestRule(rule.key, knownRules)}`, span: rule.keySpan });
        else if (!SEVERITIES.includes(value)) problems.push({ message: `rule ${rule.key} must be set to error, warning, info or off (found ${JSON.stringify(value)})`, span: rule.value.span });
        else config.rules.set(rule.key, value as SeveritySetting);
      }
    }
  }
  return config;
}

/** ` (did you mean review/overdue?)` for a near miss (edit distance ≤ 2), else ''. */
function nearestRule(id: string, knownRules: ReadonlySet<string>): string {
  const best = closest(id, knownRules);
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}
