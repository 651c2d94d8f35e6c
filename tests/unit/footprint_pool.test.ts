/**
 * The app's terrain footprint pool (issue 17, footprint_pool.ts): the footprints it computes ahead on
 * stand-in workers (the same handler footprint.worker.ts runs, with messages structured-cloned both
 * ways as postMessage does) leave the engine nothing to compute, and give the same report figures as
 * the engine computing every footprint itself. All the cells of one site go to one worker; a pool
 * whose workers cannot start changes nothing but the speed.
 */
import { describe, expect, it } from 'vitest';
import { poolSize, precomputeFootprints } from '../../src/app/worker/footprint_pool.ts';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { settingLookup } from '../../src/core/measured/model_agreement.ts';
import { DEFAULT_RADIO } from '../../src/core/propagation/radio_config.ts';
import { buildReport } from '../../src/core/report/report.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { defaultTerrainModel } from '../../src/core/terrain/default_terrain_model.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { terrainContext } from '../../src/core/terrain/terrain_context.ts';
import type { TerrainModel } from '../../src/core/terrain/terrain_model.ts';
import { fakeWorker } from '../support/fake_footprint_worker.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';

function commune(id: string, w: number, s: number, e: number, n: number): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: 'D1',
    districtName: 'Huyện Một',
    provinceId: 'P1',
    provinceName: 'Tỉnh Thử',
    population: 10_000,
    setting: 'rural',
    geometry: rect(w, s, e, n),
  };
}

/** 500 m plains with a 400 m north–south ridge at 108.05° E: footprints that are not circles. */
const dem = gridDem([
  syntheticGrid(
    [107.9, 13.9, 108.2, 14.2],
    0.0025,
    (lon) => 500 + 400 * Math.exp(-(((lon - 108.05) / 0.006) ** 2)),
    'ridge',
  ),
]);
const communes = [commune('A', 107.95, 14.0, 108.05, 14.1), commune('B', 108.05, 14.0, 108.15, 14.1)];
const sites: Site[] = [0, 1, 2, 3, 4, 5].map((i) => ({
  id: `S${i}`,
  operator: i % 2 ? 'Viettel' : 'VNPT',
  lon: 107.98 + i * 0.03,
  lat: 14.02 + (i % 3) * 0.03,
  technologies: ['4G'],
  cells: [0, 120, 240].map((azimuth_deg) => ({
    technology: '4G' as const,
    status: 'on_air' as const,
    azimuth_deg,
    beamwidth_deg: 65,
  })),
}));
// One site off the DEM: it keeps its sectors either way, and the pool skips it.
sites.push({ id: 'OFF', operator: 'Viettel', lon: 108.5, lat: 14.05, technologies: ['4G'] });
const input = deepFreeze({ communes, sites, dem });
const settingOf = settingLookup(communes, communeLocator(communes));

/** A model that counts the footprints it computes (its key is the default model's). */
function counting(): { model: TerrainModel; calls: () => number } {
  const base = defaultTerrainModel(DEFAULT_RADIO);
  let n = 0;
  return {
    model: {
      ...base,
      footprint: (cell, d) => {
        n++;
        return base.footprint(cell, d);
      },
    },
    calls: () => n,
  };
}

const figures = (r: ReturnType<typeof runAnalysis>) =>
  buildReport(
    r,
    DEFAULT_CONFIG,
    {
      boundaries: 'b',
      sites: 's',
      population: null,
      postal: null,
      fiber: null,
      villages: null,
      targets: [],
      config: null,
      synthetic: true,
    },
    new Date(0),
  ).units;

