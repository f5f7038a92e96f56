// Tokenizes Markdown with Tenet's injection grammar through the engine VS Code itself uses
// (vscode-textmate + the Oniguruma wasm of vscode-oniguruma).
//
// VS Code's Markdown and YAML grammars are not on npm, so the hosts here are small stand-ins that
// keep what decides whether an injection applies:
// - Markdown: VS Code's own front-matter rule (markdown-basics `frontMatter`: begin `\A-{3}\s*$`,
//   contentName `meta.embedded.block.frontmatter`, include `source.yaml`, end `(^|\G)-{3}|\.{3}\s*$`),
//   and a ```yaml fence whose content is `meta.embedded.block.yaml`, as `fenced_code_block_yaml`.
// - YAML: like VS Code's YAML grammar, a block rule whose `while` consumes each line's indentation
//   before anything else is matched (so an injected pattern anchored on `^` never sees an indented
//   key), begin/end rules for quoted and plain scalars and flow collections (the injection has to
//   work inside them), comments as begin/end (so only the injection selector keeps Tenet out), and
//   a key rule that starts on the same character as Tenet's keys (the `L:` injection must win).

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IOnigLib, type StateStack } from 'vscode-textmate';

export const REPO = path.resolve(__dirname, '..', '..');
export const GRAMMAR_PATH = path.join(REPO, 'syntaxes', 'tenet-frontmatter.tmLanguage.json');
export const INJECTION_SCOPE = 'tenet.frontmatter.injection';
export const MARKDOWN_SCOPE = 'text.html.markdown';

const MARKDOWN_HOST = {
  scopeName: MARKDOWN_SCOPE,
  patterns: [{ include: '#frontMatter' }, { include: '#fencedYaml' }, { include: '#heading' }],
  repository: {
    frontMatter: {
      begin: '\\A-{3}\\s*$',
      contentName: 'meta.embedded.block.frontmatter',
      patterns: [{ include: 'source.yaml' }],
      end: '(^|\\G)-{3}|\\.{3}\\s*$',
    },
    fencedYaml: {
      begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?i:(yaml|yml))\\s*$',
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      name: 'markup.fenced_code.block.markdown',
      patterns: [{ begin: '(^|\\G)(\\s*)(.*)', while: '(^|\\G)(?!\\s*([`~]{3,})\\s*$)', contentName: 'meta.embedded.block.yaml', patterns: [{ include: 'source.yaml' }] }],
    },
    heading: { match: '^#{1,6}\\s+.*$', name: 'markup.heading.markdown' },
  },
};

const YAML_HOST = {
  scopeName: 'source.yaml',
  patterns: [{ include: '#block' }],
  repository: {
    block: {
      begin: '^(?=[ \\t]*\\S)',
      while: '^(?!(?:---|\\.\\.\\.)[ \\t]*$)[ \\t]*',
      name: 'meta.block.yaml',
      patterns: [{ include: '#comment' }, { include: '#item' }, { include: '#key' }, { include: '#value' }],
    },
    comment: { begin: '(?<=^|[ \\t])#', end: '$', name: 'comment.line.number-sign.yaml' },
    item: { match: '(?<=^[ \\t]*)-(?=[ \\t])', name: 'punctuation.definition.block.sequence.item.yaml' },
    key: {
      match: '([A-Za-z_][\\w-]*)[ \\t]*(:)(?=[ \\t]|$)',
      captures: { 1: { name: 'entity.name.tag.yaml' }, 2: { name: 'punctuation.separator.key-value.mapping.yaml' } },
    },
    value: { patterns: [{ include: '#double' }, { include: '#single' }, { include: '#flow' }, { include: '#plain' }] },
    double: { begin: '"', end: '"', name: 'string.quoted.double.yaml', patterns: [{ match: '\\\\.', name: 'constant.character.escape.yaml' }] },
    single: { begin: "'", end: "'(?!')", name: 'string.quoted.single.yaml', patterns: [{ match: "''", name: 'constant.character.escape.yaml' }] },
    flow: {
      patterns: [
        { begin: '\\[', end: '\\]', name: 'meta.flow.sequence.yaml', patterns: [{ include: '#flowContent' }] },
        { begin: '\\{', end: '\\}', name: 'meta.flow.mapping.yaml', patterns: [{ include: '#flowContent' }] },
      ],
    },
    flowContent: { patterns: [{ include: '#double' }, { include: '#single' }, { include: '#flow' }, { match: '[,:]', name: 'punctuation.separator.yaml' }] },
    plain: { begin: '(?<=:[ \\t]|-[ \\t])[ \\t]*(?=[^\\s#"\'\\[{])', end: '(?=[ \\t]+#|$)', name: 'string.unquoted.plain.out.yaml' },
  },
};

let onigLib: Promise<IOnigLib> | undefined;

function loadOniguruma(): Promise<IOnigLib> {
  onigLib ??= oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'))).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  return onigLib;
}

/** Compiles one Oniguruma pattern; throws the engine's own error for a pattern it rejects. */
export async function compile(pattern: string): Promise<void> {
  await loadOniguruma();
  new oniguruma.OnigScanner([pattern]).dispose();
}

/** The Markdown host with Tenet's grammar injected, as VS Code wires an `injectTo` grammar. */
export async function loadMarkdown(injection: object = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'))): Promise<IGrammar> {
  const grammars: Record<string, object> = { [MARKDOWN_SCOPE]: MARKDOWN_HOST, 'source.yaml': YAML_HOST, [INJECTION_SCOPE]: injection };
  const registry = new Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => (grammars[scopeName] ? parseRawGrammar(JSON.stringify(grammars[scopeName]), `${scopeName}.json`) : null),
    getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [INJECTION_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN_SCOPE);
  if (!grammar) throw new Error('the Markdown host grammar did not load');
  return grammar;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Tokens of each line of `text`. */
export function tokenize(grammar: IGrammar, text: string): Token[][] {
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scope from Tenet's grammar that a token carries (one with a `tenet` segment), if any. */
export function tenetScope(token: Token): string | undefined {
  const own = token.scopes.filter((s) => s.split('.').includes('tenet'));
  if (own.length > 1) throw new Error(`"${token.text}" carries several Tenet scopes: ${own.join(', ')}`);
  return own[0];
}

/**
 * Every token that Tenet's grammar scoped, as `line: [[token, scope], …]` (1-based line numbers,
 * lines without any omitted): an exact picture of what the grammar touched, and of what it did not.
 */
export function tenetMarks(lines: Token[][]): Record<number, [string, string][]> {
  const out: Record<number, [string, string][]> = {};
  lines.forEach((tokens, i) => {
    const marks = tokens.flatMap((t): [string, string][] => {
      const scope = tenetScope(t);
      return scope ? [[t.text, scope]] : [];
    });
    if (marks.length > 0) out[i + 1] = marks;
  });
  return out;
}
