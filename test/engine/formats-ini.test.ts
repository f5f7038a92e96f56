// INI sources (`.ini`, `.cfg`, `.conf`): `{section: {key: value}}` with a range for every key and
// value, typed values ("12" is 12, yes/off are booleans), through the whole engine. Today is 2026-11-22.

import assert from 'node:assert/strict';
import { formatFor } from '../../server/src/engine/sources/formats';
import { parseIni, typedText } from '../../server/src/engine/sources/ini';
import { toPlain, type Node } from '../../server/src/engine/tree';
import { covered, findings, lintFiles, policy } from '../helpers/workspace';
import { requirement, statuses } from './rules/support';

/** `path = value @ covered text` for every scalar, and the text each key's range covers. */
function ranged(text: string): string[] {
  const tree = parseIni(text);
  assert.deepEqual(tree.problems, []);
  const out: string[] = [];
  const walk = (node: Node, path: string): void => {
    if (node.kind === 'scalar') out.push(`${path} = ${JSON.stringify(node.value)} @ ${JSON.stringify(text.slice(node.span.start, node.span.end))}`);
    else if (node.kind === 'object') {
      for (const e of node.entries) {
        out.push(`key ${JSON.stringify(e.key)} @ ${JSON.stringify(text.slice(e.keySpan.start, e.keySpan.end))}`);
        walk(e.value, `${path}.${e.key}`);
      }
    }
  };
  walk(tree.root as Node, '$');
  return out;
}

function problem(text: string): { message: string; text: string } {
  const [p] = parseIni(text).problems;
  assert.ok(p, 'a problem');
  return { message: p.message, text: text.slice(p.span.start, p.span.end) };
}

const SECURITY = [
  '; Password and session settings', // line 1
  'environment = production', //       line 2: before any section
  '', //                                line 3
  '[password]', //                      line 4
  'min_length = 8', //                  line 5
  'max_age_days = "90"', //            line 6
  'history = 12 ; remembered', //       line 7
  '', //                                line 8
  '[mfa]', //                           line 9
  'required = off', //                  line 10
  'remember_device = yes', //           line 11
  '',
].join('\n');

