/**
 * `npm run bench`: engine speed on the bundled sample, the naive way's speed on the same data and
 * their ratio, then the national-scale synthetic case (time and peak memory, in a child process),
 * site planning, one cell's terrain footprint (`bench/terrain_cell.ts`), terrain footprints on the whole
 * sample (`bench/terrain_sample.ts`), 100,000 speed tests against none (`bench/speed_tests.ts`) and on a
 * synthetic DEM with the loss-offset fit (`bench/speed_tests_terrain.ts`), import
 * on pathological inputs, memory on big sites CSVs (`bench/memory.ts`), the
 * CLI's start-up (`bench/cli_startup.ts`, also `npm run bench:cli` alone), the same figures in
 * PostGIS (`bench/postgis.ts`, when a server is reachable) and the app's first render.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { analyze } from '../src/core/coverage/analyze.ts';
import { communesFromGeoJSON } from '../src/io/import/boundaries.ts';
import { sitesFromGeoJSON } from '../src/io/import/sites.ts';
import { naiveCoverage } from './naive.ts';

const root = new URL('../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

const { communes } = communesFromGeoJSON(read('data/sample/communes-pre2025.geojson'), { file: 'communes' });
const { sites } = sitesFromGeoJSON(read('data/synthetic/sites.synthetic.geojson'), 'sites');
const combos = 5 * (1 + new Set(sites.map((s) => s.operator)).size);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
console.log(
  `sample: ${communes.length} communes (Gia Lai + Đắk Nông, pre-2025), ${sites.length} synthetic sites, ${combos} technology × operator combinations`,
);

analyze({ communes, sites }); // warm-up (JIT)
// Fresh geometry objects each run, so commune areas (cached per geometry) are computed every time.
const fresh = () => communes.map((c) => ({ ...c, geometry: structuredClone(c.geometry) }));
const statsRuns: number[] = [];
const fullRuns: number[] = [];
for (let i = 0; i < 7; i++) {
  const a = fresh();
  statsRuns.push(time(() => analyze({ communes: a, sites }, {}, { gapPolygons: false }))[1]);
  const b = fresh();
  fullRuns.push(time(() => analyze({ communes: b, sites }))[1]);
}
const engineStats = median(statsRuns);
const engineFull = median(fullRuns);
console.log(`engine, all combinations, figures only: ${engineStats.toFixed(1)} ms (median of 7)`);
console.log(`engine, all combinations, figures + gap polygons: ${engineFull.toFixed(1)} ms (median of 7)`);

// 2G/all (2,110 circles of 12 km) is left out: Turf's union ran out of a 4 GB heap after 6 minutes.
const naiveCombos: ['4G' | '5G', string][] = [
  ['5G', 'all'],
  ['4G', 'all'],
];
let naiveTotal = 0;
for (const [t, o] of naiveCombos) {
  const [, ms] = time(() => naiveCoverage(communes, sites, t, o));
  naiveTotal += ms;
  console.log(`naive (turf union of 64-step circles, ∩ each commune), ${t}/${o}: ${ms.toFixed(0)} ms`);
}
const naivePerCombo = naiveTotal / naiveCombos.length;
console.log(
  `naive, ${naiveCombos.length} combinations measured: ${naiveTotal.toFixed(0)} ms; ` +
    `extrapolated to all ${combos}: ${(naivePerCombo * combos).toFixed(0)} ms`,
);
console.log(
  `ratio (naive on ${naiveCombos.length} combinations ÷ engine on all ${combos}, with gaps): ${(naiveTotal / engineFull).toFixed(0)}×`,
);
console.log(
  `ratio (naive extrapolated to all ${combos} ÷ engine with gaps): ${((naivePerCombo * combos) / engineFull).toFixed(0)}×`,
);

const out = execFileSync(
  process.execPath,
  ['--import', 'tsx', new URL('national.ts', import.meta.url).pathname],
  {
    encoding: 'utf8',
  },
);
console.log(out.trim());

// Site planning (issue 6): the sample province with 5,000 candidates and k = 100, lazy vs plain greedy.
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('plan_sites.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// Terrain footprints (issue 17): the whole sample on a synthetic 3″ DEM, on every core, then from the cache.
console.log(
  execFileSync(
    process.execPath,
    ['--import', 'tsx', new URL('terrain_sample.ts', import.meta.url).pathname],
    {
      encoding: 'utf8',
    },
  ).trim(),
);

// Speed tests (issue 16): 100,000 tests on the sample against the analysis without them.
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('speed_tests.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// Speed tests with terrain (issue 16): the loss-offset fit with 100,000 tests on a synthetic DEM.
console.log(
  execFileSync(
    process.execPath,
    ['--import', 'tsx', new URL('speed_tests_terrain.ts', import.meta.url).pathname],
    { encoding: 'utf8' },
  ).trim(),
);

// One cell's terrain footprint (issue 17): 15 km on a 1″ synthetic DEM, against brute-force profiles.
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('terrain_cell.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// Import on pathological inputs (the speed targets the import unit tests used to assert).
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('import_speed.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// Memory under the stated limits (issue 12): 200 MB and 512 MiB sites CSVs, import and CLI analyze.
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('memory.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// The CLI's start-up: bundled vs tsx, whole processes (--version, --help, analyze on the sample).
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('cli_startup.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// The same four figures per commune in PostGIS, when a local server is reachable (else one line on how).
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('postgis.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);

// The app's first render on the sample (issue 4), in headless Chromium.
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', new URL('first_render.ts', import.meta.url).pathname], {
    encoding: 'utf8',
  }).trim(),
);
