import type { Position } from 'geojson';

/**
 * Lon/lat rings in two typed arrays (as a footprint is traced, simplified and sent between threads,
 * without an array per vertex): ring r's vertices are the pairs (lon, lat) of `coords` from pair
 * `starts[r]` to pair `starts[r + 1]` − 1, open (the first vertex is not repeated at the end).
 */
export interface FlatRings {
  /** lon, lat, lon, lat, … in degrees. */
  coords: Float64Array;
  /** Ring r's first pair is starts[r]; starts has one entry more than there are rings. */
  starts: Int32Array;
}

/** The rings as GeoJSON positions, each closed (its first vertex repeated at the end). */
export function flatRingsToPositions(flat: FlatRings): Position[][] {
  const { coords, starts } = flat;
  const rings: Position[][] = [];
  for (let r = 0; r + 1 < starts.length; r++) {
    const a = starts[r]!;
    const b = starts[r + 1]!;
    const ring: Position[] = new Array(b - a + 1);
    for (let i = a; i < b; i++) ring[i - a] = [coords[2 * i]!, coords[2 * i + 1]!];
    ring[b - a] = [coords[2 * a]!, coords[2 * a + 1]!];
    rings.push(ring);
  }
  return rings;
}
