// The server's findings → diagnostics conversion, and its reuse between checks: a file's list is
// rebuilt only when a finding in it or a text its ranges are measured in changed, and the result is
// always what a conversion from scratch gives.

import assert from 'node:assert/strict';
import { MemoryFs } from '../../server/src/engine/fs';
import { LintSession, lint } from '../../server/src/engine/lint';
import { DiagnosticBuilder, toDiagnostics, type DiagnosticContext } from '../../server/src/lsp/diagnostics';
import { OverlayFs } from '../../server/src/lsp/overlay-fs';
import { policy } from '../helpers/workspace';
import { requirement } from '../engine/rules/support';

const context: DiagnosticContext = { uriOf: (rel) => `file:///ws/${rel}`, docsOf: (rule) => `file:///docs/${rule.replace('/', '-')}.md` };

const FILES = {
  'a.md': policy('a', requirement('min-length', '">= 12"', [['a.json', '$.min']])),
  'a.json': '{"min": 8}',
  'b.md': policy('b', requirement('max-age', '"<= 90"', [['b.json', '$.age']])),
  'b.json': '{"age": 120}',
};

function session(files: Record<string, string> = FILES) {
  const fs = new OverlayFs(new MemoryFs(new Map(Object.entries(files))));
  return { fs, session: new LintSession({ fs, root: '/ws', today: '2026-11-22' }) };
}

/** What a fresh lint of the same texts converts to. */
function fromScratch(fs: OverlayFs) {
  return toDiagnostics(lint({ fs, root: '/ws', today: '2026-11-22' }), context);
}

describe('server: diagnostics', () => {
  it('puts a drift on the config value and mirrors it on the requirement that states it', () => {
    const { session: s } = session();
    const byFile = new DiagnosticBuilder(context).build(s.run());
    assert.deepEqual([...byFile.keys()].sort(), ['a.json', 'a.md', 'b.json', 'b.md']);
    const docs = { href: 'file:///docs/requirement-drift.md' };
    assert.deepEqual(byFile.get('a.json'), [
      {
        range: { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } },
        severity: 1,
        source: 'tenet',
        code: 'requirement/drift',
        message: 'min is 8; policy a › min-length expects >= 12',
        codeDescription: docs,
        relatedInformation: [{ location: { uri: 'file:///ws/a.md', range: { start: { line: 9, character: 2 }, end: { line: 9, character: 12 } } }, message: 'requirement stated here' }],
      },
    ]);
    assert.deepEqual(byFile.get('a.md'), [
      {
        range: { start: { line: 9, character: 2 }, end: { line: 9, character: 12 } },
        severity: 1,
        source: 'tenet',
        code: 'requirement/drift',
        message: 'drift in a.json: min is 8; policy a › min-length expects >= 12',
        codeDescription: docs,
        relatedInformation: [{ location: { uri: 'file:///ws/a.json', range: { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } } }, message: 'min is 8; policy a › min-length expects >= 12' }],
      },
    ]);
  });

  it('keeps the very lists of files an edit did not touch, and rebuilds the others', () => {
    const { fs, session: s } = session();
    const builder = new DiagnosticBuilder(context);
    const before = builder.build(s.run());
    fs.setBuffer('b.json', '{"age": 100}');
    s.update(['b.json']);
    const after = builder.build(s.run());
    assert.equal(after.get('a.json'), before.get('a.json'));
    assert.equal(after.get('a.md'), before.get('a.md'));
    assert.notEqual(after.get('b.json'), before.get('b.json'));
    assert.equal(after.get('b.json')![0].message, 'age is 100; policy b › max-age expects <= 90');
    assert.deepEqual(after, fromScratch(fs));
  });

  it('moves a kept finding when only the text its range is measured in changed', () => {
    const { fs, session: s } = session();
    const builder = new DiagnosticBuilder(context);
    const before = builder.build(s.run());
    // The policy text moves by a line; the finding objects of the config are re-made by the re-check,
    // but the mirrored drift must land on the requirement's new line either way.
    fs.setBuffer('a.md', FILES['a.md'].replace('---\n\n', '---\n\n\n'));
    s.update(['a.md']);
    const after = builder.build(s.run());
    assert.notEqual(after.get('a.md'), before.get('a.md'));
    assert.deepEqual(after, fromScratch(fs));
  });

  it('drops a file whose findings are gone, and matches a fresh conversion after any sequence of edits', () => {
    const { fs, session: s } = session();
    const builder = new DiagnosticBuilder(context);
    builder.build(s.run());
    const edits: [string, string][] = [
      ['a.json', '{"min": 12}'],
      ['b.md', FILES['b.md'].replace('<= 90', '<= 200')],
      ['a.json', '{"min": 3}'],
      ['a.md', FILES['a.md'].replace('title: a policy', 'title: a policy, revised')],
      ['b.md', FILES['b.md']],
    ];
    for (const [file, text] of edits) {
      fs.setBuffer(file, text);
      s.update([file]);
      assert.deepEqual(builder.build(s.run()), fromScratch(fs), `after editing ${file}`);
    }
    fs.setBuffer('a.json', '{"min": 12}');
    s.update(['a.json']);
    assert.deepEqual([...builder.build(s.run()).keys()].sort(), ['b.json', 'b.md']);
  });

  it('rebuilds every list after reset (URIs changed)', () => {
    const { session: s } = session();
    const builder = new DiagnosticBuilder(context);
    const result = s.run();
    const before = builder.build(result);
    builder.reset();
    const after = builder.build(result);
    assert.notEqual(after.get('a.md'), before.get('a.md'));
    assert.deepEqual(after, before);
  });
});
