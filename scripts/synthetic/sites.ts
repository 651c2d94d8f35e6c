/**
 * SYNTHETIC mobile sites. The number per commune follows population^0.8 with a floor; sites sit
 * near the commune centre, the real roads and the (synthetic) villages. 4G everywhere, 2G on about
 * 60%, 5G on about 12% (mostly urban wards, townships and the densest rural communes), no 3G.
 * A handful of remote mountain communes get 0–1 site so that real gaps exist.
 */
import { bearingDegrees, distanceMetres, type LonLat, sampleNear } from '../lib/geo_sampling.ts';
import type { Rng } from '../lib/prng.ts';
import type { GenUnit } from './units.ts';
import type { Village } from './villages.ts';

export type Technology = '2G' | '3G' | '4G' | '5G';

export interface Site {
  id: string;
  operator: string;
  position: LonLat;
  unitIndex: number;
  technologies: Technology[];
  /** Bands, ";"-separated, e.g. "G900;L1800;N3500". */
  band: string;
  /** Antenna height in metres. */
  height_m: number;
  /** Sector azimuth, degrees clockwise from north (sectorised sites only). */
  azimuth_deg?: number;
  /** Sector beamwidth in degrees (sectorised sites only). */
  beamwidth_deg?: number;
  /** Own footprint radius in metres (small cells only). */
  radius_m?: number;
}

interface Operator {
  name: string;
  prefix: string;
  share: number;
}

export const OPERATORS: readonly Operator[] = [
  { name: 'Viettel', prefix: 'VT', share: 0.45 },
  { name: 'VNPT', prefix: 'VN', share: 0.3 },
  { name: 'MobiFone', prefix: 'MF', share: 0.25 },
];

/**
 * Target site counts: the two old provinces, the former Bình Định part, and the rest of Lâm Đồng
 * (3.13 M people against Bình Định's 1.81 M: about 1000·(3.13/1.81)^0.8 ≈ 1,550).
 */
const TARGET_OLD_PROVINCES = 2500;
const TARGET_BINH_DINH = 1000;
const TARGET_LAM_DONG = 1500;
/** Fewest sites in a commune that is not remote. */
const SITE_FLOOR = 2;
/** Site count grows with population to this power. */
const POPULATION_EXPONENT = 0.8;
/** Shares of all sites. */
const SHARE_5G = 0.12;
const SHARE_2G = 0.6;
const SHARE_SMALL_CELL = 0.03;
const SHARE_SECTOR = 0.3;
const BEAMWIDTHS = [65, 90, 120] as const;
const BEAMWIDTH_WEIGHTS = [0.5, 0.3, 0.2] as const;

/** Site counts per unit: k·population^0.8 (k fitted per part to its target), with a floor; remote units 0–1. */
function siteCounts(rng: Rng, units: readonly GenUnit[]): number[] {
  const counts = units.map(() => 0);
  const parts: [GenUnit[], number][] = [
    [units.filter((u) => u.boundarySet === 'pre2025' && !u.remote), TARGET_OLD_PROVINCES],
    [units.filter((u) => u.group === 'Bình Định (2025 units)'), TARGET_BINH_DINH],
    [units.filter((u) => u.group === 'Lâm Đồng (2025 units)'), TARGET_LAM_DONG],
  ];
  for (const [members, target] of parts) {
    const raw = members.map((u) => u.population ** POPULATION_EXPONENT);
    let k = target / raw.reduce((s, r) => s + r, 0);
    for (let i = 0; i < 20; i++) {
      const expected = raw.reduce((s, r) => s + Math.max(SITE_FLOOR, k * r), 0);
      k *= target / expected;
    }
    members.forEach((u, i) => {
      counts[u.index] = Math.max(SITE_FLOOR, rng.stochasticRound(k * (raw[i] ?? 0)));
    });
  }
  const remote = units.filter((u) => u.remote);
  remote.forEach((u, i) => {
    counts[u.index] = i < Math.floor(remote.length / 2) ? 0 : 1;
  });
  return counts;
}

/** Chooses an operator by market share. */
function pickOperator(rng: Rng): Operator {
  return OPERATORS[rng.weightedIndex(OPERATORS.map((o) => o.share))] ?? OPERATORS[0]!;
}

/** A village of the unit, chosen with probability proportional to its population. */
function pickVillage(rng: Rng, villages: readonly Village[]): Village | undefined {
  return villages[rng.weightedIndex(villages.map((v) => v.population))];
}

/** A candidate site position: the first at the centre; then near villages, roads or the centre. */
function candidatePosition(
  rng: Rng,
  u: GenUnit,
  villages: readonly Village[],
  first: boolean,
): LonLat | null {
  if (first) return sampleNear(rng, u.center, 150, u.accept);
  const radius = u.shape.equivalentRadiusM;
  const r = rng.next();
  if (u.kind !== 'rural') {
    const v = pickVillage(rng, villages);
    if (r < 0.5 || !v) return sampleNear(rng, u.center, radius * 0.5, u.accept);
    return sampleNear(rng, v.position, 200, u.accept);
  }
  if (r < 0.3 && u.roadPoints.length > 0) return sampleNear(rng, rng.pick(u.roadPoints), 200, u.accept);
  const v = pickVillage(rng, villages);
  if (r < 0.8 && v) return sampleNear(rng, v.position, 400, u.accept);
  return sampleNear(rng, u.center, radius * 0.3, u.accept);
}

