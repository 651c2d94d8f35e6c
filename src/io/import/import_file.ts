import type { SqlJsStatic } from 'sql.js';
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import { cutText, RECORD_VALUE_CHARS, showValue } from '../../core/base/show_value.ts';
import type { SpeedTest } from '../../core/base/speed_tests.ts';
import type { Commune, PopulationPoint, Site } from '../../core/base/types.ts';
import { type CsvTable, checkDuplicateColumns, decodeBytes } from '../formats/csv.ts';
import { readCsvBytes } from '../formats/csv_stream.ts';
import { setOwn } from '../formats/fields.ts';
import { IssueList, readFeatureCollection } from '../formats/geojson_input.ts';
import { gpkgFeatures, looksLikeSqlite } from '../formats/gpkg_read.ts';
import { kmlFeatures, kmzFeatures, type PlainFeatureCollection } from '../formats/kml_read.ts';
import { checkFileSize } from '../formats/limits.ts';
import type { LooseFeature } from '../formats/positions.ts';
import { shapefileFeatures } from '../formats/shapefile_read.ts';
import { xlsxTable } from '../formats/xlsx_read.ts';
import { looksLikeZip, readZip } from '../formats/zip_read.ts';
import { communesFromGeoJSON } from './boundaries.ts';
import { type CrsChoice, crsFromGeoJsonMember, parseCrsOption } from './crs.ts';
import { fiberFromGeoJSON, fiberFromTable } from './fiber.ts';
import {
  type ColumnMap,
  describeColumns,
  mapFeatureProperties,
  mapTableColumns,
  withHeaderRow,
} from './header_mapping.ts';
import { populationFromGeoJSON, populationFromGeoTIFF, populationFromTable } from './population.ts';
import { postalFromGeoJSON, postalFromTable } from './postal.ts';
import type { RecordIssue } from './rejected_rows.ts';
import { repairPolygons } from './repair_polygons.ts';
import { reprojectFeatures, reprojectTable } from './reproject.ts';
import { type Settlement, settlementsFromGeoJSON } from './settlements.ts';
import { type SiteImport, sitesFromGeoJSON, sitesFromTable } from './sites.ts';
import { speedTestsFromGeoJSON, speedTestsFromTable } from './speed_tests.ts';
import { type SwapPolicy, swapFeatures, swapReference, swapTable } from './swap_lonlat.ts';
import { villagesFromGeoJSON, villagesFromTable } from './villages.ts';

