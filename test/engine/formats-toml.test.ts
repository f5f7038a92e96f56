// TOML sources: tables, arrays of tables, inline tables and dotted keys as one value tree with a
// range for every key and value, typed values and dates, through the whole engine. Today is 2026-11-22.

import assert from 'node:assert/strict';
import { formatFor } from '../../server/src/engine/sources/formats';
import { parseTomlTree } from '../../server/src/engine/sources/toml';
import { toPlain, type Node } from '../../server/src/engine/tree';
import { covered, findings, lintFiles, policy } from '../helpers/workspace';
import { requirement, statuses } from './rules/support';

const APP = [
  '# Application security settings', //                        line 1
  'title = "payments"', //                                      line 2
  '', //                                                         line 3
  '[auth]', //                                                   line 4
  'min_password_length = 8', //                                  line 5
  'mfa.required = false', //                                     line 6
  'session = { idle_minutes = 30, absolute = { hours = 12 } }', // line 7
  '', //                                                         line 8
  '[[users]]', //                                                line 9
  'name = "alice"', //                                           line 10
  'admin = true', //                                             line 11
  '', //                                                         line 12
  '[[users]]', //                                                line 13
  "name = 'bob'", //                                             line 14
  'admin = false', //                                            line 15
  '[users.limits]', //                                           line 16
  'rate = 0.5', //                                               line 17
  '', //                                                         line 18
  '[tls]', //                                                    line 19
  'certificate.expires = 2026-01-15', //                         line 20
  'rotated_at = 2026-10-01T09:30:00Z', //                        line 21
  'versions = ["1.2", "1.3"]', //                                line 22
  '',
].join('\n');

/** `path = value @ covered text` for every node (scalars, and containers by kind). */
function ranged(text: string): string[] {
  const tree = parseTomlTree(text);
  assert.deepEqual(tree.problems, []);
  const out: string[] = [];
  const walk = (node: Node, path: string): void => {
    const at = JSON.stringify(text.slice(node.span.start, node.span.end));
    if (node.kind === 'scalar') out.push(`${path} = ${JSON.stringify(node.value)} @ ${at}`);
    else if (node.kind === 'array') node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    else for (const e of node.entries) walk(e.value, `${path}.${e.key}`);
  };
  walk(tree.root as Node, '$');
  return out;
}

function problem(text: string): { message: string; text: string; at: number } {
  const [p] = parseTomlTree(text).problems;
  assert.ok(p, 'a problem');
  return { message: p.message, text: text.slice(p.span.start, p.span.end), at: p.span.start };
}

