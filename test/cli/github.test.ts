// --format github: every line must be a workflow command the Actions runner parses, with its
// documented escaping, and decode back to the finding it came from.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/format/github';
import type { Finding, LintResult } from '../../server/src/engine/types';
import { BIN, policy, run, runBin, tempDir, writeFiles } from './support';

/**
 * `::command key=value,...::message`. Property values may not hold a raw `,` `:` CR or LF, the
 * message no raw CR or LF, and a `%` anywhere only as the start of one of the runner's escapes.
 */
const PROPERTY = String.raw`(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)*`;
const DATA = String.raw`(?:[^%\r\n]|%25|%0D|%0A)*`;
const LINE = new RegExp(
  String.raw`^::(error|warning|notice) file=(${PROPERTY}),line=(\d+)(?:,col=(\d+))?,endLine=(\d+)(?:,endColumn=(\d+))?,title=tenet ([a-z-]+\/[a-z-]+)::(${DATA})$`,
);

interface Annotation {
  command: string;
  file: string;
  line: number;
  col?: number;
  endLine: number;
  endColumn?: number;
  rule: string;
  message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/** Checks every line against the syntax and decodes it. */
function parse(output: string): Annotation[] {
  if (output === '') return [];
  assert.ok(output.endsWith('\n'));
  return output
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = LINE.exec(line);
      assert.ok(m, `not a workflow command: ${JSON.stringify(line)}`);
      // Columns go together, and only on a one-line annotation.
      assert.equal(m[4] === undefined, m[6] === undefined, line);
      if (m[4] !== undefined) assert.equal(m[3], m[5], line);
      return {
        command: m[1],
        file: unescapeProperty(m[2]),
        line: Number(m[3]),
        ...(m[4] === undefined ? {} : { col: Number(m[4]) }),
        endLine: Number(m[5]),
        ...(m[6] === undefined ? {} : { endColumn: Number(m[6]) }),
        rule: m[7],
        message: unescapeData(m[8]),
      };
    });
}

const TEXT = 'first line\nsecond 😀 line\nthird\n';
const FILE = 'odd, name: 100%.md';

const f = (over: Partial<Finding>): Finding => ({ rule: 'owner/missing', severity: 'error', message: 'm', file: FILE, span: { start: 0, end: 5 }, ...over });

function result(findings: Finding[]): LintResult {
  return { root: '/ws', today: '2026-11-22', policies: [], requirements: [], findings, texts: new Map([[FILE, TEXT]]) };
}