/** What a file holds. */
export const IMPORT_KINDS = [
  'boundaries',
  'sites',
  'postal',
  'fiber',
  'villages',
  'population',
  'speedtests',
  'settlements',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The file formats read. */
export type ImportFormat =
  | 'geojson'
  | 'csv'
  | 'xlsx'
  | 'kml'
  | 'kmz'
  | 'shapefile'
  | 'geotiff'
  | 'geopackage';

/** The records each kind of file yields. */
export interface ImportItems {
  boundaries: Commune;
  sites: Site;
  postal: PostalPoint;
  fiber: FiberRoute;
  villages: Village;
  population: PopulationPoint;
  speedtests: SpeedTest;
  settlements: Settlement;
}

export interface ImportOptions {
  /** The file's coordinate system, overriding its .prj: "EPSG:3405", or a parsed choice. */
  crs?: string | CrsChoice;
  /** The file is in a VN-2000 TM-3 provincial zone with this central meridian (108.5 for Gia Lai, Đắk Nông). */
  vn2000Meridian?: number;
  /**
   * How far `crs`/`vn2000Meridian` reach: `file` (default: this file is in that system) or
   * `undeclared-metres` (only if the file declares no system and its positions are metres; the CLI
   * applies one `--crs` to all its inputs this way).
   */
  crsScope?: 'file' | 'undeclared-metres';
  /** Rows with latitude and longitude swapped: swap them back with a warning (default), or reject them. */
  swapped?: SwapPolicy;
  /** The communes already loaded: the area for swap detection (Vietnam's extent without them). */
  reference?: readonly Commune[];
  /** Boundary field names when auto-detection does not find them. */
  boundaryFields?: { idField?: string; nameField?: string; populationField?: string };
  /** Largest file accepted, in bytes (default `IMPORT_LIMITS.fileBytes`). */
  maxBytes?: number;
  /**
   * Field → the file's column (or property) to read it from ("id" → "Mã trạm"), for headers the
   * aliases do not recognise; the other fields are still recognised by their aliases.
   */
  columns?: ColumnMap;
  /**
   * The GeoPackage layer to read (a table name); default: the file's only polygon layer, else the
   * first of them (the summary names the layer read, a warning the others).
   */
  layer?: string;
}

/** sql.js (SQLite in WebAssembly) for GeoPackage, loaded on first use; Node finds its .wasm itself. */
let sqlJsLoader: () => Promise<SqlJsStatic> = async () => (await import('sql.js')).default();

/** Where sql.js comes from: the app's worker gives one that fetches the .wasm from the app's origin. */
export function setSqlJsLoader(loader: () => Promise<SqlJsStatic>): void {
  sqlJsLoader = loader;
}

export interface ImportResult<K extends ImportKind = ImportKind> {
  kind: K;
  file: string;
  format: ImportFormat;
  items: ImportItems[K][];
  /** Every problem with its row or feature and field; errors carry the rejected record's values. */
  issues: RecordIssue[];
  /** Rows or features read, valid or not. */
  total: number;
  kept: number;
  rejected: number;
  /** The coordinate system read ("WGS 84", or "VN-2000 / TM-3 108°30′ (k = 0.9999) → WGS 84"). */
  crs: string;
  /** Rows or features whose latitude and longitude were swapped (fixed or rejected). */
  swapped: number;
  /** Boundary polygons repaired (crossing edges, unclosed rings). */
  repaired: number;
  /** "sites.csv: imported 1,203 of 1,210 rows; 7 rejected; 2 warning(s)". */
  summary: string;
  /** The mapping used: field → the file's column (or property name) it was read from. */
  columns: ColumnMap;
  /** The file's row number of a table's header (1 unless title or blank rows come first). */
  headerRow: number;
  /** "sites.csv: header found on row 3; columns: id ← Mã trạm, …", or null when nothing was renamed. */
  columnsNote: string | null;
}

const EXTENSIONS: Record<string, ImportFormat> = {
  geojson: 'geojson',
  json: 'geojson',
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  kml: 'kml',
  kmz: 'kmz',
  zip: 'shapefile',
  tif: 'geotiff',
  tiff: 'geotiff',
  gpkg: 'geopackage',
};

/** The format of a file from its name, checked against its first bytes (a zip is looked into). */
export function formatOfFile(bytes: Uint8Array, fileName: string): ImportFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls')
    throw new UserError(
      `${fileName}: Excel 97–2003 (.xls) files are not read; save the sheet as .xlsx or "CSV UTF-8".`,
    );
  if (ext === 'shp' || ext === 'dbf' || ext === 'shx')
    throw new UserError(`${fileName}: import a shapefile as one .zip holding its .shp, .shx, .dbf and .prj.`);
  const format = EXTENSIONS[ext];
  if (!format) {
    throw new UserError(
      `${fileName}: unknown file type "${ext ? `.${ext}` : fileName}"; use GeoJSON, CSV, XLSX, KML/KMZ, a zipped shapefile, (population) GeoTIFF or (settlements) GeoPackage.`,
    );
  }
  if (format === 'geopackage' && !looksLikeSqlite(bytes))
    throw new UserError(
      `${fileName}: not a GeoPackage (the file does not start as an SQLite database does).`,
    );
  if (format === 'shapefile' && looksLikeZip(bytes)) {
    const names = [...readZip(bytes, fileName).keys()];
    if (!names.some((n) => /\.shp$/i.test(n))) {
      if (names.some((n) => n === 'xl/workbook.xml')) return 'xlsx';
      if (names.some((n) => /\.kml$/i.test(n))) return 'kmz';
    }
  }
  return format;
}

