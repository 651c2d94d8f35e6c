/**
 * The terrain footprints of an analysis or a plan computed ahead, on every core (issue 17): the cells
 * not yet in the footprint cache are shared out to a small pool of nested dedicated workers
 * (footprint.worker.ts), each given the DEM's grids once, and their footprints go into the cache, where
 * the engine (single-threaded) then finds them. The figures are the same as without the pool: the
 * workers run the same model on the same heights, and the engine computes whatever they did not.
 */
import { cellsOf } from '../../core/base/site_cells.ts';
import type { Setting, Site } from '../../core/base/types.ts';
import type { RadioConfig } from '../../core/propagation/radio_config.ts';
import type { RadioCell } from '../../core/propagation/radio_types.ts';
import { defaultTerrainModel } from '../../core/terrain/default_terrain_model.ts';
import { demGrids } from '../../core/terrain/grid_dem.ts';
import type { TerrainContext } from '../../core/terrain/terrain_context.ts';
import type { FootprintBatch, FootprintDone, FootprintInit } from './footprint_jobs.ts';

/** What the pool needs of a worker (a `Worker`, or a stand-in in a unit test). */
export interface PoolWorker {
  postMessage(message: FootprintInit | FootprintBatch): void;
  onmessage: ((event: { data: FootprintDone }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  terminate(): void;
}

/** Cells per batch, at least (a batch holds whole sites): few messages, and the work still evenly shared. */
const BATCH_CELLS = 8;

/** What a precompute did: distinct cells on the DEM, how many were computed now, on how many workers. */
export interface PoolSummary {
  cells: number;
  computed: number;
  workers: number;
  /** With `local`: how many of the cells computed were computed on the calling thread. */
  local?: number;
}

/** How many footprint workers to start: one per core but the analysis worker's, at least one. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, (cores ?? 2) - 1);
}

/** The page's footprint worker, bundled by Vite (worker.format 'es' in vite.config.ts). */
export function browserFootprintWorker(): PoolWorker {
  return new Worker(new URL('./footprint.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as PoolWorker;
}

/**
 * Fills `terrain.cache` with the terrain footprint of every cell of `sites` the engine will ask for,
 * on `workers` workers made by `start`; all the cells of one site go to the same worker. `onProgress`
 * gets (cells done, cells to compute). Without grids (a DEM not made by `gridDem`), with a model other
 * than the default one with `radio`, or if a worker fails, it stops early and leaves the rest to the
 * engine, which computes the missing footprints itself: only the speed differs.
 *
 * With `local`, the calling thread takes batches too while the workers run (it would only wait for
 * them): on two cores the analysis worker and one footprint worker then both compute, and the sweep's
 * code is warm in the analysis worker for the what-if moves that follow (a cold first sweep takes
 * 10–15 times as long as a warm one). Each worker has two batches in hand, so that it never waits for
 * the calling thread to finish a batch before it gets its next.
 */
export async function precomputeFootprints(
  sites: readonly Site[],
  settingOf: (site: Site) => Setting,
  terrain: TerrainContext,
  radio: RadioConfig,
  workers: number,
  start: () => PoolWorker,
  onProgress?: (done: number, total: number) => void,
  local = false,
): Promise<PoolSummary> {
  const bySite: { key: string; radio: RadioCell }[][] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    const setting = settingOf(site);
    const own: { key: string; radio: RadioCell }[] = [];
    for (const cell of cellsOf(site)) {
      if (cell.coverage) continue;
      const k = terrain.keyOf(site, cell, setting);
      if (!k || seen.has(k.key)) continue;
      seen.add(k.key);
      if (!terrain.cache.get(k.key)) own.push(k);
    }
    if (own.length > 0) bySite.push(own);
  }
  const total = bySite.reduce((n, s) => n + s.length, 0);
  const grids = demGrids(terrain.dem);
  const summary = { cells: seen.size, computed: 0, workers: 0 };
  if (total === 0 || !grids || terrain.model.key !== defaultTerrainModel(radio).key) return summary;
  // Batches of whole sites, about BATCH_CELLS cells each (fewer when the work is small, so that every
  // worker gets some), handed to whichever worker is free.
  const size = Math.max(1, Math.min(BATCH_CELLS, Math.ceil(total / (4 * Math.max(1, workers)))));
  const batches: { key: string; radio: RadioCell }[][] = [];
  let open: { key: string; radio: RadioCell }[] = [];
  for (const own of bySite) {
    open.push(...own);
    if (open.length >= size) {
      batches.push(open);
      open = [];
    }
  }
  if (open.length > 0) batches.push(open);
  const n = Math.max(1, Math.min(workers, batches.length));
  const init: FootprintInit = { kind: 'init', grids: [...grids], radio };
  let next = 0;
  let done = 0;
  let here = 0;
  onProgress?.(0, total);
  const run = (worker: PoolWorker) =>
    new Promise<void>((resolve) => {
      let inHand = 0;
      const send = () => {
        if (next >= batches.length) {
          if (inHand === 0) resolve();
          return;
        }
        inHand++;
        worker.postMessage({ kind: 'batch', cells: batches[next++]! });
      };
      worker.onmessage = (event) => {
        inHand--;
        for (const f of event.data.footprints) terrain.cache.set(f.key, f.footprint);
        done += event.data.footprints.length;
        onProgress?.(done, total);
        send();
      };
      // A worker that fails (or cannot start) ends its share; the engine computes what is missing.
      // preventDefault: the error must not reach the analysis worker's own error handler (and the page).
      worker.onerror = (event) => {
        (event as { preventDefault?: () => void }).preventDefault?.();
        resolve();
      };
      worker.postMessage(init);
      send();
      send();
    });
  /** This thread's share: a batch at a time, yielding between them so that the workers' replies get in. */
  const runHere = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      for (const c of batch) terrain.cache.set(c.key, terrain.model.footprint(c.radio, terrain.dem));
      done += batch.length;
      here += batch.length;
      onProgress?.(done, total);
      await new Promise((resume) => setTimeout(resume, 0));
    }
  };
  const pool: PoolWorker[] = [];
  try {
    for (let i = 0; i < n; i++) pool.push(start());
    await Promise.all([...pool.map(run), ...(local && pool.length > 0 ? [runHere()] : [])]);
  } catch {
    // Workers not available here: the engine computes the footprints on this thread.
  } finally {
    for (const w of pool) w.terminate();
  }
  return { cells: seen.size, computed: done, workers: pool.length, ...(local ? { local: here } : {}) };
}
