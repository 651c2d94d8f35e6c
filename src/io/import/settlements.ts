import type { MultiPolygon, Polygon, Position } from 'geojson';
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { cutText } from '../../core/base/show_value.ts';
import { idValue, own } from '../formats/fields.ts';
import { IssueList, readFeatureCollection } from '../formats/geojson_input.ts';
import { geometryProblem } from './boundaries.ts';
import { lonRange, MIN_RING_AREA_M2, ringAreaM2 } from './ring_checks.ts';

/** A settlement polygon (khu dân cư: a village's or town's built-up area), part of the populated area. */
export interface Settlement {
  /** The feature's `id`, else "feature N" (1-based). */
  id: string;
  name?: string;
  geometry: Polygon | MultiPolygon;
}

export interface SettlementImport {
  settlements: Settlement[];
  issues: InputIssue[];
  total: number;
}

/**
 * Reads settlement polygons from GeoJSON-shaped features (GeoJSON, KML/KMZ, zipped shapefile through
 * the importer): Polygon or MultiPolygon features, with an optional `id` and `name`. Every problem is
 * reported with its feature and field (`features[3].geometry`); valid features are kept. A file
 * without one valid settlement is refused.
 */
export function settlementsFromGeoJSON(input: unknown, file: string): SettlementImport {
  const features = readFeatureCollection(input, file);
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const settlements: Settlement[] = [];
  for (const f of features) {
    const path = `features[${f.index}]`;
    const before = issues.items.length;
    const idRead = idValue(own(f.properties, 'id'), 'id');
    const id = 'id' in idRead && idRead.id !== '' ? idRead.id : `feature ${f.index + 1}`;
    if ('problem' in idRead) issues.error(`${path}.properties.id`, idRead.problem, { field: 'id' });
    else if (seen.has(id))
      issues.error(`${path}.properties.id`, `duplicate id "${cutText(id)}"`, { field: 'id' });
    const problem = geometryProblem(f.geometry) ?? shapeProblem(f.geometry);
    if (problem) issues.error(`${path}.geometry`, problem, { field: 'geometry' });
    if (issues.items.length > before) continue;
    seen.add(id);
    const settlement: Settlement = { id, geometry: f.geometry as unknown as Polygon | MultiPolygon };
    const name = own(f.properties, 'name') ?? own(f.properties, 'ten');
    if (typeof name === 'string' && name.trim() !== '') settlement.name = name.normalize('NFC').trim();
    settlements.push(settlement);
  }
  if (settlements.length === 0)
    throw new UserError(
      `${file}: no valid settlement polygons (${features.length} feature(s), ${issues.items.length} problem(s)).`,
      issues.items,
    );
  return { settlements, issues: issues.items, total: features.length };
}

/** Why a well-formed polygon still can't be a settlement: across the antimeridian, or an outer ring without area. */
function shapeProblem(g: { type: string; coordinates: unknown } | null): string | null {
  if (!g) return null;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  const [lo, hi] = lonRange(polys);
  if (hi - lo > 180)
    return 'the polygon spans more than 180° of longitude (it crosses the antimeridian); fix it in a GIS';
  for (const [k, poly] of polys.entries()) {
    if (ringAreaM2(poly[0]!) < MIN_RING_AREA_M2)
      return `${polys.length > 1 ? `polygon ${k + 1}: ` : ''}the outer ring has no area (under 1 m²)`;
  }
  return null;
}
