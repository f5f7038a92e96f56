// front-matter/syntax and front-matter/schema (policy format sections 1 and 5).

import assert from 'node:assert/strict';
import { covered, findings, lintFiles, policy } from '../../helpers/workspace';

const SYNTAX = 'front-matter/syntax';
const SCHEMA = 'front-matter/schema';
/** A tenet.yaml that makes every top-level .md a policy, so files without `policy:` are still linted. */
const ALL_MD = { 'tenet.yaml': 'policies: ["*.md"]\n' };

describe('front-matter/syntax', () => {
  it('reports malformed YAML on the offending token', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: @acme\n---\n# P\n' });
    assert.deepEqual(findings(result), [
      { rule: SYNTAX, severity: 'error', message: 'YAML syntax error: Plain value cannot start with reserved character @', file: 'p.md', range: '3:8-3:9' },
    ]);
    assert.equal(covered(result, result.findings[0]), '@');
  });

  it('reports a nested mapping in a compact value at the value', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\ntitle: a: b\nowner: "@a"\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SYNTAX, severity: 'error', message: 'YAML syntax error: Nested mappings are not allowed in compact mappings', file: 'p.md', range: '3:8-3:9' },
    ]);
  });

  it('reports a duplicate key on the whole repeated key', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\npolicy: q\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SYNTAX, severity: 'error', message: 'YAML syntax error: Map keys must be unique', file: 'p.md', range: '3:1-3:7' },
    ]);
  });

  it('reports front matter that is never closed on the opening fence', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: "@a"\n\n# Body without a closing fence\n' });
    assert.deepEqual(findings(result), [
      { rule: SYNTAX, severity: 'error', message: 'the front matter is never closed: add a --- line after its last key', file: 'p.md', range: '1:1-1:4' },
    ]);
  });

  it('stops checking a policy whose front matter cannot be parsed (no requirement results, no other rules)', () => {
    const result = lintFiles({
      'p.md': '---\npolicy: p\ncontrols: [CC9.9]\nrequirements:\n  a:\n    expect: 1\n    in: [{file: a.json, at: $.a}]\nowner: @x\n---\n',
      'a.json': '{"a": 2}',
    });
    assert.deepEqual(findings(result).map((f) => f.rule), [SYNTAX]);
    assert.deepEqual(result.requirements, []);
    assert.deepEqual(result.policies, []);
  });

  it('does not fire on a well-formed policy', () => {
    const result = lintFiles({ 'p.md': policy('p') });
    assert.deepEqual(findings(result, SYNTAX, SCHEMA), []);
  });
});

describe('front-matter/schema: the shape of the header', () => {
  it('reports front matter that is a list', () => {
    const result = lintFiles({ ...ALL_MD, 'p.md': '---\n- policy: p\n- owner: x\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: 'the front matter must be a mapping of keys (policy:, title:, …), not a list', file: 'p.md', range: '2:1-4:1' },
    ]);
  });

  it('reports front matter that is a single scalar', () => {
    const result = lintFiles({ ...ALL_MD, 'p.md': '---\njust text\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: 'the front matter must be a mapping of keys (policy:, title:, …), not a single value', file: 'p.md', range: '2:1-2:10' },
    ]);
  });

  it('reports empty front matter on the opening fence', () => {
    const result = lintFiles({ ...ALL_MD, 'p.md': '---\n---\n# P\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: 'the front matter is empty: a policy needs at least "policy:"', file: 'p.md', range: '1:1-1:4' },
    ]);
  });

  it('treats front matter holding only a comment as empty', () => {
    const result = lintFiles({ ...ALL_MD, 'p.md': '---\n# nothing yet\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: 'the front matter is empty: a policy needs at least "policy:"', file: 'p.md', range: '1:1-1:4' },
    ]);
  });

  it('reports a file matched by the policies globs that has no front matter, on its first line', () => {
    const result = lintFiles({ 'tenet.yaml': 'policies: ["policies/**/*.md"]\n', 'policies/a.md': '# Hello\n\nJust prose.\n', 'README.md': '# Readme\n' });
    assert.deepEqual(findings(result), [
      {
        rule: SCHEMA,
        severity: 'error',
        message: 'this file has no YAML front matter: a policy starts with a --- line, its keys (policy:, title:, owner:, …), and a closing --- line',
        file: 'policies/a.md',
        range: '1:1-1:8',
      },
    ]);
  });
});

