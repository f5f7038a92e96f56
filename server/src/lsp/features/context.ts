// What an editor feature needs to answer a request: the project, the file, offsets ↔ positions for
// any workspace file, and URIs.

import type { Position, Range } from 'vscode-languageserver';
import { LineIndex } from '../../engine/lines';
import type { Span } from '../../engine/types';
import type { Project } from '../project';

export class FeatureContext {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(
    readonly project: Project,
    /** Workspace-relative path of the document the request is about. */
    readonly rel: string,
    readonly uriOf: (rel: string) => string,
  ) {}

  text(file: string): string {
    const read = this.project.fs.read(file);
    return read.ok ? read.text : '';
  }

  index(file: string): LineIndex {
    let index = this.indexes.get(file);
    if (!index) this.indexes.set(file, (index = new LineIndex(this.text(file))));
    return index;
  }

  offsetAt(position: Position, file = this.rel): number {
    return this.index(file).offsetAt(position);
  }

  rangeOf(span: Span, file = this.rel): Range {
    const index = this.index(file);
    return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
  }

  location(file: string, span: Span): { uri: string; range: Range } {
    return { uri: this.uriOf(file), range: this.rangeOf(span, file) };
  }
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
