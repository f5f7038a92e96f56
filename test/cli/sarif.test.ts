// --format sarif: every log is validated against the SARIF 2.1.0 JSON schema published by
// Microsoft's SARIF SDK (@microsoft/jest-sarif ships it), plus exact expectations on what GitHub
// code scanning reads: rules, levels, cwd-relative URIs, 1-based regions, fingerprints.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { firstParagraph } from '../../server/src/cli/docs';
import { SARIF_SCHEMA, formatSarif, pascalCase, toSarif, type SarifLog } from '../../server/src/cli/format/sarif';
import { fingerprint } from '../../server/src/engine/fingerprint';
import { RULES } from '../../server/src/engine/rules/registry';
import type { Finding, LintResult } from '../../server/src/engine/types';
import { BIN, policy, run, runBin, tempDir, writeFiles, REPO } from './support';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
// The schema is draft-04. Its toolComponent.language pattern has a stray `]` that only a
// non-Unicode RegExp accepts (as JSON Schema's ECMA 262 dialect does), hence unicodeRegExp: false.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

function assertValidSarif(log: unknown): void {
  const ok = validateSchema(log);
  assert.ok(ok, `not valid SARIF 2.1.0: ${ajv.errorsText(validateSchema.errors, { separator: '\n' })}`);
  // The OASIS errata schema also requires a region to say where it starts; ours always give a line.
  for (const result of (log as SarifLog).runs[0].results) {
    for (const l of [...result.locations, ...(result.relatedLocations ?? [])]) assert.ok(l.physicalLocation.region.startLine >= 1);
  }
}

const ROOT = path.resolve('/ws');

const POLICY = ['---', 'policy: password-authentication', 'requirements:', '  password-min-length:', '    expect: ">= 14"', '---', ''].join('\n');
const IAM = ['resource "aws_iam_account_password_policy" "strict" {', '  minimum_password_length = 8', '}', ''].join('\r\n');
const NOTE = '😀 owner\nline two\n';
const NOTE_FILE = 'notes/a b#1%.md';

