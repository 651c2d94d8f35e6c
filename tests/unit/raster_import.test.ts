/**
 * GeoTIFF population rasters (issue 12, raster part): the header checked against the file before any
 * cell is decoded, the georeferencing and coordinate system, bad cells skipped with one warning, and an
 * analytic covered population through the engine. The rasters are built byte by byte (buildTiff).
 */
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTiff, geokeys, georef, type TiffTag } from '../../scripts/bad_fixtures/raster.ts';
import { setLang } from '../../src/app/i18n/i18n.ts';
import { messageText } from '../../src/app/i18n/issue_text.ts';
import { UserError } from '../../src/core/base/errors.ts';
import type { Commune } from '../../src/core/base/types.ts';
import { analyze } from '../../src/core/coverage/analyze.ts';
import { IMPORT_LIMITS } from '../../src/io/formats/limits.ts';
import { populationFromGeoTIFF } from '../../src/io/import/population.ts';
import { rect } from '../support/reference.ts';

const wgs84 = (x = 108.0, y = 14.1, size = 0.01): TiffTag[] => [...georef(x, y, size), geokeys(4326, false)];
const buf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const read = (b: Uint8Array, maxCells?: number) => populationFromGeoTIFF(buf(b), 'p.tif', maxCells);
async function refusal(b: Uint8Array, maxCells?: number, maxPoints?: number): Promise<string> {
  const e = await populationFromGeoTIFF(buf(b), 'p.tif', maxCells, maxPoints).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).message;
}
const ones = (n: number) => new Array<number>(n).fill(1);

