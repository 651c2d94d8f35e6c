/**
 * "Suggest sites" with a DEM in the app (issue 17): `prepareSuggest` hands the footprint pool every
 * terrain footprint the planner then asks for (the scenario's sites and every candidate, moved to the
 * highest ground first when asked), so that the plan itself computes none; and the plan is the one
 * `runSuggest` makes on its own. The DEM is a synthetic 3″ tile (N13E108: 500 m plains with a 400 m
 * ridge along 108.03° E) loaded through the worker's own `loadDem`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { precomputeFootprints } from '../../src/app/worker/footprint_pool.ts';
import type { SiteSuggestRequest } from '../../src/app/worker/suggest_types.ts';
import { currentDem, loadDem } from '../../src/app/worker/worker_dem.ts';
import { prepareSuggest, runSuggest } from '../../src/app/worker/worker_plan.ts';
import { SAMPLE } from '../../src/cli/paths.ts';
import { POSTAL_CATEGORIES } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { analysisTerrain } from '../../src/core/coverage/analysis_terrain.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { settingLookup } from '../../src/core/measured/model_agreement.ts';
import { DEFAULT_RADIO } from '../../src/core/propagation/radio_config.ts';
import { sharedFootprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { fakeWorker } from '../support/fake_footprint_worker.ts';

function tile(): Uint8Array {
  const n = 1201;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const lon = 108 + c / 1200;
      const h = 500 + 400 * Math.exp(-(((lon - 108.03) / 0.006) ** 2));
      v.setInt16(2 * (r * n + c), Math.round(h), false);
    }
  return b;
}

let communes: Commune[];
let target: Commune;
let sites: Site[];

beforeAll(async () => {
  const all = communesFromGeoJSON(readFileSync(SAMPLE.boundaries.pre2025, 'utf8'), { file: 'b' }).communes;
  // The smallest commune whose centre lies on the tile, with the sample's sites within 0.1° of it.
  const on = all.filter(
    (c) =>
      c.center && c.center[0] > 108.05 && c.center[0] < 108.95 && c.center[1] > 13.05 && c.center[1] < 13.95,
  );
  target = on.sort((a, b) => a.population - b.population)[0]!;
  communes = all;
  const [lon, lat] = target.center!;
  sites = sitesFromGeoJSON(readFileSync(SAMPLE.sites, 'utf8'), 's').sites.filter(
    (s) => Math.abs(s.lon - lon) < 0.1 && Math.abs(s.lat - lat) < 0.1,
  );
  await loadDem([{ name: 'N13E108.hgt', bytes: tile() }]);
}, 120_000);

const request = (patch: Partial<SiteSuggestRequest> = {}): SiteSuggestRequest => ({
  mode: 'sites',
  technology: '4G',
  operator: null,
  siteOperator: 'MobiFone',
  radius_m: null,
  sources: { centres: true, villages: true, grid: true },
  candidatesCsv: null,
  k: 2,
  targetPct: null,
  measure: 'population',
  scope: { kind: 'commune', id: target.id },
  moveToHighestM: 300,
  ...patch,
});

describe('Suggest sites with a DEM: the candidates’ footprints on the pool first', () => {
  it('the plan finds every footprint it needs in the cache, and is the plan made without the pool', async () => {
    const scenario = { communes, sites, postal: null, villages: [], countingRule: [...POSTAL_CATEGORIES] };
    expect(currentDem()).not.toBeNull();
    const settingOf = settingLookup(communes, communeLocator(communes));
    let sent: readonly Site[] = [];
    const log: string[][] = [];
    const prepared = await prepareSuggest(scenario, request(), async (s) => {
      // Twice: the scenario's sites (their gaps place the candidates), then the candidates.
      sent = [...sent, ...s];
      return precomputeFootprints(s, settingOf, analysisTerrain(currentDem()!, {}), DEFAULT_RADIO, 2, () =>
        fakeWorker(log),
      );
    });
    expect(sent.length).toBe(sites.length + prepared.candidates.length);
    expect(log.flat().length).toBeGreaterThan(prepared.candidates.length);
    const misses = sharedFootprintCache.misses;
    const pooled = runSuggest(scenario, request(), () => {}, prepared);
    // Not one footprint computed by the planner: all were in the cache.
    expect(sharedFootprintCache.misses).toBe(misses);
    expect(pooled.mode === 'sites' && pooled.moves!.total).toBe(prepared.candidates.length);
    const alone = runSuggest(scenario, request(), () => {});
    expect({ ...pooled, ms: 0 }).toEqual({ ...alone, ms: 0 });
  });
});
