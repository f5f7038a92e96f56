// Operator laws, for random values (policy format section 3):
//   - `>= n` and `< n` partition what they compare: exactly one holds for any number or numeric text,
//     and for dates against a date; neither holds for a value that is not comparable (it is reported
//     as drift with a reason, never passed). Likewise `> n` and `<= n`.
//   - `oneOf L` and `noneOf L` partition every value, and every member of L is `oneOf L`.
//   - `subsetOf` a selection of itself always holds, through the engine with a generated JSON file.
// Expectations are parsed from their policy text (parseOperatorString, or YAML for object forms), so
// the laws cover the parser as well as checkValue. Rerun a failure with TENET_FC_SEED=<seed>.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDay, parseIsoDate } from '../../server/src/engine/dates';
import { checkValue, parseExpectation, parseOperatorString, readSourceSpec, type Expectation } from '../../server/src/engine/expect/expectation';
import { asNumber } from '../../server/src/engine/expect/values';
import { parseYamlDocument } from '../../server/src/engine/sources/yaml-tree';
import { findings, lintFiles, policy } from '../helpers/workspace';

const SEED = process.env.TENET_FC_SEED ? Number(process.env.TENET_FC_SEED) : undefined;
const RUNS = process.env.TENET_FC_RUNS ? Number(process.env.TENET_FC_RUNS) : 300;
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, seed: SEED });

const TODAY = parseIsoDate('2026-11-22')!;

function operator(text: string): Expectation {
  const parsed = parseOperatorString(text);
  assert.ok(parsed.ok, `"${text}" parses`);
  return parsed.expectation;
}

function fromYaml(text: string): Expectation {
  const tree = parseYamlDocument(text);
  assert.deepEqual(tree.problems, [], text);
  const parsed = parseExpectation(tree.root!, readSourceSpec);
  assert.ok(parsed.ok, `${text} parses: ${parsed.ok ? '' : parsed.message}`);
  return parsed.expectation;
}

const passes = (e: Expectation, value: unknown) => checkValue(e, value, TODAY).pass;

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

/** A number as a config may write it: a number, or text in one of several spellings. */
const numeric: fc.Arbitrary<unknown> = fc.oneof(
  finite,
  fc.integer(),
  finite.map(String),
  finite.map((n) => n.toExponential()),
  fc.tuple(finite, fc.integer({ min: 0, max: 20 })).map(([n, digits]) => (Math.abs(n) < 1e21 ? n.toFixed(digits) : String(n))),
  fc.integer().map((n) => ` ${n} `),
  fc.nat().map((n) => `+${n}`),
);

/** Anything else a selection can hold. */
const other: fc.Arbitrary<unknown> = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));

/** Days from 1000-01-01 to 9999-12-31, as a date-typed value is written. */
const day = fc.integer({ min: parseIsoDate('1000-01-01')!, max: parseIsoDate('9999-12-31')! });

const scalar = fc.oneof(fc.integer(), finite, fc.boolean(), fc.constant(null), fc.string(), day.map(formatDay), fc.constantFrom('yes', 'no', 'on', 'off', 'true', '12', ' 12', '1e3'));

describe('properties: operator laws', function () {
  this.timeout(60_000);

  it('>= n and < n (and > n and <= n) partition numbers and numeric text; neither passes anything else', () => {
    fc.assert(
      fc.property(finite, fc.oneof(numeric, other), (n, value) => {
        const comparable = asNumber(value) !== undefined;
        for (const [a, b] of [['>=', '<'], ['>', '<=']]) {
          const left = passes(operator(`${a} ${n}`), value);
          const right = passes(operator(`${b} ${n}`), value);
          if (comparable) assert.notEqual(left, right, `${JSON.stringify(value)} against ${a} ${n} / ${b} ${n}`);
          else assert.ok(!left && !right, `${JSON.stringify(value)} is not a number, yet passes ${left ? a : b} ${n}`);
        }
      }),
      params(),
    );
  });

  it('>= d and < d partition dates; neither passes anything that is not a date', () => {
    fc.assert(
      fc.property(day, fc.oneof(day.map(formatDay), numeric, other), (d, value) => {
        const comparable = typeof value === 'string' && parseIsoDate(value) !== undefined;
        const ge = passes(operator(`>= ${formatDay(d)}`), value);
        const lt = passes(operator(`< ${formatDay(d)}`), value);
        if (comparable) assert.notEqual(ge, lt, `${JSON.stringify(value)} against ${formatDay(d)}`);
        else assert.ok(!ge && !lt, `${JSON.stringify(value)} is not a date, yet passes`);
      }),
      params(),
    );
  });

  it('oneOf L and noneOf L partition every value, and every member of L is oneOf L', () => {
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 6 }), fc.oneof(scalar, numeric, other), (list, value) => {
        const written = JSON.stringify(list); // JSON is YAML: the list as a policy could write it
        const oneOf = fromYaml(`{oneOf: ${written}}`);
        const noneOf = fromYaml(`{noneOf: ${written}}`);
        assert.notEqual(passes(oneOf, value), passes(noneOf, value), `${JSON.stringify(value)} against ${written}`);
        for (const member of list) assert.ok(passes(oneOf, member), `${JSON.stringify(member)} is oneOf ${written}`);
      }),
      params(),
    );
  });

  it('subsetOf a selection of itself always holds (through the engine)', () => {
    const entry = fc.oneof(fc.string(), fc.integer(), finite, fc.boolean(), fc.constant(null), fc.constantFrom('Alice', 'alice ', 'ALICE'));
    const selection = fc.array(entry, { minLength: 1, maxLength: 12 }).chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.oneof(
          // A slice, or a union of indices (possibly repeated, possibly negative).
          fc.tuple(fc.nat({ max: list.length - 1 }), fc.nat({ max: list.length })).map(([a, n]) => `$[${a}:${a + 1 + n}]`),
          fc.array(fc.integer({ min: -list.length, max: list.length - 1 }), { minLength: 1, maxLength: 4 }).map((ix) => `$[${ix.join(', ')}]`),
          fc.constant('$[*]'),
        ),
      ),
    );
    fc.assert(
      fc.property(selection, ([list, at]) => {
        const requirement = `requirements:\n  r:\n    says: Everyone listed is known.\n    expect:\n      subsetOf: {file: users.json, at: "$[*]"}\n    in:\n      - file: users.json\n        at: "${at}"\n`;
        const result = lintFiles({ 'policies/p.md': policy('p', requirement), 'users.json': JSON.stringify(list) });
        assert.deepEqual(findings(result), []);
        assert.deepEqual(result.requirements.map((r) => r.status), ['verified'], `${at} of ${JSON.stringify(list)}`);
      }),
      params(Math.ceil(RUNS / 3)),
    );
  });
});
