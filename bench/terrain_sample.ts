/**
 * Terrain footprints on the whole sample (issue 17): every cell of the synthetic sites on a synthetic
 * 3″ DEM covering the provinces (rough, deterministic terrain: ridges and valleys of 2–20 km), with
 * the default propagation model, computed on every core (worker threads, as `analyze --dem` does),
 * then the analysis; a second run reads the footprints back from a `--terrain-cache` directory.
 * With `TERRAIN_BENCH_COMPARE=traced` the first run's footprints are computed as traced
 * (`sweep.simplifyTolerance_m: 0`) and simplified here as `terrainFootprint` does (checked on a few
 * cells), so that the analysis is timed on the same footprints both ways, with their vertices per
 * footprint. Prints the figures for the README. `TERRAIN_BENCH_SITES=N` takes every k-th site so that about N
 * are left (a spread-out subset, for a quicker run); `TERRAIN_BENCH_MODEL=half-disc` uses the tests'
 * stand-in model (on this thread) to time the engine's side alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTerrainCache, saveTerrainCache } from '../src/cli/terrain_cache_file.ts';
import { precomputeTerrain } from '../src/cli/terrain_precompute.ts';
import { cellsOf } from '../src/core/base/site_cells.ts';
import type { Setting, Site } from '../src/core/base/types.ts';
import { communeLocator } from '../src/core/geometry/commune_locator.ts';
import { simplifyRings } from '../src/core/geometry/simplify_rings.ts';
import { radialSweep } from '../src/core/propagation/radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from '../src/core/propagation/radio_config.ts';
import type { TerrainFootprint } from '../src/core/propagation/radio_types.ts';
import { resolveRadioCell } from '../src/core/propagation/resolve_radio_cell.ts';
import { terrainFootprint } from '../src/core/propagation/terrain_footprint.ts';
import { runAnalysis } from '../src/core/run_analysis.ts';
import { defaultTerrainModel } from '../src/core/terrain/default_terrain_model.ts';
import { footprintCache } from '../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../src/core/terrain/grid_dem.ts';
import { type TerrainContext, terrainContext } from '../src/core/terrain/terrain_context.ts';
import { halfDiscModel } from '../tests/support/half_disc_model.ts';
import { highlandTerrain } from '../tests/support/rough_terrain.ts';
import { loadSample } from '../tests/support/sample.ts';

const limit = Number(process.env.TERRAIN_BENCH_SITES ?? Number.POSITIVE_INFINITY);
const halfDisc = process.env.TERRAIN_BENCH_MODEL === 'half-disc';
/** `TERRAIN_BENCH_COMPARE=traced`: trace without simplifying on the workers, simplify here, and time the
 * analysis on both outlines (the simplification's gain), instead of the `analyze --dem` path. */
