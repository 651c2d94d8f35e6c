import type { MultiPolygon, Polygon } from 'geojson';
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { cutText } from '../../core/base/show_value.ts';
import {
  type Cell,
  type CellStatus,
  type Site,
  TECHNOLOGIES,
  type Technology,
} from '../../core/base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../core/geometry/local_projection.ts';
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
import { parseCellStatus, STATUS_WORDS } from './cell_status.ts';
import { operatorName } from './operator_name.ts';
import { parseTechnologies } from './technology.ts';

export interface SiteImport {
  sites: Site[];
  issues: InputIssue[];
  /** Rows or features read, valid or not. */
  total: number;
  /** Rows or features kept (as a site or as a cell of one); `total - rowsKept` were rejected. */
  rowsKept: number;
  /** Cells in the sites (a one-record site counts one per technology). */
  cells: number;
}

type Loc = { path: string; row?: number };

/** Rows of one site farther apart than this (metres) are two sites under one id: an error. */
export const SAME_SITE_M = 50;

/** The year on air read from a file is within these bounds. */
const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

/** One valid row (or feature): the site's fields and the cells it lists (one per technology named). */
interface SiteRow {
  id: string;
  operator: string;
  lon: number;
  lat: number;
  name?: string;
  cells: Cell[];
  /** The row has a field that only a cell has (status, year, cell id, EIRP, tilt). */
  cellFields: boolean;
  loc: Loc;
}

/**
 * Validates one site row (a CSV row or a GeoJSON feature's properties) and returns it, or null after
 * recording every problem it has.
 */
function siteRow(
  rec: Record<string, unknown>,
  lon: unknown,
  lat: unknown,
  loc: Loc,
  issues: IssueList,
  thisYear: number,
  coverage?: Polygon | MultiPolygon,
): SiteRow | null {
  const before = issues.items.length;
  const fieldPath = (f: string) =>
    loc.row === undefined ? `${loc.path}.properties.${f}` : `${loc.path}.${f}`;
  const at = loc.row ? { row: loc.row } : {};
  const err = (f: string, m: string) => issues.error(fieldPath(f), m, { field: f, ...at });
  const idRead = idValue(own(rec, 'id'), 'id');
  const id = 'id' in idRead ? idRead.id : '';
  if ('missing' in idRead) err('id', 'missing id');
  else if ('problem' in idRead) err('id', idRead.problem);
  const operatorRead = textValue(own(rec, 'operator'), 'operator');
  const operator = 'text' in operatorRead ? operatorName(operatorRead.text ?? '') : '';
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
    const n = toNumber(v);
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
  const eirp_dbm = opt('eirp_dbm', 0, 100);
  const tilt_deg = opt('tilt_deg', -90, 90);
  const year = opt('year', YEAR_MIN, YEAR_MAX);
  if (year !== undefined && !Number.isInteger(year))
    err('year', `must be a whole year (got ${showValue(own(rec, 'year'))})`);
  if (
    beamwidth_deg !== undefined &&
    beamwidth_deg < 360 &&
    azimuth_deg === undefined &&
    issues.items.length === before
  )
    err('azimuth_deg', 'a sector needs both azimuth_deg and beamwidth_deg');
  const statusRaw = own(rec, 'status');
  let status: CellStatus = 'on_air';
  if (!isBlank(statusRaw)) {
    const read = typeof statusRaw === 'string' ? parseCellStatus(statusRaw) : null;
    if (read === null) err('status', `unknown status ${showValue(statusRaw)}; use ${STATUS_WORDS}`);
    else status = read;
  }
  const cellIdRead = idValue(own(rec, 'cell_id'), 'cell_id');
  if ('problem' in cellIdRead) err('cell_id', cellIdRead.problem);
  const nameRead = textValue(own(rec, 'name'), 'name');
  if ('problem' in nameRead) err('name', nameRead.problem);
  if (issues.items.length > before) return null;
  if (isBlank(statusRaw) && year !== undefined && year > thisYear) {
    status = 'planned';
    issues.warn(
      fieldPath('status'),
      `no status and a year on air of ${year}, after ${thisYear}: counted as planned`,
      {
        field: 'status',
        ...at,
      },
    );
  }
  const band = own(rec, 'band');
  const bandText =
    typeof band === 'string'
      ? band.trim() !== ''
        ? band.trim()
        : undefined
      : typeof band === 'number'
        ? String(band)
        : undefined;
  const cells = technologies.map((technology) => {
    const cell: Cell = { technology, status };
    if ('id' in cellIdRead) cell.id = cellIdRead.id;
    if (bandText !== undefined) cell.band = bandText;
    if (azimuth_deg !== undefined) cell.azimuth_deg = azimuth_deg;
    if (beamwidth_deg !== undefined) cell.beamwidth_deg = beamwidth_deg;
    if (height_m !== undefined) cell.height_m = height_m;
    if (radius_m !== undefined) cell.radius_m = radius_m;
    if (eirp_dbm !== undefined) cell.eirp_dbm = eirp_dbm;
    if (tilt_deg !== undefined) cell.tilt_deg = tilt_deg;
    if (coverage !== undefined) cell.coverage = coverage;
    if (year !== undefined) cell.year = year;
    if (loc.row !== undefined) cell.row = loc.row;
    return cell;
  });
  const cellFields =
    !isBlank(statusRaw) ||
    year !== undefined ||
    'id' in cellIdRead ||
    eirp_dbm !== undefined ||
    tilt_deg !== undefined ||
    status !== 'on_air';
  const row: SiteRow = { id, operator, lon: pos.lon!, lat: pos.lat!, cells, cellFields, loc };
  if ('text' in nameRead && nameRead.text) row.name = nameRead.text;
  return row;
}

