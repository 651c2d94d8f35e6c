/**
 * The DEM in the worker (issue 17): read from the Data tab's files with the CLI's readers, kept here
 * for the analysis (`currentDem`) and the "why" profiles, and drawn as a hillshade image for the map.
 */
import type { Setting, Site } from '../../core/base/types.ts';
import type { Dem } from '../../core/terrain/dem.ts';
import { syntheticGrid } from '../../core/terrain/grid_dem.ts';
import { hillshade } from '../../core/terrain/hillshade.ts';
import type { DemFile } from '../../io/import/dem_read.ts';
import {
  browserFootprintWorker,
  type PoolSummary,
  poolSize,
  precomputeFootprints,
} from './footprint_pool.ts';
import { restoreFootprints, saveFootprints } from './footprint_store.ts';
import { type DemInfo, type DemShade, TERRAIN_PROGRESS, type WorkerMessage } from './worker_protocol.ts';
import { appTerrain, currentRadio } from './worker_radio.ts';

let current: { dem: Dem; info: DemInfo } | null = null;

/** The DEM loaded, or null. */
export function currentDem(): Dem | null {
  return current?.dem ?? null;
}

/** Longest side of the hillshade image, pixels (a 1″ tile is 3601 posts: drawn at about half). */
const SHADE_MAX_PX = 2048;

/**
 * The hillshade image of a DEM over its box: the heights resampled to at most SHADE_MAX_PX a side (at
 * the DEM's own spacing when smaller), Horn-shaded with the sun at 315°, 45°, as dark pixels whose
 * opacity grows with the shadow (lit slopes clear, so the map shows through). Outside the DEM: clear.
 */
function shadeOf(dem: Dem): DemShade {
  const [w, s, e, n] = dem.bbox;
  const step = Math.max(dem.spacing_m / 111_320, (e - w) / SHADE_MAX_PX, (n - s) / SHADE_MAX_PX);
  const grid = syntheticGrid([w, s, e, n], step, (lon, lat) => dem.elevation(lon, lat), 'hillshade');
  const shade = hillshade(grid);
  const rgba = new Uint8ClampedArray(grid.cols * grid.rows * 4);
  // Flat ground (sun at 45°) is 180 of 255: shaded where darker, lit (a little white) where brighter.
  for (let i = 0; i < shade.length; i++) {
    if (Number.isNaN(grid.heights[i]!)) continue;
    const v = shade[i]!;
    const dark = v < 180;
    const k = i * 4;
    rgba[k] = rgba[k + 1] = rgba[k + 2] = dark ? 0 : 255;
    rgba[k + 3] = dark ? Math.round(((180 - v) / 180) * 255) : Math.round(((v - 180) / 75) * 90);
  }
  const east = w + (grid.cols - 1) * step;
  const south = n - (grid.rows - 1) * step;
  return { width: grid.cols, height: grid.rows, rgba: rgba.buffer, bbox: [w, south, east, n] };
}

/** Reads the DEM files (replacing the DEM loaded), and returns what the Data tab and the map show. */
export async function loadDem(files: DemFile[]): Promise<{ info: DemInfo; shade: DemShade }> {
  const { readDem } = await import('../../io/import/dem_read.ts');
  const r = await readDem(files);
  const info: DemInfo = {
    files: files.map((f) => f.name),
    tiles: r.tiles,
    bbox: [...r.bbox],
    spacingM: r.spacing_m,
    voidsFilled: r.voidsFilled,
    warnings: r.warnings,
  };
  current = { dem: r.dem, info };
  // The footprints an earlier visit computed (on this DEM or another: the keys tell them apart).
  await restoreFootprints();
  return { info, shade: shadeOf(r.dem) };
}

/** Forgets the DEM. */
export function clearDem(): void {
  current = null;
}

let saving: ReturnType<typeof setTimeout> | null = null;

/**
 * After an analysis or an edit with a DEM: stores the footprint cache in IndexedDB, 2 s after the last
 * call (a run of what-if edits is stored once).
 */
export function persistFootprintsSoon(): void {
  if (!current) return;
  if (saving) clearTimeout(saving);
  saving = setTimeout(() => {
    saving = null;
    void saveFootprints();
  }, 2000);
}

/**
 * Before an analysis or a plan over `dem`: computes the footprints of `sites` not in the shared cache
 * on `navigator.hardwareConcurrency − 1` nested workers (at least one) and on this worker, posting progress for request
 * `id` (label TERRAIN_PROGRESS) about every 1 % of the cells.
 */
export async function precomputeOnCores(
  sites: readonly Site[],
  settingOf: (site: Site) => Setting,
  dem: Dem,
  id: number,
  post: (message: WorkerMessage) => void,
  kind: 'progress' | 'plan-progress' = 'progress',
): Promise<PoolSummary> {
  let shown = -1;
  return precomputeFootprints(
    sites,
    settingOf,
    appTerrain(dem),
    currentRadio(),
    poolSize(navigator.hardwareConcurrency),
    browserFootprintWorker,
    (done, total) => {
      if (done !== total && done - shown < total / 100) return;
      shown = done;
      post({ kind, id, done, total, label: TERRAIN_PROGRESS });
    },
    // This worker computes too while the pool does (and its sweep is then warm for the what-if moves).
    true,
  );
}
