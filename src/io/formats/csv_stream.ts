import { UserError } from '../../core/base/errors.ts';
import type { CsvTable, TableRow, TableRows, TextEncoding } from './csv.ts';
import { IMPORT_LIMITS } from './limits.ts';

/** Bytes decoded at a time: the text of the whole file is never held (V8 strings stop near 512 MiB). */
const CHUNK_BYTES = 1 << 20;

/** The encoding of the bytes before any text is decoded: a BOM, UTF-16 without one, else UTF-8. */
function sniffEncoding(bytes: Uint8Array): { encoding: TextEncoding; start: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  const n = Math.min(bytes.length, 512) & ~1;
  if (n >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    const half = n / 2;
    if (oddZero > 0.4 * half && evenZero < 0.05 * half) return { encoding: 'utf-16le', start: 0 };
    if (evenZero > 0.4 * half && oddZero < 0.05 * half) return { encoding: 'utf-16be', start: 0 };
  }
  return { encoding: 'utf-8', start: 0 };
}

/** Thrown inside a pass when the bytes are not valid UTF-8: the pass restarts as Windows-1258. */
class NotUtf8 extends Error {}

/**
 * The file's text piece by piece, as `decodeBytes` would decode it whole: NFC-normalised, without the
 * leading BOMs `decodeBytes` and `parseCsv` drop. A piece ends before an ASCII character (which no
 * composition or reordering crosses), so normalising the pieces one by one gives the text normalised
 * whole. Throws `NotUtf8` when UTF-8 bytes are not valid UTF-8.
 */
function* pieces(bytes: Uint8Array, start: number, encoding: TextEncoding, chunk: number): Generator<string> {
  const decoder =
    encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder(encoding);
  let carry = '';
  let boms = 0;
  for (let at = start; ; at += chunk) {
    const last = at >= bytes.length;
    let t: string;
    try {
      t =
        carry +
        (last
          ? decoder.decode()
          : decoder.decode(bytes.subarray(at, Math.min(at + chunk, bytes.length)), { stream: true }));
    } catch (e) {
      if (encoding === 'utf-8' && e instanceof TypeError) throw new NotUtf8();
      throw e;
    }
    while (boms < 2 && t.length > 0) {
      if (t.charCodeAt(0) !== 0xfeff) {
        boms = 2;
        break;
      }
      t = t.slice(1);
      boms++;
    }
    if (last) {
      if (t) yield t.normalize('NFC');
      return;
    }
    let cut = t.length;
    while (cut > 0 && t.charCodeAt(cut - 1) >= 0x80) cut--;
    cut--; // before the last ASCII character
    if (cut <= 0) {
      carry = t;
      continue;
    }
    carry = t.slice(cut);
    yield t.slice(0, cut).normalize('NFC');
  }
}

/** A copy of a cell that does not keep the 1 MiB piece it was cut from alive (V8 slices share it). */
const own = (s: string): string => (s.length < 13 ? s : `${s} `.slice(0, -1));

/**
 * The CSV state machine of `parseCsv`, fed piece by piece: RFC 4180 quotes (a quote opens a field only
 * at its start; `""` inside is a quote), `\n`, `\r\n` or `\r` end a record outside quotes. A quote, a
 * `\r` or a field may be split between two pieces. `onRecord` gets every record with its number.
 */
class CsvMachine {
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  /** A quote seen inside quotes at the end of a piece: the next character decides. */
  private quoteAtEnd = false;
  /** A `\r` ended the last piece: a `\n` starting the next one belongs to it. */
  private crAtEnd = false;
  record = 1;

  constructor(
    private readonly delimiter: number,
    private readonly onRecord: (row: number, cells: string[]) => void,
  ) {}

