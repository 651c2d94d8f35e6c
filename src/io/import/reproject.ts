import { UserError } from '../../core/base/errors.ts';
import { type CsvTable, parseNumber } from '../formats/csv.ts';
import { editRows } from '../formats/csv_stream.ts';
import { parseNumberText } from '../formats/fields.ts';
import type { IssueList } from '../formats/geojson_input.ts';
import { coordinateKind, forEachPosition, type LooseFeature } from '../formats/positions.ts';
import { type Crs, type CrsChoice, resolveCrs } from './crs.ts';

/**
 * The coordinate systems known for a file: the user's choice, the file's own (.prj, GeoJSON `crs`), and
 * how far the user's choice reaches: `file` (this file is in it, whatever it declares) or
 * `undeclared-metres` (only when the file declares nothing and its positions are metres: the CLI applies
 * one choice to all its inputs this way, so WGS 84 files next to a VN-2000 one still read as they are).
 */
export interface CrsContext {
  user: CrsChoice | null;
  file: CrsChoice | null;
  scope: 'file' | 'undeclared-metres';
  /** A shapefile without .prj (degrees are then assumed to be WGS 84, with a warning). */
  missingPrj?: boolean;
}

/** Header names read as the x (longitude, easting) and y (latitude, northing) columns of a table. */
const X_NAMES = [
  'lon',
  'lng',
  'longitude',
  'long',
  'x',
  'easting',
  'kinh_do',
  'kinhdo',
  'kinh độ',
  'kinh_độ',
];
const Y_NAMES = ['lat', 'latitude', 'y', 'northing', 'vi_do', 'vido', 'vĩ độ', 'vĩ_độ'];

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

function projectedMessage(file: string, example: [number, number] | null): string {
  const eg = example ? ` (for example ${fmt(example[0])}, ${fmt(example[1])})` : '';
  return (
    `${file}: the coordinates are projected metres${eg}, not longitude/latitude degrees, and the file does not say ` +
    'which coordinate system they are in. Choose it: VN-2000 TM-3 with the province central meridian ' +
    '(CLI: --vn2000-meridian 108.5 for Gia Lai and Đắk Nông), or an EPSG code (CLI: --crs EPSG:3405 or ' +
    'EPSG:3406 for VN-2000 / UTM 48N or 49N, EPSG:32648 or EPSG:32649 for WGS 84 / UTM). ' +
    'A shapefile should carry its .prj in the zip.'
  );
}

/**
 * Decides how to read the positions: null when they are WGS 84 degrees already, else the system to
 * convert from. Metres are never read as degrees: projected positions without a known system are a
 * UserError, and so is a system that disagrees with the positions (metres declared as degrees or back).
 */
function decide(
  positions: [number, number][],
  context: CrsContext,
  file: string,
  issues: IssueList,
): Crs | null {
  const seen = coordinateKind(positions);
  let declared: CrsChoice | null = context.file;
  let source: 'user' | 'file' = 'file';
  if (context.user && (context.scope === 'file' || !context.file)) {
    const userCrs = resolveCrs(context.user, file);
    if (context.scope === 'file' || seen.kind === 'projected' || !userCrs.projected) {
      declared = context.user;
      source = 'user';
    }
  }
  if (!declared) {
    if (seen.kind === 'projected') throw new UserError(projectedMessage(file, seen.example));
    if (context.missingPrj && seen.kind === 'degrees')
      issues.warn('', 'the shapefile has no .prj; its coordinates are in degrees and were read as WGS 84');
    return null;
  }
  const crs = resolveCrs(declared, file);
  const from =
    source === 'user'
      ? `the chosen coordinate system ${crs.label}`
      : `the file's coordinate system ${crs.label}`;
  if (crs.projected && seen.kind === 'degrees')
    throw new UserError(
      `${file}: the coordinates are longitude/latitude degrees, but ${from} is projected (metres).`,
    );
  if (!crs.projected && seen.kind === 'projected') {
    throw new UserError(
      `${file}: the coordinates are metres (for example ${fmt(seen.example![0])}, ${fmt(seen.example![1])}), but ${from} is in degrees.`,
    );
  }
  if (crs.datumWarning) issues.warn('', crs.datumWarning);
  return crs.identity ? null : crs;
}

/**
 * True when projected positions are written northing first (X = northing, Y = easting: the
 * Vietnamese survey convention): most x look like Vietnamese northings and y like eastings.
 */
