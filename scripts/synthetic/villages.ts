/**
 * SYNTHETIC village points (thôn, làng, bon, buôn; "Tổ dân phố N" in wards) inside each commune.
 * Villages cluster near the commune centre and the real roads; their integer populations add up
 * exactly to the commune's census population.
 */
import { distanceMetres, type LonLat, sampleNear, sampleUniform } from '../lib/geo_sampling.ts';
import type { Rng } from '../lib/prng.ts';
import { villageNames } from '../lib/vn_names.ts';
import type { GenUnit } from './units.ts';

export interface Village {
  id: string;
  name: string;
  communeId: string;
  unitIndex: number;
  position: LonLat;
  /** People (integer). */
  population: number;
  households: number;
  hasGridPower: boolean;
}

/** Fewest and most villages per commune. */
const MIN_VILLAGES = 5;
const MAX_VILLAGES = 20;
/** Share of villages with grid power: remote communes, other sparse rural communes, the rest. */
const GRID_POWER_REMOTE = 0.45;
const GRID_POWER_SPARSE = 0.9;
const GRID_POWER_NORMAL = 0.996;
/** Rural communes below this density quantile count as sparse. */
const SPARSE_QUANTILE = 0.2;

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Number of villages of a unit, from its kind, population and area (km²). */
function villageCount(rng: Rng, u: GenUnit): number {
  const noise = rng.normal();
  const raw =
    u.kind === 'ward'
      ? u.population / 1000 + noise
      : u.kind === 'township'
        ? u.population / 900 + noise
        : 3 + u.population / 1100 + Math.sqrt(u.shape.areaKm2) / 4 + noise;
  return clamp(Math.round(raw), MIN_VILLAGES, MAX_VILLAGES);
}

/**
 * A candidate village position: near the centre, near a road, or anywhere in the unit.
 * Urban units cluster around the centre; rural ones split between centre, roads and the rest.
 */
function candidatePosition(rng: Rng, u: GenUnit): LonLat | null {
  const r = rng.next();
  const radius = u.shape.equivalentRadiusM;
  if (u.kind !== 'rural') {
    return r < 0.65
      ? sampleNear(rng, u.center, radius * 0.4, u.accept)
      : sampleUniform(rng, u.shape, u.accept);
  }
  if (r < 0.35) return sampleNear(rng, u.center, radius * 0.3, u.accept);
  if (r < 0.7 && u.roadPoints.length > 0) return sampleNear(rng, rng.pick(u.roadPoints), 700, u.accept);
  return sampleUniform(rng, u.shape, u.accept);
}

/** Positions for `count` villages, kept apart by a spacing that scales with the area per village. */
function placeVillages(rng: Rng, u: GenUnit, count: number): LonLat[] {
  const spacing = 0.35 * Math.sqrt((u.shape.areaKm2 * 1e6) / count);
  const placed: LonLat[] = [];
  while (placed.length < count) {
    let chosen: LonLat | null = null;
    for (let attempt = 0; attempt < 30; attempt++) {
      const p = candidatePosition(rng, u);
      if (!p) continue;
      chosen = p;
      if (placed.every((q) => distanceMetres(p, q) >= spacing)) break;
    }
    placed.push(chosen ?? u.center);
  }
  return placed;
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder; ties by index), so
 * that the parts add up to `total` exactly.
 */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest--;
  }
  return parts;
}

/** Village weights: log-normal noise, heavier near the centre. */
function villageWeights(rng: Rng, u: GenUnit, positions: LonLat[]): number[] {
  const radius = u.shape.equivalentRadiusM;
  return positions.map(
    (p) => Math.exp(0.5 * rng.normal()) * (0.6 + Math.exp(-distanceMetres(p, u.center) / radius)),
  );
}

/** Population density (people/km²) below which a rural commune counts as sparse. */
function sparseDensity(units: readonly GenUnit[]): number {
  const densities = units
    .filter((u) => u.kind === 'rural')
    .map((u) => u.density)
    .sort((a, b) => a - b);
  return densities[Math.floor(densities.length * SPARSE_QUANTILE)] ?? 0;
}

/** Whether a village has grid power; remote and sparse communes, and outlying villages, lack it more often. */
function gridPower(rng: Rng, u: GenUnit, p: LonLat, sparse: number): boolean {
  const outlying = distanceMetres(p, u.center) > u.shape.equivalentRadiusM;
  const base = u.remote
    ? GRID_POWER_REMOTE
    : u.kind === 'rural' && u.density < sparse
      ? GRID_POWER_SPARSE
      : GRID_POWER_NORMAL;
  return rng.chance(outlying ? base - 0.02 : base);
}

/** Generates the villages of every unit, in unit order. */
export function generateVillages(rng: Rng, units: readonly GenUnit[]): Village[] {
  const villages: Village[] = [];
  const sparse = sparseDensity(units);
  for (const u of units) {
    const count = villageCount(rng, u);
    const positions = placeVillages(rng, u, count);
    const names = villageNames(rng, count, u.kind, u.region);
    const populations = splitInteger(u.population, villageWeights(rng, u, positions));
    positions.forEach((position, i) => {
      const population = populations[i] ?? 0;
      villages.push({
        id: `TH-${u.id}-${String(i + 1).padStart(2, '0')}`,
        name: names[i] ?? `Thôn ${i + 1}`,
        communeId: u.id,
        unitIndex: u.index,
        position,
        population,
        households: population > 0 ? Math.max(1, Math.round(population / rng.uniform(3.6, 4.4))) : 0,
        hasGridPower: gridPower(rng, u, position, sparse),
      });
    });
  }
  return villages;
}