describe('front-matter/schema: keys and values', () => {
  it('reports a missing `policy` on the opening fence', () => {
    const result = lintFiles({ ...ALL_MD, 'p.md': '---\ntitle: T\nowner: "@a"\nreview:\n  last: 2026-06-01\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: 'the front matter is missing the required key "policy"', file: 'p.md', range: '1:1-1:4' },
    ]);
  });

  it('reports an unknown top-level key on the key, suggesting the nearest known one', () => {
    const result = lintFiles({ 'p.md': policy('p', 'ownr: "@b"\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'unknown key "ownr" (did you mean "owner"?)', file: 'p.md', range: '9:1-9:5' },
    ]);
  });

  it('reports an unknown key inside a requirement, naming the requirement', () => {
    const result = lintFiles({ 'p.md': policy('p', 'requirements:\n  staff-training:\n    sayz: Staff are trained.\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'unknown key "sayz" in "staff-training" (did you mean "says"?)', file: 'p.md', range: '11:5-11:9' },
    ]);
  });

  it('offers no suggestion for an unknown key far from every known one', () => {
    const result = lintFiles({ 'p.md': policy('p', 'department: IT\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'unknown key "department"', file: 'p.md', range: '9:1-9:11' },
    ]);
  });

  it('reports an owner that YAML reads as a number on the value', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: 12\nreview:\n  last: 2026-06-01\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: '"owner" must be text (found 12)', file: 'p.md', range: '3:8-3:10' },
    ]);
  });

  it('accepts a quoted numeric owner and a numeric version', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: "12"\nversion: 1.4\nreview:\n  last: 2026-06-01\n---\n' });
    assert.deepEqual(findings(result), []);
  });

  it('reports an empty owner on the key (the value has no extent), besides owner/missing', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner:\nreview:\n  last: 2026-06-01\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: 'owner/missing', severity: 'error', message: 'policy p has no owner: name the accountable person or team (owner: "@org/team")', file: 'p.md', range: '2:1-2:7' },
      { rule: SCHEMA, severity: 'error', message: '"owner" must be text (found null)', file: 'p.md', range: '3:1-3:6' },
    ]);
  });

  it('reports approvers given as a string instead of a list', () => {
    const result = lintFiles({ 'p.md': policy('p', 'approvers: "x"\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: '"approvers" must be a list (found "x")', file: 'p.md', range: '9:12-9:15' },
    ]);
  });

  it('reports a date not in YYYY-MM-DD form', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: "@a"\nreview:\n  last: 06/01/2026\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: '"last" must be a date in YYYY-MM-DD form (found "06/01/2026")', file: 'p.md', range: '5:9-5:19' },
    ]);
  });

  it('reports an impossible calendar date in review.last', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: "@a"\nreview:\n  last: 2026-02-30\n---\n' });
    assert.deepEqual(findings(result), [
      { rule: SCHEMA, severity: 'error', message: '2026-02-30 is not a real calendar date', file: 'p.md', range: '5:9-5:19' },
    ]);
  });

  it('reports an impossible calendar date in effective and in an exception expiry', () => {
    const result = lintFiles({
      'p.md': policy('p', 'effective: 2026-02-30\nexceptions:\n  - requirement: x\n    reason: r\n    expires: 2027-02-29\n'),
    });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: '2026-02-30 is not a real calendar date', file: 'p.md', range: '9:12-9:22' },
      { rule: SCHEMA, severity: 'error', message: '2027-02-29 is not a real calendar date', file: 'p.md', range: '13:14-13:24' },
    ]);
  });

  it('accepts a real leap day', () => {
    const result = lintFiles({ 'p.md': policy('p', 'effective: 2024-02-29\n') });
    assert.deepEqual(findings(result, SCHEMA), []);
  });

  it('reports a cadence that is not a cadence word or "N units"', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: "@a"\nreview:\n  every: yearly\n  last: 2026-06-01\n---\n' });
    assert.deepEqual(findings(result), [
      {
        rule: SCHEMA,
        severity: 'error',
        message: '"every" must be a cadence: weekly, monthly, quarterly, semiannually, annually, or "N days|weeks|months|years" (found "yearly")',
        file: 'p.md',
        range: '5:10-5:16',
      },
    ]);
  });

  it('accepts "N units" cadences', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: "@a"\nreview:\n  every: 6 months\n  last: 2026-06-01\n---\n' });
    assert.deepEqual(findings(result), []);
  });

  it('reports a policy id that is not kebab-case', () => {
    const result = lintFiles({ 'p.md': policy('Password_Policy') });
    assert.deepEqual(findings(result, SCHEMA), [
      {
        rule: SCHEMA,
        severity: 'error',
        message: '"policy" must be a kebab-case id such as "password-authentication" (found "Password_Policy")',
        file: 'p.md',
        range: '2:9-2:24',
      },
    ]);
  });

  it('reports a requirement id that is not kebab-case once, on the id', () => {
    const result = lintFiles({ 'p.md': policy('p', 'requirements:\n  Min_Length:\n    says: x\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'requirement id "Min_Length" must be kebab-case (lower-case words joined by "-")', file: 'p.md', range: '10:3-10:13' },
    ]);
  });

  it('reports `expect` without `in` on the expect key', () => {
    const result = lintFiles({ 'p.md': policy('p', 'requirements:\n  min-length:\n    expect: ">= 12"\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: '"expect" needs "in" beside it in "min-length"', file: 'p.md', range: '11:5-11:11' },
    ]);
  });

  it('reports `every` without `evidence` on the every key', () => {
    const result = lintFiles({ 'p.md': policy('p', 'requirements:\n  access-review:\n    every: quarterly\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: '"every" needs "evidence" beside it in "access-review"', file: 'p.md', range: '11:5-11:10' },
    ]);
  });

  it('reports a source without `at`', () => {
    const result = lintFiles({ 'p.md': policy('p', 'requirements:\n  min-length:\n    expect: ">= 12"\n    in:\n      - file: a.json\n'), 'a.json': '{}' });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'in[0] is missing the required key "at"', file: 'p.md', range: '13:9-14:1' },
    ]);
  });

  it('reports an exception without `reason`', () => {
    const result = lintFiles({ 'p.md': policy('p', 'exceptions:\n  - requirement: x\n    expires: 2027-01-01\n') });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'exceptions[0] is missing the required key "reason"', file: 'p.md', range: '10:5-12:1' },
    ]);
  });

  it('reports a severity outside error, warning, info', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  min-length:\n    expect: ">= 12"\n    in:\n      - file: a.json\n        at: $.a\n    severity: critical\n'),
      'a.json': '{"a": 12}',
    });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: '"severity" must be one of error, warning, info (found "critical")', file: 'p.md', range: '15:15-15:23' },
    ]);
  });

  it('reports an expectation with an unknown operator on the expect value, for that requirement', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  min-length:\n    expect: "=> 12"\n    in:\n      - file: a.json\n        at: $.a\n'),
      'a.json': '{"a": 12}',
    });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'expect: "=> 12" starts with an unknown operator; use >=, >, <=, <, == or !=', file: 'p.md', range: '11:13-11:20', requirement: 'min-length' },
    ]);
    assert.deepEqual(result.requirements.map((r) => r.status), ['unknown']);
  });

  it('reports one mistake in an expect object once, in the words of the expectation parser', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  algo:\n    expect: {oneOf: AES256}\n    in:\n      - file: a.json\n        at: $.a\n'),
      'a.json': '{"a": "AES256"}',
    });
    assert.deepEqual(findings(result, SCHEMA), [
      { rule: SCHEMA, severity: 'error', message: 'expect: oneOf takes a list of values', file: 'p.md', range: '11:21-11:27', requirement: 'algo' },
    ]);
  });

  it('accepts `expect: null` (a bare scalar means equality)', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  no-default:\n    expect: null\n    in:\n      - file: a.json\n        at: $.a\n'),
      'a.json': '{"a": null}',
    });
    assert.deepEqual(findings(result), []);
    assert.deepEqual(result.requirements.map((r) => r.status), ['verified']);
  });

  it('keeps checking the rest of a policy with a schema error', () => {
    const result = lintFiles({
      'p.md': policy('p', 'ownr: x\nrequirements:\n  min-length:\n    expect: ">= 12"\n    in:\n      - file: a.json\n        at: $.a\n'),
      'a.json': '{"a": 8}',
    });
    assert.deepEqual(findings(result).map((f) => f.rule), ['requirement/drift', SCHEMA]);
  });
});
