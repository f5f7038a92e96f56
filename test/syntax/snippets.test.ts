// snippets/tenet.json: each snippet is expanded the way VS Code inserts it when every placeholder is
// left at its default, then linted; the snippets meant for inside a policy are inserted at the
// indentation they belong at, as VS Code re-indents a multi-line snippet to the cursor's line.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findings, lintFiles, policy } from '../helpers/workspace';
import { REPO } from './textmate';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPETS_PATH = path.join(REPO, 'snippets', 'tenet.json');
const snippets = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, Snippet>;
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** The variables VS Code resolves, for a file data-retention.md edited on 2026-11-22 (lintFiles' today). */
const VARIABLES: Record<string, string> = { TM_FILENAME_BASE: 'data-retention', CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '22' };

// --- A small expander for VS Code's snippet syntax -------------------------------------------------

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; transform?: Transform }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: Node[]; transform?: Transform };

interface Transform {
  regex: RegExp;
  format: string;
}

class Parser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false);
    if (this.at < this.src.length) throw new Error(`unexpected "${this.src[this.at]}" at ${this.at} in ${this.src}`);
    return nodes;
  }

  /** Nodes up to the end, or up to an unescaped `}` when inside a placeholder. */
  private nodes(nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (this.at < this.src.length) {
      const c = this.src[this.at];
      if (c === '\\' && '$}\\'.includes(this.src[this.at + 1] ?? '')) {
        text += this.src[this.at + 1];
        this.at += 2;
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          text += c;
          this.at++;
        }
      } else {
        text += c;
        this.at++;
      }
    }
    flush();
    return out;
  }

  private dollar(): Node | undefined {
    const rest = this.src.slice(this.at);
    const simple = /^\$(?:(\d+)|([_A-Za-z][_A-Za-z0-9]*))/.exec(rest);
    if (simple) {
      this.at += simple[0].length;
      return simple[1] !== undefined ? { kind: 'tabstop', index: Number(simple[1]) } : { kind: 'variable', name: simple[2] };
    }
    const open = /^\$\{(?:(\d+)|([_A-Za-z][_A-Za-z0-9]*))/.exec(rest);
    if (!open) return undefined;
    this.at += open[0].length;
    const index = open[1] !== undefined ? Number(open[1]) : undefined;
    const name = open[2];
    const next = this.src[this.at++];
    if (next === '}') return index !== undefined ? { kind: 'tabstop', index } : { kind: 'variable', name };
    if (next === ':') {
      const children = this.nodes(true);
      this.expect('}');
      return index !== undefined ? { kind: 'placeholder', index, children } : { kind: 'variable', name, children };
    }
    if (next === '|' && index !== undefined) {
      const options: string[] = [];
      let option = '';
      while (!this.src.startsWith('|}', this.at)) {
        const c = this.src[this.at++];
        if (c === undefined) throw new Error(`unterminated choice in ${this.src}`);
        if (c === '\\' && ',|\\'.includes(this.src[this.at])) option += this.src[this.at++];
        else if (c === ',') {
          options.push(option);
          option = '';
        } else option += c;
      }
      options.push(option);
      this.at += 2;
      return { kind: 'choice', index, options };
    }
    if (next === '/') {
      const source = this.until('/');
      const format = this.until('/', true);
      const flags = this.until('}');
      const transform = { regex: new RegExp(source, flags), format };
      return index !== undefined ? { kind: 'tabstop', index, transform } : { kind: 'variable', name, transform };
    }
    throw new Error(`cannot read "\${${index ?? name}${next}" in ${this.src}`);
  }

  /**
   * Raw text up to an unescaped `end` (escapes of `end` are unescaped, others kept for the regex);
   * in a format string, `${…}` elements are taken whole, as their `/upcase` may hold the `end`.
   */
  private until(end: string, format = false): string {
    let out = '';
    while (this.src[this.at] !== end) {
      const c = this.src[this.at++];
      if (c === undefined) throw new Error(`missing "${end}" in ${this.src}`);
      if (c === '\\' && this.src[this.at] === end) out += this.src[this.at++];
      else if (format && c === '$' && this.src[this.at] === '{') {
        const close = this.src.indexOf('}', this.at);
        if (close < 0) throw new Error(`unterminated format element in ${this.src}`);
        out += this.src.slice(this.at - 1, close + 1);
        this.at = close + 1;
      } else out += c;
    }
    this.at++;
    return out;
  }

  private expect(c: string): void {
    if (this.src[this.at] !== c) throw new Error(`expected "${c}" at ${this.at} in ${this.src}`);
    this.at++;
  }
}

