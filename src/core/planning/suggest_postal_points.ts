import { UserError } from '../base/errors.ts';
import type { Village } from '../base/infrastructure.ts';
import { type PostalCategory, type PostalPoint, postalCategory } from '../base/infrastructure.ts';
import type { Callbacks, Commune } from '../base/types.ts';
import { pointIndex } from '../coverage/point_index.ts';
import { communeLocator } from '../geometry/commune_locator.ts';
import { geodesicArea } from '../geometry/geodesic_area.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import {
  averageServiceRadius,
  DEFAULT_POSTAL_OPTIONS,
  pointsNeeded,
} from '../infrastructure/postal_indicators.ts';
import { DEFAULT_CELL_SIZE_M, demandPoints } from './demand_points.ts';
import { greedyCover } from './greedy_cover.ts';
import type { DemandSummary } from './plan_types.ts';
import { thinPoints } from './thin_points.ts';

/** What the suggestion needs to know about an existing postal service point. */
export type PostalPointLike = Pick<PostalPoint, 'lon' | 'lat' | 'staffed' | 'type'>;

export interface PostalSuggestOptions {
  /** Target average service radius R* and distance threshold, km. Default 3 (targets P1 and the distance view). */
  radiusKm?: number;
  /** Which point categories count as N in R̄ = √(S/(π·N)). Default: all four, as `postalIndicators`. */
  countingRule?: PostalCategory[];
  /** Spacing of candidate places among the far population, m. Default 1000. */
  spacingM?: number;
  /** Grid cell size for communes without villages, m. Default 250. */
  cellSizeM?: number;
  /**
   * Stop placing points for the distance view once a new point would bring fewer than this many people
   * within reach (greedy gains only fall). Default 0: until nobody is left farther than R*.
   */
  minGainPeople?: number;
  /** Communes to plan for (indices); default all. */
  communeIndices?: readonly number[];
}

/** Why a point is suggested. */
export type PostalReason = 'distance' | 'radius' | 'staffed';

export interface PostalSuggestion {
  lon: number;
  lat: number;
  /** People brought within the radius of a staffed point by this point (in pick order). */
  gained_population: number;
  reason: PostalReason;
}

export interface PostalCommunePlan {
  commune_id: string;
  name: string;
  /** Geodesic area S, km². */
  area_km2: number;
  population: number;
  /** Points counted in N (per the counting rule) before the suggestions. */
  points_before: number;
  staffed_before: number;
  /** R̄ = √(S/(π·N)) km; null when N = 0 (undefined radius: fails P1 and P2). */
  radius_before_km: number | null;
  radius_after_km: number | null;
  /** ⌈S/(π·R*²)⌉ − N, at least 0: points needed for R̄ ≤ R*. */
  needed_for_radius: number;
  /** People farther than R* (straight line) from every staffed point, before and after. */
  far_population_before: number;
  far_population_after: number;
  suggestions: PostalSuggestion[];
}

export interface PostalPlan {
  radiusKm: number;
  countingRule: PostalCategory[];
  spacingM: number;
  minGainPeople: number;
  demand: DemandSummary;
  communes: PostalCommunePlan[];
  totals: {
    suggested: number;
    needed_for_radius: number;
    far_population_before: number;
    far_population_after: number;
    /** People brought within R* of a staffed point by the suggestions. */
    population_gained: number;
    communes_without_staffed_point_before: number;
    communes_failing_radius_before: number;
  };
}

/**
 * Suggests new staffed postal service points, commune by commune, so that
 * 1. the average service radius R̄ = √(S/(π·N)) is at most R* (S the commune's geodesic area in km²,
 *    N its counted points), which takes ⌈S/(π·R*²)⌉ − N more points; and
 * 2. fewer people live farther than R* in a straight line from a staffed point (any commune's).
 *
 * Points go first where they bring the most far people within R* (greedy maximal covering over the
 * far demand points, candidates at far demand points thinned to one per `spacingM` cell) until no far
 * person is left; when R̄ still needs more, the rest go where people are farthest from any point of the
 * commune (farthest-point placement), and a commune with no staffed point gets one at its centre (P2).
 * People are the demand points of `demandPoints` (villages, or the census spread on a grid).
 */
