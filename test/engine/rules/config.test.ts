// config/invalid (tenet.yaml, policy format section 2) and severity overrides.

import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { requirement } from './support';

/** A policy whose only finding is one requirement/drift in a.json. */
const DRIFTING = {
  'p.md': policy('p', requirement('min-length', '">= 12"', [['a.json', '$.min']])),
  'a.json': '{"min": 8}',
};

const drift = (severity: string) => ({
  rule: 'requirement/drift',
  severity,
  message: 'min is 8; policy p › min-length expects >= 12',
  file: 'a.json',
  range: '1:9-1:10',
  requirement: 'min-length',
});

function withConfig(config: string, files: Record<string, string> = DRIFTING) {
  return lintFiles({ ...files, 'tenet.yaml': config });
}

describe('config/invalid', () => {
  const invalid = (message: string, range: string) => ({ rule: 'config/invalid', severity: 'error', message, file: 'tenet.yaml', range });

  it('reports a YAML syntax error, and the workspace is still linted with defaults', () => {
    const result = withConfig('rules:\n  review/overdue: @error\n');
    assert.deepEqual(findings(result), [
      drift('error'),
      invalid('YAML syntax error: Plain value cannot start with reserved character @', '2:19-2:20'),
    ]);
  });

  it('reports an unknown key, listing the known ones', () => {
    const result = withConfig('polices: ["*.md"]\n');
    assert.deepEqual(findings(result, 'config/invalid'), [invalid('unknown key "polices" in tenet.yaml (known: policies, framework, today, rules)', '1:1-1:8')]);
  });

  it('reports an unknown rule, suggesting the nearest rule id', () => {
    const result = withConfig('rules:\n  review/overdu: error\n  made/up: off\n');
    assert.deepEqual(findings(result, 'config/invalid'), [
      invalid('unknown rule "review/overdu" (did you mean review/overdue?)', '2:3-2:16'),
      invalid('unknown rule "made/up"', '3:3-3:10'),
    ]);
  });

  it('reports a severity that is not error, warning, info or off, and keeps the default', () => {
    const result = withConfig('rules:\n  requirement/drift: fatal\n');
    assert.deepEqual(findings(result), [
      drift('error'),
      invalid('rule requirement/drift must be set to error, warning, info or off (found "fatal")', '2:22-2:27'),
    ]);
  });

  it('reports a rules value that is not a mapping', () => {
    const result = withConfig('rules: [review/overdue]\n');
    assert.deepEqual(findings(result, 'config/invalid'), [invalid('rules must map rule ids to error, warning, info or off', '1:8-1:24')]);
  });

  it('reports a bad today: not a date, or not a real one', () => {
    assert.deepEqual(findings(withConfig('today: tomorrow\n'), 'config/invalid'), [invalid('today must be a date in YYYY-MM-DD form (found "tomorrow")', '1:8-1:16')]);
    assert.deepEqual(findings(withConfig('today: 2026-02-30\n'), 'config/invalid'), [invalid('today must be a date in YYYY-MM-DD form (found "2026-02-30")', '1:8-1:18')]);
  });

  it('reports an unknown framework, listing the known ones, and falls back to SOC 2', () => {
    const result = withConfig('framework: iso27001\n', { 'p.md': policy('p').replace('[CC6.1]', '[CC6.1, CC9.9]') });
    assert.deepEqual(findings(result, 'config/invalid', 'control/unknown-id').map((f) => f.message), [
      'unknown control "CC9.9": it is not in SOC 2 Trust Services Criteria (2017, revised points of focus 2022); did you mean CC9.2?',
      'unknown framework "iso27001" (known: soc2-2017)',
    ]);
  });

  it('reports policies that are not a list of globs', () => {
    const result = withConfig('policies: [1, ""]\n');
    assert.deepEqual(findings(result, 'config/invalid'), [invalid('policies must be a list of glob patterns, e.g. ["policies/**/*.md"]', '1:11-1:18')]);
  });

  it('reports a config that is not a mapping', () => {
    const result = withConfig('- policies\n');
    assert.deepEqual(findings(result, 'config/invalid'), [invalid('tenet.yaml must be a mapping of keys (policies:, framework:, today:, rules:)', '1:1-2:1')]);
  });

  it('does not fire for a valid config, an empty one, or none', () => {
    assert.deepEqual(findings(withConfig('policies: ["*.md"]\nframework: soc2-2017\ntoday: 2026-11-22\nrules:\n  review/overdue: warning\n'), 'config/invalid'), []);
    assert.deepEqual(findings(withConfig(''), 'config/invalid'), []);
    assert.deepEqual(findings(withConfig('# nothing yet\n'), 'config/invalid'), []);
    assert.deepEqual(findings(lintFiles(DRIFTING), 'config/invalid'), []);
  });

  it('uses its today when no today is passed', () => {
    const result = lintFiles({ ...DRIFTING, 'tenet.yaml': 'today: 2026-01-01\n' }, { today: undefined });
    assert.equal(result.today, '2026-01-01');
    assert.deepEqual(findings(result, 'review/future-date').map((f) => f.message), ['the last review date 2026-06-01 is in the future (today is 2026-01-01)']);
  });

  it('reads the config file named by the configFile option', () => {
    const result = lintFiles({ ...DRIFTING, 'config/tenet.yaml': 'rules:\n  nope/nope: off\n' }, { configFile: 'config/tenet.yaml' });
    assert.deepEqual(findings(result, 'config/invalid'), [
      { rule: 'config/invalid', severity: 'error', message: 'unknown rule "nope/nope"', file: 'config/tenet.yaml', range: '2:3-2:12' },
    ]);
  });
});

