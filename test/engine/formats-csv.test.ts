// CSV sources (policy format section 3): `at` is a column, each cell is a value with its exact range
// and its row for `where`; evidence logs, subsetOf rosters and access exports through the whole engine.
// Today is 2026-11-22.

import assert from 'node:assert/strict';
import { csvSource, parseCsv } from '../../server/src/engine/sources/csv';
import { formatFor } from '../../server/src/engine/sources/formats';
import type { SelectedValue } from '../../server/src/engine/sources/source';
import { covered, findings, lintFiles, policy, type PlainFinding } from '../helpers/workspace';
import { relatedOf, requirement, single, statuses } from './rules/support';

const LOG = 'evidence/access-reviews.csv';

/**
 * A quarterly access review read from LOG's `completed_on` column, production rows only.
 * Lines of p.md: 10 `  access-review:`, 14 `      file: …`, 15 `      at: completed_on` (value 15:11-15:23).
 */
function accessReview(at = 'completed_on', where = '      where: { system: production }\n'): string {
  return policy(
    'p',
    `requirements:\n  access-review:\n    says: User access to production is reviewed every quarter.\n    every: quarterly\n    evidence:\n      file: ${LOG}\n      at: ${at}\n${where}`,
  );
}

function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Selects `at` from a CSV text directly, failing the test if the selector is refused. */
function select(text: string, at: string): SelectedValue[] {
  const selection = csvSource('t.csv', text).select(at);
  assert.ok(selection.ok, selection.ok ? '' : selection.message);
  return selection.values;
}

/** `name = value @ covered text` for each selected value, to check names, typing and ranges at once. */
function shown(text: string, values: SelectedValue[]): string[] {
  return values.map((v) => `${v.name} = ${JSON.stringify(v.value)} @ ${JSON.stringify(text.slice(v.span.start, v.span.end))}`);
}

