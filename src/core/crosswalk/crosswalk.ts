import { intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Commune } from '../base/types.ts';
import { geodesicArea } from '../geometry/geodesic_area.ts';

/** One piece of an old unit lying in a new unit. */
export interface CrosswalkRow {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  /** Geodesic area of (old ∩ new), km². */
  areaKm2: number;
  /** Share (0–1) of the old unit's area that lies in the new unit. Sums to 1 per old unit, less its unmatched part. */
  areaShare: number;
  /**
   * Share (0–1) of the new unit's carried census population that comes from the old unit: the old
   * unit's census population spread evenly over its area (pop × areaShare), over the same for every
   * old unit in the new one. Sums to 1 per new unit that holds any carried population.
   */
  populationShare: number;
  /** A piece under `sliverShare` of the old unit's area: a digitising mismatch between the two sources, not a real transfer. */
  sliver: boolean;
}

/** Per old unit: how much of it the new set covers. */
export interface CrosswalkOldUnit {
  id: string;
  name: string;
  areaKm2: number;
  /** Σ areaShare over the new units (1 when the new set covers it exactly). */
  matchedShare: number;
  /** The new unit holding the largest part of it, or null when none meets it. */
  mainSuccessor: string | null;
}

export interface Crosswalk {
  rows: CrosswalkRow[];
  oldUnits: CrosswalkOldUnit[];
  /** The threshold below which a piece is a sliver (share of the old unit's area). */
  sliverShare: number;
}

export interface CrosswalkOptions {
  /** Pieces under this share of the old unit's area are flagged as slivers (default 0.02 = 2 %). */
  sliverShare?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Default sliver threshold: 2 % of the old unit's area. */
export const DEFAULT_SLIVER_SHARE = 0.02;

type Box = [number, number, number, number];

function bbox(g: Polygon | MultiPolygon): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const p of poly[0] ?? []) {
      const x = p[0] ?? 0;
      const y = p[1] ?? 0;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  return box;
}

const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

const feature = (g: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> => ({
  type: 'Feature',
  properties: {},
  geometry: g,
});

/**
 * The crosswalk between two boundary sets, derived from the geometry: for every old unit and every new
 * unit it meets, the geodesic area of their intersection (km²), the share of the old unit's area in the
 * new one, and the share of the new unit's carried census population (people spread evenly over each
 * old unit) that comes from the old one. Pieces under `sliverShare` of the old unit are flagged as
 * slivers. Rows are in old-set order, then new-set order.
 */
export function buildCrosswalk(
  from: readonly Commune[],
  to: readonly Commune[],
  options: CrosswalkOptions = {},
): Crosswalk {
  const sliverShare = options.sliverShare ?? DEFAULT_SLIVER_SHARE;
  const toBoxes = to.map((c) => bbox(c.geometry));
  const rows: CrosswalkRow[] = [];
  const oldUnits: CrosswalkOldUnit[] = [];
  from.forEach((old, i) => {
    const area = geodesicArea(old.geometry);
    const box = bbox(old.geometry);
    let matched = 0;
    let best: { id: string; km2: number } | null = null;
    to.forEach((unit, j) => {
      if (!overlaps(box, toBoxes[j]!)) return;
      const piece = intersect({
        type: 'FeatureCollection',
        features: [feature(old.geometry), feature(unit.geometry)],
      });
      if (!piece) return;
      const km2 = geodesicArea(piece.geometry);
      if (!(km2 > 0)) return;
      const share = area > 0 ? km2 / area : 0;
      matched += share;
      if (!best || km2 > best.km2) best = { id: unit.id, km2 };
      rows.push({
        fromId: old.id,
        fromName: old.name,
        toId: unit.id,
        toName: unit.name,
        areaKm2: km2,
        areaShare: share,
        populationShare: 0,
        sliver: share < sliverShare,
      });
    });
    oldUnits.push({
      id: old.id,
      name: old.name,
      areaKm2: area,
      matchedShare: matched,
      mainSuccessor: (best as { id: string } | null)?.id ?? null,
    });
    options.onProgress?.(i + 1, from.length);
  });
  fillPopulationShares(rows, from);
  return { rows, oldUnits, sliverShare };
}

/** populationShare = pop_old × areaShare / Σ over the new unit's pieces of the same. */
function fillPopulationShares(rows: CrosswalkRow[], from: readonly Commune[]): void {
  const pop = new Map(from.map((c) => [c.id, c.population]));
  const carried = new Map<string, number>();
  for (const r of rows)
    carried.set(r.toId, (carried.get(r.toId) ?? 0) + (pop.get(r.fromId) ?? 0) * r.areaShare);
  for (const r of rows) {
    const total = carried.get(r.toId) ?? 0;
    r.populationShare = total > 0 ? ((pop.get(r.fromId) ?? 0) * r.areaShare) / total : 0;
  }
}