function at(text: string, needle: string, nth = 1) {
  let start = -1;
  for (let i = 0; i < nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
}

const drift: Finding = {
  rule: 'requirement/drift',
  severity: 'error',
  message: 'minimum_password_length is 8; policy password-authentication › password-min-length expects >= 14',
  file: 'infra/aws/iam.tf',
  span: at(IAM, '8'),
  policy: 'password-authentication',
  requirement: 'password-min-length',
  expected: '>= 14',
  actual: 8,
  related: [{ file: 'policies/password.md', span: at(POLICY, 'password-min-length'), message: 'requirement stated here' }],
};
const ownerNote: Finding = { rule: 'owner/missing', severity: 'info', message: 'no owner', file: NOTE_FILE, span: at(NOTE, 'owner') };
const multiLine: Finding = { rule: 'owner/missing', severity: 'warning', message: 'no owner', file: NOTE_FILE, span: { start: 0, end: NOTE.indexOf('two') } };
const unknownRule: Finding = { rule: 'x/not-registered', severity: 'warning', message: 'made up', file: 'policies/password.md', span: { start: 0, end: 3 } };

function result(findings: Finding[]): LintResult {
  return {
    root: ROOT,
    today: '2026-11-22',
    policies: [{ id: 'password-authentication', file: 'policies/password.md', controls: [] }],
    requirements: [],
    findings,
    texts: new Map([
      ['policies/password.md', POLICY],
      ['infra/aws/iam.tf', IAM],
      [NOTE_FILE, NOTE],
    ]),
  };
}

describe('cli/format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, which rejects what it should', () => {
    assert.match(schema.title, /^Static Analysis Results Format \(SARIF\) Version 2\.1\.0/);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
    const log = toSarif(result([drift]), { version: '1.2.3', color: false, cwd: ROOT });
    assertValidSarif(log);
    // The validator is not a rubber stamp: a wrong level, a 0 line and a missing message all fail.
    const broken = (mutate: (l: any) => void) => {
      const copy = JSON.parse(JSON.stringify(log));
      mutate(copy);
      return validateSchema(copy);
    };
    assert.equal(broken((l) => (l.runs[0].results[0].level = 'info')), false);
    assert.equal(broken((l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)), false);
    assert.equal(broken((l) => delete l.runs[0].results[0].message), false);
    assert.equal(broken((l) => (l.version = '2.0.0')), false);
  });

  it('describes the tool and every rule of the registry', () => {
    const log = toSarif(result([]), { version: '1.2.3', color: false, cwd: ROOT });
    assertValidSarif(log);
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.deepEqual(
      { name: driver.name, version: driver.version, semanticVersion: driver.semanticVersion },
      { name: 'tenet', version: '1.2.3', semanticVersion: '1.2.3' },
    );
    assert.equal('informationUri' in driver, false);
    assert.deepEqual(driver.rules.map((r) => r.id), RULES.map((r) => r.id));
    const level = { error: 'error', warning: 'warning', info: 'note' } as const;
    for (const [i, rule] of RULES.entries()) {
      assert.deepEqual(driver.rules[i], {
        id: rule.id,
        name: pascalCase(rule.id),
        shortDescription: { text: rule.description },
        fullDescription: { text: rule.description },
        help: { text: rule.description },
        defaultConfiguration: { level: level[rule.severity] },
        properties: { tags: ['compliance', rule.id.split('/')[0]] },
      });
    }
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(log.runs[0].results, []);
  });

  it('names rules in PascalCase', () => {
    assert.equal(pascalCase('requirement/drift'), 'RequirementDrift');
    assert.equal(pascalCase('front-matter/syntax'), 'FrontMatterSyntax');
    assert.equal(pascalCase('requirement/statement-mismatch'), 'RequirementStatementMismatch');
  });

  it('takes full descriptions and help from the rule pages when there are some', () => {
    const page = '# requirement/drift\n\nA selected value violates the\nrequirement\'s `expect`.  **Default severity:** error.\n\n## Why\n\nBecause.\n';
    const log = toSarif(result([]), { version: '1.0.0', color: false, cwd: ROOT, ruleDoc: (id) => (id === 'requirement/drift' ? page : undefined) });
    assertValidSarif(log);
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'requirement/drift');
    assert.deepEqual(rule?.fullDescription, {
      text: 'A selected value violates the requirement\'s expect. Default severity: error.',
      markdown: 'A selected value violates the requirement\'s `expect`. **Default severity:** error.',
    });
    assert.deepEqual(rule?.help, { text: page, markdown: page });
    const other = log.runs[0].tool.driver.rules.find((r) => r.id === 'owner/missing');
    assert.deepEqual(other?.help, { text: other?.shortDescription.text });
  });

  it('reports a finding with its rule, level, region, related location and fingerprint', () => {
    const log = toSarif(result([drift]), { version: '1.0.0', color: false, cwd: ROOT });
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results, [
      {
        ruleId: 'requirement/drift',
        ruleIndex: RULES.findIndex((r) => r.id === 'requirement/drift'),
        level: 'error',
        message: { text: 'minimum_password_length is 8; policy password-authentication › password-min-length expects >= 14' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'infra/aws/iam.tf' },
              // CRLF line ends: line 2; SARIF's endColumn is the column after the region.
              region: { startLine: 2, startColumn: 29, endLine: 2, endColumn: 30 },
            },
          },
        ],
        partialFingerprints: { 'tenet/v1': fingerprint(drift) },
        relatedLocations: [
          {
            id: 0,
            physicalLocation: { artifactLocation: { uri: 'policies/password.md' }, region: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 22 } },
            message: { text: 'requirement stated here' },
          },
        ],
        properties: { policy: 'password-authentication', requirement: 'password-min-length' },
      },
    ]);
  });

  it('maps levels, counts UTF-16 columns, percent-encodes URIs, spans lines', () => {
    const log = toSarif(result([ownerNote, multiLine, unknownRule]), { version: '1.0.0', color: false, cwd: ROOT });
    assertValidSarif(log);
    const [note, warning, unknown] = log.runs[0].results;
    assert.equal(note.level, 'note');
    assert.deepEqual(note.locations[0].physicalLocation, {
      artifactLocation: { uri: 'notes/a%20b%231%25.md' },
      // 😀 is two UTF-16 code units: "owner" starts at column 4.
      region: { startLine: 1, startColumn: 4, endLine: 1, endColumn: 9 },
    });
    assert.equal(warning.level, 'warning');
    assert.deepEqual(warning.locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 2, endColumn: 6 });
    assert.equal(unknown.ruleId, 'x/not-registered');
    assert.equal('ruleIndex' in unknown, false);
    assert.equal('relatedLocations' in note, false);
    assert.equal('properties' in note, false);
  });

  it('makes URIs relative to the current directory, absolute outside it', () => {
    const uri = (cwd: string) => toSarif(result([drift]), { version: '1.0.0', color: false, cwd }).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.equal(uri(ROOT), 'infra/aws/iam.tf');
    assert.equal(uri(path.dirname(ROOT)), `${path.basename(ROOT)}/infra/aws/iam.tf`);
    assert.equal(uri(path.join(ROOT, 'infra')), 'aws/iam.tf');
    assert.equal(uri(path.join(ROOT, 'policies')), 'file:///ws/infra/aws/iam.tf');
    const log = toSarif(result([drift]), { version: '1.0.0', color: false, cwd: path.join(ROOT, 'policies') });
    assertValidSarif(log);
    assert.equal(log.runs[0].results[0].relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'password.md');
  });

  it('fingerprints ignore lines, tell duplicates apart, and follow the CLI\'s when given', () => {
    const moved: Finding = { ...drift, span: { start: drift.span.start + 40, end: drift.span.end + 40 } };
    const fp = (findings: Finding[], context = {}) =>
      toSarif(result(findings), { version: '1.0.0', color: false, cwd: ROOT, ...context }).runs[0].results.map((r) => r.partialFingerprints['tenet/v1']);
    assert.deepEqual(fp([moved]), fp([drift]));
    assert.match(fp([drift])[0], /^[0-9a-f]{64}$/);
    const [first, second] = fp([ownerNote, { ...ownerNote, span: { start: 0, end: 1 } }]);
    assert.notEqual(first, second);
    assert.deepEqual([first, second], [fingerprint(ownerNote, 0), fingerprint(ownerNote, 1)]);
    assert.deepEqual(fp([drift], { fingerprints: new Map([[drift, 'f'.repeat(64)]]) }), ['f'.repeat(64)]);
  });

  it('prints the log as indented JSON', () => {
    const text = formatSarif(result([drift]), { version: '1.0.0', color: false, cwd: ROOT });
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(JSON.parse(text), toSarif(result([drift]), { version: '1.0.0', color: false, cwd: ROOT }));
  });

  describe('through main()', () => {
    let tmp: string;
    let ws: string;

    before(() => {
      tmp = tempDir('tenet-sarif-');
      ws = writeFiles(path.join(tmp, 'ws'), {
        'tenet.yaml': 'today: 2026-11-22\n',
        'policies/alpha.md': policy('alpha', { file: 'conf/a b.json', at: '$.min', expect: '>= 12' }),
        'conf/a b.json': '{\n  "min": 8\n}\n',
      });
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('writes valid SARIF with paths relative to where tenet runs', async () => {
      const fromRoot = await run(['lint', '--format', 'sarif'], { cwd: ws });
      assert.equal(fromRoot.code, 1);
      assert.equal(fromRoot.stderr, '');
      const log = JSON.parse(fromRoot.stdout) as SarifLog;
      assertValidSarif(log);
      assert.deepEqual(
        log.runs[0].results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
        [['requirement/drift', 'error', 'conf/a%20b.json', 2]],
      );
      assert.equal(log.runs[0].results[0].relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'policies/alpha.md');

      const fromAbove = JSON.parse((await run(['lint', 'ws', '--format', 'sarif'], { cwd: tmp })).stdout) as SarifLog;
      assertValidSarif(fromAbove);
      assert.equal(fromAbove.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'ws/conf/a%20b.json');
      // Same finding, same fingerprint, wherever tenet runs from.
      assert.deepEqual(fromAbove.runs[0].results[0].partialFingerprints, log.runs[0].results[0].partialFingerprints);
    });

    it('is valid for a clean run too, and for --quiet', async () => {
      const clean = await run(['lint', '--format', 'sarif', 'policies/alpha.md', '--quiet'], { cwd: ws });
      assertValidSarif(JSON.parse(clean.stdout));
      fs.writeFileSync(path.join(ws, 'conf/a b.json'), '{\n  "min": 12\n}\n');
      try {
        const ok = await run(['lint', '--format', 'sarif'], { cwd: ws });
        assert.equal(ok.code, 0);
        const log = JSON.parse(ok.stdout) as SarifLog;
        assertValidSarif(log);
        assert.deepEqual(log.runs[0].results, []);
      } finally {
        fs.writeFileSync(path.join(ws, 'conf/a b.json'), '{\n  "min": 8\n}\n');
      }
    });
  });

  describe('built binary', () => {
    before(function () {
      if (!fs.existsSync(BIN)) this.skip();
    });

    it('prints valid SARIF for samples/soc2 from the repository root', function () {
      this.timeout(20_000);
      const sarif = runBin(['lint', 'samples/soc2', '--format', 'sarif']);
      assert.equal(sarif.code, 1, sarif.stderr);
      const log = JSON.parse(sarif.stdout) as SarifLog;
      assertValidSarif(log);
      const json = JSON.parse(runBin(['lint', 'samples/soc2', '--format', 'json']).stdout);
      const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
      assert.equal(log.runs[0].tool.driver.version, version);
      // One result per finding, in the same order, at the same places, paths now repository-relative.
      assert.deepEqual(
        log.runs[0].results.map((r) => {
          const { physicalLocation: p } = r.locations[0];
          return [r.ruleId, p.artifactLocation.uri, p.region.startLine, p.region.startColumn, p.region.endLine, p.region.endColumn, r.message.text];
        }),
        json.findings.map((f: any) => [f.rule, `samples/soc2/${f.file}`, f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column, f.message]),
      );
      const drift = log.runs[0].results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'samples/soc2/github/branch-protection.json');
      assert.deepEqual(drift?.relatedLocations, [
        {
          id: 0,
          physicalLocation: { artifactLocation: { uri: 'samples/soc2/policies/change-management.md' }, region: { startLine: 13, startColumn: 3, endLine: 13, endColumn: 16 } },
          message: { text: 'requirement stated here' },
        },
      ]);
      for (const r of log.runs[0].results) assert.equal(log.runs[0].tool.driver.rules[r.ruleIndex ?? -1].id, r.ruleId);
      // The bundle reads the rule pages beside it: full descriptions are their first paragraphs.
      for (const rule of log.runs[0].tool.driver.rules) {
        const page = path.join(REPO, 'docs', 'rules', `${rule.id.replace('/', '-')}.md`);
        if (!fs.existsSync(page)) continue;
        const markdown = fs.readFileSync(page, 'utf8');
        assert.equal(rule.fullDescription.markdown, firstParagraph(markdown), rule.id);
        assert.equal(rule.help.markdown, markdown, rule.id);
      }
    });
  });
});
