/**
 * The DEM readers against GDAL (issue 17, part A), an independent reader, when it is installed: a
 * synthetic 3″ SRTM tile is read by GDAL's SRTMHGT driver at known posts (`gdallocationinfo`), turned
 * into a GeoTIFF (`gdal_translate`) and into a projected UTM 49N GeoTIFF (`gdalwarp`), and our readers
 * must give the same heights. Skipped without GDAL (as the GIS export tests are).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDem } from '../../src/io/import/dem_read.ts';
import { requireTool } from '../support/ogr.ts';

const HAS_GDAL = requireTool('gdal_translate') && requireTool('gdallocationinfo') && requireTool('gdalwarp');
const dir = mkdtempSync(join(tmpdir(), 'vungphu-dem-gdal-'));
const n = 1201;
/** A smooth, non-symmetric field (so a flipped or shifted read shows), metres. */
const field = (lon: number, lat: number) =>
  700 + 250 * Math.sin((lon - 108) * 7) * Math.cos((lat - 13) * 5) + 120 * (lat - 13);

beforeAll(() => {
  if (!HAS_GDAL) return;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      v.setInt16(2 * (r * n + c), Math.round(field(108 + c / 1200, 14 - r / 1200)), false);
  writeFileSync(join(dir, 'N13E108.hgt'), b);
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', join(dir, 'N13E108.hgt'), join(dir, 'srtm.tif')]);
  execFileSync('gdalwarp', [
    '-q',
    '-t_srs',
    'EPSG:32649',
    '-tr',
    '90',
    '90',
    '-r',
    'bilinear',
    '-te',
    '170000',
    '1450000',
    '200000',
    '1480000',
    join(dir, 'N13E108.hgt'),
    join(dir, 'utm49.tif'),
  ]);
});

const gdalAt = (file: string, lon: number, lat: number) =>
  Number(
    execFileSync('gdallocationinfo', ['-valonly', '-wgs84', join(dir, file), String(lon), String(lat)], {
      encoding: 'utf8',
    }).trim(),
  );
const bytes = (file: string) => new Uint8Array(readFileSync(join(dir, file)));

describe.skipIf(!HAS_GDAL)('DEM readers against GDAL', () => {
  // Posts (row, column) from the north-west; a little off the post so GDAL's pixel is unambiguous.
  const posts = [
    [0, 0],
    [0, 1200],
    [1200, 0],
    [300, 900],
    [777, 123],
  ] as const;
  it('.hgt: our height at each post is GDAL SRTMHGT driver’s', async () => {
    const { dem } = await readDem([{ name: 'N13E108.hgt', bytes: bytes('N13E108.hgt') }]);
    for (const [r, c] of posts) {
      const lon = 108 + c / 1200;
      const lat = 14 - r / 1200;
      const nudge = 1e-5;
      const g = gdalAt('N13E108.hgt', lon + (c === 1200 ? -nudge : nudge), lat + (r === 0 ? -nudge : nudge));
      expect(dem.elevation(lon, lat)).toBeCloseTo(g, 6);
    }
  });
  it('the same tile as GDAL’s GeoTIFF: the same heights at the same posts', async () => {
    const tif = await readDem([{ name: 'srtm.tif', bytes: bytes('srtm.tif') }]);
    const hgt = await readDem([{ name: 'N13E108.hgt', bytes: bytes('N13E108.hgt') }]);
    for (const [r, c] of posts) {
      const lon = 108 + c / 1200;
      const lat = 14 - r / 1200;
      expect(Math.abs(tif.dem.elevation(lon, lat) - hgt.dem.elevation(lon, lat))).toBeLessThan(1e-3);
    }
  });
  it('warped to UTM 49N by gdalwarp, resampled back to lon/lat by us: within 0.6 m of the field', async () => {
    const r = await readDem([{ name: 'utm49.tif', bytes: bytes('utm49.tif') }]);
    expect(r.warnings.join()).toContain('UTM zone 49N');
    let worst = 0;
    // Points well inside the warped box (x 170–200 km, y 1,450–1,480 km), converted by proj4.
    const toLonLat = proj4('+proj=utm +zone=49 +datum=WGS84 +units=m +no_defs', 'WGS84');
    for (const [x, y] of [
      [175_000, 1_455_000],
      [185_500, 1_466_600],
      [195_000, 1_475_000],
      [180_100, 1_472_300],
    ] as const) {
      const [lon, lat] = toLonLat.forward([x, y]) as [number, number];
      worst = Math.max(worst, Math.abs(r.dem.elevation(lon, lat) - field(lon, lat)));
    }
    console.info(`UTM 49N round trip: worst ${worst.toFixed(3)} m`);
    // Three bilinear steps (GDAL's warp, ours, the DEM's) on a field sloping up to 0.016 m per m: 0.32 m
    // measured; a half-cell (45 m) shift of the grid would add up to 0.7 m.
    expect(worst).toBeLessThan(0.6);
  });
});