describe('severity overrides', () => {
  it('`off` in tenet.yaml removes a rule\'s findings (the status is unchanged)', () => {
    const result = withConfig('rules:\n  requirement/drift: "off"\n');
    assert.deepEqual(findings(result), []);
    assert.deepEqual(result.requirements.map((r) => r.status), ['drift']);
  });

  it('`off` may be written unquoted', () => {
    assert.deepEqual(findings(withConfig('rules:\n  requirement/drift: off\n')), []);
  });

  it('`warning` in tenet.yaml changes a rule\'s severity', () => {
    assert.deepEqual(findings(withConfig('rules:\n  requirement/drift: warning\n')), [drift('warning')]);
  });

  it('raises an info rule to error', () => {
    const result = withConfig('rules:\n  control/unverified: error\n', { 'p.md': policy('p') });
    assert.deepEqual(findings(result).map((f) => [f.rule, f.severity]), [['control/unverified', 'error']]);
  });

  it('a requirement\'s `severity:` applies to its findings', () => {
    const files = { ...DRIFTING, 'p.md': policy('p', requirement('min-length', '">= 12"', [['a.json', '$.min']]) + '    severity: warning\n') };
    assert.deepEqual(findings(lintFiles(files)), [drift('warning')]);
  });

  it('a requirement\'s `severity:` wins over tenet.yaml, but `off` still removes', () => {
    const files = { ...DRIFTING, 'p.md': policy('p', requirement('min-length', '">= 12"', [['a.json', '$.min']]) + '    severity: warning\n') };
    assert.deepEqual(findings(withConfig('rules:\n  requirement/drift: info\n', files)), [drift('warning')]);
    assert.deepEqual(findings(withConfig('rules:\n  requirement/drift: "off"\n', files)), []);
  });

  it('a requirement\'s `severity:` leaves policy-wide findings alone', () => {
    const files = { 'p.md': policy('p', 'requirements:\n  training:\n    says: Staff are trained.\n    severity: info\n') };
    assert.deepEqual(findings(lintFiles(files)).map((f) => [f.rule, f.severity]), [['control/unverified', 'info']]);
    const overdue = { 'p.md': policy('p', requirement('min-length', '">= 12"', [['a.json', '$.min']]) + '    severity: info\n').replace('last: 2026-06-01', 'last: 2024-06-01'), 'a.json': '{"min": 12}' };
    assert.deepEqual(findings(lintFiles(overdue)).map((f) => [f.rule, f.severity]), [['review/overdue', 'error']]);
  });

  it('editor overrides (the rules option) apply over tenet.yaml', () => {
    const result = lintFiles({ ...DRIFTING, 'tenet.yaml': 'rules:\n  requirement/drift: warning\n' }, { rules: new Map([['requirement/drift', 'info']]) });
    assert.deepEqual(findings(result), [drift('info')]);
  });
});
