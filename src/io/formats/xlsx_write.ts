import { strToU8, zipSync } from 'fflate';
import { neutraliseFormula } from './csv_write.ts';

/** How a cell looks: number formats by decimals, header, wrapped text, and target status fills. */
export type XlsxStyle =
  | 'default'
  | 'header'
  | 'int'
  | 'dec1'
  | 'dec2'
  | 'dec3'
  | 'dec4'
  | 'wrap'
  | 'bold'
  | 'met'
  | 'notMet'
  | 'notEval';

/** A cell value; numbers stay numbers, text is neutralised against formula injection. */
export type XlsxValue = string | number | boolean | null | undefined;
export type XlsxCell = XlsxValue | { v: XlsxValue; style: XlsxStyle };

export interface XlsxColumn {
  header: string;
  /** Default style of the column's cells (e.g. `dec2` for a % with two decimals). */
  style?: XlsxStyle;
  /** Width in characters; default: sized to fit the content (capped at `maxWidth`). */
  width?: number;
  maxWidth?: number;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
  /** Frozen columns at the left (the header row is always frozen). */
  freezeColumns?: number;
}

const STYLE_INDEX: Record<XlsxStyle, number> = {
  default: 0,
  header: 1,
  int: 2,
  dec1: 3,
  dec2: 4,
  dec3: 5,
  dec4: 6,
  wrap: 7,
  bold: 8,
  met: 9,
  notMet: 10,
  notEval: 11,
};

/** The number style with this many decimals (0–4). */
export function decimalsStyle(decimals: number): XlsxStyle {
  return (['int', 'dec1', 'dec2', 'dec3', 'dec4'] as const)[Math.max(0, Math.min(4, decimals))]!;
}

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.0"/><numFmt numFmtId="165" formatCode="#,##0.000"/><numFmt numFmtId="166" formatCode="#,##0.0000"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FF7F7F7F"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="12">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>
<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1"/>
<xf numFmtId="0" fontId="0" fillId="5" borderId="0" xfId="0" applyFill="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

// XML 1.0 forbids most control characters, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const esc = (s: string) =>
  s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** Column letters for a 0-based index: 0 → A, 26 → AA. */
function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A valid, unique sheet name: at most 31 characters, none of []:*?/\. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let n = base;
  for (let k = 2; used.has(n.toLowerCase()); k++) n = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
  used.add(n.toLowerCase());
  return n;
}

const cellValue = (c: XlsxCell): XlsxValue => (c !== null && typeof c === 'object' ? c.v : (c as XlsxValue));
const cellStyle = (c: XlsxCell, col: XlsxColumn | undefined): XlsxStyle =>
  c !== null && typeof c === 'object' ? c.style : (col?.style ?? 'default');

/** Characters a value takes on screen, roughly, for column widths. */
function displayLength(v: XlsxValue, style: XlsxStyle): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') {
    const dec = { int: 0, dec1: 1, dec2: 2, dec3: 3, dec4: 4 }[style as 'int'] ?? 4;
    const int = Math.abs(Math.trunc(v)).toString().length;
    return int + Math.floor((int - 1) / 3) + (dec ? dec + 1 : 0) + (v < 0 ? 1 : 0);
  }
  return String(v).length;
}

function sheetXml(sheet: XlsxSheet, strings: Map<string, number>, first: boolean): string {
  const cols = sheet.columns;
  const widths = cols.map((c, j) => {
    if (c.width) return c.width;
    let w = 0;
    for (const r of sheet.rows) w = Math.max(w, displayLength(cellValue(r[j]), cellStyle(r[j], c)));
    const words = c.header.split(/\s+/).reduce((m, s) => Math.max(m, s.length), 0);
    w = Math.max(w, Math.min(c.header.length, 24), words);
    return Math.min(c.maxWidth ?? 60, Math.max(6, w + 2));
  });
  const headerLines = cols.reduce(
    (m, c, j) => Math.max(m, Math.ceil((c.header.length + 1) / Math.max(1, widths[j]! - 1))),
    1,
  );
  const str = (s: string) => {
    let i = strings.get(s);
    if (i === undefined) {
      i = strings.size;
      strings.set(s, i);
    }
    return i;
  };
  const cell = (ref: string, v: XlsxValue, style: XlsxStyle): string => {
    const s = STYLE_INDEX[style] ? ` s="${STYLE_INDEX[style]}"` : '';
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)))
      return s ? `<c r="${ref}"${s}/>` : '';
    if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s} t="s"><v>${str(neutraliseFormula(v))}</v></c>`;
  };
  const rowsXml: string[] = [];
  rowsXml.push(
    `<row r="1" ht="${15 * Math.min(headerLines, 6)}" customHeight="1">${cols
      .map((c, j) => cell(`${colName(j)}1`, c.header, 'header'))
      .join('')}</row>`,
  );
  sheet.rows.forEach((r, i) => {
    const n = i + 2;
    const cells = r.map((c, j) => cell(`${colName(j)}${n}`, cellValue(c), cellStyle(c, cols[j]))).join('');
    rowsXml.push(`<row r="${n}">${cells}</row>`);
  });
  const last = `${colName(Math.max(0, cols.length - 1))}${sheet.rows.length + 1}`;
  const xs = sheet.freezeColumns ?? 0;
  const pane =
    xs > 0
      ? `<pane xSplit="${xs}" ySplit="1" topLeftCell="${colName(xs)}2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="${colName(xs)}2" sqref="${colName(xs)}2"/>`
      : '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${widths
    .map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`)
    .join(
      '',
    )}</cols><sheetData>${rowsXml.join('')}</sheetData>${cols.length ? `<autoFilter ref="A1:${last}"/>` : ''}<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/></worksheet>`;
}

/**
 * Writes an Office Open XML workbook (.xlsx) from plain tables: one header row per sheet, frozen, with an
 * autofilter; columns sized to fit; numbers stored as numbers with a number format; text in shared
 * strings, with formulas neutralised (a leading ' before =, +, -, @). Browser-safe: returns the bytes.
 */
export function xlsxWorkbook(
  sheets: readonly XlsxSheet[],
  meta: { title: string; creator: string; created: string },
): Uint8Array {
  const used = new Set<string>();
  const names = sheets.map((s) => sheetName(s.name, used));
  const strings = new Map<string, number>();
  const sheetFiles = sheets.map((s, i) => strToU8(sheetXml(s, strings, i === 0)));
  const files: Record<string, Uint8Array> = {};
  const ct = 'application/vnd.openxmlformats-officedocument';
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>${sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
      )
      .join(
        '',
      )}<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  files['docProps/core.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(meta.title)}</dc:title><dc:creator>${esc(meta.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${esc(meta.created)}</dcterms:created></cp:coreProperties>`,
  );
  files['docProps/app.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Vùng Phủ</Application></Properties>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const quoted = (n: string) => `'${n.replace(/'/g, "''")}'`;
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${names
      .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets><definedNames>${sheets
      .map((s, i) =>
        s.columns.length
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${esc(quoted(names[i]!))}!$A$1:$${colName(s.columns.length - 1)}$${s.rows.length + 1}</definedName>`
          : '',
      )
      .join('')}</definedNames></workbook>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  sheetFiles.forEach((f, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = f;
  });
  const ss = [...strings.keys()].map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('');
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${ss}</sst>`,
  );
  return zipSync(files, { level: 6 });
}
