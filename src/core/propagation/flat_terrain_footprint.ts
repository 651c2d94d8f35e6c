import type { FlatRings } from '../geometry/flat_rings.ts';
import { simplifyFlatRings } from '../geometry/simplify_rings.ts';
import type { Dem } from '../terrain/dem.ts';
import { polarFlatRings } from './polar_flat_rings.ts';
import { radialSweep } from './radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from './radio_config.ts';
import type { RadioCell } from './radio_types.ts';

/** A terrain footprint with its rings held flat (`FlatRings`): what a worker thread sends back. */
export interface FlatTerrainFootprint {
  rings: FlatRings;
  /** [minLon, minLat, maxLon, maxLat], degrees */
  bbox: [number, number, number, number];
  /** Share (0–1) of the swept radial length that fell outside the DEM and used the fallback instead. */
  outsideDemShare: number;
}

/**
 * A cell's terrain footprint as `terrainFootprint` computes it (the sweep, the traced outline, its
 * simplification to `sweep.simplifyTolerance_m`, default one range step), with the rings flat: the
 * same coordinates, without an array per vertex, cheap to send to another thread.
 */
export function flatTerrainFootprint(
  cell: RadioCell,
  dem: Dem,
  config: RadioConfig = DEFAULT_RADIO,
): FlatTerrainFootprint {
  const polar = radialSweep(cell, dem, config);
  const tolerance = config.sweep.simplifyTolerance_m ?? polar.rangeStep_m;
  const rings = simplifyFlatRings(polarFlatRings(polar, cell.lon, cell.lat), cell.lon, cell.lat, tolerance);
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const c = rings.coords;
  for (let i = 0; i < c.length; i += 2) {
    const x = c[i]!;
    const y = c[i + 1]!;
    if (x < minLon) minLon = x;
    if (x > maxLon) maxLon = x;
    if (y < minLat) minLat = y;
    if (y > maxLat) maxLat = y;
  }
  return { rings, bbox: [minLon, minLat, maxLon, maxLat], outsideDemShare: polar.outsideDemShare };
}
