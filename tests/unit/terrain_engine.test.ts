/**
 * Terrain footprints in the engine: with a DEM and an injected model every cell without a predicted
 * polygon is covered by its terrain footprint (here the stand-in half-disc of half_disc_model.ts), in
 * the figures, the probes and the what-if updates; the footprint cache makes a what-if move compute
 * one cell; without a DEM nothing changes.
 */
import { area, intersect, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { startAnalysis, updateAnalysis } from '../../src/core/incremental_analysis.ts';
import { buildReport } from '../../src/core/report/report.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { footprintMethodNote } from '../../src/core/terrain/footprint_method.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { footprintsText } from '../../src/io/export/report_tables.ts';
import { deepFreeze } from '../support/freeze.ts';
import { halfDiscModel, halfDiscRadius, halfDiscRing } from '../support/half_disc_model.ts';
import { rect } from '../support/reference.ts';

function commune(id: string, w: number, s: number, e: number, n: number, population = 10_000): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: 'D1',
    districtName: 'Huyện Một',
    provinceId: 'P1',
    provinceName: 'Tỉnh Thử',
    population,
    setting: 'rural',
    geometry: rect(w, s, e, n),
  };
}

const site = (id: string, lon: number, lat: number, extra: Partial<Site> = {}): Site => ({
  id,
  operator: 'Viettel',
  lon,
  lat,
  technologies: ['4G'],
  ...extra,
});

/** A plateau at 500 m over the test area: every half-disc has radius 1000 + 2·500 = 2000 m. */
const flat = gridDem([syntheticGrid([107.9, 13.9, 108.3, 14.3], 0.01, () => 500, 'plateau 500 m')]);

const fig = (r: ReturnType<typeof analyze>, unit: string, technology = '4G') =>
  r.units
    .find((u) => u.id === unit)!
    .coverage.find((c) => c.technology === technology && c.operator === 'all')!;

/** The share (%) of a commune a polygon covers, with Turf (spherical areas), independent of the engine. */
function turfShare(c: Commune, ring: number[][]): number {
  const cp = polygon((c.geometry as { coordinates: number[][][] }).coordinates);
  const inter = intersect({ type: 'FeatureCollection', features: [cp, polygon([ring])] });
  return inter ? (100 * area(inter)) / area(cp) : 0;
}

