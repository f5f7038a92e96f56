// Applies LSP text edits to a text, as an editor would (edits are non-overlapping; applied from the end).

import { LineIndex } from '../../server/src/engine/lines';

export interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export function applyEdits(text: string, edits: Edit[]): string {
  const index = new LineIndex(text);
  const located = edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText }));
  located.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of located) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