describe('the header is checked against the file before anything is allocated', () => {
  it('refuses more cells than the limit, giving width × height and the limit', async () => {
    expect(IMPORT_LIMITS.rasterCells).toBe(100_000_000);
    const huge = buildTiff({
      width: 2,
      height: 2,
      cells: ones(4),
      tags: wgs84(),
      override: [
        { tag: 256, type: 4, values: [100_000] },
        { tag: 257, type: 4, values: [100_000] },
      ],
    });
    expect(huge.length).toBeLessThan(400);
    expect(await refusal(huge)).toBe(
      'p.tif: the raster is 100,000 × 100,000 cells (10,000,000,000), over the limit of 100,000,000 cells. Clip it to the province or resample it to coarser cells (for example with gdalwarp), then import it.',
    );
    // Exactly at the limit is read; one row more is refused.
    const six = buildTiff({ width: 3, height: 2, cells: ones(6), tags: wgs84() });
    expect((await read(six, 6)).points).toHaveLength(6);
    expect(await refusal(six, 5)).toContain('3 × 2 cells (6), over the limit of 5 cells');
  });
  it('refuses more populated cells than the point limit (each is a point of the analysis)', async () => {
    expect(IMPORT_LIMITS.rasterPoints).toBe(10_000_000);
    const b = buf(buildTiff({ width: 3, height: 2, cells: [1, 0, 1, 1, 1, 0], tags: wgs84() }));
    expect((await populationFromGeoTIFF(b, 'p.tif', 6, 4)).points).toHaveLength(4);
    await expect(populationFromGeoTIFF(b, 'p.tif', 6, 3)).rejects.toThrowError(
      'p.tif: the raster has more than 3 populated cells (the limit was reached at row 1 of 2). Resample it',
    );
  });
  it('refuses a strip past the end, a short uncompressed strip, missing offsets, and too few compressed bytes', async () => {
    const at = (override: TiffTag[]) =>
      refusal(buildTiff({ width: 4, height: 2, cells: ones(8), tags: wgs84(), override }));
    expect(await at([{ tag: 273, type: 4, values: [1_000_000_000] }])).toMatch(
      /^p\.tif: not a readable GeoTIFF \(strip 0 at byte 1,000,000,000 \(32 bytes\) lies past the end of the \d+-byte file\)\.$/,
    );
    expect(await at([{ tag: 279, type: 4, values: [4_000_000] }])).toContain(
      '(4,000,000 bytes) lies past the end',
    );
    expect(await at([{ tag: 279, type: 4, values: [8] }])).toContain(
      'uncompressed strip 0 has 8 bytes for 32 bytes of cells',
    );
    expect(await at([{ tag: 278, type: 4, values: [1] }])).toContain(
      '2 strips expected, 1 strip offsets given',
    );
    // A deflate strip of 1 byte cannot hold 4 × 2 × 4 bytes × 1000 cells.
    expect(
      await at([
        { tag: 259, type: 3, values: [8] },
        { tag: 257, type: 4, values: [2000] },
        { tag: 278, type: 4, values: [2000] },
        { tag: 279, type: 4, values: [1] },
      ]),
    ).toContain('strip 0 has 1 compressed bytes, too few for 32,000 bytes of cells');
    expect(await at([{ tag: 322, type: 4, values: [16] }])).toContain('tag 323 is missing');
    expect(
      await at([
        { tag: 322, type: 4, values: [16] },
        { tag: 323, type: 4, values: [16] },
        { tag: 324, type: 4, values: [8] },
        { tag: 325, type: 4, values: [1024] },
      ]),
    ).toContain('tile 0 at byte 8 (1,024 bytes) lies past the end');
  });
  it('refuses a tag whose values lie past the end, a bad byte-order mark, and a cut file', async () => {
    const good = buildTiff({ width: 4, height: 2, cells: ones(8), tags: wgs84() });
    expect(await refusal(good.slice(0, good.length - 20))).toContain('not a readable GeoTIFF');
    const bad = good.slice();
    bad[0] = 0x41;
    expect(await refusal(bad)).toBe('p.tif: not a readable GeoTIFF (no TIFF byte-order mark).');
    expect(await refusal(new Uint8Array(4))).toBe('p.tif: not a readable GeoTIFF (only 4 bytes).');
  });
  it('reads a deflate raster whose cells compress ~1000× (the ratio bound is not too tight)', async () => {
    const cells = new Float32Array(256 * 256);
    cells[0] = 7;
    const packed = zlibSync(new Uint8Array(cells.buffer), { level: 9 });
    expect(cells.byteLength / packed.length).toBeGreaterThan(500);
    const plain = buildTiff({ width: 256, height: 256, cells: [...cells], tags: wgs84() });
    // Swap the strip for its deflate form: same header, compression 8, the new byte count.
    const b = buildTiff({
      width: 256,
      height: 256,
      cells: [],
      tags: wgs84(),
      override: [
        { tag: 259, type: 3, values: [8] },
        { tag: 279, type: 4, values: [packed.length] },
      ],
    });
    const out = new Uint8Array(b.length + packed.length);
    out.set(b);
    out.set(packed, b.length);
    // Point the strip at the appended data.
    const view = new DataView(out.buffer);
    const ifd = view.getUint32(4, true);
    for (let k = 0; k < view.getUint16(ifd, true); k++) {
      const p = ifd + 2 + k * 12;
      if (view.getUint16(p, true) === 273) view.setUint32(p + 8, b.length, true);
    }
    expect(plain.length).toBeGreaterThan(out.length);
    const r = await read(out);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]!.lon).toBeCloseTo(108.005, 9);
    expect(r.points[0]!.lat).toBeCloseTo(14.095, 9);
    expect(r.points[0]!.population).toBe(7);
  });
});