describe('formats: TOML', () => {
  describe('reading', () => {
    it('is chosen for .toml files', () => {
      assert.equal(formatFor('config/app.toml')?.name, 'toml');
      assert.equal(formatFor('Cargo.TOML')?.name, 'toml');
    });

    it('merges tables, arrays of tables, inline tables and dotted keys into one tree', () => {
      assert.deepEqual(toPlain(parseTomlTree(APP).root as Node), {
        title: 'payments',
        auth: { min_password_length: 8, mfa: { required: false }, session: { idle_minutes: 30, absolute: { hours: 12 } } },
        users: [
          { name: 'alice', admin: true },
          { name: 'bob', admin: false, limits: { rate: 0.5 } },
        ],
        tls: { certificate: { expires: '2026-01-15' }, rotated_at: '2026-10-01T09:30:00Z', versions: ['1.2', '1.3'] },
      });
    });

    it('gives every value its exact range (strings with their quotes)', () => {
      assert.deepEqual(ranged(APP), [
        '$.title = "payments" @ "\\"payments\\""',
        '$.auth.min_password_length = 8 @ "8"',
        '$.auth.mfa.required = false @ "false"',
        '$.auth.session.idle_minutes = 30 @ "30"',
        '$.auth.session.absolute.hours = 12 @ "12"',
        '$.users[0].name = "alice" @ "\\"alice\\""',
        '$.users[0].admin = true @ "true"',
        '$.users[1].name = "bob" @ "\'bob\'"',
        '$.users[1].admin = false @ "false"',
        '$.users[1].limits.rate = 0.5 @ "0.5"',
        '$.tls.certificate.expires = "2026-01-15" @ "2026-01-15"',
        '$.tls.rotated_at = "2026-10-01T09:30:00Z" @ "2026-10-01T09:30:00Z"',
        '$.tls.versions[0] = "1.2" @ "\\"1.2\\""',
        '$.tls.versions[1] = "1.3" @ "\\"1.3\\""',
      ]);
    });

    it('gives keys their ranges, and tables the text that defines them', () => {
      const root = parseTomlTree(APP).root as Node & { kind: 'object' };
      const keys = root.entries.map((e) => APP.slice(e.keySpan.start, e.keySpan.end));
      assert.deepEqual(keys, ['title', 'auth', 'users', 'tls']);
      const users = root.entries[2].value;
      assert.equal(users.kind, 'array');
      assert.equal(APP.slice(users.span.start, users.span.end), APP.slice(APP.indexOf('[[users]]'), APP.indexOf('rate = 0.5') + 10));
      const auth = root.entries[1].value;
      assert.equal(APP.slice(auth.span.start, auth.span.end).split('\n')[0], '[auth]');
    });

    it('types values: integers, floats, booleans, dates and times as written, quoted keys', () => {
      const text = [
        'int = 0x1F',
        'big = 9007199254740993',
        'float = 6.626e-34',
        'inf = -inf',
        'local_date = 2026-01-15',
        'local_datetime = 2026-01-15T07:30:00',
        'offset = 2026-01-15 07:30:00z',
        'time = 07:30:00',
        '"quoted key" = "x"',
        "'literal.key' = '''raw \\n'''",
        'multi = """',
        'two',
        'lines"""',
        '',
      ].join('\n');
      assert.deepEqual(toPlain(parseTomlTree(text).root as Node), {
        int: 31,
        big: '9007199254740993', // beyond 2^53: the exact digits, as text
        float: 6.626e-34,
        inf: '-inf',
        local_date: '2026-01-15',
        local_datetime: '2026-01-15T07:30:00',
        offset: '2026-01-15 07:30:00Z',
        time: '07:30:00',
        'quoted key': 'x',
        'literal.key': 'raw \\n',
        multi: 'two\nlines',
      });
    });

    it('reads a table header that comes after its sub-tables, and super-tables defined implicitly', () => {
      const text = '[a.b.c]\nx = 1\n[a]\ny = 2\n[[fruits]]\nname = "apple"\n[fruits.variety]\nkind = "red"\n[[fruits]]\nname = "pear"\n';
      assert.deepEqual(toPlain(parseTomlTree(text).root as Node), { a: { b: { c: { x: 1 } }, y: 2 }, fruits: [{ name: 'apple', variety: { kind: 'red' } }, { name: 'pear' }] });
    });

    it('reads an empty file as an empty table', () => {
      assert.deepEqual(toPlain(parseTomlTree('').root as Node), {});
      assert.deepEqual(toPlain(parseTomlTree('# only a comment\n').root as Node), {});
    });

    describe('syntax errors and limits', () => {
      it('an unterminated string, where the parser stops', () => {
        const text = 'a = 1\nb = "open\nc = 2\n';
        assert.deepEqual(problem(text), { message: 'TOML syntax error: unterminated string constant', text: '\n', at: text.indexOf('open') + 4 });
      });

      it('a key defined twice, on the second key', () => {
        const text = '[auth]\nmin = 12\nmin = 8\n';
        assert.deepEqual(problem(text), { message: 'TOML syntax error: defining a key multiple times is invalid', text: 'min', at: text.lastIndexOf('min') });
      });

      it('a table defined twice, on the second header', () => {
        const text = '[auth]\na = 1\n[auth]\nb = 2\n';
        assert.deepEqual(problem(text), { message: 'TOML syntax error: defining a key multiple times is invalid', text: 'auth', at: text.lastIndexOf('auth') });
      });

      it('an invalid date', () => {
        const text = 'expires = 2026-02-30\n';
        assert.deepEqual(problem(text), { message: 'TOML syntax error: unexpected invalid date', text: '2026-02-30', at: 10 });
      });

      it('nesting deeper than 200 levels, at the bracket that crosses the limit (brackets in strings and comments do not count)', () => {
        const deep = 'a = ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
        assert.deepEqual(problem(deep), { message: 'the TOML is nested more than 200 levels deep', text: '[', at: 4 + 200 });
        const text = 's = "' + '['.repeat(300) + '"\n# ' + '{'.repeat(300) + "\nt = '''\n" + '['.repeat(300) + "\n'''\nu = [[1], [2]]\n";
        assert.deepEqual(parseTomlTree(text).problems, []);
      });

      it('dotted keys deeper than 200 levels', () => {
        const text = 'a' + '.b'.repeat(300) + ' = 1\n';
        assert.equal(problem(text).message, 'the TOML is nested more than 200 levels deep');
      });
    });
  });

  describe('through the engine', () => {
    const FILE = 'config/app.toml';

    function lintToml(expect: string, at: string, text = APP) {
      return lintFiles({ 'p.md': policy('p', requirement('r', expect, [[FILE, at]])), [FILE]: text });
    }

    it('reports drift on the exact value', () => {
      const result = lintToml('">= 12"', '$.auth.min_password_length');
      assert.deepEqual(findings(result), [
        { rule: 'requirement/drift', severity: 'error', message: 'min_password_length is 8; policy p › r expects >= 12', file: FILE, range: '5:23-5:24', requirement: 'r' },
      ]);
      assert.deepEqual(statuses(result), { 'p › r': 'drift' });
    });

    it('reads dotted keys and inline tables', () => {
      assert.deepEqual(findings(lintToml('true', '$.auth.mfa.required')).map((f) => [f.message, f.range]), [['required is false; policy p › r expects true', '6:16-6:21']]);
      assert.deepEqual(findings(lintToml('"<= 15"', '$.auth.session.idle_minutes')).map((f) => [f.message, f.range]), [['idle_minutes is 30; policy p › r expects <= 15', '7:28-7:30']]);
      assert.deepEqual(findings(lintToml('"<= 8"', '$..hours')).map((f) => [f.message, f.range]), [['hours is 12; policy p › r expects <= 8', '7:53-7:55']]);
    });

    it('filters arrays of tables with JSONPath', () => {
      const result = lintToml('{noneMatch: "^bob$"}', '$.users[?@.admin == false].name');
      assert.deepEqual(findings(result).map((f) => [f.message, f.range]), [['name is "bob", which matches /^bob$/; policy p › r expects no value to match', '14:8-14:13']]);
      assert.equal(covered(result, result.findings[0]), "'bob'");
      assert.deepEqual(findings(lintToml('{oneOf: [alice]}', '$.users[?@.admin == true].name')), []);
    });

    it('compares TOML dates as dates', () => {
      assert.deepEqual(findings(lintToml('">= 2026-06-01"', '$.tls.certificate.expires')).map((f) => [f.message, f.range]), [
        ['expires is "2026-01-15"; policy p › r expects >= 2026-06-01', '20:23-20:33'],
      ]);
      assert.deepEqual(findings(lintToml('"within 3 months"', '$.tls.rotated_at')), []);
      assert.deepEqual(findings(lintToml('"within 1 months"', '$.tls.rotated_at')).map((f) => [f.message, f.range]), [
        ['rotated_at is "2026-10-01T09:30:00Z"; policy p › r expects within 1 month', '21:14-21:34'],
      ]);
    });

    it('reads evidence dates from an array of tables', () => {
      const reviews = '[[reviews]]\ncompleted_on = 2026-02-15\n[[reviews]]\ncompleted_on = 2026-11-14\n';
      const p = policy('p', 'requirements:\n  review:\n    every: quarterly\n    evidence:\n      file: reviews.toml\n      at: $.reviews[*].completed_on\n');
      const result = lintFiles({ 'p.md': p, 'reviews.toml': reviews });
      assert.deepEqual(findings(result).map((f) => [f.rule, f.range, f.message.split(';')[0]]), [
        ['evidence/gap', '4:16-4:26', 'evidence gap: 272 days without evidence between 2026-02-15 and 2026-11-14'],
      ]);
    });

    it('a syntax error is source/unreadable on the offending key', () => {
      const result = lintToml('">= 12"', '$.auth.min_password_length', '[auth]\nmin_password_length = 14\nmin_password_length = 8\n');
      assert.deepEqual(findings(result), [
        {
          rule: 'source/unreadable',
          severity: 'error',
          message: `${FILE} cannot be parsed: TOML syntax error: defining a key multiple times is invalid`,
          file: FILE,
          range: '3:1-3:20',
          requirement: 'r',
        },
      ]);
      assert.deepEqual(statuses(result), { 'p › r': 'unknown' });
    });
  });
});
