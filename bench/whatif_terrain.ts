/**
 * A what-if move on a DEM (issue 17: "a what-if move stays under 100 ms in the worker"), the worker's
 * core in Node: the sample (pre-2025 communes, synthetic sites and villages) over a rough synthetic 3″
 * tile of 108–109° E, 13–14° N (the sites on it get terrain footprints, computed first on every core),
 * then sites on the tile moved by 100 m, one at a time, with `updateAnalysis` as the worker's `edit`
 * calls it. Each move is timed twice: to a new position (the moved cells' footprints computed) and
 * back to a position seen before (the footprints from the cache: the analysis alone). Prints the
 * medians and maxima, with the communes recomputed per move. `tsx bench/whatif_terrain.ts [sites]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { availableParallelism } from 'node:os';
import { precomputeTerrain } from '../src/cli/terrain_precompute.ts';
import { cellsOf } from '../src/core/base/site_cells.ts';
import type { Setting, Site } from '../src/core/base/types.ts';
import { scanRowsBytes } from '../src/core/coverage/keep_scan_rows.ts';
import { communeLocator } from '../src/core/geometry/commune_locator.ts';
import { startAnalysis, updateAnalysis } from '../src/core/incremental_analysis.ts';
import { DEFAULT_RADIO } from '../src/core/propagation/radio_config.ts';
import { defaultTerrainModel } from '../src/core/terrain/default_terrain_model.ts';
import { demCovers } from '../src/core/terrain/dem_covers.ts';
import { footprintCache } from '../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../src/core/terrain/grid_dem.ts';
import { terrainContext } from '../src/core/terrain/terrain_context.ts';
import type { TerrainModel } from '../src/core/terrain/terrain_model.ts';
import { villagesFromGeoJSON } from '../src/io/import/villages.ts';
import { highlandTerrain } from '../tests/support/rough_terrain.ts';
import { loadSample, ROOT } from '../tests/support/sample.ts';

const GOAL_MS = 100;
const moving = Number(process.argv[2] ?? 12);

const { communes, sites } = loadSample('pre2025');
const { villages } = villagesFromGeoJSON(
  JSON.parse(readFileSync(`${ROOT}data/synthetic/villages.synthetic.geojson`, 'utf8')),
  'villages',
);
const dem = gridDem([syntheticGrid([108, 13, 109, 14], 1 / 1200, highlandTerrain, 'rough 3″ tile N13E108')]);
const locator = communeLocator(communes);
const settingOf = (s: Site): Setting => {
  const i = locator.locate(s.lon, s.lat);
  return i >= 0 ? communes[i]!.setting : 'rural';
};
const base = defaultTerrainModel(DEFAULT_RADIO);
// The model with its footprint calls timed: the part of a move that is the moved cells' sweep.
let sweepMs = 0;
const model: TerrainModel = {
  ...base,
  footprint: (cell, d) => {
    const t = performance.now();
    const f = base.footprint(cell, d);
    sweepMs += performance.now() - t;
    return f;
  },
};
const cache = footprintCache();
const context = terrainContext(dem, { model, cache });
const onTile = sites.filter((s) => demCovers(dem, s.lon, s.lat));
let t = performance.now();
const pre = await precomputeTerrain(sites, settingOf, context, DEFAULT_RADIO, availableParallelism());
console.log(
  `what-if on a DEM: ${sites.length} sites, ${onTile.length} on the tile (${pre.cells} terrain cells, computed in ${pre.seconds.toFixed(1)} s)`,
);
t = performance.now();
let state = startAnalysis(
  { communes, sites, villages, dem },
  { terrain: { model, cache }, gapPolygons: false, postalBeyondPolygons: false },
);
console.log(
  `what-if on a DEM: first analysis ${((performance.now() - t) / 1000).toFixed(1)} s; pair rows kept for ${
    state.cache.scanRows.size
  } communes, ${(scanRowsBytes(state.cache.scanRows) / 2 ** 20).toFixed(1)} MiB`,
);

/** `site` moved by `dx`, `dy` metres (a new object, as the scenario's edits make). */
function moved(site: Site, dx: number, dy: number): Site {
  const mLat = 111_320;
  const mLon = 111_320 * Math.cos((site.lat * Math.PI) / 180);
  return { ...site, lon: site.lon + dx / mLon, lat: site.lat + dy / mLat };
}

