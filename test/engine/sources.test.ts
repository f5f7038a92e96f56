// Source problems through the engine: each bad source yields exactly its own finding, and a second,
// healthy policy in the same workspace is still checked (its drift is reported too).
//
// Layout of policy p (1-based lines):
//   10 `  r:`                       requirement key
//   12 `    expect: ">= 12"`
//   14 `      - file: <file>`       the file value starts at 14:15
//   15 `        at: <at>`           the at value starts at 15:13

import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine/lint';
import { supportedFormats } from '../../server/src/engine/sources/formats';
import type { LintResult } from '../../server/src/engine/types';
import { covered, findings, lintFiles, policy, rangeOf, type PlainFinding } from '../helpers/workspace';

/** `at` is written as given: quote it in the argument when it needs quotes. */
function problemPolicy(file: string, at: string, extra = ''): string {
  return policy('p', `requirements:\n  r:\n    says: Passwords have at least 12 characters.\n    expect: ">= 12"\n    in:\n      - file: ${file}\n        at: ${at}\n${extra}`);
}

const HEALTHY = {
  'policies/q.md': policy('q', 'requirements:\n  s:\n    says: Logging is on.\n    expect: true\n    in:\n      - file: ok.json\n        at: $.enabled\n'),
  'ok.json': '{"enabled": false}',
};

const HEALTHY_DRIFT: PlainFinding = {
  rule: 'requirement/drift',
  severity: 'error',
  message: 'enabled is false; policy q › s expects true',
  file: 'ok.json',
  range: '1:13-1:18',
  requirement: 's',
};

function lintProblem(file: string, at: string, files: Record<string, string | Uint8Array> = {}, extra = ''): LintResult {
  return lintFiles({ 'policies/p.md': problemPolicy(file, at, extra), ...HEALTHY, ...files });
}

function statuses(result: LintResult): Record<string, string> {
  return Object.fromEntries(result.requirements.map((r) => [`${r.policy}/${r.requirement}`, r.status]));
}

/** Exactly the problem's finding plus the healthy policy's drift; p/r is unknown, q/s is drift. */
function assertOnly(result: LintResult, problem: PlainFinding): void {
  const expected = [problem, HEALTHY_DRIFT].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  assert.deepEqual(findings(result), expected);
  assert.deepEqual(statuses(result), { 'p/r': 'unknown', 'q/s': 'drift' });
}

function inPolicy(rule: string, message: string, range: string): PlainFinding {
  return { rule, severity: 'error', message, file: 'policies/p.md', range, requirement: 'r' };
}

function related(result: LintResult, index = 0): string[] {
  return (result.findings[index].related ?? []).map((r) => `${r.file} ${rangeOf(result, r.file, r.span)} ${r.message}`);
}

function findingOf(result: LintResult, rule: string) {
  const f = result.findings.find((x) => x.rule === rule);
  assert.ok(f, `a ${rule} finding`);
  return f;
}