/** Where a row is, for a message naming two rows: "row 4" or "features[3]". */
const where = (loc: Loc) => (loc.row !== undefined ? `row ${loc.row}` : loc.path);

/** Ground distance in metres between two nearby lon/lat points (local plane). */
function nearM(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const lat = (aLat + bLat) / 2;
  return Math.hypot((aLon - bLon) * metresPerDegreeLon(lat), (aLat - bLat) * metresPerDegreeLat(lat));
}

/** Two cells that say the same thing (a row repeated). */
const sameCell = (a: Cell, b: Cell) =>
  a.technology === b.technology &&
  a.band === b.band &&
  a.azimuth_deg === b.azimuth_deg &&
  a.beamwidth_deg === b.beamwidth_deg &&
  a.id === b.id &&
  a.coverage === b.coverage;

/**
 * One `technologies` array per combination, shared by every site that has it (frozen: nothing may
 * change a site's list in place). Five million sites would otherwise hold five million small arrays.
 */
const techLists = new Map<number, readonly Technology[]>();
function technologyList(cells: readonly Cell[]): Technology[] {
  let key = 0;
  for (const c of cells) key |= 1 << TECHNOLOGIES.indexOf(c.technology);
  let list = techLists.get(key);
  if (!list) {
    list = Object.freeze(TECHNOLOGIES.filter((_, k) => (key & (1 << k)) !== 0));
    techLists.set(key, list);
  }
  return list as Technology[];
}

/**
 * Groups valid rows into sites as they are read, so that only the sites are held, never the rows:
 * rows sharing an id within SAME_SITE_M metres of the site's first row are that site's cells. The same
 * id farther away, or under another operator, is an error naming both rows. A row repeating a cell of
 * its site is warned about and counted once. A site of one row with no cell fields stays a one-record
 * site (its values on the site); any other site lists its cells.
 */
class SiteGrouper {
  readonly sites: Site[] = [];
  /** Rows kept: valid, and not refused by the grouping. */
  kept = 0;
  private readonly byId = new Map<string, number>();
  /** Per site: its first row (CSV) or feature index (GeoJSON), for messages naming it. */
  private readonly first: number[] = [];
  /** One-record sites whose beamwidth was derived (an azimuth alone: omni, 360 ÷ 1). */
  private readonly derivedBeam = new Set<number>();

  constructor(
    private readonly issues: IssueList,
    private readonly csv: boolean,
  ) {}

  private firstLoc(k: number): Loc {
    const at = this.first[k]!;
    return this.csv ? { path: `rows[${at}]`, row: at } : { path: `features[${at}]` };
  }

