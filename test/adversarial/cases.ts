// The hostile cases of test/adversarial/corpus.test.ts: what each one puts in the workspace, and the
// exact findings it must produce (or the documented reason it produces none). Small fixtures are
// committed under corpus/ (byte-exact: see corpus/.gitattributes); anything large, and anything that
// must be made on the disk at test time (symlinks, FIFOs, sparse files, permissions), is generated here.
//
// Every config case uses one policy layout (`casePolicy`), so its places in the policy are fixed:
//   line 14 `      - file: <file>`   the file value starts at 14:15
//   line 15 `        at: <at>`       the at value starts at 15:13
// Its requirement is `r`, its policy id the case id, its file `policies/<id>.md`.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { policy } from '../helpers/workspace';

export const CORPUS = path.join(__dirname, 'corpus');

/** A generous safety net, not a performance target (see README.md). */
export const CEILING_MS = 10_000;
/** RSS growth allowed for one case; a leak or an unbounded expansion would blow far past it. */
export const CEILING_RSS_MB = 512;

export interface Expected {
  rule: string;
  message: string;
  file: string;
  /** 1-based `line:col-line:col`, end exclusive (as test/helpers/workspace.ts prints ranges). */
  range: string;
}

export interface Case {
  id: string;
  /** One line for the README table. */
  what: string;
  /** Committed files under corpus/ this case uses (copied to the same path in the workspace). */
  corpus?: string[];
  /** Files generated at test time (workspace-relative path → content). */
  files?: () => Record<string, string | Uint8Array>;
  /** Anything else made on the disk (symlinks, FIFOs, sparse files, modes). Returns false when unsupported here. */
  setup?: (root: string) => unknown;
  /** A deterministic race: `act` runs just before NodeFs opens `file`; `restore` before each run. */
  race?: { file: string; act: (abs: string) => void; restore: (abs: string) => void };
  /** The policy, when it is not a committed corpus file: `casePolicy(...)` for config cases. */
  policy?: () => string;
  /** The findings this case's policy and files must produce, exactly. Empty: a documented silent case. */
  expected: Expected[] | ((root: string) => Expected[]);
  /** Statuses of this case's requirements (`policy/requirement` → status). */
  statuses?: Record<string, string> | ((root: string) => Record<string, string>);
  /** Why the case has no finding, when `expected` is empty (README). */
  silent?: string;
}

/** The policy of a config case: one requirement `r` reading `file` at `at`. */
export function casePolicy(id: string, file: string, at: string, expect = '">= 12"', says = 'Passwords have at least 12 characters.'): string {
  return policy(id, `requirements:\n  r:\n    says: ${says}\n    expect: ${expect}\n    in:\n      - file: ${file}\n        at: ${at}\n`);
}

/** Range of the `file:` value of a case policy, `written` being the value as written. */
export function fileRange(written: string): string {
  return `14:15-14:${15 + written.length}`;
}

/** Range of the `at:` value of a case policy. */
export function atRange(written: string): string {
  return `15:13-15:${13 + written.length}`;
}

export const HEALTHY_POLICY = policy('healthy', 'requirements:\n  s:\n    says: Logging is on.\n    expect: true\n    in:\n      - file: healthy.json\n        at: $.enabled\n');

export const HEALTHY_DRIFT: Expected = {
  rule: 'requirement/drift',
  message: 'enabled is false; policy healthy › s expects true',
  file: 'healthy.json',
  range: '1:13-1:18',
};

export const CASES: Case[] = [];

function inPolicy(id: string, rule: string, message: string, range: string): Expected {
  return { rule, message, file: `policies/${id}.md`, range };
}

function write(root: string, rel: string, content: string | Uint8Array): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Whether this process reads files whatever their mode (root, CAP_DAC_OVERRIDE): then chmod 000 does not stop it. */
export function bypassesPermissions(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r'));
    return true;
  } catch {
    return false;
  }
}

const DEEP = 10_000;
const AAAA = 'a'.repeat(100_000) + '!';
const NO_NUMBER = 'Selections stay bounded.';
const SAYS10 = '"says" states 10 but expect is ">= 12": make the sentence and the check agree';
const MB = 1024 * 1024;

const config = (id: string, file: string, at: string, expect?: string, says?: string) => () => casePolicy(id, file, at, expect, says);
const cannotParse = (file: string, message: string, range: string): Expected => ({ rule: 'source/unreadable', message: `${file} cannot be parsed: ${message}`, file, range });
const drift = (id: string, name: string, value: string, file: string, range: string, expects = '>= 12', requirement = 'r'): Expected => ({
  rule: 'requirement/drift',
  message: `${name} is ${value}; policy ${id} › ${requirement} expects ${expects}`,
  file,
  range,
});
const outside = (id: string, written: string, message: string): Expected => inPolicy(id, 'source/outside-workspace', `${message}: Tenet reads only files inside the workspace`, fileRange(written));
const unreadable = (id: string, written: string, message: string): Expected => inPolicy(id, 'source/unreadable', message, fileRange(written));
const deepMessage = 'the document is nested more than 200 levels deep';
const tomlDeep = 'the TOML is nested more than 200 levels deep';
const UNKNOWN = { r: 'unknown' };
const DRIFT = { r: 'drift' };
const VERIFIED = { r: 'verified' };

