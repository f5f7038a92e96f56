// Unit tests of the engine's pure pieces: dates, cadence, typed values, expectations, regexes,
// JSONPath, the YAML and JSON readers, nesting limits, value trees, workspace paths, decoding, lines.

import assert from 'node:assert/strict';
import { describeCadence, nextDue, parseCadence } from '../../server/src/engine/cadence';
import { addDuration, addMonths, dayFromParts, describeDuration, formatDay, localToday, parseDuration, parseIsoDate, parseLooseDate } from '../../server/src/engine/dates';
import { checkValue, describeExpectation, parseExpectation, parseOperatorString, readSourceSpec, type Expectation } from '../../server/src/engine/expect/expectation';
import { asBoolean, asDay, asNumber, formatValue, kindOf, sameValue } from '../../server/src/engine/expect/values';
import { decodeText, formatBytes, MAX_FILE_BYTES, MemoryFs, resolveWorkspacePath } from '../../server/src/engine/fs';
import { LineIndex } from '../../server/src/engine/lines';
import { compileRegex } from '../../server/src/engine/regex';
import { parseJsonTree } from '../../server/src/engine/sources/json-tree';
import { compileJsonPath, describeLocation, queryTree } from '../../server/src/engine/sources/jsonpath';
import { MAX_ALIAS_NODES, MAX_DEPTH, nestingProblem } from '../../server/src/engine/sources/limits';
import { lastName, treeSource } from '../../server/src/engine/sources/tree-source';
import { parseYamlDocument, parseYamlStream } from '../../server/src/engine/sources/yaml-tree';
import { child, entry, nodeAtPath, scalarText, toPlain, type Node } from '../../server/src/engine/tree';
import type { Span } from '../../server/src/engine/types';

const day = (iso: string): number => {
  const d = parseIsoDate(iso);
  assert.notEqual(d, undefined, iso);
  return d as number;
};
const iso = (d: number | undefined): string | undefined => (d === undefined ? undefined : formatDay(d));
const TODAY = day('2026-11-22');

/** The text a span covers. */
const cut = (text: string, span: Span): string => text.slice(span.start, span.end);