/** A little-endian BigTIFF of Float32 cells, one strip, EPSG:4326 (geotiff.js writes only classic TIFF). */
function bigTiff(width: number, height: number, cells: number[], stripBytes?: number): Uint8Array {
  const data = new Uint8Array(new Float32Array(cells).buffer);
  type E = [tag: number, type: number, values: number[]];
  const entries: E[] = [
    [256, 16, [width]],
    [257, 16, [height]],
    [258, 3, [32]],
    [259, 3, [1]],
    [273, 16, [16]],
    [277, 3, [1]],
    [278, 16, [height]],
    [279, 16, [stripBytes ?? data.length]],
    [339, 3, [3]],
    [33550, 12, [0.05, 0.05, 0]],
    [33922, 12, [0, 0, 0, 108, 14.1, 0]],
    [34735, 3, [1, 1, 0, 2, 1024, 0, 1, 2, 2048, 0, 1, 4326]],
  ];
  const size = (t: number) => (t === 3 ? 2 : 8);
  let at = 16 + data.length;
  const extra = entries.map(([, t, v]) => {
    if (v.length * size(t) <= 8) return -1;
    const here = at;
    at += v.length * size(t);
    return here;
  });
  const ifd = at;
  const out = new Uint8Array(ifd + 8 + entries.length * 20 + 8);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  view.setUint16(2, 43, true);
  view.setUint16(4, 8, true);
  view.setBigUint64(8, BigInt(ifd), true);
  out.set(data, 16);
  view.setBigUint64(ifd, BigInt(entries.length), true);
  const put = (p: number, t: number, v: number) =>
    t === 3
      ? view.setUint16(p, v, true)
      : t === 12
        ? view.setFloat64(p, v, true)
        : view.setBigUint64(p, BigInt(v), true);
  entries.forEach(([tag, t, v], k) => {
    const p = ifd + 8 + k * 20;
    view.setUint16(p, tag, true);
    view.setUint16(p + 2, t, true);
    view.setBigUint64(p + 4, BigInt(v.length), true);
    const base = extra[k] === -1 ? p + 12 : extra[k]!;
    if (extra[k] !== -1) view.setBigUint64(p + 12, BigInt(base), true);
    for (const [i, x] of v.entries()) put(base + i * size(t), t, x);
  });
  return out;
}

describe('BigTIFF', () => {
  it('is read, and its strips are checked against the file too', async () => {
    const r = await read(bigTiff(2, 1, [5, 6]));
    expect(r.points.map((p) => p.population)).toEqual([5, 6]);
    expect(r.points[0]!.lon).toBeCloseTo(108.025, 9);
    expect(await refusal(bigTiff(2, 1, [5, 6], 1_000_000))).toContain(
      'strip 0 at byte 16 (1,000,000 bytes) lies past the end',
    );
  });
});

describe('georeferencing and coordinate system', () => {
  const cells = [1, 2, 3, 4];
  const two = (tags: TiffTag[]) => buildTiff({ width: 2, height: 2, cells, tags });
  it('reads EPSG:4326 at the cell centres, from a tie point or a ModelTransformation', async () => {
    const r = await read(two(wgs84(108, 14.1, 0.05)));
    expect(r.issues).toEqual([]);
    expect(r.points.map((p) => [p.lon, p.lat, p.population])).toEqual([
      [108.025, 14.075, 1],
      [108.075, 14.075, 2],
      [108.025, 14.025, 3],
      [108.075, 14.025, 4],
    ]);
    const t = await read(
      two([
        { tag: 34264, type: 12, values: [0.05, 0, 0, 108, 0, -0.05, 0, 14.1, 0, 0, 0, 0, 0, 0, 0, 1] },
        geokeys(4326, false),
      ]),
    );
    expect(t.points).toEqual(r.points);
  });
  it('PixelIsPoint: the tie point is the centre of cell (0, 0)', async () => {
    const keys: TiffTag = {
      tag: 34735,
      type: 3,
      values: [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 2, 2048, 0, 1, 4326],
    };
    const r = await read(two([...georef(108.025, 14.075, 0.05), keys]));
    expect(r.points[0]).toEqual({ lon: 108.025, lat: 14.075, population: 1, cell: [0.05, 0.05] });
  });
  it('refuses no georeferencing, a rotated grid, a zero cell size', async () => {
    expect(await refusal(two([geokeys(4326, false)]))).toContain(
      'p.tif: the GeoTIFF has no georeferencing (origin and resolution)',
    );
    expect(
      await refusal(
        two([
          { tag: 34264, type: 12, values: [0.05, 0.01, 0, 108, 0, -0.05, 0, 14.1, 0, 0, 0, 0, 0, 0, 0, 1] },
        ]),
      ),
    ).toContain('rotated or sheared');
    expect(await refusal(two(wgs84(108, 14.1, 0)))).toContain(
      'that can be used: origin (108, 14.1), cell size 0 × 0.',
    );
  });
  it('never reads metres as degrees: no CRS outside ±180/±90, projected CRS not converted, degrees out of range', async () => {
    expect(await refusal(two(georef(500_000, 1_550_000, 100)))).toContain(
      'p.tif: the raster declares no coordinate system and its extent (x 500000 … 500200, y 1549800 … 1550000) is not longitude/latitude degrees',
    );
    expect(await refusal(two([...georef(500_000, 1_550_000, 100), geokeys(2154, true)]))).toContain(
      'the projected coordinate system EPSG:2154, which Vùng Phủ does not convert',
    );
    expect(await refusal(two([...georef(500_000, 1_550_000, 100), geokeys(32767, true)]))).toContain(
      'without an EPSG code (user-defined)',
    );
    expect(await refusal(two([...georef(500_000, 1_550_000, 100), geokeys(4326, false)]))).toContain(
      'the raster says longitude/latitude (EPSG:4326) but its extent',
    );
    expect(await refusal(two([...georef(108, 14.1, 0.05), geokeys(4269, false)]))).toContain(
      'the geographic coordinate system EPSG:4269',
    );
  });
  it('converts a projected CRS the importer knows (UTM 48N) to WGS 84 cell centres', async () => {
    // The cell centre (829,438.73 E, 1,555,386.24 N) in UTM 48N is (108.05 E, 14.05 N), from proj4.
    const r = await read(
      buildTiff({
        width: 1,
        height: 1,
        cells: [9],
        tags: [...georef(828_938.73, 1_555_886.24, 1000), geokeys(32648, true)],
      }),
    );
    expect(r.crs).toBe('WGS 84 / UTM zone 48N (EPSG:32648) → WGS 84');
    expect(r.points[0]!.lon).toBeCloseTo(108.05, 4);
    expect(r.points[0]!.lat).toBeCloseTo(14.05, 4);
    // Its 1 km square, in degrees at 14.05° N (≈ 110.6 km per degree of latitude, 108.0 km of longitude on
    // the ellipsoid), within the grid's tilt from north at 3° from the zone's meridian (< 0.2 %).
    const [w, h] = r.points[0]!.cell!;
    expect(Math.abs(w * 107_995 - 1000)).toBeLessThan(3);
    expect(Math.abs(h * 110_625 - 1000)).toBeLessThan(3);
  });
});

