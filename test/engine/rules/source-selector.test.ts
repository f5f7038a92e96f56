import { supportedFormats } from '../../../server/src/engine/sources/formats';
// source/missing, source/unreadable, source/outside-workspace, selector/invalid, selector/no-match.

import assert from 'node:assert/strict';
import { covered, findings, lintFiles, policy } from '../../helpers/workspace';
import { relatedOf, requirement, single, statuses } from './support';

/** One requirement `min-length: ">= 12"` reading `at` in `file`. Its source lines are 13 (file) and 14 (at). */
function reading(file: string, at = '$.min'): string {
  return policy('p', requirement('min-length', '">= 12"', [[file, at]]));
}

describe('source/missing', () => {
  it('reports a missing file on the `file:` value in the policy', () => {
    const result = lintFiles({ 'p.md': reading('idp/okta.json') });
    assert.deepEqual(findings(result), [
      { rule: 'source/missing', severity: 'error', message: 'idp/okta.json does not exist', file: 'p.md', range: '13:15-13:28', requirement: 'min-length' },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'unknown' });
  });

  it('reports a missing subsetOf reference file', () => {
    const result = lintFiles({
      'p.md': policy('p', requirement('github-members', '{subsetOf: {file: hr/employees.json, at: "$[*].login"}}', [['github.json', '$.members[*]']])),
      'github.json': '{"members": ["ana"]}',
    });
    assert.deepEqual(findings(result), [
      { rule: 'source/missing', severity: 'error', message: 'hr/employees.json does not exist', file: 'p.md', range: '11:31-11:48', requirement: 'github-members' },
    ]);
  });

  it('does not fire when the file exists', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': reading('idp/okta.json'), 'idp/okta.json': '{"min": 12}' })), []);
  });
});

describe('source/unreadable', () => {
  it('reports a JSON syntax error in the source, with the policy as related location', () => {
    const result = lintFiles({ 'p.md': reading('a.json'), 'a.json': '{\n  "min": 12,\n  "max": \n}\n' });
    assert.deepEqual(findings(result), [
      { rule: 'source/unreadable', severity: 'error', message: 'a.json cannot be parsed: JSON syntax error: value expected', file: 'a.json', range: '4:1-4:2', requirement: 'min-length' },
    ]);
    assert.deepEqual(relatedOf(result, single(result, 'source/unreadable')), [{ file: 'p.md', range: '13:15-13:21', message: 'read by policy p › min-length' }]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'unknown' });
  });

  it('reports a YAML syntax error in the source', () => {
    const result = lintFiles({ 'p.md': reading('a.yaml'), 'a.yaml': 'min: @12\n' });
    assert.deepEqual(findings(result), [
      { rule: 'source/unreadable', severity: 'error', message: 'a.yaml cannot be parsed: Plain value cannot start with reserved character @', file: 'a.yaml', range: '1:6-1:7', requirement: 'min-length' },
    ]);
  });

  it('reports a format Tenet cannot read on the `file:` value', () => {
    const result = lintFiles({ 'p.md': reading('notes.txt'), 'notes.txt': 'min = 12\n' });
    assert.deepEqual(findings(result), [
      { rule: 'source/unreadable', severity: 'error', message: `notes.txt: Tenet cannot read this kind of file (it reads ${supportedFormats()})`, file: 'p.md', range: '13:15-13:24', requirement: 'min-length' },
    ]);
  });

  it('reports a binary file', () => {
    const result = lintFiles({ 'p.md': reading('a.json'), 'a.json': new Uint8Array([0x7b, 0x00, 0x7d]) });
    assert.deepEqual(findings(result), [
      { rule: 'source/unreadable', severity: 'error', message: 'a.json: the file is binary (it contains NUL bytes)', file: 'p.md', range: '13:15-13:21', requirement: 'min-length' },
    ]);
  });

  it('reports a directory, naming it once', () => {
    const result = lintFiles({ 'p.md': reading('cfg'), 'cfg/a.json': '{}' });
    assert.deepEqual(findings(result), [
      { rule: 'source/unreadable', severity: 'error', message: 'cfg is a directory, not a file', file: 'p.md', range: '13:15-13:18', requirement: 'min-length' },
    ]);
  });

  it('does not fire on a valid file', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': reading('a.yaml'), 'a.yaml': 'min: 12\n' })), []);
  });
});