  push(text: string): void {
    const d = this.delimiter;
    let i = 0;
    const n = text.length;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(i) === 34) {
        this.cell += '"';
        i++;
      } else this.quoted = false;
    }
    let run = i; // start of the characters not yet added to `cell`
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (this.quoted) {
        if (ch === 34) {
          this.cell += text.slice(run, i);
          if (i + 1 === n) {
            this.quoteAtEnd = true;
            run = n;
            i = n;
            break;
          }
          if (text.charCodeAt(i + 1) === 34) {
            this.cell += '"';
            i += 2;
          } else {
            this.quoted = false;
            i++;
          }
          run = i;
        } else i++;
        continue;
      }
      if (ch === 34 && this.cell.length === 0 && run === i) {
        this.quoted = true;
        i++;
        run = i;
      } else if (ch === d) {
        this.cells.push(own(this.cell + text.slice(run, i)));
        this.cell = '';
        i++;
        run = i;
      } else if (ch === 10 || ch === 13) {
        this.cells.push(own(this.cell + text.slice(run, i)));
        this.cell = '';
        this.onRecord(this.record, this.cells);
        this.cells = [];
        this.record++;
        i++;
        if (ch === 13) {
          if (i === n) this.crAtEnd = true;
          else if (text.charCodeAt(i) === 10) i++;
        }
        run = i;
      } else i++;
    }
    if (run < n) this.cell += text.slice(run, n);
  }

  /** The end of the text: an open quote is a UserError; the last record without a line break is kept. */
  end(file: string): void {
    if (this.quoteAtEnd) this.quoted = false;
    if (this.quoted) throw new UserError(`${file}: row ${this.record}: a quoted field is never closed.`);
    if (this.cell.length > 0 || this.cells.length > 0) {
      this.cells.push(own(this.cell));
      this.onRecord(this.record, this.cells);
    }
  }
}

const DELIMITERS = [',', ';', '\t'];

