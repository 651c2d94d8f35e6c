import type { Site } from '../../core/base/types.ts';
import { csvPieces } from '../formats/csv_write.ts';
import { cellFields, cellValues, siteFields, siteValues } from './infrastructure_features.ts';

/**
 * sites_cells.csv: one row per cell (`cellsOf`), the site's columns repeated on each of its rows (site
 * id, name, operator, lon, lat in degrees, technologies, cell count, source, the site-level radius,
 * sector, band and height), then the cell's own (cell id, technology, band, azimuth, beamwidth, height,
 * radius, EIRP, tilt, status, year, polygon flag). UTF-8 with a BOM and formulas neutralised (csv_write), so Excel
 * opens it with Vietnamese diacritics. Column names are the field names of the `sites`/`cells` layers,
 * site-level ones prefixed `site_` where a cell has the same attribute.
 */
export function sitesCellsCsv(sites: readonly Site[]): string {
  return [...sitesCellsCsvPieces(sites)].join('');
}

/** sites_cells.csv piece by piece (`csvPieces`), for millions of sites. */
export function sitesCellsCsvPieces(sites: readonly Site[]): Generator<string> {
  const cellOwn = cellFields(true).slice(3, -1); // cell_id … has_coverage_polygon (not site id/name/operator, source)
  const cellNames = new Set(cellOwn.map((f) => f.name));
  const siteCols = siteFields(true).map((f) =>
    f.name === 'name' ? 'site_name' : cellNames.has(f.name) ? `site_${f.name}` : f.name,
  );
  const header = [...siteCols.slice(0, 3), 'lon', 'lat', ...siteCols.slice(3), ...cellOwn.map((f) => f.name)];
  function* rows() {
    for (const s of sites) {
      const site = siteValues(s);
      for (const cell of cellValues(s))
        yield [...site.slice(0, 3), s.lon, s.lat, ...site.slice(3), ...cell.slice(3, -1)];
    }
  }
  return csvPieces(header, rows());
}
