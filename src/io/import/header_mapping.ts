/**
 * Maps a table's header (or features' property names) to the canonical field names a kind's importer
 * reads, before the importer runs: the user's explicit mapping first (field → the file's column), then
 * the headers recognised by their aliases (`column_aliases.ts`). Also finds the header row of a sheet
 * with a title and blank rows above it.
 */
import { UserError } from '../../core/base/errors.ts';
import { type CsvTable, columnLetter } from '../formats/csv.ts';
import {
  fieldOfHeader,
  headerKey,
  isRowNumberHeader,
  KIND_FIELDS,
  type TableKind,
} from './column_aliases.ts';

/** Field → the file's column (as written) it was read from. */
export type ColumnMap = Record<string, string>;

/** What a mapping form needs when a table's required columns are not found. */
export interface ColumnRequest {
  kind: TableKind;
  /** The file's columns, as written. */
  header: string[];
  /** The kind's fields, in order, and whether each is required. */
  fields: { field: string; required: boolean }[];
  /** The fields recognised from the header (field → column). */
  guess: ColumnMap;
  /** The required fields not found. */
  missing: string[];
}

/** A table whose required columns are not all found: the message, and what a mapping form needs. */
export class ColumnsError extends UserError {
  readonly request: ColumnRequest;
  constructor(message: string, request: ColumnRequest) {
    super(message);
    this.request = request;
  }
}

/** How many header rows are looked for at most (a title, a subtitle, blank rows, then the header). */
const HEADER_SEARCH_ROWS = 20;

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** The column the user named: the same text (any case), else the same folded header. */
function findColumn(shown: readonly string[], column: string): number {
  const want = column.trim().toLowerCase();
  const exact = shown.findIndex((s) => s.trim().toLowerCase() === want);
  if (exact >= 0) return exact;
  const key = headerKey(column);
  return key === '' ? -1 : shown.findIndex((s) => headerKey(s) === key);
}

/**
 * The field of each column: `explicit` (field → column) first, then each other column's recognised
 * alias; null for a column read as no field. A bad explicit mapping (unknown field, missing column, two
 * fields on one column) and two columns recognised as one field are UserErrors naming the file, the
 * columns and the field. `preferCanonical`: when two names match a field and one is the canonical name
 * itself, that one is read (feature properties: `name` beside a KML `Name`).
 */
function fieldsOfColumns(
  shown: readonly string[],
  kind: TableKind,
  explicit: ColumnMap | undefined,
  file: string,
  preferCanonical: boolean,
): (string | null)[] {
  const specs = KIND_FIELDS[kind];
  const out: (string | null)[] = shown.map(() => null);
  const fixed = new Set<string>();
  for (const [field, column] of Object.entries(explicit ?? {})) {
    if (!specs.some((s) => s.field === field))
      throw new UserError(
        `${file}: the column mapping names an unknown ${kind} field "${field}" (for column "${column}"); the fields are ${specs.map((s) => s.field).join(', ')}.`,
      );
    const i = findColumn(shown, column);
    if (i < 0)
      throw new UserError(
        `${file}: the column mapping reads ${field} from column "${column}", but the file has no such column; its columns are ${quoted(shown)}.`,
      );
    const taken = out[i];
    if (taken)
      throw new UserError(
        `${file}: the column mapping reads both ${taken} and ${field} from column "${shown[i]}"; map each field to its own column.`,
      );
    out[i] = field;
    fixed.add(field);
  }
  const seen = new Map<string, number>();
  const clashes: string[] = [];
  shown.forEach((name, i) => {
    if (out[i] !== null || name.trim() === '' || isRowNumberHeader(name)) return;
    const field = fieldOfHeader(kind, name);
    if (!field || fixed.has(field)) return;
    const j = seen.get(field);
    if (j === undefined) {
      seen.set(field, i);
      out[i] = field;
      return;
    }
    if (preferCanonical) {
      const canonical = (k: number) => shown[k]!.trim().toLowerCase() === field;
      if (canonical(j)) return;
      if (canonical(i)) {
        out[j] = null;
        out[i] = field;
        seen.set(field, i);
        return;
      }
    }
    clashes.push(
      `"${shown[j]!.toLowerCase()}" (column ${columnLetter(j)}) and "${name.toLowerCase()}" (column ${columnLetter(i)}) are both the ${field} field`,
    );
  });
  if (clashes.length)
    throw new UserError(`${file}: duplicate columns: ${clashes.join('; ')}. Delete or rename one of them.`);
  return out;
}

/** New names: the field for a mapped column; an unmapped column keeps its name unless a field took it. */
function renamed(names: readonly string[], fields: readonly (string | null)[]): string[] {
  const used = new Set(fields.filter((x): x is string => x !== null));
  return names.map((n, i) => fields[i] ?? (used.has(n) ? `${n} (not used)` : n));
}

function columnMap(shown: readonly string[], fields: readonly (string | null)[]): ColumnMap {
  const map: ColumnMap = {};
  fields.forEach((field, i) => {
    if (field) map[field] = shown[i]!;
  });
  return map;
}

/** How many cells of a row read as known headers of the kind (or the user's mapped columns). */
function headerScore(cells: readonly string[], kind: TableKind, explicit: ColumnMap | undefined): number {
  const named = new Set(Object.values(explicit ?? {}).map(headerKey));
  return cells.filter((c) => {
    if (c.trim() === '') return false;
    return fieldOfHeader(kind, c) !== null || isRowNumberHeader(c) || named.has(headerKey(c));
  }).length;
}

