// The source formats Tenet reads, chosen by file name.

import { csvFormat } from './csv';
import { dotenvFormat } from './dotenv';
import { iniFormat } from './ini';
import { parseJsonTree } from './json-tree';
import { tomlFormat } from './toml';
import type { SourceFormat } from './source';
import { treeSource } from './tree-source';
import { parseYamlStream } from './yaml-tree';
import { hclFormat, terraformFormat } from './terraform/format';

const json: SourceFormat = {
  name: 'json',
  accepts: (file) => /\.(json|jsonc|json5)$/.test(file),
  load: (file, text) => {
    const tree = parseJsonTree(text);
    return treeSource(file, 'json', tree.root, tree.problems);
  },
};

const yaml: SourceFormat = {
  name: 'yaml',
  accepts: (file) => /\.ya?ml$/.test(file),
  load: (file, text) => {
    const tree = parseYamlStream(text);
    return treeSource(file, 'yaml', tree.root, tree.problems);
  },
};

export const FORMATS: SourceFormat[] = [json, yaml, terraformFormat, hclFormat, tomlFormat, iniFormat, csvFormat, dotenvFormat];

export function formatFor(file: string): SourceFormat | undefined {
  const name = file.toLowerCase();
  return FORMATS.find((f) => f.accepts(name));
}

export function supportedFormats(): string {
  return FORMATS.map((f) => f.name).join(', ');
}
