// One bad file, or a bug in one rule, becomes a finding; the rest of the workspace is still checked.

import assert from 'node:assert/strict';
import { MemoryFs } from '../../../server/src/engine/fs';
import { RULES } from '../../../server/src/engine/rules/registry';
import type { Rule } from '../../../server/src/engine/rules/rule';
import { SourceStore, type SourceLoad } from '../../../server/src/engine/sources/store';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { requirement, statuses } from './support';

function reading(id: string, file: string, at = '$.min'): string {
  return policy(id, requirement('min-length', '">= 12"', [[file, at]]));
}

const HEALTHY_DRIFT = {
  rule: 'requirement/drift',
  severity: 'error',
  message: 'min is 8; policy healthy › min-length expects >= 12',
  file: 'cfg/ok.json',
  range: '1:9-1:10',
  requirement: 'min-length',
};

describe('resilience: broken policies', () => {
  it('gives each broken policy exactly its finding, and the healthy policy still its drift', () => {
    const result = lintFiles({
      'tenet.yaml': 'policies: ["policies/*.md"]\n',
      'policies/syntax.md': '---\npolicy: syntax\nowner: @acme\n---\n',
      'policies/list.md': '---\n- policy: list\n---\n',
      'policies/binary.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]),
      'policies/missing.md': reading('missing', 'cfg/nope.json'),
      'policies/unparsable.md': reading('unparsable', 'cfg/broken.json'),
      'policies/selector.md': reading('selector', 'cfg/ok.json', '"$.min[?"'),
      'policies/healthy.md': reading('healthy', 'cfg/ok.json'),
      'cfg/broken.json': '{\n  "min": 12,\n  "max": \n}\n',
      'cfg/ok.json': '{"min": 8}\n',
    });
    assert.deepEqual(findings(result), [
      {
        rule: 'source/unreadable',
        severity: 'error',
        message: 'cfg/broken.json cannot be parsed: JSON syntax error: value expected',
        file: 'cfg/broken.json',
        range: '4:1-4:2',
        requirement: 'min-length',
      },
      HEALTHY_DRIFT,
      { rule: 'front-matter/syntax', severity: 'error', message: 'the policy cannot be read: the file is binary (it contains NUL bytes)', file: 'policies/binary.md', range: '1:1-1:1' },
      { rule: 'front-matter/schema', severity: 'error', message: 'the front matter must be a mapping of keys (policy:, title:, …), not a list', file: 'policies/list.md', range: '2:1-3:1' },
      { rule: 'source/missing', severity: 'error', message: 'cfg/nope.json does not exist', file: 'policies/missing.md', range: '13:15-13:28', requirement: 'min-length' },
      { rule: 'selector/invalid', severity: 'error', message: 'invalid JSONPath "$.min[?": unclosed bracketed selection', file: 'policies/selector.md', range: '14:20-14:21', requirement: 'min-length' },
      { rule: 'front-matter/syntax', severity: 'error', message: 'YAML syntax error: Plain value cannot start with reserved character @', file: 'policies/syntax.md', range: '3:8-3:9' },
    ]);
    assert.deepEqual(statuses(result), {
      'healthy › min-length': 'drift',
      'missing › min-length': 'unknown',
      'selector › min-length': 'unknown',
      'unparsable › min-length': 'unknown',
    });
  });
});

