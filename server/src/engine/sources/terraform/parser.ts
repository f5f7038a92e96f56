// The tree-sitter parser for Terraform and HCL, created once per process. Loading WebAssembly is
// asynchronous while the engine is synchronous: hosts (CLI, language server, tests) await
// `prepareTerraform()` once before linting; a format used before that reports a source problem.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Language, Parser as ParserType, Tree } from 'web-tree-sitter';

// `require`, not `import`: bundled, web-tree-sitter's ESM build looks for itself via import.meta.url,
// which a CommonJS bundle does not have; its CommonJS build does not.
const TreeSitter = require('web-tree-sitter') as typeof import('web-tree-sitter');

export type Dialect = 'terraform' | 'hcl';

interface Ready {
  parser: ParserType;
  languages: Record<Dialect, Language>;
}

let ready: Ready | undefined;
let failure: string | undefined;
let pending: Promise<void> | undefined;

/** The three WebAssembly files: next to the bundle (dist/), else in node_modules (tests under tsx). */
const WASM = {
  runtime: { file: 'web-tree-sitter.wasm', module: 'web-tree-sitter/web-tree-sitter.wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', module: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' },
  hcl: { file: 'tree-sitter-hcl.wasm', module: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm' },
} as const;

function wasmBytes(which: keyof typeof WASM): Uint8Array {
  const { file, module } = WASM[which];
  const beside = join(__dirname, file);
  return readFileSync(existsSync(beside) ? beside : require.resolve(module));
}

/** Loads the parser and both grammars; idempotent, and never rejects (a failure becomes a source problem). */
export function prepareTerraform(): Promise<void> {
  pending ??= (async () => {
    try {
      await TreeSitter.Parser.init({ wasmBinary: wasmBytes('runtime') } as object);
      const terraform = await TreeSitter.Language.load(wasmBytes('terraform'));
      const hcl = await TreeSitter.Language.load(wasmBytes('hcl'));
      ready = { parser: new TreeSitter.Parser(), languages: { terraform, hcl } };
      failure = undefined;
    } catch (error) {
      // The first line: Node appends the require stack to "Cannot find module".
      failure = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      // A later call may try again (e.g. after the files were restored).
      pending = undefined;
    }
  })();
  return pending;
}

/** Why parsing is impossible right now, or undefined when the parser is ready. */
export function parserProblem(): string | undefined {
  if (ready) return undefined;
  return failure ? `the Terraform parser could not be loaded: ${failure}` : 'the Terraform parser is not initialized';
}

/** Parses text; the caller must `delete()` the tree. Undefined when the parser is not ready. */
export function parseText(text: string, dialect: Dialect): Tree | undefined {
  if (!ready) return undefined;
  ready.parser.setLanguage(ready.languages[dialect]);
  return ready.parser.parse(text) ?? undefined;
}
