/**
 * Speed tests from a file: points (`lon,lat,technology,operator,download_mbps,upload_mbps,latency_ms,
 * date`) or Ookla-style open-data tiles (`quadkey` at zoom 16, `avg_d_kbps, avg_u_kbps, avg_lat_ms,
 * tests, devices`), as CSV/XLSX tables or GeoJSON features. Every problem is reported with its row or
 * feature and field; valid records are kept.
 */
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { SpeedTest } from '../../core/base/speed_tests.ts';
import { type CsvTable, parseCsv } from '../formats/csv.ts';
import { isBlank, own, readPosition, rowRecord, showValue, toNumber } from '../formats/fields.ts';
import { IssueList, readFeatureCollection } from '../formats/geojson_input.ts';
import { quadkeyCentre } from '../formats/quadkey.ts';
import { operatorName } from './operator_name.ts';
import { parseTechnology } from './technology.ts';

export interface SpeedTestImport {
  tests: SpeedTest[];
  issues: InputIssue[];
  /** Records read, valid or not. */
  total: number;
}

/** The zoom of an Ookla open-data tile's quadkey. */
export const TILE_ZOOM = 16;
/** The largest download or upload accepted, Mb/s (10 Gb/s: beyond any mobile link today). */
const MAX_MBPS = 10_000;
/** The largest latency accepted, ms. */
const MAX_LATENCY_MS = 60_000;

