import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import type { Village } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { geodesicArea } from '../../src/core/geometry/geodesic_area.ts';
import { metresPerDegreeLon } from '../../src/core/geometry/local_projection.ts';
import { demandPoints } from '../../src/core/planning/demand_points.ts';
import { planSites } from '../../src/core/planning/plan_sites.ts';
import type { Candidate } from '../../src/core/planning/plan_types.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';

const LAT = 14.05;
const KM = 1000 / metresPerDegreeLon(LAT); // degrees of longitude per km at LAT

function commune(id: string, population: number, w = 108.0, e = 108.1): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: 'D1',
    districtName: 'Huyện Một',
    provinceId: 'P1',
    provinceName: 'Tỉnh Thử',
    population,
    setting: 'rural',
    geometry: rect(w, 14.0, e, 14.1),
  };
}

/** Villages of 100 people at x = 1..6 km east of 108.0° on the parallel LAT. */
function lineVillages(grid: boolean[] = [true, true, true, true, true, true]): Village[] {
  return grid.map((g, i) => ({
    id: `v${i + 1}`,
    lon: 108.0 + (i + 1) * KM,
    lat: LAT,
    population: 100,
    hasGridPower: g,
  }));
}

function cand(id: string, xKm: number, radiusKm: number, cost?: number): Candidate {
  return {
    id,
    lon: 108.0 + xKm * KM,
    lat: LAT,
    radius_m: radiusKm * 1000,
    source: 'file',
    ...(cost ? { cost } : {}),
  };
}

// X covers villages 2–5, Y covers 1–3, Z covers 4–6: greedy takes X first, but {Y, Z} covers everything.
const X = cand('X', 3.5, 1.6);
const Y = cand('Y', 2, 1.1);
const Z = cand('Z', 5, 1.1);

describe('planSites: target mode', () => {
  const input = deepFreeze({
    communes: [commune('A', 600)],
    sites: [] as Site[],
    villages: lineVillages(),
    candidates: [X, Y, Z],
  });

  it('stops at the fewest sites: 100 % takes {Y, Z}, not greedy’s X + Y + Z', () => {
    const plan = planSites(input, { technology: '4G', targetPct: 100 });
    expect(plan.status).toMatchObject({ kind: 'reached', target_pct: 100, sites: 2 });
    expect(plan.rows.map((r) => r.candidate_id)).toEqual(['Y', 'Z']);
    expect(plan.localSearch).toMatchObject({ greedy_sites: 3, pruned: 1 });
    expect(plan.rows.map((r) => r.gained_population)).toEqual([300, 300]);
    expect(plan.rows.at(-1)!.cumulative_population_pct).toBeCloseTo(100, 9);
  });

  it('one site is enough for 60 %', () => {
    const plan = planSites(input, { technology: '4G', targetPct: 60 });
    expect(plan.status).toMatchObject({ kind: 'reached', sites: 1 });
    expect(plan.rows.map((r) => r.candidate_id)).toEqual(['X']);
    expect(plan.rows[0]!.cumulative_population_pct).toBeCloseTo(66.6667, 3);
  });

  it('an unreachable target says so and reports the shortfall', () => {
    const plan = planSites({ ...input, candidates: [X, Y] }, { technology: '4G', targetPct: 99 });
    expect(plan.status.kind).toBe('not_reached');
    if (plan.status.kind !== 'not_reached') return;
    expect(plan.status.reason).toBe('candidates_exhausted');
    expect(plan.status.achieved_pct).toBeCloseTo((100 * 500) / 600, 9);
    expect(plan.status.shortfall_pct).toBeCloseTo(99 - (100 * 500) / 600, 9);
    expect(plan.status.shortfall_measure).toBeCloseTo(0.99 * 600 - 500, 6);
  });

  it('a k cap below what the target needs is reported as such', () => {
    const plan = planSites(input, { technology: '4G', targetPct: 100, k: 1 });
    expect(plan.status).toMatchObject({ kind: 'not_reached', reason: 'k_reached' });
    expect(plan.rows).toHaveLength(1);
  });

  it('a target the existing sites already meet needs no site', () => {
    const sites: Site[] = [
      { id: 's', operator: 'VNPT', lon: 108.0 + 3.5 * KM, lat: LAT, technologies: ['4G'], radius_m: 5000 },
    ];
    const plan = planSites({ ...input, sites }, { technology: '4G', targetPct: 100 });
    expect(plan.status).toMatchObject({ kind: 'reached', sites: 0 });
    expect(plan.existing.population_pct).toBeCloseTo(100, 9);
  });

  it('100 % of grid-powered villages counts only villages with grid power', () => {
    // Villages 5 and 6 have no grid power: Y (1–3) and X (2–5) are needed, Z is not.
    const villages = lineVillages([true, true, true, true, false, false]);
    const plan = planSites(
      { ...input, villages },
      { technology: '4G', targetPct: 100, measure: 'grid_villages' },
    );
    expect(plan.measureTotal).toBe(4);
    expect(plan.status).toMatchObject({ kind: 'reached', sites: 2 });
    expect(new Set(plan.rows.map((r) => r.candidate_id))).toEqual(new Set(['X', 'Y']));
    expect(plan.rows.at(-1)!.cumulative_measure_pct).toBeCloseTo(100, 9);
    expect(plan.rows.at(-1)!.cumulative_population_pct).toBeCloseTo((100 * 500) / 600, 9);
  });
});

