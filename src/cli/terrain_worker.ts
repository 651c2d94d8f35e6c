/**
 * A footprint worker thread (`terrain_precompute.ts` starts it): rebuilds the DEM from the shared
 * height buffers it is given, then computes the terrain footprint of each radio cell it is sent with
 * the default model and the given radio settings, and posts them back in batches, their rings flat
 * (`FlatTerrainFootprint`) and their buffers transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type FlatTerrainFootprint,
  flatTerrainFootprint,
} from '../core/propagation/flat_terrain_footprint.ts';
import type { RadioConfig } from '../core/propagation/radio_config.ts';
import type { RadioCell } from '../core/propagation/radio_types.ts';
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

/** One batch of results (the footprints of the default model, `defaultTerrainModel`). */
export interface TerrainJobResult {
  footprints: { key: string; footprint: FlatTerrainFootprint }[];
}

const data = workerData as TerrainWorkerData | undefined;
if (parentPort && data) {
  const port = parentPort;
  const dem = gridDem(data.grids);
  port.on('message', (job: TerrainJob) => {
    // The default model's footprint (`defaultTerrainModel` computes `terrainFootprint`), flat.
    const footprints = job.cells.map((c) => ({
      key: c.key,
      footprint: flatTerrainFootprint(c.radio, dem, data.radio),
    }));
    // Each footprint's arrays have buffers of their own (never the tracing's reused ones).
    const buffers = footprints.flatMap((f) => [
      f.footprint.rings.coords.buffer as ArrayBuffer,
      f.footprint.rings.starts.buffer as ArrayBuffer,
    ]);
    port.postMessage({ footprints } satisfies TerrainJobResult, buffers);
  });
}
