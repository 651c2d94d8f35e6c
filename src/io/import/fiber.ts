import type { LineString, MultiLineString } from 'geojson';
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { FiberRoute } from '../../core/base/infrastructure.ts';
import { cutText } from '../../core/base/show_value.ts';
import { type CsvTable, parseCsv } from '../formats/csv.ts';
import { idValue, isBlank, own, parseNumberText, rowRecord, showValue, toNumber } from '../formats/fields.ts';
import { coordinateProblem, IssueList, readFeatureCollection } from '../formats/geojson_input.ts';

export interface FiberImport {
  routes: FiberRoute[];
  issues: InputIssue[];
  total: number;
}

/** Reads fiber routes from GeoJSON LineString/MultiLineString features (operator, medium, placement, year). */
function routeFrom(
  p: Record<string, unknown>,
  geometry: LineString | MultiLineString,
  at: string,
  row: number | undefined,
  issues: IssueList,
  seen: Set<string>,
  fallbackId: string,
  before: number,
): FiberRoute | null {
  const extra = (field: string) => ({ field, ...(row === undefined ? {} : { row }) });
  const idRead = idValue(own(p, 'id'), 'id');
  const id = 'id' in idRead && idRead.id !== '' ? idRead.id : fallbackId;
  if ('problem' in idRead) issues.error(`${at}.id`, idRead.problem, extra('id'));
  else if (seen.has(id)) issues.error(`${at}.id`, `duplicate id "${cutText(id)}"`, extra('id'));
  const mediumRaw = own(p, 'medium');
  const medium = isBlank(mediumRaw)
    ? 'fiber'
    : typeof mediumRaw === 'string'
      ? mediumRaw.trim().toLowerCase()
      : showValue(mediumRaw);
  if (medium !== 'fiber' && medium !== 'copper') {
    issues.error(
      `${at}.medium`,
      `medium must be fiber or copper (got "${cutText(String(medium))}")`,
      extra('medium'),
    );
  }
  const yearRaw = own(p, 'year');
  const year = isBlank(yearRaw) ? null : toNumber(yearRaw);
  if (!isBlank(yearRaw) && !(year !== null && Number.isInteger(year) && year > 1900 && year < 2100)) {
    issues.error(`${at}.year`, `year must be a 4-digit year (got ${showValue(yearRaw)})`, extra('year'));
  }
  if (issues.items.length > before) return null;
  seen.add(id);
  return {
    id,
    operator:
      typeof own(p, 'operator') === 'string' || typeof own(p, 'operator') === 'number'
        ? String(own(p, 'operator')).normalize('NFC').trim()
        : '',
    medium: medium as 'fiber' | 'copper',
    placement:
      typeof own(p, 'placement') === 'string' && own(p, 'placement') !== ''
        ? String(own(p, 'placement'))
        : null,
    year,
    geometry,
  };
}

/** Parses WKT LINESTRING / MULTILINESTRING (lon lat pairs); null when it is not one. */
export function lineFromWkt(wkt: string): LineString | MultiLineString | null {
  const s = wkt.trim();
  const pairs = (body: string) =>
    body
      .split(',')
      .map((p) =>
        p
          .trim()
          .split(/\s+/)
          .map((t) => parseNumberText(t) ?? Number.NaN),
      )
      .filter((p) => p.length >= 2);
  let m = /^LINESTRING\s*\(([^()]*)\)$/i.exec(s);
  if (m) return { type: 'LineString', coordinates: pairs(m[1]!) };
  m = /^MULTILINESTRING\s*\((.*)\)$/i.exec(s);
  if (m) {
    const parts = [...m[1]!.matchAll(/\(([^()]*)\)/g)].map((x) => pairs(x[1]!));
    return parts.length ? { type: 'MultiLineString', coordinates: parts } : null;
  }
  return null;
}

/** Reads fiber routes from CSV with columns id,operator,medium,placement,year,wkt (WKT LINESTRING). */
export function fiberFromCsv(text: string, file: string): FiberImport {
  return fiberFromTable(parseCsv(text, file), file);
}

/** Reads fiber routes from a table (CSV or the first sheet of an XLSX) with the CSV columns. */
export function fiberFromTable(table: CsvTable, file: string): FiberImport {
  if (!table.header.includes('wkt'))
    throw new UserError(`${file}: missing column wkt (a WKT LINESTRING per route).`);
  const issues = new IssueList(file);
  const routes: FiberRoute[] = [];
  const seen = new Set<string>();
  for (const r of table.rows) {
    const rec: Record<string, unknown> = rowRecord(table.header, r.cells);
    const at = `rows[${r.row}]`;
    const before = issues.items.length;
    const wkt = own(rec, 'wkt');
    const geometry = lineFromWkt(typeof wkt === 'string' ? wkt : '');
    const lines = geometry
      ? geometry.type === 'LineString'
        ? [geometry.coordinates]
        : geometry.coordinates
      : [];
    const bad = lines
      .flat()
      .map(coordinateProblem)
      .find((x) => x !== null);
    if (!geometry || lines.some((l) => l.length < 2)) {
      issues.error(`${at}.wkt`, 'must be a WKT LINESTRING or MULTILINESTRING with at least 2 positions', {
        field: 'wkt',
        row: r.row,
      });
      continue;
    }
    if (bad) {
      issues.error(`${at}.wkt`, bad, { field: 'wkt', row: r.row });
      continue;
    }
    const route = routeFrom(rec, geometry, at, r.row, issues, seen, `row-${r.row}`, before);
    if (route) routes.push(route);
  }
  return { routes, issues: issues.items, total: table.rows.length };
}

export function fiberFromGeoJSON(input: unknown, file: string): FiberImport {
  const features = readFeatureCollection(input, file);
  const issues = new IssueList(file);
  const routes: FiberRoute[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    const path = `features[${f.index}]`;
    const g = f.geometry;
    const before = issues.items.length;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
      issues.error(
        `${path}.geometry`,
        `geometry must be LineString or MultiLineString, not ${g?.type ?? 'missing'}`,
        {
          field: 'geometry',
        },
      );
      continue;
    }
    const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as unknown[];
    if (!Array.isArray(lines) || lines.length === 0 || lines.some((l) => !Array.isArray(l) || l.length < 2)) {
      issues.error(`${path}.geometry`, 'a line needs at least 2 positions', { field: 'geometry' });
      continue;
    }
    for (const l of lines as unknown[][]) {
      const bad = l.map(coordinateProblem).find((m) => m !== null);
      if (bad) {
        issues.error(`${path}.geometry`, bad, { field: 'geometry' });
        break;
      }
    }
    const route = routeFrom(
      f.properties,
      g as unknown as LineString | MultiLineString,
      `${path}.properties`,
      undefined,
      issues,
      seen,
      `feature-${f.index}`,
      before,
    );
    if (route) routes.push(route);
  }
  return { routes, issues: issues.items, total: features.length };
}
