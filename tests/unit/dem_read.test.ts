/**
 * DEM readers (issue 17, part A): SRTM .hgt tiles (1″/3″ by size, placed by their name, big-endian,
 * −32768 voids), elevation GeoTIFFs in EPSG:4326 (PixelIsArea and PixelIsPoint, GDAL_NODATA) and in
 * UTM 48N (resampled onto lon/lat, checked against proj4), void filling, mosaics of tiles, and the
 * errors naming the file. Every tile and raster is built in the test; heights are linear fields, so a
 * height read back anywhere is plain arithmetic on the test's own formula.
 */
import fc from 'fast-check';
import { zipSync } from 'fflate';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { buildTiff, geokeys, georef, type TiffTag } from '../../scripts/bad_fixtures/raster.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { VN2000_TOWGS84 } from '../../src/io/import/crs.ts';
import { fillVoids } from '../../src/io/import/dem_fill_voids.ts';
import { hgtGrid, hgtTileCorner } from '../../src/io/import/dem_hgt_read.ts';
import { readDem } from '../../src/io/import/dem_read.ts';

/** An SRTM .hgt tile of n × n posts whose south-west corner is (lon0, lat0): height(lon, lat) rounded. */
function hgt(
  n: number,
  lon0: number,
  lat0: number,
  height: (lon: number, lat: number) => number,
): Uint8Array {
  const bytes = new Uint8Array(n * n * 2);
  const view = new DataView(bytes.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      view.setInt16(2 * (r * n + c), Math.round(height(lon0 + c / (n - 1), lat0 + 1 - r / (n - 1))), false);
  return bytes;
}
const setPost = (b: Uint8Array, n: number, r: number, c: number, v: number) =>
  new DataView(b.buffer).setInt16(2 * (r * n + c), v, false);

/** 500 m at the south-west corner, rising 1000 m per degree north and 100 m per degree east. */
const ramp = (lon0: number, lat0: number) => (lon: number, lat: number) =>
  500 + 1000 * (lat - lat0) + 100 * (lon - lon0);

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).message;
}

