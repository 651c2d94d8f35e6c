/**
 * Computes the terrain footprints an analysis or a plan will ask for before it runs, on every core:
 * the cells not yet in the footprint cache are sent in batches to worker threads (`terrain_worker.ts`)
 * that read the DEM's heights from shared memory, and their footprints go into the cache, where the
 * engine (single-threaded, pure) then finds them.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { cellsOf } from '../core/base/site_cells.ts';
import type { Setting, Site } from '../core/base/types.ts';
import type { RadioConfig } from '../core/propagation/radio_config.ts';
import type { RadioCell } from '../core/propagation/radio_types.ts';
import { footprintOfFlat } from '../core/propagation/terrain_footprint.ts';
import { demGrids } from '../core/terrain/grid_dem.ts';
import type { TerrainContext } from '../core/terrain/terrain_context.ts';
import { findProjectRoot } from './project_root.ts';
import type { TerrainJob, TerrainJobResult, TerrainWorkerData } from './terrain_worker.ts';

/** Cells per message to a worker: small enough to share the work evenly, big enough to keep messages few. */
const BATCH = 8;

/** What a precompute did. */
export interface PrecomputeSummary {
  /** Distinct terrain cells the sites have (on the DEM, without a predicted polygon). */
  cells: number;
  /** Of those, found in the cache, and computed now. */
  cached: number;
  computed: number;
  /** Worker threads used (0: computed on this thread). */
  threads: number;
  seconds: number;
  /** Per worker thread, the share (0–1) of its life it spent computing (its event loop's utilisation). */
  busy: number[];
}

/**
 * Fills `terrain.cache` with the footprint of every cell of `sites` that the engine will give a
 * terrain footprint, using `threads` worker threads (default: every core, `os.availableParallelism()`).
 * With one thread, a DEM that is not a grid mosaic, or no worker file, it computes on this thread.
 */
export async function precomputeTerrain(
  sites: readonly Site[],
  settingOf: (site: Site) => Setting,
  terrain: TerrainContext,
  radio: RadioConfig,
  threads = availableParallelism(),
  onProgress?: (done: number, total: number) => void,
): Promise<PrecomputeSummary> {
  const started = performance.now();
  const todo = new Map<string, RadioCell>();
  const seen = new Set<string>();
  for (const site of sites) {
    const setting = settingOf(site);
    for (const cell of cellsOf(site)) {
      if (cell.coverage) continue;
      const k = terrain.keyOf(site, cell, setting);
      if (!k || seen.has(k.key)) continue;
      seen.add(k.key);
      if (!terrain.cache.get(k.key)) todo.set(k.key, k.radio);
    }
  }
  const jobs = siteOrder(
    [...todo].map(([key, r]) => ({ key, radio: r })),
    radio,
  );
  const grids = demGrids(terrain.dem);
  const workerFile = terrainWorkerFile();
  const n = Math.min(threads, Math.ceil(jobs.length / BATCH));
  let used = 0;
  let busy: number[] = [];
  if (n >= 2 && grids && workerFile) {
    used = n;
    busy = await inWorkers(jobs, grids, radio, n, workerFile, terrain, onProgress);
  } else {
    jobs.forEach((j, i) => {
      terrain.cache.set(j.key, terrain.model.footprint(j.radio, terrain.dem));
      onProgress?.(i + 1, jobs.length);
    });
  }
  return {
    cells: seen.size,
    cached: seen.size - jobs.length,
    computed: jobs.length,
    threads: used,
    seconds: (performance.now() - started) / 1000,
    busy,
  };
}

const sameSite = (a: RadioCell, b: RadioCell) =>
  a.lon === b.lon && a.lat === b.lat && a.height_m === b.height_m;

/**
 * The jobs with each site's cells together (in the order the sites first appear) and the longest
 * range first: the sweep keeps the last site's terrain (`radialTerrain`), and a cell that reaches no
 * further than the one before it reuses that terrain instead of sampling the DEM again.
 */
function siteOrder(
  jobs: { key: string; radio: RadioCell }[],
  radio: RadioConfig,
): { key: string; radio: RadioCell }[] {
  const bySite = new Map<string, { key: string; radio: RadioCell }[]>();
  for (const j of jobs) {
    const k = `${j.radio.lon},${j.radio.lat},${j.radio.height_m}`;
    const list = bySite.get(k);
    if (list) list.push(j);
    else bySite.set(k, [j]);
  }
  const reach = (c: RadioCell) => radio.technologies[c.technology].maxRange_m;
  return [...bySite.values()].flatMap((list) => list.sort((a, b) => reach(b.radio) - reach(a.radio)));
}

/**
 * Runs the jobs on `n` workers, each taking the next batch when it posts its last one back; returns
 * each worker's utilisation (the share of its life its event loop was busy).
 */
async function inWorkers(
  jobs: { key: string; radio: RadioCell }[],
  grids: NonNullable<ReturnType<typeof demGrids>>,
  radio: RadioConfig,
  n: number,
  file: string,
  terrain: TerrainContext,
  onProgress?: (done: number, total: number) => void,
): Promise<number[]> {
  // The heights on shared memory: every worker reads the same bytes, nothing is copied per worker.
  const shared = grids.map((g) => {
    const heights = new Float32Array(new SharedArrayBuffer(g.heights.byteLength));
    heights.set(g.heights);
    return { ...g, heights };
  });
  const data: TerrainWorkerData = { grids: shared, radio };
  let next = 0;
  let done = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= jobs.length) {
          resolve();
          return;
        }
        // A batch never splits a site: its cells reuse the terrain the first one sampled.
        let end = Math.min(jobs.length, next + BATCH);
        while (end < jobs.length && sameSite(jobs[end - 1]!.radio, jobs[end]!.radio)) end++;
        const cells = jobs.slice(next, end);
        next = end;
        worker.postMessage({ cells } satisfies TerrainJob);
      };
      worker.on('message', (r: TerrainJobResult) => {
        for (const f of r.footprints) terrain.cache.set(f.key, footprintOfFlat(f.footprint));
        done += r.footprints.length;
        onProgress?.(done, jobs.length);
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (next < jobs.length || done < jobs.length)
          reject(new Error(`a footprint worker stopped (exit code ${code}) before its work was done`));
      });
      send();
    });
  const workers = Array.from({ length: n }, () => startWorker(file, data));
  try {
    await Promise.all(workers.map(run));
    return workers.map((w) => w.performance.eventLoopUtilization().utilization);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Starts a worker on the file. A TypeScript source (the CLI run through tsx, the benchmarks) is loaded
 * through tsx's loader, registered in the worker first: loader hooks do not reach worker threads.
 */
function startWorker(file: string, workerData: TerrainWorkerData): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * The worker's file: the bundle's dist-cli/terrain_worker.mjs when this runs from the bundle, the
 * TypeScript source when it runs through tsx (the worker inherits tsx's loader); null when missing.
 */
function terrainWorkerFile(): string | null {
  const here = fileURLToPath(import.meta.url);
  const root = findProjectRoot(dirname(here));
  const file = here.endsWith('.ts')
    ? `${root}src/cli/terrain_worker.ts`
    : `${root}dist-cli/terrain_worker.mjs`;
  return existsSync(file) ? file : null;
}
