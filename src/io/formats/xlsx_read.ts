import { UserError } from '../../core/base/errors.ts';
import type { CsvTable, TableRow, TableRows } from './csv.ts';
import { child, children, descendants, parseXml, type XmlElement } from './xml_read.ts';
import { readZip } from './zip_read.ts';

const MAX_COLUMNS = 16_384; // Excel's own limit (column XFD)
const MAX_ROWS = 1_048_576;

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

function xmlEntry(entries: Map<string, Uint8Array>, path: string, file: string): XmlElement | null {
  const bytes = entries.get(path);
  return bytes ? parseXml(utf8(bytes), `${file}: ${path}`) : null;
}

/** An entry's text; one longer than V8's longest string (~512 M characters) is a UserError. */
function entryText(entries: Map<string, Uint8Array>, path: string, file: string): string | null {
  const bytes = entries.get(path);
  if (!bytes) return null;
  try {
    return utf8(bytes);
  } catch (e) {
    if (e instanceof RangeError)
      throw new UserError(
        `${file}: ${path} is too large to read as text (${bytes.length.toLocaleString('en-US')} bytes); save the sheet as CSV (it is read in pieces) or split it.`,
      );
    throw e;
  }
}

/**
 * Where each `<name …>…</name>` (or `<name …/>`) element starts and ends in XML text, in order, without
 * building a tree of the whole text: a worksheet of a million rows is parsed one row at a time.
 * The elements must not nest in themselves (rows, shared strings do not). Yields [start, end).
 */
function* elementSpans(text: string, name: string, from = 0): Generator<[number, number]> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let i = text.indexOf(open, from);
  while (i >= 0) {
    const next = text.charCodeAt(i + open.length);
    // `<row` but not `<rowBreaks`: the name ends at a space, `>` or `/`.
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      i = text.indexOf(open, i + 1);
      continue;
    }
    const tagEnd = text.indexOf('>', i);
    if (tagEnd < 0) return;
    let end: number;
    if (text.charCodeAt(tagEnd - 1) === 47) end = tagEnd + 1;
    else {
      const c = text.indexOf(close, tagEnd);
      if (c < 0)
        end = text.length; // unclosed: parseXml says so
      else end = c + close.length;
    }
    yield [i, end];
    i = text.indexOf(open, end);
  }
}

/** The one element of an XML fragment (a row or a shared string), parsed on its own. */
function fragment(text: string, span: [number, number], where: string): XmlElement {
  return parseXml(text.slice(span[0], span[1]), where).children[0]!;
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
  const sheetText = entryText(entries, sheetPath, file);
  if (sheetText === null)
    throw new UserError(`${file}: the workbook has no readable first worksheet (${sheetPath}).`);
  checkPrologue(sheetText, `${file}: ${sheetPath}`);
  const sharedRel = [...relById.values()].find((r) => /\/sharedStrings$/.test(r.attrs.Type ?? ''));
  const sharedPath = sharedRel?.attrs.Target ? resolveTarget(sharedRel.attrs.Target) : 'xl/sharedStrings.xml';
  const sharedText = entryText(entries, sharedPath, file);
  const shared: string[] = [];
  if (sharedText !== null) {
    checkPrologue(sharedText, `${file}: ${sharedPath}`);
    for (const span of elementSpans(sharedText, 'si'))
      shared.push(richText(fragment(sharedText, span, `${file}: ${sharedPath}`)));
  }
  entries.clear(); // the inflated bytes are not needed once the text is decoded

  // One pass finds the rows with a value (their offsets and Excel row numbers); each later pass
  // parses them again from the text, so the rows are never all held as objects.
  const starts: number[] = [];
  const ends: number[] = [];
  const numbers: number[] = [];
  let lastRow = 0;
  let headCells: string[] | null = null;
  let headRow = 1;
  const body = sheetText.indexOf('<sheetData');
  for (const span of elementSpans(sheetText, 'row', Math.max(0, body))) {
    const rowEl = fragment(sheetText, span, `${file}: ${sheetPath}`);
    const declared = Number(rowEl.attrs.r);
    const rowNumber = Number.isInteger(declared) && declared > lastRow ? declared : lastRow + 1;
    if (rowNumber > MAX_ROWS) throw new UserError(`${file}: more than ${MAX_ROWS} rows in the first sheet.`);
    lastRow = rowNumber;
    const cells = rowCells(rowEl, rowNumber, shared, file);
    if (!cells.some((v) => v.trim() !== '')) continue;
    if (!headCells) {
      headCells = cells;
      headRow = rowNumber;
      continue;
    }
    starts.push(span[0]);
    ends.push(span[1]);
    numbers.push(rowNumber);
  }
  if (!headCells) throw new UserError(`${file}: the first sheet is empty; expected a header row.`);
  const src: SheetSource = {
    text: sheetText,
    starts: Float64Array.from(starts),
    ends: Float64Array.from(ends),
    numbers: Int32Array.from(numbers),
    shared,
    file,
    where: `${file}: ${sheetPath}`,
  };
  return {
    header: headCells.map((h) => h.trim().toLowerCase()),
    headerText: headCells.map((h) => h.trim()),
    headerRow: headRow,
    rows: new SheetRowStream(src, 0, numbers.length),
    delimiter: 'xlsx',
  };
}

