import { UserError } from '../../core/base/errors.ts';
import type { CsvTable } from './csv.ts';
import { child, children, descendants, parseXml, type XmlElement } from './xml_read.ts';
import { readZip } from './zip_read.ts';

const MAX_COLUMNS = 16_384; // Excel's own limit (column XFD)
const MAX_ROWS = 1_048_576;

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

function xmlEntry(entries: Map<string, Uint8Array>, path: string, file: string): XmlElement | null {
  const bytes = entries.get(path);
  return bytes ? parseXml(utf8(bytes), `${file}: ${path}`) : null;
}

/** Resolves a relationship target against the folder of the part that owns it (`xl/`). */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The text of a shared string or inline string: `<t>`, or the runs `<r><t>` (phonetic `<rPh>` left out). */
function richText(si: XmlElement): string {
  const t = child(si, 't');
  if (t) return t.text;
  return children(si, 'r')
    .map((r) => child(r, 't')?.text ?? '')
    .join('');
}

/** Column index (0-based) from a cell reference like "AB12"; null when it has no valid column. */
function columnOf(ref: string | undefined): number | null {
  const letters = ref ? /^([A-Za-z]{1,3})\d*$/.exec(ref)?.[1] : undefined;
  if (!letters) return null;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

function cellText(c: XmlElement, shared: readonly string[]): string {
  const type = c.attrs.t;
  if (type === 'inlineStr') {
    const is = child(c, 'is');
    return is ? richText(is) : '';
  }
  const v = child(c, 'v')?.text ?? '';
  if (type === 's') return v === '' ? '' : (shared[Number(v)] ?? '');
  if (type === 'b') return v === '1' ? 'true' : v === '0' ? 'false' : v;
  return v; // n (number, as Excel wrote it, with a decimal point), str (formula text result), e, d
}

/**
 * Reads the first worksheet of an .xlsx workbook as a table: the first non-empty row is the header,
 * each later row keeps its Excel row number (so problems are reported as "row 12", as the user sees it
 * in Excel). Formulas are never evaluated: a formula cell gives the value Excel cached for it.
 * Numbers keep Excel's decimal point. Built on fflate and a small XML reader, so it runs in a worker.
 */
export function xlsxTable(bytes: Uint8Array, file: string): CsvTable {
  const entries = readZip(bytes, file);
  const workbook = xmlEntry(entries, 'xl/workbook.xml', file);
  if (!workbook) throw new UserError(`${file}: not an Excel workbook (.xlsx): xl/workbook.xml is missing.`);
  const rels = xmlEntry(entries, 'xl/_rels/workbook.xml.rels', file);
  const relById = new Map<string, XmlElement>();
  for (const r of rels ? descendants(rels, 'Relationship') : []) relById.set(r.attrs.Id ?? '', r);
  const firstSheet = descendants(workbook, 'sheet')[0];
  const relId = firstSheet
    ? Object.entries(firstSheet.attrs).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1]
    : undefined;
  const target = relId ? relById.get(relId)?.attrs.Target : undefined;
  const sheetPath = target ? resolveTarget(target) : 'xl/worksheets/sheet1.xml';
  const sheet = xmlEntry(entries, sheetPath, file);
  if (!sheet) throw new UserError(`${file}: the workbook has no readable first worksheet (${sheetPath}).`);
  const sharedRel = [...relById.values()].find((r) => /\/sharedStrings$/.test(r.attrs.Type ?? ''));
  const sharedXml = xmlEntry(
    entries,
    sharedRel?.attrs.Target ? resolveTarget(sharedRel.attrs.Target) : 'xl/sharedStrings.xml',
    file,
  );
  const shared = sharedXml ? descendants(sharedXml, 'si').map(richText) : [];

  const records: { row: number; cells: string[] }[] = [];
  let lastRow = 0;
  for (const rowEl of descendants(sheet, 'row')) {
    const declared = Number(rowEl.attrs.r);
    const rowNumber = Number.isInteger(declared) && declared > lastRow ? declared : lastRow + 1;
    if (rowNumber > MAX_ROWS) throw new UserError(`${file}: more than ${MAX_ROWS} rows in the first sheet.`);
    lastRow = rowNumber;
    const cells: string[] = [];
    let next = 0;
    for (const c of children(rowEl, 'c')) {
      const col = columnOf(c.attrs.r) ?? next;
      if (col >= MAX_COLUMNS) throw new UserError(`${file}: row ${rowNumber} has a cell beyond column XFD.`);
      next = col + 1;
      while (cells.length < col) cells.push('');
      cells[col] = cellText(c, shared).normalize('NFC');
    }
    if (cells.some((v) => v.trim() !== '')) records.push({ row: rowNumber, cells });
  }
  const head = records.shift();
  if (!head) throw new UserError(`${file}: the first sheet is empty; expected a header row.`);
  return {
    header: head.cells.map((h) => h.trim().toLowerCase()),
    headerText: head.cells.map((h) => h.trim()),
    headerRow: head.row,
    rows: records,
    delimiter: 'xlsx',
  };
}
