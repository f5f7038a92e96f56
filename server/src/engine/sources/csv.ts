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

interface Cell {
  text: string;
  span: Span;
}

interface Row {
  /** Spreadsheet row number (the header is 1). */
  number: number;
  cells: Cell[];
}

export interface CsvTable {
  header?: Row;
  rows: Row[];
  problem?: { message: string; span: Span };
}

export function parseCsv(text: string): CsvTable {
  // Cells cost memory per cell while parsing: bound them (commas and line breaks) before parsing.
  for (let i = 0, items = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x2c || c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) && ++items > MAX_ITEMS.csv) {
      const problem = tooManyItems(i, 'csv', 'cells and rows');
      return { rows: [], problem: { message: `CSV: ${problem.message}`, span: problem.span } };
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
    if (error instanceof CsvError) return { rows: [], problem: csvProblem(text, error, toChar(ends.at(-1) ?? 0)) };
    throw error;
  }
  const table: CsvTable = { rows: [] };
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  records.forEach((record, index) => {
    const end = toChar(ends[index]);
    const row: Row = { number: index + 1, cells: locateCells(text, start, withoutLineBreak(text, start, end), record) };
    start = end;
    // A blank line is an empty row: it has no cells to select.
    if (record.length === 1 && record[0] === '' && text[row.cells[0].span.start] !== '"') return;
    if (table.header === undefined) table.header = row;
    else table.rows.push(row);
  });
  return table;
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
 * The span of each of a record's cells in `[start, end)`: the trimmed text of an unquoted cell, the
 * quotes and all of a quoted one. csv-parse has already accepted the record, so this only finds the
 * boundaries; if they ever disagree with its values, a cell falls back to the whole record's span.
 */
function locateCells(text: string, start: number, end: number, record: string[]): Cell[] {
  const spans: Span[] = [];
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
      spans.push({ start: j, end: Math.min(k + 1, end) });
      while (k < end && text[k] !== ',') k++;
    } else {
      k = j;
      while (k < end && text[k] !== ',') k++;
      let e = k;
      while (e > j && isBlank(text[e - 1])) e--;
      spans.push(j < e ? { start: j, end: e } : { start: i, end: i });
    }
    if (k >= end) break;
    i = k + 1;
  }
  const whole = { start, end };
  const agrees = spans.length === record.length && spans.every((span, n) => cellText(text, span) === record[n]);
  return record.map((value, n) => ({ text: value, span: agrees ? spans[n] : whole }));
}

function cellText(text: string, span: Span): string {
  const raw = text.slice(span.start, span.end);
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
  const columns = table.header?.cells.map((c) => c.text) ?? [];
  /** A repeated column name means its last column, as a repeated key does elsewhere. */
  const indexOf = (name: string) => columns.lastIndexOf(name);
  return {
    file,
    format: 'csv',
    problem,
    select(at: string): Selection {
      if (problem || table.header === undefined) return { ok: true, values: [] };
      const column = indexOf(at);
      if (column < 0) return { ok: false, message: unknownColumn(file, at, columns) };
      if (table.rows.length > MAX_SELECTED) return { ok: false, message: tooManySelected() };
      const values: SelectedValue[] = [];
      for (const row of table.rows) {
        const cell = row.cells[column];
        if (cell === undefined) continue; // a short row has no cell in this column
        values.push({
          file,
          span: cell.span,
          name: `${at} (row ${row.number})`,
          value: typedText(cell.text),
          row: (field): Scalar | undefined => {
            const other = row.cells[indexOf(field)];
            return other === undefined ? undefined : typedText(other.text);
          },
        });
      }
      return { ok: true, values };
    },
  };
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
