// Every expectation operator of the policy format (section 3), through the whole engine:
// a policy and its config in memory → findings with exact message, file, range and severity.
//
// Layout of the policy built by `lintExpect` (1-based lines; the helper pins today to 2026-11-22):
//   10 `  r:`                       requirement key at 10:3-10:4
//   12 `    expect: <expect>`       the expect value starts at 12:13
//   14 `      - file: <file>`       the file value starts at 14:15
//   15 `        at: "<at>"`         the at value (quoted) starts at 15:13

import assert from 'node:assert/strict';
import type { LintResult } from '../../server/src/engine/types';
import { findings, lintFiles, policy, rangeOf, type PlainFinding } from '../helpers/workspace';

interface Options {
  file?: string;
  at?: string;
  /** YAML lines under the source, e.g. `where: {env: prod}` */
  where?: string;
  says?: string;
}

function requirementYaml(expect: string, o: Options = {}): string {
  const where = o.where ? `        ${o.where}\n` : '';
  return `requirements:\n  r:\n    says: ${o.says ?? 'Something holds.'}\n    expect: ${expect}\n    in:\n      - file: ${o.file ?? 'c.json'}\n        at: "${o.at ?? '$.v'}"\n${where}`;
}

function lintExpect(expect: string, files: Record<string, string>, o: Options = {}): LintResult {
  return lintFiles({ 'policies/p.md': policy('p', requirementYaml(expect, o)), ...files });
}

/** Shorthand: `expect` against `{"v": <json>}` in c.json. */
function lintValue(expect: string, json: string, o: Options = {}): LintResult {
  return lintExpect(expect, { 'c.json': `{"v": ${json}}` }, o);
}

function statuses(result: LintResult): Record<string, string> {
  return Object.fromEntries(result.requirements.map((r) => [`${r.policy}/${r.requirement}`, r.status]));
}

function assertVerified(result: LintResult): void {
  assert.deepEqual(findings(result), []);
  assert.deepEqual(statuses(result), { 'p/r': 'verified' });
}

function assertDrift(result: LintResult, expected: PlainFinding[]): void {
  assert.deepEqual(findings(result), expected);
  assert.deepEqual(statuses(result), { 'p/r': 'drift' });
}

/** A drift finding on the value of `{"v": …}`, which starts at column 7 of line 1. */
function drift(message: string, range: string, file = 'c.json'): PlainFinding {
  return { rule: 'requirement/drift', severity: 'error', message, file, range, requirement: 'r' };
}

