/**
 * The message protocol of the footprint workers (issue 17) and what one of them does with a message:
 * the analysis worker sends each nested worker the DEM's grids and the radio settings once
 * (`FootprintInit`), then batches of resolved cells by cache key (`FootprintBatch`); the nested worker
 * answers each batch with the cells' terrain footprints (`FootprintDone`). Kept apart from
 * footprint.worker.ts so that a unit test can run the same handler without a browser.
 */
import type { RadioConfig } from '../../core/propagation/radio_config.ts';
import type { RadioCell, TerrainFootprint } from '../../core/propagation/radio_types.ts';
import { defaultTerrainModel } from '../../core/terrain/default_terrain_model.ts';
import { type DemGrid, gridDem } from '../../core/terrain/grid_dem.ts';

/** The first message to a footprint worker: the DEM's grids (copied once per worker) and the radio settings. */
export interface FootprintInit {
  kind: 'init';
  grids: DemGrid[];
  radio: RadioConfig;
}

/** A batch of cells to compute (all the cells of a few sites), by cache key. */
export interface FootprintBatch {
  kind: 'batch';
  cells: { key: string; radio: RadioCell }[];
}

/** A batch's footprints, in the batch's order. */
export interface FootprintDone {
  footprints: { key: string; footprint: TerrainFootprint }[];
}

/**
 * The footprint worker's state machine: `handle(init)` builds the DEM and the default terrain model
 * (the analysis's model with the same radio settings), each `handle(batch)` then returns its footprints.
 */
export function footprintJobHandler(): (message: FootprintInit | FootprintBatch) => FootprintDone | null {
  let ready: { compute: (radio: RadioCell) => TerrainFootprint } | null = null;
  return (message) => {
    if (message.kind === 'init') {
      const dem = gridDem(message.grids);
      const model = defaultTerrainModel(message.radio);
      ready = { compute: (radio) => model.footprint(radio, dem) };
      return null;
    }
    if (!ready) throw new Error('footprint batch before init');
    const { compute } = ready;
    return { footprints: message.cells.map((c) => ({ key: c.key, footprint: compute(c.radio) })) };
  };
}
