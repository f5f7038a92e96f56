// Markdown text → policy model, with the syntax and schema problems found on the way.

import type { TextProblem } from '../sources/limits';
import { parseYamlDocument } from '../sources/yaml-tree';
import { findHeader } from './document';
import { complyPolicy, tenetPolicy, type Policy } from './model';
import { validateFrontMatter } from './schema';

export interface ParsedPolicy {
  file: string;
  text: string;
  /** Present unless the header could not be read as YAML at all. */
  policy: Policy;
  syntax: TextProblem[];
  schema: TextProblem[];
}

export function parsePolicy(file: string, text: string): ParsedPolicy {
  const header = findHeader(text);
  const opener = header?.opener ?? { start: 0, end: Math.min(text.length, text.search(/\r?\n|$/)) };
  const empty = (problems: Partial<Pick<ParsedPolicy, 'syntax' | 'schema'>>): ParsedPolicy => ({
    file,
    text,
    policy: tenetPolicy(file, text, undefined, opener),
    syntax: problems.syntax ?? [],
    schema: problems.schema ?? [],
  });
  if (!header) {
    return empty({ schema: [{ message: 'this file has no YAML front matter: a policy starts with a --- line, its keys (policy:, title:, owner:, …), and a closing --- line', span: opener }] });
  }
  if (header.unclosed) {
    return empty({ syntax: [{ message: 'the front matter is never closed: add a --- line after its last key', span: opener }] });
  }
  const yaml = parseYamlDocument(text.slice(header.yaml.start, header.yaml.end), header.yaml.start);
  if (yaml.problems.length > 0) return empty({ syntax: yaml.problems.map((p) => ({ message: `YAML syntax error: ${p.message}`, span: p.span })) });
  if (!yaml.root) return empty({ schema: [{ message: 'the front matter is empty: a policy needs at least "policy:"', span: opener }] });
  if (header.layout === 'comply') {
    const schema = yaml.root.kind === 'object' ? [] : [{ message: 'the header must be a mapping of keys (name:, satisfies:, …)', span: yaml.root.span }];
    return { file, text, policy: { ...complyPolicy(file, text, yaml.root, opener), header: header.yaml }, syntax: [], schema };
  }
  return { file, text, policy: { ...tenetPolicy(file, text, yaml.root, opener), header: header.yaml }, syntax: [], schema: validateFrontMatter(yaml.root, opener) };
}

/** Problems that make every other check of the policy meaningless. */
export function isBroken(parsed: ParsedPolicy): boolean {
  return parsed.syntax.length > 0 || parsed.policy.root === undefined || parsed.policy.root.kind !== 'object';
}