describe('resilience: a rule that throws', () => {
  const workspace = {
    'a.md': reading('a', 'cfg.json'),
    'b.md': reading('b', 'cfg.json'),
    'cfg.json': '{"min": 8}',
  };

  it('becomes an internal/error finding on that policy; every other finding is still reported', () => {
    const boom: Rule = {
      id: 'test/boom',
      severity: 'error',
      description: 'throws on policy a',
      checkPolicy({ policy: p }) {
        if (p.id === 'a') throw new Error('kaboom');
      },
    };
    const rules = RULES as Rule[];
    // Before the built-in rules, so the rules after it must still run for policy a.
    rules.unshift(boom);
    let result;
    try {
      result = lintFiles(workspace);
    } finally {
      rules.splice(rules.indexOf(boom), 1);
    }
    assert.deepEqual(findings(result), [
      { rule: 'internal/error', severity: 'error', message: "internal error in rule test/boom: kaboom — this policy's other findings may be incomplete", file: 'a.md', range: '2:1-2:7' },
      { rule: 'requirement/drift', severity: 'error', message: 'min is 8; policy a › min-length expects >= 12', file: 'cfg.json', range: '1:9-1:10', requirement: 'min-length' },
      { rule: 'requirement/drift', severity: 'error', message: 'min is 8; policy b › min-length expects >= 12', file: 'cfg.json', range: '1:9-1:10', requirement: 'min-length' },
    ]);
    assert.equal(result.findings[0].policy, 'a');
    assert.ok(!RULES.includes(boom), 'the test rule is removed again');
  });

  it('a built-in rule throwing on one policy leaves its findings on the others', () => {
    const drift = RULES.find((r) => r.id === 'requirement/drift')!;
    const original = drift.checkPolicy!;
    drift.checkPolicy = (context) => {
      if (context.policy.id === 'b') throw new TypeError("Cannot read properties of undefined (reading 'span')");
      original.call(drift, context);
    };
    let result;
    try {
      result = lintFiles(workspace);
    } finally {
      drift.checkPolicy = original;
    }
    assert.deepEqual(findings(result), [
      {
        rule: 'internal/error',
        severity: 'error',
        message: "internal error in rule requirement/drift: Cannot read properties of undefined (reading 'span') — this policy's other findings may be incomplete",
        file: 'b.md',
        range: '2:1-2:7',
      },
      { rule: 'requirement/drift', severity: 'error', message: 'min is 8; policy a › min-length expects >= 12', file: 'cfg.json', range: '1:9-1:10', requirement: 'min-length' },
    ]);
  });

  it('an exception while checking requirements becomes internal/error on that policy only', () => {
    class FlakyStore extends SourceStore {
      override load(raw: string): SourceLoad {
        if (raw === 'broken.json') throw new Error('disk on fire');
        return super.load(raw);
      }
    }
    const files = { 'a.md': reading('a', 'broken.json'), 'b.md': reading('b', 'cfg.json'), 'cfg.json': '{"min": 8}' };
    const result = lintFiles(files, { store: new FlakyStore(new MemoryFs(new Map(Object.entries(files)))) });
    assert.deepEqual(findings(result), [
      {
        rule: 'internal/error',
        severity: 'error',
        message: "internal error in checking requirements: disk on fire — this policy's other findings may be incomplete",
        file: 'a.md',
        range: '2:1-2:7',
      },
      { rule: 'requirement/drift', severity: 'error', message: 'min is 8; policy b › min-length expects >= 12', file: 'cfg.json', range: '1:9-1:10', requirement: 'min-length' },
    ]);
  });

  // BUG: lint.ts calls each rule's checkWorkspace without a try/catch, so a workspace rule that
  // throws aborts the whole lint instead of becoming an internal/error finding.
  it('a workspace rule that throws becomes an internal/error finding; the other findings remain', () => {
    const boom: Rule = {
      id: 'test/workspace-boom',
      severity: 'error',
      description: 'throws while checking the workspace',
      checkWorkspace() {
        throw new Error('kaboom');
      },
    };
    const rules = RULES as Rule[];
    rules.unshift(boom);
    let result;
    try {
      result = lintFiles(workspace);
    } finally {
      rules.splice(rules.indexOf(boom), 1);
    }
    const internal = result.findings.filter((f) => f.rule === 'internal/error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /^internal error in rule test\/workspace-boom: kaboom/);
    assert.deepEqual(findings(result, 'requirement/drift').map((f) => f.message), [
      'min is 8; policy a › min-length expects >= 12',
      'min is 8; policy b › min-length expects >= 12',
    ]);
  });
});

describe('rule registry', () => {
  it('lists exactly the rules these tests cover, each with a severity and a description', () => {
    // A new rule must come with tests under test/engine/rules/ (and be added here).
    assert.deepEqual(RULES.map((r) => r.id).sort(), [
      'config/invalid', // config.test.ts
      'control/unknown-id', // owner-control.test.ts
      'control/unverified', // owner-control.test.ts
      'evidence/backdated', // backdated.test.ts
      'evidence/future-date', // evidence.test.ts
      'evidence/gap', // evidence.test.ts
      'evidence/stale', // evidence.test.ts
      'exception/expired', // exception.test.ts
      'exception/no-expiry', // exception.test.ts
      'exception/unused', // exception.test.ts
      'front-matter/schema', // front-matter.test.ts
      'front-matter/syntax', // front-matter.test.ts
      'internal/error', // resilience.test.ts
      'owner/missing', // owner-control.test.ts
      'owner/not-codeowner', // codeowners.test.ts
      'policy/duplicate-id', // policy.test.ts
      'requirement/conflict', // requirement.test.ts
      'requirement/drift', // requirement.test.ts
      'requirement/statement-mismatch', // requirement.test.ts
      'requirement/understated', // requirement.test.ts
      'review/future-date', // review.test.ts
      'review/missing', // review.test.ts
      'review/overdue', // review.test.ts
      'selector/invalid', // source-selector.test.ts
      'selector/no-match', // source-selector.test.ts
      'source/missing', // source-selector.test.ts
      'source/outside-workspace', // source-selector.test.ts
      'source/unreadable', // source-selector.test.ts
      'value/unknown', // requirement.test.ts (skipped until the Terraform reader lands)
    ]);
    for (const rule of RULES) {
      assert.ok(['error', 'warning', 'info'].includes(rule.severity), rule.id);
      assert.ok(rule.description.length > 0, rule.id);
    }
  });

  it('uses the default severities of the contract', () => {
    const severity = Object.fromEntries(RULES.map((r) => [r.id, r.severity]));
    assert.equal(severity['requirement/understated'], 'info');
    assert.equal(severity['requirement/conflict'], 'warning');
    assert.equal(severity['requirement/statement-mismatch'], 'warning');
    assert.equal(severity['value/unknown'], 'info');
    assert.equal(severity['review/missing'], 'warning');
    assert.equal(severity['control/unverified'], 'info');
    assert.equal(severity['exception/unused'], 'warning');
    assert.equal(severity['owner/not-codeowner'], 'warning');
    assert.deepEqual(
      RULES.filter((r) => r.severity === 'error').map((r) => r.id).sort(),
      [
        'config/invalid', 'control/unknown-id', 'evidence/backdated', 'evidence/future-date', 'evidence/gap', 'evidence/stale', 'exception/expired', 'exception/no-expiry',
        'front-matter/schema', 'front-matter/syntax', 'internal/error', 'owner/missing', 'policy/duplicate-id', 'requirement/drift', 'review/future-date',
        'review/overdue', 'selector/invalid', 'selector/no-match', 'source/missing', 'source/outside-workspace', 'source/unreadable',
      ],
    );
  });
});
