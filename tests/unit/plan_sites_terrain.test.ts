/**
 * Planning on terrain: with a DEM, candidates cover the demand points of their terrain footprint (the
 * stand-in half-disc of half_disc_model.ts, facing north), and "move to the highest point within R"
 * moves a candidate on a synthetic cone to its summit.
 */
import { describe, expect, it } from 'vitest';
import type { Village } from '../../src/core/base/infrastructure.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../src/core/geometry/local_projection.ts';
import { moveToHighest } from '../../src/core/planning/move_to_highest.ts';
import { planSites } from '../../src/core/planning/plan_sites.ts';
import type { Candidate } from '../../src/core/planning/plan_types.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { deepFreeze } from '../support/freeze.ts';
import { halfDiscModel } from '../support/half_disc_model.ts';
import { rect } from '../support/reference.ts';

const commune: Commune = {
  id: 'A',
  name: 'Xã A',
  districtId: 'D1',
  districtName: 'Huyện Một',
  provinceId: 'P1',
  provinceName: 'Tỉnh Thử',
  population: 200,
  setting: 'rural',
  geometry: rect(108.0, 14.0, 108.1, 14.1),
};

/** A cone 1,000 m high at (108.05, 14.05) falling 1 m per 10 m of distance, on 3″ posts. */
const SUMMIT = [108.05, 14.05] as const;
const ky = metresPerDegreeLat(14.05);
const kx = metresPerDegreeLon(14.05);
const cone = gridDem([
  syntheticGrid(
    [108.0, 14.0, 108.1, 14.1],
    1 / 1200,
    (lon, lat) => Math.max(0, 1000 - Math.hypot((lon - SUMMIT[0]) * kx, (lat - SUMMIT[1]) * ky) / 10),
    'cone',
  ),
]);
const distM = (lon: number, lat: number, p: readonly number[]) =>
  Math.hypot((lon - p[0]!) * kx, (lat - p[1]!) * ky);

describe('move to the highest point within R', () => {
  it('a candidate 200 m from the summit of a cone moves onto it', () => {
    const c: Candidate = { id: 'c1', lon: SUMMIT[0] + 150 / kx, lat: SUMMIT[1] - 130 / ky, source: 'file' };
    const { candidates, moves } = moveToHighest([c], cone, 300);
    const m = moves[0]!;
    // Within half a post of the summit (bilinear heights peak at the posts; 3″ ≈ 90 m).
    expect(distM(candidates[0]!.lon, candidates[0]!.lat, SUMMIT)).toBeLessThan(cone.spacing_m / 2);
    expect(m.from_height_m!).toBeCloseTo(1000 - Math.hypot(150, 130) / 10, 0);
    expect(m.to_height_m!).toBeGreaterThan(995);
    expect(m.moved_m).toBeGreaterThan(150);
    expect(m.moved_m).toBeLessThanOrEqual(300);
  });

  it('beyond R the candidate climbs only as far as R allows', () => {
    const c: Candidate = { id: 'c2', lon: SUMMIT[0] + 2000 / kx, lat: SUMMIT[1], source: 'file' };
    const { candidates, moves } = moveToHighest([c], cone, 300);
    expect(moves[0]!.moved_m).toBeGreaterThan(250);
    expect(moves[0]!.moved_m).toBeLessThanOrEqual(300);
    // Towards the summit: about 1,700 m from it now.
    expect(distM(candidates[0]!.lon, candidates[0]!.lat, SUMMIT)).toBeCloseTo(1700, -2);
  });

  it('off the DEM the candidate stays, with no heights', () => {
    const c: Candidate = { id: 'c3', lon: 109, lat: 14, source: 'file' };
    const { candidates, moves } = moveToHighest([c], cone, 300);
    expect(candidates[0]).toBe(c);
    expect(moves[0]).toMatchObject({ moved_m: 0, from_height_m: null, to_height_m: null });
  });
});

describe('planSites on terrain', () => {
  // Two villages 1 km north and 1 km south of the candidate: the half-disc (r = 1000 + 2·h m,
  // facing north) covers the northern one only; a 4 km circle would cover both.
  const at = (id: string, dLat: number): Village => ({
    id,
    lon: 108.05,
    lat: 14.05 + dLat,
    population: 100,
    hasGridPower: true,
  });
  const input = deepFreeze({
    communes: [commune],
    sites: [],
    villages: [at('north', 1000 / ky), at('south', -1000 / ky)],
    candidates: [{ id: 'c', lon: 108.05, lat: 14.05, source: 'file' as const }],
    dem: cone,
  });

  it('a candidate covers the people inside its terrain footprint only', () => {
    const plan = planSites(input, {
      technology: '4G',
      k: 1,
      terrain: { model: halfDiscModel(), cache: footprintCache() },
    });
    expect(plan.rows[0]!.gained_population).toBe(100);
    expect(plan.terrain).toMatchObject({ dem_sources: ['synthetic: cone'], terrain_cells: 1 });
    const circles = planSites({ ...input, dem: undefined } as never, { technology: '4G', k: 1 });
    expect(circles.rows[0]!.gained_population).toBe(200);
    expect(circles.terrain).toBeUndefined();
  });

  it('with moveToHighestM the plan lists the move', () => {
    const moved = planSites(
      { ...input, candidates: [{ id: 'c', lon: 108.05, lat: 14.05 - 200 / ky, source: 'file' }] },
      {
        technology: '4G',
        k: 1,
        moveToHighestM: 300,
        terrain: { model: halfDiscModel(), cache: footprintCache() },
      },
    );
    expect(moved.moves).toHaveLength(1);
    expect(moved.moves![0]!.moved_m).toBeGreaterThan(150);
    expect(distM(moved.rows[0]!.lon, moved.rows[0]!.lat, SUMMIT)).toBeLessThan(cone.spacing_m / 2);
  });
});