describe('expectation operators through the engine', () => {
  describe('bare scalars mean equality', () => {
    it('true passes on true and on the text "true"', () => {
      assertVerified(lintValue('true', 'true'));
      assertVerified(lintValue('true', '"true"'));
    });

    it('true fails on false, reported at the value with the related requirement', () => {
      const result = lintValue('true', 'false');
      assertDrift(result, [drift('v is false; policy p › r expects true', '1:7-1:12')]);
      const [f] = result.findings;
      assert.equal(f.expected, 'true');
      assert.equal(f.actual, false);
      assert.equal(f.policy, 'p');
      assert.deepEqual(f.related?.map((r) => ({ file: r.file, range: rangeOf(result, r.file, r.span), message: r.message })), [
        { file: 'policies/p.md', range: '10:3-10:4', message: 'requirement stated here' },
      ]);
    });

    it('false passes on false and fails on 0 (a number is not a boolean)', () => {
      assertVerified(lintValue('false', 'false'));
      assertDrift(lintValue('false', '0'), [drift('v is 0; policy p › r expects false', '1:7-1:8')]);
    });

    it('12 passes on 12 and on "12" (numbers compare as numbers), fails on 13', () => {
      assertVerified(lintValue('12', '12'));
      assertVerified(lintValue('12', '"12"'));
      assertVerified(lintValue('12', '12.0'));
      assertDrift(lintValue('12', '13'), [drift('v is 13; policy p › r expects 12', '1:7-1:9')]);
    });

    it('AES256 passes on "AES256", fails on "aws:kms" and on "aes256" (text is exact)', () => {
      assertVerified(lintValue('AES256', '"AES256"'));
      assertDrift(lintValue('AES256', '"aws:kms"'), [drift('v is "aws:kms"; policy p › r expects == AES256', '1:7-1:16')]);
      assertDrift(lintValue('AES256', '"aes256"'), [drift('v is "aes256"; policy p › r expects == AES256', '1:7-1:15')]);
    });

    it('a text expectation does not equal a list or an object', () => {
      assertDrift(lintValue('AES256', '["AES256"]'), [drift('v is ["AES256"]; policy p › r expects == AES256', '1:7-1:17')]);
      assertDrift(lintValue('12', '{"a": 12}'), [drift('v is an object; policy p › r expects 12', '1:7-1:16')]);
    });

    it('a date equals the same day written with a time', () => {
      assertVerified(lintValue('2026-01-01', '"2026-01-01T08:00:00Z"'));
      assertDrift(lintValue('2026-01-01', '"2026-01-02"'), [drift('v is "2026-01-02"; policy p › r expects == 2026-01-01', '1:7-1:19')]);
    });

    // The contract makes every bare scalar an equality, null included (the schema allows it).
    it('null passes on null and fails on 0', () => {
      assertVerified(lintValue('null', 'null'));
      assertDrift(lintValue('null', '0'), [drift('v is 0; policy p › r expects null', '1:7-1:8')]);
    });
  });

  describe('number comparisons', () => {
    it('>= 12: 12 and "12" pass; 11 fails', () => {
      assertVerified(lintValue('">= 12"', '12'));
      assertVerified(lintValue('">= 12"', '"12"'));
      assertDrift(lintValue('">= 12"', '11'), [drift('v is 11; policy p › r expects >= 12', '1:7-1:9')]);
    });

    it('> 12: 13 passes; 12 fails', () => {
      assertVerified(lintValue('"> 12"', '13'));
      assertDrift(lintValue('"> 12"', '12'), [drift('v is 12; policy p › r expects > 12', '1:7-1:9')]);
    });

    it('<= 90: 90 passes; 91 fails', () => {
      assertVerified(lintValue('"<= 90"', '90'));
      assertDrift(lintValue('"<= 90"', '91'), [drift('v is 91; policy p › r expects <= 90', '1:7-1:9')]);
    });

    it('< 90: 89 and "89" pass; 90 fails', () => {
      assertVerified(lintValue('"< 90"', '[89, "89"]', { at: '$.v[*]' }));
      assertDrift(lintValue('"< 90"', '90'), [drift('v is 90; policy p › r expects < 90', '1:7-1:9')]);
    });

    it('operators may be written without a space and with negative or decimal operands', () => {
      assertVerified(lintValue('">=12"', '12'));
      assertVerified(lintValue('">= -1.5"', '"-1.5"'));
      assertDrift(lintValue('"> -1.5"', '-2'), [drift('v is -2; policy p › r expects > -1.5', '1:7-1:9')]);
    });

    it('a boolean where a number is expected fails and says why', () => {
      assertDrift(lintValue('">= 12"', 'true'), [drift('v is true (a boolean, not a number); policy p › r expects >= 12', '1:7-1:11')]);
    });

    it('text that is not a number fails and says why', () => {
      assertDrift(lintValue('">= 12"', '"twelve"'), [drift('v is "twelve" (text, not a number); policy p › r expects >= 12', '1:7-1:15')]);
    });

    it('a date where a number is expected fails (dates are not numbers)', () => {
      assertDrift(lintValue('">= 12"', '"2026-01-01"'), [drift('v is "2026-01-01" (text, not a number); policy p › r expects >= 12', '1:7-1:19')]);
    });

    it('null, a list and an object are not numbers', () => {
      assertDrift(lintValue('"< 90"', '[null, [1], {"a": 1}]', { at: '$.v[*]' }), [
        drift('v[0] is null (null, not a number); policy p › r expects < 90', '1:8-1:12'),
        drift('v[1] is [1] (a list, not a number); policy p › r expects < 90', '1:14-1:17'),
        drift('v[2] is an object (an object, not a number); policy p › r expects < 90', '1:19-1:27'),
      ]);
    });
  });

  describe('equality operators == and !=', () => {
    it('== x passes on "x" and fails on "y"', () => {
      assertVerified(lintValue('"== x"', '"x"'));
      assertDrift(lintValue('"== x"', '"y"'), [drift('v is "y"; policy p › r expects == x', '1:7-1:10')]);
    });

    it('!= x passes on "y" and fails on "x"', () => {
      assertVerified(lintValue('"!= x"', '"y"'));
      assertDrift(lintValue('"!= x"', '"x"'), [drift('v is "x"; policy p › r expects != x', '1:7-1:10')]);
    });

    it('== true and == 12 compare typed operands', () => {
      assertVerified(lintValue('"== true"', '[true, "true"]', { at: '$.v[*]' }));
      assertDrift(lintValue('"== true"', '1'), [drift('v is 1; policy p › r expects true', '1:7-1:8')]);
      assertVerified(lintValue('"== 12"', '[12, "12"]', { at: '$.v[*]' }));
    });

    it('!= 0 fails on 0 written as a number or as text', () => {
      assertVerified(lintValue('"!= 0"', '1'));
      assertDrift(lintValue('"!= 0"', '["0", 0]', { at: '$.v[*]' }), [
        drift('v[0] is "0"; policy p › r expects != 0', '1:8-1:11'),
        drift('v[1] is 0; policy p › r expects != 0', '1:13-1:14'),
      ]);
    });

    it('a quoted operand is text, with spaces kept', () => {
      assertVerified(lintValue(`"== 'two words'"`, '"two words"'));
      assertDrift(lintValue(`"== 'two words'"`, '"two"'), [drift('v is "two"; policy p › r expects == "two words"', '1:7-1:12')]);
    });
  });

  describe('dates as operands', () => {
    it('>= 2026-01-01: the same day and later pass; the day before fails', () => {
      assertVerified(lintValue('">= 2026-01-01"', '["2026-01-01", "2026-06-30T12:00:00Z"]', { at: '$.v[*]' }));
      assertDrift(lintValue('">= 2026-01-01"', '"2025-12-31"'), [drift('v is "2025-12-31"; policy p › r expects >= 2026-01-01', '1:7-1:19')]);
    });

    it('> 2026-01-01: the same day fails', () => {
      assertVerified(lintValue('"> 2026-01-01"', '"2026-01-02"'));
      assertDrift(lintValue('"> 2026-01-01"', '"2026-01-01"'), [drift('v is "2026-01-01"; policy p › r expects > 2026-01-01', '1:7-1:19')]);
    });

    it('<= and < compare dates', () => {
      assertVerified(lintValue('"<= 2026-01-01"', '"2026-01-01"'));
      assertDrift(lintValue('"< 2026-01-01"', '"2026-01-01"'), [drift('v is "2026-01-01"; policy p › r expects < 2026-01-01', '1:7-1:19')]);
    });

    it('a number, a boolean, or an impossible date where a date is expected fails and says why', () => {
      assertDrift(lintValue('">= 2026-01-01"', '[12, true, "2026-02-30"]', { at: '$.v[*]' }), [
        drift('v[0] is 12 (a number, not a date); policy p › r expects >= 2026-01-01', '1:8-1:10'),
        drift('v[1] is true (a boolean, not a date); policy p › r expects >= 2026-01-01', '1:12-1:16'),
        drift('v[2] is "2026-02-30" (text, not a date); policy p › r expects >= 2026-01-01', '1:18-1:30'),
      ]);
    });
  });

  describe('within (relative to today, pinned to 2026-11-22)', () => {
    it('within 12 months: 2025-11-22 (exactly 12 months ago) passes; 2025-11-21 fails', () => {
      assertVerified(lintValue('"within 12 months"', '"2025-11-22"'));
      assertDrift(lintValue('"within 12 months"', '"2025-11-21"'), [drift('v is "2025-11-21"; policy p › r expects within 12 months', '1:7-1:19')]);
    });

    it('within 90 days: 2026-08-24 (90 days ago) passes; 2026-08-23 fails', () => {
      assertVerified(lintValue('"within 90 days"', '"2026-08-24"'));
      assertVerified(lintValue('"within 90 days"', '"2026-08-24T23:59:59Z"'));
      assertDrift(lintValue('"within 90 days"', '"2026-08-23"'), [drift('v is "2026-08-23"; policy p › r expects within 90 days', '1:7-1:19')]);
    });

    it('within 1 year is written in the singular, and a date after today is within', () => {
      assertVerified(lintValue('"within 1 year"', '"2026-11-23"'));
      assertDrift(lintValue('"within 1 year"', '"2025-01-01"'), [drift('v is "2025-01-01"; policy p › r expects within 1 year', '1:7-1:19')]);
    });

    it('a value that is not a date fails and says why', () => {
      assertDrift(lintValue('"within 90 days"', '["soon", 5]', { at: '$.v[*]' }), [
        drift('v[0] is "soon" (text, not a date); policy p › r expects within 90 days', '1:8-1:14'),
        drift('v[1] is 5 (a number, not a date); policy p › r expects within 90 days', '1:16-1:17'),
      ]);
    });

    it('the result follows the today option, not the clock', () => {
      const files = { 'policies/p.md': policy('p', requirementYaml('"within 90 days"')), 'c.json': '{"v": "2026-08-24"}' };
      assert.deepEqual(statuses(lintFiles(files, { today: '2026-11-22' })), { 'p/r': 'verified' });
      assert.deepEqual(statuses(lintFiles(files, { today: '2026-11-23' })), { 'p/r': 'drift' });
    });
  });

  describe('matches (RE2, linear time)', () => {
    it('matches ^aws:kms$ passes on "aws:kms" and fails on "AES256"', () => {
      assertVerified(lintValue('"matches ^aws:kms$"', '"aws:kms"'));
      assertDrift(lintValue('"matches ^aws:kms$"', '"AES256"'), [drift('v is "AES256"; policy p › r expects matches ^aws:kms$', '1:7-1:15')]);
    });

    it('an unanchored pattern matches anywhere in the value; numbers are matched as text', () => {
      assertVerified(lintValue('"matches kms"', '"arn:aws:kms:eu-west-1"'));
      assertVerified(lintValue('"matches ^[0-9]+$"', '443'));
    });

    it('null and booleans are not text', () => {
      assertDrift(lintValue('"matches ^aws:kms$"', '[null, false]', { at: '$.v[*]' }), [
        drift('v[0] is null (null, not text); policy p › r expects matches ^aws:kms$', '1:8-1:12'),
        drift('v[1] is false (a boolean, not text); policy p › r expects matches ^aws:kms$', '1:14-1:19'),
      ]);
    });

    it('a catastrophic pattern (a+)+$ against a long "aaaa…!" finishes fast', () => {
      const long = `${'a'.repeat(30_000)}!`;
      const started = Date.now();
      const result = lintExpect('"matches (a+)+$"', { 'c.json': JSON.stringify({ v: long }) });
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      assert.deepEqual(statuses(result), { 'p/r': 'drift' });
      assert.deepEqual(findings(result).map((f) => [f.rule, f.range]), [['requirement/drift', '1:6-1:30009']]);
      assert.equal(result.findings[0].message, `v is ${JSON.stringify(long.slice(0, 120))}… (30001 characters); policy p › r expects matches (a+)+$`);
    });

    it('a catastrophic pattern inside a JSONPath filter (search) finishes fast too', () => {
      const started = Date.now();
      const result = lintExpect('{count: 0}', { 'c.json': JSON.stringify({ v: [`${'a'.repeat(30_000)}!`] }) }, { at: "$.v[?search(@, '(a+)+$')]" });
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      assertVerified(result);
    });
  });

  describe('exists and absent', () => {
    it('exists passes when the selector selects something', () => {
      assertVerified(lintValue('exists', 'null'));
    });

    it('exists fails at `at` in the policy when nothing is selected (and no selector/no-match on top)', () => {
      const result = lintExpect('exists', { 'c.json': '{"w": 1}' });
      assertDrift(result, [
        { rule: 'requirement/drift', severity: 'error', message: '$.v selects nothing in c.json; policy p › r expects it to exist', file: 'policies/p.md', range: '15:13-15:18', requirement: 'r' },
      ]);
    });

    it('absent passes when nothing is selected', () => {
      assertVerified(lintExpect('absent', { 'c.json': '{"w": 1}' }));
    });

    it('absent fails at each selected value', () => {
      assertDrift(lintValue('absent', '1'), [drift('v is present (1); policy p › r expects it to be absent', '1:7-1:8')]);
      assertDrift(lintValue('absent', '{"a": [1, 2]}'), [drift('v is present (an object); policy p › r expects it to be absent', '1:7-1:20')]);
    });
  });

  describe('{oneOf} and {noneOf}', () => {
    it('oneOf passes when every value is in the list (typed: "2" is 2)', () => {
      assertVerified(lintValue('{oneOf: [1, 2, x]}', '["2", 1, "x"]', { at: '$.v[*]' }));
    });

    it('oneOf fails at each value outside the list', () => {
      assertDrift(lintValue('{oneOf: [1, 2, x]}', '["2", "X", true]', { at: '$.v[*]' }), [
        drift('v[1] is "X"; policy p › r expects oneOf [1, 2, x]', '1:13-1:16'),
        drift('v[2] is true; policy p › r expects oneOf [1, 2, x]', '1:18-1:22'),
      ]);
    });

    it('noneOf passes when no value is in the list', () => {
      assertVerified(lintValue('{noneOf: [TLSv1, TLSv1.1]}', '["TLSv1.2", "TLSv1.3"]', { at: '$.v[*]' }));
    });

    it('noneOf fails at each listed value, null and "" included', () => {
      assertDrift(lintValue('{noneOf: [null, ""]}', '["a", null, ""]', { at: '$.v[*]' }), [
        drift('v[1] is null; policy p › r expects noneOf [null, ""]', '1:13-1:17'),
        drift('v[2] is ""; policy p › r expects noneOf [null, ""]', '1:19-1:21'),
      ]);
    });
  });

  describe('{noneMatch}', () => {
    it('passes when no value matches (non-text values never match)', () => {
      assertVerified(lintValue('{noneMatch: "^0\\\\.0\\\\.0\\\\.0/0$"}', '["10.0.0.0/8", true, null]', { at: '$.v[*]' }));
    });

    it('fails at each matching value', () => {
      assertDrift(lintValue('{noneMatch: "^0\\\\.0\\\\.0\\\\.0/0$"}', '["10.0.0.0/8", "0.0.0.0/0"]', { at: '$.v[*]' }), [
        drift('v[1] is "0.0.0.0/0", which matches /^0\\.0\\.0\\.0/0$/; policy p › r expects no value to match', '1:22-1:33'),
      ]);
    });

    it('matches numbers as text', () => {
      assertDrift(lintValue('{noneMatch: "^22$"}', '[22, 443]', { at: '$.v[*]' }), [
        drift('v[0] is 22, which matches /^22$/; policy p › r expects no value to match', '1:8-1:10'),
      ]);
    });
  });

  describe('{count}', () => {
    it('count ">= 1" passes with one value and fails with none, at `at`', () => {
      assertVerified(lintValue('{count: ">= 1"}', '[7]', { at: '$.v[*]' }));
      const result = lintValue('{count: ">= 1"}', '[]', { at: '$.v[*]' });
      assertDrift(result, [
        { rule: 'requirement/drift', severity: 'error', message: '$.v[*] selects 0 values in c.json; policy p › r expects count >= 1', file: 'policies/p.md', range: '15:13-15:21', requirement: 'r' },
      ]);
      assert.equal(result.findings[0].actual, 0);
      assert.equal(result.findings[0].expected, 'count >= 1');
    });

    it('count 0 passes with no values and fails with two, listing them as related', () => {
      assertVerified(lintValue('{count: 0}', '[]', { at: '$.v[*]' }));
      const result = lintValue('{count: 0}', '[1, 2]', { at: '$.v[*]' });
      assertDrift(result, [
        { rule: 'requirement/drift', severity: 'error', message: '$.v[*] selects 2 values in c.json; policy p › r expects count 0', file: 'policies/p.md', range: '15:13-15:21', requirement: 'r' },
      ]);
      assert.deepEqual(result.findings[0].related?.map((r) => `${r.file} ${rangeOf(result, r.file, r.span)} ${r.message}`), [
        'c.json 1:8-1:9 selected: 1',
        'c.json 1:11-1:12 selected: 2',
      ]);
    });

    it('count counts after where and says "1 value" in the singular', () => {
      assertDrift(lintValue('{count: ">= 2"}', '[{"n": 1, "on": true}, {"n": 2, "on": false}]', { at: '$.v[*].n', where: 'where: {on: true}' }), [
        { rule: 'requirement/drift', severity: 'error', message: '$.v[*].n selects 1 value in c.json; policy p › r expects count >= 2', file: 'policies/p.md', range: '15:13-15:23', requirement: 'r' },
      ]);
    });

    it('count "== 0", "!= 0" and "0" written as text', () => {
      assertVerified(lintValue('{count: "== 0"}', '[]', { at: '$.v[*]' }));
      assertVerified(lintValue('{count: "!= 0"}', '[1]', { at: '$.v[*]' }));
      assertVerified(lintValue('{count: "0"}', '[]', { at: '$.v[*]' }));
    });
  });

  describe('{subsetOf}', () => {
    const hr = '{"employees": [{"login": "alice", "active": true}, {"login": "BOB ", "active": true}, {"login": "mallory", "active": false}]}';

    it('passes when every value appears in the other selection (identities compare case-insensitively, trimmed)', () => {
      const result = lintExpect('{subsetOf: {file: hr.json, at: "$.employees[*].login"}}', { 'gh.json': '{"members": ["Alice", "bob", "mallory"]}', 'hr.json': hr }, { file: 'gh.json', at: '$.members[*]' });
      assertVerified(result);
    });

    it('fails at each value missing from the filtered selection', () => {
      const result = lintExpect('{subsetOf: {file: hr.json, at: "$.employees[*].login", where: {active: true}}}', { 'gh.json': '{"members": ["Alice", "bob", "mallory"]}', 'hr.json': hr }, { file: 'gh.json', at: '$.members[*]' });
      assertDrift(result, [
        drift('members[2] is "mallory", which is not in hr.json › $.employees[*].login where active = true; policy p › r expects every value to appear there', '1:30-1:39', 'gh.json'),
      ]);
    });

    it('names no filter when there is no where', () => {
      const result = lintExpect('{subsetOf: {file: hr.json, at: "$.employees[*].login"}}', { 'gh.json': '{"members": ["eve"]}', 'hr.json': hr }, { file: 'gh.json', at: '$.members[*]' });
      assertDrift(result, [
        drift('members[0] is "eve", which is not in hr.json › $.employees[*].login; policy p › r expects every value to appear there', '1:14-1:19', 'gh.json'),
      ]);
    });

    it('a missing reference file is source/missing at its file value, and the requirement is unknown', () => {
      const result = lintExpect('{subsetOf: {file: hr.json, at: "$.e[*]"}}', { 'gh.json': '{"m": ["a"]}' }, { file: 'gh.json', at: '$.m[*]' });
      assert.deepEqual(findings(result), [
        { rule: 'source/missing', severity: 'error', message: 'hr.json does not exist', file: 'policies/p.md', range: '12:31-12:38', requirement: 'r' },
      ]);
      assert.deepEqual(statuses(result), { 'p/r': 'unknown' });
    });

    it('a reference that selects nothing is selector/no-match at its at value, and the requirement is unknown', () => {
      const result = lintExpect('{subsetOf: {file: hr.json, at: "$.e[*]"}}', { 'gh.json': '{"m": ["a"]}', 'hr.json': '{"e": []}' }, { file: 'gh.json', at: '$.m[*]' });
      assert.deepEqual(findings(result), [
        { rule: 'selector/no-match', severity: 'error', message: '$.e[*] selects nothing in hr.json', file: 'policies/p.md', range: '12:44-12:52', requirement: 'r' },
      ]);
      assert.deepEqual(statuses(result), { 'p/r': 'unknown' });
    });
  });

  describe('typed comparison in YAML configs', () => {
    it('a quoted "12" in YAML counts as 12', () => {
      assertVerified(lintExpect('">= 12"', { 'c.yaml': 'v: "12"\n' }, { file: 'c.yaml' }));
    });

    it('an unquoted YAML date is a date; YAML yes is text, not a boolean', () => {
      assertVerified(lintExpect('">= 2026-01-01"', { 'c.yaml': 'v: 2026-03-01\n' }, { file: 'c.yaml' }));
      assertDrift(lintExpect('true', { 'c.yaml': 'v: yes\n' }, { file: 'c.yaml' }), [drift('v is "yes"; policy p › r expects true', '1:4-1:7', 'c.yaml')]);
    });

    it('values reached through a YAML alias are reported at the alias', () => {
      assertDrift(lintExpect('">= 12"', { 'c.yaml': 'a: &d\n  min: 8\nb: *d\n' }, { file: 'c.yaml', at: '$.*.min' }), [
        drift('min is 8; policy p › r expects >= 12', '2:8-2:9', 'c.yaml'),
        drift('min is 8; policy p › r expects >= 12', '3:4-3:6', 'c.yaml'),
      ]);
    });
  });

  describe('multi-document YAML (Kubernetes manifests) is an array of documents', () => {
    const manifests = [
      'apiVersion: v1',
      'kind: Service',
      'spec:',
      '  replicas: 0',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  replicas: 1',
      '---',
      'kind: Deployment',
      'spec:',
      '  replicas: 3',
      '',
    ].join('\n');

    it('a filter on kind selects only the Deployments', () => {
      const result = lintExpect('">= 2"', { 'k8s/deploy.yaml': manifests }, { file: 'k8s/deploy.yaml', at: "$[?@.kind == 'Deployment'].spec.replicas" });
      assertDrift(result, [drift('replicas is 1; policy p › r expects >= 2', '9:13-9:14', 'k8s/deploy.yaml')]);
    });

    it('an index selects one document', () => {
      assertVerified(lintExpect('3', { 'k8s/deploy.yaml': manifests }, { file: 'k8s/deploy.yaml', at: '$[2].spec.replicas' }));
    });

    it('count over the documents', () => {
      assertVerified(lintExpect('{count: 2}', { 'k8s/deploy.yaml': manifests }, { file: 'k8s/deploy.yaml', at: "$[?@.kind == 'Deployment']" }));
    });
  });

  describe('where filters on the enclosing object', () => {
    const buckets = '{"buckets": [{"env": "prod", "encrypted": true}, {"env": "dev", "encrypted": false}, {"env": "prod", "encrypted": false}]}';

    it('only values whose siblings match are checked', () => {
      assertDrift(lintExpect('true', { 'c.json': buckets }, { at: '$.buckets[*].encrypted', where: 'where: {env: prod}' }), [
        drift('encrypted is false; policy p › r expects true', '1:115-1:120'),
      ]);
      assertVerified(lintExpect('false', { 'c.json': buckets }, { at: '$.buckets[*].encrypted', where: 'where: {env: dev}' }));
    });

    it('where compares typed values (true matches "true", 1 matches "1")', () => {
      const json = '{"users": [{"name": "a", "admin": "true", "level": "1"}, {"name": "b", "admin": false, "level": 2}]}';
      assertVerified(lintExpect('a', { 'c.json': json }, { at: '$.users[*].name', where: 'where: {admin: true, level: 1}' }));
    });

    it('the enclosing object of a manifest field is its own mapping', () => {
      const yaml = 'kind: Deployment\nspec:\n  tier: prod\n  replicas: 1\n---\nkind: Deployment\nspec:\n  tier: dev\n  replicas: 1\n';
      assertDrift(lintExpect('">= 2"', { 'k.yaml': yaml }, { file: 'k.yaml', at: '$[*].spec.replicas', where: 'where: {tier: prod}' }), [
        drift('replicas is 1; policy p › r expects >= 2', '4:13-4:14', 'k.yaml'),
      ]);
    });

    it('a where that filters everything out is selector/no-match, and the requirement is unknown', () => {
      const result = lintExpect('true', { 'c.json': buckets }, { at: '$.buckets[*].encrypted', where: 'where: {env: staging}' });
      assert.deepEqual(findings(result), [
        { rule: 'selector/no-match', severity: 'error', message: '$.buckets[*].encrypted selects 3 values in c.json, none where env = "staging"', file: 'policies/p.md', range: '15:13-15:37', requirement: 'r' },
      ]);
      assert.deepEqual(statuses(result), { 'p/r': 'unknown' });
    });
  });

  describe('expectation parse errors are front-matter/schema findings at the expect value', () => {
    /** Every front-matter/schema finding; the requirement is then unknown, not verified. */
    function expectProblems(expect: string): PlainFinding[] {
      const result = lintValue(expect, '1');
      assert.deepEqual(statuses(result), { 'p/r': 'unknown' });
      assert.deepEqual(findings(result).filter((f) => f.rule !== 'front-matter/schema'), []);
      return findings(result, 'front-matter/schema');
    }

    /** Found by the expectation parser: names the requirement. */
    function expectError(message: string, range: string): PlainFinding {
      return { rule: 'front-matter/schema', severity: 'error', message, file: 'policies/p.md', range, requirement: 'r' };
    }

    it('">= abc"', () => {
      assert.deepEqual(expectProblems('">= abc"'), [expectError('expect: ">= abc" compares with "abc", which is neither a number nor a date (YYYY-MM-DD)', '12:13-12:21')]);
    });

    it('">= 2026-02-30" (not a real date)', () => {
      assert.deepEqual(expectProblems('">= 2026-02-30"'), [expectError('expect: ">= 2026-02-30" compares with "2026-02-30", which is neither a number nor a date (YYYY-MM-DD)', '12:13-12:28')]);
    });

    it('">=" without an operand', () => {
      assert.deepEqual(expectProblems('">="'), [expectError('expect: ">=" needs a value to compare with', '12:13-12:17')]);
    });

    it('"=> 12", "= 12", "!x" and "≥ 12"', () => {
      assert.deepEqual(expectProblems('"=> 12"'), [expectError('expect: "=> 12" starts with an unknown operator; use >=, >, <=, <, == or !=', '12:13-12:20')]);
      assert.deepEqual(expectProblems('"= 12"'), [expectError('expect: "= 12" starts with an unknown operator; use >=, >, <=, <, == or !=', '12:13-12:19')]);
      assert.deepEqual(expectProblems('"!x"'), [expectError('expect: "!x" starts with an unknown operator; use >=, >, <=, <, == or !=', '12:13-12:17')]);
      assert.deepEqual(expectProblems('"≥ 12"'), [expectError('expect: "≥ 12" starts with an unknown operator; use >=, >, <=, <, == or !=', '12:13-12:19')]);
    });

    it('"within soon" and "within 0 days"', () => {
      assert.deepEqual(expectProblems('"within soon"'), [expectError('expect: "within soon" needs a duration, e.g. "within 12 months" (days, weeks, months or years)', '12:13-12:26')]);
      assert.deepEqual(expectProblems('"within 0 days"'), [expectError('expect: "within 0 days" needs a duration, e.g. "within 12 months" (days, weeks, months or years)', '12:13-12:28')]);
    });

    it('"matches (" (invalid regex) and "matches" without a pattern', () => {
      assert.deepEqual(expectProblems('"matches ("'), [expectError('expect: invalid regular expression /(/: error parsing regexp: missing closing ): `(`', '12:13-12:24')]);
      assert.deepEqual(expectProblems('"matches"'), [expectError('expect: "matches" needs a regular expression', '12:13-12:22')]);
    });

    it('{count: "lots"} at the count value', () => {
      assert.deepEqual(expectProblems('{count: "lots"}'), [expectError('expect: count takes a number comparison such as ">= 1" or "== 0"', '12:21-12:27')]);
    });

    it('{count: ">= 2026-01-01"} (a date is not a count)', () => {
      assert.deepEqual(expectProblems('{count: ">= 2026-01-01"}'), [expectError('expect: count takes a number comparison such as ">= 1" or "== 0"', '12:21-12:36')]);
    });

    it('{count: true}', () => {
      assert.deepEqual(expectProblems('{count: true}'), [expectError('expect: count takes a number comparison such as ">= 1" or "== 0"', '12:21-12:25')]);
    });

    it('{oneOf: 3} at the oneOf value', () => {
      assert.deepEqual(expectProblems('{oneOf: 3}'), [expectError('expect: oneOf takes a list of values', '12:21-12:22')]);
    });

    it('{noneMatch: 3} and {noneMatch: "("} at the pattern', () => {
      assert.deepEqual(expectProblems('{noneMatch: 3}'), [expectError('expect: noneMatch takes a regular expression', '12:25-12:26')]);
      assert.deepEqual(expectProblems('{noneMatch: "("}'), [expectError('expect: invalid regular expression /(/: error parsing regexp: missing closing ): `(`', '12:25-12:28')]);
    });

    it('{unknownOp: 1} at the key', () => {
      assert.deepEqual(expectProblems('{unknownOp: 1}'), [expectError('expect: unknown operator "unknownOp": expect objects take oneOf, noneOf, noneMatch, count or subsetOf', '12:14-12:23')]);
    });

    it('two operators in one object, and none', () => {
      assert.deepEqual(expectProblems('{oneOf: [1], noneOf: [2]}'), [expectError('expect: an expect object has exactly one operator: oneOf, noneOf, noneMatch, count or subsetOf', '12:13-12:38')]);
      assert.deepEqual(expectProblems('{}'), [expectError('expect: an expect object has exactly one operator: oneOf, noneOf, noneMatch, count or subsetOf', '12:13-12:15')]);
    });

    it('a list', () => {
      assert.deepEqual(expectProblems('[1, 2]'), [expectError('expect: expect must be a value, an operator string, or an object like {oneOf: [...]} — not a list', '12:13-12:19')]);
    });

    it('{subsetOf: 3}', () => {
      assert.deepEqual(expectProblems('{subsetOf: 3}'), [expectError('expect: subsetOf takes {file, at, where?}', '12:24-12:25')]);
    });

    // One mistake, one finding: the JSON Schema's complaint inside a bad expect is not repeated.
    it('{oneOf: [[1]]} is reported once', () => {
      assert.deepEqual(expectProblems('{oneOf: [[1]]}'), [expectError('expect: oneOf takes a list of values', '12:21-12:26')]);
    });

    it('{subsetOf} without at is reported once', () => {
      assert.deepEqual(expectProblems('{subsetOf: {file: x.json}}'), [expectError('expect: subsetOf needs both file and at', '12:24-12:38')]);
    });
  });
});
