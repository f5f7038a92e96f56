// Offsets are the engine's single source of truth; every CLI format derives 1-based line/column
// from them through LineIndex, never by counting lines itself.

import { LineIndex } from '../engine/lines';
import type { Span } from '../engine/types';

/** A 1-based line and column (UTF-16 code units, as editors and ESLint count columns). */
export interface CliPosition {
  line: number;
  column: number;
}

export interface CliRange {
  start: CliPosition;
  end: CliPosition;
}

export class Positions {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** 1-based position of `offset` in `file`; 1:1 when the engine kept no text for that file. */
  at(file: string, offset: number): CliPosition {
    const index = this.index(file);
    if (!index) return { line: 1, column: 1 };
    const { line, character } = index.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  }

  range(file: string, span: Span): CliRange {
    return { start: this.at(file, span.start), end: this.at(file, span.end) };
  }

  private index(file: string): LineIndex | null {
    let index = this.indexes.get(file);
    if (index === undefined) {
      const text = this.texts.get(file);
      index = text === undefined ? null : new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }
}
