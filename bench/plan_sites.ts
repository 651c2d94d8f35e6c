/**
 * Site planning speed: the sample province (Gia Lai + Đắk Nông, pre-2025, 293 communes) with 5,000
 * candidate sites and k = 100, end to end in the core (population points, existing coverage,
 * candidate footprints, lazy greedy, local search), and lazy against plain greedy on the same problem.
 * Candidates sit at seeded random populated places (a demand point, moved up to 300 m).
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../src/core/base/config.ts';
import type { Village } from '../src/core/base/infrastructure.ts';
import type { Commune, Site, Technology } from '../src/core/base/types.ts';
import { pointIndex } from '../src/core/coverage/point_index.ts';
import { communeLocator } from '../src/core/geometry/commune_locator.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../src/core/geometry/local_projection.ts';
import { candidateCoverage } from '../src/core/planning/candidate_coverage.ts';
import { demandPoints } from '../src/core/planning/demand_points.ts';
import { existingCoverage } from '../src/core/planning/existing_coverage.ts';
import { greedyCover } from '../src/core/planning/greedy_cover.ts';
import { improveCover } from '../src/core/planning/improve_cover.ts';
import { planSites } from '../src/core/planning/plan_sites.ts';
import type { Candidate } from '../src/core/planning/plan_types.ts';
import { communesFromGeoJSON } from '../src/io/import/boundaries.ts';
import { sitesFromGeoJSON } from '../src/io/import/sites.ts';
import { villagesFromGeoJSON } from '../src/io/import/villages.ts';

const root = new URL('../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T, runs = 5): [T, number] {
  let result = fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  return [result, median(ms)];
}

function randomCandidates(
  communes: Commune[],
  villages: Village[] | undefined,
  n: number,
  seed: number,
): Candidate[] {
  const { points } = demandPoints(communes, villages);
  const rnd = mulberry32(seed);
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const p = points[Math.floor(rnd() * points.length)]!;
    const r = 300 * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    out.push({
      id: `K${String(i).padStart(4, '0')}`,
      lon: p.lon + (r * Math.cos(a)) / metresPerDegreeLon(p.lat),
      lat: p.lat + (r * Math.sin(a)) / metresPerDegreeLat(p.lat),
      source: 'file',
    });
  }
  return out;
}

const { communes } = communesFromGeoJSON(read('data/sample/communes-pre2025.geojson'), { file: 'communes' });
const { sites } = sitesFromGeoJSON(read('data/synthetic/sites.synthetic.geojson'), 'sites');
const { villages } = villagesFromGeoJSON(read('data/synthetic/villages.synthetic.geojson'), 'villages');
const K = 100;
const N = 5000;

function benchCase(label: string, technology: Technology, vill: Village[] | undefined) {
  const candidates = randomCandidates(communes, vill, N, 2026);
  const input = { communes, sites: sites as Site[], candidates, ...(vill ? { villages: vill } : {}) };
  const [plan, total] = time(() => planSites(input, { technology, k: K }));
  const [, totalPlain] = time(
    () => planSites(input, { technology, k: K, lazy: false, localSearch: false }),
    3,
  );

  // The greedy step alone, on the problem planSites builds.
  const { points } = demandPoints(communes, vill);
  const index = pointIndex(points);
  const existing = existingCoverage(points, index, sites, communes, { technology }, DEFAULT_CONFIG);
  const locator = communeLocator(communes);
  const radii = Float64Array.from(candidates, (c) => {
    const i = locator.locate(c.lon, c.lat);
    return DEFAULT_CONFIG.radii[technology][i >= 0 ? communes[i]!.setting : 'rural'];
  });
  const { offsets, lists } = candidateCoverage(candidates, radii, index, technology, DEFAULT_CONFIG);
  const problem = {
    weights: Float64Array.from(points, (p) => p.population),
    covered: existing.covered,
    offsets,
    lists,
  };
  const [lazy, lazyMs] = time(() => greedyCover(problem, { maxPicks: K }));
  const [plain, plainMs] = time(() => greedyCover(problem, { maxPicks: K, lazy: false }), 3);
  const [improved, improveMs] = time(
    () =>
      improveCover(
        problem,
        lazy.picks.map((p) => p.candidate),
      ),
    3,
  );
  const same = lazy.picks.every((p, i) => p.candidate === plain.picks[i]?.candidate);
  const totalPop = points.reduce((s, p) => s + p.population, 0);
  console.log(
    `plan-sites, ${label}, ${technology}, ${N.toLocaleString('en-US')} candidates, k = ${K}: ` +
      `${total.toFixed(0)} ms end to end (median of 5; ${points.length.toLocaleString('en-US')} population points, ` +
      `${lists.length.toLocaleString('en-US')} candidate–point pairs); ` +
      `${plan.existing.population_pct.toFixed(2)} % → ${plan.curve.at(-1)!.population_pct.toFixed(2)} % covered`,
  );
  console.log(
    `  greedy step: lazy ${lazyMs.toFixed(1)} ms (${lazy.evaluations.toLocaleString('en-US')} gain evaluations), ` +
      `plain ${plainMs.toFixed(1)} ms (${plain.evaluations.toLocaleString('en-US')}): ${(plainMs / lazyMs).toFixed(0)}× faster, ` +
      `same picks: ${same ? 'yes' : 'NO'}; end to end with plain greedy and no local search ${totalPlain.toFixed(0)} ms`,
  );
  console.log(
    `  local search (${improved.restarts} restarts + swaps): ${improveMs.toFixed(0)} ms, covered ` +
      `${((100 * lazy.coveredWeight) / totalPop).toFixed(3)} % → ${((100 * improved.weight) / totalPop).toFixed(3)} % ` +
      `(${improved.swaps} swaps on the winning run)`,
  );
}

benchCase('villages (4,292, sample)', '5G', villages);
benchCase('census on 250 m grid cells', '5G', undefined);
benchCase('census on 250 m grid cells', '4G', undefined);
