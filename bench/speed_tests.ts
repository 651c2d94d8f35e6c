/**
 * Speed tests (issue 16): the full analysis of the sample (293 communes, 3,516 synthetic sites, the
 * sample's postal points, fiber and villages, the bundled targets) with 100,000 synthetic speed tests
 * against the same analysis without them; and the import of those tests from CSV. Target: < 2 s more.
 * Also the calibration alone. Interleaved runs, medians.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { DEFAULT_CONFIG } from '../src/core/base/config.ts';
import { communeLocator } from '../src/core/geometry/commune_locator.ts';
import { calibrationOf, type FullInput, runAnalysis } from '../src/core/run_analysis.ts';
import { communesFromGeoJSON } from '../src/io/import/boundaries.ts';
import { fiberFromGeoJSON } from '../src/io/import/fiber.ts';
import { importFile } from '../src/io/import/import_file.ts';
import { postalFromGeoJSON } from '../src/io/import/postal.ts';
import { sitesFromGeoJSON } from '../src/io/import/sites.ts';
import { targetsFromJson } from '../src/io/import/targets_file.ts';
import { villagesFromGeoJSON } from '../src/io/import/villages.ts';
import { speedTestsCsv, syntheticSpeedTests } from '../tests/support/speed_test_gen.ts';

const root = new URL('../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
const tests = syntheticSpeedTests(sites.slice(0, 400), N, { seed: 16, strayShare: 0.05 });
const csv = speedTestsCsv(tests);
const bytes = new TextEncoder().encode(csv);

console.log(`speed tests (issue 16): ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
runAnalysis(base); // warm-up
runAnalysis({ ...base, speedTests: tests.slice(0, 1000) });
const without: number[] = [];
const withTests: number[] = [];
const imports: number[] = [];
const calibration: number[] = [];
for (let i = 0; i < 5; i++) {
  let t0 = performance.now();
  runAnalysis(base, { gapPolygons: false });
  without.push(performance.now() - t0);
  t0 = performance.now();
  const r = await importFile(bytes, 'speedtests.csv', 'speedtests');
  imports.push(performance.now() - t0);
  t0 = performance.now();
  runAnalysis({ ...base, speedTests: r.items }, { gapPolygons: false });
  withTests.push(performance.now() - t0);
  t0 = performance.now();
  calibrationOf({ ...base, speedTests: r.items }, { config: DEFAULT_CONFIG }, communeLocator(communes));
  calibration.push(performance.now() - t0);
}
const a = median(without);
const b = median(withTests);
const c = median(imports);
console.log(`  analysis without speed tests: ${a.toFixed(0)} ms (median of 5)`);
console.log(
  `  analysis with ${N.toLocaleString('en-US')} speed tests (measured figures, agreement, calibration fit): ${b.toFixed(0)} ms; import of the CSV (${(bytes.length / 1e6).toFixed(1)} MB): ${c.toFixed(0)} ms`,
);
console.log(
  `  added: ${(b - a).toFixed(0)} ms analysis + ${c.toFixed(0)} ms import = ${(b - a + c).toFixed(0)} ms (target < 2,000 ms: ${b - a + c < 2000 ? 'met' : 'NOT met'}); the calibration fit alone ${median(calibration).toFixed(0)} ms`,
);