describe('source problems through the engine', () => {
  it('the healthy policy alone reports only its own drift', () => {
    const result = lintFiles({ ...HEALTHY });
    assert.deepEqual(findings(result), [HEALTHY_DRIFT]);
    assert.deepEqual(statuses(result), { 'q/s': 'drift' });
  });

  describe('source/missing', () => {
    it('is reported at the policy\'s file value', () => {
      const result = lintProblem('nope.json', '$.v');
      assertOnly(result, inPolicy('source/missing', 'nope.json does not exist', '14:15-14:24'));
      assert.equal(covered(result, findingOf(result, 'source/missing')), 'nope.json');
    });

    it('names the normalized path', () => {
      assertOnly(lintProblem('./conf//nope.json', '$.v'), inPolicy('source/missing', 'conf/nope.json does not exist', '14:15-14:32'));
    });
  });

  describe('source/unreadable: parse errors are reported in the source, with a related location in the policy', () => {
    it('unparsable JSON, at the syntax error', () => {
      const result = lintProblem('c.json', '$.v', { 'c.json': '{\n  "v": 12,\n  "w": ]\n}\n' });
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.json cannot be parsed: JSON syntax error: value expected', file: 'c.json', range: '3:8-3:9', requirement: 'r' });
      const f = findingOf(result, 'source/unreadable');
      assert.equal(covered(result, f), ']');
      assert.deepEqual(related(result, result.findings.indexOf(f)), ['policies/p.md 14:15-14:21 read by policy p › r']);
    });

    it('JSON with a missing comma', () => {
      const result = lintProblem('c.json', '$.v', { 'c.json': '{"v": 12 "w": 1}' });
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.json cannot be parsed: JSON syntax error: comma expected', file: 'c.json', range: '1:10-1:13', requirement: 'r' });
    });

    it('unparsable YAML, at the offending token', () => {
      const result = lintProblem('c.yaml', '$.v', { 'c.yaml': 'v: 12\nw: [1, 2\nx: 3\n' });
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.yaml cannot be parsed: Flow sequence in block collection must be sufficiently indented and end with a ]', file: 'c.yaml', range: '3:1-3:2', requirement: 'r' });
      const f = findingOf(result, 'source/unreadable');
      assert.deepEqual(related(result, result.findings.indexOf(f)), ['policies/p.md 14:15-14:21 read by policy p › r']);
    });

    it('YAML with a duplicate key, on the whole repeated key', () => {
      const result = lintProblem('c.yaml', '$.v', { 'c.yaml': 'v: 12\nother: 1\nother: 2\n' });
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.yaml cannot be parsed: Map keys must be unique', file: 'c.yaml', range: '3:1-3:6', requirement: 'r' });
    });

    it('a syntax error in the second document of a YAML stream', () => {
      const result = lintProblem('k.yaml', '$[0].v', { 'k.yaml': 'v: 12\n---\nw: [\n' });
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'k.yaml cannot be parsed: Flow sequence in block collection must be sufficiently indented and end with a ]', file: 'k.yaml', range: '4:1-4:1', requirement: 'r' });
    });

    it('JSON nested 10,000 deep is refused at the bracket that crosses the limit', () => {
      const deep = `{"v": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
      const started = Date.now();
      const result = lintProblem('c.json', '$.v', { 'c.json': deep });
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      // `{` is level 1, so the 200th `[` (offset 205) is level 201.
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.json cannot be parsed: the document is nested more than 200 levels deep', file: 'c.json', range: '1:206-1:207', requirement: 'r' });
    });

    it('a YAML alias bomb is refused with the limit message, at the alias that crosses it', () => {
      const bomb = [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
        'v: 12',
        '',
      ].join('\n');
      const started = Date.now();
      const result = lintProblem('c.yaml', '$.v', { 'c.yaml': bomb });
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      // Each *a expands to 11 nodes, *b to 111, *c to 1,111: line b uses 110, line c 1,110, and the
      // eighth *c of line d takes the total past 10,000.
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.yaml cannot be parsed: aliases expand to more than 10000 nodes', file: 'c.yaml', range: '4:36-4:38', requirement: 'r' });
      assert.equal(covered(result, findingOf(result, 'source/unreadable')), '*c');
    });
  });

  describe('source/unreadable: files that cannot be read are reported at the policy\'s file value', () => {
    it('a directory (other files live under the path)', () => {
      assertOnly(lintProblem('conf', '$.v', { 'conf/a.json': '{}' }), inPolicy('source/unreadable', 'conf is a directory, not a file', '14:15-14:19'));
    });

    it('a binary file (NUL bytes)', () => {
      const bytes = new Uint8Array([0x7b, 0x22, 0x76, 0x22, 0x3a, 0x00, 0x00, 0x7d]);
      assertOnly(lintProblem('c.json', '$.v', { 'c.json': bytes }), inPolicy('source/unreadable', 'c.json: the file is binary (it contains NUL bytes)', '14:15-14:21'));
    });

    it('a file that is not valid UTF-8', () => {
      const bytes = new Uint8Array([0x7b, 0x22, 0x76, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
      assertOnly(lintProblem('c.json', '$.v', { 'c.json': bytes }), inPolicy('source/unreadable', 'c.json: the file is not valid UTF-8', '14:15-14:21'));
    });

    it('a 20 MB file is refused with the size message, quickly', () => {
      const huge = new Uint8Array(20 * 1024 * 1024).fill(0x20);
      const started = Date.now();
      const result = lintProblem('c.json', '$.v', { 'c.json': huge });
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      assertOnly(result, inPolicy('source/unreadable', 'c.json: the file is 20.0 MB, over the 10.0 MB limit', '14:15-14:21'));
    });

    it('an unsupported extension (.xml)', () => {
      assert.ok(supportedFormats().startsWith('json, yaml'), supportedFormats());
      assertOnly(lintProblem('c.xml', '$.v', { 'c.xml': '<v>12</v>' }), inPolicy('source/unreadable', `c.xml: Tenet cannot read this kind of file (it reads ${supportedFormats()})`, '14:15-14:20'));
    });
  });

  describe('source/outside-workspace', () => {
    const cases: [string, string, string][] = [
      ['../secret.json', '"../secret.json" leaves the workspace: Tenet reads only files inside the workspace', '14:15-14:29'],
      ['a/../../secret.json', '"a/../../secret.json" leaves the workspace: Tenet reads only files inside the workspace', '14:15-14:34'],
      ['/etc/passwd.json', '"/etc/passwd.json" is an absolute path: Tenet reads only files inside the workspace', '14:15-14:31'],
      ['"C:\\\\x.json"', '"C:\\x.json" is an absolute path: Tenet reads only files inside the workspace', '14:15-14:27'],
      ['"\\\\\\\\server\\\\share\\\\x.json"', '"\\\\server\\share\\x.json" is an absolute path: Tenet reads only files inside the workspace', '14:15-14:42'],
      ['file:///etc/x.json', '"file:///etc/x.json" is an absolute path: Tenet reads only files inside the workspace', '14:15-14:33'],
    ];
    for (const [written, message, range] of cases) {
      it(`refuses ${written} without reading it`, () => {
        // A file that would match, were the path resolved naively, must not be read.
        assertOnly(lintProblem(written, '$.v', { 'secret.json': '{"v": 1}', 'x.json': '{"v": 1}' }), inPolicy('source/outside-workspace', message, range));
      });
    }

    it('a/../c.json stays inside and is read', () => {
      const result = lintProblem('a/../c.json', '$.v', { 'c.json': '{"v": 12}' });
      assert.deepEqual(findings(result), [HEALTHY_DRIFT]);
      assert.deepEqual(statuses(result), { 'p/r': 'verified', 'q/s': 'drift' });
    });
  });

  describe('selector/invalid', () => {
    it('is narrowed to the offending token inside a quoted at (to the end of the query)', () => {
      const result = lintProblem('c.json', '"$.a[?@.b === 1].c"', { 'c.json': '{"v": 12}' });
      assertOnly(result, inPolicy('selector/invalid', 'invalid JSONPath "$.a[?@.b === 1].c": unexpected filter selector token \'=\'', '15:25-15:31'));
      assert.equal(covered(result, findingOf(result, 'selector/invalid')), '= 1].c');
    });

    it('is narrowed inside an unquoted at', () => {
      const result = lintProblem('c.json', '$.a b', { 'c.json': '{"v": 12}' });
      assertOnly(result, inPolicy('selector/invalid', 'invalid JSONPath "$.a b": expected \'.\', \'..\' or a bracketed selection, found \'b\'', '15:17-15:18'));
      assert.equal(covered(result, findingOf(result, 'selector/invalid')), 'b');
    });

    it('an unclosed bracket is reported on the last character', () => {
      const result = lintProblem('c.json', '"$.a.b[0"', { 'c.json': '{"v": 12}' });
      assertOnly(result, inPolicy('selector/invalid', 'invalid JSONPath "$.a.b[0": unclosed bracketed selection', '15:20-15:21'));
    });

    it('a leading zero in an index', () => {
      const result = lintProblem('c.json', '"$.a[01]"', { 'c.json': '{"v": 12}' });
      assertOnly(result, inPolicy('selector/invalid', 'invalid JSONPath "$.a[01]": leading zero in index selector', '15:18-15:21'));
      assert.equal(covered(result, findingOf(result, 'selector/invalid')), '01]');
    });

    it('a query that does not start with $ is reported on the whole at', () => {
      assertOnly(lintProblem('c.json', 'settings.minLength', { 'c.json': '{"v": 12}' }), inPolicy('selector/invalid', '"settings.minLength" is not a JSONPath query: it must start with "$"', '15:13-15:31'));
    });

    it('is not reported for a file that cannot be parsed: the parse error alone is', () => {
      const result = lintProblem('c.json', '"$.a b"', { 'c.json': '{' });
      assertOnly(result, { rule: 'source/unreadable', severity: 'error', message: 'c.json cannot be parsed: JSON syntax error: closing brace expected', file: 'c.json', range: '1:2-1:2', requirement: 'r' });
    });
  });

  describe('selector/no-match', () => {
    it('a selector that selects nothing is reported at at', () => {
      assertOnly(lintProblem('c.json', '$.nope', { 'c.json': '{"v": 12}' }), inPolicy('selector/no-match', '$.nope selects nothing in c.json', '15:13-15:19'));
    });

    it('an empty YAML file selects nothing', () => {
      assertOnly(lintProblem('c.yaml', '$.v', { 'c.yaml': '# nothing here\n' }), inPolicy('selector/no-match', '$.v selects nothing in c.yaml', '15:13-15:16'));
    });

    it('a where that filters everything out', () => {
      assertOnly(
        lintProblem('c.json', '$.v[*].n', { 'c.json': '{"v": [{"n": 12, "env": "dev"}, {"n": 14, "env": "test"}]}' }, '        where: {env: prod}\n'),
        inPolicy('selector/no-match', '$.v[*].n selects 2 values in c.json, none where env = "prod"', '15:13-15:21'),
      );
    });

    it('a where on two fields names both', () => {
      assertOnly(
        lintProblem('c.json', '$.v[*].n', { 'c.json': '{"v": [{"n": 12, "env": "prod", "on": false}]}' }, '        where: {env: prod, on: true}\n'),
        inPolicy('selector/no-match', '$.v[*].n selects 1 value in c.json, none where env = "prod" and on = true', '15:13-15:21'),
      );
    });
  });

  it('two policies reading one file each get their own finding, and the file is read once for checks', () => {
    let reads = 0;
    const files = new Map<string, string>(Object.entries({
      'policies/p.md': problemPolicy('c.json', '$.v'),
      'policies/p2.md': policy('p2', 'requirements:\n  r2:\n    says: Passwords have at least 12 characters.\n    expect: ">= 12"\n    in:\n      - file: c.json\n        at: $.v\n'),
      'c.json': '{"v": 8}',
    }));
    const fs = {
      read(rel: string) {
        if (rel === 'c.json') reads++;
        const text = files.get(rel);
        return text === undefined ? { ok: false as const, problem: 'missing' as const, message: `${rel} does not exist` } : { ok: true as const, text };
      },
      list: () => [...files.keys()].sort(),
    };
    const result = lint({ fs, root: '/ws', today: '2026-11-22' });
    assert.deepEqual(findings(result).map((f) => `${f.rule} ${f.file} ${f.range} ${f.requirement}`), [
      'requirement/drift c.json 1:7-1:8 r',
      'requirement/drift c.json 1:7-1:8 r2',
    ]);
    // Once to load the source, once more for the finding positions.
    assert.ok(reads <= 2, `c.json read ${reads} times`);
  });
});
