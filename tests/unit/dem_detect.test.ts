/**
 * Which dropped files the Data tab reads as a DEM (issue 17): .hgt tiles, zips holding .hgt entries,
 * and GeoTIFFs named like a DEM or with signed 16-bit cells; a float population raster and a zipped
 * shapefile stay datasets.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTiff, geokeys, georef } from '../../scripts/bad_fixtures/raster.ts';
import { isDemFile } from '../../src/app/page/dem_actions.ts';

const float32 = buildTiff({
  width: 2,
  height: 2,
  cells: [1, 2, 3, 4],
  tags: [...georef(108, 14, 0.01), geokeys(4326, false)],
});
/** The same raster declaring 16-bit signed cells (BitsPerSample 16, SampleFormat 2): only the header is read. */
const int16 = buildTiff({
  width: 2,
  height: 2,
  cells: [1, 2, 3, 4],
  tags: [...georef(108, 14, 0.01), geokeys(4326, false)],
  override: [
    { tag: 258, type: 3, values: [16] },
    { tag: 339, type: 3, values: [2] },
  ],
});

describe('isDemFile', () => {
  it('an .hgt tile, whatever its bytes', () => {
    expect(isDemFile('N14E108.hgt', new Uint8Array(4))).toBe(true);
    expect(isDemFile('n14e108.HGT', new Uint8Array(0))).toBe(true);
  });
  it('a zip with an .hgt entry, not a zipped shapefile', () => {
    expect(isDemFile('srtm.zip', zipSync({ 'N14E108.hgt': new Uint8Array(10) }))).toBe(true);
    expect(
      isDemFile('communes.zip', zipSync({ 'x.shp': new Uint8Array(10), 'x.dbf': new Uint8Array(4) })),
    ).toBe(false);
  });
  it('a GeoTIFF named like a DEM, or with 16-bit signed cells; a float raster otherwise stays population', () => {
    expect(isDemFile('Copernicus_DSM_COG_10_N14_00_E108_00_DEM.tif', float32)).toBe(true);
    expect(isDemFile('srtm_gia_lai.tif', float32)).toBe(true);
    expect(isDemFile('vnm_ppp_2020.tif', float32)).toBe(false);
    // "dem" inside a word, "aster" inside "disaster": not DEM names.
    expect(isDemFile('academic_population.tif', float32)).toBe(false);
    expect(isDemFile('disaster_zones.tif', float32)).toBe(false);
    expect(isDemFile('gia_lai_dem_30m.tif', float32)).toBe(true);
    expect(isDemFile('gialai.tif', int16)).toBe(true);
    expect(isDemFile('broken.tif', new Uint8Array([1, 2, 3]))).toBe(false);
    expect(isDemFile('sites.csv', new Uint8Array(10))).toBe(false);
  });
});