describe('SRTM .hgt tiles', () => {
  it('places a tile by its name, case-insensitive, with its folder and suffix ignored', () => {
    expect(hgtTileCorner('N14E108.hgt')).toEqual([108, 14]);
    expect(hgtTileCorner('dem/n11e107.SRTMGL1.hgt')).toEqual([107, 11]);
    expect(hgtTileCorner('S01W074.hgt')).toEqual([-74, -1]);
    expect(hgtTileCorner('tile.hgt')).toBeNull();
  });
  it('reads a 3″ tile: the south-west corner is the name, row 0 the north, heights at known posts', async () => {
    const r = await readDem([{ name: 'N14E108.hgt', bytes: hgt(1201, 108, 14, ramp(108, 14)) }]);
    expect(r.tiles).toBe(1);
    expect(r.voidsFilled).toBe(0);
    expect(r.bbox).toEqual([108, 14, 109, 15]);
    // 3″ = 1/1200°: 92 m north–south, about 90 m east–west at 14–15° N (the finer one).
    expect(r.spacing_m).toBeGreaterThan(88);
    expect(r.spacing_m).toBeLessThan(91);
    const { dem } = r;
    expect(dem.elevation(108, 14)).toBeCloseTo(500, 6); // south-west corner
    expect(dem.elevation(108, 15)).toBeCloseTo(1500, 6); // north-west: the first post of the file
    expect(dem.elevation(109, 14)).toBeCloseTo(600, 6);
    // Between posts: bilinear on a linear field is the field (within the int16 rounding, 0.5 m).
    expect(Math.abs(dem.elevation(108.4321, 14.789) - ramp(108, 14)(108.4321, 14.789))).toBeLessThan(0.5);
    expect(dem.elevation(107.9, 14.5)).toBeNaN();
    expect(dem.sources).toEqual(['N14E108.hgt']);
  });
  it('reads a 1″ tile by its size (3601 × 3601 posts)', () => {
    const g = hgtGrid(new Uint8Array(3601 * 3601 * 2), 'N12E107.hgt');
    expect([g.cols, g.rows, g.west, g.north]).toEqual([3601, 3601, 107, 13]);
    expect(g.dLat).toBeCloseTo(1 / 3600, 12);
  });
  it('fills voids from their neighbours, with a warning giving the count', async () => {
    const b = hgt(1201, 108, 14, ramp(108, 14));
    // A single void, and a run of three along a row.
    setPost(b, 1201, 600, 600, -32768);
    for (const c of [100, 101, 102]) setPost(b, 1201, 300, c, -32768);
    const r = await readDem([{ name: 'N14E108.hgt', bytes: b }]);
    expect(r.voidsFilled).toBe(4);
    expect(r.warnings).toEqual(['N14E108.hgt: 4 void post(s) filled from their neighbours']);
    // Inverse-distance along a row and a column of a linear field gives the field back.
    const post = (row: number, col: number) => r.dem.elevation(108 + col / 1200, 15 - row / 1200);
    expect(post(600, 600)).toBeCloseTo(ramp(108, 14)(108.5, 14.5), 0);
    expect(post(300, 101)).toBeCloseTo(ramp(108, 14)(108 + 101 / 1200, 15 - 300 / 1200), 0);
  });
  it('mosaics two tiles: each point from its own tile, the shared edge agreeing', async () => {
    const f = (lon: number, lat: number) => 100 + 200 * (lon - 108) + 50 * (lat - 14);
    const r = await readDem([
      { name: 'N14E108.hgt', bytes: hgt(1201, 108, 14, f) },
      { name: 'N14E109.hgt', bytes: hgt(1201, 109, 14, f) },
    ]);
    expect(r.tiles).toBe(2);
    expect(r.bbox).toEqual([108, 14, 110, 15]);
    // Heights are whole metres in the file: within 0.5 m of the field.
    for (const [lon, lat] of [
      [109.75, 14.25],
      [108.25, 14.75],
      [109, 14.5],
    ] as const)
      expect(Math.abs(r.dem.elevation(lon, lat) - f(lon, lat))).toBeLessThanOrEqual(0.5);
  });
  it('reads tiles inside a .zip', async () => {
    const zip = zipSync({ 'N14E108.hgt': [hgt(1201, 108, 14, ramp(108, 14)), { level: 0 }] });
    const r = await readDem([{ name: 'srtm.zip', bytes: zip }]);
    expect(r.dem.sources).toEqual(['srtm.zip/N14E108.hgt']);
    expect(r.dem.elevation(108, 15)).toBeCloseTo(1500, 6);
  });
  it('refuses a bad name, a bad size, an all-void tile — every file at once, each named', async () => {
    expect(await refusal(readDem([{ name: 'tile.hgt', bytes: new Uint8Array(1201 * 1201 * 2) }]))).toContain(
      'tile.hgt: an SRTM .hgt tile is placed by its file name',
    );
    expect(await refusal(readDem([{ name: 'N14E108.hgt', bytes: new Uint8Array(1000) }]))).toBe(
      'N14E108.hgt: 1,000 bytes is not the size of an SRTM .hgt tile (1″: 25,934,402 bytes, 3601 × 3601 posts; 3″: 2,884,802 bytes, 1201 × 1201 posts).',
    );
    const voids = hgt(1201, 108, 14, () => -32768);
    const all = await refusal(
      readDem([
        { name: 'N14E108.hgt', bytes: voids },
        { name: 'x.hgt', bytes: new Uint8Array(2) },
      ]),
    );
    expect(all).toContain('2 DEM files could not be read');
    expect(all).toContain('N14E108.hgt: every post of the tile is void');
    expect(all).toContain('x.hgt: an SRTM .hgt tile');
  });
});

describe('fillVoids on a small grid (hand arithmetic)', () => {
  it('weights the nearest valid post each way by 1/distance', () => {
    // 1 3 5 / 2 NaN NaN / 3 5 7: post (1,1) sees west 2 (d 1), north 3 (d 1), south 5 (d 1), no east
    // (only voids east of it); post (1,2) sees west 2 (d 2), north 5, south 7.
    const h = new Float32Array([1, 3, 5, 2, Number.NaN, Number.NaN, 3, 5, 7]);
    expect(fillVoids(h, 3, 3)).toBe(2);
    expect(h[4]).toBeCloseTo((2 + 3 + 5) / 3, 5);
    expect(h[5]).toBeCloseTo((2 / 2 + 5 + 7) / (1 / 2 + 1 + 1), 5);
    expect(fillVoids(new Float32Array([Number.NaN, Number.NaN]), 2, 1)).toBe(-1);
  });
});

