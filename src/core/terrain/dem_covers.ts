import type { Dem } from './dem.ts';

/**
 * Whether the DEM gives a site at (lon, lat) a terrain footprint: inside its box and on a height (not
 * in a hole of the mosaic). Off it, a cell keeps its circle or sector.
 */
export function demCovers(dem: Dem, lon: number, lat: number): boolean {
  const [w, s, e, n] = dem.bbox;
  if (!(lon >= w && lon <= e && lat >= s && lat <= n)) return false;
  return !Number.isNaN(dem.elevation(lon, lat));
}