describe('cell values', () => {
  const grid = (cells: number[], extra: TiffTag[] = []) =>
    read(buildTiff({ width: 4, height: 2, cells, tags: [...wgs84(108, 14.1, 0.05), ...extra] }));
  it('skips non-finite, negative and absurd cells with one warning each (count, first row and column)', async () => {
    const r = await grid([
      10,
      Number.NaN,
      -3,
      3.4e38,
      Number.POSITIVE_INFINITY,
      -1,
      Number.NEGATIVE_INFINITY,
      20,
    ]);
    expect(r.points.map((p) => p.population)).toEqual([10, 20]);
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([
      [
        'warning',
        '3 cell(s) were skipped (first at row 0, column 1: NaN; rows and columns counted from 0 at the top-left): their value is not a finite number (NaN or ±Infinity) and not the nodata value (the raster declares none)',
      ],
      [
        'warning',
        '2 cell(s) were skipped (first at row 0, column 2: -3; rows and columns counted from 0 at the top-left): their population is negative',
      ],
      [
        'warning',
        '1 cell(s) were skipped (first at row 0, column 3: 3.4e+38; rows and columns counted from 0 at the top-left): they hold more people than a cell can (over 100,000 per cell or 500,000 per km²)',
      ],
    ]);
    expect(r.total).toBe(8);
  });
  it('honours nodata (a number, or nan)', async () => {
    const n = await grid([-99999, 5, 0, -99999, 1, 1, 1, 1], [{ tag: 42113, type: 2, values: '-99999' }]);
    expect(n.issues).toEqual([]);
    expect(n.points).toHaveLength(5);
    const nan = await grid([Number.NaN, 5, 0, 0, 0, 0, 0, 0], [{ tag: 42113, type: 2, values: 'nan' }]);
    expect(nan.issues).toEqual([]);
    expect(nan.points).toHaveLength(1);
    // The float32 nodata of GDAL's default (-3.4028234663852886e+38) matches the stored cells.
    const min = await grid(
      [-3.4028234663852886e38, 5, 0, 0, 0, 0, 0, 0],
      [{ tag: 42113, type: 2, values: '-3.4028234663852886e+38' }],
    );
    expect(min.issues).toEqual([]);
  });
  it('the per-cell maximum: 100,000 people, or 500,000 per km² of the cell', async () => {
    const r = await grid([100_000, 100_001, 0, 0, 0, 0, 0, 0]);
    expect(r.points.map((p) => p.population)).toEqual([100_000]);
    // 0.0001° cells at 14.1° N: 11.132 m × 10.80 m = 1.2022e-4 km², so at most 60.1 people.
    const small = await read(
      buildTiff({ width: 2, height: 1, cells: [60, 61], tags: wgs84(108, 14.1, 0.0001) }),
    );
    expect(small.points.map((p) => p.population)).toEqual([60]);
    expect(small.issues[0]!.message).toContain('1 cell(s) were skipped (first at row 0, column 1: 61;');
  });
});

