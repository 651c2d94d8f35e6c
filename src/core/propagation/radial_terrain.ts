import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import type { Dem } from '../terrain/dem.ts';
import { fillOutside } from './path_profile.ts';

/**
 * The ground along every radial of a site: `radials` radials at bearings r·360/radials (clockwise from
 * north), sampled at j·step_m for j = 0…steps (j = 0 is the site). Row r of each array starts at
 * r·(steps + 1) (`prefix`: r·(steps + 2)).
 */
export interface RadialTerrain {
  radials: number;
  steps: number;
  /** Ground height, m; outside the DEM the last known height along the radial (as `fillOutside`). */
  heights: Float64Array;
  /** prefix[j] = the sum of heights 0…j − 1 along the row, m (j = 0…steps + 1). */
  prefix: Float64Array;
  /** How many of the samples 0…j fell outside the DEM. */
  outside: Int32Array;
}

/** The last site's terrain, with what it was sampled for; a site's cells are swept one after another. */
let last: {
  dem: WeakRef<Dem>;
  lon: number;
  lat: number;
  step: number;
  terrain: RadialTerrain;
} | null = null;

/**
 * Samples the DEM along every radial of the site at (lon, lat) out to `steps` range steps of `step_m`
 * metres, in the site's local plane (as `localProjection`, inverted with its quadratic east–west
 * scale). The result may be longer than asked for: the last site's terrain is kept, and a cell of the
 * same site (same DEM, position, step and radials) that needs no more steps gets it again. A row's
 * first `steps + 1` entries are the same either way, because each height, fill and prefix sum depends
 * only on the samples before it when the site itself is on the DEM (a site off the DEM is not kept:
 * its leading samples take the first known height further out).
 */
export function radialTerrain(
  dem: Dem,
  lon: number,
  lat: number,
  step_m: number,
  radials: number,
  steps: number,
): RadialTerrain {
  const held = last;
  if (
    held &&
    held.lon === lon &&
    held.lat === lat &&
    held.step === step_m &&
    held.terrain.radials === radials &&
    held.terrain.steps >= steps &&
    held.dem.deref() === dem
  )
    return held.terrain;
  const S1 = steps + 1;
  const heights = new Float64Array(radials * S1);
  const prefix = new Float64Array(radials * (steps + 2));
  const outside = new Int32Array(radials * S1);
  const kLat = metresPerDegreeLat(lat);
  const k0 = metresPerDegreeLon(lat);
  const k1 = metresPerDegreeLon(lat + 0.5) - metresPerDegreeLon(lat - 0.5);
  const k2 = 2 * (metresPerDegreeLon(lat + 0.5) + metresPerDegreeLon(lat - 0.5) - 2 * k0);
  const site = dem.elevation(lon, lat);
  const angStep = 360 / radials;
  for (let r = 0; r < radials; r++) {
    const bearing = r * angStep;
    const sa = Math.sin((bearing * Math.PI) / 180);
    const ca = Math.cos((bearing * Math.PI) / 180);
    const gb = r * S1;
    const row = heights.subarray(gb, gb + S1);
    row[0] = site;
    for (let j = 1; j <= steps; j++) {
      const dLat = (j * step_m * ca) / kLat;
      row[j] = dem.elevation(lon + (j * step_m * sa) / (k0 + dLat * (k1 + dLat * k2)), lat + dLat);
    }
    let n = 0;
    for (let j = 0; j <= steps; j++) {
      if (Number.isNaN(row[j]!)) n++;
      outside[gb + j] = n;
    }
    fillOutside(row);
    const pb = r * (steps + 2);
    prefix[pb] = 0;
    for (let j = 0; j <= steps; j++) prefix[pb + j + 1] = prefix[pb + j]! + row[j]!;
  }
  const terrain = { radials, steps, heights, prefix, outside };
  last = Number.isNaN(site) ? null : { dem: new WeakRef(dem), lon, lat, step: step_m, terrain };
  return terrain;
}
