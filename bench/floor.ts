// The floor: the least work any policy checker must do on a workspace — walk it, read every file, and
// parse every policy's front matter and every config ONCE, with the same parsers Tenet uses — and
// nothing else (no selection, no checks, no findings). bench/run.ts bundles it with esbuild into
// bench/.out/floor.js the way build.mjs bundles dist/cli.js, so both pay the same start-up costs.
//
//   node bench/.out/floor.js WORKSPACE
//
// Parsers: Tenet's own front matter finder (findHeader of server/src/engine/policy/document.ts, a
// line scan that gives remark-frontmatter's answer) then yaml on the header it finds, as Tenet does;
// jsonc-parser, yaml (all documents), toml-eslint-parser, csv-parse, and the tree-sitter
// Terraform/HCL parser of server/src/engine/sources/terraform/parser.ts.
// INI and dotenv have no library parser in Tenet (it has its own readers); here they are split into
// lines and `key = value` pairs, which is what any reader must do at least.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseTree } from 'jsonc-parser';
import { parseTOML } from 'toml-eslint-parser';
import { parseAllDocuments, parseDocument } from 'yaml';
import { findHeader } from '../server/src/engine/policy/document';
import { parseText, prepareTerraform } from '../server/src/engine/sources/terraform/parser';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const MANIFEST = '.tenet-bench.json';

function walk(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(abs);
      } else if (entry.isFile() && entry.name !== MANIFEST) out.push(abs);
    }
  }
  return out.sort();
}

/** The policy's header, found as Tenet finds it, parsed as YAML (an unclosed one is not parsed, as in Tenet). */
function frontMatter(text: string): number {
  const header = findHeader(text);
  if (!header || header.unclosed) return 0;
  const doc = parseDocument(text.slice(header.yaml.start, header.yaml.end));
  return doc.errors.length === 0 ? 1 : 0;
}

function keyValues(text: string): number {
  let n = 0;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';') || t.startsWith('[')) continue;
    const eq = t.indexOf('=');
    if (eq > 0 && t.slice(0, eq).trim() !== '' && t.slice(eq + 1) !== undefined) n++;
  }
  return n;
}

/** Parses one file by its name; returns how many "things" it read, so the work cannot be skipped. */
function parseFile(file: string, text: string): number {
  const name = path.basename(file).toLowerCase();
  if (name.endsWith('.md')) return frontMatter(text);
  if (/\.(json|jsonc|json5)$/.test(name)) return parseTree(text) ? 1 : 0;
  if (/\.ya?ml$/.test(name)) return parseAllDocuments(text).length;
  if (name.endsWith('.toml')) return parseTOML(text).body.length;
  if (name.endsWith('.csv')) return (parseCsv(text, { bom: true, relax_column_count: true }) as string[][]).length;
  if (/\.(tf|tfvars|hcl)$/.test(name)) {
    const tree = parseText(text, name.endsWith('.hcl') ? 'hcl' : 'terraform');
    const n = tree ? tree.rootNode.childCount : 0;
    tree?.delete();
    return n;
  }
  if (name.endsWith('.ini') || name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return keyValues(text);
  return 0;
}

async function main(): Promise<number> {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('usage: node floor.js WORKSPACE\n');
    return 2;
  }
  await prepareTerraform();
  let files = 0;
  let items = 0;
  for (const file of walk(path.resolve(root))) {
    const text = fs.readFileSync(file, 'utf8');
    items += parseFile(file, text);
    files++;
  }
  process.stdout.write(JSON.stringify({ files, items }) + '\n');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`floor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
