import type { Cell, Site } from './types.ts';

/**
 * The cells of a site: its own `cells` when the input listed them, else one on-air cell per technology
 * carrying the site's radius, sector, polygon, band and height (a site given as one record).
 */
export function cellsOf(site: Site): Cell[] {
  if (site.cells && site.cells.length > 0) return site.cells;
  return site.technologies.map((technology) => {
    const cell: Cell = { technology, status: 'on_air' };
    if (site.band !== undefined) cell.band = site.band;
    if (site.azimuth_deg !== undefined) cell.azimuth_deg = site.azimuth_deg;
    if (site.beamwidth_deg !== undefined) cell.beamwidth_deg = site.beamwidth_deg;
    if (site.height_m !== undefined) cell.height_m = site.height_m;
    if (site.radius_m !== undefined) cell.radius_m = site.radius_m;
    if (site.coverage !== undefined) cell.coverage = site.coverage;
    return cell;
  });
}

/** Whether a cell's footprint is a sector (both azimuth and a beamwidth under 360°), else omni or polygon. */
export function isSector(cell: Cell): boolean {
  const bw = cell.beamwidth_deg;
  return (
    cell.coverage === undefined && cell.azimuth_deg !== undefined && bw !== undefined && bw > 0 && bw < 360
  );
}
