// What a loaded source keeps between runs, and that keeping less changes no answer: readers hand
// back compacted trees, tree sources keep their tree packed into arrays (the plain copy JSONPath runs
// on lasts one synchronous job), CSV sources keep cell positions and read texts back, and a check
// keeps the selected values themselves, verdicts added.

import assert from 'node:assert/strict';
import { checkPolicy } from '../../server/src/engine/check';
import { parseIsoDate } from '../../server/src/engine/dates';
import { MemoryFs } from '../../server/src/engine/fs';
import { parsePolicy } from '../../server/src/engine/policy/parse';
import { csvSource } from '../../server/src/engine/sources/csv';
import { parseDotenv } from '../../server/src/engine/sources/dotenv';
import { parseIni } from '../../server/src/engine/sources/ini';
import { parseJsonTree } from '../../server/src/engine/sources/json-tree';
import { compileJsonPath, queryTree } from '../../server/src/engine/sources/jsonpath';
import type { LoadedSource, SelectedValue } from '../../server/src/engine/sources/source';
import { SourceStore } from '../../server/src/engine/sources/store';
import { parseTomlTree } from '../../server/src/engine/sources/toml';
import { lastName, treeSource } from '../../server/src/engine/sources/tree-source';
import { parseYamlDocument, parseYamlStream } from '../../server/src/engine/sources/yaml-tree';
import { compactTree, entry, toPlain, type Node } from '../../server/src/engine/tree';
import { policy } from '../helpers/workspace';

function root(tree: { root?: Node; problems: unknown[] }): Node {
  assert.deepEqual(tree.problems, []);
  assert.ok(tree.root);
  return tree.root;
}

/** Lets the current synchronous job end (its microtasks run), as between two lint runs. */
const nextJob = () => new Promise<void>((resolve) => setImmediate(resolve));

function selected(source: LoadedSource, at: string): SelectedValue[] {
  const selection = source.select(at);
  assert.ok(selection.ok, selection.ok ? '' : selection.message);
  return selection.values;
}

/** Every node of a tree, depth first. */
function nodes(node: Node): Node[] {
  if (node.kind === 'object') return [node, ...node.entries.flatMap((e) => nodes(e.value))];
  if (node.kind === 'array') return [node, ...node.items.flatMap(nodes)];
  return [node];
}

/**
 * What a tree source selected before it packed its tree: the query on `toPlain(root)`, each match's
 * node found by its location, and its row read from the parent node with `entry` (last key wins).
 */
function reference(root: Node, at: string, fields: string[]): unknown[] {
  const compiled = compileJsonPath(at);
  assert.ok(compiled.ok);
  const result = queryTree(compiled.query, root, toPlain(root));
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.matches.map(({ node, location, value }) => {
    let parent: Node | undefined = location.length > 0 ? root : undefined;
    for (const key of location.slice(0, -1)) {
      if (parent?.kind === 'object') parent = entry(parent, String(key))?.value;
      else if (parent?.kind === 'array' && typeof key === 'number') parent = parent.items[key];
      else parent = undefined;
    }
    const row = parent?.kind === 'object' ? fields.map((f) => {
      const v = entry(parent, f)?.value;
      return v?.kind === 'scalar' ? v.value : undefined;
    }) : 'no row';
    return [lastName(location), value, node.span, row];
  });
}

function shown(values: SelectedValue[], fields: string[]): unknown[] {
  return values.map((v) => [v.name, v.value, v.span, v.row ? fields.map((f) => v.row!(f)) : 'no row']);
}