  add(r: SiteRow): void {
    const k = this.byId.get(r.id);
    if (k === undefined) {
      this.byId.set(r.id, this.sites.length);
      this.first.push(this.csv ? r.loc.row! : Number(/^features\[(\d+)\]/.exec(r.loc.path)?.[1] ?? -1));
      this.sites.push(this.newSite(r));
      this.kept++;
      return;
    }
    let site = this.sites[k]!;
    const f = this.firstLoc(k);
    const at = r.loc.row ? { row: r.loc.row } : {};
    const path = (field: string) =>
      r.loc.row === undefined ? `${r.loc.path}.properties.${field}` : `${r.loc.path}.${field}`;
    const d = nearM(site.lon, site.lat, r.lon, r.lat);
    if (d > SAME_SITE_M) {
      this.issues.error(
        path('id'),
        `site "${cutText(r.id)}" is already at ${site.lon}, ${site.lat} (${where(f)}); this row puts it ${Math.round(d).toLocaleString('en-US')} m away at ${r.lon}, ${r.lat}: one id at two positions (rows of one site must be within ${SAME_SITE_M} m)`,
        { field: 'id', ...at },
      );
      return;
    }
    if (r.operator !== site.operator) {
      this.issues.error(
        path('operator'),
        `site "${cutText(r.id)}" is ${site.operator}'s on ${where(f)} but ${r.operator}'s here: one id under two operators`,
        { field: 'operator', ...at },
      );
      return;
    }
    this.kept++;
    if (!site.cells) site = this.toCells(site, k);
    const cells = site.cells!;
    for (const c of r.cells) {
      const twin = cells.find((x) => sameCell(x, c));
      if (twin) {
        this.issues.warn(
          path('id'),
          `repeats a ${c.technology} cell of site "${cutText(r.id)}" (${twin.row !== undefined ? `row ${twin.row}` : where(f)}: same technology, band, azimuth and beamwidth); counted once`,
          { field: 'id', ...at },
        );
        continue;
      }
      cells.push(c);
    }
    site.technologies = technologyList(cells);
  }

  /** The site of a first row: one record (its values on the site) unless the row has cell fields. */
  private newSite(r: SiteRow): Site {
    const site: Site = {
      id: r.id,
      operator: r.operator,
      lon: r.lon,
      lat: r.lat,
      technologies: technologyList(r.cells),
    };
    if (r.name) site.name = r.name;
    if (r.cellFields) {
      site.cells = [...r.cells];
      return site;
    }
    const c = r.cells[0]!;
    if (c.radius_m !== undefined) site.radius_m = c.radius_m;
    if (c.azimuth_deg !== undefined) site.azimuth_deg = c.azimuth_deg;
    if (c.beamwidth_deg !== undefined) site.beamwidth_deg = c.beamwidth_deg;
    else if (c.azimuth_deg !== undefined && !c.coverage) {
      // An azimuth alone at a one-record site: the only sector of its technology, so omni (360 ÷ 1).
      site.beamwidth_deg = 360;
      this.derivedBeam.add(this.sites.length);
    }
    if (c.height_m !== undefined) site.height_m = c.height_m;
    if (c.band !== undefined) site.band = c.band;
    if (c.coverage !== undefined) site.coverage = c.coverage;
    return site;
  }

  /**
   * A one-record site turned into the cells its row made, when a second row of it comes: a new
   * object in its place (deleting the site-level fields would leave a slow dictionary-mode object).
   */
  private toCells(site: Site, k: number): Site {
    const derived = this.derivedBeam.delete(k);
    const row = this.csv ? this.first[k] : undefined;
    const cells = site.technologies.map((technology) => {
      const cell: Cell = { technology, status: 'on_air' };
      if (site.band !== undefined) cell.band = site.band;
      if (site.azimuth_deg !== undefined) cell.azimuth_deg = site.azimuth_deg;
      if (site.beamwidth_deg !== undefined && !derived) cell.beamwidth_deg = site.beamwidth_deg;
      if (site.height_m !== undefined) cell.height_m = site.height_m;
      if (site.radius_m !== undefined) cell.radius_m = site.radius_m;
      if (site.coverage !== undefined) cell.coverage = site.coverage;
      if (row !== undefined) cell.row = row;
      return cell;
    });
    const next: Site = {
      id: site.id,
      operator: site.operator,
      lon: site.lon,
      lat: site.lat,
      technologies: site.technologies,
    };
    if (site.name) next.name = site.name;
    next.cells = cells;
    this.sites[k] = next;
    return next;
  }

  /** The sites, once every row is in: sectors without a beamwidth share their circle (warned once). */
  finish(): Site[] {
    let shared = this.derivedBeam.size;
    for (const s of this.sites) if (s.cells) shared += shareBeams(s.cells);
    if (shared > 0)
      this.issues.warn(
        '',
        `${shared.toLocaleString('en-US')} cell(s) have an azimuth but no beamwidth: each takes 360° ÷ the number of sectors of its technology at its site (120° for three); give beamwidth_deg (Độ rộng búp sóng) to use the antennas' own`,
      );
    return this.sites;
  }
}