/**
 * A DOCTYPE declaring entities is refused before any row is read, as parseXml refuses it in any
 * other XML (rows are parsed one at a time, so the prologue is checked here).
 */
function checkPrologue(text: string, where: string): void {
  const first = text.search(/<(sheetData|si)[\s>/]/);
  const head = text.slice(0, first < 0 ? text.length : first);
  const entity = /<!ENTITY\s+(%\s+)?([^\s"'>]+)/.exec(head);
  if (entity)
    throw new UserError(
      `${where}: the DOCTYPE declares the entity "${entity[2]!.slice(0, 40)}"; XML entity declarations are refused (they can hide content or expand without bound), so the file was not read. Remove the DOCTYPE.`,
    );
}

/** The cells of a parsed `<row>` element, by column. */
function rowCells(rowEl: XmlElement, rowNumber: number, shared: readonly string[], file: string): string[] {
  const cells: string[] = [];
  let next = 0;
  for (const c of children(rowEl, 'c')) {
    const col = columnOf(c.attrs.r) ?? next;
    if (col >= MAX_COLUMNS) throw new UserError(`${file}: row ${rowNumber} has a cell beyond column XFD.`);
    next = col + 1;
    while (cells.length < col) cells.push('');
    cells[col] = cellText(c, shared).normalize('NFC');
  }
  return cells;
}

interface SheetSource {
  text: string;
  starts: Float64Array;
  ends: Float64Array;
  numbers: Int32Array;
  shared: readonly string[];
  file: string;
  where: string;
}

/**
 * The data rows of a worksheet, parsed again from the sheet's text at each pass (as a CSV's rows are
 * read again from its bytes): only their offsets are held. Edits are applied as rows are read.
 */
class SheetRowStream implements TableRows {
  constructor(
    private readonly src: SheetSource,
    private readonly skip: number,
    readonly length: number,
    private readonly edits: readonly ((r: TableRow) => void)[] = [],
  ) {}

  *[Symbol.iterator](): Iterator<TableRow> {
    const { src } = this;
    for (let k = this.skip; k < this.skip + this.length; k++) {
      const rowEl = fragment(src.text, [src.starts[k]!, src.ends[k]!], src.where);
      const row = src.numbers[k]!;
      const r: TableRow = { row, cells: rowCells(rowEl, row, src.shared, src.file) };
      for (const edit of this.edits) edit(r);
      yield r;
    }
  }

  slice(start = 0, end?: number): TableRows {
    const from = Math.min(Math.max(start, 0), this.length);
    const to = end === undefined ? this.length : Math.min(Math.max(end, from), this.length);
    const view = new SheetRowStream(this.src, this.skip + from, to - from, this.edits);
    return end === undefined ? view : [...view];
  }

  withEdit(edit: (r: TableRow) => void): SheetRowStream {
    return new SheetRowStream(this.src, this.skip, this.length, [...this.edits, edit]);
  }
}
