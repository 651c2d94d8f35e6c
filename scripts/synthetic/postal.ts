/**
 * SYNTHETIC postal service points: tier-I post offices in the province capitals, tier II in the
 * district seats, tier III in some larger communes, a commune cultural post point (điểm BĐVHX)
 * near most commune centres, and agents and kiosks along roads and in populous communes.
 * About 5% of communes have no cultural point (DOMAIN: 14 Đắk Nông communes lacked one), and a
 * few end up with no staffed point at all.
 */
import { type LonLat, offsetMetres, roundLonLat, sampleNear } from '../lib/geo_sampling.ts';
import type { Rng } from '../lib/prng.ts';
import { unitTypeLower } from '../lib/vn_names.ts';
import type { GenUnit, UnitGroup } from './units.ts';
import type { Village } from './villages.ts';

export type PostalType =
  | 'post_office_1'
  | 'post_office_2'
  | 'post_office_3'
  | 'cultural_post_point'
  | 'agent'
  | 'kiosk';

export interface PostalPoint {
  id: string;
  type: PostalType;
  name: string;
  communeId: string;
  unitIndex: number;
  position: LonLat;
  staffed: boolean;
  internet: boolean;
  onlinePublicServices: boolean;
}

/** Communes without a cultural post point, per group (≈ 5% of all communes). */
const NO_CULTURAL_POINT: Record<UnitGroup, number> = {
  'Gia Lai': 4,
  'Đắk Nông': 14,
  'Bình Định (2025 units)': 0,
  'Lâm Đồng (2025 units)': 0,
};
/** Communes left without any staffed point: some of the ones without a cultural point, plus remote ones. */
const NO_STAFFED_FROM_MISSING = 3;
const NO_STAFFED_FROM_REMOTE = 2;
/** Share of cultural post points that are staffed. */
const CULTURAL_STAFFED = 0.9;
/** Population (people) at which a rural commune may get a tier-III post office. */
const TIER3_POPULATION = 10_000;

/** The role each unit plays in the postal network. */
interface PostalPlan {
  noCultural: Set<number>;
  noStaffed: Set<number>;
}

/** Chooses the communes without a cultural point and those without any staffed point. */
function planGaps(rng: Rng, units: readonly GenUnit[]): PostalPlan {
  const noCultural = new Set<number>();
  for (const [group, count] of Object.entries(NO_CULTURAL_POINT)) {
    const pool = units.filter((u) => u.group === group && !u.seat && !u.capitalPostOffice);
    const weights = pool.map((u) => (u.kind === 'rural' ? 1 : 0.3) * (u.remote ? 2 : 1));
    for (const i of rng.weightedSample(weights, count)) noCultural.add(pool[i]!.index);
  }
  const noStaffed = new Set<number>();
  const missingRural = units.filter((u) => noCultural.has(u.index) && u.kind === 'rural' && !u.remote);
  for (const i of rng.weightedSample(
    missingRural.map(() => 1),
    NO_STAFFED_FROM_MISSING,
  )) {
    noStaffed.add(missingRural[i]!.index);
  }
  const remote = units.filter((u) => u.remote && !noCultural.has(u.index));
  for (const i of rng.weightedSample(
    remote.map(() => 1),
    NO_STAFFED_FROM_REMOTE,
  )) {
    noStaffed.add(remote[i]!.index);
  }
  return { noCultural, noStaffed };
}

/** Internet and online-public-service flags: most staffed points have both; unstaffed ones rarely. */
function serviceFlags(rng: Rng, staffed: boolean): { internet: boolean; onlinePublicServices: boolean } {
  const internet = rng.chance(staffed ? 0.9 : 0.25);
  const onlinePublicServices = rng.chance(staffed ? (internet ? 0.92 : 0.3) : internet ? 0.6 : 0);
  return { internet, onlinePublicServices };
}

/** A position near `around` (σ in metres) inside the unit, or the unit centre. */
function near(rng: Rng, u: GenUnit, around: LonLat, sigmaM: number): LonLat {
  return sampleNear(rng, around, sigmaM, u.accept) ?? u.center;
}

/** A position within about 1 km of the commune centre (100–1000 m away when possible). */
function nearCentre(rng: Rng, u: GenUnit): LonLat {
  for (let attempt = 0; attempt < 30; attempt++) {
    const d = rng.uniform(100, 1000);
    const a = rng.uniform(0, 2 * Math.PI);
    const p = roundLonLat(offsetMetres(u.center, d * Math.sin(a), d * Math.cos(a)));
    if (u.accept(p)) return p;
  }
  return near(rng, u, u.center, 300);
}

/** Name of the place a post office is named after: the capital, the district (for seats) or the commune. */
function placeName(u: GenUnit): string {
  if (u.capitalPostOffice) return u.capitalPostOffice;
  if (u.seat && u.district) return u.district.replace(/^(Thành phố|Thị xã|Huyện)\s+/u, '');
  return u.short;
}

