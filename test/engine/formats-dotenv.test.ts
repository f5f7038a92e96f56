// dotenv sources (`.env`, `.env.*`, `*.env`): `{KEY: value}` with a range for every value, typed like
// INI values, through the whole engine. Today is 2026-11-22.

import assert from 'node:assert/strict';
import { parseDotenv } from '../../server/src/engine/sources/dotenv';
import { formatFor } from '../../server/src/engine/sources/formats';
import { toPlain, type Node } from '../../server/src/engine/tree';
import { covered, findings, lintFiles, policy } from '../helpers/workspace';
import { requirement, statuses } from './rules/support';

function plainOf(text: string): unknown {
  const tree = parseDotenv(text);
  assert.deepEqual(tree.problems, [], text);
  return toPlain(tree.root as Node);
}

/** `KEY = value @ covered text` for every entry. */
function ranged(text: string): string[] {
  const tree = parseDotenv(text);
  assert.deepEqual(tree.problems, []);
  return (tree.root as Node & { kind: 'object' }).entries.map(
    (e) => `${text.slice(e.keySpan.start, e.keySpan.end)} = ${JSON.stringify((e.value as { value: unknown }).value)} @ ${JSON.stringify(text.slice(e.value.span.start, e.value.span.end))}`,
  );
}

function problem(text: string): { message: string; text: string } {
  const [p] = parseDotenv(text).problems;
  assert.ok(p, 'a problem');
  return { message: p.message, text: text.slice(p.span.start, p.span.end) };
}

const PROD = [
  '# Production settings', //                                   line 1
  'export SESSION_TIMEOUT_MINUTES=60', //                        line 2
  'PASSWORD_MIN_LENGTH="8"', //                                  line 3
  'MFA_REQUIRED=no', //                                          line 4
  'TLS_MIN_VERSION=1.1 # legacy clients', //                     line 5
  'BANNER="Authorized use only.', //                             line 6
  'All activity is logged."', //                                 line 7
  "ADMIN_EMAIL='root@acme.com'", //                              line 8
  '',
].join('\n');

