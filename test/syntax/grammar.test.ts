// The TextMate injection grammar (syntaxes/tenet-frontmatter.tmLanguage.json), tokenized by the real
// engine (vscode-textmate + Oniguruma) inside stand-ins for VS Code's Markdown and YAML grammars
// (see ./textmate.ts): exact scopes on exact tokens, and nothing Tenet outside the front matter.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { findings, lintFiles } from '../helpers/workspace';
import { GRAMMAR_PATH, INJECTION_SCOPE, MARKDOWN_SCOPE, REPO, compile, loadMarkdown, tenetMarks, tenetScope, tokenize } from './textmate';

const KEY = 'keyword.other.tenet.key';
const COMPARISON = 'keyword.operator.comparison.tenet';
const WORD = 'keyword.operator.word.tenet';
const CADENCE = 'constant.language.cadence.tenet';
const NUMBER = 'constant.numeric.tenet';
const CONTROL = 'constant.other.control-id.tenet';

const FRONT_MATTER = 'meta.embedded.block.frontmatter';
const BLOCK = 'meta.block.yaml';

const grammarJson = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** A realistic policy: every kind of expectation, evidence, an exception; then a body with traps. */
const POLICY = `---
policy: data-retention
title: Data Retention Policy
owner: "@acme/security"
approvers: ["@acme/ciso"]
version: 1.0.0
effective: 2026-03-01
review:
  every: annually
  last: 2026-03-01
controls: [CC6.1, PI1.5, P8.1, CC9.9, XCC6.1, CC6.12]
requirements:
  password-length:
    says: the policy owner keeps passwords long, checked within 12 months
    expect: ">= 12"
    in:
      - file: idp/okta-policy.json
        at: "$.policies[?@.type == 'password'].minLength"
  vendor-reports:
    expect: "within 12 months"
    in: [{file: vendors/vendors.csv, at: soc_report_date}]
  bucket-names:
    expect: 'matches ^acme-'
    in: [{file: cloud/buckets.json, at: "$[*].name"}]
  audit-log:
    expect: exists
    in: [{file: cloud/trail.json, at: $.trail}]
  root-keys:
    expect: "absent"
    in: [{file: cloud/iam.json, at: $.root.keys}]
  no-test-accounts:
    expect:
      noneMatch: "^test@"
    in: [{file: idp/users.json, at: "$[*].email"}]
  regions:
    expect:
      oneOf: [eu-west-1, eu-central-1]
    in: [{file: cloud/regions.json, at: "$[*]"}]
  few-admins:
    expect:
      count: "<= 3"
    in: [{file: github/members.json, at: "$[?@.role == 'admin'].login"}]
  staff-known:
    expect:
      subsetOf:
        file: hr/roster.csv
        at: email
    in: [{file: idp/users.json, at: "$[*].email"}]
  access-review:
    says: Access is reviewed every quarter.
    every: quarterly
    evidence:
      file: evidence/access-reviews.csv
      at: completed_on
      where: { system: production }
    severity: warning
  restore-test:
    every: "6 months"
    evidence: {file: evidence/restores.csv, at: date}
exceptions:
  - requirement: password-length
    file: idp/okta-policy.json
    reason: Legacy IdP until its migration (CC6.1 is still met by MFA).  # every: quarterly, see CC6.2
    approved-by: "@acme/ciso"
    expires: 2027-01-31
---

# Data Retention Policy

every: quarterly
policy: not-a-key
Access is reviewed under CC6.1 within 12 months; expect: ">= 12".

\`\`\`yaml
every: quarterly
expect: exists
\`\`\`

---
policy: not-front-matter
---
`;
const CLOSING_FENCE = 66;