/**
 * Cells with an azimuth and no beamwidth share the circle with the other sectors of their technology
 * at the site: 360° ÷ their number (three sectors: 120° each; one alone: omni). Returns how many.
 */
function shareBeams(cells: Cell[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.azimuth_deg === undefined || c.beamwidth_deg !== undefined || c.coverage) continue;
    const sectors = cells.filter((k) => k.technology === c.technology && k.azimuth_deg !== undefined).length;
    c.beamwidth_deg = 360 / sectors;
    n++;
  }
  return n;
}

/** The import's result: the sites, and the issues in file order. */
function grouped(grouper: SiteGrouper, issues: IssueList, total: number): SiteImport {
  const sites = grouper.finish();
  const cells = sites.reduce((n, s) => n + (s.cells ? s.cells.length : s.technologies.length), 0);
  // In file order: the grouping's problems (found after every row was read) go with their rows.
  const order = (i: InputIssue) => i.row ?? Number(/^features\[(\d+)\]/.exec(i.path)?.[1] ?? -1);
  const sorted = issues.items.map((issue, k) => ({ issue, k }));
  sorted.sort((a, b) => order(a.issue) - order(b.issue) || a.k - b.k);
  return { sites, issues: sorted.map((x) => x.issue), total, rowsKept: grouper.kept, cells };
}

/** The current year, for "a year on air in the future with no status is planned". */
const currentYear = () => new Date().getFullYear();

/**
 * Reads mobile sites from GeoJSON: Point features (the site or one of its cells) or Polygon/MultiPolygon
 * features (an operator's predicted coverage of a cell, with the site position in `lon`/`lat` properties or
 * the polygon's first vertex).
 */
export function sitesFromGeoJSON(input: unknown, file: string, thisYear = currentYear()): SiteImport {
  const features = readFeatureCollection(input, file);
  const issues = new IssueList(file);
  const rows = new SiteGrouper(issues, false);
  for (const f of features) {
    const path = `features[${f.index}]`;
    const g = f.geometry;
    if (!g) {
      issues.error(`${path}.geometry`, 'missing geometry', { field: 'geometry' });
      continue;
    }
    if (g.type === 'Point') {
      const c = g.coordinates as unknown[];
      const r = siteRow(f.properties, c?.[0], c?.[1], { path }, issues, thisYear);
      if (r) rows.add(r);
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
      const coverage = g as unknown as Polygon | MultiPolygon;
      const r = siteRow(f.properties, lon, lat, { path }, issues, thisYear, coverage);
      if (r) rows.add(r);
    } else {
      issues.error(`${path}.geometry`, `geometry must be Point (or a coverage Polygon), not ${g.type}`, {
        field: 'geometry',
      });
    }
  }
  return grouped(rows, issues, features.length);
}

/** Reads mobile sites from CSV (one row per site or per cell); columns as `sitesFromTable`. */
export function sitesFromCsv(text: string, file: string, thisYear = currentYear()): SiteImport {
  return sitesFromTable(parseCsv(text, file), file, thisYear);
}

/**
 * Reads mobile sites from a table (CSV or the first sheet of an XLSX): columns id, lon, lat, technology,
 * operator, and optionally name, band, azimuth_deg, beamwidth_deg, height_m, radius_m, eirp_dbm, tilt_deg,
 * status, year, cell_id. Rows sharing an id and position are one site's cells.
 */
export function sitesFromTable(table: CsvTable, file: string, thisYear = currentYear()): SiteImport {
  const required = ['id', 'lon', 'lat', 'technology', 'operator'];
  // Headers are mapped to these names before (import_file.ts, header_mapping.ts).
  const header = table.header;
  const absent = required.filter((c) => !header.includes(c));
  if (absent.length)
    throw new UserError(`${file}: missing column(s) ${absent.join(', ')}; expected ${required.join(',')}.`);
  const issues = new IssueList(file);
  const rows = new SiteGrouper(issues, true);
  for (const r of table.rows) {
    const rec: Record<string, unknown> = rowRecord(header, r.cells);
    const s = siteRow(
      rec,
      own(rec, 'lon'),
      own(rec, 'lat'),
      { path: `rows[${r.row}]`, row: r.row },
      issues,
      thisYear,
    );
    if (s) rows.add(s);
  }
  return grouped(rows, issues, table.rows.length);
}
