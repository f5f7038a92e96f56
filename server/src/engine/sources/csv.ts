// CSV (`.csv`): `at` is a column name from the header row; it selects that column's cell in every data
// row, each with its row for `where` filters (policy format section 3). csv-parse reads the file
// (RFC 4180 quoting, CRLF/LF/CR line ends, a BOM, blanks around cells trimmed); its record info gives
// where each record ends, and each record's cells are then located within it.
//
// Rows are named as a spreadsheet numbers them: the header is row 1, and blank lines count as (empty)
// rows, so `completed_on (row 7)` is row 7 in a spreadsheet and, unless a quoted cell spans lines,
// line 7 in an editor.
//
// Ragged rows are read, not refused: a row with fewer cells than the header simply has no value for
// the missing columns (nothing is selected there, and a `where` on such a column does not match); a
// row with more cells has its extra cells ignored, since no column names them.
//
// Cells are typed as INI values are (`typedText`): `yes/no/true/false/on/off` booleans, canonical
// numbers, everything else (dates too, `YYYY-MM-DD`) text.

import { CsvError, parse } from 'csv-parse/sync';
import type { Scalar, Span } from '../types';
import { typedText } from './ini';
import { MAX_ITEMS, MAX_SELECTED, tooManyItems, tooManySelected } from './limits';
import type { LoadedSource, SelectedValue, Selection, SourceFormat, SourceProblem } from './source';

/**
 * A parsed file, kept compact: it lives as long as the file is loaded, and a cell as an object (a
 * `{text, span}` pair, its span, its string) cost ~130 bytes where the file spends a few per cell.
 * Cell positions sit in typed arrays and each cell's text is read back from the file when selected
 * (what csv-parse read, checked cell by cell while parsing; a row where the two ever disagree keeps
 * csv-parse's texts, each spanning the whole record).
 */
export class CsvTable {
  /** The header row's cells: the column names. Undefined when the file has no row at all. */
  readonly columns?: string[];
  readonly problem?: { message: string; span: Span };

  constructor(
    private readonly text: string,
    columns: string[] | undefined,
    /** Per data row, its spreadsheet number (the header is row 1, blank lines count). */
    private readonly numbers: Int32Array,
    /** Data row r holds cells `firstCell[r]` to `firstCell[r + 1] - 1`. */
    private readonly firstCell: Int32Array,
    /** Start and end of each cell: `[2c]`, `[2c + 1]`. */
    private readonly bounds: Int32Array,
    /** Rows whose cells could not be placed exactly, with csv-parse's texts. */
    private readonly odd: ReadonlyMap<number, readonly string[]>,
    problem?: { message: string; span: Span },
  ) {
    if (columns !== undefined) this.columns = columns;
    if (problem !== undefined) this.problem = problem;
  }

  static failed(problem: { message: string; span: Span }): CsvTable {
    return new CsvTable('', undefined, new Int32Array(0), new Int32Array(1), new Int32Array(0), new Map(), problem);
  }

  /** Data rows (blank lines excluded). */
  get rowCount(): number {
    return this.numbers.length;
  }

  rowNumber(row: number): number {
    return this.numbers[row];
  }

  /** Whether data row `row` has a cell in column `column` (a short row does not). */
  has(row: number, column: number): boolean {
    return column >= 0 && column < this.firstCell[row + 1] - this.firstCell[row];
  }

  /** The cell's text as csv-parse read it (trimmed, unquoted). */
  cellText(row: number, column: number): string {
    const odd = this.odd.get(row);
    if (odd !== undefined) return odd[column];
    const c = this.firstCell[row] + column;
    return cellText(this.text, this.bounds[2 * c], this.bounds[2 * c + 1]);
  }

  cellSpan(row: number, column: number): Span {
    const c = this.firstCell[row] + column;
    return { start: this.bounds[2 * c], end: this.bounds[2 * c + 1] };
  }
}

