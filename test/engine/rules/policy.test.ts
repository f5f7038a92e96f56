// policy/duplicate-id, policy discovery, the `include` option, and deterministic output.

import assert from 'node:assert/strict';
import { findings, lintFiles, policy } from '../../helpers/workspace';
import { relatedOf, requirement } from './support';

const DUP = 'policy/duplicate-id';

describe('policy/duplicate-id', () => {
  it('reports both policies sharing an id, each on its id with the other as related location', () => {
    const result = lintFiles({ 'a/one.md': policy('access'), 'b/two.md': policy('access'), 'c.md': policy('other') });
    assert.deepEqual(findings(result, DUP), [
      { rule: DUP, severity: 'error', message: 'policy id "access" is also used by b/two.md', file: 'a/one.md', range: '2:9-2:15' },
      { rule: DUP, severity: 'error', message: 'policy id "access" is also used by a/one.md', file: 'b/two.md', range: '2:9-2:15' },
    ]);
    const [one, two] = result.findings.filter((f) => f.rule === DUP);
    assert.deepEqual(relatedOf(result, one), [{ file: 'b/two.md', range: '2:9-2:15', message: '"access" also declared here' }]);
    assert.deepEqual(relatedOf(result, two), [{ file: 'a/one.md', range: '2:9-2:15', message: '"access" also declared here' }]);
    assert.equal(one.policy, 'access');
  });

  it('names every other file when three policies share an id', () => {
    const result = lintFiles({ 'a.md': policy('x'), 'b.md': policy('x'), 'c.md': policy('x') });
    assert.deepEqual(findings(result, DUP).map((f) => [f.file, f.message]), [
      ['a.md', 'policy id "x" is also used by b.md, c.md'],
      ['b.md', 'policy id "x" is also used by a.md, c.md'],
      ['c.md', 'policy id "x" is also used by a.md, b.md'],
    ]);
  });

  it('does not fire for distinct ids, nor count a policy whose front matter cannot be parsed', () => {
    assert.deepEqual(findings(lintFiles({ 'a.md': policy('a'), 'b.md': policy('b') }), DUP), []);
    const result = lintFiles({ 'a.md': policy('a'), 'b.md': '---\npolicy: a\nowner: @x\n---\n' });
    assert.deepEqual(findings(result, DUP), []);
  });

  it('with include, reports only on the included file', () => {
    const result = lintFiles({ 'a.md': policy('p'), 'b.md': policy('p') }, { include: ['a.md'] });
    assert.deepEqual(findings(result, DUP).map((f) => f.file), ['a.md']);
  });
});

describe('policy discovery', () => {
  it('without tenet.yaml, reads *.md whose front matter has `policy:` and comply documents, and nothing else', () => {
    const result = lintFiles({
      'README.md': '# Readme\n\nNo front matter here.\n',
      'docs/notes.md': '---\ntitle: Notes\n---\n# Notes\n',
      'docs/body-only.md': '# Notes\n\npolicy: not front matter\n',
      'policies/a.md': policy('a'),
      'policies/B.MD': policy('b'),
      'legacy/acp.md': 'name: Access\nacronym: ACP\nowner: "@a"\nsatisfies:\n  TSC: [CC6.1]\nmajorRevisions:\n  - date: Jun 1 2026\n---\n# Access\n',
      'policy.txt': '---\npolicy: z\n---\n',
      'policy.yaml': 'policy: y\n',
    });
    // In code-point order of the path, as the file system lists them.
    assert.deepEqual(result.policies.map((p) => [p.id, p.file]), [
      ['acp', 'legacy/acp.md'],
      ['b', 'policies/B.MD'],
      ['a', 'policies/a.md'],
    ]);
  });

  it('without tenet.yaml, still reports a discovered policy whose YAML is broken', () => {
    const result = lintFiles({ 'p.md': '---\npolicy: p\nowner: @acme\n---\n' });
    assert.deepEqual(findings(result).map((f) => f.rule), ['front-matter/syntax']);
  });

  it('with tenet.yaml `policies`, reads exactly the matching files', () => {
    const result = lintFiles({
      'tenet.yaml': 'policies: ["policies/**/*.md"]\n',
      'policies/a.md': policy('a'),
      'policies/deep/b.md': policy('b'),
      'elsewhere/c.md': policy('c'),
    });
    assert.deepEqual(result.policies.map((p) => p.file), ['policies/a.md', 'policies/deep/b.md']);
  });
});