/** The delimiter of `parseCsv`: whichever of `,` `;` and tab the first line has most of (ties: `,`). */
function delimiterOf(firstLine: string): string {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

interface Source {
  bytes: Uint8Array;
  chunk: number;
  maxRows: number;
  start: number;
  encoding: TextEncoding;
  delimiter: string;
  file: string;
}

/**
 * One pass over the file: every non-blank record, the header included (the first), with its row
 * number. Throws `NotUtf8` when a UTF-8 file turns out not to be.
 */
function forEachRecord(src: Source, fn: (row: number, cells: string[]) => void): void {
  const machine = new CsvMachine(src.delimiter.charCodeAt(0), (row, cells) => {
    for (const c of cells) if (c.trim() !== '') return fn(row, cells);
  });
  for (const t of pieces(src.bytes, src.start, src.encoding, src.chunk)) machine.push(t);
  machine.end(src.file);
}

/**
 * The line the delimiter is read from, as `parseCsv` does: the first line, or (a title row above the
 * header) the first of the first 20 lines (within 200,000 characters) that has a delimiter.
 */
function delimiterLineOf(bytes: Uint8Array, start: number, encoding: TextEncoding, chunk: number): string {
  let head = '';
  for (const t of pieces(bytes, start, encoding, chunk)) {
    head += t;
    if (head.length >= 200_000 || head.split('\n', 21).length > 20) break;
  }
  return (
    head
      .slice(0, 200_000)
      .split(/\r?\n/, 20)
      .find((line) => /[,;\t]/.test(line)) ?? ''
  );
}

/**
 * The data rows of a CSV file read from its bytes, again at every pass: nothing but the row count is
 * kept, so memory does not grow with the file. Edits (a coordinate conversion, a lon/lat swap) are
 * applied to each row as it is read, in the order they were added. `slice(k)` skips the first k rows.
 */
class CsvRowStream implements TableRows {
  constructor(
    private readonly src: Source,
    private readonly skip: number,
    readonly length: number,
    private readonly edits: readonly ((r: TableRow) => void)[] = [],
  ) {}

  *[Symbol.iterator](): Iterator<TableRow> {
    // A generator cannot yield from inside the pass's callbacks: rows go through a small queue.
    const queue: TableRow[] = [];
    let seen = -1; // the header is record 0
    const first = this.skip;
    const stop = this.skip + this.length;
    const machine = new CsvMachine(this.src.delimiter.charCodeAt(0), (row, cells) => {
      for (const c of cells) {
        if (c.trim() === '') continue;
        seen++;
        if (seen > first && seen <= stop) {
          const r = { row, cells };
          for (const edit of this.edits) edit(r);
          queue.push(r);
        }
        return;
      }
    });
    for (const t of pieces(this.src.bytes, this.src.start, this.src.encoding, this.src.chunk)) {
      machine.push(t);
      yield* queue;
      queue.length = 0;
      if (seen >= stop) return;
    }
    machine.end(this.src.file);
    yield* queue;
  }

  slice(start = 0, end?: number): TableRows {
    const from = Math.min(Math.max(start, 0), this.length);
    const to = end === undefined ? this.length : Math.min(Math.max(end, from), this.length);
    const view = new CsvRowStream(this.src, this.skip + from, to - from, this.edits);
    return end === undefined ? view : [...view];
  }

  /** Adds an edit applied to every row from now on (the edits before it come first). */
  withEdit(edit: (r: TableRow) => void): CsvRowStream {
    return new CsvRowStream(this.src, this.skip, this.length, [...this.edits, edit]);
  }
}

/**
 * Applies `edit` to every row of a table: at once when the rows are an array, or, for a CSV read in
 * passes (`readCsvBytes`), each time a row is read from then on. The edit must give the same result
 * every time for the same row (it is re-applied at each pass).
 */
export function editRows(table: CsvTable, edit: (r: TableRow) => void): void {
  const rows = table.rows as TableRows & { withEdit?: (e: (r: TableRow) => void) => TableRows };
  // Rows read again at each pass (a CSV's, an XLSX sheet's) take the edit as they are read.
  if (typeof rows.withEdit === 'function') table.rows = rows.withEdit(edit);
  else for (const r of table.rows) edit(r);
}

/**
 * Reads a CSV file from its bytes, chunk by chunk, into a table whose rows are read again from the
 * bytes at each pass instead of being held: the same table as `parseCsv(decodeBytes(bytes).text)`
 * (header, row numbers, cells, messages), with the encoding `decodeBytes` would report (a file that
 * is not UTF-8 is read as Windows-1258). The bytes must not change while the table is in use.
 * `chunkBytes` (1 MiB) is the size decoded at a time (tests use tiny ones). A file with more data rows
 * than `maxRows` (IMPORT_LIMITS.tableRows) is refused after the first pass.
 */
export function readCsvBytes(
  bytes: Uint8Array,
  file: string,
  chunkBytes: number = CHUNK_BYTES,
  maxRows: number = IMPORT_LIMITS.tableRows,
): { table: CsvTable; encoding: TextEncoding } {
  const sniffed = sniffEncoding(bytes);
  const chunk = Math.max(1, Math.floor(chunkBytes));
  const src = { bytes, chunk, maxRows, start: sniffed.start, delimiter: ',', file };
  try {
    return readAs({ ...src, encoding: sniffed.encoding });
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return readAs({ ...src, encoding: 'windows-1258' });
  }
}

function readAs(from: Source): { table: CsvTable; encoding: TextEncoding } {
  const { file, encoding } = from;
  const delimiter = delimiterOf(delimiterLineOf(from.bytes, from.start, encoding, from.chunk));
  const src: Source = { ...from, delimiter };
  let header: string[] | null = null;
  let headerText: string[] = [];
  let headerRow = 1;
  let count = 0;
  forEachRecord(src, (row, cells) => {
    if (header) count++;
    else {
      headerText = cells.map((h) => h.trim());
      header = headerText.map((h) => h.toLowerCase());
      headerRow = row;
    }
  });
  if (!header) throw new UserError(`${file}: the file is empty; expected a header row.`);
  if (count > from.maxRows)
    throw new UserError(
      `${file}: ${count.toLocaleString('en-US')} data rows, over the ${from.maxRows.toLocaleString('en-US')}-row limit of a table ` +
        '(every row becomes a record held in memory). Split the file (for example by district) and import the parts.',
    );
  return {
    table: { header, headerText, headerRow, rows: new CsvRowStream(src, 0, count), delimiter },
    encoding,
  };
}