describe('formats: CSV', () => {
  describe('reading', () => {
    it('is chosen for .csv files (any case)', () => {
      assert.equal(formatFor('evidence/access-reviews.csv')?.name, 'csv');
      assert.equal(formatFor('HR/Roster.CSV')?.name, 'csv');
    });

    it('selects a column: every data row\'s cell, named by spreadsheet row, typed like INI values', () => {
      const text = csv('user,mfa,logins,last_seen,note', 'alice,yes,12,2026-11-01,ok', 'bob,off,007,2026-10-02,1.50', 'carol,TRUE,-3,,');
      assert.deepEqual(shown(text, select(text, 'user')), ['user (row 2) = "alice" @ "alice"', 'user (row 3) = "bob" @ "bob"', 'user (row 4) = "carol" @ "carol"']);
      assert.deepEqual(shown(text, select(text, 'mfa')), ['mfa (row 2) = true @ "yes"', 'mfa (row 3) = false @ "off"', 'mfa (row 4) = true @ "TRUE"']);
      // Canonical numbers are numbers; `007` and `1.50` keep their spelling (still compared as numbers).
      assert.deepEqual(shown(text, select(text, 'logins')), ['logins (row 2) = 12 @ "12"', 'logins (row 3) = "007" @ "007"', 'logins (row 4) = -3 @ "-3"']);
      // Dates stay YYYY-MM-DD text; an empty cell is an empty string with an empty range where it sits.
      const seen = select(text, 'last_seen');
      assert.deepEqual(shown(text, seen), ['last_seen (row 2) = "2026-11-01" @ "2026-11-01"', 'last_seen (row 3) = "2026-10-02" @ "2026-10-02"', 'last_seen (row 4) = "" @ ""']);
      assert.equal(seen[2].span.start, text.indexOf('-3,') + 3);
      assert.deepEqual(shown(text, select(text, 'note')), ['note (row 2) = "ok" @ "ok"', 'note (row 3) = "1.50" @ "1.50"', 'note (row 4) = "" @ ""']);
    });

    it('gives each value its row, typed, for `where` (a column the row lacks is undefined)', () => {
      const text = csv('user,mfa,logins', 'alice,yes,12', 'bob');
      const [alice, bob] = select(text, 'user');
      assert.deepEqual([alice.row?.('mfa'), alice.row?.('logins'), alice.row?.('user'), alice.row?.('nope')], [true, 12, 'alice', undefined]);
      assert.deepEqual([bob.row?.('mfa'), bob.row?.('logins')], [undefined, undefined]);
    });

    it('locates quoted cells with commas, doubled quotes and line breaks, quotes included in the range', () => {
      const text = csv('id,comment,owner', '1,"a, b",x', '2,"he said ""no""",y', '3,"two', 'lines, really",z', '4, "spaced" ,w');
      assert.deepEqual(shown(text, select(text, 'comment')), [
        'comment (row 2) = "a, b" @ "\\"a, b\\""',
        'comment (row 3) = "he said \\"no\\"" @ "\\"he said \\"\\"no\\"\\"\\""',
        'comment (row 4) = "two\\nlines, really" @ "\\"two\\nlines, really\\""',
        'comment (row 5) = "spaced" @ "\\"spaced\\""',
      ]);
      // The row after a cell spanning two lines is row 5 but sits on line 6.
      assert.deepEqual(shown(text, select(text, 'owner')), ['owner (row 2) = "x" @ "x"', 'owner (row 3) = "y" @ "y"', 'owner (row 4) = "z" @ "z"', 'owner (row 5) = "w" @ "w"']);
    });

    it('reads CRLF files, a quoted CRLF inside a cell, and a last row without a line break', () => {
      const text = 'id,comment\r\n1,"x,\r\ny"\r\n2,plain';
      assert.deepEqual(shown(text, select(text, 'comment')), ['comment (row 2) = "x,\\r\\ny" @ "\\"x,\\r\\ny\\""', 'comment (row 3) = "plain" @ "plain"']);
      assert.deepEqual(shown(text, select(text, 'id')), ['id (row 2) = 1 @ "1"', 'id (row 3) = 2 @ "2"']);
    });

    it('skips a BOM in the text (the header\'s first name is clean, ranges count the BOM)', () => {
      const text = '\uFEFFid,name\n1,ada\n';
      assert.deepEqual(shown(text, select(text, 'id')), ['id (row 2) = 1 @ "1"']);
      assert.deepEqual(select(text, 'name')[0].span, { start: 11, end: 14 });
    });

    it('counts UTF-16 code units before a cell (accents, emoji)', () => {
      const text = csv('a,b', 'é😀,"ü"', '😀😀,x');
      assert.deepEqual(shown(text, select(text, 'b')), ['b (row 2) = "ü" @ "\\"ü\\""', 'b (row 3) = "x" @ "x"']);
    });

    it('trims blanks around cells and header names', () => {
      const text = csv(' id , name ', ' 1 ,  ada  ');
      assert.deepEqual(shown(text, select(text, 'name')), ['name (row 2) = "ada" @ "ada"']);
    });

    it('reads ragged rows: a short row lacks the missing cells, a long row\'s extra cells are ignored', () => {
      const text = csv('a,b,c', '1', '1,2', '1,2,3,4,5');
      assert.deepEqual(shown(text, select(text, 'c')), ['c (row 4) = 3 @ "3"']);
      assert.deepEqual(shown(text, select(text, 'b')), ['b (row 3) = 2 @ "2"', 'b (row 4) = 2 @ "2"']);
      assert.equal(select(text, 'a').length, 3);
    });

    it('counts blank lines as empty rows, which have no cells', () => {
      const text = csv('a,b', '', '1,2', '   ', '3,4', '');
      assert.deepEqual(shown(text, select(text, 'a')), ['a (row 3) = 1 @ "1"', 'a (row 5) = 3 @ "3"']);
    });

    it('keeps a quoted empty cell in a one-column file (it is not a blank line)', () => {
      const text = csv('email', '""', 'a@x.com');
      assert.deepEqual(shown(text, select(text, 'email')), ['email (row 2) = "" @ "\\"\\""', 'email (row 3) = "a@x.com" @ "a@x.com"']);
    });

    it('takes the last of two columns with the same name, as a repeated key elsewhere', () => {
      const text = csv('x,x', '1,2');
      assert.deepEqual(shown(text, select(text, 'x')), ['x (row 2) = 2 @ "2"']);
    });

    it('selects nothing from an empty file or a header-only file (no error: the selector is fine)', () => {
      assert.deepEqual(select('', 'a'), []);
      assert.deepEqual(select('a,b\n', 'a'), []);
      assert.deepEqual(select('a,b', 'b'), []);
    });

    it('refuses an unknown column, listing the columns (and a JSONPath-looking `at` gets a hint)', () => {
      const source = csvSource('t.csv', csv('a,b,c', '1,2,3'));
      assert.deepEqual(source.select('d'), { ok: false, message: 'no column "d" in t.csv (columns: a, b, c)' });
      assert.deepEqual(source.select('$.a'), { ok: false, message: 'no column "$.a" in t.csv (columns: a, b, c); in a CSV file `at` is a column name, not a JSONPath query' });
      const wide = csvSource('w.csv', Array.from({ length: 25 }, (_, i) => `c${i}`).join(',') + '\n');
      const refused = wide.select('z');
      assert.ok(!refused.ok && refused.message.endsWith('c18, c19, … 5 more)'), JSON.stringify(refused));
    });

    describe('syntax errors, placed on the offending character', () => {
      function problem(text: string) {
        const p = parseCsv(text).problem;
        assert.ok(p, 'a problem');
        return { message: p.message, at: p.span.start, text: text.slice(p.span.start, p.span.end) };
      }

      it('an unclosed quote: at its opening quote, even lines before the end of the file', () => {
        const text = csv('a,b', '1,2', '3,"abc', '4,5');
        assert.deepEqual(problem(text), {
          message: 'CSV syntax error: a quoted cell is never closed (a quote inside a quoted cell is written twice: "")',
          at: text.indexOf('"abc'),
          text: '"',
        });
      });

      it('an unclosed quote after multi-byte text and a BOM', () => {
        const text = '\uFEFFa,b\néé,😀\n3,"abc\n';
        assert.equal(problem(text).at, text.indexOf('"abc'));
      });

      it('an unclosed quote in CRLF rows', () => {
        const text = 'a,b\r\n1,2\r\n3,"abc\r\n4,5\r\n';
        assert.equal(problem(text).at, text.indexOf('"abc'));
      });

      it('a quote inside an unquoted cell: at that quote', () => {
        const text = csv('a,b', '1,2', '3,ab"c');
        assert.deepEqual(problem(text), {
          message: 'CSV syntax error: a quote inside an unquoted cell (quote the whole cell and double the quote: "say ""hi""")',
          at: text.indexOf('"c'),
          text: '"',
        });
      });

      it('text after a closing quote: at that text', () => {
        const message = 'CSV syntax error: text after a closing quote (expected a comma or the end of the row)';
        const glued = csv('a,b', '1,2', '3,"ab"c');
        assert.deepEqual(problem(glued), { message, at: glued.indexOf('c\n'), text: 'c' });
        const spaced = csv('a,b', '1,2', '3,"ab" c');
        assert.deepEqual(problem(spaced), { message, at: spaced.indexOf('c\n'), text: 'c' });
      });

      it('a CSV with a problem selects nothing, even a valid column', () => {
        const source = csvSource('t.csv', csv('a,b', '3,"abc'));
        assert.ok(source.problem);
        assert.deepEqual(source.select('a'), { ok: true, values: [] });
      });
    });
  });

  describe('evidence logs (every + evidence, where)', () => {
    const GAP_LOG = csv(
      'completed_on,system,reviewer', //  line 1
      '2025-12-01,production,alice', //   line 2
      '2026-01-10,staging,bob', //        line 3: filtered out
      '2026-02-15,production,alice', //   line 4: the last review before nine silent months
      '2026-08-20,staging,bob', //        line 5: filtered out (it would have closed the gap)
      '2026-11-14,production,carol', //   line 6: the catch-up burst, a week before today
      '2026-11-15,production,dave', //    line 7
      '2026-12-01,production,erin', //    line 8: in the future
    );

    it('reports a nine-month gap at the first row after it, and a future row, on the exact cells', () => {
      const result = lintFiles({ 'p.md': accessReview(), [LOG]: GAP_LOG });
      assert.deepEqual(findings(result), [
        {
          rule: 'evidence/gap',
          severity: 'error',
          message: 'evidence gap: 272 days without evidence between 2026-02-15 and 2026-11-14; policy p › access-review is due quarterly (every 3 months), so the next was due 2026-05-15',
          file: LOG,
          range: '6:1-6:11',
          requirement: 'access-review',
        },
        {
          rule: 'evidence/future-date',
          severity: 'error',
          message: 'evidence of policy p › access-review is dated 2026-12-01, in the future (today is 2026-11-22)',
          file: LOG,
          range: '8:1-8:11',
          requirement: 'access-review',
        },
      ]);
      assert.deepEqual(relatedOf(result, single(result, 'evidence/gap')), [{ file: LOG, range: '4:1-4:11', message: 'evidence before the gap: 2026-02-15' }]);
      assert.equal(covered(result, single(result, 'evidence/future-date')), '2026-12-01');
      assert.deepEqual(statuses(result), { 'p › access-review': 'drift' });
    });

    it('without `where`, the staging rows count: the gap ends at the staging row of line 5', () => {
      const result = lintFiles({ 'p.md': accessReview('completed_on', ''), [LOG]: GAP_LOG });
      assert.deepEqual(findings(result).map((f) => [f.rule, f.range, f.message.split(';')[0]]), [
        ['evidence/gap', '5:1-5:11', 'evidence gap: 186 days without evidence between 2026-02-15 and 2026-08-20'],
        ['evidence/future-date', '8:1-8:11', 'evidence of policy p › access-review is dated 2026-12-01, in the future (today is 2026-11-22)'],
      ]);
    });

    it('reports stale evidence on the newest production cell (a newer staging row does not count)', () => {
      const log = csv('completed_on,system,reviewer', '2026-02-01,production,alice', '2026-05-01,production,alice', '2026-08-01,production,bob', '2026-11-01,staging,carol');
      const result = lintFiles({ 'p.md': accessReview(), [LOG]: log });
      assert.deepEqual(findings(result), [
        {
          rule: 'evidence/stale',
          severity: 'error',
          message: 'the newest evidence of policy p › access-review is 2026-08-01; it is due quarterly (every 3 months), so the next was due 2026-11-01 (21 days ago)',
          file: LOG,
          range: '4:1-4:11',
          requirement: 'access-review',
        },
      ]);
      assert.deepEqual(relatedOf(result, single(result, 'evidence/stale')), [{ file: 'p.md', range: '10:3-10:16', message: 'requirement stated here' }]);
    });

    it('is verified when production reviews come every quarter', () => {
      const log = csv('completed_on,system', '2025-12-10,production', '2026-03-01,production', '2026-05-20,production', '2026-08-15,production', '2026-11-10,production');
      const result = lintFiles({ 'p.md': accessReview(), [LOG]: log });
      assert.deepEqual(findings(result), []);
      assert.deepEqual(statuses(result), { 'p › access-review': 'verified' });
    });

    it('names a cell that is not a date by column and row', () => {
      const log = csv('completed_on,system', '2026-09-01,production', 'pending,production', '2026-10-01,production');
      const result = lintFiles({ 'p.md': accessReview(), [LOG]: log });
      assert.deepEqual(findings(result), [
        {
          rule: 'requirement/drift',
          severity: 'error',
          message: 'completed_on (row 3) is "pending", not a date; policy p › access-review needs dated evidence (YYYY-MM-DD)',
          file: LOG,
          range: '3:1-3:8',
          requirement: 'access-review',
        },
      ]);
    });

    it('places findings right in a CRLF log with quoted cells spanning lines and a BOM', () => {
      const log = '\uFEFFcompleted_on,system,notes\r\n2025-12-01,production,"ok, signed"\r\n2026-02-15,production,"two\r\nlines"\r\n"2026-11-14",production,\r\n';
      const result = lintFiles({ 'p.md': accessReview(), [LOG]: log });
      assert.deepEqual(findings(result), [
        {
          rule: 'evidence/gap',
          severity: 'error',
          message: 'evidence gap: 272 days without evidence between 2026-02-15 and 2026-11-14; policy p › access-review is due quarterly (every 3 months), so the next was due 2026-05-15',
          file: LOG,
          range: '5:1-5:13',
          requirement: 'access-review',
        },
      ]);
      assert.equal(covered(result, single(result, 'evidence/gap')), '"2026-11-14"');
      assert.deepEqual(relatedOf(result, single(result, 'evidence/gap')), [{ file: LOG, range: '3:1-3:11', message: 'evidence before the gap: 2026-02-15' }]);
    });

    it('an empty log or a header-only log: stale ("no dated evidence") and selector/no-match, no crash', () => {
      for (const log of ['', 'completed_on,system\n']) {
        const result = lintFiles({ 'p.md': accessReview(), [LOG]: log });
        assert.deepEqual(findings(result), [
          {
            rule: 'evidence/stale',
            severity: 'error',
            message: `there is no dated evidence of policy p › access-review in ${LOG} where system = "production"; it is due quarterly (every 3 months)`,
            file: 'p.md',
            range: '15:11-15:23',
            requirement: 'access-review',
          },
          { rule: 'selector/no-match', severity: 'error', message: `completed_on selects nothing in ${LOG}`, file: 'p.md', range: '15:11-15:23', requirement: 'access-review' },
        ], JSON.stringify(log));
      }
    });

    it('an unknown column is selector/invalid on `at`, listing the columns', () => {
      const result = lintFiles({ 'p.md': accessReview('completed'), [LOG]: GAP_LOG });
      assert.deepEqual(findings(result), [
        {
          rule: 'selector/invalid',
          severity: 'error',
          message: `no column "completed" in ${LOG} (columns: completed_on, system, reviewer)`,
          file: 'p.md',
          range: '15:11-15:20',
          requirement: 'access-review',
        },
      ]);
      assert.deepEqual(statuses(result), { 'p › access-review': 'unknown' });
    });

    it('a syntax error is source/unreadable at the unclosed quote, related to the policy\'s file value', () => {
      const log = csv('completed_on,system', '2026-09-01,production', '"2026-10-01,production', '2026-11-01,production');
      const result = lintFiles({ 'p.md': accessReview(), [LOG]: log });
      assert.deepEqual(findings(result), [
        {
          rule: 'source/unreadable',
          severity: 'error',
          message: `${LOG} cannot be parsed: CSV syntax error: a quoted cell is never closed (a quote inside a quoted cell is written twice: "")`,
          file: LOG,
          range: '3:1-3:2',
          requirement: 'access-review',
        },
      ]);
      assert.deepEqual(relatedOf(result, single(result, 'source/unreadable')), [{ file: 'p.md', range: '14:13-14:40', message: 'read by policy p › access-review' }]);
      assert.deepEqual(statuses(result), { 'p › access-review': 'unknown' });
    });
  });

  describe('requirements over CSV columns', () => {
    const ROSTER = csv(
      'name,github,status,start_date', // line 1
      'Alice Example,alice,active,2021-03-01', // line 2
      'Bob Example,bob,terminated,2020-01-01', // line 3
      '"Carol, Jr.",Carol,active,2022-06-01', // line 4
      'Dan Example,dan,on leave', //           line 5: ragged (no start_date)
    );
    const MEMBERS = '{\n  "members": [\n    { "login": "alice" },\n    { "login": "bob" },\n    { "login": "carol" },\n    { "login": "mallory" }\n  ]\n}\n';

    it('subsetOf: GitHub org members ⊆ active rows of the HR roster; findings on the offending logins', () => {
      const p = policy(
        'p',
        requirement('github-members-employed', '{subsetOf: {file: hr/roster.csv, at: github, where: {status: active}}}', [['github/org-members.json', '$.members[*].login']], 'Everyone in the GitHub org is an active employee.'),
      );
      const result = lintFiles({ 'p.md': p, 'hr/roster.csv': ROSTER, 'github/org-members.json': MEMBERS });
      const expected = (login: string, line: number): PlainFinding => ({
        rule: 'requirement/drift',
        severity: 'error',
        message: `login is "${login}", which is not in hr/roster.csv › github where status = "active"; policy p › github-members-employed expects every value to appear there`,
        file: 'github/org-members.json',
        range: `${line}:16-${line}:${18 + login.length}`,
        requirement: 'github-members-employed',
      });
      // bob is terminated; carol matches Carol (logins compare case-insensitively); mallory is unknown.
      assert.deepEqual(findings(result), [expected('bob', 4), expected('mallory', 6)]);
      assert.deepEqual(statuses(result), { 'p › github-members-employed': 'drift' });
    });

    it('requirement/drift on a CSV cell names its column and row', () => {
      const p = policy('p', requirement('started', '">= 2021-01-01"', [['hr/roster.csv', 'start_date']]));
      const result = lintFiles({ 'p.md': p, 'hr/roster.csv': ROSTER });
      assert.deepEqual(findings(result), [
        {
          rule: 'requirement/drift',
          severity: 'error',
          message: 'start_date (row 3) is "2020-01-01"; policy p › started expects >= 2021-01-01',
          file: 'hr/roster.csv',
          range: '3:28-3:38',
          requirement: 'started',
        },
      ]);
    });

    it('noneMatch over an access export: one finding per shared or privileged account, on its cell', () => {
      const EXPORT = csv(
        'account,role,last_login', //            line 1
        'alice@acme.com,admin,2026-11-01', //    line 2
        'admin@acme.com,admin,2026-10-01', //    line 3
        'shared@acme.com,viewer,2026-09-01', //  line 4
        '"root@acme.com",owner,2026-01-01', //   line 5
        'bob@acme.com,viewer,2026-11-20', //     line 6
      );
      const p = policy('p', requirement('no-shared-accounts', '{noneMatch: "^(admin|shared|root)@"}', [['access/export.csv', 'account']], 'No shared or root accounts have access.'));
      const result = lintFiles({ 'p.md': p, 'access/export.csv': EXPORT });
      const drift = (account: string, row: number, range: string): PlainFinding => ({
        rule: 'requirement/drift',
        severity: 'error',
        message: `account (row ${row}) is "${account}", which matches /^(admin|shared|root)@/; policy p › no-shared-accounts expects no value to match`,
        file: 'access/export.csv',
        range,
        requirement: 'no-shared-accounts',
      });
      assert.deepEqual(findings(result), [drift('admin@acme.com', 3, '3:1-3:15'), drift('shared@acme.com', 4, '4:1-4:16'), drift('root@acme.com', 5, '5:1-5:16')]);
      assert.deepEqual(
        result.findings.map((f) => covered(result, f)),
        ['admin@acme.com', 'shared@acme.com', '"root@acme.com"'],
      );
    });

    it('where on an `in` source keeps only matching rows; a typed where (yes = true) matches', () => {
      const EXPORT = csv('account,mfa,system', 'alice,yes,production', 'bob,no,production', 'carol,no,staging');
      const p = policy(
        'p',
        'requirements:\n  mfa:\n    expect: true\n    in:\n      - file: access/export.csv\n        at: mfa\n        where: {system: production}\n',
      );
      const result = lintFiles({ 'p.md': p, 'access/export.csv': EXPORT });
      assert.deepEqual(findings(result), [
        { rule: 'requirement/drift', severity: 'error', message: 'mfa (row 3) is false; policy p › mfa expects true', file: 'access/export.csv', range: '3:5-3:7', requirement: 'mfa' },
      ]);
      const q = policy(
        'q',
        'requirements:\n  mfa-accounts:\n    expect: {noneMatch: "^bob$"}\n    in:\n      - file: access/export.csv\n        at: account\n        where: {mfa: true}\n',
      );
      assert.deepEqual(findings(lintFiles({ 'q.md': q, 'access/export.csv': EXPORT })), []);
    });

    // A policy's `yes`/`no`/`on`/`off` are strings in YAML 1.2; they still equal the booleans of CSV cells.
    it('a policy writing yes/no (YAML strings) matches yes/no cells, in expect and in where', () => {
      const EXPORT = csv('account,mfa', 'alice,yes', 'bob,no');
      const p = policy('p', 'requirements:\n  mfa:\n    expect: yes\n    in:\n      - file: a.csv\n        at: mfa\n        where: {account: alice}\n');
      assert.deepEqual(findings(lintFiles({ 'p.md': p, 'a.csv': EXPORT })), []);
      const q = policy('q', 'requirements:\n  mfa:\n    expect: {noneMatch: "^alice$"}\n    in:\n      - file: a.csv\n        at: account\n        where: {mfa: no}\n');
      assert.deepEqual(findings(lintFiles({ 'q.md': q, 'a.csv': EXPORT })), []);
    });

    it('count over a filtered column', () => {
      const p = policy('p', 'requirements:\n  active:\n    expect: {count: ">= 3"}\n    in:\n      - file: hr/roster.csv\n        at: github\n        where: {status: active}\n');
      const result = lintFiles({ 'p.md': p, 'hr/roster.csv': ROSTER });
      assert.deepEqual(findings(result).map((f) => [f.rule, f.message]), [['requirement/drift', 'github selects 2 values in hr/roster.csv; policy p › active expects count >= 3']]);
    });
  });
});
