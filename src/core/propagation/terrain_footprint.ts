import type { Position } from 'geojson';
import { flatRingsToPositions } from '../geometry/flat_rings.ts';
import type { Dem } from '../terrain/dem.ts';
import { type FlatTerrainFootprint, flatTerrainFootprint } from './flat_terrain_footprint.ts';
import { polarFlatRings } from './polar_flat_rings.ts';
import type { PolarCoverage } from './radial_sweep.ts';
import { DEFAULT_RADIO, type RadioConfig } from './radio_config.ts';
import type { RadioCell, TerrainFootprint } from './radio_types.ts';

/**
 * A cell's terrain footprint (implements `TerrainFootprintFn` with the default config; pass `config`
 * for another): the radial sweep's covered samples, each the polar cell around it (±half an angular
 * step, ±half a range step; the mast's own disc of half a range step counts as covered), outlined by
 * tracing the boundary edges between covered and uncovered polar cells (`polarRings`), then simplified
 * to `sweep.simplifyTolerance_m` (default one range step) with each ring's traced area kept
 * (`simplifyRings`): the staircase of polar cells is the sweep's resolution, not coverage, and it is
 * most of the vertices the engine would scan. Rings are lon/lat, closed, and even–odd: an uncovered
 * pocket inside (a ridge's shadow) is a hole, a covered island beyond it is another ring; a hole or
 * island thinner than about twice the tolerance may go.
 */
export function terrainFootprint(
  cell: RadioCell,
  dem: Dem,
  config: RadioConfig = DEFAULT_RADIO,
): TerrainFootprint {
  return footprintOfFlat(flatTerrainFootprint(cell, dem, config));
}

/** The footprint of a `FlatTerrainFootprint`: its rings as closed lon/lat positions, the same values. */
export function footprintOfFlat(flat: FlatTerrainFootprint): TerrainFootprint {
  return {
    rings: flatRingsToPositions(flat.rings),
    bbox: flat.bbox,
    outsideDemShare: flat.outsideDemShare,
  };
}

/**
 * Outlines the covered polar cells as lon/lat rings around (lon, lat). Vertex (b, m) is at bearing
 * (b − ½)·angularStep and radius (m − ½)·rangeStep; cell (a, j) has corners b ∈ {a, a+1}, m ∈ {j, j+1}.
 * Each boundary edge is directed with the covered cell on its left (counter-clockwise on the map);
 * edges are chained into loops at their shared vertices (at a vertex where two loops touch either
 * pairing gives the same even–odd area). Rings are closed; `polarFlatRings` gives the same, flat.
 */
export function polarRings(polar: PolarCoverage, lon: number, lat: number): Position[][] {
  return flatRingsToPositions(polarFlatRings(polar, lon, lat));
}