describe('what loaded sources keep', () => {
  describe('compactTree', () => {
    it('rebuilds a tree with the same content: new nodes and lists, the same span objects', () => {
      const tree = root(parseYamlStream('a: 1\nb: [x, {c: null, d: [2]}]\n'));
      const copy = compactTree(tree);
      assert.deepEqual(copy, tree);
      const [before, after] = [nodes(tree), nodes(copy)];
      assert.equal(after.length, before.length);
      after.forEach((node, i) => {
        assert.notEqual(node, before[i]);
        assert.equal(node.span, before[i].span);
      });
      assert.ok(copy.kind === 'object' && tree.kind === 'object');
      assert.notEqual(copy.entries, tree.entries);
      assert.equal(copy.entries[1].keySpan, tree.entries[1].keySpan);
    });

    it('gives every reader the same node shapes, whatever order the reader wrote them in', () => {
      const shapes = (node: Node) => [...new Set(nodes(node).map((n) => Object.keys(n).join(',')))].sort();
      const expected = ['kind,span,entries', 'kind,span,items', 'kind,span,value'];
      // A YAML key without a value was built as {kind, value, span}.
      assert.deepEqual(shapes(root(parseYamlStream('a:\nb: [1, {c: 2}]\n'))), expected);
      assert.deepEqual(shapes(root(parseYamlDocument('a:\nb: [1, {c: 2}]\n', 10))), expected);
      assert.deepEqual(shapes(root(parseJsonTree('{"a": null, "b": [1, {"c": 2}]}'))), expected);
      assert.deepEqual(shapes(root(parseTomlTree('a = 1\nb = [1, {c = 2}]\n'))), expected);
      assert.deepEqual(shapes(root(parseIni('a = 1\n[s]\nb = 2\n'))), ['kind,span,entries', 'kind,span,value']);
      assert.deepEqual(shapes(root(parseDotenv('A=1\nB=2\n'))), ['kind,span,entries', 'kind,span,value']);
    });
  });

  describe('tree sources', () => {
    const big = `{${Array.from({ length: 20 }, (_, i) => `"k${i}": ${i}`).join(', ')}, "k3": "last", "sub": {"n": 1}}`;
    const documents: [string, string, string[], string[]][] = [
      ['users.json', '{"users": [{"name": "a", "admin": true, "name": "a2"}, {"name": "b", "admin": false, "tags": ["x"]}], "n": 5}', ['$..*', '$.users[*].name', '$.users[1].tags[0]', '$.users', '$', '$.n', '$.missing'], ['admin', 'name', 'tags', 'nope']],
      ['big.json', big, ['$.k3', '$.k19', '$..n', '$.sub', '$.*'], ['k3', 'k0', 'sub', 'n']],
      ['k8s.yaml', 'kind: Deployment\nspec:\n  replicas: 2\n---\nkind: ConfigMap\ndata:\n  TLS: "1.2"\n  a: null\n', ["$[?@.kind == 'Deployment'].spec.replicas", "$[?@.kind == 'ConfigMap'].data.*", '$[*].kind', '$..*'], ['kind', 'TLS', 'a']],
      ['app.toml', '[server]\nport = 8080\nhosts = ["a", "b"]\n[[users]]\nname = "x"\n[[users]]\nname = "y"\n', ['$.server.port', '$.server.hosts[*]', '$.users[*].name', '$..*'], ['port', 'name']],
      ['conf.ini', 'top = yes\n[db]\nhost = h\nport = 5432\n', ['$.db.port', '$..*', '$.top'], ['host', 'top']],
      ['.env', 'A=1\nB="two"\n', ['$.A', '$.*'], ['A', 'B']],
    ];
    const readers: Record<string, (text: string) => { root?: Node; problems: unknown[] }> = {
      json: parseJsonTree,
      yaml: parseYamlStream,
      toml: parseTomlTree,
      ini: parseIni,
      env: parseDotenv,
    };

    it('selects what the reader\'s tree selects: names, values, spans and rows, last duplicate key winning', () => {
      for (const [file, text, queries, fields] of documents) {
        const tree = root(readers[file.replace(/^.*\./, '')](text));
        const source = treeSource(file, 'x', tree, []);
        for (const at of queries) assert.deepEqual(shown(selected(source, at), fields), reference(tree, at, fields), `${file} ${at}`);
      }
    });

    it('reads the last of duplicate keys in small and big (indexed) objects, and in rows', () => {
      const source = treeSource('big.json', 'json', root(parseJsonTree(big)), []);
      const [k3] = selected(source, '$.k3');
      assert.equal(k3.value, 'last');
      assert.equal(big.slice(k3.span.start, k3.span.end), '"last"');
      assert.equal(k3.row?.('k3'), 'last');
      assert.equal(k3.row?.('k19'), 19);
      assert.equal(k3.row?.('sub'), undefined);
      const [name] = selected(treeSource('d.json', 'json', root(parseJsonTree('{"u": {"name": "a", "name": "b"}}')), []), '$.u.name');
      assert.deepEqual([name.value, name.row?.('name')], ['b', 'b']);
    });

    it('gives a row only to values inside an object', () => {
      const source = treeSource('t.json', 'json', root(parseJsonTree('{"list": [1, 2], "o": {"v": 3}}')), []);
      assert.deepEqual(selected(source, '$.list[*]').map((v) => v.row), [undefined, undefined]);
      assert.equal(selected(source, '$')[0].row, undefined);
      assert.equal(selected(source, '$.o.v')[0].row?.('v'), 3);
    });

    it('selections in one synchronous job share one plain copy; the next job makes a fresh one', async () => {
      const source = treeSource('t.json', 'json', root(parseJsonTree('{"a": {"b": [1, 2]}, "c": 3}')), []);
      const [first] = selected(source, '$.a');
      const [again] = selected(source, '$.a');
      assert.deepEqual(first.value, { b: [1, 2] });
      assert.equal(again.value, first.value);
      assert.equal(selected(source, '$.a.b')[0].value, (first.value as { b: unknown }).b);
      await nextJob();
      const [later] = selected(source, '$.a');
      assert.deepEqual(later.value, { b: [1, 2] });
      assert.notEqual(later.value, first.value);
      // What an earlier job was handed is not changed by a later one.
      assert.deepEqual(first.value, { b: [1, 2] });
    });

    it('suggests the same paths from the packed tree', () => {
      const text = '{"a": {"b c": 1, "d": [{"e": 1}, {"f": 2}]}, "x": []}';
      const source = treeSource('t.json', 'json', root(parseJsonTree(text)), []);
      assert.deepEqual(source.suggest?.(), ['$.a', "$.a['b c']", '$.a.d', '$.a.d[*]', '$.a.d[*].e', '$.a.d[*].f', '$.x']);
    });
  });

  describe('CSV tables', () => {
    const text = 'user,mfa,logins\nalice,yes,12\n"bob, jr","no"\n\ncarol,on,3\n';

    it('reads cell texts back from the file: each selection is fresh, and equal to the last', () => {
      const source = csvSource('u.csv', text);
      const first = selected(source, 'user');
      const again = selected(source, 'user');
      const seen = (values: SelectedValue[]) => values.map((v) => [v.name, v.value, text.slice(v.span.start, v.span.end), v.row?.('mfa'), v.row?.('logins')]);
      assert.deepEqual(seen(first), [
        ['user (row 2)', 'alice', 'alice', true, 12],
        ['user (row 3)', 'bob, jr', '"bob, jr"', false, undefined],
        ['user (row 5)', 'carol', 'carol', true, 3],
      ]);
      assert.deepEqual(seen(again), seen(first));
      first.forEach((v, i) => {
        assert.notEqual(again[i], v);
        assert.notEqual(again[i].span, v.span);
      });
    });

    it('keeps csv-parse\'s texts for a row whose cells cannot be placed (each then spans the record)', () => {
      // csv-parse trims the blanks around `x`, including the lone \r (a line end only before the
      // first row break it met); locating the cells does not, so the row keeps what csv-parse read.
      const odd = 'a,b\nx\r, y\n1,2\n';
      const seen = (at: string) => selected(csvSource('o.csv', odd), at).map((v) => [v.name, v.value, odd.slice(v.span.start, v.span.end), v.row?.('a'), v.row?.('b')]);
      assert.deepEqual(seen('a'), [['a (row 2)', 'x', 'x\r, y', 'x', 'y'], ['a (row 3)', 1, '1', 1, 2]]);
      assert.deepEqual(seen('b'), [['b (row 2)', 'y', 'x\r, y', 'x', 'y'], ['b (row 3)', 2, '2', 1, 2]]);
    });

    it('a value\'s name and row are read from the table whenever asked', () => {
      const [, bob] = selected(csvSource('u.csv', text), 'mfa');
      assert.equal(bob.name, 'mfa (row 3)');
      assert.equal(bob.name, 'mfa (row 3)');
      assert.equal(bob.row?.('user'), 'bob, jr');
      assert.equal(bob.row?.('nope'), undefined);
    });
  });

  describe('checked values', () => {
    const today = parseIsoDate('2026-11-22')!;
    const files = {
      'policies/p.md': policy(
        'p',
        'requirements:\n  long:\n    says: Passwords are long.\n    expect: ">= 12"\n    in:\n      - file: conf.json\n        at: $.min\n  short:\n    says: Passwords are at most 10 characters.\n    expect: "<= 10"\n    in:\n      - file: conf.json\n        at: $.min\n  users:\n    says: Every user has MFA.\n    expect: true\n    in:\n      - file: users.csv\n        at: mfa\n        where: { role: admin }\n',
      ),
      'conf.json': '{"min": 8}',
      'users.csv': 'user,role,mfa\na,admin,yes\nb,dev,no\nc,admin,no\n',
    };

    it('are the selected values, each requirement judging its own (nothing is shared between checks)', () => {
      const fs = new MemoryFs(new Map(Object.entries(files)));
      const parsed = parsePolicy('policies/p.md', (fs.read('policies/p.md') as { text: string }).text);
      const store = new SourceStore(fs);
      const [long, short, users] = checkPolicy(parsed.policy, store, today);
      const [longValue] = long.sources[0].values;
      const [shortValue] = short.sources[0].values;
      assert.notEqual(longValue, shortValue);
      assert.deepEqual([longValue.value, longValue.verdict, longValue.name], [8, { pass: false }, 'min']);
      assert.deepEqual([shortValue.value, shortValue.verdict, shortValue.name], [8, { pass: true }, 'min']);
      assert.deepEqual(users.sources[0].values.map((v) => [v.name, v.value, v.verdict, v.row?.('user')]), [
        ['mfa (row 2)', true, { pass: true }, 'a'],
        ['mfa (row 4)', false, { pass: false }, 'c'],
      ]);
      assert.deepEqual([long.status, short.status, users.status], ['drift', 'verified', 'drift']);
      // Checking again selects afresh: the earlier checks keep their own values and verdicts.
      const [again] = checkPolicy(parsed.policy, store, today);
      assert.notEqual(again.sources[0].values[0], longValue);
      assert.deepEqual(again.sources[0].values[0].verdict, { pass: false });
    });
  });
});
