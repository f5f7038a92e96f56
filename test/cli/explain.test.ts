// tenet explain: a rule's documentation page, else its description; the list of every rule.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRuleDocsDir, firstParagraph, plainText, ruleDocFileName, ruleDocReader } from '../../server/src/cli/docs';
import { RULES } from '../../server/src/engine/rules/registry';
import { BIN, REPO, run, runBin, tempDir, writeFiles } from './support';

const PAGE = '# requirement/drift\n\nA selected value violates the requirement.\n\n## Why it matters\n\nBecause.\n';

describe('cli/explain', () => {
  let docs: string;
  let empty: string;

  before(() => {
    const tmp = tempDir('tenet-explain-');
    docs = writeFiles(path.join(tmp, 'rules'), { 'requirement-drift.md': PAGE, 'owner-missing.md': 'no final newline' });
    empty = writeFiles(path.join(tmp, 'none'), {});
  });
  after(() => fs.rmSync(path.dirname(docs), { recursive: true, force: true }));

  it('prints the rule\'s page as it is', async () => {
    assert.deepEqual(await run(['explain', 'requirement/drift'], { cwd: REPO, docsDir: docs }), { code: 0, stdout: PAGE, stderr: '' });
    // The page's own name works too; a page without a final newline gets one.
    assert.deepEqual(await run(['explain', 'requirement-drift'], { cwd: REPO, docsDir: docs }), { code: 0, stdout: PAGE, stderr: '' });
    assert.deepEqual(await run(['explain', 'owner/missing'], { cwd: REPO, docsDir: docs }), { code: 0, stdout: 'no final newline\n', stderr: '' });
  });

  it('falls back to the registry description without a page', async () => {
    const rule = RULES.find((r) => r.id === 'review/overdue');
    assert.ok(rule);
    assert.deepEqual(await run(['explain', 'review/overdue'], { cwd: REPO, docsDir: docs }), {
      code: 0,
      stdout: `review/overdue (error)\n\n${rule.description}\n`,
      stderr: '',
    });
    assert.equal((await run(['explain', 'requirement/drift'], { cwd: REPO, docsDir: empty })).stdout, `requirement/drift (error)\n\n${RULES.find((r) => r.id === 'requirement/drift')?.description}\n`);
    assert.equal((await run(['explain', 'requirement/drift'], { cwd: REPO, docsDir: path.join(empty, 'missing') })).code, 0);
  });

  it('lists every rule with its severity and description', async () => {
    const result = await run(['explain'], { cwd: REPO, docsDir: docs });
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'Rules (default severity; tenet.yaml "rules" can change it):');
    assert.equal(lines[1], '');
    const idWidth = Math.max(...RULES.map((r) => r.id.length));
    assert.deepEqual(
      lines.slice(2, 2 + RULES.length),
      RULES.map((r) => `  ${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.description}`),
    );
    assert.deepEqual(lines.slice(2 + RULES.length), ['', 'Run "tenet explain RULE" for the documentation of a rule.', '']);
    assert.ok(result.stdout.includes('  requirement/drift '));
  });

  it('refuses an unknown rule with exit 2, suggesting the near one', async () => {
    const unknown = async (rule: string) => (await run(['explain', rule], { cwd: REPO, docsDir: docs })).stderr;
    assert.deepEqual(await run(['explain', 'requirement/drfit'], { cwd: REPO, docsDir: docs }), {
      code: 2,
      stdout: '',
      stderr: 'tenet: unknown rule "requirement/drfit"; did you mean requirement/drift?\nRun "tenet --help" for usage.\n',
    });
    assert.equal(await unknown('drift'), 'tenet: unknown rule "drift"; did you mean requirement/drift?\nRun "tenet --help" for usage.\n');
    assert.equal(await unknown('owner-mising'), 'tenet: unknown rule "owner-mising"; did you mean owner/missing?\nRun "tenet --help" for usage.\n');
    assert.equal(await unknown('front-matter-syntx'), 'tenet: unknown rule "front-matter-syntx"; did you mean front-matter/syntax?\nRun "tenet --help" for usage.\n');
    assert.equal(await unknown('frobnicate'), 'tenet: unknown rule "frobnicate"; "tenet explain" lists every rule\nRun "tenet --help" for usage.\n');
    assert.equal((await run(['explain', 'a/b', 'c/d'], { cwd: REPO })).code, 2);
  });

  it('finds the repository\'s docs/rules when run unbundled', () => {
    const dir = findRuleDocsDir();
    if (!fs.existsSync(path.join(REPO, 'docs', 'rules'))) return assert.equal(dir, undefined);
    assert.equal(dir, path.join(REPO, 'docs', 'rules'));
  });

  it('reads the installed page of every rule that has one, else uses its description', async () => {
    const dir = path.join(REPO, 'docs', 'rules');
    for (const rule of RULES) {
      const file = path.join(dir, ruleDocFileName(rule.id));
      const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `${rule.id} (${rule.severity})\n\n${rule.description}\n`;
      const result = await run(['explain', rule.id], { cwd: REPO });
      assert.equal(result.code, 0, rule.id);
      assert.equal(result.stdout, expected.endsWith('\n') ? expected : `${expected}\n`, rule.id);
    }
  });

  it('names pages after rule ids and reads them once', () => {
    assert.equal(ruleDocFileName('requirement/statement-mismatch'), 'requirement-statement-mismatch.md');
    const read = ruleDocReader(docs);
    assert.equal(read('requirement/drift'), PAGE);
    assert.equal(read('review/overdue'), undefined);
    assert.equal(ruleDocReader(undefined)('requirement/drift'), undefined);
  });

  it('takes the first paragraph of a page, skipping headings, front matter and blocks', () => {
    assert.equal(firstParagraph(PAGE), 'A selected value violates the requirement.');
    assert.equal(firstParagraph('---\ntitle: x\n---\n# T\n<!-- note\nmore -->\n```yaml\na: 1\n```\n- item\n\nFirst  line\nsecond line.\n\nNext.\n'), 'First line second line.');
    assert.equal(firstParagraph('# Only a title\r\n\r\n## And another\r\n'), undefined);
    assert.equal(firstParagraph('Para one\r\ncontinues.\r\n\r\nPara two.'), 'Para one continues.');
    assert.equal(plainText('Use `expect` as in [the format](../policy.md): **always**, *really* and_not_this.'), 'Use expect as in the format: always, really and_not_this.');
  });

  describe('built binary', () => {
    before(function () {
      if (!fs.existsSync(BIN)) this.skip(); // `npm test` builds first; a bare mocha run may not have
    });

    it('reads docs/rules beside dist/', () => {
      const page = path.join(REPO, 'docs', 'rules', 'requirement-drift.md');
      const result = runBin(['explain', 'requirement/drift'], { cwd: path.dirname(REPO) });
      assert.equal(result.code, 0, result.stderr);
      const rule = RULES.find((r) => r.id === 'requirement/drift');
      const expected = fs.existsSync(page) ? fs.readFileSync(page, 'utf8') : `requirement/drift (error)\n\n${rule?.description}\n`;
      assert.equal(result.stdout, expected.endsWith('\n') ? expected : `${expected}\n`);
      const list = runBin(['explain']);
      assert.equal(list.code, 0);
      assert.equal(list.stdout.split('\n').filter((l) => /^ {2}[a-z-]+\/[a-z-]+ /.test(l)).length, RULES.length);
      assert.equal(runBin(['explain', 'nope/nope']).code, 2);
    });
  });
});