describe('planSites: budget mode', () => {
  it('existing sites are locked: what they cover adds nothing', () => {
    const sites: Site[] = [
      { id: 's', operator: 'VNPT', lon: 108.0 + 2 * KM, lat: LAT, technologies: ['4G'], radius_m: 1100 },
    ];
    const plan = planSites(
      { communes: [commune('A', 600)], sites, villages: lineVillages(), candidates: [X, Y, Z] },
      { technology: '4G', k: 3 },
    );
    expect(plan.existing.covered_population).toBeCloseTo(300, 9);
    // Y duplicates the existing site: it gains nothing and is never chosen.
    expect(plan.rows.map((r) => r.candidate_id)).toEqual(['Z']);
    expect(plan.status).toMatchObject({ kind: 'budget', requested_k: 3, chosen: 1, exhausted: true });
  });

  it('existing coverage of another operator or technology does not count when filtered', () => {
    const sites: Site[] = [
      { id: 's', operator: 'VNPT', lon: 108.0 + 2 * KM, lat: LAT, technologies: ['4G'], radius_m: 1100 },
    ];
    const base = { communes: [commune('A', 600)], sites, villages: lineVillages(), candidates: [X, Y, Z] };
    expect(planSites(base, { technology: '4G', k: 1, operator: 'Viettel' }).existing.covered_population).toBe(
      0,
    );
    expect(planSites(base, { technology: '5G', k: 1 }).existing.covered_population).toBe(0);
  });

  it('with costs, greedy ranks by people per unit cost and reports cost per person', () => {
    const costly = [cand('X', 3.5, 1.6, 10), cand('Y', 2, 1.1, 1), cand('Z', 5, 1.1, 1)];
    const plan = planSites(
      { communes: [commune('A', 600)], sites: [], villages: lineVillages(), candidates: costly },
      { technology: '4G', k: 2 },
    );
    expect(plan.costAware).toBe(true);
    expect(plan.rows.map((r) => r.candidate_id)).toEqual(['Y', 'Z']);
    expect(plan.rows[0]!.cost_per_person).toBeCloseTo(1 / 300, 12);
    expect(plan.curve.at(-1)!.cumulative_cost).toBe(2);
  });

  it('generated candidates cover the gaps: commune centres, uncovered villages and the gap grid', () => {
    const c = { ...commune('A', 600), center: [108.05, 14.05] as [number, number] };
    const plan = planSites(
      { communes: [c], sites: [], villages: lineVillages() },
      { technology: '4G', k: 2 },
    );
    expect(plan.candidates.bySource.commune_centre).toBe(1);
    expect(plan.candidates.bySource.uncovered_village).toBe(6);
    expect(plan.candidates.bySource.gap_grid).toBeGreaterThan(0);
    expect(plan.rows.at(-1)!.cumulative_population_pct).toBeCloseTo(100, 9);
  });

  it('rejects bad options with a UserError', () => {
    const base = { communes: [commune('A', 600)], sites: [], villages: lineVillages(), candidates: [X] };
    expect(() => planSites(base, { technology: '4G', k: 0 })).toThrow(UserError);
    expect(() => planSites(base, { technology: '4G', targetPct: 120 })).toThrow(/target/);
    expect(() => planSites(base, { technology: '4G', scope: { kind: 'commune', id: 'nope' } })).toThrow(
      /no commune/,
    );
    expect(() => planSites({ ...base, candidates: [X, { ...Y, cost: 3 }] }, { technology: '4G' })).toThrow(
      /cost/,
    );
  });
});

describe('demandPoints', () => {
  it('spreads the census population of a commune without villages evenly over 250 m cells', () => {
    const c = commune('A', 12_345);
    const { points, summary } = demandPoints([c], undefined);
    const total = points.reduce((s, p) => s + p.population, 0);
    expect(total).toBeCloseTo(12_345, 6);
    expect(summary.communesOnGrid).toBe(1);
    const expected = geodesicArea(c.geometry) / 0.0625;
    expect(Math.abs(points.length - expected) / expected).toBeLessThan(0.03);
    expect(new Set(points.map((p) => p.population)).size).toBe(1);
  });

  it('scales a commune’s villages to its census population and keeps grid power', () => {
    const { points, summary } = demandPoints(
      [commune('A', 1200)],
      lineVillages([true, false, true, true, true, true]),
    );
    expect(summary.communesOnVillages).toBe(1);
    expect(points.map((p) => p.population)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(points[1]!.hasGridPower).toBe(false);
  });

  it('neighbouring communes share one lattice: no cell centre is counted twice', () => {
    const a = commune('A', 1000, 108.0, 108.05);
    const b = commune('B', 1000, 108.05, 108.1);
    const both = demandPoints([a, b], undefined).points;
    const keys = new Set(both.map((p) => `${p.lon.toFixed(9)},${p.lat.toFixed(9)}`));
    expect(keys.size).toBe(both.length);
  });
});