function northingFirst(positions: [number, number][]): boolean {
  let n = 0;
  let hits = 0;
  for (const [x, y] of positions) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    if (x >= 900_000 && x <= 2_700_000 && y >= 100_000 && y < 900_000) hits++;
  }
  return n > 0 && hits > n / 2;
}

const NORTHING_FIRST =
  'the coordinates are written northing first (X = northing, Y = easting, the Vietnamese survey convention); they were read as easting, northing';

/**
 * Converts feature coordinates in place to WGS 84 lon/lat when they are in another system (chosen by
 * the user, or the file's .prj / GeoJSON `crs`). Returns the label of the system read.
 */
export function reprojectFeatures(
  features: LooseFeature[],
  context: CrsContext,
  file: string,
  issues: IssueList,
): string {
  const sample: [number, number][] = [];
  for (const f of features) forEachPosition(f.geometry, (p) => sample.push([p[0]!, p[1]!]));
  const crs = decide(sample, context, file, issues);
  if (!crs) return 'WGS 84';
  const swap = crs.projected && northingFirst(sample);
  if (swap) issues.warn('', NORTHING_FIRST);
  for (const f of features) {
    forEachPosition(f.geometry, (p) => {
      const [lon, lat] = swap ? crs.toWgs84(p[1]!, p[0]!) : crs.toWgs84(p[0]!, p[1]!);
      p[0] = lon;
      p[1] = lat;
    });
  }
  return `${crs.label} → WGS 84`;
}

function columnIndex(header: string[], names: readonly string[]): number {
  for (const n of names) {
    const i = header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Converts the "x y" tuples of a WKT string (any z/m values are kept). */
function convertWkt(wkt: string, convert: (x: number, y: number) => [number, number]): string {
  return wkt.replace(/[^(),]+/g, (tuple) => {
    const parts = tuple.trim().split(/\s+/);
    if (parts.length < 2) return tuple;
    const x = parseNumberText(parts[0]);
    const y = parseNumberText(parts[1]);
    if (x === null || y === null) return tuple;
    const [lon, lat] = convert(x, y);
    return ` ${[lon, lat, ...parts.slice(2)].join(' ')}`;
  });
}

/**
 * Converts a table's coordinates in place to WGS 84: the lon/lat (or x/y, easting/northing) columns,
 * and a WKT column. x/y-style headers are renamed lon/lat so the validators find them.
 * Returns the label of the system read.
 */
export function reprojectTable(
  table: CsvTable,
  context: CrsContext,
  file: string,
  issues: IssueList,
): string {
  const ix = columnIndex(table.header, X_NAMES);
  const iy = columnIndex(table.header, Y_NAMES);
  const iw = table.header.indexOf('wkt');
  const sample: [number, number][] = [];
  const wkt: [number, number][] = [];
  // One pass over the rows (a big CSV is read again at each pass); the WKT positions come after.
  if ((ix >= 0 && iy >= 0) || iw >= 0) {
    for (const r of table.rows) {
      if (ix >= 0 && iy >= 0) {
        const x = parseNumber(r.cells[ix]);
        const y = parseNumber(r.cells[iy]);
        if (x !== null && y !== null) sample.push([x, y]);
      }
      if (iw < 0) continue;
      for (const tuple of (r.cells[iw] ?? '').match(/[^(),]+/g) ?? []) {
        const [x, y] = tuple.trim().split(/\s+/).map(Number);
        if (Number.isFinite(x) && Number.isFinite(y)) wkt.push([x!, y!]);
      }
    }
  }
  for (const p of wkt) sample.push(p);
  if (ix >= 0 && iy >= 0) {
    if (!table.header.includes('lon')) table.header[ix] = 'lon';
    if (!table.header.includes('lat')) table.header[iy] = 'lat';
  }
  const crs = decide(sample, context, file, issues);
  if (!crs) return 'WGS 84';
  const swap = crs.projected && northingFirst(sample);
  if (swap) issues.warn('', NORTHING_FIRST);
  const convert = (x: number, y: number) => (swap ? crs.toWgs84(y, x) : crs.toWgs84(x, y));
  editRows(table, (r) => {
    if (ix >= 0 && iy >= 0) {
      const x = parseNumber(r.cells[ix]);
      const y = parseNumber(r.cells[iy]);
      if (x !== null && y !== null) {
        const [lon, lat] = convert(x, y);
        r.cells[ix] = String(lon);
        r.cells[iy] = String(lat);
      }
    }
    if (iw >= 0 && r.cells[iw]) r.cells[iw] = convertWkt(r.cells[iw]!, convert);
  });
  return `${crs.label} → WGS 84`;
}