describe('formats: INI', () => {
  describe('reading', () => {
    it('is chosen for .ini, .cfg and .conf files', () => {
      assert.equal(formatFor('config/security.ini')?.name, 'ini');
      assert.equal(formatFor('setup.cfg')?.name, 'ini');
      assert.equal(formatFor('etc/app.CONF')?.name, 'ini');
    });

    it('reads sections, top-level keys, comments and typed values, each with its range', () => {
      assert.deepEqual(ranged(SECURITY), [
        'key "environment" @ "environment"',
        '$.environment = "production" @ "production"',
        'key "password" @ "password"',
        'key "min_length" @ "min_length"',
        '$.password.min_length = 8 @ "8"',
        'key "max_age_days" @ "max_age_days"',
        '$.password.max_age_days = 90 @ "\\"90\\""',
        'key "history" @ "history"',
        '$.password.history = 12 @ "12"',
        'key "mfa" @ "mfa"',
        'key "required" @ "required"',
        '$.mfa.required = false @ "off"',
        'key "remember_device" @ "remember_device"',
        '$.mfa.remember_device = true @ "yes"',
      ]);
    });

    it('types values: booleans in any case, canonical numbers; other text (dates, 0755, 1.50) stays text', () => {
      assert.deepEqual(
        ['yes', 'No', 'ON', 'off', 'true', 'FALSE', '12', '-3', '0.5', '0755', '1.50', '1e3', '2026-01-15', '', 'enabled'].map(typedText),
        [true, false, true, false, true, false, 12, -3, 0.5, '0755', '1.50', '1e3', '2026-01-15', '', 'enabled'],
      );
    });

    it('strips quotes (double quotes read as JSON strings), ends unquoted values at ; or # unless escaped', () => {
      const text = 'a = "x ; y" # c\nb = \'it is\' ; c\nc = one\\;two\\#three ; c\nd = "tab\\there"\ne = \'no \\t escape\'\nf = path\\to\n';
      assert.deepEqual(toPlain(parseIni(text).root as Node), { a: 'x ; y', b: 'it is', c: 'one;two#three', d: 'tab\there', e: 'no \\t escape', f: 'path\\to' });
      assert.deepEqual(ranged(text).filter((l) => l.startsWith('$.a') || l.startsWith('$.c')), ['$.a = "x ; y" @ "\\"x ; y\\""', '$.c = "one;two#three" @ "one\\\\;two\\\\#three"']);
    });

    it('keeps the last of repeated keys, in the first one\'s place, and merges repeated sections', () => {
      const text = '[s]\nk = 1\nj = 2\n[t]\nx = 0\n[s]\nk = 3\n';
      assert.deepEqual(toPlain(parseIni(text).root as Node), { s: { k: 3, j: 2 }, t: { x: 0 } });
      assert.ok(ranged(text).includes('$.s.k = 3 @ "3"'));
      const k = (parseIni(text).root as Node & { kind: 'object' }).entries[0].value as Node & { kind: 'object' };
      assert.equal(text.slice(k.entries[0].value.span.start, k.entries[0].value.span.end), '3');
      assert.equal(k.entries[0].value.span.start, text.lastIndexOf('3'));
    });

    it('reads a flag line (no separator) as true, `key: value` as configparser does, an empty value as ""', () => {
      const text = '[mysqld]\nskip-networking\nport: 3306\nbind = 127.0.0.1\nsocket =\nurl = http://x:80/a\n';
      assert.deepEqual(toPlain(parseIni(text).root as Node), { mysqld: { 'skip-networking': true, port: 3306, bind: '127.0.0.1', socket: '', url: 'http://x:80/a' } });
      // An empty value has no text of its own: its range is its key, as YAML's `key:`.
      assert.ok(ranged(text).includes('$.mysqld.socket = "" @ "socket"'));
    });

    it('keeps section names whole (`[a.b]` is $[\'a.b\']), trimmed, quotes stripped', () => {
      assert.deepEqual(toPlain(parseIni('[ a.b ]\nx = 1\n["q r"]\ny = 2\n[remote "origin"]\nz = 3\n').root as Node), { 'a.b': { x: 1 }, 'q r': { y: 2 }, 'remote "origin"': { z: 3 } });
    });

    it('reads CRLF and lone-CR line ends, indentation and a BOM', () => {
      const text = '\uFEFF[s]\r\n  a = 1\r\n\tb = 2\rc = 3';
      assert.deepEqual(ranged(text).filter((l) => l.startsWith('$')), ['$.s.a = 1 @ "1"', '$.s.b = 2 @ "2"', '$.s.c = 3 @ "3"']);
    });

    it('reads an empty file or one with only comments as an empty object', () => {
      assert.deepEqual(toPlain(parseIni('').root as Node), {});
      assert.deepEqual(toPlain(parseIni('; nothing\n# here\n\n').root as Node), {});
    });

    it('agrees with the `ini` package (v6.0.0) on files both read, up to typing', () => {
      // Each expected object is ini.parse(text) as that version returns it, with its strings typed by
      // typedText (ini keeps "12" and "yes" as text; Tenet types them, section 3).
      const cases: [string, unknown][] = [
        ['a = 1\nb=two\n', { a: 1, b: 'two' }],
        ['; c\n# c\nx = y ; comment\nz = w # c\n', { x: 'y', z: 'w' }],
        ['[s]\nk = v\n[t]\nk = 2\n', { s: { k: 'v' }, t: { k: 2 } }],
        ['[s]\nk=1\n[s]\nk=2\nj=3\n', { s: { k: 2, j: 3 } }],
        ['q = "quoted ; not comment"\n', { q: 'quoted ; not comment' }],
        ["sq = 'single'\n", { sq: 'single' }],
        ['e = a\\;b\\#c\\\\d\\x\n', { e: 'a;b#c\\d\\x' }],
        ['flag\n[s]\nother_flag\n', { flag: true, s: { other_flag: true } }],
        ['  indented = yes  \n', { indented: true }],
        ['k =\n', { k: '' }],
        ['crlf = 1\r\nnext = 2\r\n', { crlf: 1, next: 2 }],
        ['dup = 1\ndup = 2\n', { dup: 2 }],
        ['json = "a\\tb"\n', { json: 'a\tb' }],
        ['sp = a b c\n', { sp: 'a b c' }],
        ['x = a=b\n', { x: 'a=b' }],
        ['u = ünïcödé\n', { u: 'ünïcödé' }],
      ];
      for (const [text, expected] of cases) {
        const tree = parseIni(text);
        assert.deepEqual(tree.problems, [], text);
        assert.deepEqual(toPlain(tree.root as Node), expected, text);
      }
    });

    describe('syntax errors, on the offending text', () => {
      it('a section header without "]"', () => {
        assert.deepEqual(problem('[ok]\na = 1\n[password\nb = 2\n'), { message: 'INI syntax error: the section header has no closing "]"', text: '[password' });
      });

      it('text after a section header (a comment is fine)', () => {
        assert.deepEqual(problem('[s] extra\n'), { message: 'INI syntax error: unexpected text after the section header', text: 'extra' });
        assert.deepEqual(parseIni('[s] ; fine\n').problems, []);
      });

      it('an unclosed quote, at the quote', () => {
        assert.deepEqual(problem('a = 1\nb = "open\n'), { message: 'INI syntax error: the double-quoted value is never closed', text: '"' });
        assert.deepEqual(problem("b = 'open\n"), { message: 'INI syntax error: the single-quoted value is never closed', text: "'" });
      });

      it('text after a closing quote', () => {
        assert.deepEqual(problem('a = "x" y\n'), { message: 'INI syntax error: unexpected text after the closing quote', text: 'y' });
      });

      it('a separator without a key', () => {
        assert.deepEqual(problem('[s]\n = 3\n'), { message: 'INI syntax error: a key is missing before "="', text: '=' });
      });
    });
  });

  describe('through the engine', () => {
    function lintIni(expect: string, at: string, file = 'config/security.ini', text = SECURITY) {
      return lintFiles({ 'p.md': policy('p', requirement('r', expect, [[file, at]])), [file]: text });
    }

    it('reports drift on the exact value', () => {
      const result = lintIni('">= 12"', '$.password.min_length');
      assert.deepEqual(findings(result), [
        { rule: 'requirement/drift', severity: 'error', message: 'min_length is 8; policy p › r expects >= 12', file: 'config/security.ini', range: '5:14-5:15', requirement: 'r' },
      ]);
      assert.deepEqual(statuses(result), { 'p › r': 'drift' });
    });

    it('compares "12" as 12: a quoted number satisfies numeric and equality expectations', () => {
      assert.deepEqual(findings(lintIni('"<= 90"', '$.password.max_age_days')), []);
      assert.deepEqual(findings(lintIni('90', '$.password.max_age_days')), []);
      assert.deepEqual(findings(lintIni('"== 90"', '$.password.max_age_days')), []);
      assert.deepEqual(findings(lintIni('">= 12"', '$.password.history')), []);
      const result = lintIni('"< 60"', '$.password.max_age_days');
      assert.deepEqual(findings(result), [
        { rule: 'requirement/drift', severity: 'error', message: 'max_age_days is 90; policy p › r expects < 60', file: 'config/security.ini', range: '6:16-6:20', requirement: 'r' },
      ]);
      assert.equal(covered(result, result.findings[0]), '"90"');
    });

    it('compares yes/off as booleans', () => {
      assert.deepEqual(findings(lintIni('true', '$.mfa.required')), [
        { rule: 'requirement/drift', severity: 'error', message: 'required is false; policy p › r expects true', file: 'config/security.ini', range: '10:12-10:15', requirement: 'r' },
      ]);
      assert.deepEqual(findings(lintIni('false', '$.mfa.remember_device')), [
        { rule: 'requirement/drift', severity: 'error', message: 'remember_device is true; policy p › r expects false', file: 'config/security.ini', range: '11:19-11:22', requirement: 'r' },
      ]);
      assert.deepEqual(findings(lintIni('true', '$.mfa.remember_device')), []);
    });

    it('reads keys before any section at the top level, and JSONPath wildcards over sections', () => {
      assert.deepEqual(findings(lintIni('production', '$.environment')), []);
      const result = lintIni('{noneOf: [8]}', '$.*.min_length');
      assert.deepEqual(findings(result).map((f) => [f.message, f.range]), [['min_length is 8; policy p › r expects noneOf [8]', '5:14-5:15']]);
    });

    it('reads .cfg and .conf files the same way', () => {
      for (const file of ['setup.cfg', 'etc/app.conf']) {
        assert.deepEqual(findings(lintIni('">= 12"', '$.password.min_length', file)).map((f) => [f.file, f.range]), [[file, '5:14-5:15']]);
      }
    });

    it('lands on the last of repeated keys', () => {
      const text = '[password]\nmin_length = 14\nmin_length = 8\n';
      assert.deepEqual(findings(lintIni('">= 12"', '$.password.min_length', 'a.ini', text)).map((f) => f.range), ['3:14-3:15']);
    });

    it('a syntax error is source/unreadable at the broken header', () => {
      const result = lintIni('">= 12"', '$.password.min_length', 'config/security.ini', SECURITY.replace('[password]', '[password'));
      assert.deepEqual(findings(result), [
        {
          rule: 'source/unreadable',
          severity: 'error',
          message: 'config/security.ini cannot be parsed: INI syntax error: the section header has no closing "]"',
          file: 'config/security.ini',
          range: '4:1-4:10',
          requirement: 'r',
        },
      ]);
      assert.deepEqual(statuses(result), { 'p › r': 'unknown' });
    });

    it('a key that is not there is selector/no-match', () => {
      assert.deepEqual(findings(lintIni('">= 12"', '$.password.minimum')).map((f) => [f.rule, f.message]), [
        ['selector/no-match', '$.password.minimum selects nothing in config/security.ini'],
      ]);
    });
  });
});