/** Places one site, keeping it apart from the same operator's sites in the unit when it can. */
function placeSite(
  rng: Rng,
  u: GenUnit,
  villages: readonly Village[],
  sameOperator: readonly LonLat[],
  first: boolean,
): LonLat {
  const spacing = u.kind === 'rural' ? 1500 : 350;
  let chosen: LonLat | null = null;
  for (let attempt = 0; attempt < 15; attempt++) {
    const p = candidatePosition(rng, u, villages, first);
    if (!p) continue;
    chosen = p;
    if (sameOperator.every((q) => distanceMetres(p, q) >= spacing)) break;
  }
  return chosen ?? u.center;
}

/** Places the sites of every unit (positions and operators only). */
function placeSites(
  rng: Rng,
  units: readonly GenUnit[],
  villagesByUnit: readonly Village[][],
): Omit<Site, 'id' | 'technologies' | 'band' | 'height_m'>[] {
  const counts = siteCounts(rng, units);
  const placed: Omit<Site, 'id' | 'technologies' | 'band' | 'height_m'>[] = [];
  for (const u of units) {
    const villages = villagesByUnit[u.index] ?? [];
    const byOperator = new Map<string, LonLat[]>();
    for (let j = 0; j < (counts[u.index] ?? 0); j++) {
      const operator = pickOperator(rng);
      const own = byOperator.get(operator.name) ?? [];
      const position = placeSite(rng, u, villages, own, j === 0);
      own.push(position);
      byOperator.set(operator.name, own);
      placed.push({ operator: operator.name, position, unitIndex: u.index });
    }
  }
  return placed;
}

/** Density above which a rural commune counts as "dense" (top decile of rural communes), people/km². */
function denseRuralThreshold(units: readonly GenUnit[]): number {
  const densities = units
    .filter((u) => u.kind === 'rural')
    .map((u) => u.density)
    .sort((a, b) => a - b);
  return densities[Math.floor(densities.length * 0.9)] ?? Number.POSITIVE_INFINITY;
}

/** Weight of a site for 5G: capital wards, other wards, townships, dense rural, other rural. */
function weight5G(u: GenUnit, denseRural: number): number {
  if (u.remote) return 0;
  if (u.kind === 'ward') return u.inCapital ? 10 : 6;
  if (u.kind === 'township') return 5;
  return u.density >= denseRural ? 2.5 : 0.25;
}

/** The bands of a site, in a fixed order. */
function bandsOf(rng: Rng, technologies: readonly Technology[], u: GenUnit, smallCell: boolean): string {
  const bands: string[] = [];
  if (technologies.includes('2G')) bands.push('G900');
  if (!smallCell && u.kind === 'rural' && rng.chance(0.3)) bands.push('L900');
  bands.push('L1800');
  if (smallCell || rng.chance(u.kind === 'rural' ? 0.4 : 0.7)) bands.push('L2100');
  if (technologies.includes('5G')) bands.push('N3500');
  return bands.join(';');
}

/** Height in metres: small cells 20–24, urban masts 20–40, rural masts 30–60. */
function heightOf(rng: Rng, u: GenUnit, smallCell: boolean): number {
  if (smallCell) return rng.int(20, 24);
  return u.kind === 'rural' ? rng.int(30, 60) : rng.int(20, 40);
}

/** Generates the sites of every unit, with ids per operator in generation order. */
export function generateSites(
  rng: Rng,
  units: readonly GenUnit[],
  villagesByUnit: readonly Village[][],
): Site[] {
  const placed = placeSites(rng, units, villagesByUnit);
  const unitOf = (i: number): GenUnit => units[placed[i]?.unitIndex ?? 0]!;
  const n = placed.length;
  const smallCells = new Set(
    rng.weightedSample(
      placed.map((_, i) => {
        const u = unitOf(i);
        return u.remote ? 0 : u.kind === 'ward' ? 1 : u.kind === 'township' ? 0.5 : 0.03;
      }),
      Math.round(n * SHARE_SMALL_CELL),
    ),
  );
  const dense = denseRuralThreshold(units);
  const with5G = new Set(
    rng.weightedSample(
      placed.map((_, i) => weight5G(unitOf(i), dense) * (smallCells.has(i) ? 1.5 : 1)),
      Math.round(n * SHARE_5G),
    ),
  );
  const with2G = new Set(
    rng.weightedSample(
      placed.map((_, i) => (smallCells.has(i) ? 0 : unitOf(i).kind === 'rural' ? 1.3 : 0.8)),
      Math.round(n * SHARE_2G),
    ),
  );
  const serial = new Map<string, number>();
  return placed.map((p, i): Site => {
    const u = unitOf(i);
    const operator = OPERATORS.find((o) => o.name === p.operator) ?? OPERATORS[0]!;
    const next = (serial.get(operator.prefix) ?? 0) + 1;
    serial.set(operator.prefix, next);
    const smallCell = smallCells.has(i);
    const technologies: Technology[] = [...(with2G.has(i) ? ['2G' as const] : []), '4G'];
    if (with5G.has(i)) technologies.push('5G');
    const site: Site = {
      id: `${operator.prefix}-${String(next).padStart(6, '0')}`,
      operator: operator.name,
      position: p.position,
      unitIndex: p.unitIndex,
      technologies,
      band: bandsOf(rng, technologies, u, smallCell),
      height_m: heightOf(rng, u, smallCell),
    };
    if (smallCell) site.radius_m = rng.int(30, 80) * 10;
    else if (rng.chance(SHARE_SECTOR / (1 - SHARE_SMALL_CELL))) {
      const farFromCentre = distanceMetres(p.position, u.center) > 1000;
      const aim = farFromCentre ? bearingDegrees(p.position, u.center) + rng.int(-30, 30) : rng.int(0, 359);
      site.azimuth_deg = ((aim % 360) + 360) % 360;
      site.beamwidth_deg = BEAMWIDTHS[rng.weightedIndex(BEAMWIDTH_WEIGHTS)] ?? 65;
    }
    return site;
  });
}