export function parseCsv(text: string): CsvTable {
  // Cells cost memory per cell while parsing: bound them (commas and line breaks) before parsing.
  for (let i = 0, items = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x2c || c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) && ++items > MAX_ITEMS.csv) {
      const problem = tooManyItems(i, 'csv', 'cells and rows');
      return CsvTable.failed({ message: `CSV: ${problem.message}`, span: problem.span });
    }
  }
  const toChar = byteToChar(text);
  // Where each record csv-parse emits ends, in bytes, from the record info it hands `on_record`
  // (cheaper than `info: true`, which builds that info twice). `raw: true` keeps the text of a record
  // that fails, to place the error.
  const ends: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      raw: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record, context) => {
        ends.push(context.bytes);
        return (record as unknown as { record: string[] }).record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) return CsvTable.failed(csvProblem(text, error, toChar(ends.at(-1) ?? 0)));
    throw error;
  }
  let columns: string[] | undefined;
  const numbers: number[] = [];
  const firstCell: number[] = [0];
  const bounds: number[] = [];
  const odd = new Map<number, string[]>();
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  records.forEach((record, index) => {
    const end = toChar(ends[index]);
    const recordEnd = withoutLineBreak(text, start, end);
    const spans = locateCells(text, start, recordEnd, record);
    const recordStart = start;
    start = end;
    // A blank line is an empty row: it has no cells to select.
    if (record.length === 1 && record[0] === '' && text[spans?.[0] ?? recordStart] !== '"') return;
    if (columns === undefined) {
      columns = record;
      return;
    }
    if (spans === undefined) odd.set(numbers.length, record);
    numbers.push(index + 1);
    for (let n = 0; n < record.length; n++) {
      if (spans === undefined) bounds.push(recordStart, recordEnd);
      else bounds.push(spans[2 * n], spans[2 * n + 1]);
    }
    firstCell.push(firstCell[firstCell.length - 1] + record.length);
  });
  return new CsvTable(text, columns, Int32Array.from(numbers), Int32Array.from(firstCell), Int32Array.from(bounds), odd);
}

/** A record's text ends with its line break (\r\n, \n or \r), except at the end of the file. */
function withoutLineBreak(text: string, start: number, end: number): number {
  if (end > start && text[end - 1] === '\n') end--;
  if (end > start && text[end - 1] === '\r') end--;
  return end;
}

/** csv-parse counts UTF-8 bytes; spans are UTF-16 offsets. Calls come in increasing order. */
function byteToChar(text: string): (bytes: number) => number {
  let char = 0;
  let byte = 0;
  return (target) => {
    if (target < byte) {
      char = 0;
      byte = 0;
    }
    while (byte < target && char < text.length) {
      const cp = text.codePointAt(char) as number;
      byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      char += cp > 0xffff ? 2 : 1;
    }
    return char;
  };
}

/** csv-parse's trimmable characters are whitespace; JavaScript's \s is the same set for this purpose. */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || (c > '~' && /\s/.test(c)) || c === '\f' || c === '\v';
}

/**
 * Where each of a record's cells is in `[start, end)`, as `[start, end, start, end, …]`: the trimmed
 * text of an unquoted cell, the quotes and all of a quoted one. csv-parse has already accepted the
 * record, so this only finds the boundaries; if they ever disagree with its values, the answer is
 * undefined and every cell of the record takes the whole record's span.
 */
function locateCells(text: string, start: number, end: number, record: string[]): number[] | undefined {
  const spans: number[] = [];
  let i = start;
  for (;;) {
    let j = i;
    while (j < end && isBlank(text[j])) j++;
    let k: number;
    if (j < end && text[j] === '"') {
      k = j + 1;
      for (; k < end; k++) {
        if (text[k] === '"') {
          if (text[k + 1] === '"') k++;
          else break;
        }
      }
      spans.push(j, Math.min(k + 1, end));
      while (k < end && text[k] !== ',') k++;
    } else {
      k = j;
      while (k < end && text[k] !== ',') k++;
      let e = k;
      while (e > j && isBlank(text[e - 1])) e--;
      if (j < e) spans.push(j, e);
      else spans.push(i, i);
    }
    if (k >= end) break;
    i = k + 1;
  }
  let agrees = spans.length === 2 * record.length;
  for (let n = 0; agrees && n < record.length; n++) agrees = cellText(text, spans[2 * n], spans[2 * n + 1]) === record[n];
  return agrees ? spans : undefined;
}

function cellText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
}