function expectation(text: string): Expectation {
  const parsed = parseOperatorString(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`);
  return parsed.expectation;
}

function root(tree: { root?: Node; problems: unknown[] }): Node {
  assert.deepEqual(tree.problems, []);
  assert.ok(tree.root);
  return tree.root;
}

describe('engine units', () => {
  describe('dates', () => {
    it('parseIsoDate reads strict YYYY-MM-DD as a day number since 1970-01-01', () => {
      assert.equal(parseIsoDate('1970-01-01'), 0);
      assert.equal(parseIsoDate('1970-01-02'), 1);
      assert.equal(parseIsoDate('1969-12-31'), -1);
      assert.equal(parseIsoDate('2026-01-15'), 20468);
      assert.equal(parseIsoDate(' 2026-01-15 '), 20468);
      assert.equal(iso(parseIsoDate('9999-12-31')), '9999-12-31');
    });

    it('parseIsoDate takes the date part of a date-time, whatever its offset', () => {
      assert.equal(iso(parseIsoDate('2026-01-15T10:20:30Z')), '2026-01-15');
      assert.equal(iso(parseIsoDate('2026-01-15T23:30:00-05:00')), '2026-01-15');
      assert.equal(iso(parseIsoDate('2026-01-15T00:30:00.123+0900')), '2026-01-15');
      assert.equal(iso(parseIsoDate('2026-01-15 10:20')), '2026-01-15');
    });

    it('parseIsoDate refuses impossible calendar dates and other forms', () => {
      for (const text of ['2026-02-30', '2026-02-29', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '2026-1-5', '20260115', '2026/01/15', '2026-01-15T10', 'Jan 15 2026', '']) {
        assert.equal(parseIsoDate(text), undefined, text);
      }
      assert.equal(iso(parseIsoDate('2024-02-29')), '2024-02-29');
      assert.equal(iso(parseIsoDate('2000-02-29')), '2000-02-29');
    });

    it('dayFromParts validates the calendar', () => {
      assert.equal(dayFromParts(1970, 1, 1), 0);
      assert.equal(dayFromParts(2026, 2, 29), undefined);
      assert.equal(dayFromParts(2026, 0, 1), undefined);
      assert.equal(dayFromParts(2026, 12, 31), day('2026-12-31'));
    });

    it('parseLooseDate reads the month-name forms of comply documents', () => {
      const cases: [string, string | undefined][] = [
        ['Jun 1 2018', '2018-06-01'],
        ['June 1, 2018', '2018-06-01'],
        ['1 Jun 2018', '2018-06-01'],
        ['1 June, 2018', '2018-06-01'],
        ['jun. 1 2018', '2018-06-01'],
        ['Sept 3 2020', '2020-09-03'],
        ['September 3, 2020', '2020-09-03'],
        ['DEC 31 1999', '1999-12-31'],
        ['2018-06-01', '2018-06-01'],
        ['Feb 30 2018', undefined],
        ['Foo 1 2018', undefined],
        ['Mayo 1 2018', undefined],
        ['Juneteenth 1 2018', undefined],
        ['Jun 2018', undefined],
        ['1/6/2018', undefined],
      ];
      for (const [text, expected] of cases) assert.equal(iso(parseLooseDate(text)), expected, text);
    });

    it('formatDay is the inverse of parseIsoDate', () => {
      for (const text of ['1970-01-01', '1969-12-31', '2024-02-29', '2026-11-22', '1000-01-01']) assert.equal(formatDay(day(text)), text);
    });

    it('addMonths clamps to the last day of the month', () => {
      const cases: [string, number, string][] = [
        ['2026-01-31', 1, '2026-02-28'],
        ['2024-01-31', 1, '2024-02-29'],
        ['2026-03-31', -1, '2026-02-28'],
        ['2026-08-31', 3, '2026-11-30'],
        ['2026-12-15', 1, '2027-01-15'],
        ['2026-01-15', -13, '2024-12-15'],
        ['2024-02-29', 12, '2025-02-28'],
        ['2026-05-31', 0, '2026-05-31'],
      ];
      for (const [from, months, expected] of cases) assert.equal(formatDay(addMonths(day(from), months)), expected, `${from} + ${months}`);
    });

    it('addDuration adds or subtracts days, weeks, months and years', () => {
      assert.equal(formatDay(addDuration(TODAY, { amount: 90, unit: 'days' }, -1)), '2026-08-24');
      assert.equal(formatDay(addDuration(TODAY, { amount: 2, unit: 'weeks' })), '2026-12-06');
      assert.equal(formatDay(addDuration(TODAY, { amount: 12, unit: 'months' }, -1)), '2025-11-22');
      assert.equal(formatDay(addDuration(day('2024-02-29'), { amount: 1, unit: 'years' })), '2025-02-28');
      assert.equal(formatDay(addDuration(day('2026-01-31'), { amount: 1, unit: 'months' })), '2026-02-28');
    });

    it('parseDuration reads "N unit(s)"', () => {
      assert.deepEqual(parseDuration('12 months'), { amount: 12, unit: 'months' });
      assert.deepEqual(parseDuration('1 year'), { amount: 1, unit: 'years' });
      assert.deepEqual(parseDuration('90 days'), { amount: 90, unit: 'days' });
      assert.deepEqual(parseDuration('2 weeks'), { amount: 2, unit: 'weeks' });
      assert.deepEqual(parseDuration(' 3  Months '), { amount: 3, unit: 'months' });
      assert.deepEqual(parseDuration('9999 days'), { amount: 9999, unit: 'days' });
      for (const text of ['0 days', '10000 days', '1.5 years', '-1 days', 'months', 'a day', '12 fortnights', '12months', '']) assert.equal(parseDuration(text), undefined, text);
    });

    it('describeDuration uses the singular for 1', () => {
      assert.equal(describeDuration({ amount: 1, unit: 'months' }), '1 month');
      assert.equal(describeDuration({ amount: 3, unit: 'months' }), '3 months');
      assert.equal(describeDuration({ amount: 1, unit: 'days' }), '1 day');
    });

    it('localToday reads the local calendar date of the given instant', () => {
      assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
      assert.equal(localToday(new Date(2026, 11, 31, 0, 0)), '2026-12-31');
    });
  });

  describe('cadence', () => {
    it('reads every cadence word', () => {
      const cases: [string, number, string][] = [
        ['weekly', 1, 'weeks'],
        ['monthly', 1, 'months'],
        ['quarterly', 3, 'months'],
        ['semiannually', 6, 'months'],
        ['annually', 1, 'years'],
      ];
      for (const [word, amount, unit] of cases) assert.deepEqual(parseCadence(word), { text: word, duration: { amount, unit } }, word);
    });

    it('ignores case and surrounding space, keeping the written word', () => {
      assert.deepEqual(parseCadence(' Quarterly '), { text: 'Quarterly', duration: { amount: 3, unit: 'months' } });
    });

    it('reads "N days|weeks|months|years"', () => {
      assert.deepEqual(parseCadence('90 days'), { text: '90 days', duration: { amount: 90, unit: 'days' } });
      assert.deepEqual(parseCadence('2 weeks'), { text: '2 weeks', duration: { amount: 2, unit: 'weeks' } });
      assert.deepEqual(parseCadence('1 year'), { text: '1 year', duration: { amount: 1, unit: 'years' } });
      assert.deepEqual(parseCadence('18 months'), { text: '18 months', duration: { amount: 18, unit: 'months' } });
    });

    it('refuses anything else', () => {
      for (const text of ['biweekly', 'yearly', 'daily', '', '0 days', 'every 90 days', '90', 'days', '10000 days']) assert.equal(parseCadence(text), undefined, text);
    });

    it('nextDue adds one cadence, clamping month ends', () => {
      assert.equal(formatDay(nextDue(day('2026-01-31'), parseCadence('monthly')!)), '2026-02-28');
      assert.equal(formatDay(nextDue(day('2025-11-30'), parseCadence('quarterly')!)), '2026-02-28');
      assert.equal(formatDay(nextDue(day('2026-01-10'), parseCadence('annually')!)), '2027-01-10');
      assert.equal(formatDay(nextDue(day('2026-01-10'), parseCadence('weekly')!)), '2026-01-17');
      assert.equal(formatDay(nextDue(day('2026-01-10'), parseCadence('90 days')!)), '2026-04-10');
    });

    it('describeCadence names the word and what it means', () => {
      assert.equal(describeCadence(parseCadence('quarterly')!), 'quarterly (every 3 months)');
      assert.equal(describeCadence(parseCadence('annually')!), 'annually (every 1 year)');
      assert.equal(describeCadence(parseCadence('Weekly')!), 'Weekly (every 1 week)');
      assert.equal(describeCadence(parseCadence('90 days')!), 'every 90 days');
      assert.equal(describeCadence(parseCadence('1 month')!), 'every 1 month');
    });
  });

  describe('typed values', () => {
    it('asNumber reads numbers and numeric text', () => {
      const cases: [unknown, number | undefined][] = [
        [12, 12], ['12', 12], [' 12 ', 12], ['1e3', 1000], ['-1.5', -1.5], ['.5', 0.5], ['5.', 5], ['+3', 3],
        ['0x10', undefined], ['', undefined], ['abc', undefined], ['12px', undefined], ['1,000', undefined],
        [Number.NaN, undefined], [Number.POSITIVE_INFINITY, undefined], [true, undefined], [null, undefined], [undefined, undefined], [[12], undefined],
      ];
      for (const [value, expected] of cases) assert.equal(asNumber(value), expected, String(value));
    });

    it('asDay reads ISO date text only', () => {
      assert.equal(asDay('2026-01-01'), day('2026-01-01'));
      assert.equal(asDay('2026-01-01T12:00:00Z'), day('2026-01-01'));
      assert.equal(asDay(20260101), undefined);
      assert.equal(asDay('2026-02-30'), undefined);
      assert.equal(asDay(null), undefined);
    });

    it('asBoolean reads booleans and true/false text', () => {
      const cases: [unknown, boolean | undefined][] = [[true, true], [false, false], ['TRUE', true], [' false ', false], ['yes', undefined], [1, undefined], [0, undefined], [null, undefined]];
      for (const [value, expected] of cases) assert.equal(asBoolean(value), expected, String(value));
    });

    it('sameValue compares by the expected value\'s type', () => {
      const cases: [unknown, string | number | boolean | null, boolean][] = [
        [12, 12, true], ['12', 12, true], ['12.0', 12, true], [13, 12, false], [true, 12, false],
        [12, '12', true], ['x', 'x', true], ['X', 'x', false], [12, 'AES256', false],
        [true, true, true], ['true', true, true], ['yes', true, false], [1, true, false], [true, 'true', true],
        [null, null, true], [0, null, false], [undefined, null, false], ['', null, false],
        ['2026-01-01', '2026-01-01', true], ['2026-01-01T10:00:00Z', '2026-01-01', true], ['2026-01-02', '2026-01-01', false],
        [{}, 'x', false], [['x'], 'x', false],
      ];
      for (const [actual, expected, same] of cases) assert.equal(sameValue(actual, expected), same, `${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    });

    it('formatValue shows values as messages do', () => {
      assert.equal(formatValue('s'), '"s"');
      assert.equal(formatValue('a"b'), '"a\\"b"');
      assert.equal(formatValue(undefined), 'nothing');
      assert.equal(formatValue(null), 'null');
      assert.equal(formatValue(3), '3');
      assert.equal(formatValue(true), 'true');
      assert.equal(formatValue([1, 'a']), '[1, "a"]');
      assert.equal(formatValue([1, 2, 3, 4, 5, 6, 7]), '[1, 2, 3, 4, 5, … 2 more]');
      assert.equal(formatValue({ a: 1 }), 'an object');
    });

    it('kindOf names a value\'s type', () => {
      assert.deepEqual([null, [1], { a: 1 }, 's', 3, true, undefined].map(kindOf), ['null', 'a list', 'an object', 'text', 'a number', 'a boolean', 'a undefined']);
    });
  });

  describe('expectations', () => {
    it('parseOperatorString reads every operator', () => {
      assert.deepEqual(expectation('>= 12'), { op: 'ge', operand: 12 });
      assert.deepEqual(expectation('> 12'), { op: 'gt', operand: 12 });
      assert.deepEqual(expectation('<= 90'), { op: 'le', operand: 90 });
      assert.deepEqual(expectation('<90'), { op: 'lt', operand: 90 });
      assert.deepEqual(expectation('== x'), { op: 'eq', operand: 'x' });
      assert.deepEqual(expectation('!= 0'), { op: 'ne', operand: 0 });
      assert.deepEqual(expectation('== true'), { op: 'eq', operand: true });
      assert.deepEqual(expectation('== null'), { op: 'eq', operand: null });
      assert.deepEqual(expectation("== '12'"), { op: 'eq', operand: '12' });
      assert.deepEqual(expectation('>= 2026-01-01'), { op: 'ge', operand: { day: day('2026-01-01') } });
      assert.deepEqual(expectation('within 12 months'), { op: 'within', duration: { amount: 12, unit: 'months' } });
      assert.deepEqual(expectation(' exists '), { op: 'exists' });
      assert.deepEqual(expectation('absent'), { op: 'absent' });
      assert.deepEqual(expectation('AES256'), { op: 'eq', operand: 'AES256' });
      const matches = expectation('matches ^aws:kms$');
      assert.equal(matches.op, 'matches');
      assert.equal(matches.op === 'matches' && matches.regex.source, '^aws:kms$');
    });

    it('parseOperatorString explains what is wrong', () => {
      const cases: [string, string][] = [
        ['>= abc', '">= abc" compares with "abc", which is neither a number nor a date (YYYY-MM-DD)'],
        ['=> 12', '"=> 12" starts with an unknown operator; use >=, >, <=, <, == or !='],
        ['=< 12', '"=< 12" starts with an unknown operator; use >=, >, <=, <, == or !='],
        ['! 12', '"! 12" starts with an unknown operator; use >=, >, <=, <, == or !='],
        ['≤ 12', '"≤ 12" starts with an unknown operator; use >=, >, <=, <, == or !='],
        ['==', '"==" needs a value to compare with'],
        ['within soon', '"within soon" needs a duration, e.g. "within 12 months" (days, weeks, months or years)'],
        ['matches', '"matches" needs a regular expression'],
        ['matches (', 'invalid regular expression /(/: error parsing regexp: missing closing ): `(`'],
      ];
      for (const [text, message] of cases) assert.deepEqual(parseOperatorString(text), { ok: false, message }, text);
    });

    it('parseExpectation reads objects and reports problems at the offending node', () => {
      const text = 'a: {count: "lots"}\nb: {oneOf: [1, x]}\nc: {count: "0"}\nd: {unknownOp: 1}\n';
      const tree = root(parseYamlDocument(text));
      const parse = (key: string) => parseExpectation(child(tree, key)!, readSourceSpec);
      const a = parse('a');
      assert.ok(!a.ok);
      assert.equal(a.message, 'count takes a number comparison such as ">= 1" or "== 0"');
      assert.equal(cut(text, a.span), '"lots"');
      assert.deepEqual(parse('b'), { ok: true, expectation: { op: 'oneOf', values: [1, 'x'] } });
      assert.deepEqual(parse('c'), { ok: true, expectation: { op: 'count', comparison: { op: 'eq', operand: 0 } } });
      const d = parse('d');
      assert.ok(!d.ok);
      assert.equal(cut(text, d.span), 'unknownOp');
    });

    it('describeExpectation writes the expectation back as a policy writer would', () => {
      const cases: [string, string][] = [
        ['>= 12', '>= 12'], ['<90', '< 90'], ['== x', '== x'], ['!= two words', '!= "two words"'], ['== 12', '12'], ['== true', 'true'],
        ['AES256', '== AES256'], ['>= 2026-01-01', '>= 2026-01-01'], ['within 1 years', 'within 1 year'], ['matches ^a$', 'matches ^a$'], ['exists', 'exists'],
      ];
      for (const [text, described] of cases) assert.equal(describeExpectation(expectation(text)), described, text);
    });

    it('checkValue explains type mismatches and compares within relative to today', () => {
      assert.deepEqual(checkValue(expectation('>= 12'), true, TODAY), { pass: false, why: 'a boolean, not a number' });
      assert.deepEqual(checkValue(expectation('>= 2026-01-01'), 12, TODAY), { pass: false, why: 'a number, not a date' });
      assert.deepEqual(checkValue(expectation('within 90 days'), '2026-08-24', TODAY), { pass: true });
      assert.deepEqual(checkValue(expectation('within 90 days'), '2026-08-23', TODAY), { pass: false });
      assert.deepEqual(checkValue(expectation('matches ^a'), null, TODAY), { pass: false, why: 'null, not text' });
      assert.deepEqual(checkValue(expectation('exists'), undefined, TODAY), { pass: true });
    });
  });

  describe('regex (RE2)', () => {
    it('tests anywhere, or the whole text', () => {
      const r = compileRegex('^aws:kms$');
      assert.ok(r.ok);
      assert.equal(r.regex.source, '^aws:kms$');
      assert.equal(r.regex.test('aws:kms'), true);
      assert.equal(r.regex.test('xaws:kms'), false);
      const kms = compileRegex('kms');
      assert.ok(kms.ok);
      assert.equal(kms.regex.test('aws:kms'), true);
      assert.equal(kms.regex.matchesWhole('aws:kms'), false);
      assert.equal(kms.regex.matchesWhole('kms'), true);
      const i = compileRegex('(?i)^aes');
      assert.ok(i.ok);
      assert.equal(i.regex.test('AES256'), true);
    });

    it('reports invalid patterns, including what RE2 does not support', () => {
      assert.deepEqual(compileRegex('('), { ok: false, message: 'invalid regular expression /(/: error parsing regexp: missing closing ): `(`' });
      assert.deepEqual(compileRegex('a{2,1}'), { ok: false, message: 'invalid regular expression /a{2,1}/: error parsing regexp: invalid repeat count: `{2,1}`' });
      assert.deepEqual(compileRegex('(a)\\1'), { ok: false, message: 'invalid regular expression /(a)\\1/: error parsing regexp: invalid escape sequence: `\\1`' });
    });

    it('caches compiled patterns', () => {
      assert.equal(compileRegex('^cached$'), compileRegex('^cached$'));
    });

    it('runs a catastrophic pattern in linear time', () => {
      const r = compileRegex('(a+)+$');
      assert.ok(r.ok);
      const started = Date.now();
      assert.equal(r.regex.test(`${'a'.repeat(100_000)}!`), false);
      assert.equal(r.regex.matchesWhole(`${'a'.repeat(100_000)}!`), false);
      assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    });
  });

  describe('JSONPath', () => {
    it('compiles RFC 9535 queries', () => {
      for (const path of ['$', '$.a.b[0]', '$..minLength', "$.rules[?@.enabled == true].name", "$[?@.kind == 'Deployment'].spec.replicas", '$.a[*]', '$.a[-1]', '$.a[0:2]', "$['a b']", '$[?match(@.a, "x.*")]', '$.a[?length(@) > 1]']) {
        assert.equal(compileJsonPath(path).ok, true, path);
      }
    });

    it('reports compile errors with the offset of the offending token', () => {
      const cases: [string, string, number][] = [
        ['a.b', '"a.b" is not a JSONPath query: it must start with "$"', 0],
        ['$.a.b[0', 'invalid JSONPath "$.a.b[0": unclosed bracketed selection', 7],
        ['$.a[?@.b === 1].c', 'invalid JSONPath "$.a[?@.b === 1].c": unexpected filter selector token \'=\'', 11],
        ['$.a b', 'invalid JSONPath "$.a b": expected \'.\', \'..\' or a bracketed selection, found \'b\'', 4],
        ['$.a[01]', 'invalid JSONPath "$.a[01]": leading zero in index selector', 4],
        ['$..', 'invalid JSONPath "$..": bald descendant segment', 3],
        ['$.a.*~', 'invalid JSONPath "$.a.*~": expected \'.\', \'..\' or a bracketed selection, found \'~\'', 5],
      ];
      for (const [path, message, offset] of cases) assert.deepEqual(compileJsonPath(path), { ok: false, message, offset }, path);
    });

    it('queries the ranged tree and leads back to each node', () => {
      const text = '{"a": [{"n": 1}, {"n": 2}], "b": {"n": 3}}';
      const tree = root(parseJsonTree(text));
      const compiled = compileJsonPath('$..n');
      assert.ok(compiled.ok);
      const result = queryTree(compiled.query, tree, toPlain(tree));
      assert.ok(result.ok);
      assert.deepEqual(result.matches.map((m) => [describeLocation(m.location), cut(text, m.node.span)]).sort(), [['a[0].n', '1'], ['a[1].n', '2'], ['b.n', '3']]);
    });

    it('describeLocation writes a location for messages', () => {
      assert.equal(describeLocation([]), '$');
      assert.equal(describeLocation(['settings', 'minLength']), 'settings.minLength');
      assert.equal(describeLocation(['members', 3]), 'members[3]');
      assert.equal(describeLocation([0, 1]), '[0][1]');
      assert.equal(describeLocation(['a b', 0, 'c-d', '_x', '1a']), '["a b"][0].c-d._x["1a"]');
    });

    it('lastName keeps the last key and its indexes', () => {
      assert.equal(lastName(['logGroups', 2, 'retentionInDays']), 'retentionInDays');
      assert.equal(lastName(['members', 3]), 'members[3]');
      assert.equal(lastName(['m', 1, 2]), 'm[1][2]');
      assert.equal(lastName([0]), '$[0]');
      assert.equal(lastName([]), '$');
    });

    it('a tree source selects values with their places and enclosing objects', () => {
      const text = '{"users": [{"name": "a", "admin": true}, {"name": "b", "admin": false}]}';
      const source = treeSource('u.json', 'json', root(parseJsonTree(text)), []);
      const selection = source.select('$.users[*].name');
      assert.ok(selection.ok);
      assert.deepEqual(selection.values.map((v) => [v.file, v.name, v.value, cut(text, v.span), v.row?.('admin')]), [
        ['u.json', 'name', 'a', '"a"', true],
        ['u.json', 'name', 'b', '"b"', false],
      ]);
      assert.deepEqual(source.select('nope'), { ok: false, message: '"nope" is not a JSONPath query: it must start with "$"', offset: 0 });
    });
  });

  describe('YAML reader', () => {
    it('keeps exact spans for keys and values', () => {
      const text = 'a: 1\nb:\n  - x\n  - "y"\nc: null\nd: {e: [2, 3]}\n';
      const tree = root(parseYamlStream(text));
      assert.equal(tree.kind, 'object');
      const spans = (key: string) => {
        const e = entry(tree, key)!;
        return [cut(text, e.keySpan), cut(text, e.value.span)];
      };
      assert.deepEqual(spans('a'), ['a', '1']);
      assert.deepEqual(spans('c'), ['c', 'null']);
      assert.deepEqual(spans('d'), ['d', '{e: [2, 3]}']);
      assert.equal(cut(text, child(child(tree, 'b'), 1)!.span), '"y"');
      assert.deepEqual(child(child(tree, 'b'), 1), { kind: 'scalar', span: { start: 18, end: 21 }, value: 'y' });
      assert.equal(cut(text, nodeAtPath(tree, ['d', 'e', 1])!.span), '3');
      assert.deepEqual(toPlain(tree), { a: 1, b: ['x', 'y'], c: null, d: { e: [2, 3] } });
    });

    it('keeps YAML 1.2 core types: dates and yes/no are text, .inf keeps its source', () => {
      const tree = root(parseYamlStream('b: 2026-01-01\nc: 0o14\nd: .inf\ne: yes\nf: ~\ng: 1_000\n'));
      assert.deepEqual(toPlain(tree), { b: '2026-01-01', c: 12, d: '.inf', e: 'yes', f: null, g: '1_000' });
    });

    it('offsets spans of a document embedded in a larger text', () => {
      const tree = root(parseYamlDocument('a: 1\n', 10));
      assert.deepEqual(entry(tree, 'a'), { key: 'a', keySpan: { start: 10, end: 11 }, value: { kind: 'scalar', span: { start: 13, end: 14 }, value: 1 } });
      // At the end of the text (offset 10 + 9 characters): kept inside it.
      assert.deepEqual(parseYamlDocument('a: [1, 2\n', 10).problems, [{ message: 'Flow sequence in block collection must be sufficiently indented and end with a ]', span: { start: 19, end: 19 } }]);
    });

    it('reads a multi-document stream as an array of its documents; one document as itself', () => {
      const text = 'kind: A\n---\nkind: B\n';
      const tree = root(parseYamlStream(text));
      assert.equal(tree.kind, 'array');
      assert.deepEqual(toPlain(tree), [{ kind: 'A' }, { kind: 'B' }]);
      assert.equal(cut(text, child(tree, 1)!.span), 'kind: B\n');
      assert.deepEqual(toPlain(root(parseYamlStream('---\nkind: A\n'))), { kind: 'A' });
      assert.deepEqual(toPlain(root(parseYamlStream('[1]\n---\n{a: 2}\n'))), [[1], { a: 2 }]);
    });

    it('reads an empty stream as an empty array', () => {
      assert.deepEqual(parseYamlStream(''), { root: { kind: 'array', span: { start: 0, end: 0 }, items: [] }, problems: [] });
      assert.deepEqual(toPlain(root(parseYamlStream('# only a comment\n'))), []);
    });

    it('expands aliases, placing the expanded values at the alias', () => {
      const text = 'base: &b {x: 1, y: [2, 3]}\nuse: *b\n';
      const tree = root(parseYamlStream(text));
      assert.deepEqual(toPlain(tree), { base: { x: 1, y: [2, 3] }, use: { x: 1, y: [2, 3] } });
      assert.equal(cut(text, nodeAtPath(tree, ['base', 'y', 1])!.span), '3');
      assert.equal(cut(text, nodeAtPath(tree, ['use', 'y', 1])!.span), '*b');
      assert.equal(cut(text, entry(child(tree, 'use'), 'x')!.keySpan), '*b');
    });

    it('refuses an alias bomb with the limit message, at the alias that crosses the limit', () => {
      const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
        lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
      }
      const text = `${lines.join('\n')}\n`;
      const started = Date.now();
      const tree = parseYamlStream(text);
      assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
      assert.equal(tree.root, undefined);
      assert.deepEqual(tree.problems.map((p) => p.message), [`aliases expand to more than ${MAX_ALIAS_NODES} nodes`]);
      assert.equal(MAX_ALIAS_NODES, 10_000);
      // Line b expands 110 nodes, line c 1,110; the eighth *c of line d crosses 10,000.
      const lineD = text.indexOf('d: ');
      const eighth = lineD + 'd: &d ['.length + 7 * '*c, '.length;
      assert.deepEqual(tree.problems[0].span, { start: eighth, end: eighth + 2 });
    });

    it('reports an unresolved alias', () => {
      assert.deepEqual(parseYamlStream('a: *nope\n').problems, [{ message: 'unresolved alias *nope', span: { start: 3, end: 8 } }]);
    });

    it('refuses 10,000-deep flow nesting at the bracket that crosses the limit', () => {
      const text = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
      assert.deepEqual(parseYamlStream(text), { problems: [{ message: `the document is nested more than ${MAX_DEPTH} levels deep`, span: { start: 3 + MAX_DEPTH, end: 4 + MAX_DEPTH } }] });
      assert.equal(MAX_DEPTH, 200);
    });

    it('refuses 10,000-deep compact block sequences (- - - …) before parsing', () => {
      const text = `${'- '.repeat(10_000)}1\n`;
      const started = Date.now();
      assert.deepEqual(parseYamlStream(text), { problems: [{ message: 'the document is nested more than 200 levels deep', span: { start: 20_000, end: 20_001 } }] });
      assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    });

    it('refuses deep block nesting by indentation', () => {
      let text = '';
      for (let i = 0; i < 1_000; i++) text += `${' '.repeat(i)}k:\n`;
      const tree = parseYamlStream(text);
      // The first line indented more than 800 columns is line 802 (0-based 801).
      let offset = 0;
      for (let i = 0; i < 801; i++) offset += i + 3;
      assert.deepEqual(tree, { problems: [{ message: 'the document is nested more than 200 levels deep', span: { start: offset + 801, end: offset + 802 } }] });
    });

    it('refuses block nesting deeper than the limit that the text scan lets through, at the node that crosses it', () => {
      let text = '';
      for (let i = 0; i < 300; i++) text += `${' '.repeat(i)}k:\n`;
      const tree = parseYamlStream(text);
      assert.equal(tree.root, undefined);
      assert.equal(tree.problems.length, 1);
      assert.equal(tree.problems[0].message, 'the YAML is nested more than 200 levels deep');
      // The mapping on line 201 (0-based) is level 201.
      assert.equal(tree.problems[0].span.start, text.indexOf(`\n${' '.repeat(201)}k`) + 202);
    });

    it('reports a duplicate key on the whole repeated key', () => {
      assert.deepEqual(parseYamlStream('policy: p\npolicy: q\n').problems, [{ message: 'Map keys must be unique', span: { start: 10, end: 16 } }]);
      assert.deepEqual(parseYamlStream('"x y": 1\n"x y": 2\n').problems, [{ message: 'Map keys must be unique', span: { start: 9, end: 14 } }]);
      assert.deepEqual(parseYamlStream('{ab: 1, ab: 2}\n').problems, [{ message: 'Map keys must be unique', span: { start: 8, end: 10 } }]);
    });

    it('reports a syntax error in the second document of a stream', () => {
      assert.deepEqual(parseYamlStream('a: 1\n---\nb: [\n').problems, [{ message: 'Flow sequence in block collection must be sufficiently indented and end with a ]', span: { start: 14, end: 14 } }]);
    });

    it('keeps __proto__ and constructor keys as data', () => {
      const plain = toPlain(root(parseYamlStream('__proto__: {polluted: 1}\nconstructor: 2\n'))) as Record<string, unknown>;
      assert.deepEqual(Object.keys(plain), ['__proto__', 'constructor']);
      assert.deepEqual(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value, { polluted: 1 });
      assert.equal(Object.getPrototypeOf(plain), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('reads a complex key as text', () => {
      assert.deepEqual(toPlain(root(parseYamlStream('? [a, b]\n: 1\n'))), { '["a","b"]': 1 });
    });
  });

  describe('JSON reader', () => {
    it('keeps exact spans for keys (with quotes) and values', () => {
      const text = '{\n  "a": 1,\n  "b": [true, "x"],\n  "c": {"d": null}\n}';
      const tree = root(parseJsonTree(text));
      const e = entry(tree, 'b')!;
      assert.equal(cut(text, e.keySpan), '"b"');
      assert.equal(cut(text, e.value.span), '[true, "x"]');
      assert.deepEqual(child(e.value, 1), { kind: 'scalar', span: { start: 26, end: 29 }, value: 'x' });
      assert.equal(cut(text, nodeAtPath(tree, ['c', 'd'])!.span), 'null');
      assert.deepEqual(tree.span, { start: 0, end: text.length });
    });

    it('accepts comments and trailing commas', () => {
      const tree = root(parseJsonTree('{"a": 1, /* c */ "b": [1, 2,], // x\n}'));
      assert.deepEqual(toPlain(tree), { a: 1, b: [1, 2] });
    });

    it('reports the first syntax error at its place', () => {
      const cases: [string, string, Span][] = [
        ['{"a": 1,, }', 'JSON syntax error: property name expected', { start: 8, end: 9 }],
        ['{"a": }', 'JSON syntax error: value expected', { start: 6, end: 7 }],
        ['{"a": 1 "b": 2}', 'JSON syntax error: comma expected', { start: 8, end: 11 }],
        ['{"a" 1}', 'JSON syntax error: colon expected', { start: 5, end: 6 }],
        ['{"a": "x', 'JSON syntax error: unterminated string', { start: 6, end: 8 }],
        ['[1] [2]', 'JSON syntax error: end of file expected', { start: 4, end: 5 }],
        // Spans stay inside the text, even at its end.
        ['', 'JSON syntax error: value expected', { start: 0, end: 0 }],
      ];
      for (const [text, message, span] of cases) assert.deepEqual(parseJsonTree(text), { problems: [{ message, span }] }, text);
    });

    it('refuses 10,000-deep nesting at the bracket that crosses the limit', () => {
      const started = Date.now();
      assert.deepEqual(parseJsonTree(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), { problems: [{ message: 'the document is nested more than 200 levels deep', span: { start: 200, end: 201 } }] });
      assert.deepEqual(parseJsonTree(`{"a": ${'{"b": '.repeat(10_000)}1${'}'.repeat(10_000)}}`).problems[0].span, { start: 6 + 199 * 6, end: 7 + 199 * 6 });
      assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    });

    it('accepts exactly 200 levels', () => {
      const tree = root(parseJsonTree(`${'['.repeat(200)}${']'.repeat(200)}`));
      assert.equal(tree.kind, 'array');
    });

    it('does not count brackets inside strings or comments as nesting', () => {
      const text = `{"pattern": "${'['.repeat(300)}\\"${'{'.repeat(300)}", /* ${'['.repeat(300)} */ "b": 1 // ${'{'.repeat(300)}\n}`;
      const tree = root(parseJsonTree(text));
      assert.equal(entry(tree, 'b')?.value.kind, 'scalar');
      assert.equal((toPlain(tree) as { pattern: string }).pattern, `${'['.repeat(300)}"${'{'.repeat(300)}`);
    });

    it('does not count deep indentation of pretty-printed JSON as nesting', () => {
      const text = `{\n${' '.repeat(900)}"a": 1\n}`;
      assert.deepEqual(toPlain(root(parseJsonTree(text))), { a: 1 });
    });

    it('keeps __proto__ and constructor keys as data', () => {
      const plain = toPlain(root(parseJsonTree('{"__proto__": {"polluted": 1}, "constructor": {"prototype": 2}}'))) as Record<string, unknown>;
      assert.deepEqual(Object.keys(plain), ['__proto__', 'constructor']);
      assert.deepEqual(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value, { polluted: 1 });
      assert.deepEqual(plain.constructor, { prototype: 2 });
      assert.equal(Object.getPrototypeOf(plain), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('the last of duplicate keys wins, in the tree and in JSONPath', () => {
      const text = '{"v": 1, "v": 20}';
      const tree = root(parseJsonTree(text));
      assert.equal(cut(text, entry(tree, 'v')!.value.span), '20');
      const selection = treeSource('d.json', 'json', tree, []).select('$.v');
      assert.ok(selection.ok);
      assert.deepEqual(selection.values.map((v) => [v.value, cut(text, v.span)]), [[20, '20']]);
    });
  });

  describe('nesting limits', () => {
    it('nestingProblem offsets its span', () => {
      assert.deepEqual(nestingProblem('['.repeat(201), 100), { message: 'the document is nested more than 200 levels deep', span: { start: 300, end: 301 } });
      assert.equal(nestingProblem('['.repeat(200)), undefined);
      assert.equal(nestingProblem(']]]]' + '['.repeat(200)), undefined);
    });
  });

  describe('value tree', () => {
    const text = '{"a": {"b": [10, 20]}, "a": {"b": [30]}, "s": "x", "n": null}';
    const tree = (): Node => root(parseJsonTree(text));

    it('entry and child take the last of duplicate keys', () => {
      assert.equal(cut(text, entry(tree(), 'a')!.value.span), '{"b": [30]}');
      assert.equal(cut(text, nodeAtPath(tree(), ['a', 'b', 0])!.span), '30');
      assert.equal(nodeAtPath(tree(), ['a', 'b', 1]), undefined);
      assert.equal(child(tree(), 0), undefined);
      assert.equal(child(undefined, 'a'), undefined);
      assert.equal(entry(child(tree(), 's'), 'x'), undefined);
    });

    it('scalarText reads scalars other than null', () => {
      assert.equal(scalarText(child(tree(), 's')), 'x');
      assert.equal(scalarText(child(tree(), 'n')), undefined);
      assert.equal(scalarText(child(tree(), 'a')), undefined);
    });
  });

  describe('workspace paths', () => {
    it('normalizes relative paths', () => {
      const cases: [string, string][] = [
        ['a/b.json', 'a/b.json'],
        ['./a//b.json', 'a/b.json'],
        ['a/../b.json', 'b.json'],
        ['x/./y/../z', 'x/z'],
        ['a\\b.json', 'a/b.json'],
        [' a/b ', 'a/b'],
        ['~/x.json', '~/x.json'],
      ];
      for (const [raw, rel] of cases) assert.deepEqual(resolveWorkspacePath(raw), { ok: true, rel }, raw);
    });

    it('refuses paths that leave the workspace or are not relative', () => {
      const cases: [string, string][] = [
        ['..', '".." leaves the workspace'],
        ['../x', '"../x" leaves the workspace'],
        ['a/../../x', '"a/../../x" leaves the workspace'],
        ['a\\..\\..\\x', '"a\\..\\..\\x" leaves the workspace'],
        ['/etc/x', '"/etc/x" is an absolute path'],
        ['\\x', '"\\x" is an absolute path'],
        ['C:\\x', '"C:\\x" is an absolute path'],
        ['C:/x', '"C:/x" is an absolute path'],
        ['c:x', '"c:x" is an absolute path'],
        ['\\\\server\\share', '"\\\\server\\share" is an absolute path'],
        ['//server/share', '"//server/share" is an absolute path'],
        ['file:///etc/x', '"file:///etc/x" is an absolute path'],
        ['https://example.com/x.json', '"https://example.com/x.json" is an absolute path'],
        ['', 'the path is empty'],
        ['   ', 'the path is empty'],
        ['a\0b', 'the path contains a NUL character'],
        ['.', '"." is the workspace folder itself, not a file'],
        ['a/..', '"a/.." is the workspace folder itself, not a file'],
      ];
      for (const [raw, reason] of cases) assert.deepEqual(resolveWorkspacePath(raw), { ok: false, reason }, JSON.stringify(raw));
    });
  });

  describe('decoding file bytes', () => {
    const bytes = (...b: number[]) => new Uint8Array(b);

    it('reads UTF-8, stripping a BOM', () => {
      assert.deepEqual(decodeText(new TextEncoder().encode('héllo ✓')), { ok: true, text: 'héllo ✓' });
      assert.deepEqual(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61)), { ok: true, text: 'a' });
      assert.deepEqual(decodeText(bytes()), { ok: true, text: '' });
    });

    it('reads UTF-16LE and UTF-16BE with a BOM', () => {
      assert.deepEqual(decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0xe9, 0x00)), { ok: true, text: 'aé' });
      assert.deepEqual(decodeText(bytes(0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9)), { ok: true, text: 'aé' });
      assert.deepEqual(decodeText(bytes(0xfe, 0xff, 0x00)), { ok: false, problem: 'encoding', message: 'the file is not valid UTF-16BE' });
      assert.deepEqual(decodeText(bytes(0xff, 0xfe, 0x00, 0xd8)), { ok: false, problem: 'encoding', message: 'the file is not valid UTF-16LE' });
    });

    it('refuses invalid UTF-8', () => {
      assert.deepEqual(decodeText(bytes(0x61, 0xc3, 0x28)), { ok: false, problem: 'encoding', message: 'the file is not valid UTF-8' });
      assert.deepEqual(decodeText(bytes(0xc0, 0xaf)), { ok: false, problem: 'encoding', message: 'the file is not valid UTF-8' });
    });

    it('refuses NUL bytes as binary', () => {
      assert.deepEqual(decodeText(bytes(0x61, 0x00, 0x62)), { ok: false, problem: 'binary', message: 'the file is binary (it contains NUL bytes)' });
    });

    it('refuses files over the size limit before looking at them', () => {
      assert.equal(MAX_FILE_BYTES, 10 * 1024 * 1024);
      assert.deepEqual(decodeText(new Uint8Array(11), 10), { ok: false, problem: 'too-large', message: 'the file is 11 B, over the 10 B limit' });
      assert.deepEqual(decodeText(new Uint8Array(10).fill(0x20), 10), { ok: true, text: ' '.repeat(10) });
      const started = Date.now();
      assert.deepEqual(decodeText(new Uint8Array(20 * 1024 * 1024)), { ok: false, problem: 'too-large', message: 'the file is 20.0 MB, over the 10.0 MB limit' });
      assert.ok(Date.now() - started < 500);
    });

    it('formatBytes', () => {
      assert.deepEqual([0, 1023, 1024, 1536, 1024 * 1024, 20 * 1024 * 1024].map(formatBytes), ['0 B', '1023 B', '1.0 KB', '1.5 KB', '1.0 MB', '20.0 MB']);
    });
  });

  describe('MemoryFs', () => {
    const fs = new MemoryFs(new Map<string, string | Uint8Array>([['a/b.json', '{}'], ['ab', 'x'], ['bin', new Uint8Array([0])]]));

    it('reads files, and reports missing files and directories', () => {
      assert.deepEqual(fs.read('a/b.json'), { ok: true, text: '{}' });
      assert.deepEqual(fs.read('ab'), { ok: true, text: 'x' });
      assert.deepEqual(fs.read('a'), { ok: false, problem: 'directory', message: 'a is a directory, not a file' });
      assert.deepEqual(fs.read('c'), { ok: false, problem: 'missing', message: 'c does not exist' });
      assert.deepEqual(fs.read('bin'), { ok: false, problem: 'binary', message: 'the file is binary (it contains NUL bytes)' });
    });

    it('lists files sorted', () => {
      assert.deepEqual(fs.list(), ['a/b.json', 'ab', 'bin']);
    });
  });

  describe('LineIndex', () => {
    it('ends lines at \\n, \\r\\n and a lone \\r', () => {
      const index = new LineIndex('ab\ncd\r\nef\rgh');
      assert.equal(index.lineCount, 4);
      const positions = [0, 2, 3, 5, 7, 9, 10, 12].map((o) => index.positionAt(o));
      assert.deepEqual(positions, [
        { line: 0, character: 0 },
        { line: 0, character: 2 },
        { line: 1, character: 0 },
        { line: 1, character: 2 },
        { line: 2, character: 0 },
        { line: 2, character: 2 },
        { line: 3, character: 0 },
        { line: 3, character: 2 },
      ]);
    });

    it('clamps offsets outside the text', () => {
      const index = new LineIndex('ab\ncd');
      assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
      assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
      assert.deepEqual(new LineIndex('').positionAt(5), { line: 0, character: 0 });
    });

    it('counts a final line break as starting an empty last line', () => {
      const index = new LineIndex('a\r\n');
      assert.equal(index.lineCount, 2);
      assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    });

    it('offsetAt and positionAt round-trip on every offset', () => {
      for (const text of ['ab\ncd\r\nef\rgh', '\n\n', '\r\r\n\r', 'x', '', 'é✓\r\n😀\n']) {
        const index = new LineIndex(text);
        for (let offset = 0; offset <= text.length; offset++) {
          // An offset between \r and \n is not a position of its own.
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
          assert.equal(index.offsetAt(index.positionAt(offset)), offset, `${JSON.stringify(text)} @ ${offset}`);
        }
      }
    });

    it('offsetAt keeps a character past the end of its line on that line', () => {
      const index = new LineIndex('ab\ncd\r\nef\rgh');
      assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
      assert.equal(index.offsetAt({ line: 1, character: 99 }), 5);
      assert.equal(index.offsetAt({ line: 2, character: 99 }), 9);
      assert.equal(index.offsetAt({ line: 3, character: 99 }), 12);
      assert.equal(index.offsetAt({ line: 9, character: 0 }), 12);
      assert.equal(index.offsetAt({ line: -1, character: 0 }), 0);
      assert.equal(index.offsetAt({ line: 1, character: -3 }), 3);
      assert.equal(new LineIndex('a\r\n').offsetAt({ line: 0, character: 5 }), 1);
    });
  });
});
