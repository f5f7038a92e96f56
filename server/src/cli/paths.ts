// Paths as CI systems want them. The engine names files relative to the workspace root; GitHub
// (code scanning, workflow annotations) and JUnit consumers resolve paths against the folder the
// job runs in, which for `tenet lint` from the repository root is the repository root. So CI
// formats name files relative to the current directory, with `/` separators.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isInside } from '../host/node-fs';

/**
 * `file` (workspace-relative, `/`-separated) relative to `cwd`, `/`-separated; an absolute path
 * when the file lies outside `cwd`, where no relative path would mean anything to a CI system.
 */
export function cwdPath(cwd: string, root: string, file: string): string {
  const abs = path.resolve(root, ...file.split('/'));
  if (!isInside(cwd, abs)) return abs.split(path.sep).join('/');
  return path.relative(cwd, abs).split(path.sep).join('/');
}

/**
 * `file` as a URI reference for SARIF's `artifactLocation.uri`: relative to `cwd` with every
 * segment percent-encoded (so `a b#1.md` and a segment holding `:` cannot be misread), or an
 * absolute `file:` URI for a file outside `cwd`.
 */
export function cwdUri(cwd: string, root: string, file: string): string {
  const abs = path.resolve(root, ...file.split('/'));
  if (!isInside(cwd, abs)) return pathToFileURL(abs).href;
  return path.relative(cwd, abs).split(path.sep).map(encodeURIComponent).join('/');
}