const ACCEPTS: Record<ImportKind, readonly ImportFormat[]> = {
  boundaries: ['geojson', 'kml', 'kmz', 'shapefile'],
  sites: ['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'shapefile'],
  postal: ['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'shapefile'],
  fiber: ['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'shapefile'],
  villages: ['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'shapefile'],
  population: ['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'shapefile', 'geotiff'],
  speedtests: ['geojson', 'csv', 'xlsx'],
  settlements: ['geojson', 'kml', 'kmz', 'shapefile', 'geopackage'],
};

/** Field names a shapefile truncates to 10 characters, restored for the validators. */
const LONG_NAMES = [
  'technology',
  'technologies',
  'online_public_services',
  'azimuth_deg',
  'beamwidth_deg',
  'has_grid_power',
  'population',
  'province_id',
  'district_id',
];

function restoreLongNames(properties: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(properties)) {
    const lower = k.toLowerCase();
    const long =
      lower.length === 10 ? LONG_NAMES.find((n) => n.length > 10 && n.startsWith(lower)) : undefined;
    setOwn(out, long && !Object.hasOwn(properties, long) ? long : k, v);
  }
  return out;
}

function chosenCrs(options: ImportOptions): CrsChoice | null {
  if (options.vn2000Meridian !== undefined) return { kind: 'vn2000-tm3', meridian: options.vn2000Meridian };
  if (options.crs === undefined) return null;
  return typeof options.crs === 'string' ? parseCrsOption(options.crs) : options.crs;
}

type Loaded<K extends ImportKind> = {
  items: ImportItems[K][];
  issues: InputIssue[];
  total: number;
  /** Rows kept when they are not one item each (sites: rows are cells of sites); default items.length. */
  rowsKept?: number;
  /** What the items are, for the summary ("4 sites, 12 cells"). */
  detail?: string;
};

/** A sites import as loaded: rows kept (rows are cells of sites), and "4 site(s) with 12 cell(s)" when they differ. */
function sitesLoaded(r: SiteImport): Loaded<'sites'> {
  const detail =
    r.rowsKept === r.sites.length
      ? undefined
      : `${count(r.sites.length)} site(s) with ${count(r.cells)} cell(s)`;
  return {
    items: r.sites,
    issues: r.issues,
    total: r.total,
    rowsKept: r.rowsKept,
    ...(detail ? { detail } : {}),
  };
}

/** Runs the kind's validator on features (GeoJSON-shaped). */
function fromFeatures(
  kind: ImportKind,
  fc: PlainFeatureCollection,
  file: string,
  options: ImportOptions,
): Loaded<ImportKind> {
  switch (kind) {
    case 'boundaries': {
      const r = communesFromGeoJSON(fc, { file, ...(options.boundaryFields ?? {}) });
      return { items: r.communes, issues: r.issues, total: fc.features.length };
    }
    case 'sites': {
      return sitesLoaded(sitesFromGeoJSON(fc, file));
    }
    case 'postal': {
      const r = postalFromGeoJSON(fc, file);
      return { items: r.points, issues: r.issues, total: r.total };
    }
    case 'fiber': {
      const r = fiberFromGeoJSON(fc, file);
      return { items: r.routes, issues: r.issues, total: r.total };
    }
    case 'villages': {
      const r = villagesFromGeoJSON(fc, file);
      return { items: r.villages, issues: r.issues, total: r.total };
    }
    case 'population': {
      const r = populationFromGeoJSON(fc, file);
      return { items: r.points, issues: r.issues, total: r.total };
    }
    case 'speedtests': {
      const r = speedTestsFromGeoJSON(fc, file);
      return { items: r.tests, issues: r.issues, total: r.total };
    }
    case 'settlements': {
      const r = settlementsFromGeoJSON(fc, file);
      return { items: r.settlements, issues: r.issues, total: r.total };
    }
  }
}

/** Runs the kind's validator on a table (CSV or XLSX). */
function fromTable(kind: ImportKind, table: CsvTable, file: string): Loaded<ImportKind> {
  switch (kind) {
    case 'boundaries':
      throw new UserError(
        `${file}: boundaries need polygons; import GeoJSON, KML/KMZ or a zipped shapefile (with its .prj).`,
      );
    case 'sites': {
      return sitesLoaded(sitesFromTable(table, file));
    }
    case 'postal': {
      const r = postalFromTable(table, file);
      return { items: r.points, issues: r.issues, total: r.total };
    }
    case 'fiber': {
      const r = fiberFromTable(table, file);
      return { items: r.routes, issues: r.issues, total: r.total };
    }
    case 'villages': {
      const r = villagesFromTable(table, file);
      return { items: r.villages, issues: r.issues, total: r.total };
    }
    case 'population': {
      const r = populationFromTable(table, file);
      return { items: r.points, issues: r.issues, total: r.total };
    }
    case 'speedtests': {
      const r = speedTestsFromTable(table, file);
      return { items: r.tests, issues: r.issues, total: r.total };
    }
    case 'settlements':
      throw new UserError(
        `${file}: settlements need polygons; import GeoJSON, KML/KMZ, a zipped shapefile (with its .prj) or a GeoPackage.`,
      );
  }
}

/** A record value for rejected.csv: bounded in length and depth (a 5,000-level nesting does not crash). */
const stringify = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? showValue(v, RECORD_VALUE_CHARS)
      : cutText(String(v), RECORD_VALUE_CHARS);

/** Attaches each rejected record's original values to its error issues (for `rejectedRowsCsv`). */
function attachRecords(
  issues: InputIssue[],
  lookup: (issue: InputIssue) => Record<string, string> | undefined,
): RecordIssue[] {
  return issues.map((issue) => {
    if (issue.severity !== 'error') return issue;
    const record = lookup(issue);
    return record ? { ...issue, record } : issue;
  });
}

const count = (n: number) => n.toLocaleString('en-US');

/** "file: imported 1,203 of 1,210 rows; 7 rejected; 2 warning(s); converted from …". */
function summarise(
  file: string,
  unit: string,
  kept: number,
  total: number,
  issues: readonly InputIssue[],
  crs: string,
  detail?: string,
): string {
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const converted = crs === 'WGS 84' ? '' : `; converted from ${crs.replace(/ → WGS 84$/, '')}`;
  return `${file}: imported ${count(kept)} of ${count(total)} ${unit}${detail ? ` (${detail})` : ''}; ${count(total - kept)} rejected${warnings ? `; ${count(warnings)} warning(s)` : ''}${converted}`;
}

/**
 * Imports one user file of any supported format (GeoJSON, CSV, XLSX, KML, KMZ, zipped shapefile, and
 * GeoTIFF for population) as one kind of record. Browser-safe (no fs): the CLI and the app's worker both
 * call it with the file's bytes and name.
 *
 * Steps: size limit → decode (BOM, UTF-16, Windows-1258, NFC) → parse → coordinate system (converted to
 * WGS 84 from a .prj, a GeoJSON `crs`, or the user's choice; projected metres are never read as degrees)
 * → swapped latitude/longitude (against `reference` communes or Vietnam) → boundary polygon repair →
 * validation of every record. Every problem comes back as an issue with its row or feature and field;
 * valid records are kept. A file that cannot be read at all is a UserError.
 */
export async function importFile<K extends ImportKind>(
  bytes: Uint8Array,
  fileName: string,
  kind: K,
  options: ImportOptions = {},
): Promise<ImportResult<K>> {
  checkFileSize(bytes.byteLength, fileName, options.maxBytes);
  const format = formatOfFile(bytes, fileName);
  if (!ACCEPTS[kind].includes(format)) {
    throw new UserError(
      format === 'geotiff'
        ? `${fileName}: a GeoTIFF raster can only be imported as population.`
        : format === 'geopackage'
          ? `${fileName}: a GeoPackage is read for settlements (polygons) only; export the ${kind} layer as GeoJSON, CSV or a zipped shapefile.`
          : kind === 'speedtests'
            ? `${fileName}: speed tests are read from CSV, XLSX or GeoJSON (points, or Ookla tiles with a quadkey).`
            : `${fileName}: ${kind} need polygons; import GeoJSON, KML/KMZ${kind === 'settlements' ? ', a zipped shapefile (with its .prj) or a GeoPackage' : ' or a zipped shapefile (with its .prj)'}.`,
    );
  }
  if (options.layer !== undefined && format !== 'geopackage')
    throw new UserError(`${fileName}: a layer ("${options.layer}") is chosen only in a GeoPackage (.gpkg).`);
  const file = fileName;
  const extra = new IssueList(file);
  const policy = options.swapped ?? 'fix';
  const userCrs = chosenCrs(options);
  const scope = options.crsScope ?? 'file';
  let loaded: Loaded<ImportKind>;
  let crs = 'WGS 84';
  let swapped = 0;
  let repaired = 0;
  let unit = 'features';
  let issues: RecordIssue[];
  let columns: ColumnMap = {};
  let headerRow = 1;

  if (format === 'geotiff') {
    const r = await populationFromGeoTIFF(bytes.slice().buffer, file);
    loaded = { items: r.points, issues: r.issues, total: r.total };
    unit = 'populated cells';
    issues = loaded.issues;
    if (r.crs) crs = r.crs;
  } else if (format === 'csv' || format === 'xlsx') {
    let table: CsvTable;
    if (format === 'csv') {
      // Read in chunks, the rows again from the bytes at each pass: a big file is never one string.
      const read = readCsvBytes(bytes, file);
      const encoding = read.encoding;
      if (encoding === 'windows-1258')
        extra.warn(
          '',
          'the file is not UTF-8; it was read as Windows-1258 (Vietnamese ANSI, as Excel saves "CSV"). Check the diacritics, or save as "CSV UTF-8".',
        );
      table = read.table;
    } else table = xlsxTable(bytes, file);
    // Headers as people write them ("Mã trạm", "Kinh độ (độ)") → the importers' field names.
    if (kind !== 'boundaries' && kind !== 'settlements') {
      table = withHeaderRow(table, kind, options.columns);
      headerRow = table.headerRow ?? 1;
      columns = mapTableColumns(table, kind, options.columns, file);
    }
    checkDuplicateColumns(table.header, file);
    unit = 'rows';
    crs = reprojectTable(table, { user: userCrs, file: null, scope }, file, extra);
    swapped = swapTable(
      table,
      swapReference(kind === 'boundaries' ? undefined : options.reference),
      policy,
      extra,
    );
    loaded = fromTable(kind, table, file);
    // The cells of the rejected rows only, in one more pass (the rows are not all held).
    const rejectedRows = new Set<number>();
    for (const i of loaded.issues) if (i.severity === 'error' && i.row !== undefined) rejectedRows.add(i.row);
    const byRow = new Map<number, string[]>();
    if (rejectedRows.size > 0)
      for (const r of table.rows) if (rejectedRows.has(r.row)) byRow.set(r.row, r.cells);
    issues = attachRecords(loaded.issues, (issue) => {
      const cells = issue.row === undefined ? undefined : byRow.get(issue.row);
      if (!cells) return undefined;
      // The user's own column names, as written.
      return Object.fromEntries((table.headerText ?? table.header).map((h, i) => [h, cells[i] ?? '']));
    });
  } else {
    let fc: PlainFeatureCollection;
    let declared: CrsChoice | null = null;
    let missingPrj = false;
    let gpkg: { layer: string; fids: unknown[] } | null = null;
    if (format === 'geojson') {
      const { text } = decodeBytes(bytes);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        readFeatureCollection(text, file); // throws the UserError with line and column
      }
      readFeatureCollection(data, file); // checks the FeatureCollection shape
      declared = crsFromGeoJsonMember(data);
      fc = data as PlainFeatureCollection;
      fc.features = fc.features.map((f) => {
        const feat = (f && typeof f === 'object' ? f : {}) as PlainFeatureCollection['features'][number];
        const g = feat.geometry as unknown;
        return {
          type: 'Feature',
          geometry:
            g && typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string'
              ? (g as LooseFeature['geometry'])
              : null,
          properties:
            feat.properties && typeof feat.properties === 'object' && !Array.isArray(feat.properties)
              ? feat.properties
              : {},
        };
      });
    } else if (format === 'geopackage') {
      const g = gpkgFeatures(bytes, file, await sqlJsLoader(), extra, {
        kind,
        ...(options.layer !== undefined ? { layer: options.layer } : {}),
      });
      fc = g.collection;
      if (g.wkt) declared = { kind: 'wkt', wkt: g.wkt };
      gpkg = { layer: g.layer.name, fids: fc.features.map((f) => f.properties.fid) };
      // The fid names a row as a GIS shows it: the id of a settlement without an id column.
      for (const f of fc.features)
        if (!Object.hasOwn(f.properties, 'id') && f.properties.fid !== undefined)
          f.properties.id = f.properties.fid;
    } else if (format === 'kml') fc = kmlFeatures(decodeBytes(bytes).text, file);
    else if (format === 'kmz') fc = kmzFeatures(bytes, file);
    else {
      const shp = shapefileFeatures(bytes, file, extra);
      fc = shp.collection;
      if (shp.prj) declared = { kind: 'wkt', wkt: shp.prj };
      else missingPrj = true;
    }
    for (const f of fc.features) f.properties = restoreLongNames(f.properties);
    if (kind !== 'boundaries' && kind !== 'settlements')
      columns = mapFeatureProperties(fc.features, kind, options.columns, file);
    const features = fc.features as LooseFeature[];
    crs = reprojectFeatures(features, { user: userCrs, file: declared, scope, missingPrj }, file, extra);
    swapped = swapFeatures(
      features,
      swapReference(kind === 'boundaries' ? undefined : options.reference),
      policy,
      extra,
    );
    let unrepairable = new Set<number>();
    if (kind === 'boundaries' || kind === 'settlements')
      ({ repaired, rejected: unrepairable } = repairPolygons(features, extra));
    const props = fc.features.map((f) => f.properties);
    // A polygon the repair gave up on carries its own error; drop the generic "missing geometry".
    const generic = (i: InputIssue) =>
      i.message === 'missing geometry' && unrepairable.has(Number(/^features\[(\d+)\]/.exec(i.path)?.[1]));
    // A GeoPackage's rows by their fid too ("features[3] … (fid 17)"), as a GIS shows them.
    const withFid = (i: InputIssue): InputIssue => {
      const k = gpkg ? /^features\[(\d+)\]/.exec(i.path)?.[1] : undefined;
      const fid = k === undefined ? undefined : gpkg!.fids[Number(k)];
      return fid === undefined || fid === null ? i : { ...i, message: `${i.message} (fid ${String(fid)})` };
    };
    try {
      loaded = fromFeatures(kind, fc, file, options);
    } catch (e) {
      // Nothing valid: keep the file's own warnings and errors with the verdict.
      if (e instanceof UserError)
        throw new UserError(e.message, [...extra.items, ...e.issues.filter((i) => !generic(i))].map(withFid));
      throw e;
    }
    if (gpkg) {
      loaded = {
        ...loaded,
        issues: loaded.issues.map(withFid),
        detail: `layer "${gpkg.layer}"${loaded.detail ? `, ${loaded.detail}` : ''}`,
      };
      extra.items.splice(0, extra.items.length, ...extra.items.map(withFid));
    }
    issues = attachRecords(
      loaded.issues.filter((i) => !generic(i)),
      (issue) => {
        const index = /^features\[(\d+)\]/.exec(issue.path)?.[1];
        const p = index === undefined ? undefined : props[Number(index)];
        if (!p) return undefined;
        return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, stringify(v)]));
      },
    );
  }
  issues = [...extra.items, ...issues];
  const kept = loaded.rowsKept ?? loaded.items.length;
  // A raster's empty cells are skipped, not rejected.
  const total = format === 'geotiff' ? kept : loaded.total;
  return {
    kind,
    file,
    format,
    items: loaded.items as ImportItems[K][],
    issues,
    total,
    kept,
    rejected: total - kept,
    crs,
    swapped,
    repaired,
    summary: summarise(file, unit, kept, total, issues, crs, loaded.detail),
    columns,
    headerRow,
    columnsNote: describeColumns(file, columns, headerRow),
  };
}
