/**
 * "Suggest sites" with a DEM: the uncovered-village candidates are the villages outside the existing
 * sites' TERRAIN footprints, not outside their circles (a regression: `requestCandidates` used to
 * judge the existing coverage by circles even with a DEM). One 4G site 1.9 km west of a 400 m ridge
 * (a synthetic 3″ tile N13E108, the ridge along 108.03° E, loaded through the worker's `loadDem`);
 * one village 1 km west of the site, in the open, and one 1.3 km east of the crest, in its shadow.
 * Both lie inside the site's 4 km circle (distances by Turf), so circles would call both covered.
 */
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSuggestRequest } from '../../src/app/worker/suggest_types.ts';
import { clearDem, loadDem } from '../../src/app/worker/worker_dem.ts';
import { requestCandidates } from '../../src/app/worker/worker_plan.ts';
import { SAMPLE } from '../../src/cli/paths.ts';
import type { Village } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';

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
let commune: Commune;
let site: Site;
let villages: Village[];

const request: SiteSuggestRequest = {
  mode: 'sites',
  technology: '4G',
  operator: null,
  siteOperator: 'MobiFone',
  radius_m: null,
  // The commune centre too, so that a request never has no candidate at all (only villages are checked).
  sources: { centres: true, villages: true, grid: false },
  candidatesCsv: null,
  k: 1,
  targetPct: null,
  measure: 'population',
  scope: { kind: 'all' },
};

beforeAll(() => {
  communes = communesFromGeoJSON(readFileSync(SAMPLE.boundaries.pre2025, 'utf8'), { file: 'b' }).communes;
  const locator = communeLocator(communes);
  // A latitude on the tile where one commune holds the site and both villages.
  const lons = [108.003, 108.012, 108.042];
  const lat = [13.5, 13.6, 13.7, 13.8, 13.4, 13.3, 13.2, 13.9].find((y) => {
    const at = lons.map((x) => locator.locate(x, y));
    return at[0]! >= 0 && at.every((i) => i === at[0]);
  });
  if (lat === undefined) throw new Error('no commune holds the three points');
  commune = communes[locator.locate(108.012, lat)]!;
  const { id: communeId } = commune;
  site = { id: 'S', operator: 'VNPT', lon: 108.012, lat, technologies: ['4G'] };
  villages = [
    { id: 'open', communeId, lon: 108.003, lat, population: 100, hasGridPower: true },
    { id: 'shadow', communeId, lon: 108.042, lat, population: 100, hasGridPower: true },
  ];
  request.scope = { kind: 'commune', id: commune.id };
});

afterAll(() => clearDem());

const scenario = () => ({ communes, sites: [site], villages, postal: null, countingRule: [] });
const villageCandidates = () =>
  requestCandidates(scenario(), request)
    .candidates.filter((c) => c.source === 'uncovered_village')
    .map((c) => c.id)
    .sort();

describe('Suggest candidates with a DEM: gaps of the terrain footprints', () => {
  it('both villages lie inside the 4 km circle: without a DEM, neither is a candidate', () => {
    for (const v of villages)
      expect(turf.distance([site.lon, site.lat], [v.lon, v.lat], { units: 'kilometers' })).toBeLessThan(4);
    expect(commune.setting).toBe('rural');
    expect(villageCandidates()).toEqual([]);
  });

  it('with the DEM, the village in the ridge’s shadow is a candidate, the open one is not', async () => {
    await loadDem([{ name: 'N13E108.hgt', bytes: tile() }]);
    expect(villageCandidates()).toEqual(['village:shadow']);
  }, 120_000);
});