/** Each rule of a grammar that holds a regular expression, as [where, pattern]. */
function regexes(node: unknown, where = '$'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => regexes(n, `${where}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]): [string, string][] =>
    ['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string' ? [[`${where}.${k}`, v]] : regexes(v, `${where}.${k}`),
  );
}

describe('syntax: the front-matter injection grammar', () => {
  let markdown: IGrammar;
  before(async () => {
    markdown = await loadMarkdown();
  });

  it('compiles every pattern with Oniguruma, the engine VS Code runs it on', async () => {
    await assert.rejects(compile('(?<=every:)(weekly'), 'the check can fail');
    const patterns = regexes(grammarJson);
    assert.equal(patterns.length, 7);
    const rejected: string[] = [];
    for (const [where, pattern] of patterns) {
      try {
        await compile(pattern);
      } catch (e) {
        rejected.push(`${where}: ${String(e)}`);
      }
    }
    assert.deepEqual(rejected, []);
  });

  it('is contributed as an injection into Markdown front matter', () => {
    assert.deepEqual(pkg.contributes.grammars, [
      { scopeName: INJECTION_SCOPE, path: './syntaxes/tenet-frontmatter.tmLanguage.json', injectTo: [MARKDOWN_SCOPE] },
    ]);
    assert.ok(existsSync(path.join(REPO, pkg.contributes.grammars[0].path)));
    assert.equal(grammarJson.scopeName, INJECTION_SCOPE);
    // Front matter only: not ```yaml fences (meta.embedded.block.yaml), not YAML comments.
    assert.equal(grammarJson.injectionSelector, `L:${MARKDOWN_SCOPE} ${FRONT_MATTER} - comment`);
  });

  it('the policy it is tested on is valid front matter', () => {
    const result = lintFiles({ 'policies/data-retention.md': POLICY });
    assert.deepEqual(findings(result, 'front-matter/syntax', 'front-matter/schema'), []);
  });

  it('marks exactly the keys, operators, cadences, durations and control ids of the front matter', () => {
    assert.deepEqual(tenetMarks(tokenize(markdown, POLICY)), {
      2: [['policy', KEY]],
      3: [['title', KEY]],
      4: [['owner', KEY]],
      5: [['approvers', KEY]],
      6: [['version', KEY]],
      7: [['effective', KEY]],
      8: [['review', KEY]],
      9: [['every', KEY], ['annually', CADENCE]],
      10: [['last', KEY]],
      // CC9.9 has the shape of an id (control/unknown-id reports it); XCC6.1 and CC6.12 do not.
      11: [['controls', KEY], ['CC6.1', CONTROL], ['PI1.5', CONTROL], ['P8.1', CONTROL], ['CC9.9', CONTROL]],
      12: [['requirements', KEY]],
      // A requirement id is not a key; the words of a says: sentence are neither keys nor operators.
      14: [['says', KEY]],
      15: [['expect', KEY], ['>=', COMPARISON]],
      16: [['in', KEY]],
      17: [['file', KEY]],
      // The == of a JSONPath filter is not an expectation.
      18: [['at', KEY]],
      20: [['expect', KEY], ['within', WORD], ['12', NUMBER], ['months', CADENCE]],
      // Keys of a flow mapping are left to YAML.
      21: [['in', KEY]],
      23: [['expect', KEY], ['matches', WORD]],
      24: [['in', KEY]],
      26: [['expect', KEY], ['exists', WORD]],
      27: [['in', KEY]],
      29: [['expect', KEY], ['absent', WORD]],
      30: [['in', KEY]],
      32: [['expect', KEY]],
      33: [['noneMatch', WORD]],
      34: [['in', KEY]],
      36: [['expect', KEY]],
      37: [['oneOf', WORD]],
      38: [['in', KEY]],
      40: [['expect', KEY]],
      41: [['count', WORD], ['<=', COMPARISON]],
      42: [['in', KEY]],
      44: [['expect', KEY]],
      45: [['subsetOf', WORD]],
      46: [['file', KEY]],
      47: [['at', KEY]],
      48: [['in', KEY]],
      50: [['says', KEY]],
      51: [['every', KEY], ['quarterly', CADENCE]],
      52: [['evidence', KEY]],
      53: [['file', KEY]],
      54: [['at', KEY]],
      55: [['where', KEY]],
      56: [['severity', KEY]],
      58: [['every', KEY], ['6', NUMBER], ['months', CADENCE]],
      59: [['evidence', KEY]],
      60: [['exceptions', KEY]],
      61: [['requirement', KEY]],
      62: [['file', KEY]],
      // An id in a value is marked; nothing in the comment is (every: quarterly, CC6.2).
      63: [['reason', KEY], ['CC6.1', CONTROL]],
      64: [['approved-by', KEY]],
      65: [['expires', KEY]],
    });
  });

  it('keeps the YAML scopes around what it marks', () => {
    const lines = tokenize(markdown, POLICY);
    const show = (n: number) => lines[n - 1].map((t) => [t.text, t.scopes.slice(1).join(' ')]);
    assert.deepEqual(show(15), [
      ['    ', `${FRONT_MATTER} ${BLOCK}`],
      ['expect', `${FRONT_MATTER} ${BLOCK} ${KEY}`],
      [': ', `${FRONT_MATTER} ${BLOCK}`],
      ['"', `${FRONT_MATTER} ${BLOCK} string.quoted.double.yaml`],
      ['>=', `${FRONT_MATTER} ${BLOCK} string.quoted.double.yaml ${COMPARISON}`],
      [' 12', `${FRONT_MATTER} ${BLOCK} string.quoted.double.yaml`],
      ['"', `${FRONT_MATTER} ${BLOCK} string.quoted.double.yaml`],
    ]);
    assert.deepEqual(show(14), [
      ['    ', `${FRONT_MATTER} ${BLOCK}`],
      ['says', `${FRONT_MATTER} ${BLOCK} ${KEY}`],
      [': ', `${FRONT_MATTER} ${BLOCK}`],
      ['the policy owner keeps passwords long, checked within 12 months', `${FRONT_MATTER} ${BLOCK} string.unquoted.plain.out.yaml`],
    ]);
    // A key Tenet does not know stays YAML's.
    assert.deepEqual(show(13), [
      ['  ', `${FRONT_MATTER} ${BLOCK}`],
      ['password-length', `${FRONT_MATTER} ${BLOCK} entity.name.tag.yaml`],
      [':', `${FRONT_MATTER} ${BLOCK} punctuation.separator.key-value.mapping.yaml`],
    ]);
  });

  it('applies nothing to the Markdown body: prose, key-like lines, a ```yaml fence, a later --- block', () => {
    const lines = tokenize(markdown, POLICY);
    const body = lines.slice(CLOSING_FENCE);
    assert.equal(POLICY.split('\n')[CLOSING_FENCE - 1], '---');
    assert.deepEqual(
      body.flat().filter((t) => tenetScope(t) || t.scopes.includes(FRONT_MATTER)),
      [],
    );
    // The fence's content really is embedded YAML, a scope the grammar used to be injected into.
    const fenceLine = POLICY.split('\n').indexOf('```yaml') + 2;
    assert.deepEqual(
      lines[fenceLine - 1].map((t) => [t.text, t.scopes.slice(1).join(' ')]),
      [
        ['every', 'markup.fenced_code.block.markdown meta.embedded.block.yaml meta.block.yaml entity.name.tag.yaml'],
        [':', 'markup.fenced_code.block.markdown meta.embedded.block.yaml meta.block.yaml punctuation.separator.key-value.mapping.yaml'],
        [' ', 'markup.fenced_code.block.markdown meta.embedded.block.yaml meta.block.yaml'],
        ['quarterly', 'markup.fenced_code.block.markdown meta.embedded.block.yaml meta.block.yaml string.unquoted.plain.out.yaml'],
      ],
    );
  });

  it('marks key-like words only as the key of their line, and operators only as an expect value starts', () => {
    const marks = (yaml: string) => tenetMarks(tokenize(markdown, `---\n${yaml}\n---\n`));
    assert.deepEqual(marks('says: the policy owner expects exists within 12 months, every: quarterly'), { 2: [['says', KEY]] });
    assert.deepEqual(marks('title: "owner: approved-by"'), { 2: [['title', KEY]] });
    assert.deepEqual(marks('policies: x\nexpected: y\nin-scope: z'), {});
    assert.deepEqual(marks("expect: '!= admin'\nevery: 'monthly'"), { 2: [['expect', KEY], ['!=', COMPARISON]], 3: [['every', KEY], ['monthly', CADENCE]] });
    assert.deepEqual(marks('expect: existing\ncount: 3'), { 2: [['expect', KEY]], 3: [['count', WORD]] });
    assert.deepEqual(marks('# policy: CC6.1 every: weekly\nreason: see A1.2, C1.1 and PI1.5'), {
      3: [['reason', KEY], ['A1.2', CONTROL], ['C1.1', CONTROL], ['PI1.5', CONTROL]],
    });
  });
});
