/**
 * A digital elevation model as the propagation code sees it: heights above sea level (metres) at any
 * lon/lat, NaN where no tile covers the point. Readers (`io/formats/dem_*`) and synthetic test terrain
 * both produce one; the core never knows which file a height came from.
 */
export interface Dem {
  /** Height above mean sea level in metres at lon/lat (degrees, WGS84), bilinear; NaN outside the DEM. */
  elevation(lon: number, lat: number): number;
  /** [minLon, minLat, maxLon, maxLat] of everything the DEM covers (its tiles may leave holes inside). */
  readonly bbox: readonly [number, number, number, number];
  /** The finest post spacing of the DEM, metres (about 30 for 1″, 90 for 3″). */
  readonly spacing_m: number;
  /** Where the heights came from (file names, or "synthetic: …"), for the outputs' method notes. */
  readonly sources: readonly string[];
  /** A stable identity of the heights (names and sizes of the tiles), for footprint cache keys. */
  readonly key: string;
}