const buf = (b: Uint8Array) => b;
const nodata = (v: string): TiffTag => ({ tag: 42113, type: 2, values: v });
/** GeoKeys: model geographic, raster type PixelIsPoint (2), EPSG:4326. */
const pointKeys: TiffTag = {
  tag: 34735,
  type: 3,
  values: [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 2, 2048, 0, 1, 4326],
};

describe('elevation GeoTIFFs', () => {
  // 4 × 3 cells, row 0 the north: heights 10 × row + column.
  const cells = [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23];
  // Cells of 1/16° (exact in binary, so the posts' positions are too).
  it('EPSG:4326 PixelIsArea: the post is the centre of the cell', async () => {
    const t = buildTiff({
      width: 4,
      height: 3,
      cells,
      tags: [...georef(108, 14.25, 0.0625), geokeys(4326, false)],
    });
    const r = await readDem([{ name: 'glo30.tif', bytes: buf(t) }]);
    expect(r.dem.bbox).toEqual([108.03125, 14.09375, 108.21875, 14.21875]);
    expect(r.dem.elevation(108.03125, 14.21875)).toBeCloseTo(0, 6);
    expect(r.dem.elevation(108.21875, 14.21875)).toBeCloseTo(3, 6);
    expect(r.dem.elevation(108.03125, 14.09375)).toBeCloseTo(20, 6);
    // Half-way between posts (1, 1), (1, 2), (2, 1), (2, 2): their mean.
    expect(r.dem.elevation(108.03125 + 1.5 * 0.0625, 14.21875 - 1.5 * 0.0625)).toBeCloseTo(16.5, 5);
  });
  it('EPSG:4326 PixelIsPoint: the tie point is the post', async () => {
    const t = buildTiff({ width: 4, height: 3, cells, tags: [...georef(108, 14.25, 0.0625), pointKeys] });
    const r = await readDem([{ name: 'srtm.tif', bytes: t }]);
    expect(r.dem.bbox).toEqual([108, 14.125, 108.1875, 14.25]);
    expect(r.dem.elevation(108, 14.25)).toBeCloseTo(0, 6);
    expect(r.dem.elevation(108.1875, 14.125)).toBeCloseTo(23, 6);
  });
  it('fills GDAL_NODATA cells with a warning naming the file and the count', async () => {
    const withHole = cells.map((v) => (v === 11 ? -9999 : v));
    const t = buildTiff({
      width: 4,
      height: 3,
      cells: withHole,
      tags: [...georef(108, 14.25, 0.0625), geokeys(4326, false), nodata('-9999')],
    });
    const r = await readDem([{ name: 'n.tif', bytes: t }]);
    expect(r.voidsFilled).toBe(1);
    expect(r.warnings).toEqual(['n.tif: 1 void post(s) filled from their neighbours']);
    // West 10, east 12, north 1, south 21, all at distance 1: their mean.
    expect(r.dem.elevation(108.03125 + 0.0625, 14.21875 - 0.0625)).toBeCloseTo((10 + 12 + 1 + 21) / 4, 5);
  });
  it('refuses a raster without georeferencing, or all void, naming the file and what is missing', async () => {
    const bare = buildTiff({ width: 4, height: 3, cells, tags: [geokeys(4326, false)] });
    const m = await refusal(readDem([{ name: 'bare.tif', bytes: bare }]));
    expect(m).toContain('bare.tif: the GeoTIFF has no georeferencing');
    expect(m).toContain('ModelTiepoint');
    const empty = buildTiff({
      width: 4,
      height: 3,
      cells: cells.map(() => -32768),
      tags: [...georef(108, 14.1, 0.01), geokeys(4326, false)],
    });
    expect(await refusal(readDem([{ name: 'void.tif', bytes: empty }]))).toContain(
      'void.tif: every cell of the DEM is void',
    );
  });
  it('resamples a UTM 48N (EPSG:32648) raster onto lon/lat: heights agree with proj4 and the field', async () => {
    // 40 × 30 cells of 100 m, top-left corner at E 800 000, N 1 560 000 (Gia Lai, ~14.1° N, 107.8° E);
    // height = 0.1 × (x − 800 000) + 0.05 × (1 560 000 − y) at each cell centre.
    const x0 = 800_000;
    const y0 = 1_560_000;
    const field = (x: number, y: number) => 0.1 * (x - x0) + 0.05 * (y0 - y);
    const utm: number[] = [];
    for (let r = 0; r < 30; r++)
      for (let c = 0; c < 40; c++) utm.push(field(x0 + (c + 0.5) * 100, y0 - (r + 0.5) * 100));
    const t = buildTiff({
      width: 40,
      height: 30,
      cells: utm,
      tags: [...georef(x0, y0, 100), geokeys(32648, true)],
    });
    const r = await readDem([{ name: 'utm.tif', bytes: t }]);
    expect(r.warnings).toContain(
      'utm.tif: resampled from WGS 84 / UTM zone 48N (EPSG:32648) → WGS 84 onto a lon/lat grid',
    );
    const toLonLat = proj4('+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs', 'WGS84');
    for (const [x, y] of [
      [x0 + 1234, y0 - 567],
      [x0 + 2000, y0 - 1500],
      [x0 + 3500, y0 - 2600],
    ] as const) {
      const [lon, lat] = toLonLat.forward([x, y]) as [number, number];
      // Bilinear of bilinear on a linear field is the field; 0.1 m/m × a few cm of projection rounding.
      expect(Math.abs(r.dem.elevation(lon, lat) - field(x, y))).toBeLessThan(0.05);
    }
    // About the raster's 100 m spacing (the resampled grid keeps it).
    expect(r.spacing_m).toBeGreaterThan(90);
    expect(r.spacing_m).toBeLessThan(110);
  });
});