/** A transform's format string: `$1`, `${1}`, `${1:/downcase}`, `${1:+if}`, `${1:?if:else}`, `${1:-else}`. */
function format(fmt: string, groups: (string | undefined)[]): string {
  return fmt.replace(/\\([$\\\/])|\$(\d+)|\$\{(\d+)(?::(\/\w+|[+?-]?)((?:\\.|[^}])*))?\}/g, (whole, escaped, bare, n, op, arg: string | undefined) => {
    if (escaped) return escaped;
    const value = groups[Number(bare ?? n)];
    if (bare !== undefined || op === undefined) return value ?? '';
    switch (op) {
      case '/upcase':
        return (value ?? '').toUpperCase();
      case '/downcase':
        return (value ?? '').toLowerCase();
      case '/capitalize':
        return (value ?? '').charAt(0).toUpperCase() + (value ?? '').slice(1);
      case '+':
        return value ? (arg ?? '') : '';
      case '?': {
        const [yes, no = ''] = (arg ?? '').split(':');
        return value ? yes : no;
      }
      case '-':
      case '':
        return value || (arg ?? '');
      default:
        throw new Error(`unsupported format ${whole}`);
    }
  });
}

function transform(value: string, t: Transform | undefined): string {
  return t ? value.replace(t.regex, (...m) => format(t.format, m.slice(0, -2) as (string | undefined)[])) : value;
}

/** The text VS Code inserts when every placeholder keeps its default and every choice its first option. */
function expand(body: string, variables: Record<string, string> = VARIABLES): string {
  const tree = new Parser(body).parse();
  // A tab stop's value is its first placeholder's or choice's; its other occurrences mirror it.
  const values = new Map<number, string>();
  const render = (nodes: Node[]): string =>
    nodes
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.text;
          case 'tabstop':
            return transform(n.index === 0 ? '' : (values.get(n.index) ?? ''), n.transform);
          case 'placeholder': {
            if (!values.has(n.index)) values.set(n.index, render(n.children));
            return values.get(n.index);
          }
          case 'choice': {
            if (!values.has(n.index)) values.set(n.index, n.options[0]);
            return values.get(n.index);
          }
          case 'variable': {
            const value = variables[n.name];
            if (value === undefined && !n.children) throw new Error(`unknown variable ${n.name}`);
            return value === undefined ? render(n.children ?? []) : transform(value, n.transform);
          }
        }
      })
      .join('');
  const collect = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'placeholder' && !values.has(n.index)) values.set(n.index, render(n.children));
      if (n.kind === 'choice' && !values.has(n.index)) values.set(n.index, n.options[0]);
    }
  };
  collect(tree);
  return render(tree);
}

function bodyOf(name: string): string {
  const body = snippets[name].body;
  return Array.isArray(body) ? body.join('\n') : body;
}