describe('terrain footprints in the engine', () => {
  it('a commune is covered by the area share of the terrain footprint (Turf intersect / area)', () => {
    // The site sits 1 km from the commune's northern edge: the half-disc (r = 2 km, facing north)
    // is cut by that edge, so the share is not the disc's area over the commune's.
    const c = commune('A', 108.0, 14.0, 108.1, 14.1);
    const s = site('S1', 108.05, 14.091);
    const input = deepFreeze({ communes: [c], sites: [s], dem: flat });
    const r = analyze(input, {}, { terrain: { model: halfDiscModel(), cache: footprintCache() } });
    const ring = halfDiscRing(108.05, 14.091, halfDiscRadius(500));
    const expected = turfShare(c, ring);
    expect(expected).toBeGreaterThan(0.5);
    expect(fig(r, 'A').area_pct).toBeCloseTo(expected, 1);
    // Not the circle of the 4 km default radius, which would cover far more.
    const circles = analyze(deepFreeze({ communes: [c], sites: [s] }));
    expect(fig(circles, 'A').area_pct).toBeGreaterThan(2 * expected);
    expect(r.terrain).toMatchObject({ dem_sources: ['synthetic: plateau 500 m'], terrain_cells: 1 });
    expect(circles.terrain).toBeUndefined();
  });

  it('the footprint follows the DEM: a higher site covers more', () => {
    const c = commune('A', 108.0, 14.0, 108.1, 14.1);
    const ramp = gridDem([syntheticGrid([107.9, 13.9, 108.3, 14.3], 0.005, (lon) => (lon - 107.9) * 5000)]);
    const cache = footprintCache();
    const low = analyze(
      { communes: [c], sites: [site('L', 108.03, 14.03)], dem: ramp },
      {},
      {
        terrain: { model: halfDiscModel(), cache },
      },
    );
    const high = analyze(
      { communes: [c], sites: [site('H', 108.07, 14.03)], dem: ramp },
      {},
      {
        terrain: { model: halfDiscModel(), cache },
      },
    );
    // Heights 650 m and 850 m: radii 2.3 km and 2.7 km, both half-discs wholly inside.
    const ratio = fig(high, 'A').area_pct / fig(low, 'A').area_pct;
    expect(ratio).toBeCloseTo((2700 / 2300) ** 2, 2);
  });

  it('a probe south of the site is outside the half-disc, one north of it inside', () => {
    const c = commune('A', 108.0, 14.0, 108.1, 14.1);
    const r = runAnalysis(
      {
        communes: [c],
        sites: [site('S1', 108.05, 14.05)],
        villages: [
          { id: 'N', lon: 108.05, lat: 14.06, population: 100, commune_id: null, grid_power: null },
          { id: 'S', lon: 108.05, lat: 14.04, population: 100, commune_id: null, grid_power: null },
        ] as never,
        dem: flat,
      },
      { terrain: { model: halfDiscModel(), cache: footprintCache() } },
    );
    expect(r.deadZoneVillages.map((d) => d.village_id)).toEqual(['S']);
  });

  it('an operator-predicted polygon still wins over the terrain footprint', () => {
    const c = commune('A', 108.0, 14.0, 108.1, 14.1);
    const calls = { n: 0 };
    const predicted = rect(108.0, 14.0, 108.05, 14.1);
    const r = analyze(
      { communes: [c], sites: [site('P', 108.05, 14.05, { coverage: predicted })], dem: flat },
      {},
      { terrain: { model: halfDiscModel(calls), cache: footprintCache() } },
    );
    expect(calls.n).toBe(0);
    expect(fig(r, 'A').area_pct).toBeCloseTo(50, 1);
  });

  it('a site off the DEM keeps its circle', () => {
    const c = commune('A', 108.5, 14.0, 108.6, 14.1);
    const s = site('O', 108.55, 14.05);
    const r = analyze(
      { communes: [c], sites: [s], dem: flat },
      {},
      {
        terrain: { model: halfDiscModel(), cache: footprintCache() },
      },
    );
    const circles = analyze({ communes: [c], sites: [s] });
    expect(fig(r, 'A').area_pct).toBe(fig(circles, 'A').area_pct);
    expect(r.terrain).toMatchObject({ terrain_cells: 0, fallback_cells: 1 });
  });

  it('without a DEM the terrain option changes nothing', () => {
    const c = [commune('A', 108.0, 14.0, 108.1, 14.1), commune('B', 108.1, 14.0, 108.2, 14.1)];
    const sites = [
      site('S1', 108.05, 14.05),
      site('S2', 108.12, 14.02, { azimuth_deg: 90, beamwidth_deg: 65 }),
    ];
    const calls = { n: 0 };
    const a = runAnalysis({ communes: c, sites }, { terrain: { model: halfDiscModel(calls) } });
    const b = runAnalysis({ communes: c, sites });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(calls.n).toBe(0);
  });

  it('a what-if move computes exactly one footprint, and the update equals a fresh run', () => {
    const communes = [
      commune('A', 108.0, 14.0, 108.1, 14.1),
      commune('B', 108.1, 14.0, 108.2, 14.1),
      commune('C', 108.0, 14.1, 108.1, 14.2),
    ];
    const sites = [site('S1', 108.05, 14.05), site('S2', 108.15, 14.05), site('S3', 108.05, 14.15)];
    const calls = { n: 0 };
    const terrain = { model: halfDiscModel(calls), cache: footprintCache() };
    const state = startAnalysis(deepFreeze({ communes, sites, dem: flat }), { terrain });
    void state.cache;
    expect(calls.n).toBe(3);
    const moved = sites.map((s) => (s.id === 'S2' ? { ...s, lon: 108.16, lat: 14.06 } : s));
    const { state: next } = updateAnalysis(state, { sites: moved });
    expect(calls.n).toBe(4);
    const fresh = runAnalysis({ communes, sites: moved, dem: flat }, { terrain });
    expect(calls.n).toBe(4);
    for (const u of fresh.units) {
      const v = next.result.units.find((x) => x.id === u.id)!;
      expect(v.coverage.map((x) => x.area_pct.toFixed(9))).toEqual(
        u.coverage.map((x) => x.area_pct.toFixed(9)),
      );
    }
    expect(fig(next.result.mobile, 'B').area_pct).toBeGreaterThan(0);
  });

  it('the method note says which footprints were used, in both languages', () => {
    expect(footprintMethodNote(null, 'en')).toMatch(/circles and sectors.*no DEM/);
    expect(footprintMethodNote(null, 'vi')).toMatch(/hình tròn và hình quạt/);
    const r = analyze(
      { communes: [commune('A', 108.0, 14.0, 108.1, 14.1)], sites: [site('S', 108.05, 14.05)], dem: flat },
      {},
      {
        terrain: { model: halfDiscModel(), cache: footprintCache() },
      },
    );
    expect(footprintMethodNote(r.terrain, 'en')).toContain(
      'terrain (model test half-disc; DEM: synthetic: plateau 500 m',
    );
    expect(footprintMethodNote(r.terrain, 'vi')).toContain('theo địa hình');
  });

  it('report.json, the sheets and the PDF say terrain or circles', () => {
    const c = [commune('A', 108.0, 14.0, 108.1, 14.1)];
    const sites = [site('S', 108.05, 14.05)];
    const inputs = { synthetic: false } as never;
    const withDem = buildReport(
      runAnalysis(
        { communes: c, sites, dem: flat },
        { terrain: { model: halfDiscModel(), cache: footprintCache() } },
      ),
      DEFAULT_CONFIG,
      inputs,
      new Date(0),
    ).method.footprints!;
    expect(withDem.kind).toBe('terrain');
    expect(withDem.terrain?.dem_sources).toEqual(['synthetic: plateau 500 m']);
    expect(footprintsText(withDem, false)).toMatch(/^Footprints: terrain \(model test half-disc/);
    expect(footprintsText(withDem, true)).toMatch(
      /^Vùng phủ: theo địa hình \(mô hình nửa hình tròn thử nghiệm/,
    );
    const without = buildReport(runAnalysis({ communes: c, sites }), DEFAULT_CONFIG, inputs, new Date(0))
      .method.footprints!;
    expect(without).toMatchObject({ kind: 'circles', terrain: null });
    expect(footprintsText(without, false)).toBe('Footprints: circles and sectors by radius (no DEM)');
  });

  it('without an injected model the propagation model is used (a flat plain: a disc-like footprint)', () => {
    const c = commune('A', 108.0, 14.0, 108.1, 14.1);
    const plain = gridDem([syntheticGrid([107.9, 13.9, 108.3, 14.3], 1 / 400, () => 200, 'plain 200 m')]);
    const r = analyze({ communes: [c], sites: [site('S', 108.05, 14.05)], dem: plain });
    expect(r.terrain?.model.en).toMatch(/Hata/);
    expect(r.terrain?.terrain_cells).toBe(1);
    const a = fig(r, 'A').area_pct;
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(100);
  });
});
