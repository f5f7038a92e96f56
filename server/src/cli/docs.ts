// Rule documentation: one Markdown page per rule, docs/rules/<id with "/" as "-">.md. The built CLI
// (dist/cli.js) finds the folder beside its own; an unbundled run (tsx, from server/src/cli) finds
// the repository's.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The docs/rules folder of this installation, if it has one. */
export function findRuleDocsDir(): string | undefined {
  const candidates = [
    path.join(__dirname, '..', 'docs', 'rules'), // dist/cli.js
    path.join(__dirname, '..', '..', '..', 'docs', 'rules'), // server/src/cli/*.ts under tsx
  ];
  return candidates.find((dir) => {
    try {
      return fs.statSync(dir).isDirectory();
    } catch {
      return false;
    }
  });
}

/** `requirement/drift` → `requirement-drift.md`. */
export function ruleDocFileName(ruleId: string): string {
  return `${ruleId.replace(/\//g, '-')}.md`;
}

/** A reader of rule pages from `dir` (none when there is no folder), caching what it read. */
export function ruleDocReader(dir: string | undefined): (ruleId: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (ruleId) => {
    if (dir === undefined) return undefined;
    if (!cache.has(ruleId)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path.join(dir, ruleDocFileName(ruleId)), 'utf8').replace(/^\uFEFF/, '');
      } catch {
        text = undefined;
      }
      cache.set(ruleId, text);
    }
    return cache.get(ruleId);
  };
}

/**
 * The first paragraph of a Markdown page: the first run of non-blank lines that is not front
 * matter, a heading, an HTML comment, a fenced block, a table or a list; its lines joined and
 * runs of white space made one space.
 */
export function firstParagraph(markdown: string): string | undefined {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, j) => j > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (close > 0) i = close + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (/^(```|~~~)/.test(line)) {
      const fence = line.slice(0, 3);
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence); i++);
      continue;
    }
    if (line.startsWith('<!--')) {
      for (; i < lines.length && !lines[i].includes('-->'); i++);
      continue;
    }
    if (/^(#{1,6}(\s|$)|[|>]|[-*+]\s|\d+[.)]\s|={3,}$|-{3,}$)/.test(line)) continue;
    const paragraph: string[] = [];
    for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|~~~)/.test(lines[i].trim()); i++) paragraph.push(lines[i].trim());
    return paragraph.join(' ').replace(/\s+/g, ' ');
  }
  return undefined;
}

/** Markdown inline syntax removed, for SARIF's plain `text` beside its `markdown`. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?![\w*])/g, '$1$2');
}