/**
 * The table with its real header: when the first row is a title (or the sheet has a title and blank
 * rows above the header), the first of the next rows, within the first 20, where at least two cells
 * are known headers of the kind (else where the most are). Rows above the header are dropped; row
 * numbers stay the file's.
 */
export function withHeaderRow(table: CsvTable, kind: TableKind, explicit?: ColumnMap): CsvTable {
  const candidates = [
    { row: table.headerRow ?? 1, cells: table.headerText ?? table.header },
    ...table.rows.slice(0, HEADER_SEARCH_ROWS - 1),
  ];
  const scores = candidates.map((c) => headerScore(c.cells, kind, explicit));
  let pick = scores.findIndex((s) => s >= 2);
  if (pick < 0) {
    const best = Math.max(...scores);
    pick = best > 0 ? scores.indexOf(best) : 0;
  }
  if (pick === 0) return table;
  const head = candidates[pick]!;
  return {
    header: head.cells.map((h) => h.trim().toLowerCase()),
    headerText: head.cells.map((h) => h.trim()),
    headerRow: head.row,
    rows: table.rows.slice(pick),
    delimiter: table.delimiter,
  };
}

/**
 * Renames a table's header to the kind's canonical field names (in place) and returns the mapping
 * used. A required field not found is a `ColumnsError` naming the missing fields and the file's
 * columns, and carrying what a mapping form needs.
 */
export function mapTableColumns(
  table: CsvTable,
  kind: TableKind,
  explicit: ColumnMap | undefined,
  file: string,
): ColumnMap {
  const shown = table.headerText ?? table.header;
  const fields = fieldsOfColumns(shown, kind, explicit, file, false);
  const columns = columnMap(shown, fields);
  const specs = KIND_FIELDS[kind];
  const missing = specs.filter((s) => s.required && !(s.field in columns)).map((s) => s.field);
  if (missing.length) {
    const required = specs.filter((s) => s.required).map((s) => s.field);
    throw new ColumnsError(
      `${file}: missing column(s) ${missing.join(', ')}; expected ${required.join(',')}. The file's columns are ${quoted(shown.filter((s) => s !== ''))}. Name the column of each field with a column mapping (CLI: --${kind}-columns ${missing[0]}="…").`,
      {
        kind,
        header: [...shown],
        fields: specs.map((s) => ({ field: s.field, required: s.required })),
        guess: columns,
        missing,
      },
    );
  }
  table.header = renamed(table.header, fields);
  return columns;
}

/**
 * Renames the kind's fields among features' property names (in place: the properties are replaced by
 * renamed copies) and returns the mapping used. Features are not refused for a missing field here:
 * their importer reports each feature's problems.
 */
export function mapFeatureProperties(
  features: { properties: Record<string, unknown> }[],
  kind: TableKind,
  explicit: ColumnMap | undefined,
  file: string,
): ColumnMap {
  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) keys.add(k);
  const names = [...keys];
  const fields = fieldsOfColumns(names, kind, explicit, file, true);
  const rename = new Map<string, string>();
  renamed(names, fields).forEach((to, i) => {
    if (to !== names[i]) rename.set(names[i]!, to);
  });
  if (rename.size > 0)
    for (const f of features) {
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(f.properties))
        Object.defineProperty(props, rename.get(k) ?? k, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      f.properties = props;
    }
  return columnMap(names, fields);
}

/**
 * "header on row 3; columns: id ← Mã trạm, lon ← Kinh độ, …", or null when the header is row 1 and
 * every column already has its field's name.
 */
export function describeColumns(file: string, columns: ColumnMap, headerRow: number): string | null {
  const entries = Object.entries(columns);
  const renamedAny = entries.some(([field, column]) => column.trim().toLowerCase() !== field);
  if (!renamedAny && headerRow === 1) return null;
  const parts: string[] = [];
  if (headerRow !== 1) parts.push(`header found on row ${headerRow}`);
  parts.push(`columns: ${entries.map(([field, column]) => `${field} ← ${column}`).join(', ')}`);
  return `${file}: ${parts.join('; ')}`;
}

/** A speed-test table has one of these (points: a download; tiles: a quadkey and a mean download). */
const SPEED_FIELDS = ['download_mbps', 'avg_d_kbps', 'quadkey'];

/**
 * The table kind a header reads as (its header row found first): of the kinds whose required fields
 * are all recognised, the one whose fields match the most columns; null when none fits.
 */
export function guessTableKind(table: CsvTable): TableKind | null {
  let best: { kind: TableKind; matched: number } | null = null;
  for (const kind of Object.keys(KIND_FIELDS) as TableKind[]) {
    const t = withHeaderRow(table, kind);
    const shown = t.headerText ?? t.header;
    const fields = new Set(shown.map((h) => fieldOfHeader(kind, h)).filter((x) => x !== null));
    const specs = KIND_FIELDS[kind];
    if (!specs.every((s) => !s.required || fields.has(s.field))) continue;
    // Speed tests require no single column (points or tiles), but one of their speeds.
    if (kind === 'speedtests' && !SPEED_FIELDS.some((f) => fields.has(f))) continue;
    // Ties go to the kind with fewer fields (lon, lat, population: population, not villages).
    const matched = fields.size - specs.length / 100;
    if (!best || matched > best.matched) best = { kind, matched };
  }
  return best?.kind ?? null;
}