describe('source/outside-workspace', () => {
  it('refuses a path that climbs out with ..', () => {
    const result = lintFiles({ 'p.md': reading('../secrets.json') });
    assert.deepEqual(findings(result), [
      {
        rule: 'source/outside-workspace',
        severity: 'error',
        message: '"../secrets.json" leaves the workspace: Tenet reads only files inside the workspace',
        file: 'p.md',
        range: '13:15-13:30',
        requirement: 'min-length',
      },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'unknown' });
  });

  it('refuses an absolute path', () => {
    const result = lintFiles({ 'p.md': reading('/etc/passwd') });
    assert.deepEqual(findings(result), [
      { rule: 'source/outside-workspace', severity: 'error', message: '"/etc/passwd" is an absolute path: Tenet reads only files inside the workspace', file: 'p.md', range: '13:15-13:26', requirement: 'min-length' },
    ]);
  });

  it('accepts .. that stays inside the workspace', () => {
    assert.deepEqual(findings(lintFiles({ 'p.md': reading('cfg/../a.json'), 'a.json': '{"min": 12}' })), []);
  });
});

describe('selector/invalid', () => {
  it('reports a selector that is not JSONPath on the selector', () => {
    const result = lintFiles({ 'p.md': reading('a.json', 'min'), 'a.json': '{"min": 12}' });
    assert.deepEqual(findings(result), [
      { rule: 'selector/invalid', severity: 'error', message: '"min" is not a JSONPath query: it must start with "$"', file: 'p.md', range: '14:13-14:16', requirement: 'min-length' },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'unknown' });
  });

  it('points inside a quoted selector at the offending token', () => {
    const result = lintFiles({ 'p.md': reading('a.json', '"$.min[?"'), 'a.json': '{"min": 12}' });
    assert.deepEqual(findings(result), [
      { rule: 'selector/invalid', severity: 'error', message: 'invalid JSONPath "$.min[?": unclosed bracketed selection', file: 'p.md', range: '14:20-14:21', requirement: 'min-length' },
    ]);
    assert.equal(covered(result, result.findings[0]), '?');
  });

  it('accepts an RFC 9535 filter', () => {
    const result = lintFiles({
      'p.md': reading('a.json', '"$.rules[?@.enabled == true].min"'),
      'a.json': '{"rules": [{"enabled": true, "min": 12}, {"enabled": false, "min": 4}]}',
    });
    assert.deepEqual(findings(result), []);
  });
});

describe('selector/no-match', () => {
  it('reports a selector that selects nothing', () => {
    const result = lintFiles({ 'p.md': reading('a.json', '$.minLength'), 'a.json': '{"min": 12}' });
    assert.deepEqual(findings(result), [
      { rule: 'selector/no-match', severity: 'error', message: '$.minLength selects nothing in a.json', file: 'p.md', range: '14:13-14:24', requirement: 'min-length' },
    ]);
    assert.deepEqual(statuses(result), { 'p › min-length': 'unknown' });
  });

  it('reports a `where` that filters every selected value away', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  min-length:\n    expect: ">= 12"\n    in:\n      - file: a.json\n        at: $.tenants[*].min\n        where: { env: prod }\n'),
      'a.json': '{"tenants": [{"env": "dev", "min": 8}, {"env": "test", "min": 8}]}',
    });
    assert.deepEqual(findings(result), [
      { rule: 'selector/no-match', severity: 'error', message: '$.tenants[*].min selects 2 values in a.json, none where env = "prod"', file: 'p.md', range: '14:13-14:29', requirement: 'min-length' },
    ]);
  });

  it('checks only the values `where` keeps', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  min-length:\n    expect: ">= 12"\n    in:\n      - file: a.json\n        at: $.tenants[*].min\n        where: { env: prod }\n'),
      'a.json': '{"tenants": [{"env": "prod", "min": 14}, {"env": "dev", "min": 8}]}',
    });
    assert.deepEqual(findings(result), [
      { rule: 'requirement/understated', severity: 'info', message: 'every source is stricter than ">= 12" (lowest value: 14); the policy could state ">= 14"', file: 'p.md', range: '11:13-11:20', requirement: 'min-length' },
    ]);
  });

  it('does not fire for `absent`, where selecting nothing is the point', () => {
    const result = lintFiles({ 'p.md': policy('p', requirement('no-root-keys', 'absent', [['a.json', '$.rootAccessKey']])), 'a.json': '{}' });
    assert.deepEqual(findings(result), []);
    assert.deepEqual(statuses(result), { 'p › no-root-keys': 'verified' });
  });
});
