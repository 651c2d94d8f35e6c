/**
 * Neutralises spreadsheet formulas: a text cell starting with =, +, -, @ (or a tab/CR) gets a leading
 * apostrophe so Excel and LibreOffice show it as text instead of evaluating it.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = neutraliseFormula(String(v));
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as CSV: UTF-8 with a BOM (so Excel shows Vietnamese diacritics), CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Characters of CSV text per piece of `csvPieces`. */
const PIECE_CHARS = 1 << 20;

/**
 * The CSV of `toCsv`, piece by piece (about 1 MiB of text each) from rows made as they are asked for:
 * the text of millions of rows is never one string (V8 stops near 512 MiB). The pieces joined are
 * exactly `toCsv(header, [...rows])`.
 */
export function* csvPieces(header: readonly string[], rows: Iterable<readonly unknown[]>): Generator<string> {
  let piece = `\uFEFF${header.map(cell).join(',')}\r\n`;
  for (const r of rows) {
    piece += `${r.map(cell).join(',')}\r\n`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}