export function suggestPostalPoints(
  input: { communes: readonly Commune[]; points: readonly PostalPointLike[]; villages?: readonly Village[] },
  options: PostalSuggestOptions = {},
  callbacks: Callbacks = {},
): PostalPlan {
  const radiusKm = options.radiusKm ?? 3;
  const countingRule = options.countingRule ?? DEFAULT_POSTAL_OPTIONS.countingRule;
  const counts = (p: PostalPointLike) => countingRule.includes(postalCategory(p.type));
  const spacingM = options.spacingM ?? 1000;
  const minGain = options.minGainPeople ?? 0;
  if (!(radiusKm > 0 && radiusKm <= 100))
    throw new UserError(`the postal radius must be 0–100 km (got ${radiusKm}).`);
  if (!(spacingM >= 10 && spacingM <= 100_000))
    throw new UserError(`the candidate spacing must be 10–100,000 m (got ${spacingM}).`);
  const { communes } = input;
  const indices = options.communeIndices ?? communes.map((_, i) => i);
  const demand = demandPoints(
    communes,
    input.villages,
    { cellSizeM: options.cellSizeM ?? DEFAULT_CELL_SIZE_M, communeIndices: indices },
    callbacks.onWarning ? { onWarning: callbacks.onWarning } : {},
  );
  const people = demand.points;
  const radiusM = radiusKm * 1000;
  const locator = communeLocator(communes);
  const staffed = input.points.filter((p) => p.staffed);
  const staffedIndex = pointIndex(staffed);
  const far = Uint8Array.from(people, (p) =>
    staffedIndex.withinRadius(p.lon, p.lat, radiusM).length ? 0 : 1,
  );
  const peopleIndex = pointIndex(people);

  const pointsByCommune = new Map<number, PostalPointLike[]>();
  for (const p of input.points) {
    const ci = locator.locate(p.lon, p.lat);
    if (ci < 0) continue;
    const list = pointsByCommune.get(ci) ?? [];
    list.push(p);
    pointsByCommune.set(ci, list);
  }
  const peopleByCommune = new Map<number, number[]>();
  people.forEach((p, i) => {
    const list = peopleByCommune.get(p.commune) ?? [];
    list.push(i);
    peopleByCommune.set(p.commune, list);
  });

  const plans: PostalCommunePlan[] = indices.map((ci, n) => {
    callbacks.onProgress?.(n, indices.length, communes[ci]!.name);
    return communePlan(communes[ci]!, pointsByCommune.get(ci) ?? [], peopleByCommune.get(ci) ?? []);
  });
  callbacks.onProgress?.(indices.length, indices.length, 'done');

  function communePlan(commune: Commune, own: PostalPointLike[], members: number[]): PostalCommunePlan {
    const S = geodesicArea(commune.geometry);
    const counted = own.filter(counts);
    const N = counted.length;
    const staffedBefore = own.filter((p) => p.staffed).length;
    const neededForRadius = pointsNeeded(S, N, radiusKm);
    const required = N + neededForRadius;
    const local = new Map(members.map((g, l) => [g, l]));
    const weights = Float64Array.from(members, (g) => people[g]!.population);
    const covered = Uint8Array.from(members, (g) => (far[g] ? 0 : 1));
    let farBefore = 0;
    for (let l = 0; l < members.length; l++) if (!covered[l]) farBefore += weights[l]!;

    // 1. Distance: greedy maximal covering of the far people.
    const farMembers = members.filter((g) => far[g]);
    const sites = thinPoints(
      farMembers.map((g) => people[g]!),
      farMembers.map((g) => people[g]!.population),
      spacingM,
    ).map((t) => people[farMembers[t.index]!]!);
    const offsets = new Int32Array(sites.length + 1);
    const lists: number[] = [];
    sites.forEach((s, c) => {
      for (const g of peopleIndex.withinRadius(s.lon, s.lat, radiusM)) {
        const l = local.get(g);
        if (l !== undefined && !covered[l]) lists.push(l);
      }
      offsets[c + 1] = lists.length;
    });
    const greedy = greedyCover({ weights, covered, offsets, lists: Int32Array.from(lists) });
    // Unit-cost greedy gains never rise, so this keeps a prefix of the picks.
    const picks = greedy.picks.filter((p) => p.gain >= minGain);
    const suggestions: PostalSuggestion[] = picks.map((p) => ({
      lon: sites[p.candidate]!.lon,
      lat: sites[p.candidate]!.lat,
      gained_population: p.gain,
      reason: 'distance',
    }));
    const farAfter = farBefore - picks.reduce((s, p) => s + p.gain, 0);

    // 2. Radius: farthest-point placement until ⌈S/(π·R*²)⌉ points are reached.
    const anchors = [...counted, ...suggestions];
    const dist = Float64Array.from(members, (g) => nearest(people[g]!, anchors));
    while (N + suggestions.length < required && members.length > 0) {
      let best = 0;
      for (let l = 1; l < members.length; l++) if (dist[l]! > dist[best]!) best = l;
      const p = people[members[best]!]!;
      suggestions.push({ lon: p.lon, lat: p.lat, gained_population: 0, reason: 'radius' });
      members.forEach((g, l) => {
        dist[l] = Math.min(dist[l]!, distanceM(people[g]!, p));
      });
    }
    // 3. Every commune needs a staffed point (target P2).
    if (staffedBefore === 0 && suggestions.length === 0) {
      const b = locator.bboxes[communes.indexOf(commune)]!;
      const [lon, lat] = commune.center ?? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
      suggestions.push({ lon, lat, gained_population: 0, reason: 'staffed' });
    }
    const after = N + suggestions.length;
    return {
      commune_id: commune.id,
      name: commune.name,
      area_km2: S,
      population: commune.population,
      points_before: N,
      staffed_before: staffedBefore,
      radius_before_km: averageServiceRadius(S, N),
      radius_after_km: averageServiceRadius(S, after),
      needed_for_radius: neededForRadius,
      far_population_before: farBefore,
      far_population_after: Math.max(0, farAfter),
      suggestions,
    };
  }

  const totals = {
    suggested: 0,
    needed_for_radius: 0,
    far_population_before: 0,
    far_population_after: 0,
    population_gained: 0,
    communes_without_staffed_point_before: 0,
    communes_failing_radius_before: 0,
  };
  for (const c of plans) {
    totals.suggested += c.suggestions.length;
    totals.needed_for_radius += c.needed_for_radius;
    totals.far_population_before += c.far_population_before;
    totals.far_population_after += c.far_population_after;
    if (c.staffed_before === 0) totals.communes_without_staffed_point_before++;
    if (c.radius_before_km === null || c.radius_before_km > radiusKm) totals.communes_failing_radius_before++;
  }
  totals.population_gained = totals.far_population_before - totals.far_population_after;
  return {
    radiusKm,
    countingRule,
    spacingM,
    minGainPeople: minGain,
    demand: demand.summary,
    communes: plans,
    totals,
  };
}

/** Straight-line distance in metres in the local plane at the mid-latitude. */
function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const m = (a.lat + b.lat) / 2;
  return Math.hypot((a.lon - b.lon) * metresPerDegreeLon(m), (a.lat - b.lat) * metresPerDegreeLat(m));
}

function nearest(p: { lon: number; lat: number }, anchors: readonly { lon: number; lat: number }[]): number {
  let d = Infinity;
  for (const a of anchors) d = Math.min(d, distanceM(p, a));
  return d;
}
