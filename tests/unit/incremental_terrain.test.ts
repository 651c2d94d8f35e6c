/**
 * What-if updates on a DEM with the default propagation model: the terrain footprints are ragged
 * polygons with holes, the update gives back the kept rows of the pairs it did not change (the scan
 * memo) and rescans the others, and after every edit of a chain the result must equal a full
 * `runAnalysis` of the edited input.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { ringsBBox, ringsOf } from '../../src/core/geometry/point_in_polygon.ts';
import { type AnalysisState, startAnalysis, updateAnalysis } from '../../src/core/incremental_analysis.ts';
import { DEFAULT_RADIO } from '../../src/core/propagation/radio_config.ts';
import { type FullInput, runAnalysis } from '../../src/core/run_analysis.ts';
import { defaultTerrainModel } from '../../src/core/terrain/default_terrain_model.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';
import { differences } from '../support/differences.ts';
import { deepFreeze } from '../support/freeze.ts';
import { highlandTerrain } from '../support/rough_terrain.ts';
import { loadSample, ROOT } from '../support/sample.ts';

// A corner of Gia Lai (about 25 × 25 km), its communes and sites, on a rough 3″ DEM a little larger.
const AREA: [number, number, number, number] = [108.0, 13.9, 108.25, 14.15];
const inArea = (lon: number, lat: number) =>
  lon >= AREA[0] && lon <= AREA[2] && lat >= AREA[1] && lat <= AREA[3];
const terrain = { model: defaultTerrainModel(DEFAULT_RADIO), cache: footprintCache() };
const options = { terrain, gapPolygons: false } as const;
let input: FullInput;
let base: AnalysisState;

const fullOf = (state: AnalysisState) => runAnalysis(state.input, options);

beforeAll(() => {
  const sample = loadSample('pre2025');
  const communes: Commune[] = sample.communes.filter((c) => {
    const [w, s, e, n] = ringsBBox(ringsOf(c.geometry));
    return inArea((w + e) / 2, (s + n) / 2);
  });
  const sites: Site[] = sample.sites.filter((s) => inArea(s.lon, s.lat));
  const { villages } = villagesFromGeoJSON(
    JSON.parse(readFileSync(`${ROOT}data/synthetic/villages.synthetic.geojson`, 'utf8')),
    'villages',
  );
  const dem = gridDem([
    syntheticGrid(
      [AREA[0] - 0.1, AREA[1] - 0.1, AREA[2] + 0.1, AREA[3] + 0.1],
      1 / 1200,
      highlandTerrain,
      'rough',
    ),
  ]);
  input = deepFreeze({
    communes,
    sites,
    villages: villages.filter((v) => inArea(v.lon, v.lat)),
    dem,
  });
  base = startAnalysis(input, options);
}, 120_000);

describe('updateAnalysis on a DEM', () => {
  it('has what it needs: several communes, operators and technologies, ragged footprints', () => {
    expect(input.communes.length).toBeGreaterThan(5);
    expect(new Set(input.sites.map((s) => s.operator)).size).toBeGreaterThan(2);
    expect(base.result.mobile.technologies.length).toBeGreaterThan(1);
    expect(base.result.mobile.terrain?.terrain_cells).toBeGreaterThan(20);
  });

  it('a chain of moves, an addition and a deletion equals a full run after every edit', () => {
    const pick = (op: string) => input.sites.find((s) => s.operator === op)!;
    const operators = [...new Set(input.sites.map((s) => s.operator))].sort();
    const a = pick(operators[0]!);
    const b = pick(operators[1]!);
    const shift = (s: Site, dLon: number, dLat: number): Site => ({
      ...s,
      lon: s.lon + dLon,
      lat: s.lat + dLat,
    });
    const added: Site = { ...b, id: 'WHATIF-T', lon: 108.12, lat: 14.02 };
    const steps: ((sites: readonly Site[]) => Site[])[] = [
      (sites) => sites.map((s) => (s.id === a.id ? shift(s, 0.001, 0) : s)),
      (sites) => sites.map((s) => (s.id === a.id ? shift(s, 0.001, 0.001) : s)),
      (sites) => sites.map((s) => (s.id === b.id ? shift(s, -0.01, 0.004) : s)),
      (sites) => [...sites, added],
      (sites) => sites.filter((s) => s.id !== a.id),
      (sites) => sites.map((s) => (s.id === 'WHATIF-T' ? shift(s, 0.002, 0) : s)),
      () => [...input.sites],
    ];
    let state = base;
    let recomputed = 0;
    for (const step of steps) {
      const r = updateAnalysis(state, { sites: step(state.input.sites) });
      state = r.state;
      recomputed += r.summary.recomputedCommunes.length;
      expect(differences(state.result, fullOf(state))).toEqual([]);
    }
    expect(recomputed).toBeGreaterThan(steps.length);
    // Back to the start: the baseline's figures.
    expect(differences(state.result.units, base.result.units)).toEqual([]);
    // The later updates gave rows back instead of scanning every pair.
    expect(state.cache.scanRows.size).toBeGreaterThan(0);
  }, 300_000);
});
