// owner/not-codeowner and the CODEOWNERS reader behind it (GitHub's rules: which file is in effect,
// gitignore-like patterns with GitHub's differences, last matching line wins, owners without case).

import assert from 'node:assert/strict';
import { parseCodeOwners, readCodeOwners } from '../../../server/src/engine/codeowners';
import { MemoryFs } from '../../../server/src/engine/fs';
import { LintSession } from '../../../server/src/engine/lint';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { relatedOf, requirement, single } from './support';

/** Does `pattern` (one CODEOWNERS line) match each path? */
function table(pattern: string, paths: Record<string, boolean>): void {
  const rules = parseCodeOwners('CODEOWNERS', `${pattern} @o\n`).rules;
  assert.equal(rules.length, 1, `${pattern} is a rule`);
  const actual = Object.fromEntries(Object.keys(paths).map((p) => [p, rules[0].matches(p)]));
  assert.deepEqual(actual, paths, pattern);
}

describe('CODEOWNERS patterns', () => {
  it('a pattern without a slash matches a file or folder of that name at any depth', () => {
    table('*.md', { 'a.md': true, 'docs/deep/a.md': true, 'a.mdx': false, '.hidden.md': true });
    table('apps', { apps: true, 'apps/x.ts': true, 'src/apps/x/y.ts': true, 'apps.ts': false, 'src/myapps/x': false });
    table('*', { 'a.md': true, 'a/b/c.md': true, '.github/CODEOWNERS': true });
  });

  it('a leading slash, or a slash in the middle, anchors to the root', () => {
    table('/build/logs', { 'build/logs': true, 'build/logs/a.log': true, 'x/build/logs/a.log': false, 'build/logsx': false });
    table('docs/getting-started.md', { 'docs/getting-started.md': true, 'site/docs/getting-started.md': false });
    table('/*', { 'README.md': true, 'docs/a.md': false });
  });

  it('a trailing slash matches what is inside a folder, not a file of that name', () => {
    table('apps/', { apps: false, 'apps/x.ts': true, 'a/b/apps/x/y.ts': true });
    table('/docs/', { 'docs/a.md': true, 'docs/x/y.md': true, 'site/docs/a.md': false });
  });

  it('`docs/*` owns the files directly in docs/, not those nested deeper (unlike gitignore)', () => {
    table('docs/*', { 'docs/getting-started.md': true, 'docs/build-app/troubleshooting.md': false, docs: false, 'x/docs/a.md': false });
  });

  it('`**` matches any number of folders', () => {
    table('**/logs', { logs: true, 'build/logs/a.log': true, 'deeply/nested/logs/x': true, 'logsx/a': false });
    table('policies/**/*.md', { 'policies/a.md': true, 'policies/x/y/a.md': true, 'other/policies/a.md': false });
    table('policies/**', { policies: false, 'policies/a.md': true, 'policies/x/y.md': true });
  });

  it('`\\#` escapes a leading hash; `\\*` a literal star; brackets, braces and `!` are not special', () => {
    table('\\#notes.md', { '#notes.md': true, 'notes.md': false });
    table('f\\*o', { 'f*o': true, foo: false });
    table('x[1].md', { 'x[1].md': true, 'x1.md': false });
    table('{a,b}.md', { '{a,b}.md': true, 'a.md': false });
  });

  it('reads comments, inline comments, blank lines and owner lists; skips negations', () => {
    const co = parseCodeOwners('CODEOWNERS', '# comment\n\n*  @Acme/Security  ops@acme.example #inline comment\n!skip.md @x\n/legacy/\n\t\\#x @y\r\n');
    assert.deepEqual(co.rules.map((r) => [r.pattern, r.owners]), [
      ['*', ['@Acme/Security', 'ops@acme.example']],
      ['/legacy/', []],
      ['\\#x', ['@y']],
    ]);
    // From the pattern to the last owner: inline comments and the \r are not part of a rule.
    assert.deepEqual(co.rules.map((r) => r.span), [
      { start: 11, end: 46 },
      { start: 75, end: 83 },
      { start: 85, end: 91 },
    ]);
  });

  it('the last matching line wins, and a line with no owners un-owns', () => {
    const co = parseCodeOwners('CODEOWNERS', '* @acme/platform\n*.md @acme/docs\n/policies/ @acme/security\n/policies/legacy/\n');
    assert.deepEqual(co.ruleFor('src/a.ts')?.owners, ['@acme/platform']);
    assert.deepEqual(co.ruleFor('README.md')?.owners, ['@acme/docs']);
    assert.deepEqual(co.ruleFor('policies/a.md')?.owners, ['@acme/security']);
    assert.deepEqual(co.ruleFor('policies/legacy/a.md')?.owners, []);
  });

  it('uses .github/CODEOWNERS, else CODEOWNERS, else docs/CODEOWNERS (a folder of that name does not count)', () => {
    const read = (files: Record<string, string>) => readCodeOwners(new MemoryFs(new Map(Object.entries(files))))?.file;
    assert.equal(read({ '.github/CODEOWNERS': '* @a', CODEOWNERS: '* @b', 'docs/CODEOWNERS': '* @c' }), '.github/CODEOWNERS');
    assert.equal(read({ CODEOWNERS: '* @b', 'docs/CODEOWNERS': '* @c' }), 'CODEOWNERS');
    assert.equal(read({ 'docs/CODEOWNERS': '* @c' }), 'docs/CODEOWNERS');
    assert.equal(read({ '.github/CODEOWNERS/x': '', 'docs/CODEOWNERS': '* @c' }), 'docs/CODEOWNERS');
    assert.equal(read({ 'README.md': '' }), undefined);
  });
});

