import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { PopulatedAreaMethod, PopulationPoint } from '../base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { ringsBBox } from '../geometry/point_in_polygon.ts';
import type { Footprint } from './footprints.ts';

/**
 * The mask bit of the populated area in a scan (`scanCommune`'s `populated` footprints): the pairs use
 * bits 0–30 (MAX_PAIRS = 31), so bit 31 is free. A mask with it set is a piece of the commune inside
 * the populated area.
 */
export const POPULATED_PAIR = 31;
export const POPULATED_BIT = 1 << POPULATED_PAIR;

/** The layers the populated area can be drawn from; any may be absent. */
export interface PopulatedLayers {
  /** Settlement polygons (`--settlements`). */
  settlements?: readonly (Polygon | MultiPolygon)[];
  /** Population points: those with a `cell` are raster cells, the others village points. */
  populationPoints?: readonly PopulationPoint[];
  /** Village points (`--villages`). */
  villages?: readonly { lon: number; lat: number }[];
}

/** One commune's populated area: how it was drawn and its pieces as scan footprints. */
export interface PopulatedZone {
  method: PopulatedAreaMethod;
  footprints: Footprint[];
}

const base = { siteIndex: -1, technology: '4G' as const, operator: '', pair: POPULATED_PAIR };

/**
 * The populated area (khu vực có dân cư) near each commune, as footprints on the populated mask bit,
 * for `scanCommune` to intersect with the coverage along its rows. Per commune, the layers with a piece
 * whose bounding box meets the commune's, in order of precedence: settlement polygons, the population
 * raster's cells with people (each cell a lon/lat rectangle), a disc of `villageRadiusM` metres around
 * each village point (the `villages` layer and population points without a cell). The first one that
 * has area inside the commune is its populated area (`analyze` tries them in turn); a commune none
 * reaches gets an empty list. The scan clips every piece to the commune, so a disc or polygon across a
 * boundary counts on each side for its own part.
 */
export function populatedZones(
  bboxes: readonly (readonly [number, number, number, number])[],
  layers: PopulatedLayers,
  villageRadiusM: number,
): PopulatedZone[][] {
  const indexed = preparedLayers(layers, villageRadiusM);
  return bboxes.map((b) =>
    indexed.flatMap(({ method, list, index }) => {
      const hits = index.search(b[0], b[1], b[2], b[3]);
      return hits.length ? [{ method, footprints: hits.map((k) => list[k]!) }] : [];
    }),
  );
}

type Prepared = { method: PopulatedAreaMethod; list: Footprint[]; index: Flatbush }[];

/**
 * The layers' pieces as footprints with an index each, kept per layers object and disc radius: a
 * what-if update passes the same layers to every sub-analysis (incremental_cache.ts), and building
 * the discs of every village and their index again each time would cost more than the scan.
 */
const prepared = new WeakMap<PopulatedLayers, Map<number, Prepared>>();

function preparedLayers(layers: PopulatedLayers, villageRadiusM: number): Prepared {
  let byRadius = prepared.get(layers);
  const held = byRadius?.get(villageRadiusM);
  if (held) return held;
  const settlements: Footprint[] = [];
  for (const g of layers.settlements ?? []) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const rings of polys) {
      if (!rings.length) continue;
      const convex = rings.length === 1 && isConvex(rings[0]!);
      settlements.push({
        ...base,
        kind: 'polygon',
        rings,
        convex,
        ...(convex ? { stripExact: true } : {}),
        bbox: ringsBBox(rings),
      });
    }
  }
  const cells: Footprint[] = [];
  const discs: Footprint[] = [];
  for (const p of layers.populationPoints ?? []) {
    if (p.cell) {
      if (p.population > 0) cells.push(cellFootprint(p.lon, p.lat, p.cell));
    } else discs.push(disc(p.lon, p.lat, villageRadiusM));
  }
  for (const v of layers.villages ?? []) discs.push(disc(v.lon, v.lat, villageRadiusM));
  const ordered: [PopulatedAreaMethod, Footprint[]][] = [
    ['settlements', settlements],
    ['raster', cells],
    ['villages', discs],
  ];
  const out: Prepared = ordered
    .filter(([, list]) => list.length > 0)
    .map(([method, list]) => ({ method, list, index: indexOf(list) }));
  if (!byRadius) {
    byRadius = new Map();
    prepared.set(layers, byRadius);
  }
  byRadius.set(villageRadiusM, out);
  return out;
}

function indexOf(list: readonly Footprint[]): Flatbush {
  const index = new Flatbush(list.length);
  for (const f of list) index.add(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]);
  index.finish();
  return index;
}

/** A raster cell: the rectangle of [width, height] degrees centred on the cell's centre. */
function cellFootprint(lon: number, lat: number, [w, h]: [number, number]): Footprint {
  const [x0, x1, y0, y1] = [lon - w / 2, lon + w / 2, lat - h / 2, lat + h / 2];
  const ring: Position[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return { ...base, kind: 'polygon', rings: [ring], convex: true, stripExact: true, bbox: [x0, y0, x1, y1] };
}

/** Whether a ring (closed or not) turns one way only: a convex polygon, crossed by each row once. */
function isConvex(ring: readonly Position[]): boolean {
  const n = ring.length - (ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? 1 : 0);
  if (n < 3) return false;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i]! as [number, number];
    const [bx, by] = ring[(i + 1) % n]! as [number, number];
    const [cx, cy] = ring[(i + 2) % n]! as [number, number];
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (cross === 0) continue;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return sign !== 0;
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function disc(lon: number, lat: number, radius_m: number): Footprint {
  const dLat = radius_m / metresPerDegreeLat(lat);
  const dLon = radius_m / metresPerDegreeLon(Math.min(89, Math.abs(lat) + dLat));
  return {
    ...base,
    kind: 'circle',
    lon,
    lat,
    radius_m,
    bbox: [lon - dLon, lat - dLat, lon + dLon, lat + dLat],
  };
}