function move(next: Site, at: number) {
  const list = state.input.sites.slice();
  list[at] = next;
  sweepMs = 0;
  const t0 = performance.now();
  const r = updateAnalysis(state, { sites: list });
  const ms = performance.now() - t0;
  state = r.state;
  return { ms, sweep: sweepMs, communes: r.summary.recomputedCommunes.length };
}

// Spread over the tile: every k-th site on it, with the index of each in the analysis input.
const step = Math.max(1, Math.floor(onTile.length / moving));
const chosen = onTile.filter((_s, i) => i % step === 0).slice(0, moving);
// WHATIF_PROFILE=file.cpuprofile: a CPU profile of the moves (for finding where they spend it); with
// WHATIF_PROFILE_CACHED=1, of three more rounds of moves to cached positions only.
const profileTo = process.env.WHATIF_PROFILE;
const inspector = profileTo ? new Session() : null;
const post = (method: string) => new Promise<unknown>((done) => inspector!.post(method, (_e, r) => done(r)));
const cachedOnly = process.env.WHATIF_PROFILE_CACHED === '1';
if (inspector) {
  inspector.connect();
  await post('Profiler.enable');
  if (!cachedOnly) await post('Profiler.start');
}
const fresh: ReturnType<typeof move>[] = [];
const cached: ReturnType<typeof move>[] = [];
const detail = process.env.WHATIF_DETAIL === '1';
for (const site of chosen) {
  const at = state.input.sites.findIndex((s) => s.id === site.id);
  const original = state.input.sites[at]!;
  fresh.push(move(moved(original, 100, 0), at)); // a new position: its footprints swept
  move(original, at); // back (cached)
  cached.push(move(moved(original, 100, 0), at)); // the new position again: from the cache
  move(original, at);
  if (detail)
    console.log(
      `  ${site.id} (${cellsOf(site)
        .map((c) => c.technology)
        .join(
          ', ',
        )}): ${fresh.at(-1)!.communes} communes; new position ${fresh.at(-1)!.ms.toFixed(0)} ms (sweep ${fresh
        .at(-1)!
        .sweep.toFixed(0)} ms), cached ${cached.at(-1)!.ms.toFixed(0)} ms`,
    );
}
if (inspector && cachedOnly) {
  await post('Profiler.start');
  for (let round = 0; round < 3; round++)
    for (const site of chosen) {
      const at = state.input.sites.findIndex((s) => s.id === site.id);
      const original = state.input.sites[at]!;
      move(moved(original, 100, 0), at);
      move(original, at);
    }
}
if (inspector && profileTo) {
  const r = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(profileTo, JSON.stringify(r.profile));
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms`;
};
const cellsMoved = chosen.reduce((a, s) => a + cellsOf(s).length, 0);
console.log(
  `what-if on a DEM: ${chosen.length} sites moved 100 m (${cellsMoved} cells), communes recomputed per move: ${stat(
    fresh.map((m) => m.communes),
  ).replaceAll(' ms', '')}`,
);
console.log(
  `what-if on a DEM: move to a new position (cells swept): ${stat(fresh.map((m) => m.ms))}; of which the sweep ${stat(
    fresh.map((m) => m.sweep),
  )}; ${fresh.filter((m) => m.ms < GOAL_MS).length} of ${fresh.length} under ${GOAL_MS} ms`,
);
console.log(
  `what-if on a DEM: move to a cached position (analysis alone): ${stat(cached.map((m) => m.ms))}; ${
    cached.filter((m) => m.ms < GOAL_MS).length
  } of ${cached.length} under ${GOAL_MS} ms`,
);