describe('the include option', () => {
  const workspace = {
    'policies/a.md': policy('a', requirement('min-length', '">= 12"', [['cfg/a.json', '$.min']])),
    'policies/b.md': policy('b', requirement('min-length', '">= 12"', [['cfg/b.json', '$.min']])),
    'cfg/a.json': '{"min": 8}',
    'cfg/b.json': '{"min": 9}',
  };

  it('a policy path includes only that policy\'s findings and requirements', () => {
    const result = lintFiles(workspace, { include: ['policies/a.md'] });
    assert.deepEqual(findings(result).map((f) => [f.file, f.message]), [['cfg/a.json', 'min is 8; policy a › min-length expects >= 12']]);
    assert.deepEqual(result.requirements.map((r) => r.policy), ['a']);
    assert.deepEqual(result.policies.map((p) => p.id), ['a']);
  });

  it('a config path includes the policies that read it', () => {
    const result = lintFiles(workspace, { include: ['cfg/b.json'] });
    assert.deepEqual(findings(result).map((f) => [f.file, f.message]), [['cfg/b.json', 'min is 9; policy b › min-length expects >= 12']]);
    assert.deepEqual(result.requirements.map((r) => r.policy), ['b']);
  });

  it('a folder includes every policy under it or reading a file under it', () => {
    assert.deepEqual(lintFiles(workspace, { include: ['cfg'] }).requirements.map((r) => r.policy), ['a', 'b']);
    assert.deepEqual(lintFiles(workspace, { include: ['policies/'] }).requirements.map((r) => r.policy), ['a', 'b']);
  });

  it('tenet.yaml findings always show', () => {
    const result = lintFiles({ ...workspace, 'tenet.yaml': 'framework: nope\n' }, { include: ['policies/a.md'] });
    assert.deepEqual(findings(result).map((f) => f.file), ['cfg/a.json', 'tenet.yaml']);
  });
});

describe('deterministic output', () => {
  const files: Record<string, string> = {
    'z.md': policy('z', requirement('min-length', '">= 12"', [['cfg.json', '$.min'], ['cfg.json', '$.max']])).replace('[CC6.1]', '[CC6.1, CC9.9]'),
    'a.md': policy('a', requirement('min-length', '">= 12"', [['cfg.json', '$.min']]) + '    says: at least 10\n').replace('last: 2026-06-01', 'last: 2024-01-01'),
    'cfg.json': '{"min": 8, "max": 4}',
    'm.md': '---\npolicy: m\nowner: @x\n---\n',
  };

  it('sorts findings by file, then position, then rule, then message', () => {
    const result = lintFiles(files);
    assert.deepEqual(findings(result).map((f) => [f.file, f.range, f.rule]), [
      ['a.md', '7:9-7:19', 'review/overdue'],
      ['a.md', '15:20-15:22', 'requirement/statement-mismatch'],
      ['cfg.json', '1:9-1:10', 'requirement/drift'],
      ['cfg.json', '1:9-1:10', 'requirement/drift'],
      ['cfg.json', '1:19-1:20', 'requirement/drift'],
      ['m.md', '3:8-3:9', 'front-matter/syntax'],
      ['z.md', '8:19-8:24', 'control/unknown-id'],
    ]);
    assert.deepEqual(findings(result, 'requirement/drift').map((f) => f.message), [
      'min is 8; policy a › min-length expects >= 12',
      'min is 8; policy z › min-length expects >= 12',
      'max is 4; policy z › min-length expects >= 12',
    ]);
  });

  it('orders findings at the same place by rule', () => {
    const result = lintFiles({
      'p.md': policy('p', 'requirements:\n  access-review:\n    every: quarterly\n    evidence:\n      file: ev.json\n      at: $[*].on\n'),
      'ev.json': '[]',
    });
    assert.deepEqual(findings(result).map((f) => [f.range, f.rule]), [
      ['14:11-14:18', 'evidence/stale'],
      ['14:11-14:18', 'selector/no-match'],
    ]);
  });

  it('gives the same result whatever order the files are listed in', () => {
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    const a = lintFiles(files);
    const b = lintFiles(reversed);
    assert.deepEqual(findings(b), findings(a));
    assert.deepEqual(b.requirements, a.requirements);
    assert.deepEqual(b.policies, a.policies);
  });
});
