import type { MultiPolygon, Polygon } from 'geojson';
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { cutText } from '../../core/base/show_value.ts';
import type { Site } from '../../core/base/types.ts';
import { type CsvTable, parseCsv } from '../formats/csv.ts';
import {
  idValue,
  isBlank,
  own,
  readPosition,
  rowRecord,
  showValue,
  textValue,
  toNumber,
} from '../formats/fields.ts';
import { IssueList, readFeatureCollection } from '../formats/geojson_input.ts';
import { geometryProblem } from './boundaries.ts';
import { parseTechnologies } from './technology.ts';

export interface SiteImport {
  sites: Site[];
  issues: InputIssue[];
  /** Rows or features read, valid or not. */
  total: number;
}

type Loc = { path: string; row?: number };

/**
 * Validates one site record (from a CSV row or a GeoJSON feature's properties) and returns the site,
 * or null after recording every problem it has.
 */
function siteFromRecord(
  rec: Record<string, unknown>,
  lon: unknown,
  lat: unknown,
  loc: Loc,
  issues: IssueList,
  seen: Set<string>,
): Site | null {
  const before = issues.items.length;
  const fieldPath = (f: string) =>
    loc.row === undefined ? `${loc.path}.properties.${f}` : `${loc.path}.${f}`;
  const err = (f: string, m: string) =>
    issues.error(fieldPath(f), m, { field: f, ...(loc.row ? { row: loc.row } : {}) });
  const idRead = idValue(own(rec, 'id'), 'id');
  const id = 'id' in idRead ? idRead.id : '';
  if ('missing' in idRead) err('id', 'missing id');
  else if ('problem' in idRead) err('id', idRead.problem);
  else if (seen.has(id)) err('id', `duplicate id "${cutText(id)}"`);
  const operatorRead = textValue(own(rec, 'operator'), 'operator');
  const operator = 'text' in operatorRead ? (operatorRead.text ?? '') : '';
  if ('problem' in operatorRead) err('operator', operatorRead.problem);
  else if (operator === '') err('operator', 'missing operator');
  const pos = readPosition(lon, lat);
  if (pos.problem) err(lon === undefined && lat === undefined ? 'geometry' : pos.field, pos.problem);
  const techRaw = own(rec, 'technologies') ?? own(rec, 'technology') ?? own(rec, 'tech');
  const { technologies, unknown } = parseTechnologies(techRaw);
  if (unknown.length)
    err(
      'technology',
      `unknown technology "${unknown.map((u) => cutText(u)).join('", "')}" (use 2G, 3G, 4G/LTE or 5G/NR)`,
    );
  else if (technologies.length === 0) err('technology', 'missing technology');
  const opt = (f: string, lo: number, hi: number): number | undefined => {
    const v = own(rec, f);
    if (isBlank(v)) return undefined;
    const n = num(v);
    if (n === null || n < lo || n > hi) {
      err(f, `must be a number between ${lo} and ${hi} (got ${showValue(v)})`);
      return undefined;
    }
    return n;
  };
  const radius_m = opt('radius_m', 1, 100_000);
  const azimuth_deg = opt('azimuth_deg', 0, 360);
  const beamwidth_deg = opt('beamwidth_deg', 1, 360);
  const height_m = opt('height_m', 0, 1000);
  if ((azimuth_deg === undefined) !== (beamwidth_deg === undefined) && issues.items.length === before)
    err(
      azimuth_deg === undefined ? 'azimuth_deg' : 'beamwidth_deg',
      'a sector needs both azimuth_deg and beamwidth_deg',
    );
  if (issues.items.length > before) return null;
  seen.add(id);
  const site: Site = { id, operator, lon: pos.lon!, lat: pos.lat!, technologies };
  if (radius_m !== undefined) site.radius_m = radius_m;
  if (azimuth_deg !== undefined) site.azimuth_deg = azimuth_deg;
  if (beamwidth_deg !== undefined) site.beamwidth_deg = beamwidth_deg;
  if (height_m !== undefined) site.height_m = height_m;
  const band = own(rec, 'band');
  if (typeof band === 'string' ? band.trim() !== '' : typeof band === 'number') site.band = String(band);
  return site;
}

const num = toNumber;

/**
 * Reads mobile sites from GeoJSON: Point features (the site) or Polygon/MultiPolygon features (an
 * operator's predicted coverage, with the site position in `lon`/`lat` properties or the centroid).
 */
export function sitesFromGeoJSON(input: unknown, file: string): SiteImport {
  const features = readFeatureCollection(input, file);
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const sites: Site[] = [];
  for (const f of features) {
    const path = `features[${f.index}]`;
    const g = f.geometry;
    if (!g) {
      issues.error(`${path}.geometry`, 'missing geometry', { field: 'geometry' });
      continue;
    }
    if (g.type === 'Point') {
      const c = g.coordinates as unknown[];
      const s = siteFromRecord(f.properties, c?.[0], c?.[1], { path }, issues, seen);
      if (s) sites.push(s);
    } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const problem = geometryProblem(g);
      if (problem) {
        issues.error(`${path}.geometry`, `coverage polygon: ${problem}`, { field: 'geometry' });
        continue;
      }
      const first =
        (g.type === 'Polygon'
          ? (g.coordinates as number[][][])[0]?.[0]
          : (g.coordinates as number[][][][])[0]?.[0]?.[0]) ?? [];
      const lon = own(f.properties, 'lon') ?? first[0];
      const lat = own(f.properties, 'lat') ?? first[1];
      const s = siteFromRecord(f.properties, lon, lat, { path }, issues, seen);
      if (s) sites.push({ ...s, coverage: g as unknown as Polygon | MultiPolygon });
    } else {
      issues.error(`${path}.geometry`, `geometry must be Point (or a coverage Polygon), not ${g.type}`, {
        field: 'geometry',
      });
    }
  }
  return { sites, issues: issues.items, total: features.length };
}

/** Reads mobile sites from CSV with columns id,lon,lat,technology,operator[,radius_m,azimuth_deg,beamwidth_deg]. */
export function sitesFromCsv(text: string, file: string): SiteImport {
  return sitesFromTable(parseCsv(text, file), file);
}

/** Reads mobile sites from a table (CSV or the first sheet of an XLSX) with the CSV columns. */
export function sitesFromTable(table: CsvTable, file: string): SiteImport {
  const required = ['id', 'lon', 'lat', 'technology', 'operator'];
  // Headers are mapped to these names before (import_file.ts, header_mapping.ts).
  const header = table.header;
  const absent = required.filter((c) => !header.includes(c));
  if (absent.length)
    throw new UserError(`${file}: missing column(s) ${absent.join(', ')}; expected ${required.join(',')}.`);
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const sites: Site[] = [];
  for (const r of table.rows) {
    const rec: Record<string, unknown> = rowRecord(header, r.cells);
    const s = siteFromRecord(
      rec,
      own(rec, 'lon'),
      own(rec, 'lat'),
      { path: `rows[${r.row}]`, row: r.row },
      issues,
      seen,
    );
    if (s) sites.push(s);
  }
  return { sites, issues: issues.items, total: table.rows.length };
}
