// One Tenet workspace (a folder holding tenet.yaml, else an editor workspace folder): its files as the
// editor sees them, a LintSession that re-checks only what changed, and what was last published.

import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { LintSession } from '../engine/lint';
import type { LintResult, SeveritySetting } from '../engine/types';
import { GitHistory } from '../host/git';
import { NodeFs, isInside } from '../host/node-fs';
import { OverlayFs } from './overlay-fs';

export interface ProjectOptions {
  today?: string;
  rules?: ReadonlyMap<string, SeveritySetting>;
}

export class Project {
  readonly fs: OverlayFs;
  private current: LintSession;
  result?: LintResult;
  /** Diagnostics last sent, by workspace-relative file, with their JSON (to skip unchanged re-sends). */
  readonly sent = new Map<string, { list: Diagnostic[]; key: string }>();

  constructor(readonly root: string, private options: ProjectOptions) {
    this.fs = new OverlayFs(new NodeFs(root));
    this.current = this.newSession();
  }

  /** The engine state as of the last check (editor features query it). */
  get session(): LintSession {
    return this.current;
  }

  private newSession(): LintSession {
    // A new GitHistory per session: a full re-lint (Tenet: Lint Workspace) also sees new commits.
    return new LintSession({ fs: this.fs, root: this.root, today: this.options.today, rules: this.options.rules, history: new GitHistory(this.root) });
  }

  /** Workspace-relative path of an absolute path, if inside this project. */
  rel(absolute: string): string | undefined {
    if (!isInside(this.root, absolute)) return undefined;
    const rel = path.relative(this.root, absolute).split(path.sep).join('/');
    return rel === '' ? undefined : rel;
  }

  /** New settings or an explicit full re-lint: forget everything cached. */
  reset(options: ProjectOptions = this.options): void {
    this.options = options;
    this.current = this.newSession();
  }

  changed(rels: Iterable<string>): void {
    this.current.update(rels);
  }

  dependents(rel: string): string[] {
    return this.current.dependents(rel);
  }

  check(): LintResult {
    this.result = this.current.run();
    return this.result;
  }
}