describe('a VN-2000 TM-3 GeoTIFF (user-defined transverse Mercator in its GeoKeys)', () => {
  it('is recognised from the GeoKeys and resampled onto lon/lat: heights agree with proj4', async () => {
    // GeoKeys: projected model, PixelIsArea, datum 6756 (VN-2000), ProjectedCSType 32767 (user-defined),
    // ProjCoordTrans 1 (transverse Mercator); origin longitude, false easting and scale in GeoDoubleParams.
    const keys: TiffTag = {
      tag: 34735,
      type: 3,
      values: [
        1, 1, 0, 8, 1024, 0, 1, 1, 1025, 0, 1, 1, 2050, 0, 1, 6756, 3072, 0, 1, 32767, 3075, 0, 1, 1, 3080,
        34736, 1, 0, 3082, 34736, 1, 1, 3092, 34736, 1, 2,
      ],
    };
    const doubles: TiffTag = { tag: 34736, type: 12, values: [108.5, 500_000, 0.9999] };
    const x0 = 495_000;
    const y0 = 1_550_000;
    const field = (x: number, y: number) => 600 + 0.02 * (x - x0) - 0.03 * (y0 - y);
    const cells: number[] = [];
    for (let r = 0; r < 20; r++)
      for (let c = 0; c < 30; c++) cells.push(field(x0 + (c + 0.5) * 50, y0 - (r + 0.5) * 50));
    const t = buildTiff({ width: 30, height: 20, cells, tags: [...georef(x0, y0, 50), keys, doubles] });
    const r = await readDem([{ name: 'tm3.tif', bytes: t }]);
    expect(r.warnings.some((w) => w.includes('VN-2000 / TM-3 108°30′'))).toBe(true);
    // The zone's definition written out here (Decision 05/2007/QĐ-BTNMT's shift, as in crs.ts).
    const tm3 = proj4(
      `+proj=tmerc +lat_0=0 +lon_0=108.5 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
      'WGS84',
    );
    for (const [x, y] of [
      [x0 + 333, y0 - 222],
      [x0 + 1000, y0 - 500],
      [x0 + 1400, y0 - 900],
    ] as const) {
      const [lon, lat] = tm3.forward([x, y]) as [number, number];
      expect(Math.abs(r.dem.elevation(lon, lat) - field(x, y))).toBeLessThan(0.05);
    }
  });
});

describe('garbage is refused with a UserError, never anything else', () => {
  it('random bytes as .hgt, .tif and .zip (fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.constantFrom('N14E108.hgt', 'x.tif', 'x.zip', 'N14E108.HGT'),
        async (bytes, name) => {
          const e = await readDem([{ name, bytes }]).then(
            () => null,
            (x: unknown) => x,
          );
          if (e !== null) expect(e).toBeInstanceOf(UserError);
        },
      ),
      { seed: 17, numRuns: 300 },
    );
  });
});