describe('formats: dotenv', () => {
  describe('reading', () => {
    it('is chosen for .env, .env.* and *.env files (a .env.json, .env.csv … keeps its own format)', () => {
      for (const file of ['.env', 'app/.env', '.env.production', 'deploy/.env.example', 'config/prod.env']) assert.equal(formatFor(file)?.name, 'dotenv', file);
      assert.equal(formatFor('config/.env.json')?.name, 'json');
      assert.equal(formatFor('config/.env.yaml')?.name, 'yaml');
      assert.equal(formatFor('config/.env.csv')?.name, 'csv');
      assert.equal(formatFor('config/.env.toml')?.name, 'toml');
      assert.equal(formatFor('.envrc'), undefined);
    });

    it('reads export, quotes, inline comments and multi-line values, each with its range', () => {
      assert.deepEqual(ranged(PROD), [
        'SESSION_TIMEOUT_MINUTES = 60 @ "60"',
        'PASSWORD_MIN_LENGTH = 8 @ "\\"8\\""',
        'MFA_REQUIRED = false @ "no"',
        'TLS_MIN_VERSION = 1.1 @ "1.1"',
        'BANNER = "Authorized use only.\\nAll activity is logged." @ "\\"Authorized use only.\\nAll activity is logged.\\""',
        'ADMIN_EMAIL = "root@acme.com" @ "\'root@acme.com\'"',
      ]);
    });

    it('turns \\n into a line break in double quotes only; keeps other backslashes', () => {
      assert.deepEqual(plainOf('A="a\\nb"\nB=\'a\\nb\'\nC=a\\nb\nD="x \\"y\\" z"\nE=`tick \\n`\n'), { A: 'a\nb', B: 'a\\nb', C: 'a\\nb', D: 'x \\"y\\" z', E: 'tick \\n' });
    });

    it('ends an unquoted value at #, keeps # inside quotes, trims unquoted values', () => {
      assert.deepEqual(plainOf('A=abc#def\nB="#hash" # c\nC =  spaced out  \nD=\nE= # only a comment\n'), { A: 'abc', B: '#hash', C: 'spaced out', D: '', E: '' });
      // An empty value has no text of its own: its range is its key.
      assert.deepEqual(ranged('D=\n'), ['D = "" @ "D"']);
    });

    it('keeps the last of repeated keys', () => {
      const text = 'A=1\nB=2\nA=3\n';
      assert.deepEqual(plainOf(text), { A: 3, B: 2 });
      assert.deepEqual(ranged(text), ['A = 3 @ "3"', 'B = 2 @ "2"']);
    });

    it('reads CRLF files (a multi-line value gets \\n breaks, as dotenv gives), a BOM, indentation', () => {
      const text = '\uFEFF  A=1\r\nB="x\r\ny"\r\nC=3';
      assert.deepEqual(plainOf(text), { A: 1, B: 'x\ny', C: 3 });
      assert.deepEqual(ranged(text), ['A = 1 @ "1"', 'B = "x\\ny" @ "\\"x\\r\\ny\\""', 'C = 3 @ "3"']);
    });

    it('accepts a bare KEY (passed through from the environment): it has no value', () => {
      assert.deepEqual(plainOf('PATH\nexport HOME\nA=1\n'), { A: 1 });
    });

    it('agrees with the `dotenv` package (v18.0.10, parse) on files both read, up to typing', () => {
      // Each expected object is dotenv.parse(text) as that version returns it, with its strings typed
      // by typedText (dotenv returns text; Tenet types it, section 3).
      const cases: [string, unknown][] = [
        ['A=1\nB=two\n', { A: 1, B: 'two' }],
        ['export A=1\n', { A: 1 }],
        ['A = spaced \n', { A: 'spaced' }],
        ['A: colon\n', { A: 'colon' }],
        ['A="double"\nB=\'single\'\nC=`back`\n', { A: 'double', B: 'single', C: 'back' }],
        ['A="multi\nline"\n', { A: 'multi\nline' }],
        ['A="esc\\nnew"\nB=\'esc\\nnot\'\n', { A: 'esc\nnew', B: 'esc\\nnot' }],
        ['# comment\nA=1 # inline\nB="q" # after\n', { A: 1, B: 'q' }],
        ['A=abc#def\n', { A: 'abc' }],
        ['A=\nB=2\n', { A: '', B: 2 }],
        ['A=1\r\nB=2\r\n', { A: 1, B: 2 }],
        ['A=1\nA=2\n', { A: 2 }],
        ['A="x \\"y\\" z"\n', { A: 'x \\"y\\" z' }],
        ['A="multi\r\nline"\r\n', { A: 'multi\nline' }],
        ['K.dot-dash_1=v\n', { 'K.dot-dash_1': 'v' }],
        ['A=yes\nB=off\n', { A: true, B: false }],
        ['A="#hash"\n', { A: '#hash' }],
        ['  A=indented\n', { A: 'indented' }],
        ['BARE\nA=1\n', { A: 1 }],
        ['A=  "spaced quote"  \n', { A: 'spaced quote' }],
      ];
      for (const [text, expected] of cases) assert.deepEqual(plainOf(text), expected, text);
    });

    describe('syntax errors, on the offending text', () => {
      it('an unclosed quote, at the quote (dotenv would keep it as text)', () => {
        assert.deepEqual(problem('A=1\nB="open\nC=3\n'), { message: 'dotenv syntax error: the double-quoted value of B is never closed', text: '"' });
        assert.deepEqual(problem("B='open\n"), { message: 'dotenv syntax error: the single-quoted value of B is never closed', text: "'" });
      });

      it('text after a closing quote', () => {
        assert.deepEqual(problem('A="x" y\n'), { message: 'dotenv syntax error: unexpected text after the closing quote of A', text: 'y' });
      });

      it('a line that is not KEY=value (dotenv would skip it)', () => {
        assert.deepEqual(problem('A=1\nMY KEY=2\n'), { message: 'dotenv syntax error: expected "=" after MY', text: 'KEY=2' });
        assert.deepEqual(problem('=1\n'), { message: 'dotenv syntax error: expected KEY=value', text: '=1' });
        assert.deepEqual(problem('A :1\n'), { message: 'dotenv syntax error: expected "=" after A', text: ':1' });
      });
    });
  });

  describe('through the engine', () => {
    const FILE = 'deploy/.env.production';

    function lintEnv(expect: string, at: string, text = PROD) {
      return lintFiles({ 'p.md': policy('p', requirement('r', expect, [[FILE, at]])), [FILE]: text });
    }

    it('reports drift on the quoted value, compared as a number', () => {
      const result = lintEnv('">= 12"', '$.PASSWORD_MIN_LENGTH');
      assert.deepEqual(findings(result), [
        { rule: 'requirement/drift', severity: 'error', message: 'PASSWORD_MIN_LENGTH is 8; policy p › r expects >= 12', file: FILE, range: '3:21-3:24', requirement: 'r' },
      ]);
      assert.equal(covered(result, result.findings[0]), '"8"');
      assert.deepEqual(statuses(result), { 'p › r': 'drift' });
    });

    it('lands on a value after export, and before an inline comment', () => {
      assert.deepEqual(findings(lintEnv('"<= 30"', '$.SESSION_TIMEOUT_MINUTES')).map((f) => [f.message, f.range]), [
        ['SESSION_TIMEOUT_MINUTES is 60; policy p › r expects <= 30', '2:32-2:34'],
      ]);
      assert.deepEqual(findings(lintEnv('">= 1.2"', '$.TLS_MIN_VERSION')).map((f) => [f.message, f.range]), [['TLS_MIN_VERSION is 1.1; policy p › r expects >= 1.2', '5:17-5:20']]);
    });

    it('compares no as the boolean false', () => {
      assert.deepEqual(findings(lintEnv('true', '$.MFA_REQUIRED')), [
        { rule: 'requirement/drift', severity: 'error', message: 'MFA_REQUIRED is false; policy p › r expects true', file: FILE, range: '4:14-4:16', requirement: 'r' },
      ]);
      assert.deepEqual(findings(lintEnv('false', '$.MFA_REQUIRED')), []);
    });

    it('reports a multi-line value across its lines', () => {
      const result = lintEnv('"matches Unauthorized"', '$.BANNER');
      assert.deepEqual(findings(result).map((f) => [f.range, f.message]), [
        ['6:8-7:25', 'BANNER is "Authorized use only.\\nAll activity is logged."; policy p › r expects matches Unauthorized'],
      ]);
    });

    it('noneMatch over every value', () => {
      const result = lintEnv('{noneMatch: "^root@"}', '$.*');
      assert.deepEqual(findings(result).map((f) => [f.message, f.range]), [
        ['ADMIN_EMAIL is "root@acme.com", which matches /^root@/; policy p › r expects no value to match', '8:13-8:28'],
      ]);
    });

    it('a syntax error is source/unreadable at the unclosed quote', () => {
      const result = lintEnv('">= 12"', '$.PASSWORD_MIN_LENGTH', 'A=1\nPASSWORD_MIN_LENGTH="12\n');
      assert.deepEqual(findings(result), [
        {
          rule: 'source/unreadable',
          severity: 'error',
          message: `${FILE} cannot be parsed: dotenv syntax error: the double-quoted value of PASSWORD_MIN_LENGTH is never closed`,
          file: FILE,
          range: '2:21-2:22',
          requirement: 'r',
        },
      ]);
    });

    it('an empty .env selects nothing', () => {
      assert.deepEqual(findings(lintEnv('">= 12"', '$.PASSWORD_MIN_LENGTH', '')).map((f) => [f.rule, f.message]), [
        ['selector/no-match', `$.PASSWORD_MIN_LENGTH selects nothing in ${FILE}`],
      ]);
    });
  });
});