describe('analytic: a raster inside a commune gives exactly the covered population', () => {
  it('one covered cell of a 10 × 10 grid, with bad cells around it', async () => {
    // 0.01° cells over commune A (108.0–108.1 E, 14.0–14.1 N): 10 people each, 500 in row 2, column 2
    // (centre 108.025 E, 14.075 N) where a 1 km site stands; the neighbouring centres are ≥ 1.07 km away.
    const cells = new Array<number>(100).fill(10);
    cells[22] = 500;
    cells[55] = Number.POSITIVE_INFINITY;
    cells[56] = 3.4e38;
    cells[57] = Number.NaN;
    cells[58] = -5;
    cells[99] = -99999;
    const r = await read(
      buildTiff({
        width: 10,
        height: 10,
        cells,
        tags: [...wgs84(108, 14.1, 0.01), { tag: 42113, type: 2, values: '-99999' }],
      }),
    );
    expect(r.issues).toHaveLength(3);
    const total = 94 * 10 + 500;
    expect(r.points.reduce((s, p) => s + p.population, 0)).toBe(total);
    const commune: Commune = {
      id: 'A',
      name: 'Xã A',
      districtId: 'D1',
      districtName: 'Huyện Một',
      provinceId: 'P1',
      provinceName: 'Tỉnh Thử',
      population: total,
      setting: 'rural',
      geometry: rect(108.0, 14.0, 108.1, 14.1),
    };
    const result = analyze({
      communes: [commune],
      sites: [
        { id: 's1', operator: 'Viettel', lon: 108.025, lat: 14.075, technologies: ['4G'], radius_m: 1000 },
      ],
      populationPoints: r.points,
    });
    const fig = result.units
      .find((u) => u.id === 'A')!
      .coverage.find((c) => c.technology === '4G' && c.operator === 'all')!;
    expect(fig.covered_population).toBeCloseTo(500, 9);
    expect(fig.population_pct).toBeCloseTo((100 * 500) / total, 9);
    expect(Number.isFinite(fig.population_pct)).toBe(true);
  });
});

describe('the messages the corpus cannot produce have Vietnamese text too', () => {
  it('translates them', async () => {
    setLang('vi');
    const two = (tags: TiffTag[]) => buildTiff({ width: 2, height: 2, cells: [1, 2, 3, 4], tags });
    const messages = [
      await refusal(two(wgs84()), 4, 3),
      await refusal(
        two([
          { tag: 34264, type: 12, values: [0.05, 0.01, 0, 108, 0, -0.05, 0, 14.1, 0, 0, 0, 0, 0, 0, 0, 1] },
        ]),
      ),
      await refusal(two([...georef(500_000, 1_550_000, 100), geokeys(32767, true)])),
      await refusal(two([...georef(500_000, 1_550_000, 100), geokeys(4326, false)])),
      await refusal(two([...georef(108, 14.1, 0.05), geokeys(4269, false)])),
      await refusal(two(wgs84(108, 14.1, 0))),
    ];
    for (const m of messages) {
      const vi = messageText(m);
      expect(vi, m).not.toBe(m);
      expect(vi.startsWith('p.tif: '), vi).toBe(true);
    }
  });
});
