// Property: whatever bytes a policy, a config of any format, or tenet.yaml holds, the engine returns
// findings and never throws; no finding is an internal error (a rule that threw); every span — of a
// finding, of its related locations, of a requirement — lies inside its file's text; and linting twice
// gives the same result.
//
// Inputs mix three generators: raw bytes (sometimes behind a UTF-8/UTF-16 BOM), token soups of the
// format's syntax characters, and random edits of a valid sample (which reach deeper into parsers than
// noise does). fast-check prints the seed and the shrunk counterexample of a failure; rerun one with
// TENET_FC_SEED=<seed> (and TENET_FC_RUNS to explore longer).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryFs } from '../../server/src/engine/fs';
import { prepareTerraform } from '../../server/src/engine/index';
import { lint } from '../../server/src/engine/lint';
import type { LintResult } from '../../server/src/engine/types';
import { policy } from '../helpers/workspace';

const SEED = process.env.TENET_FC_SEED ? Number(process.env.TENET_FC_SEED) : undefined;
const RUNS = process.env.TENET_FC_RUNS ? Number(process.env.TENET_FC_RUNS) : 60;
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, seed: SEED });

interface Format {
  file: string;
  /** A valid document, the base for random edits. */
  sample: string;
  /** Selectors a policy reads it with. */
  at: string[];
  /** Characters and words that mean something in the format. */
  tokens: string[];
}

const COMMON = [' ', '  ', '\n', '\r\n', '\r', '\t', 'a', 'x', '12', '-1', '1.5', 'true', 'null', '"', "'", '\\', '#', '\u0000', 'é', '𝒫', '\uFEFF', '__proto__', 'constructor'];

const FORMATS: Format[] = [
  { file: 'c.json', sample: '{"a": 12, "b": [1, "x", {"c": true}], "d": null}\n', at: ['$.a', '"$..*"', '"$.b[?@.c == true]"'], tokens: ['{', '}', '[', ']', ',', ':', '//', '/*', '*/', '"a"'] },
  { file: 'c.yaml', sample: 'a: 12\nb:\n  - 1\n  - x\n  - {c: true}\nd: ~\n---\na: 3\n', at: ['$.a', '"$..*"', '"$[0].b[*]"'], tokens: ['- ', ': ', '&a ', '*a', '!!str ', '|', '>', '---', '...', '{', '}', '[', ']', ',', '? ', '%YAML 1.2'] },
  { file: 'c.toml', sample: 'a = 12\nb = [1, 2]\nd = 1979-05-27\n[t]\nc = true\n[[u]]\nn = "x"\n', at: ['$.a', '"$..*"', '$.u[*].n'], tokens: ['=', '[', ']', '[[', ']]', '{', '}', ',', '.', '"""', "'''", '1979-05-27T07:32:00Z', 'inf', 'nan'] },
  { file: 'c.ini', sample: 'a = 12\n; comment\n[t]\nc: true\nflag\n', at: ['$.a', '"$..*"', '$.t.c'], tokens: ['[', ']', '=', ':', ';', '\\;', '"x"'] },
  { file: 'c.csv', sample: 'a,b\n12,x\n3,"y, ""z"""\n', at: ['a', 'b'], tokens: [',', '"', '""', 'a', 'b'] },
  { file: 'c.env', sample: 'A=12\nexport B="x\\ny"\nC=\'z\' # c\n', at: ['$.A', '"$..*"'], tokens: ['=', 'export ', '`', ':', 'A', 'B'] },
  { file: 'm/c.tf', sample: 'resource "x" "y" {\n  a = 12\n  b = var.v\n  dynamic "d" {\n    content { e = 1 }\n  }\n}\nvariable "v" {\n  default = 3\n}\nlocals { l = [1, 2] }\n', at: ['x.y.a', 'x.y.b', 'x.y', 'local.l[*]'], tokens: ['{', '}', '[', ']', '=', '"', '${', '%{', '<<EOT\n', 'EOT\n', 'var.v', 'resource', 'for x in y :', '?', '(', ')', '/*'] },
  { file: 'c.hcl', sample: 'a = 12\nblock "l" {\n  b = [1, 2]\n}\n', at: ['a', 'block.l.b[*]'], tokens: ['{', '}', '[', ']', '=', '"', '${', '<<EOT\n', 'EOT\n', 'block'] },
];