describe('owner/not-codeowner', () => {
  /** Policy p (owner "@acme/security", on line 4) reading cfg/app.json. */
  const P = policy('p', requirement('min-length', '">= 12"', [['cfg/app.json', '$.min']]));
  const workspace = (codeowners: Record<string, string>, files: Record<string, string> = {}) =>
    lintFiles({ 'policies/p.md': P, 'cfg/app.json': '{"min": 12}\n', ...codeowners, ...files });

  it('reports an owner who owns neither the policy nor what it reads, at the owner', () => {
    const result = workspace({ '.github/CODEOWNERS': '* @acme/platform\n/policies/ @acme/grc\n' });
    assert.deepEqual(findings(result), [
      {
        rule: 'owner/not-codeowner',
        severity: 'warning',
        message: 'owner "@acme/security" owns neither policies/p.md nor any file it reads according to .github/CODEOWNERS (they are owned by @acme/grc, @acme/platform)',
        file: 'policies/p.md',
        range: '4:8-4:24',
      },
    ]);
    assert.deepEqual(relatedOf(result, single(result, 'owner/not-codeowner')), [
      { file: '.github/CODEOWNERS', range: '2:1-2:21', message: 'the line that decides who owns policies/p.md' },
    ]);
  });

  it('is satisfied when the owner owns the policy file (owners compare without case)', () => {
    assert.deepEqual(findings(workspace({ '.github/CODEOWNERS': '* @acme/platform\npolicies/*.md @ACME/Security\n' })), []);
  });

  it('is satisfied when the owner owns a source the policy reads', () => {
    assert.deepEqual(findings(workspace({ CODEOWNERS: '* @acme/platform\n/cfg/ @acme/security\n' })), []);
  });

  it('matches an email owner without case', () => {
    const emailOwned = P.replace('owner: "@acme/security"', 'owner: Security@Acme.example');
    assert.deepEqual(findings(lintFiles({ 'policies/p.md': emailOwned, 'cfg/app.json': '{"min": 12}\n', CODEOWNERS: '/cfg/app.json security@acme.example\n' })), []);
  });

  it('says when nothing is owned at all, after an un-owning line (the last match wins)', () => {
    const result = workspace({ CODEOWNERS: '* @acme/security\n/policies/\n/cfg/\n' });
    assert.deepEqual(findings(result).map((f) => f.message), [
      'owner "@acme/security" owns neither policies/p.md nor any file it reads according to CODEOWNERS (none of them has a code owner)',
    ]);
  });

  it('words it for a policy that reads no file', () => {
    const result = lintFiles({ 'p.md': policy('p'), 'docs/CODEOWNERS': '*.md @acme/docs\n' });
    assert.deepEqual(findings(result, 'owner/not-codeowner').map((f) => [f.file, f.range, f.message]), [
      ['p.md', '4:8-4:24', 'owner "@acme/security" does not own p.md according to docs/CODEOWNERS (it is owned by @acme/docs)'],
    ]);
  });

  it('does nothing without a CODEOWNERS file, or without an owner (owner/missing says that)', () => {
    assert.deepEqual(findings(workspace({})), []);
    const ownerless = P.replace('owner: "@acme/security"\n', '');
    assert.deepEqual(findings(lintFiles({ 'p.md': ownerless, 'cfg/app.json': '{"min": 12}\n', CODEOWNERS: '* @acme/platform\n' }), 'owner/not-codeowner'), []);
  });

  it('prefers .github/CODEOWNERS over the root one', () => {
    const result = workspace({ '.github/CODEOWNERS': '* @acme/platform\n', CODEOWNERS: '* @acme/security\n' });
    assert.deepEqual(findings(result).map((f) => f.message), [
      'owner "@acme/security" owns neither policies/p.md nor any file it reads according to .github/CODEOWNERS (they are owned by @acme/platform)',
    ]);
  });

  it('re-checks every policy when a CODEOWNERS file is created, changed or deleted (LintSession.update)', () => {
    const files = new Map<string, string>([['policies/p.md', P], ['cfg/app.json', '{"min": 12}\n'], ['CODEOWNERS', '* @acme/security\n']]);
    const session = new LintSession({ fs: new MemoryFs(files), root: '/ws', today: '2026-11-22' });
    const rules = () => session.run().findings.map((f) => `${f.rule}: ${f.message}`);
    assert.deepEqual(rules(), []);

    files.set('.github/CODEOWNERS', '* @acme/platform\n');
    session.update(['.github/CODEOWNERS']);
    assert.deepEqual(rules(), [
      'owner/not-codeowner: owner "@acme/security" owns neither policies/p.md nor any file it reads according to .github/CODEOWNERS (they are owned by @acme/platform)',
    ]);

    files.set('.github/CODEOWNERS', '* @acme/platform\n/cfg/app.json @acme/security\n');
    session.update(['.github/CODEOWNERS']);
    assert.deepEqual(rules(), []);

    files.set('.github/CODEOWNERS', '* @acme/platform\n');
    session.update(['.github/CODEOWNERS']);
    assert.equal(rules().length, 1);
    files.delete('.github/CODEOWNERS');
    session.update(['.github/CODEOWNERS']);
    assert.deepEqual(rules(), [], 'the root CODEOWNERS is in effect again');
  });
});
