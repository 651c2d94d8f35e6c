import type { Position } from 'geojson';
import type { Village } from '../base/infrastructure.ts';
import type { Callbacks, Commune } from '../base/types.ts';
import { communeLocator } from '../geometry/commune_locator.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { DemandPoint, DemandSummary } from './plan_types.ts';

/** Default side of a population grid cell, metres (16 cells per km²). */
export const DEFAULT_CELL_SIZE_M = 250;

/**
 * Builds the demand points site planning counts people on, for the communes at `communeIndices`
 * (default: all).
 *
 * - A commune with villages (located by position, or by their commune id when they fall just outside
 *   every boundary) gets one point per village, weighted so its villages add up to the commune's census
 *   population, as `analyze` does with population points.
 * - A commune without villages gets the centres of a uniform grid of `cellSizeM`-metre cells (a lattice
 *   shared by all communes, so neighbours don't double up) lying inside it, each carrying an equal share
 *   of the census population: the census total spread evenly over the area. A commune too small to hold
 *   a cell centre gets one point at its centre.
 */
export function demandPoints(
  communes: readonly Commune[],
  villages: readonly Village[] | undefined,
  options: { cellSizeM?: number; communeIndices?: readonly number[] } = {},
  callbacks: Callbacks = {},
): { points: DemandPoint[]; summary: DemandSummary } {
  const cellSizeM = options.cellSizeM ?? DEFAULT_CELL_SIZE_M;
  const indices = options.communeIndices ?? communes.map((_, i) => i);
  const locator = communeLocator(communes);
  const idIndex = new Map(communes.map((c, i) => [c.id, i]));

  const byCommune = new Map<number, Village[]>();
  let villagesOutside = 0;
  for (const v of villages ?? []) {
    let ci = locator.locate(v.lon, v.lat);
    if (ci < 0 && v.communeId !== undefined) ci = idIndex.get(v.communeId) ?? -1;
    if (ci < 0) {
      villagesOutside++;
      continue;
    }
    const list = byCommune.get(ci) ?? [];
    list.push(v);
    byCommune.set(ci, list);
  }
  if (villagesOutside > 0)
    callbacks.onWarning?.(`${villagesOutside} village(s) fall outside every commune and were not used.`);

  const lattice = gridLattice(locator.bboxes, cellSizeM);
  const points: DemandPoint[] = [];
  let communesOnVillages = 0;
  let communesOnGrid = 0;
  indices.forEach((ci, n) => {
    callbacks.onProgress?.(n, indices.length, 'population points');
    const commune = communes[ci]!;
    const own = byCommune.get(ci);
    const villageTotal = own?.reduce((s, v) => s + v.population, 0) ?? 0;
    if (own && villageTotal > 0) {
      communesOnVillages++;
      const scale = commune.population / villageTotal;
      for (const v of own)
        points.push({
          lon: v.lon,
          lat: v.lat,
          population: v.population * scale,
          commune: ci,
          villageId: v.id,
          hasGridPower: v.hasGridPower,
        });
      return;
    }
    communesOnGrid++;
    const cells = cellCentres(locator.rings[ci]!, locator.bboxes[ci]!, lattice);
    if (cells.length === 0) {
      const b = locator.bboxes[ci]!;
      cells.push(commune.center ?? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]);
    }
    const share = commune.population / cells.length;
    for (const [lon, lat] of cells) points.push({ lon, lat, population: share, commune: ci });
  });
  return {
    points,
    summary: { communesOnVillages, communesOnGrid, cellSizeM, points: points.length, villagesOutside },
  };
}

/** Cell size in degrees for a lattice shared by all communes, at their mean latitude. */
function gridLattice(bboxes: readonly [number, number, number, number][], cellSizeM: number) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bboxes) {
    lo = Math.min(lo, b[1]);
    hi = Math.max(hi, b[3]);
  }
  const lat = Number.isFinite(lo) ? (lo + hi) / 2 : 0;
  return { dLon: cellSizeM / metresPerDegreeLon(lat), dLat: cellSizeM / metresPerDegreeLat(lat) };
}

/** Lattice cell centres inside the rings (even–odd), found row by row from the edge crossings. */
function cellCentres(
  rings: Position[][],
  bbox: [number, number, number, number],
  { dLon, dLat }: { dLon: number; dLat: number },
): [number, number][] {
  const out: [number, number][] = [];
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const j0 = Math.ceil(minLat / dLat - 0.5);
  const j1 = Math.floor(maxLat / dLat - 0.5);
  const xs: number[] = [];
  for (let j = j0; j <= j1; j++) {
    const y = (j + 0.5) * dLat;
    xs.length = 0;
    for (const ring of rings) {
      for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
        const xi = ring[i]![0]!;
        const yi = ring[i]![1]!;
        const xk = ring[k]![0]!;
        const yk = ring[k]![1]!;
        if (yi > y !== yk > y) xs.push(((xk - xi) * (y - yi)) / (yk - yi) + xi);
      }
    }
    xs.sort((a, b) => a - b);
    for (let p = 0; p + 1 < xs.length; p += 2) {
      const i0 = Math.max(Math.ceil(xs[p]! / dLon - 0.5), Math.ceil(minLon / dLon - 0.5));
      const i1 = Math.min(Math.ceil(xs[p + 1]! / dLon - 0.5) - 1, Math.floor(maxLon / dLon - 0.5));
      for (let i = i0; i <= i1; i++) out.push([(i + 0.5) * dLon, y]);
    }
  }
  return out;
}