const compareTraced = process.env.TERRAIN_BENCH_COMPARE === 'traced';
const sample = loadSample('pre2025');
const communes = sample.communes;
const every = Math.max(1, Math.floor(sample.sites.length / Math.min(limit, sample.sites.length)));
const sites = sample.sites.filter((_s, i) => i % every === 0);
const cells = sites.reduce((a, s) => a + cellsOf(s).length, 0);
const threads = availableParallelism();
console.log(`terrain: machine ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);

let t = performance.now();
const dem = gridDem([
  syntheticGrid([107.0, 10.3, 109.6, 14.9], 1 / 1200, highlandTerrain, 'rough 3″ terrain'),
]);
console.log(
  `terrain: synthetic 3″ DEM of 107.0–109.6° E, 10.3–14.9° N built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const locator = communeLocator(communes);
const settingOf = (s: Site): Setting => {
  const i = locator.locate(s.lon, s.lat);
  return i >= 0 ? communes[i]!.setting : 'rural';
};
const model = halfDisc ? halfDiscModel() : defaultTerrainModel(DEFAULT_RADIO);
console.log(`terrain: model ${model.name.en}`);

/** One run: precompute (workers) into `cache`, then the full analysis reading it. */
async function run(label: string, dir: string | null, save: boolean) {
  const cache = footprintCache();
  const context = terrainContext(dem, { model, cache });
  const t0 = performance.now();
  const restored = dir ? loadTerrainCache(dir, context) : 0;
  const tRead = performance.now() - t0;
  const c0 = process.cpuUsage();
  const pre = await precomputeTerrain(sites, settingOf, context, DEFAULT_RADIO, halfDisc ? 1 : threads);
  const cpu = process.cpuUsage(c0);
  const t1 = performance.now();
  const r = runAnalysis({ communes, sites, dem }, { terrain: { model, cache } });
  const tAnalysis = performance.now() - t1;
  const total = performance.now() - t0;
  console.log(
    `terrain: ${label}: ${pre.cells} terrain cells; ${restored ? `${restored} read from the cache dir in ${(tRead / 1000).toFixed(1)} s, ` : ''}` +
      `${pre.computed} computed on ${pre.threads || 1} thread(s) in ${pre.seconds.toFixed(1)} s ` +
      `(process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s${pre.busy.length ? `, threads busy ${pre.busy.map((b) => `${(100 * b).toFixed(0)} %`).join(', ')}` : ''}); analysis ${(tAnalysis / 1000).toFixed(1)} s; total ${(total / 1000).toFixed(1)} s`,
  );
  if (save && dir) {
    const t2 = performance.now();
    const n = saveTerrainCache(dir, context);
    console.log(
      `terrain: ${n} footprints written to the cache dir in ${((performance.now() - t2) / 1000).toFixed(1)} s`,
    );
  }
  const any = r.units
    .find((u) => u.level === 'province')
    ?.coverage.find((c) => c.technology === 'any' && c.operator === 'all');
  return any?.area_pct ?? Number.NaN;
}

console.log(
  `terrain: ${sites.length} sites, ${cells} cells, ${communes.length} communes, ${threads} worker threads`,
);
if (!halfDisc) {
  // One thread on a few cells spread over the sample, for the speed-up of the worker threads.
  const few = sites.filter((_s, i) => i % Math.max(1, Math.floor(sites.length / 24)) === 0).slice(0, 24);
  const ctx = terrainContext(dem, { model, cache: footprintCache() });
  const one = await precomputeTerrain(few, settingOf, ctx, DEFAULT_RADIO, 1);
  console.log(
    `terrain: one thread: ${one.computed} cells in ${one.seconds.toFixed(1)} s (${((1000 * one.seconds) / Math.max(1, one.computed)).toFixed(0)} ms per cell)`,
  );
  // The radial sweep alone per technology, CPU ms per cell, on every 20th site's cells taken as the
  // precompute hands them over (a site's cells in a row, the longest range first); best of 3 passes.
  const reach = (t: keyof typeof DEFAULT_RADIO.technologies) => DEFAULT_RADIO.technologies[t].maxRange_m;
  const row = sites
    .filter((_s, i) => i % 20 === 0)
    .flatMap((s) =>
      cellsOf(s)
        .filter((c) => !c.coverage)
        .map((c) => resolveRadioCell(s, c, settingOf(s), DEFAULT_RADIO))
        .sort((a, b) => reach(b.technology) - reach(a.technology)),
    );
  const best: Record<string, { ms: number; n: number }> = {};
  for (let pass = 0; pass < 3; pass++) {
    const sum: Record<string, { ms: number; n: number }> = {};
    for (const c of row) {
      const c0 = process.cpuUsage();
      radialSweep(c, dem, DEFAULT_RADIO);
      const u = process.cpuUsage(c0);
      const e = sum[c.technology] ?? { ms: 0, n: 0 };
      e.ms += (u.user + u.system) / 1000;
      e.n++;
      sum[c.technology] = e;
    }
    for (const [t, e] of Object.entries(sum)) if (!best[t] || e.ms < best[t].ms) best[t] = e;
  }
  console.log(
    `terrain: radial sweep alone, CPU per cell (${row.length} cells of every 20th site): ${Object.entries(
      best,
    )
      .sort()
      .map(([t, e]) => `${t} ${(e.ms / e.n).toFixed(1)} ms (${e.n})`)
      .join(', ')}`,
  );
}
/** Analysis seconds (wall and CPU of this thread's process) and the province's area coverage (any). */
function analysis(context: TerrainContext) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = runAnalysis(
    { communes, sites, dem },
    { terrain: { model: context.model, cache: context.cache } },
  );
  const cpu = process.cpuUsage(c0);
  const any = r.units
    .find((u) => u.level === 'province')
    ?.coverage.find((c) => c.technology === 'any' && c.operator === 'all');
  return {
    wall: (performance.now() - t0) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6,
    pct: any?.area_pct ?? Number.NaN,
  };
}

/** Mean and largest vertices per footprint (every ring's, with its closing vertex) in a context's cache. */
function vertexStats(context: TerrainContext) {
  let total = 0;
  let most = 0;
  const entries = context.cache.entries();
  for (const e of entries) {
    const v = e.footprint.rings.reduce((a, r) => a + r.length, 0);
    total += v;
    most = Math.max(most, v);
  }
  return `${(total / Math.max(1, entries.length)).toFixed(0)} mean, ${most} most`;
}