/** Post offices of one unit: tier I (capital), tier II (seat), tier III (some larger communes and wards). */
function postOffices(rng: Rng, u: GenUnit, plan: PostalPlan): Omit<PostalPoint, 'id'>[] {
  if (plan.noStaffed.has(u.index)) return [];
  let type: PostalType | null = null;
  if (u.capitalPostOffice) type = 'post_office_1';
  else if (u.seat) type = 'post_office_2';
  else if (u.kind === 'ward' && rng.chance(0.45)) type = 'post_office_3';
  else if (u.kind === 'rural' && !u.remote && u.population >= TIER3_POPULATION && rng.chance(0.5)) {
    type = 'post_office_3';
  }
  if (!type) return [];
  const tier = type === 'post_office_1' ? 'I' : type === 'post_office_2' ? 'II' : 'III';
  const name = type === 'post_office_3' ? u.short : placeName(u);
  return [
    {
      type,
      name: `Bưu cục cấp ${tier} ${name}`,
      communeId: u.id,
      unitIndex: u.index,
      position: near(rng, u, u.center, 300),
      staffed: true,
      ...serviceFlags(rng, true),
    },
  ];
}

/** The commune cultural post point, unless the plan leaves the commune without one. */
function culturalPoint(rng: Rng, u: GenUnit, plan: PostalPlan): Omit<PostalPoint, 'id'>[] {
  if (plan.noCultural.has(u.index)) return [];
  const staffed = !plan.noStaffed.has(u.index) && rng.chance(CULTURAL_STAFFED);
  return [
    {
      type: 'cultural_post_point',
      name: `Điểm BĐVHX ${unitTypeLower(u.name)} ${u.short}`,
      communeId: u.id,
      unitIndex: u.index,
      position: nearCentre(rng, u),
      staffed,
      ...serviceFlags(rng, staffed),
    },
  ];
}

/** Agents and kiosks: 1–4 per commune by population, along roads or near villages. */
function agentsAndKiosks(
  rng: Rng,
  u: GenUnit,
  villages: readonly Village[],
  plan: PostalPlan,
  hasStaffed: boolean,
): Omit<PostalPoint, 'id'>[] {
  const blocked = plan.noStaffed.has(u.index);
  const floor = blocked || (u.remote && hasStaffed) ? 0 : 1;
  const count = blocked
    ? rng.int(0, 1)
    : Math.min(4, Math.max(floor, Math.round(u.population / 6000 + rng.uniform(-0.5, 1))));
  const drafts: { isAgent: boolean; staffed: boolean; around: LonLat }[] = [];
  for (let i = 1; i <= count; i++) {
    // Only the planned communes are left without a staffed point: elsewhere the first one is an agent.
    const isAgent = !blocked && ((i === 1 && !hasStaffed) || rng.chance(0.6));
    const staffed = isAgent || (!blocked && rng.chance(0.15));
    const village = villages[rng.weightedIndex(villages.map((v) => v.population))];
    const around =
      u.roadPoints.length > 0 && rng.chance(0.6) ? rng.pick(u.roadPoints) : (village?.position ?? u.center);
    drafts.push({ isAgent, staffed, around });
  }
  const agents = drafts.filter((d) => d.isAgent).length;
  const serial = { agent: 0, kiosk: 0 };
  return drafts.map((d): Omit<PostalPoint, 'id'> => {
    const type = d.isAgent ? 'agent' : 'kiosk';
    const ofType = d.isAgent ? agents : drafts.length - agents;
    serial[type]++;
    const label = d.isAgent ? 'Đại lý bưu điện' : 'Ki ốt bưu điện';
    return {
      type,
      name: `${label} ${u.short}${ofType > 1 ? ` ${serial[type]}` : ''}`,
      communeId: u.id,
      unitIndex: u.index,
      position: near(rng, u, d.around, 250),
      staffed: d.staffed,
      ...serviceFlags(rng, d.staffed),
    };
  });
}

/** Generates every postal point, unit by unit, with ids BC-000001… in that order. */
export function generatePostal(
  rng: Rng,
  units: readonly GenUnit[],
  villagesByUnit: readonly Village[][],
): PostalPoint[] {
  const plan = planGaps(rng, units);
  const points = units.flatMap((u) => {
    const fixed = [...postOffices(rng, u, plan), ...culturalPoint(rng, u, plan)];
    const hasStaffed = fixed.some((p) => p.staffed);
    return [...fixed, ...agentsAndKiosks(rng, u, villagesByUnit[u.index] ?? [], plan, hasStaffed)];
  });
  return points.map((p, i) => ({ id: `BC-${String(i + 1).padStart(6, '0')}`, ...p }));
}
