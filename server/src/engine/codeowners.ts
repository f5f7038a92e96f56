// GitHub CODEOWNERS, for `owner/not-codeowner`: which file is in effect, its rules, and who owns a path.
//
// GitHub's patterns are "mostly gitignore", and the differences matter here, so each line is turned
// into globs by hand and matched with picomatch rather than handed to the `ignore` package:
// - `docs/*` owns `docs/a.md` but NOT `docs/sub/b.md` (GitHub documents this); in gitignore `docs/*`
//   also matches the folder `docs/sub`, and `ignore` then treats everything below it as matched.
// - `!negation` and `[a-z]` ranges do not work in CODEOWNERS; `ignore` would honour both.
// - ownership is decided by the LAST matching line, including a line with no owners (which un-owns);
//   `ignore` only answers ignored/not for a whole set, so it would need one instance per line anyway.
// picomatch compiles one glob to a regular expression and leaves the semantics to us; every literal
// character is escaped and brace/extglob/negation syntax is switched off, so only `*`, `?` and `**`
// act as wildcards. The semantics follow GitHub's documentation (and hmarr/codeowners' test table).

import picomatch from 'picomatch';
import type { WorkspaceFs } from './fs';
import type { Span } from './types';

/** Where GitHub looks, in order; the first file found is the one in effect. */
export const CODEOWNERS_PATHS: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** GitHub does not load a CODEOWNERS file over 3 MB. */
const MAX_CODEOWNERS_CHARS = 3 * 1024 * 1024;

export interface CodeOwnersRule {
  /** The pattern as written (escapes kept). */
  pattern: string;
  /** As written; empty when the line un-owns what it matches. */
  owners: string[];
  /** The line, from the pattern to the last owner. */
  span: Span;
  matches(path: string): boolean;
}

export interface CodeOwners {
  /** Workspace-relative path of the CODEOWNERS file in effect. */
  file: string;
  rules: CodeOwnersRule[];
  /** The last rule matching a workspace-relative path (its owners may be empty), if any. */
  ruleFor(path: string): CodeOwnersRule | undefined;
}

/** The CODEOWNERS file in effect (the workspace root is taken as the repository root), if any. */
export function readCodeOwners(fs: WorkspaceFs): CodeOwners | undefined {
  for (const file of CODEOWNERS_PATHS) {
    const read = fs.read(file);
    if (read.ok) return read.text.length > MAX_CODEOWNERS_CHARS ? undefined : parseCodeOwners(file, read.text);
    // A folder of that name is not a CODEOWNERS file; GitHub looks further. An unreadable file stops the search.
    if (read.problem !== 'missing' && read.problem !== 'directory') return undefined;
  }
  return undefined;
}

export function parseCodeOwners(file: string, text: string): CodeOwners {
  const rules: CodeOwnersRule[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const rule = parseLine(line, offset);
    if (rule) rules.push(rule);
    offset += raw.length + 1;
  }
  return {
    file,
    rules,
    ruleFor(path) {
      for (let i = rules.length - 1; i >= 0; i--) if (rules[i].matches(path)) return rules[i];
      return undefined;
    },
  };
}

/** Owners compare case-insensitively (GitHub handles, team names and emails all do). */
export function sameOwner(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

type Token = { kind: 'literal'; char: string } | { kind: '*' | '?' | '/' };

function parseLine(line: string, lineStart: number): CodeOwnersRule | undefined {
  let i = 0;
  while (i < line.length && isSpace(line[i])) i++;
  if (i === line.length || line[i] === '#') return undefined; // blank or comment
  const patternStart = i;
  const tokens: Token[] = [];
  for (; i < line.length && !isSpace(line[i]); i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) tokens.push({ kind: 'literal', char: line[++i] }); // `\#`, `\*`, `\ `
    else if (c === '*' || c === '?' || c === '/') tokens.push({ kind: c });
    else tokens.push({ kind: 'literal', char: c });
  }
  const pattern = line.slice(patternStart, i);
  const owners: string[] = [];
  let end = i;
  for (const match of line.slice(i).matchAll(/\S+/g)) {
    if (match[0].startsWith('#')) break; // an inline comment
    owners.push(match[0]);
    end = i + match.index + match[0].length;
  }
  const matches = compile(tokens);
  if (!matches) return undefined; // GitHub skips a line it cannot read
  return { pattern, owners, span: { start: lineStart + patternStart, end: lineStart + end }, matches };
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t';
}

const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, windows: false, nobrace: true, noextglob: true, nonegate: true, nobracket: true };

/** The globs a pattern stands for, as one matcher; undefined for a pattern GitHub rejects. */
function compile(tokens: Token[]): ((path: string) => boolean) | undefined {
  const first = tokens[0];
  // `!negation` is not supported by CODEOWNERS; `***` is not a pattern.
  if (first?.kind === 'literal' && first.char === '!') return undefined;
  const rooted = first?.kind === '/';
  const body = rooted ? tokens.slice(1) : tokens;
  const directory = body.at(-1)?.kind === '/';
  const segments: Token[][] = [[]];
  for (const t of directory ? body.slice(0, -1) : body) {
    if (t.kind === '/') segments.push([]);
    else segments[segments.length - 1].push(t);
  }
  if (segments.some((s) => s.length === 0)) return undefined; // `/`, `a//b`: nothing GitHub matches
  const globs = segments.map(segmentGlob);
  if (globs.some((g) => g === undefined)) return undefined;
  // A separator at the start or in the middle anchors to the root; otherwise the pattern matches at any depth.
  const anchored = rooted || segments.length > 1;
  let last = globs.at(-1)!;
  let under = directory; // `dir/` and `dir/**` own what is below, not a file of that name
  if (last === '**' && globs.length > 1) {
    globs.pop();
    under = true;
    last = globs.at(-1)!;
  }
  let base = globs.join('/');
  if (!anchored && base !== '**' && !base.startsWith('**/')) base = `**/${base}`;
  let patterns: string[];
  if (base === '**') patterns = ['**'];
  else if (under) patterns = [`${base}/**/*`];
  // A last segment that is only `*` matches one level (`docs/*` owns docs/a.md, not docs/sub/b.md);
  // any other names a file, or a folder and everything in it.
  else if (last === '*') patterns = [base];
  else patterns = [base, `${base}/**/*`];
  const matchers = patterns.map((p) => picomatch(p, GLOB_OPTIONS));
  return (path) => matchers.some((m) => m(path));
}

function segmentGlob(segment: Token[]): string | undefined {
  let glob = '';
  let stars = 0;
  for (const t of segment) {
    if (t.kind === '*') {
      if (++stars > 2) return undefined;
      continue;
    }
    glob += stars > 0 ? '*' : '';
    stars = 0;
    glob += t.kind === '?' ? '?' : escapeGlob((t as { char: string }).char);
  }
  if (stars > 0) glob += stars === 2 && segment.length === 2 ? '**' : '*';
  return glob;
}

function escapeGlob(char: string): string {
  return /[\\*?[\](){}!+@|^$,.#]/.test(char) ? `\\${char}` : char;
}
