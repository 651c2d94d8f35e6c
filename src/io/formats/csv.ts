import { UserError } from '../../core/base/errors.ts';
import { parseNumberText } from './fields.ts';

/**
 * A data row with its 1-based record number as Excel shows it (the header is row 1; a quoted field
 * holding line breaks is still one row; blank lines are counted, as Excel shows them as empty rows).
 */
export interface TableRow {
  row: number;
  cells: string[];
}

/**
 * A table's data rows: an array, or rows read again from the file at each pass (`readCsvBytes`, for
 * files too big to hold as text). Read them with `for…of`; change them with `editRows`.
 */
export interface TableRows extends Iterable<TableRow> {
  readonly length: number;
  /** Rows `start` to `end` (an array), or all rows from `start` on when `end` is not given. */
  slice(start?: number, end?: number): TableRows;
}

export interface CsvTable {
  header: string[];
  rows: TableRows;
  delimiter: string;
  /** The header as written (trimmed, case kept), for messages; `header` is lower-cased. */
  headerText?: string[];
  /** The file's row number of the header (1 unless blank or title rows come first). */
  headerRow?: number;
}

/** Text encodings read: Unicode, and Windows-1258, the Vietnamese ANSI code page Excel uses for "CSV". */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/** UTF-16 without a BOM: most of the first bytes' high halves are zero (mostly-ASCII text). */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > 0.4 * half && evenZero < 0.05 * half) return 'utf-16le';
  if (evenZero > 0.4 * half && oddZero < 0.05 * half) return 'utf-16be';
  return null;
}

/**
 * Decodes bytes and says how: UTF-16 with a BOM (Excel's "Unicode text") or without one, UTF-8 (BOM
 * dropped), and, when the bytes are not valid UTF-8, Windows-1258 (what Excel writes for "CSV" on a
 * Vietnamese Windows). The text is NFC-normalised, which also composes Windows-1258's separate tone marks.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  let encoding: TextEncoding;
  let body = bytes;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else encoding = utf16WithoutBom(bytes) ?? 'utf-8';
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      encoding = 'windows-1258';
      text = new TextDecoder('windows-1258').decode(body);
    }
  } else text = new TextDecoder(encoding).decode(body);
  return { text: stripBom(text).normalize('NFC'), encoding };
}

/** Decodes bytes as UTF-8 or UTF-16 (see `decodeBytes`), dropping the BOM; text is NFC-normalised. */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).text;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses CSV text (RFC 4180 quoting; `,`, `;` or tab delimiter detected from the header; BOM allowed).
 * Blank lines are skipped. An unterminated quote is a UserError naming the file and row.
 */
export function parseCsv(input: string, file: string): CsvTable & { rows: TableRow[] } {
  const text = stripBom(input).normalize('NFC');
  // From the first line, or (a title row above the header) the first of the next lines with a delimiter.
  const firstLine =
    text
      .slice(0, 200_000)
      .split(/\r?\n/, 20)
      .find((line) => /[,;\t]/.test(line)) ?? '';
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let record = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell.length === 0) quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ row: record, cells });
      cells = [];
      cell = '';
      record++;
    } else cell += ch;
  }
  if (quoted) throw new UserError(`${file}: row ${record}: a quoted field is never closed.`);
  if (cell.length > 0 || cells.length > 0) {
    cells.push(cell);
    records.push({ row: record, cells });
  }
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const head = nonBlank.shift();
  if (!head) throw new UserError(`${file}: the file is empty; expected a header row.`);
  return {
    header: head.cells.map((h) => h.trim().toLowerCase()),
    headerText: head.cells.map((h) => h.trim()),
    headerRow: head.row,
    rows: nonBlank,
    delimiter,
  };
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/**
 * Parses a number written with a decimal point or a decimal comma ("12,5"), or in scientific notation;
 * null when not a number (blank, hex, binary, "Infinity", …). See `fields.ts`.
 */
export function parseNumber(raw: string | undefined): number | null {
  return parseNumberText(raw);
}

/** Column names that mean the same field to the importers (`lng` is `lon`, …), by canonical name. */
const SAME_FIELD: Record<string, string> = {
  lng: 'lon',
  longitude: 'lon',
  latitude: 'lat',
  technologies: 'technology',
  tech: 'technology',
  pop: 'population',
  dan_so: 'population',
  danso: 'population',
};

/**
 * Refuses a table with two columns for one field (the same header twice, or two names the importers
 * read as one, such as `lon` and `lng`): which one holds the right values cannot be known, so the
 * UserError names both columns (by name and position) instead of silently reading one of them.
 */
export function checkDuplicateColumns(header: readonly string[], file: string): void {
  const first = new Map<string, number>();
  const clashes: string[] = [];
  header.forEach((h, i) => {
    if (h === '') return;
    const key = SAME_FIELD[h] ?? h;
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else
      clashes.push(
        `"${header[j]}" (column ${columnLetter(j)}) and "${h}" (column ${columnLetter(i)}) are both the ${key} field`,
      );
  });
  if (clashes.length)
    throw new UserError(`${file}: duplicate columns: ${clashes.join('; ')}. Delete or rename one of them.`);
}

/** A 0-based column index as Excel's letters (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