/** A snippet inserted where the cursor stands after `indent` on an otherwise empty line. */
function insert(indent: string, text: string): string {
  return text
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

// --- Tests -------------------------------------------------------------------------------------

describe('syntax: the snippet expander used by these tests', () => {
  it('expands placeholders, choices, mirrors, variables, transforms and escapes as VS Code does', () => {
    assert.equal(expand('a: ${1:one} ${2|x,y|} $1 ${1} $3 $0 \\$.b \\} c'), 'a: one x one one   $.b } c');
    assert.equal(expand('${1:outer ${2:inner}} $2'), 'outer inner inner');
    assert.equal(expand('${CURRENT_YEAR}-$CURRENT_MONTH-${CURRENT_DATE}'), '2026-11-22');
    assert.equal(expand('${UNSET:fallback}'), 'fallback');
    assert.equal(expand('${TM_FILENAME_BASE/(a)|(e)/${1:/upcase}${2:+E}/g}', { TM_FILENAME_BASE: 'data-retention' }), 'dAtA-rEtEntion');
    assert.equal(expand('${TM_FILENAME_BASE/-/ /}'), 'data retention');
    assert.throws(() => expand('$NOT_A_VARIABLE'), /unknown variable NOT_A_VARIABLE/);
  });
});

describe('syntax: snippets', () => {
  it('are contributed for Markdown', () => {
    assert.deepEqual(pkg.contributes.snippets, [{ language: 'markdown', path: './snippets/tenet.json' }]);
    assert.ok(existsSync(path.join(REPO, pkg.contributes.snippets[0].path)));
  });

  it('each have prefixes, a body and a description', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(snippets).map(([name, s]) => [name, s.prefix])),
      {
        'Tenet policy': ['tenet-policy', 'policy'],
        'Tenet requirement': ['tenet-requirement', 'requirement'],
        'Tenet evidence requirement': ['tenet-evidence', 'evidence'],
        'Tenet exception': ['tenet-exception', 'exception'],
      },
    );
    for (const [name, s] of Object.entries(snippets)) {
      assert.deepEqual(Object.keys(s).sort(), ['body', 'description', 'prefix'], name);
      assert.ok(Array.isArray(s.body) && s.body.length > 1 && s.body.every((l) => typeof l === 'string'), name);
      assert.ok(typeof s.description === 'string' && s.description.length > 20, name);
      assert.doesNotThrow(() => expand(bodyOf(name)), name);
    }
  });

  it('tenet-policy expands to a valid policy whose only finding is the placeholder source', () => {
    const text = expand(bodyOf('Tenet policy'));
    assert.equal(
      text,
      [
        '---',
        'policy: data-retention',
        'title: Policy title',
        'owner: "@your-org/team"',
        'approvers: ["@your-org/ciso"]',
        'version: 1.0.0',
        'effective: 2026-11-22',
        'review:',
        '  every: annually',
        '  last: 2026-11-22',
        'controls: [CC6.1]',
        'requirements:',
        '  requirement-id:',
        '    says: The sentence this requirement stands for.',
        '    expect: ">= 12"',
        '    in:',
        '      - file: path/to/config.json',
        '        at: $.path.to.value',
        '---',
        '',
        '# Policy title',
        '',
        '## Purpose',
        '',
        '',
        '',
      ].join('\n'),
    );
    const result = lintFiles({ 'policies/data-retention.md': text });
    assert.deepEqual(findings(result), [
      {
        rule: 'source/missing',
        severity: 'error',
        message: 'path/to/config.json does not exist',
        file: 'policies/data-retention.md',
        range: '17:15-17:34',
        requirement: 'requirement-id',
      },
    ]);
  });

  it('tenet-policy derives a kebab-case policy id from any file name', () => {
    const ids = ['data-retention', 'Data Retention', 'access_control', 'SOC2 Vendors', '_draft policy_', 'Untitled-1'].map((base) =>
      /^policy: (.*)$/m.exec(expand(bodyOf('Tenet policy'), { ...VARIABLES, TM_FILENAME_BASE: base }))?.[1],
    );
    assert.deepEqual(ids, ['data-retention', 'data-retention', 'access-control', 'soc2-vendors', 'draft-policy', 'untitled-1']);
    for (const id of ids) assert.match(id ?? '', /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('tenet-requirement, inserted under requirements:, is a valid requirement', () => {
    const text = policy('p', `requirements:\n${insert('  ', expand(bodyOf('Tenet requirement')))}\n`);
    assert.equal(
      text.split('---')[1],
      [
        '',
        'policy: p',
        'title: p policy',
        'owner: "@acme/security"',
        'review:',
        '  every: annually',
        '  last: 2026-06-01',
        'controls: [CC6.1]',
        'requirements:',
        '  requirement-id:',
        '    says: The sentence this requirement stands for.',
        '    expect: ">= 12"',
        '    in:',
        '      - file: path/to/config.json',
        '        at: $.path.to.value',
        '  ',
        '',
      ].join('\n'),
    );
    assert.deepEqual(findings(lintFiles({ 'p.md': text })), [
      { rule: 'source/missing', severity: 'error', message: 'path/to/config.json does not exist', file: 'p.md', range: '14:15-14:34', requirement: 'requirement-id' },
    ]);
  });

  it('tenet-evidence, inserted under requirements:, is a valid evidence requirement', () => {
    const text = policy('p', `requirements:\n${insert('  ', expand(bodyOf('Tenet evidence requirement')))}\n`);
    assert.equal(
      text.split('---')[1].split('requirements:\n')[1],
      [
        '  access-review:',
        '    says: User access to production is reviewed every quarter.',
        '    every: quarterly',
        '    evidence:',
        '      file: evidence/access-reviews.csv',
        '      at: completed_on',
        '      where: { system: production }',
        '  ',
        '',
      ].join('\n'),
    );
    assert.deepEqual(findings(lintFiles({ 'p.md': text })), [
      { rule: 'source/missing', severity: 'error', message: 'evidence/access-reviews.csv does not exist', file: 'p.md', range: '14:13-14:40', requirement: 'access-review' },
    ]);
  });

  it('tenet-exception, inserted under exceptions:, excepts the requirement tenet-requirement inserts', () => {
    const requirement = insert('  ', expand(bodyOf('Tenet requirement')));
    const exception = insert('  ', expand(bodyOf('Tenet exception')));
    const text = policy('p', `requirements:\n${requirement}\nexceptions:\n${exception}\n`);
    assert.equal(
      text.split('exceptions:\n')[1],
      [
        '  - requirement: requirement-id',
        '    file: path/to/config.json',
        '    reason: Why this is acceptable for now, and where the fix is tracked.',
        '    approved-by: "@your-org/ciso"',
        '    expires: 2026-12-31',
        '  ',
        '---',
        '',
        '# Policy',
        '',
      ].join('\n'),
    );
    // The exception is well-formed and in force; the requirement cannot be checked until its file exists.
    assert.deepEqual(findings(lintFiles({ 'p.md': text })), [
      { rule: 'source/missing', severity: 'error', message: 'path/to/config.json does not exist', file: 'p.md', range: '14:15-14:34', requirement: 'requirement-id' },
    ]);
  });
});