/** A traced footprint simplified as `terrainFootprint` does it (`simplifyRings`, then the box). */
function simplifiedOf(f: TerrainFootprint, lon: number, lat: number, radio: RadioConfig): TerrainFootprint {
  const rings = simplifyRings(f.rings, lon, lat, radio.sweep.simplifyTolerance_m ?? dem.spacing_m);
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [x, y] of ring) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  return { rings, bbox: [w, s, e, n], outsideDemShare: f.outsideDemShare };
}

const dir = mkdtempSync(join(tmpdir(), 'vungphu-terrain-bench-'));
try {
  if (halfDisc) {
    const a = await run('first run', dir, true);
    const b = await run('second run, from the cache dir', dir, false);
    console.log(
      `terrain: province area coverage (any) ${a.toFixed(2)} % and ${b.toFixed(2)} % (must be equal)`,
    );
  } else if (!compareTraced) {
    // As `analyze --dem` does it: the workers trace and simplify, then the analysis; then from the cache.
    const a = await run('first run (as analyze --dem)', dir, true);
    const b = await run('second run, from the cache dir', dir, false);
    console.log(
      `terrain: province area coverage (any) ${a.toFixed(2)} % and ${b.toFixed(2)} % (must be equal)`,
    );
  } else {
    const tracedRadio: RadioConfig = structuredClone(DEFAULT_RADIO);
    tracedRadio.sweep.simplifyTolerance_m = 0;
    const traced = terrainContext(dem, { model: defaultTerrainModel(tracedRadio), cache: footprintCache() });
    const simple = terrainContext(dem, { model, cache: footprintCache() });
    const pre = await precomputeTerrain(sites, settingOf, traced, tracedRadio, threads);
    const t1 = performance.now();
    let checked = 0;
    for (const site of sites)
      for (const cell of cellsOf(site)) {
        if (cell.coverage) continue;
        const setting = settingOf(site);
        const kt = traced.keyOf(site, cell, setting);
        const ks = simple.keyOf(site, cell, setting);
        if (!kt || !ks || simple.cache.get(ks.key)) continue;
        simple.cache.set(
          ks.key,
          simplifiedOf(traced.cache.get(kt.key)!, ks.radio.lon, ks.radio.lat, DEFAULT_RADIO),
        );
      }
    const tSimplify = (performance.now() - t1) / 1000;
    // The simplification here is the model's own: the same footprint on a few cells, computed whole.
    for (const [i, site] of sites.entries()) {
      if (i % Math.max(1, Math.floor(sites.length / 5)) !== 0) continue;
      const cell = cellsOf(site)[0]!;
      const ks = simple.keyOf(site, cell, settingOf(site));
      if (!ks) continue;
      const own = terrainFootprint(ks.radio, dem, DEFAULT_RADIO);
      if (JSON.stringify(own) !== JSON.stringify(simple.cache.get(ks.key)))
        throw new Error(`the bench's simplification differs from terrainFootprint's (site ${site.id})`);
      checked++;
    }
    console.log(
      `terrain: first run: ${pre.cells} terrain cells traced on ${pre.threads || 1} thread(s) in ${pre.seconds.toFixed(1)} s; ` +
        `simplified on this thread in ${tSimplify.toFixed(1)} s (${checked} checked against terrainFootprint)`,
    );
    console.log(
      `terrain: vertices per footprint: traced ${vertexStats(traced)}; simplified ${vertexStats(simple)}`,
    );
    const before = analysis(traced);
    const after = analysis(simple);
    const show = (x: { wall: number; cpu: number }) => `${x.wall.toFixed(1)} s (${x.cpu.toFixed(1)} s CPU)`;
    console.log(
      `terrain: analysis on the traced footprints ${show(before)}, on the simplified ones ${show(after)}; ` +
        `province area coverage (any) ${before.pct.toFixed(2)} % and ${after.pct.toFixed(2)} %`,
    );
    console.log(
      `terrain: first run, total (traced + simplified + analysis) ${(pre.seconds + tSimplify + after.wall).toFixed(1)} s`,
    );
    const t2 = performance.now();
    const n = saveTerrainCache(dir, simple);
    console.log(
      `terrain: ${n} footprints written to the cache dir in ${((performance.now() - t2) / 1000).toFixed(1)} s`,
    );
    const b = await run('second run, from the cache dir', dir, false);
    console.log(
      `terrain: province area coverage (any) ${after.pct.toFixed(2)} % and ${b.toFixed(2)} % (must be equal)`,
    );
  }
  t = performance.now();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