describe('the terrain footprint pool', () => {
  const alone = counting();
  const single = runAnalysis(input, { terrain: { model: alone.model, cache: footprintCache() } });

  it('fills the cache so that the analysis computes nothing, with the same figures', async () => {
    const pooled = counting();
    const cache = footprintCache();
    const context = terrainContext(dem, { model: pooled.model, cache });
    const log: string[][] = [];
    const seen: [number, number][] = [];
    const summary = await precomputeFootprints(
      sites,
      settingOf,
      context,
      DEFAULT_RADIO,
      3,
      () => fakeWorker(log),
      (done, total) => seen.push([done, total]),
    );
    // 6 sites × 3 sectors on the DEM (all distinct), none computed on this thread.
    expect(summary).toEqual({ cells: 18, computed: 18, workers: 3 });
    expect(pooled.calls()).toBe(0);
    expect(seen.at(-1)).toEqual([18, 18]);
    expect(log.flat().sort()).toEqual([...cache.entries().map((e) => e.key)].sort());
    // Every site's three cells went to one worker.
    for (const site of sites.slice(0, 6)) {
      const keys = site.cells!.map((c) => context.keyOf(site, c, 'rural')!.key);
      expect(log.filter((l) => keys.some((k) => l.includes(k)))).toHaveLength(1);
    }
    const r = runAnalysis(input, { terrain: { model: pooled.model, cache } });
    expect(pooled.calls()).toBe(0);
    expect(alone.calls()).toBe(18);
    expect(figures(r)).toEqual(figures(single));
    expect(r.mobile.terrain).toEqual(single.mobile.terrain);
    // The figures are not the sectors' (the ridge cuts them): the comparison would catch a wrong model.
    const circles = runAnalysis(deepFreeze({ communes, sites }));
    expect(figures(circles)).not.toEqual(figures(single));
  });

  it('with `local`, this thread computes a share too (the same footprints, the same figures)', async () => {
    const here = counting();
    const cache = footprintCache();
    const context = terrainContext(dem, { model: here.model, cache });
    const log: string[][] = [];
    const summary = await precomputeFootprints(
      sites,
      settingOf,
      context,
      DEFAULT_RADIO,
      1,
      () => fakeWorker(log),
      undefined,
      true,
    );
    // Three batches of two sites: two in the worker's hands, the third computed here.
    expect(summary).toEqual({ cells: 18, computed: 18, workers: 1, local: 6 });
    expect(here.calls()).toBe(6);
    expect(log.flat()).toHaveLength(12);
    expect(cache.size).toBe(18);
    const r = runAnalysis(input, { terrain: { model: here.model, cache } });
    expect(here.calls()).toBe(6);
    expect(figures(r)).toEqual(figures(single));
  });

  it('a second run finds everything cached and starts no worker', async () => {
    const cache = footprintCache();
    const context = terrainContext(dem, { model: defaultTerrainModel(), cache });
    const log: string[][] = [];
    await precomputeFootprints(sites, settingOf, context, DEFAULT_RADIO, 2, () => fakeWorker(log), undefined);
    const again = await precomputeFootprints(sites, settingOf, context, DEFAULT_RADIO, 2, () => {
      throw new Error('no worker should start');
    });
    expect(again).toEqual({ cells: 18, computed: 0, workers: 0 });
  });

  it('workers that cannot start, or another model, leave the work to the engine (same figures)', async () => {
    const cache = footprintCache();
    const c = counting();
    const context = terrainContext(dem, { model: c.model, cache });
    const none = await precomputeFootprints(sites, settingOf, context, DEFAULT_RADIO, 2, () => {
      throw new Error('Worker is not defined');
    });
    expect(none.computed).toBe(0);
    const other = await precomputeFootprints(
      sites,
      settingOf,
      context,
      { ...DEFAULT_RADIO, receiverHeight_m: 3 },
      2,
      () => fakeWorker([]),
    );
    expect(other).toMatchObject({ computed: 0, workers: 0 });
    const r = runAnalysis(input, { terrain: { model: c.model, cache } });
    expect(c.calls()).toBe(18);
    expect(figures(r)).toEqual(figures(single));
  });

  it('uses every core but the analysis worker’s, at least one', () => {
    expect(poolSize(8)).toBe(7);
    expect(poolSize(2)).toBe(1);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(undefined)).toBe(1);
  });
});