/** A date as ISO `YYYY-MM-DD`: ISO (with a time or not), `DD/MM/YYYY` (as written in Vietnam), or an Excel day number. */
export function readTestDate(v: unknown): { date: string | null } | { problem: string } {
  if (isBlank(v)) return { date: null };
  const text = String(v).trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: [0-9:]+)?$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [y, m, d] = [Number(vn[3]), Number(vn[2]), Number(vn[1])];
  else if (/^\d{5}(\.\d+)?$/.test(text)) {
    // Excel's day number (1900 system): day 25,569 is 1970-01-01.
    const ms = Math.round((Math.floor(Number(text)) - 25_569) * 86_400_000);
    const t = new Date(ms);
    [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  } else return { problem: `date must be YYYY-MM-DD or DD/MM/YYYY (got ${showValue(v)})` };
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 2000 || y > 2100)
    return { problem: `date is not a calendar day between 2000 and 2100 (got ${showValue(v)})` };
  return { date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

type Where = { path: string; row?: number; fallbackId: string };

/** Validates one record (a point when `tile` is false, an Ookla tile otherwise). */
function speedTestFrom(
  rec: Record<string, unknown>,
  lonRaw: unknown,
  latRaw: unknown,
  tile: boolean,
  loc: Where,
  issues: IssueList,
): SpeedTest | null {
  const before = issues.items.filter((i) => i.severity === 'error').length;
  const extra = (field: string) => ({ field, ...(loc.row === undefined ? {} : { row: loc.row }) });
  const fail = (field: string, message: string) =>
    issues.error(`${loc.path}.${field}`, message, extra(field));
  /** A number in [0, max], or null when blank and not required; records the problem. */
  const amount = (field: string, max: number, required: boolean, integer = false): number | null => {
    const raw = own(rec, field);
    if (isBlank(raw)) {
      if (required) fail(field, `${field} is required`);
      return null;
    }
    const x = toNumber(raw);
    if (x === null || !Number.isFinite(x) || x < 0 || x > max || (integer && !Number.isInteger(x))) {
      fail(
        field,
        `${field} must be ${integer ? 'a whole number' : 'a number'} from ${integer ? 1 : 0} to ${max.toLocaleString('en-US')} (got ${showValue(raw)})`,
      );
      return null;
    }
    return x;
  };
  let lon: number | null = null;
  let lat: number | null = null;
  let quadkey: string | undefined;
  if (tile) {
    const raw = own(rec, 'quadkey');
    const q = isBlank(raw) ? '' : String(raw).trim();
    const centre = q.length === TILE_ZOOM ? quadkeyCentre(q) : null;
    if (!centre)
      fail(
        'quadkey',
        `quadkey must be ${TILE_ZOOM} digits 0–3 (a zoom-${TILE_ZOOM} tile, as Ookla publishes; got ${showValue(raw ?? null)})`,
      );
    else [lon, lat, quadkey] = [centre[0], centre[1], q];
  } else {
    const p = readPosition(lonRaw, latRaw);
    if (p.problem) fail(p.field, p.problem);
    else [lon, lat] = [p.lon, p.lat];
  }
  const techRaw = own(rec, 'technology');
  let technology: SpeedTest['technology'] = null;
  if (!isBlank(techRaw)) {
    technology = parseTechnology(String(techRaw));
    if (technology === null)
      fail('technology', `technology must be 2G, 3G, 4G or 5G (got ${showValue(techRaw)})`);
  }
  const opRaw = own(rec, 'operator');
  const operator = isBlank(opRaw) ? null : operatorName(String(opRaw));
  let download: number | null;
  let upload: number | null;
  let latency: number | null;
  let tests = 1;
  let devices: number | null = null;
  if (tile) {
    const d = amount('avg_d_kbps', MAX_MBPS * 1000, true);
    const u = amount('avg_u_kbps', MAX_MBPS * 1000, false);
    download = d === null ? null : d / 1000;
    upload = u === null ? null : u / 1000;
    latency = amount('avg_lat_ms', MAX_LATENCY_MS, false);
    const n = own(rec, 'tests');
    const t = amount('tests', 1e9, true, true);
    if (t !== null && t < 1) fail('tests', `tests must be a whole number from 1 (got ${showValue(n)})`);
    else if (t !== null) tests = t;
    devices = amount('devices', 1e9, false, true);
  } else {
    download = amount('download_mbps', MAX_MBPS, true);
    upload = amount('upload_mbps', MAX_MBPS, false);
    latency = amount('latency_ms', MAX_LATENCY_MS, false);
  }
  const date = readTestDate(own(rec, 'date'));
  if ('problem' in date) fail('date', date.problem);
  if (issues.items.filter((i) => i.severity === 'error').length > before) return null;
  const test: SpeedTest = {
    id: loc.fallbackId,
    lon: lon!,
    lat: lat!,
    technology,
    operator,
    downloadMbps: download!,
    uploadMbps: upload,
    latencyMs: latency,
    date: 'date' in date ? date.date : null,
    tests,
  };
  if (quadkey) test.quadkey = quadkey;
  if (devices !== null) test.devices = devices;
  return test;
}

const POINT_COLUMNS = 'lon,lat,download_mbps[,technology,operator,upload_mbps,latency_ms,date]';
const TILE_COLUMNS = 'quadkey,avg_d_kbps,tests[,avg_u_kbps,avg_lat_ms,devices,technology,operator,date]';

/** Reads speed tests from CSV text (points or tiles, by the header). */
export function speedTestsFromCsv(text: string, file: string): SpeedTestImport {
  return speedTestsFromTable(parseCsv(text, file), file);
}

/**
 * Reads speed tests from a table (CSV or the first sheet of an XLSX) whose headers are already mapped
 * (header_mapping.ts): tiles when it has a `quadkey` column, else points.
 */
export function speedTestsFromTable(table: CsvTable, file: string): SpeedTestImport {
  const header = table.header;
  const tile = header.includes('quadkey');
  const need = tile ? ['quadkey', 'avg_d_kbps', 'tests'] : ['lon', 'lat', 'download_mbps'];
  const absent = need.filter((c) => !header.includes(c));
  if (absent.length)
    throw new UserError(
      `${file}: missing column(s) ${absent.join(', ')}; expected speed-test points ${POINT_COLUMNS} or Ookla tiles ${TILE_COLUMNS}.`,
    );
  const issues = new IssueList(file);
  const tests: SpeedTest[] = [];
  for (const r of table.rows) {
    const rec: Record<string, unknown> = rowRecord(header, r.cells);
    const t = speedTestFrom(
      rec,
      own(rec, 'lon'),
      own(rec, 'lat'),
      tile,
      { path: `rows[${r.row}]`, row: r.row, fallbackId: `row ${r.row}` },
      issues,
    );
    if (t) tests.push(t);
  }
  return { tests, issues: issues.items, total: table.rows.length };
}

/**
 * Reads speed tests from GeoJSON: Point features with the point properties, or features (any geometry,
 * Ookla's tile squares) with a `quadkey` property and the tile properties.
 */
export function speedTestsFromGeoJSON(input: unknown, file: string): SpeedTestImport {
  const issues = new IssueList(file);
  const features = readFeatureCollection(input, file);
  const tests: SpeedTest[] = [];
  for (const f of features) {
    const path = `features[${f.index}]`;
    const tile = !isBlank(own(f.properties, 'quadkey'));
    let lon: unknown = null;
    let lat: unknown = null;
    if (!tile) {
      if (f.geometry?.type !== 'Point') {
        issues.error(
          `${path}.geometry`,
          `geometry must be Point (or the feature must carry a quadkey), not ${f.geometry?.type ?? 'missing'}`,
          { field: 'geometry' },
        );
        continue;
      }
      const c = f.geometry.coordinates as unknown[];
      [lon, lat] = [c?.[0], c?.[1]];
    }
    const t = speedTestFrom(
      f.properties,
      lon,
      lat,
      tile,
      { path: `${path}.properties`, fallbackId: `feature ${f.index + 1}` },
      issues,
    );
    if (t) tests.push(t);
  }
  return { tests, issues: issues.items, total: features.length };
}
