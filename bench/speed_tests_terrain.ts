/**
 * Speed tests with terrain (issue 16): the calibration's loss-offset fit (`calibrateOffsets`) with
 * 100,000 synthetic speed tests on a synthetic 3″ DEM, and the full analysis of the sample with that
 * DEM, with and without the tests. The DEM covers 108.3–108.6° E, 13.45–13.75° N (rough relief,
 * `tests/support/rough_terrain.ts`), so its ~120 sites get terrain footprints and the rest keep their circles;
 * every test lies on it. The footprints are computed once first (2 worker threads) and shared, so the
 * runs time the analysis and the fit, not the propagation model. Interleaved runs, medians.
 * `tsx bench/speed_tests_terrain.ts [N]` for another number of tests.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { precomputeTerrain } from '../src/cli/terrain_precompute.ts';
import type { Setting, Site } from '../src/core/base/types.ts';
import { communeLocator } from '../src/core/geometry/commune_locator.ts';
import { MAX_FIT_RECORDS } from '../src/core/measured/calibrate_offset.ts';
import { DEFAULT_RADIO } from '../src/core/propagation/radio_config.ts';
import {
  calibrationOf,
  type FullInput,
  measuredOf,
  offsetCalibrationOf,
  runAnalysis,
} from '../src/core/run_analysis.ts';
import { defaultTerrainModel } from '../src/core/terrain/default_terrain_model.ts';
import { footprintCache } from '../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../src/core/terrain/grid_dem.ts';
import { terrainContext } from '../src/core/terrain/terrain_context.ts';
import { communesFromGeoJSON } from '../src/io/import/boundaries.ts';
import { fiberFromGeoJSON } from '../src/io/import/fiber.ts';
import { postalFromGeoJSON } from '../src/io/import/postal.ts';
import { sitesFromGeoJSON } from '../src/io/import/sites.ts';
import { targetsFromJson } from '../src/io/import/targets_file.ts';
import { villagesFromGeoJSON } from '../src/io/import/villages.ts';
import { roughTerrain } from '../tests/support/rough_terrain.ts';
import { syntheticSpeedTests } from '../tests/support/speed_test_gen.ts';

const root = new URL('../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const BOX: [number, number, number, number] = [108.3, 13.45, 108.6, 13.75];
const inBox = (lon: number, lat: number) => lon >= BOX[0] && lon <= BOX[2] && lat >= BOX[1] && lat <= BOX[3];

const { communes } = communesFromGeoJSON(read('data/sample/communes-pre2025.geojson'), { file: 'communes' });
const { sites } = sitesFromGeoJSON(read('data/synthetic/sites.synthetic.geojson'), 'sites');
const base: FullInput = {
  communes,
  sites,
  postal: postalFromGeoJSON(read('data/synthetic/postal.synthetic.geojson'), 'postal').points,
  fiber: fiberFromGeoJSON(read('data/synthetic/fiber.synthetic.geojson'), 'fiber').routes,
  villages: villagesFromGeoJSON(read('data/synthetic/villages.synthetic.geojson'), 'villages').villages,
  targets: ['gialai', 'daknong'].map((p) => {
    const t = targetsFromJson(read(`data/targets/${p}.json`), p);
    return { province: t.province, targets: t.targets };
  }),
};
const N = Number(process.argv[2] ?? 100_000);
console.log(
  `speed tests with terrain (issue 16): ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`,
);
// Rough highland relief (ridges and valleys at 0.3–6 km scales) in local metres from the box's corner.
const relief = roughTerrain(16);
const dem = gridDem([
  syntheticGrid(
    BOX,
    1 / 1200,
    (lon, lat) => relief((lon - BOX[0]) * 108_000, (lat - BOX[1]) * 110_600),
    'rough 3″ terrain',
  ),
]);
const onDem = sites.filter((x) => inBox(x.lon, x.lat));
// N tests around the sites on the DEM, all on it (those generated off it are dropped).
const tests = syntheticSpeedTests(onDem, Math.round(N * 1.6), { seed: 16 })
  .filter((t) => inBox(t.lon, t.lat))
  .slice(0, N);
if (tests.length < N) throw new Error(`only ${tests.length} tests on the DEM`);

const model = defaultTerrainModel(DEFAULT_RADIO);
const cache = footprintCache();
const options = { terrain: { model, cache }, gapPolygons: false as const };
const locator = communeLocator(communes);
const settingOf = (x: Site): Setting => {
  const i = locator.locate(x.lon, x.lat);
  return i >= 0 ? communes[i]!.setting : 'rural';
};
const pre = await precomputeTerrain(
  onDem,
  settingOf,
  terrainContext(dem, { model, cache }),
  DEFAULT_RADIO,
  Math.min(2, availableParallelism()),
);
console.log(
  `  ${onDem.length} sites (${pre.cells} cells) on the DEM; their footprints computed first in ${pre.seconds.toFixed(1)} s on ${pre.threads || 1} thread(s); ${tests.length.toLocaleString('en-US')} tests on it`,
);

const input = { ...base, dem };
runAnalysis(input, options); // warm-up
/** Wall and CPU (this process: user + system) times of each step, ms, by step. */
const wall = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
function timed<T>(step: string, run: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = run();
  const c = process.cpuUsage(c0);
  wall.set(step, [...(wall.get(step) ?? []), performance.now() - t0]);
  cpu.set(step, [...(cpu.get(step) ?? []), (c.user + c.system) / 1000]);
  return out;
}
const withTests = { ...input, speedTests: tests };
let fits = offsetCalibrationOf(withTests, options, locator) ?? [];
for (let i = 0; i < 3; i++) {
  timed('without', () => runAnalysis(input, options));
  timed('with', () => runAnalysis(withTests, options));
  fits = timed('offset fit', () => offsetCalibrationOf(withTests, options, locator) ?? []);
  timed('measured', () => measuredOf(withTests, options, locator));
  timed('radius fit', () => calibrationOf(withTests, options, locator));
}
/** A step's median wall time, and its median CPU time. */
const both = (step: string) => `${s(median(wall.get(step)!))} (CPU ${s(median(cpu.get(step)!))})`;
const added = (m: Map<string, number[]>) => median(m.get('with')!) - median(m.get('without')!);
const used = fits.reduce((n, f) => n + f.tests, 0);
console.log(
  `  loss-offset fit alone: ${both('offset fit')} (medians of 3) for ${fits.length} operator × technology groups, ${used.toLocaleString('en-US')} tests used (at most ${MAX_FIT_RECORDS.toLocaleString('en-US')} a group)`,
);
console.log(
  `  analysis of the sample with the DEM: ${both('without')} without speed tests, ${both('with')} with them (measured figures, agreement over the terrain footprints, radius and offset fits): ${s(added(wall))} added (CPU ${s(added(cpu))}; target < 2 s: ${added(wall) < 2000 ? 'met' : 'NOT met'})`,
);
console.log(
  `  of which: measured figures and agreement over the terrain footprints ${both('measured')}, the radius fit ${both('radius fit')}, the offset fit ${both('offset fit')}`,
);
for (const f of fits)
  console.log(
    `    ${f.operator} ${f.technology}: ${f.tests} tests, offset ${f.offset_db >= 0 ? '+' : ''}${f.offset_db.toFixed(1)} dB, agreement ${f.agreement_before_pct.toFixed(1)} % → ${f.agreement_after_pct.toFixed(1)} %`,
  );