describe('cli/format github', () => {
  it('escapes data and properties as the runner documents', () => {
    assert.equal(escapeData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext%3A a%2Cb');
    // % first: an escape is never escaped again.
    assert.equal(escapeData('%0A'), '%250A');
  });

  it('prints one command per finding, mapping severities', () => {
    const start = TEXT.indexOf('😀');
    const output = formatGithub(
      result([
        f({ severity: 'error', message: 'no owner' }),
        f({ rule: 'requirement/statement-mismatch', severity: 'warning', message: 'says 3', span: { start, end: start + 2 } }),
        f({ rule: 'control/unverified', severity: 'info', message: 'CC6.1 is claimed', span: { start: 3, end: TEXT.indexOf('third') + 2 } }),
      ]),
      { version: '1.0.0', color: false, cwd: '/ws' },
    );
    assert.equal(
      output,
      [
        '::error file=odd%2C name%3A 100%25.md,line=1,col=1,endLine=1,endColumn=6,title=tenet owner/missing::no owner',
        // UTF-16 columns: the emoji is two code units.
        '::warning file=odd%2C name%3A 100%25.md,line=2,col=8,endLine=2,endColumn=10,title=tenet requirement/statement-mismatch::says 3',
        // Across lines the runner takes no columns.
        '::notice file=odd%2C name%3A 100%25.md,line=1,endLine=3,title=tenet control/unverified::CC6.1 is claimed',
        '',
      ].join('\n'),
    );
    assert.deepEqual(parse(output).map((a) => [a.command, a.file]), [
      ['error', FILE],
      ['warning', FILE],
      ['notice', FILE],
    ]);
  });

  it('keeps a hostile message on one line and decodes back to it', () => {
    const message = 'value "a::b", 100%\r\nthen %0A and ::error file=x::injected';
    const [annotation] = parse(formatGithub(result([f({ message })]), { version: '1.0.0', color: false, cwd: '/ws' }));
    assert.equal(annotation.message, message);
    assert.equal(annotation.file, FILE);
  });

  it('names files relative to the current directory', () => {
    const at = (cwd: string) => parse(formatGithub(result([f({})]), { version: '1.0.0', color: false, cwd }))[0].file;
    assert.equal(at('/ws'), FILE);
    assert.equal(at('/'), `ws/${FILE}`);
    assert.equal(at('/elsewhere'), `/ws/${FILE}`);
  });

  it('prints nothing for a clean run', () => {
    assert.equal(formatGithub(result([]), { version: '1.0.0', color: false, cwd: '/ws' }), '');
  });

  describe('through main()', () => {
    let tmp: string;
    before(() => {
      tmp = tempDir('tenet-github-');
      writeFiles(tmp, {
        'repo/tenet.yaml': 'today: 2026-11-22\n',
        'repo/policies/alpha.md': policy('alpha', { file: 'conf/a.json', at: '$.min', expect: '>= 12', owner: false }),
        'repo/conf/a.json': '{\n  "min": 8\n}\n',
      });
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('annotates from the repository root and from above it', async () => {
      const fromRoot = await run(['lint', '--format', 'github'], { cwd: `${tmp}/repo` });
      assert.equal(fromRoot.code, 1);
      assert.equal(fromRoot.stderr, '');
      assert.equal(
        fromRoot.stdout,
        [
          '::error file=conf/a.json,line=2,col=10,endLine=2,endColumn=11,title=tenet requirement/drift::min is 8; policy alpha › req expects >= 12',
          '::error file=policies/alpha.md,line=2,col=1,endLine=2,endColumn=7,title=tenet owner/missing::policy alpha has no owner: name the accountable person or team (owner: "@org/team")',
          '',
        ].join('\n'),
      );
      const fromAbove = parse((await run(['lint', 'repo', '--format', 'github'], { cwd: tmp })).stdout);
      assert.deepEqual(fromAbove.map((a) => a.file), ['repo/conf/a.json', 'repo/policies/alpha.md']);
    });
  });

  describe('built binary', () => {
    before(function () {
      if (!fs.existsSync(BIN)) this.skip();
    });

    it('annotates every finding of samples/soc2, repository-relative', function () {
      this.timeout(20_000);
      const github = runBin(['lint', 'samples/soc2', '--format', 'github']);
      assert.equal(github.code, 1, github.stderr);
      const annotations = parse(github.stdout);
      const json = JSON.parse(runBin(['lint', 'samples/soc2', '--format', 'json']).stdout);
      const command = { error: 'error', warning: 'warning', info: 'notice' } as Record<string, string>;
      assert.deepEqual(
        annotations.map((a) => [a.command, a.file, a.line, a.col, a.endLine, a.endColumn, a.rule, a.message]),
        json.findings.map((x: any) => {
          const oneLine = x.range.start.line === x.range.end.line;
          return [command[x.severity], `samples/soc2/${x.file}`, x.range.start.line, oneLine ? x.range.start.column : undefined, x.range.end.line, oneLine ? x.range.end.column : undefined, x.rule, x.message];
        }),
      );
      assert.ok(
        github.stdout.includes(
          '::error file=samples/soc2/github/branch-protection.json,line=26,col=40,endLine=26,endColumn=41,title=tenet requirement/drift::required_approving_review_count is 1; policy change-management › two-approvals expects >= 2\n',
        ),
      );
    });
  });
});
