import type { Commune } from '../base/types.ts';
import type { Candidate, DemandPoint } from './plan_types.ts';
import { thinPoints } from './thin_points.ts';

/**
 * Generates candidate site locations for the communes at `communeIndices`:
 * - `centre:<commune id>` at each commune centre (where the boundary file gives none, at the commune's
 *   demand point nearest to the centroid of its people);
 * - `village:<village id>` at each village the existing sites leave uncovered;
 * - `grid:<row>_<col>` over the gap areas: the uncovered demand points thinned to one per
 *   `spacingM` × `spacingM` cell, at the point nearest to the centroid of the cell's uncovered people.
 */
export function generateCandidates(
  communes: readonly Commune[],
  communeIndices: readonly number[],
  points: readonly DemandPoint[],
  covered: Uint8Array,
  spacingM: number,
): Candidate[] {
  const out: Candidate[] = [];
  const byCommune = new Map<number, number[]>();
  points.forEach((p, i) => {
    const list = byCommune.get(p.commune) ?? [];
    list.push(i);
    byCommune.set(p.commune, list);
  });
  for (const ci of communeIndices) {
    const commune = communes[ci]!;
    const centre = commune.center ?? peopleCentre(points, byCommune.get(ci) ?? []);
    if (centre)
      out.push({ id: `centre:${commune.id}`, lon: centre[0], lat: centre[1], source: 'commune_centre' });
  }
  const gaps: DemandPoint[] = [];
  points.forEach((p, i) => {
    if (covered[i]) return;
    gaps.push(p);
    if (p.villageId !== undefined)
      out.push({ id: `village:${p.villageId}`, lon: p.lon, lat: p.lat, source: 'uncovered_village' });
  });
  for (const t of thinPoints(
    gaps,
    gaps.map((p) => p.population),
    spacingM,
  )) {
    const p = gaps[t.index]!;
    out.push({ id: `grid:${t.cell}`, lon: p.lon, lat: p.lat, source: 'gap_grid' });
  }
  return out;
}

/** The demand point nearest to the population-weighted centroid of the given points. */
function peopleCentre(points: readonly DemandPoint[], members: number[]): [number, number] | null {
  if (members.length === 0) return null;
  let w = 0;
  let x = 0;
  let y = 0;
  for (const i of members) {
    const p = points[i]!;
    const pw = Math.max(p.population, 1e-12);
    w += pw;
    x += pw * p.lon;
    y += pw * p.lat;
  }
  const [cx, cy] = [x / w, y / w];
  let best = points[members[0]!]!;
  let bestD = Infinity;
  for (const i of members) {
    const p = points[i]!;
    const d = (p.lon - cx) ** 2 + (p.lat - cy) ** 2;
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return [best.lon, best.lat];
}
