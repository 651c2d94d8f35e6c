import type { LineString, MultiLineString } from 'geojson';
import type { InputIssue } from '../core/errors.ts';
import type { FiberRoute } from '../core/infrastructure.ts';
import { coordinateProblem, IssueList, readFeatureCollection } from './geojson_input.ts';

export interface FiberImport {
  routes: FiberRoute[];
  issues: InputIssue[];
  total: number;
}

/** Reads fiber routes from GeoJSON LineString/MultiLineString features (operator, medium, placement, year). */
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
    const p = f.properties;
    const id =
      p.id === undefined || p.id === null || String(p.id).trim() === '' ? `feature-${f.index}` : String(p.id);
    if (seen.has(id)) issues.error(`${path}.properties.id`, `duplicate id "${id}"`, { field: 'id' });
    const medium = String(p.medium ?? 'fiber').toLowerCase();
    if (medium !== 'fiber' && medium !== 'copper') {
      issues.error(`${path}.properties.medium`, `medium must be fiber or copper (got "${medium}")`, {
        field: 'medium',
      });
    }
    const year = p.year === undefined || p.year === null || p.year === '' ? null : Number(p.year);
    if (year !== null && !(Number.isInteger(year) && year > 1900 && year < 2100)) {
      issues.error(`${path}.properties.year`, `year must be a 4-digit year (got ${JSON.stringify(p.year)})`, {
        field: 'year',
      });
    }
    if (issues.items.length > before) continue;
    seen.add(id);
    routes.push({
      id,
      operator: String(p.operator ?? '').trim(),
      medium: medium as 'fiber' | 'copper',
      placement: p.placement ? String(p.placement) : null,
      year,
      geometry: g as unknown as LineString | MultiLineString,
    });
  }
  return { routes, issues: issues.items, total: features.length };
}