/** A policy with a few requirements reading `file` (each `at`, with several operators). */
function readerPolicy(file: string, at: string[]): string {
  const expects = ['">= 12"', 'exists', '"matches ^[a-z]+$"', '{oneOf: [1, x, true]}', '{count: "== 2"}'];
  const requirements = at.map((a, i) => `  r${i}:\n    says: Values hold.\n    expect: ${expects[i % expects.length]}\n    in:\n      - file: ${file}\n        at: ${a}\n`).join('');
  return policy('p', `requirements:\n${requirements}exceptions:\n  - requirement: r0\n    file: ${file}\n    reason: test\n    approved-by: "@a"\n    expires: 2027-01-01\n`);
}

const VALID_POLICY = readerPolicy('c.json', ['$.a', '"$..*"']);

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + i * 2] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

/** Text as one of the encodings Tenet reads (mostly UTF-8). */
function encoded(text: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(text, fc.constantFrom('utf8', 'utf8', 'utf8', 'utf8-bom', 'utf16le', 'utf16be')).map(([t, how]) => {
    if (how === 'utf16le' || how === 'utf16be') return utf16(t, how === 'utf16be');
    return utf8(how === 'utf8-bom' ? `\uFEFF${t}` : t);
  });
}

/** Random edits (delete a few characters, insert tokens) of a valid sample. */
function edits(sample: string, tokens: string[]): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: fc.array(fc.constantFrom(...tokens), { maxLength: 3 }) });
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((list) => {
    let text = sample;
    for (const e of list) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
    }
    return text;
  });
}

function document(sample: string, tokens: string[]): fc.Arbitrary<Uint8Array> {
  const all = [...COMMON, ...tokens];
  return fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    encoded(fc.array(fc.constantFrom(...all), { maxLength: 80 }).map((parts) => parts.join(''))),
    encoded(edits(sample, all)),
    encoded(fc.string({ unit: 'binary', maxLength: 200 })),
  );
}

function run(files: Record<string, string | Uint8Array>): LintResult {
  return lint({ fs: new MemoryFs(new Map(Object.entries(files))), root: '/ws', today: '2026-11-22' });
}

/** The properties every lint result must have. */
function check(files: Record<string, string | Uint8Array>): void {
  const result = run(files);
  const inside = (file: string, span: { start: number; end: number }, what: string) => {
    const text = result.texts.get(file);
    assert.ok(text !== undefined, `${what}: no text for ${file}`);
    assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: span ${JSON.stringify(span)} is not whole offsets`);
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: span ${JSON.stringify(span)} outside ${file} (${text.length} characters)`);
  };
  for (const f of result.findings) {
    assert.notEqual(f.rule, 'internal/error', f.message);
    inside(f.file, f.span, `${f.rule} "${f.message}"`);
    for (const r of f.related ?? []) inside(r.file, r.span, `related location of ${f.rule} "${f.message}"`);
  }
  for (const r of result.requirements) inside(r.file, r.span, `requirement ${r.requirement}`);
  // Deterministic: a second lint of the same files is the same in every respect.
  assert.deepEqual(run(files), result);
}

describe('properties: any input gives findings, in place, deterministically', function () {
  this.timeout(60_000);

  before(async () => {
    await prepareTerraform();
  });

  it('any bytes as a policy (.md)', () => {
    const front = ['---\n', '---\r\n', 'policy: p\n', 'requirements:\n', '  r:\n', '    expect: ', '    in:\n', '      - file: c.json\n', '        at: ', 'review:\n', 'controls: [CC6.1]\n', 'exceptions:\n', '&a ', '*a', '{', '}', '[', ']', ': ', '- '];
    const configs = Object.fromEntries(FORMATS.map((f) => [f.file, f.sample]));
    fc.assert(
      fc.property(document(VALID_POLICY, front), (bytes) => check({ 'policies/p.md': bytes, ...configs })),
      params(RUNS * 2),
    );
  });

  for (const format of FORMATS) {
    it(`any bytes as a ${format.file.replace(/^.*\./, '.')} source`, () => {
      const reader = readerPolicy(format.file, format.at);
      fc.assert(
        fc.property(document(format.sample, format.tokens), (bytes) => check({ 'policies/p.md': reader, [format.file]: bytes })),
        params(),
      );
    });
  }

  it('any bytes as tenet.yaml', () => {
    const sample = 'policies: ["policies/**/*.md"]\nframework: soc2-2017\nrules:\n  review/overdue: warning\n';
    const tokens = ['policies:', 'framework:', 'today:', 'rules:', ': ', '- ', '[', ']', '"**/*.md"', 'off', '__proto__:'];
    fc.assert(
      fc.property(document(sample, tokens), (bytes) => check({ 'tenet.yaml': bytes, 'policies/p.md': VALID_POLICY, 'c.json': '{"a": 8}' })),
      params(),
    );
  });
});
