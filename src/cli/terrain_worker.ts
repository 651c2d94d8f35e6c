/**
 * A footprint worker thread (`terrain_precompute.ts` starts it): rebuilds the DEM from the shared
 * height buffers it is given, then computes the terrain footprint of each radio cell it is sent with
 * the default model and the given radio settings, and posts them back in batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RadioConfig } from '../core/propagation/radio_config.ts';
import type { RadioCell, TerrainFootprint } from '../core/propagation/radio_types.ts';
import { defaultTerrainModel } from '../core/terrain/default_terrain_model.ts';
import { type DemGrid, gridDem } from '../core/terrain/grid_dem.ts';

/** What the worker is started with: the DEM's grids (heights on shared memory) and the radio settings. */
export interface TerrainWorkerData {
  grids: DemGrid[];
  radio: RadioConfig;
}

/** One batch of work: the cells to compute, by cache key. */
export interface TerrainJob {
  cells: { key: string; radio: RadioCell }[];
}

/** One batch of results. */
export interface TerrainJobResult {
  footprints: { key: string; footprint: TerrainFootprint }[];
}

const data = workerData as TerrainWorkerData | undefined;
if (parentPort && data) {
  const port = parentPort;
  const dem = gridDem(data.grids);
  const model = defaultTerrainModel(data.radio);
  port.on('message', (job: TerrainJob) => {
    const footprints = job.cells.map((c) => ({ key: c.key, footprint: model.footprint(c.radio, dem) }));
    port.postMessage({ footprints } satisfies TerrainJobResult);
  });
}
