import { readFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
const dir = '/tmp/realhost/';
const files: Record<string, string> = {
  'text.html.markdown': 'markdown.tmLanguage',
  'source.yaml': 'yaml.tmLanguage.json', 'source.yaml.1.0': 'yaml-1.0.tmLanguage.json', 'source.yaml.1.1': 'yaml-1.1.tmLanguage.json',
  'source.yaml.1.2': 'yaml-1.2.tmLanguage.json', 'source.yaml.1.3': 'yaml-1.3.tmLanguage.json', 'source.yaml.embedded': 'yaml-embedded.tmLanguage.json',
};
(async () => {
  const inj = process.env.INJ ?? '/work/main/syntaxes/tenet-frontmatter.tmLanguage.json';
  const registry = new Registry({
    onigLib: oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'))).then(() => ({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) })),
    loadGrammar: async (s) => s === 'text.html.markdown' && process.env.OLDFM ? (() => { const g: any = parseRawGrammar(readFileSync(dir + files[s], 'utf8'), dir + files[s]); g.repository.frontMatter = { begin: '\\A-{3}\\s*$', contentName: 'meta.embedded.block.frontmatter', patterns: [{ include: 'source.yaml' }], end: '(^|\\G)-{3}|\\.{3}\\s*$' }; return g; })() : s === 'tenet.frontmatter.injection' ? parseRawGrammar(readFileSync(inj, 'utf8'), 'x.json') : files[s] ? parseRawGrammar(readFileSync(dir + files[s], 'utf8'), dir + files[s]) : null,
    getInjections: (s) => s === 'text.html.markdown' ? ['tenet.frontmatter.injection'] : undefined,
  });
  const g = (await registry.loadGrammar(process.env.ROOT ?? 'text.html.markdown'))!;
  const doc = readFileSync(process.argv[2], 'utf8');
  let st = INITIAL;
  const want = process.argv[3] ? process.argv[3].split(',').map(Number) : [];
  doc.split('\n').forEach((line, i) => {
    const r = g.tokenizeLine(line, st); st = r.ruleStack;
    const toks = r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    const marks = toks.flatMap((t) => t.scopes.filter((s) => s.split('.').includes('tenet')).map((s) => [t.text, s]));
    console.log(String(i + 1).padStart(3), line.padEnd(60), JSON.stringify(marks.length ? marks : ''));
    if (want.includes(i + 1)) for (const t of toks) console.log('      ', JSON.stringify(t.text), t.scopes.slice(1).join(' '));
  });
})();
