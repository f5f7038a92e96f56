// Offsets → 0-based line/character (UTF-16 code units, as LSP counts them). \r\n, \n and a lone \r
// all end a line, matching how editors number lines.

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      } else if (c === 0x0a) {
        this.starts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  /** A character past the end of its line stays on that line, before its line break (as LSP defines). */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const line = Math.max(0, position.line);
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0a) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0d) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/**
 * The text with each lone \r (classic Mac line ends) turned into \n. YAML 1.2 ends a line at \r\n,
 * \n or a lone \r, as LineIndex does, but the `yaml` package and the front matter fences read only
 * \n: a policy saved with \r line ends was silently not a policy. One character for one, so every
 * offset still points into the original text.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