/** The syntax error csv-parse reports, placed on the offending character. */
function csvProblem(text: string, error: CsvError, recordStart: number): { message: string; span: Span } {
  const raw = typeof (error as { raw?: unknown }).raw === 'string' ? ((error as { raw?: string }).raw as string) : '';
  // `raw` is the record read so far, ending with the character that failed.
  const failed = Math.min(text.length, recordStart + (text.charCodeAt(recordStart) === 0xfeff ? 1 : 0) + raw.length);
  const at = (offset: number): Span => ({ start: Math.max(0, Math.min(offset, text.length)), end: Math.min(offset + 1, text.length) });
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: 'CSV syntax error: a quoted cell is never closed (a quote inside a quoted cell is written twice: "")', span: at(openQuote(text, recordStart)) };
    case 'INVALID_OPENING_QUOTE':
      return { message: 'CSV syntax error: a quote inside an unquoted cell (quote the whole cell and double the quote: "say ""hi""")', span: at(failed - 1) };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE': {
      // The first reports the closing quote (the bad character follows it); the second the character.
      const bad = error.code === 'CSV_INVALID_CLOSING_QUOTE' ? failed : failed - 1;
      return { message: 'CSV syntax error: text after a closing quote (expected a comma or the end of the row)', span: at(bad) };
    }
    default:
      return { message: `CSV syntax error: ${error.message.replace(/^[^:]*:\s*/, '')}`, span: at(Math.min(failed, text.length - 1)) };
  }
}

/** The quote that opens the cell left unclosed in the record starting at `start`. */
function openQuote(text: string, start: number): number {
  let i = start;
  let quoting = -1;
  let cellStart = true;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoting >= 0) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoting = -1;
      }
    } else if (c === '"' && cellStart) {
      quoting = i;
    } else if (c === ',' || c === '\n' || c === '\r') {
      cellStart = true;
      continue;
    }
    if (!isBlank(c)) cellStart = false;
  }
  return quoting >= 0 ? quoting : start;
}

export function csvSource(file: string, text: string): LoadedSource {
  const table = parseCsv(text);
  const problem: SourceProblem | undefined = table.problem && { ...table.problem, file };
  const columns = table.columns ?? [];
  return {
    file,
    format: 'csv',
    problem,
    select(at: string): Selection {
      if (problem || table.columns === undefined) return { ok: true, values: [] };
      const column = columnOf(columns, at);
      if (column < 0) return { ok: false, message: unknownColumn(file, at, columns) };
      if (table.rowCount > MAX_SELECTED) return { ok: false, message: tooManySelected() };
      const values: SelectedValue[] = [];
      for (let row = 0; row < table.rowCount; row++) {
        if (!table.has(row, column)) continue; // a short row has no cell in this column
        values.push(new CsvValue(file, table, row, column, at));
      }
      // Checks keep the list: a copy has no room to spare, a list grown by push has up to half more.
      return { ok: true, values: values.slice() };
    },
  };
}

/** A repeated column name means its last column, as a repeated key does elsewhere. */
function columnOf(columns: readonly string[], name: string): number {
  return columns.lastIndexOf(name);
}

/**
 * A selected cell. A column of an evidence log selects thousands of them, and checks keep them: the
 * name and the row lookup live on the prototype, so a value holds little more than its place.
 */
class CsvValue implements SelectedValue {
  readonly span: Span;
  readonly value: Scalar;

  constructor(
    readonly file: string,
    private readonly table: CsvTable,
    private readonly rowIndex: number,
    column: number,
    private readonly at: string,
  ) {
    this.span = table.cellSpan(rowIndex, column);
    this.value = typedText(table.cellText(rowIndex, column));
  }

  get name(): string {
    return `${this.at} (row ${this.table.rowNumber(this.rowIndex)})`;
  }

  /** The cell of another column in this value's row, typed (undefined when the row lacks it). */
  row(field: string): Scalar | undefined {
    const column = columnOf(this.table.columns ?? [], field);
    return this.table.has(this.rowIndex, column) ? typedText(this.table.cellText(this.rowIndex, column)) : undefined;
  }
}

const MAX_LISTED = 20;

function unknownColumn(file: string, at: string, columns: string[]): string {
  const shown = columns.slice(0, MAX_LISTED).join(', ') + (columns.length > MAX_LISTED ? `, … ${columns.length - MAX_LISTED} more` : '');
  const hint = at.trimStart().startsWith('$') ? '; in a CSV file `at` is a column name, not a JSONPath query' : '';
  return `no column "${at}" in ${file} (columns: ${shown})${hint}`;
}

export const csvFormat: SourceFormat = {
  name: 'csv',
  accepts: (file) => file.endsWith('.csv'),
  load: (file, text) => csvSource(file, text),
};