CASES.push(
  // --- YAML alias bombs and 10,000-deep nesting, in front matter and in configs ------------------
  {
    id: 'fm-alias-bomb',
    what: 'front matter: billion laughs (9 levels of 9 aliases)',
    corpus: ['policies/fm-alias-bomb.md'],
    // *a is 10 nodes, *b 91, *c 820, *d 7,381: lines b–d use 8,289, the first *d of line e crosses 10,000.
    expected: [inPolicy('fm-alias-bomb', 'front-matter/syntax', 'YAML syntax error: aliases expand to more than 10000 nodes', '14:10-14:12')],
    statuses: {},
  },
  {
    id: 'fm-deep-flow',
    what: 'front matter: a value nested 10,000 deep in [ ]',
    policy: () => policy('fm-deep-flow', `x-deep: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`),
    // Line 9 is `x-deep: [[[…`; the 201st `[` is at column 9 + 200.
    expected: [inPolicy('fm-deep-flow', 'front-matter/syntax', `YAML syntax error: ${deepMessage}`, '9:209-9:210')],
    statuses: {},
  },
  {
    id: 'fm-deep-block',
    what: 'front matter: a block sequence nested 10,000 deep (`- - - … x`)',
    policy: () => policy('fm-deep-block', `x-deep:\n  ${'- '.repeat(DEEP)}x\n`),
    // Block nesting is measured by indentation (a `- ` counts), reported where the indentation ends.
    expected: [inPolicy('fm-deep-block', 'front-matter/syntax', `YAML syntax error: ${deepMessage}`, '10:20003-10:20004')],
    statuses: {},
  },
  {
    id: 'cfg-alias-bomb',
    what: 'YAML config: billion laughs',
    corpus: ['configs/alias-bomb.yaml'],
    policy: config('cfg-alias-bomb', 'configs/alias-bomb.yaml', '$.v'),
    expected: [cannotParse('configs/alias-bomb.yaml', 'aliases expand to more than 10000 nodes', '5:8-5:10')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-yaml-flow',
    what: 'YAML config: 10,000-deep flow sequence',
    files: () => ({ 'gen/deep-flow.yaml': `v: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` }),
    policy: config('cfg-deep-yaml-flow', 'gen/deep-flow.yaml', '$.v'),
    expected: [cannotParse('gen/deep-flow.yaml', deepMessage, '1:204-1:205')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-yaml-block',
    what: 'YAML config: 10,000-deep block sequence',
    files: () => ({ 'gen/deep-block.yaml': `${'- '.repeat(DEEP)}x\n` }),
    policy: config('cfg-deep-yaml-block', 'gen/deep-block.yaml', '$[0]'),
    expected: [cannotParse('gen/deep-block.yaml', deepMessage, '1:20001-1:20002')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-yaml-map',
    what: 'YAML config: 1,000 mappings, each indented one column more',
    files: () => ({ 'gen/deep-map.yaml': Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n' }),
    policy: config('cfg-deep-yaml-map', 'gen/deep-map.yaml', '$.a'),
    // Over 800 columns of indentation (200 levels × 4) is refused before parsing: line 802 has 801.
    expected: [cannotParse('gen/deep-map.yaml', deepMessage, '802:802-802:803')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-json',
    what: 'JSON config: 10,000-deep arrays',
    files: () => ({ 'gen/deep.json': `{"v": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}` }),
    policy: config('cfg-deep-json', 'gen/deep.json', '$.v'),
    expected: [cannotParse('gen/deep.json', deepMessage, '1:206-1:207')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-json-obj',
    what: 'JSON config: 10,000-deep objects',
    files: () => ({ 'gen/deep-obj.json': `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}` }),
    policy: config('cfg-deep-json-obj', 'gen/deep-obj.json', '$.a'),
    expected: [cannotParse('gen/deep-obj.json', deepMessage, '1:1001-1:1002')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-toml-array',
    what: 'TOML config: 10,000-deep array',
    files: () => ({ 'gen/deep-array.toml': `v = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` }),
    policy: config('cfg-deep-toml-array', 'gen/deep-array.toml', '$.v'),
    expected: [cannotParse('gen/deep-array.toml', tomlDeep, '1:205-1:206')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-toml-inline',
    what: 'TOML config: 10,000-deep inline tables',
    files: () => ({ 'gen/deep-inline.toml': `v = ${'{a = '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n` }),
    policy: config('cfg-deep-toml-inline', 'gen/deep-inline.toml', '$.v'),
    expected: [cannotParse('gen/deep-inline.toml', tomlDeep, '1:1005-1:1006')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-toml-dotted',
    what: 'TOML config: a dotted key of 10,000 parts',
    files: () => ({ 'gen/deep-dotted.toml': `${Array(DEEP).fill('a').join('.')} = 1\n` }),
    policy: config('cfg-deep-toml-dotted', 'gen/deep-dotted.toml', '$.a'),
    expected: [cannotParse('gen/deep-dotted.toml', tomlDeep, '1:401-1:402')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-deep-toml-table',
    what: 'TOML config: a table header of 10,000 parts',
    files: () => ({ 'gen/deep-table.toml': `[${Array(DEEP).fill('a').join('.')}]\nv = 1\n` }),
    policy: config('cfg-deep-toml-table', 'gen/deep-table.toml', '$.a'),
    expected: [cannotParse('gen/deep-table.toml', tomlDeep, '1:402-1:403')],
    statuses: UNKNOWN,
  },
  {
    id: 'tf-deep',
    what: 'Terraform: 10,000 nested blocks and a 10,000-deep expression',
    files: () => ({ 'gen/tf-deep/main.tf': `resource "x" "y" {\n${'a {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}  v = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n}\n` }),
    policy: config('tf-deep', 'gen/tf-deep/main.tf', 'x.y.v'),
    expected: [{
      rule: 'value/unknown',
      message: `v cannot be known statically (${'['.repeat(79)}…, nested more than 200 levels deep); policy tf-deep › r is not checked against it`,
      file: 'gen/tf-deep/main.tf',
      range: '20002:7-20002:20007',
    }],
    statuses: UNKNOWN,
  },

  // --- size, bytes, encodings, line ends, long lines --------------------------------------------
  {
    id: 'cfg-huge',
    what: 'a 200 MB JSON config (sparse): refused by its size, never opened',
    setup: (root) => {
      const file = path.join(root, 'gen/huge.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.closeSync(fs.openSync(file, 'w'));
      fs.truncateSync(file, 200 * MB);
    },
    policy: config('cfg-huge', 'gen/huge.json', '$.v'),
    expected: [unreadable('cfg-huge', 'gen/huge.json', 'gen/huge.json: the file is 200.0 MB, over the 10.0 MB limit')],
    statuses: UNKNOWN,
  },
  {
    id: 'fm-binary',
    what: 'policy with NUL bytes (binary)',
    corpus: ['policies/fm-binary.md'],
    expected: [inPolicy('fm-binary', 'front-matter/syntax', 'the policy cannot be read: the file is binary (it contains NUL bytes)', '1:1-1:1')],
    statuses: {},
  },
  {
    id: 'fm-nul-late',
    what: 'policy with a NUL byte after the first 8 KB (past the binary probe)',
    policy: () => policy('fm-nul-late', `x-pad: "${'x'.repeat(9000)}"\nx-nul: "a\u0000b"\n`),
    // Past the 8 KB binary probe the file decodes as text (NUL is valid UTF-8), and the `yaml`
    // package keeps a NUL as data: the policy is read like any other, its keys checked.
    expected: [
      inPolicy('fm-nul-late', 'control/unverified', 'control CC6.1 is claimed, but no requirement of this policy is checked against a source', '8:1-8:9'),
      inPolicy('fm-nul-late', 'front-matter/schema', 'unknown key "x-pad"', '9:1-9:6'),
      inPolicy('fm-nul-late', 'front-matter/schema', 'unknown key "x-nul"', '10:1-10:6'),
    ],
    statuses: {},
  },
  {
    id: 'fm-invalid-utf8',
    what: 'policy that is not valid UTF-8',
    corpus: ['policies/fm-invalid-utf8.md'],
    expected: [inPolicy('fm-invalid-utf8', 'front-matter/syntax', 'the policy cannot be read: the file is not valid UTF-8', '1:1-1:1')],
    statuses: {},
  },
  {
    id: 'cfg-binary',
    what: 'JSON config with NUL bytes',
    corpus: ['configs/binary.json'],
    policy: config('cfg-binary', 'configs/binary.json', '$.v'),
    expected: [unreadable('cfg-binary', 'configs/binary.json', 'configs/binary.json: the file is binary (it contains NUL bytes)')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-nul-late',
    what: 'JSON config with a NUL byte after the first 8 KB',
    files: () => ({ 'gen/nul-late.json': `{"pad": "${'x'.repeat(9000)}", "v": "a\u0000b"}` }),
    policy: config('cfg-nul-late', 'gen/nul-late.json', '$.v'),
    // Decoded as text; the JSON parser refuses the control character, on the string that holds it.
    expected: [cannotParse('gen/nul-late.json', 'JSON syntax error: invalid character', '1:9018-1:9023')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-invalid-utf8',
    what: 'JSON config that is not valid UTF-8',
    corpus: ['configs/invalid-utf8.json'],
    policy: config('cfg-invalid-utf8', 'configs/invalid-utf8.json', '$.v'),
    expected: [unreadable('cfg-invalid-utf8', 'configs/invalid-utf8.json', 'configs/invalid-utf8.json: the file is not valid UTF-8')],
    statuses: UNKNOWN,
  },
  {
    id: 'fm-utf16le',
    what: 'UTF-16 LE policy (BOM) reading a UTF-16 LE JSON config',
    corpus: ['policies/fm-utf16le.md', 'configs/utf16le.json'],
    expected: [
      drift('fm-utf16le', 'v', '8', 'configs/utf16le.json', '3:8-3:9'),
      inPolicy('fm-utf16le', 'requirement/statement-mismatch', SAYS10, '11:35-11:37'),
    ],
    statuses: DRIFT,
  },
  {
    id: 'fm-utf16be',
    what: 'UTF-16 BE policy (BOM) reading a UTF-16 BE YAML config with astral characters',
    corpus: ['policies/fm-utf16be.md', 'configs/utf16be.yaml'],
    expected: [
      drift('fm-utf16be', 'v', '8', 'configs/utf16be.yaml', '3:4-3:5'),
      inPolicy('fm-utf16be', 'requirement/statement-mismatch', SAYS10, '11:35-11:37'),
    ],
    statuses: DRIFT,
  },
  {
    id: 'fm-crlf',
    what: 'CRLF policy reading a CRLF YAML config',
    corpus: ['policies/fm-crlf.md', 'configs/crlf.yaml'],
    expected: [
      drift('fm-crlf', 'v', '8', 'configs/crlf.yaml', '4:4-4:5'),
      inPolicy('fm-crlf', 'requirement/statement-mismatch', SAYS10, '11:35-11:37'),
    ],
    statuses: DRIFT,
  },
  {
    id: 'fm-cr',
    what: 'lone-CR policy reading a lone-CR YAML config',
    corpus: ['policies/fm-cr.md', 'configs/cr.yaml'],
    expected: [
      drift('fm-cr', 'v', '8', 'configs/cr.yaml', '4:4-4:5'),
      inPolicy('fm-cr', 'requirement/statement-mismatch', SAYS10, '11:35-11:37'),
    ],
    statuses: DRIFT,
  },
  ...(
    [
      ['json', '$.v', drift('cfg-cr-json', 'v', '8', 'configs/cr.json', '3:8-3:9'), DRIFT],
      ['ini', '$.s.v', drift('cfg-cr-ini', 'v', '8', 'configs/cr.ini', '4:5-4:6'), DRIFT],
      ['env', '$.V', drift('cfg-cr-env', 'V', '8', 'configs/cr.env', '2:3-2:4'), DRIFT],
      ['csv', 'v', drift('cfg-cr-csv', 'v (row 3)', '8', 'configs/cr.csv', '3:5-3:6'), DRIFT],
      // TOML allows only LF and CRLF: a lone CR is a syntax error, placed on the next line's first key.
      ['toml', '$.v', cannotParse('configs/cr.toml', 'TOML syntax error: must be a newline', '2:1-2:2'), UNKNOWN],
    ] as const
  ).map(([ext, at, finding, statuses]): Case => ({
    id: `cfg-cr-${ext}`,
    what: `lone-CR ${ext === 'env' ? 'dotenv' : ext.toUpperCase()} config`,
    corpus: [`configs/cr.${ext}`],
    policy: config(`cfg-cr-${ext}`, `configs/cr.${ext}`, at),
    expected: [finding],
    statuses,
  })),
  {
    id: 'cfg-long-line',
    what: 'JSON config: one 1 MB line, the value at its end',
    files: () => ({ 'gen/long.json': `{"pad": "${'x'.repeat(MB)}", "v": 8}` }),
    policy: config('cfg-long-line', 'gen/long.json', '$.v'),
    expected: [drift('cfg-long-line', 'v', '8', 'gen/long.json', `1:${MB + 18}-1:${MB + 19}`)],
    statuses: DRIFT,
  },
  {
    id: 'fm-long-says',
    what: 'policy: a 1 MB `says` line of numbers (the statement check scanned it quadratically)',
    files: () => ({ 'gen/twelve.json': '{"v": 12}' }),
    policy: config('fm-long-says', 'gen/twelve.json', '$.v', '">= 12"', '1 '.repeat(MB / 2)),
    expected: [inPolicy('fm-long-says', 'requirement/statement-mismatch', '"says" states 1 but expect is ">= 12": make the sentence and the check agree', '11:11-11:12')],
    statuses: VERIFIED,
  },

  // Many tiny values: within the size limit, but the parsers' objects per value ran Node out of
  // memory (TOML, CSV) or took a minute (YAML) before the per-format item bounds (limits.ts).
  {
    id: 'cfg-many-json',
    what: 'JSON config: an array of 1,000,001 values (2 MB)',
    files: () => ({ 'gen/many.json': `[${'0,'.repeat(1_000_001)}0]` }),
    policy: config('cfg-many-json', 'gen/many.json', '$[0]'),
    // The 1,000,001st comma is at offset 2,000,002.
    expected: [cannotParse('gen/many.json', 'the file has more than 1,000,000 items; Tenet reads at most 1,000,000', '1:2000003-1:2000004')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-many-yaml',
    what: 'YAML config: a list of 250,001 values',
    files: () => ({ 'gen/many.yaml': '- 0\n'.repeat(250_001) }),
    policy: config('cfg-many-yaml', 'gen/many.yaml', '$[0]'),
    // Reported on the line break that crosses the bound: the end of line 250,001.
    expected: [cannotParse('gen/many.yaml', 'the file has more than 250,000 lines and list items; Tenet reads at most 250,000', '250001:4-250002:1')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-many-yaml-keys',
    what: 'YAML config: 40,000 keys, then a repeated key (the duplicate check was quadratic: 16 s)',
    files: () => ({ 'gen/keys.yaml': `${Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk0: again\n` }),
    policy: config('cfg-many-yaml-keys', 'gen/keys.yaml', '$.k1'),
    expected: [cannotParse('gen/keys.yaml', 'Map keys must be unique', '40001:1-40001:3')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-many-toml',
    what: 'TOML config: 100,001 keys',
    files: () => ({ 'gen/many.toml': Array.from({ length: 100_001 }, (_, i) => `k${i} = 0\n`).join('') }),
    policy: config('cfg-many-toml', 'gen/many.toml', '$.k0'),
    expected: [cannotParse('gen/many.toml', 'the file has more than 100,000 lines and list items; Tenet reads at most 100,000', '100001:12-100002:1')],
    statuses: UNKNOWN,
  },
  {
    id: 'cfg-many-csv',
    what: 'CSV config: 500,001 rows',
    files: () => ({ 'gen/many.csv': `v\n${'0\n'.repeat(500_000)}` }),
    policy: config('cfg-many-csv', 'gen/many.csv', 'v'),
    // The header's line break is item 1; the break ending row 500,001 is item 500,001.
    expected: [cannotParse('gen/many.csv', 'CSV: the file has more than 500,000 cells and rows; Tenet reads at most 500,000', '500001:2-500002:1')],
    statuses: UNKNOWN,
  },
  {
    id: 'csv-selection-cap',
    what: 'CSV config: a column of 100,001 rows (over the selection bound)',
    files: () => ({ 'gen/rows.csv': `v\n${'0\n'.repeat(100_001)}` }),
    policy: config('csv-selection-cap', 'gen/rows.csv', 'v', 'exists', NO_NUMBER),
    expected: [inPolicy('csv-selection-cap', 'selector/invalid', 'the selection has more than 100,000 values; Tenet checks at most 100,000 per source (narrow `at`)', atRange('v'))],
    statuses: UNKNOWN,
  },

  // --- prototype keys -----------------------------------------------------------------------------
  {
    id: 'fm-proto',
    what: 'front matter with __proto__, constructor and prototype keys (also as requirement ids and operator)',
    corpus: ['policies/fm-proto.md'],
    expected: [
      drift('fm-proto', 'enabled', 'false', 'healthy.json', '1:13-1:18', 'true', '__proto__'),
      inPolicy('fm-proto', 'front-matter/schema', 'unknown key "__proto__"', '9:1-9:10'),
      inPolicy('fm-proto', 'front-matter/schema', 'unknown key "constructor"', '11:1-11:12'),
      inPolicy('fm-proto', 'front-matter/schema', 'unknown key "prototype"', '14:1-14:10'),
      inPolicy('fm-proto', 'front-matter/schema', 'requirement id "__proto__" must be kebab-case (lower-case words joined by "-")', '16:3-16:12'),
      inPolicy('fm-proto', 'front-matter/schema', '"expect" needs "in" beside it in "constructor"', '24:5-24:11'),
      inPolicy('fm-proto', 'front-matter/schema', 'expect: unknown operator "__proto__": expect objects take oneOf, noneOf, noneMatch, count or subsetOf', '24:14-24:23'),
    ],
    // A computed key: `__proto__: …` in an object literal would set the prototype, not a key.
    statuses: { ['__proto__']: 'drift', constructor: 'unchecked' },
  },
  ...(['json', 'yaml', 'toml'] as const).map((ext): Case => {
    const ranges = { json: ['2:29-2:30', '3:45-3:46', '4:29-4:30'], yaml: ['2:13-2:14', '5:15-5:16', '6:23-6:24'], toml: ['2:12-2:13', '5:12-5:13', '8:26-8:27'] }[ext];
    const file = `configs/proto.${ext}`;
    return {
      id: `cfg-proto-${ext}`,
      what: `${ext.toUpperCase()} config with __proto__, constructor.prototype and prototype keys`,
      corpus: [file],
      policy: config(`cfg-proto-${ext}`, file, '"$..polluted"'),
      expected: ranges.map((range, i) => drift(`cfg-proto-${ext}`, 'polluted', String(i + 1), file, range)),
      statuses: DRIFT,
    };
  }),
  {
    id: 'cfg-proto-ini',
    what: 'INI config with [__proto__] and [constructor] sections',
    corpus: ['configs/proto.ini'],
    policy: config('cfg-proto-ini', 'configs/proto.ini', `"$['__proto__'].polluted"`),
    expected: [drift('cfg-proto-ini', 'polluted', '1', 'configs/proto.ini', '2:12-2:13')],
    statuses: DRIFT,
  },
  {
    id: 'cfg-proto-env',
    what: 'dotenv config with __proto__, constructor and prototype variables',
    corpus: ['configs/proto.env'],
    policy: config('cfg-proto-env', 'configs/proto.env', '"$.__proto__"'),
    expected: [drift('cfg-proto-env', '__proto__', '1', 'configs/proto.env', '1:11-1:12')],
    statuses: DRIFT,
  },
  {
    id: 'cfg-proto-csv',
    what: 'CSV config with __proto__, constructor and prototype columns',
    corpus: ['configs/proto.csv'],
    policy: config('cfg-proto-csv', 'configs/proto.csv', '__proto__'),
    expected: [drift('cfg-proto-csv', '__proto__ (row 2)', '1', 'configs/proto.csv', '2:1-2:2')],
    statuses: DRIFT,
  },

  // --- catastrophic regular expressions ---------------------------------------------------------
  {
    id: 're-matches',
    what: '`matches (a+)+$` against "aaaa…!" (100,001 characters)',
    files: () => ({ 'gen/aaaa.json': JSON.stringify({ v: AAAA, items: [{ v: AAAA }] }) }),
    policy: config('re-matches', 'gen/aaaa.json', '$.v', '"matches (a+)+$"'),
    expected: [{
      rule: 'requirement/drift',
      message: `v is ${JSON.stringify('a'.repeat(120))}… (100001 characters); policy re-matches › r expects matches (a+)+$`,
      file: 'gen/aaaa.json',
      range: '1:6-1:100009',
    }],
    statuses: DRIFT,
  },
  {
    id: 're-nonematch',
    what: '`noneMatch: (a+)+$` against "aaaa…!"',
    policy: config('re-nonematch', 'gen/aaaa.json', '$.v', '{noneMatch: "(a+)+$"}', NO_NUMBER),
    expected: [],
    statuses: VERIFIED,
    silent: 'the value does not match, so noneMatch holds: verified, decided in linear time',
  },
  {
    id: 're-jsonpath',
    what: "JSONPath filter `match(@.v, '(a+)+$')` against \"aaaa…!\"",
    policy: config('re-jsonpath', 'gen/aaaa.json', `"$.items[?match(@.v, '(a+)+$')].v"`, 'exists', NO_NUMBER),
    expected: [inPolicy('re-jsonpath', 'requirement/drift', "$.items[?match(@.v, '(a+)+$')].v selects nothing in gen/aaaa.json; policy re-jsonpath › r expects it to exist", atRange(`"$.items[?match(@.v, '(a+)+$')].v"`))],
    statuses: DRIFT,
  },

  // --- JSONPath: recursive descent, huge slices, work ---------------------------------------------
  {
    id: 'jp-slice',
    what: '`$[0:9007199254740991]` on a 5-element array',
    files: () => ({ 'gen/five.json': '[1, 2, 3, 4, 5]' }),
    policy: config('jp-slice', 'gen/five.json', '"$[0:9007199254740991]"', '{count: "== 5"}', NO_NUMBER),
    expected: [],
    statuses: VERIFIED,
    silent: 'the slice is clamped to the array: count == 5 is verified',
  },
  {
    id: 'jp-slice-out',
    what: '`$[9007199254740992:]` (beyond the I-JSON integer range)',
    policy: config('jp-slice-out', 'gen/five.json', '"$[9007199254740992:]"', 'exists', NO_NUMBER),
    expected: [inPolicy('jp-slice-out', 'selector/invalid', 'invalid JSONPath "$[9007199254740992:]": index out of range', '15:16-15:34')],
    statuses: UNKNOWN,
  },
  {
    id: 'jp-deep',
    what: '`$..*` over a 199-deep document',
    files: () => ({ 'gen/deep199.json': `${'['.repeat(199)}${']'.repeat(199)}` }),
    policy: config('jp-deep', 'gen/deep199.json', '"$..*"', '{count: "== 198"}', NO_NUMBER),
    expected: [],
    statuses: VERIFIED,
    silent: 'every descendant is selected: count == 198 is verified',
  },
  {
    id: 'jp-wide',
    what: '`$[*]` over a 1,000,000-element array',
    files: () => ({ 'gen/wide.json': `[${'0,'.repeat(999_999)}0]` }),
    policy: config('jp-wide', 'gen/wide.json', '"$[*]"', 'exists', NO_NUMBER),
    expected: [inPolicy('jp-wide', 'selector/invalid', 'the selection has more than 100,000 values; Tenet checks at most 100,000 per source (narrow `at`)', atRange('"$[*]"'))],
    statuses: UNKNOWN,
  },
  {
    id: 'jp-wide-deep',
    what: '`$..*` over 200,000 values 150 levels deep',
    files: () => ({ 'gen/wide-deep.json': `${'['.repeat(150)}${'0,'.repeat(199_999)}0${']'.repeat(150)}` }),
    policy: config('jp-wide-deep', 'gen/wide-deep.json', '"$..*"', 'exists', NO_NUMBER),
    expected: [inPolicy('jp-wide-deep', 'selector/invalid', 'the query visits too much of the document (over 2,000,000 steps): use fewer descendant segments (..) and nested filters', atRange('"$..*"'))],
    statuses: UNKNOWN,
  },
  {
    id: 'jp-nested-descent',
    what: '`$..[?@..[?@..*]]` over a 199-deep document (took 7 s a level before the work budget)',
    files: () => ({ 'gen/chain.json': `${'{"a":'.repeat(199)}1${'}'.repeat(199)}` }),
    policy: config('jp-nested-descent', 'gen/chain.json', '"$..[?@..[?@..[?@..*]]]"', 'exists', NO_NUMBER),
    expected: [inPolicy('jp-nested-descent', 'selector/invalid', 'the query visits too much of the document (over 2,000,000 steps): use fewer descendant segments (..) and nested filters', atRange('"$..[?@..[?@..[?@..*]]]"'))],
    statuses: UNKNOWN,
  },
  {
    id: 'jp-root-in-filter',
    what: '`$.c[?$.a == $.b]`: root queries in a filter (quadratic before they were refused)',
    files: () => ({ 'gen/abc.json': JSON.stringify({ a: Array(100_000).fill(0), b: Array(100_000).fill(0), c: Array(100_000).fill(0) }) }),
    policy: config('jp-root-in-filter', 'gen/abc.json', '"$.c[?$.a == $.b]"', 'exists', NO_NUMBER),
    expected: [inPolicy('jp-root-in-filter', 'selector/invalid', 'invalid JSONPath "$.c[?$.a == $.b]": Tenet does not run a query from the root ($) inside a filter, which would run again for every candidate; use @ (the candidate) or a literal', '15:19-15:30')],
    statuses: UNKNOWN,
  },

  // --- Terraform and CSV structure --------------------------------------------------------------
  {
    id: 'tf-unterminated-block',
    what: 'Terraform: a block never closed',
    corpus: ['configs/tf-block/main.tf'],
    policy: config('tf-unterminated-block', 'configs/tf-block/main.tf', 'aws_iam_account_password_policy.strict.minimum_password_length'),
    expected: [cannotParse('configs/tf-block/main.tf', 'syntax error, missing "}"', '6:1-6:1')],
    statuses: UNKNOWN,
  },
  {
    id: 'tf-unterminated-heredoc',
    what: 'Terraform: a heredoc never closed',
    corpus: ['configs/tf-heredoc/main.tf'],
    policy: config('tf-unterminated-heredoc', 'configs/tf-heredoc/main.tf', 'aws_iam_account_password_policy.strict.minimum_password_length'),
    expected: [cannotParse('configs/tf-heredoc/main.tf', 'syntax error, missing "heredoc_identifier"', '6:1-6:1')],
    statuses: UNKNOWN,
  },
  {
    id: 'csv-ragged',
    what: 'CSV: rows shorter and longer than the header, a blank line',
    corpus: ['configs/ragged.csv'],
    policy: config('csv-ragged', 'configs/ragged.csv', 'mfa', 'true', NO_NUMBER),
    // bob (row 3) and dave (row 6) have no mfa cell: nothing is selected there (documented in csv.ts).
    expected: [drift('csv-ragged', 'mfa (row 4)', 'false', 'configs/ragged.csv', '4:11-4:16', 'true')],
    statuses: DRIFT,
  },
  {
    id: 'csv-multiline',
    what: 'CSV: a quoted cell spanning three lines (LF and CRLF inside), doubled quotes',
    corpus: ['configs/multiline.csv'],
    policy: config('csv-multiline', 'configs/multiline.csv', 'mfa', 'true', NO_NUMBER),
    expected: [drift('csv-multiline', 'mfa (row 2)', 'false', 'configs/multiline.csv', '4:13-4:18', 'true')],
    statuses: DRIFT,
  },
);

// --- hostile paths and files that are not regular files ------------------------------------------
// Races: `race` runs just before NodeFs opens the file (after its realpath and stat checks passed),
// which is the window a real attacker would aim for; `restore` puts the file back before each run.

const pathCase = (id: string, written: string, expected: (id: string) => Expected, extra: Partial<Case> = {}): Case => ({
  id,
  what: `file: ${written}`,
  policy: config(id, written, '$.v'),
  expected: [expected(id)],
  statuses: UNKNOWN,
  ...extra,
});

CASES.push(
  pathCase('path-dotdot', '../outside.json', (id) => outside(id, '../outside.json', '"../outside.json" leaves the workspace')),
  pathCase('path-abs', '/etc/passwd', (id) => outside(id, '/etc/passwd', '"/etc/passwd" is an absolute path')),
  pathCase('path-win', String.raw`"C:\\Windows\\win.ini"`, (id) => outside(id, String.raw`"C:\\Windows\\win.ini"`, String.raw`"C:\Windows\win.ini" is an absolute path`)),
  pathCase('path-unc', String.raw`"\\\\server\\share\\x"`, (id) => outside(id, String.raw`"\\\\server\\share\\x"`, String.raw`"\\server\share\x" is an absolute path`)),
  pathCase('path-devzero', '/dev/zero', (id) => outside(id, '/dev/zero', '"/dev/zero" is an absolute path')),
  pathCase('path-nul', String.raw`"a\0b.json"`, (id) => outside(id, String.raw`"a\0b.json"`, 'the path contains a NUL character')),
  pathCase('path-root', '"policies/.."', (id) => outside(id, '"policies/.."', '"policies/.." is the workspace folder itself, not a file')),
  pathCase('path-long', `${'a/'.repeat(3000)}x.json`, (id) => inPolicy(id, 'source/missing', `${'a/'.repeat(3000)}x.json does not exist`, fileRange(`${'a/'.repeat(3000)}x.json`))),
  pathCase('path-symlink-out', 'gen/passwd.json', (id) => outside(id, 'gen/passwd.json', 'gen/passwd.json resolves outside the workspace'), {
    what: 'file: a symlink to /etc/passwd',
    setup: (root) => fs.symlinkSync('/etc/passwd', path.join(root, 'gen/passwd.json')),
  }),
  pathCase('path-devzero-link', 'gen/zero.json', (id) => outside(id, 'gen/zero.json', 'gen/zero.json resolves outside the workspace'), {
    what: 'file: a symlink to /dev/zero',
    setup: (root) => fs.symlinkSync('/dev/zero', path.join(root, 'gen/zero.json')),
  }),
  pathCase('path-symlink-loop', 'gen/loop-a.json', (id) => unreadable(id, 'gen/loop-a.json', 'gen/loop-a.json cannot be read: its symbolic links form a loop'), {
    what: 'file: a symlink loop (a → b → a)',
    setup: (root) => {
      fs.symlinkSync('loop-b.json', path.join(root, 'gen/loop-a.json'));
      fs.symlinkSync('loop-a.json', path.join(root, 'gen/loop-b.json'));
    },
  }),
  pathCase('path-fifo', 'gen/fifo.json', (id) => unreadable(id, 'gen/fifo.json', 'gen/fifo.json is not a regular file (it is a FIFO)'), {
    what: 'file: a FIFO (opening it would block)',
    setup: (root) => mkfifo(path.join(root, 'gen/fifo.json')),
  }),
  pathCase('path-device', 'gen/null.json', (id) => unreadable(id, 'gen/null.json', 'gen/null.json is not a regular file (it is a character device)'), {
    what: 'file: a character device inside the workspace (mknod c 1 3)',
    setup: (root) => spawnSync('mknod', [path.join(root, 'gen/null.json'), 'c', '1', '3']).status === 0,
  }),
  pathCase('path-dir', 'gen/dir.json', (id) => unreadable(id, 'gen/dir.json', 'gen/dir.json is a directory, not a file'), {
    what: 'file: a directory',
    setup: (root) => fs.mkdirSync(path.join(root, 'gen/dir.json/inner'), { recursive: true }),
  }),
  {
    id: 'path-unreadable',
    what: 'file: mode 000 (as root it is still readable, and read)',
    setup: (root) => {
      write(root, 'gen/locked.json', '{"v": 8}');
      fs.chmodSync(path.join(root, 'gen/locked.json'), 0);
    },
    policy: config('path-unreadable', 'gen/locked.json', '$.v'),
    // Root (or CAP_DAC_OVERRIDE) reads it anyway, and so does Tenet: the value is checked.
    expected: (root) => bypassesPermissions(path.join(root, 'gen/locked.json'))
      ? [drift('path-unreadable', 'v', '8', 'gen/locked.json', '1:7-1:8')]
      : [unreadable('path-unreadable', 'gen/locked.json', 'gen/locked.json cannot be read: permission denied')],
    statuses: (root) => (bypassesPermissions(path.join(root, 'gen/locked.json')) ? DRIFT : UNKNOWN),
  },
  {
    ...pathCase('path-vanish', 'gen/vanish.json', (id) => inPolicy(id, 'source/missing', 'gen/vanish.json does not exist', fileRange('gen/vanish.json'))),
    what: 'file: deleted after its checks, before it is opened',
    race: { file: 'gen/vanish.json', act: (abs) => fs.unlinkSync(abs), restore: (abs) => replaceWith(abs, '{"v": 8}') },
  },
  {
    ...pathCase('path-swap-fifo', 'gen/swap-fifo.json', (id) => unreadable(id, 'gen/swap-fifo.json', 'gen/swap-fifo.json is not a regular file (it is a FIFO)')),
    what: 'file: replaced by a FIFO after its checks (opened non-blocking, refused by fstat)',
    race: { file: 'gen/swap-fifo.json', act: (abs) => (fs.unlinkSync(abs), mkfifo(abs)), restore: (abs) => replaceWith(abs, '{"v": 8}') },
  },
  {
    ...pathCase('path-swap-link', 'gen/swap-link.json', (id) => unreadable(id, 'gen/swap-link.json', 'gen/swap-link.json cannot be read: it was replaced by a symbolic link while being read')),
    what: 'file: replaced by a symlink to /etc/passwd after its checks (O_NOFOLLOW)',
    race: { file: 'gen/swap-link.json', act: (abs) => (fs.unlinkSync(abs), fs.symlinkSync('/etc/passwd', abs)), restore: (abs) => replaceWith(abs, '{"v": 8}') },
  },
  {
    id: 'fm-vanish',
    what: 'policy deleted between discovery (list) and reading',
    policy: () => policy('fm-vanish'),
    race: { file: 'policies/fm-vanish.md', act: (abs) => fs.unlinkSync(abs), restore: (abs) => replaceWith(abs, policy('fm-vanish')) },
    expected: [inPolicy('fm-vanish', 'front-matter/syntax', 'the policy cannot be read: policies/fm-vanish.md does not exist', '1:1-1:1')],
    statuses: {},
  },
  {
    id: 'fm-symlink',
    what: 'policy that is a symlink to /etc/passwd',
    setup: (root) => {
      fs.mkdirSync(path.join(root, 'policies'), { recursive: true });
      fs.symlinkSync('/etc/passwd', path.join(root, 'policies/fm-symlink.md'));
    },
    expected: [],
    statuses: {},
    silent: 'symlinks are neither listed nor followed in discovery (git stores them as links); a link to a policy inside the workspace is checked at its target',
  },
);

function mkfifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

function replaceWith(file: string, content: string): void {
  fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Builds the workspace: tenet.yaml, the healthy policy, and every case. Returns the ids of cases that could not be set up here. */
export function buildWorkspace(root: string): Set<string> {
  const unsupported = new Set<string>();
  write(root, 'tenet.yaml', 'policies: ["policies/**/*.md"]\ntoday: 2026-11-22\n');
  write(root, 'policies/healthy.md', HEALTHY_POLICY);
  write(root, 'healthy.json', '{"enabled": false}');
  fs.mkdirSync(path.join(root, 'gen'), { recursive: true });
  for (const c of CASES) {
    for (const rel of c.corpus ?? []) write(root, rel, fs.readFileSync(path.join(CORPUS, rel)));
    for (const [rel, content] of Object.entries(c.files?.() ?? {})) write(root, rel, content);
    if (c.policy) write(root, `policies/${c.id}.md`, c.policy());
    if (c.setup?.(root) === false) {
      // Not possible here (mknod needs root): the case is skipped, and its policy removed so the
      // whole-workspace runs do not see a half-made case.
      unsupported.add(c.id);
      fs.rmSync(path.join(root, `policies/${c.id}.md`), { force: true });
    }
    if (c.race) c.race.restore(path.join(root, c.race.file));
  }
  return unsupported;
}
