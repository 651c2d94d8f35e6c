import { UserError } from '../core/errors.ts';

export interface CsvTable {
  header: string[];
  /** Data rows with their 1-based line-in-file row number (the header is row 1). */
  rows: { row: number; cells: string[] }[];
  delimiter: string;
}

/** Decodes bytes as UTF-8 or UTF-16 (with BOM), dropping the BOM; text is NFC-normalised. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = new TextDecoder('utf-8').decode(bytes);
  return stripBom(text).normalize('NFC');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses CSV text (RFC 4180 quoting; `,`, `;` or tab delimiter detected from the header; BOM allowed).
 * Blank lines are skipped. An unterminated quote is a UserError naming the file and row.
 */
export function parseCsv(input: string, file: string): CsvTable {
  const text = stripBom(input).normalize('NFC');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.length === 0) quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ row: startLine, cells });
      cells = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (quoted) throw new UserError(`${file}: row ${startLine}: a quoted field is never closed.`);
  if (cell.length > 0 || cells.length > 0) {
    cells.push(cell);
    records.push({ row: startLine, cells });
  }
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const head = nonBlank.shift();
  if (!head) throw new UserError(`${file}: the file is empty; expected a header row.`);
  return { header: head.cells.map((h) => h.trim().toLowerCase()), rows: nonBlank, delimiter };
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** Parses a number written with a decimal point or a decimal comma ("12,5"); null when not a number. */
export function parseNumber(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const t = raw.trim();
  if (t === '') return null;
  const normalised = /^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
  const v = Number(normalised);
  return Number.isFinite(v) ? v : null;
}
