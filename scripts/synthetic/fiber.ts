/**
 * SYNTHETIC fiber routes: trunks that copy the real national and provincial roads (Viettel on every
 * road, VNPT on the national highways), and spurs to about 90% of commune centres. Spurs grow as a
 * tree (Prim's algorithm): each commune centre joins whichever is nearer, the nearest road point or
 * an already connected commune centre, so the Bình Định part (no roads in the data) still links up.
 */
import type { Position } from 'geojson';
import {
  distanceMetres,
  eastNorthMetres,
  type LonLat,
  lineLengthMetres,
  offsetMetres,
  roundLonLat,
} from '../lib/geo_sampling.ts';
import type { Rng } from '../lib/prng.ts';
import type { GenUnit } from './units.ts';

export interface FiberRoute {
  id: string;
  operator: 'Viettel' | 'VNPT';
  medium: 'fiber' | 'copper';
  placement: 'aerial' | 'underground';
  /** Year built. */
  year: number;
  route: 'trunk' | 'spur';
  /** Road name (trunks) or commune id (spurs). */
  along: string;
  coordinates: LonLat[];
}

/** Road parts shorter than this (m) are not copied as trunks. */
const MIN_TRUNK_M = 100;
/** Probability that a commune gets no spur: remote communes and the rest. */
const NO_SPUR_REMOTE = 0.6;
const NO_SPUR_NORMAL = 0.07;

/** Trunk routes along the real roads. */
function trunks(rng: Rng, roads: { lines: Position[][]; names: string[] }): Omit<FiberRoute, 'id'>[] {
  const out: Omit<FiberRoute, 'id'>[] = [];
  roads.lines.forEach((line, i) => {
    if (lineLengthMetres(line) < MIN_TRUNK_M) return;
    const name = roads.names[i] ?? '';
    const coordinates = line.map((p) => roundLonLat([p[0] ?? 0, p[1] ?? 0]));
    const operators: FiberRoute['operator'][] = name.startsWith('Quốc lộ')
      ? ['Viettel', 'VNPT']
      : ['Viettel'];
    for (const operator of operators) {
      out.push({
        operator,
        medium: 'fiber',
        placement: 'aerial',
        year: rng.int(2010, 2015),
        route: 'trunk',
        along: name,
        coordinates,
      });
    }
  });
  return out;
}

/** A spur from `from` to `to`, bent once sideways when it is longer than 2 km. */
function spurLine(rng: Rng, from: LonLat, to: LonLat): LonLat[] {
  const length = distanceMetres(from, to);
  const start = roundLonLat(from);
  const end = roundLonLat(to);
  if (start[0] === end[0] && start[1] === end[1]) return [roundLonLat(offsetMetres(to, 5, 5)), end];
  if (length <= 2000) return [start, end];
  const mid: LonLat = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
  const bend = Math.max(-0.15, Math.min(0.15, rng.normal() * 0.08)) * length;
  const [dx, dy] = eastNorthMetres(from, to);
  return [start, roundLonLat(offsetMetres(mid, (-dy / length) * bend, (dx / length) * bend)), end];
}

/** Cheapest known link of a commune centre into the network. */
interface Link {
  distM: number;
  anchor: LonLat;
}

/** Spurs to the commune centres, grown as a tree from the roads. */
function spurs(rng: Rng, units: readonly GenUnit[]): Omit<FiberRoute, 'id'>[] {
  const skipped = new Set(
    units.filter((u) => rng.chance(u.remote ? NO_SPUR_REMOTE : NO_SPUR_NORMAL)).map((u) => u.index),
  );
  const best = new Map<number, Link>();
  for (const u of units) {
    if (!skipped.has(u.index)) best.set(u.index, { distM: u.roadDistM, anchor: u.nearestRoadPoint });
  }
  const out: Omit<FiberRoute, 'id'>[] = [];
  while (best.size > 0) {
    let nextIndex = -1;
    let nextLink: Link | undefined;
    for (const [index, link] of best) {
      if (!nextLink || link.distM < nextLink.distM || (link.distM === nextLink.distM && index < nextIndex)) {
        nextIndex = index;
        nextLink = link;
      }
    }
    const u = units[nextIndex];
    if (!u || !nextLink) break;
    best.delete(nextIndex);
    out.push(spurRoute(rng, u, nextLink));
    for (const [index, link] of best) {
      const v = units[index];
      if (!v) continue;
      const d = distanceMetres(u.center, v.center);
      if (d < link.distM) best.set(index, { distM: d, anchor: u.center });
    }
  }
  return out.sort((a, b) => (a.along < b.along ? -1 : a.along > b.along ? 1 : 0));
}

/** Attributes of one spur: copper on a few short rural spurs, underground in some towns. */
function spurRoute(rng: Rng, u: GenUnit, link: Link): Omit<FiberRoute, 'id'> {
  const copper = u.kind === 'rural' && link.distM < 5000 && rng.chance(0.12);
  const underground = rng.chance(u.kind === 'ward' ? 0.5 : u.kind === 'township' ? 0.25 : 0);
  return {
    operator: rng.chance(0.55) ? 'Viettel' : 'VNPT',
    medium: copper ? 'copper' : 'fiber',
    placement: underground ? 'underground' : 'aerial',
    year: copper ? rng.int(2010, 2014) : u.remote ? rng.int(2018, 2025) : rng.int(2012, 2025),
    route: 'spur',
    along: u.id,
    coordinates: spurLine(rng, link.anchor, u.center),
  };
}

/**
 * Spurs only (no trunks: the real roads are all in the base part), for a part generated after the
 * rest; ids continue from `firstId`.
 */
export function generateSpurs(rng: Rng, units: readonly GenUnit[], firstId: number): FiberRoute[] {
  return spurs(rng, units).map((r, i) => ({ id: `FO-${String(firstId + i).padStart(6, '0')}`, ...r }));
}

/** Generates all fiber routes: trunks first, then spurs ordered by commune id; ids FO-000001… */
export function generateFiber(
  rng: Rng,
  units: readonly GenUnit[],
  roads: { lines: Position[][]; names: string[] },
): FiberRoute[] {
  return [...trunks(rng, roads), ...spurs(rng, units)].map((r, i) => ({
    id: `FO-${String(i + 1).padStart(6, '0')}`,
    ...r,
  }));
}
