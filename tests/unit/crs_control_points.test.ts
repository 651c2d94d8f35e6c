/**
 * Coordinate conversion against published control points.
 *
 * Datum shift (VN-2000 ↔ WGS 84): points published by Vietnam's Ministry of Transport in both systems,
 * to 0.1″ (≈ 3 m):
 * - Thông tư 37/2019/TT-BGTVT, appendix, port waters of Quảng Ngãi at Lý Sơn island (LS1–LS4;
 *   WGS-84 to 1″, VN-2000 to 0.1″), as quoted at
 *   nganhangphapluat.lawnet.vn/tu-van-phap-luat/giao-thong--van-tai/pham-vi-vung-nuoc-cang-bien-quang-ngai-tai-khu-vuc-dao-ly-son-theo-he-toa-do-wgs84-va-vn-2000-307733
 * - Thông tư 20/2019/TT-BGTVT, appendix, port waters of Khánh Hòa (Vân Phong, Nha Trang, Cam Ranh;
 *   both systems to 0.1″).
 * The shift parameters are those of Decision 05/2007/QĐ-BTNMT, as EPSG writes them for EPSG:4756
 * (TOWGS84[-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278]).
 *
 * Map projection (Transverse Mercator, used by VN-2000 TM-3 and UTM): the worked examples of
 * IOGP/EPSG Guidance Note 7-2 (Transverse Mercator, OSGB 1936 / British National Grid: 50°30′N 0°30′E →
 * E 577 274.99 m, N 69 740.49 m) and of Snyder, Map Projections — A Working Manual (USGS PP 1395, 1987,
 * p. 269: Clarke 1866, 40°30′N 73°30′W, UTM zone 18 → x 127 106.5 m from the central meridian,
 * y 4 484 124.4 m).
 */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import {
  checkMeridian,
  parseCrsOption,
  parseMeridian,
  resolveCrs,
  VN2000_TOWGS84,
  vn2000Tm3,
} from '../../src/io/import/crs.ts';

const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;

/** [name, WGS 84 lat, lon, VN-2000 lat, lon] as d m s. */
const PUBLISHED: [string, number[], number[], number[], number[]][] = [
  ['LS1', [15, 22, 29], [109, 6, 7], [15, 22, 32.7], [109, 6, 0.5]],
  ['LS2', [15, 20, 32], [109, 5, 35], [15, 20, 35.7], [109, 5, 28.5]],
  ['LS3', [15, 20, 10], [109, 7, 6], [15, 20, 13.7], [109, 6, 59.5]],
  ['LS4', [15, 22, 24], [109, 7, 43], [15, 22, 27.7], [109, 7, 36.5]],
  ['VP1', [12, 33, 36.0], [109, 26, 0.0], [12, 33, 39.7], [109, 25, 53.6]],
  ['VP2', [12, 28, 0.0], [109, 26, 0.0], [12, 28, 3.7], [109, 25, 53.6]],
  ['VP3', [12, 24, 0.0], [109, 20, 30.0], [12, 24, 3.7], [109, 20, 23.6]],
  ['NT1', [12, 14, 14.0], [109, 16, 0.0], [12, 14, 17.7], [109, 15, 53.6]],
  ['NT2', [12, 16, 0.0], [109, 13, 42.0], [12, 16, 3.7], [109, 13, 35.6]],
  ['NT3', [12, 16, 0.0], [109, 13, 4.0], [12, 16, 3.7], [109, 12, 57.6]],
  ['NT4', [12, 12, 58.0], [109, 12, 32.0], [12, 13, 1.7], [109, 12, 25.6]],
  ['BT1', [12, 12, 27.9], [109, 11, 18.8], [12, 12, 31.6], [109, 11, 12.4]],
  ['BT2', [12, 12, 18.4], [109, 11, 18.4], [12, 12, 22.1], [109, 11, 12.0]],
  ['NT5', [12, 9, 17.0], [109, 13, 21.0], [12, 9, 20.7], [109, 13, 14.6]],
  ['NT6', [12, 9, 17.0], [109, 16, 48.0], [12, 9, 20.7], [109, 16, 41.6]],
  ['NT7', [12, 11, 3.0], [109, 16, 48.0], [12, 11, 6.7], [109, 16, 41.6]],
  ['C1', [11, 58, 8.8], [109, 12, 24.9], [11, 58, 12.5], [109, 12, 18.4]],
  ['C2', [11, 56, 51.3], [109, 11, 46.5], [11, 56, 55.0], [109, 11, 40.0]],
  ['C3', [11, 55, 32.9], [109, 11, 30.6], [11, 55, 36.6], [109, 11, 24.1]],
  ['C4', [11, 54, 40.8], [109, 11, 9.5], [11, 54, 44.5], [109, 11, 3.0]],
  ['C5', [11, 53, 56.3], [109, 10, 27.8], [11, 54, 0.0], [109, 10, 21.3]],
];
const points = PUBLISHED.map(([name, wLat, wLon, vLat, vLon]) => ({
  name,
  wgs84: [dms(wLon[0]!, wLon[1]!, wLon[2]!), dms(wLat[0]!, wLat[1]!, wLat[2]!)] as [number, number],
  vn2000: [dms(vLon[0]!, vLon[1]!, vLon[2]!), dms(vLat[0]!, vLat[1]!, vLat[2]!)] as [number, number],
}));

/** Ground distance in metres between two nearby lon/lat points (local equirectangular; ample at 3 m). */
function metres(a: [number, number], b: [number, number]): number {
  const k = 111_320;
  return Math.hypot((a[0] - b[0]) * k * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);
}

/** Both published columns are rounded to 0.1″ (1″ for Lý Sơn's WGS-84): at most ~0.1″ ≈ 3.1 m apart. */
const TOLERANCE_M = 3.2;

describe('VN-2000 → WGS 84 datum shift against published points (Thông tư 37/2019 and 20/2019/TT-BGTVT)', () => {
  const vn2000 = resolveCrs({ kind: 'epsg', code: 4756 }, 'test');
  it.each(points)('$name', ({ vn2000: v, wgs84: w }) => {
    const got = vn2000.toWgs84(v[0], v[1]);
    expect(metres(got, w)).toBeLessThan(TOLERANCE_M);
  });
  it('fits all 21 points to under a metre and a half RMS (the shift itself is ~200 m)', () => {
    const residuals = points.map((p) => metres(vn2000.toWgs84(p.vn2000[0], p.vn2000[1]), p.wgs84));
    const rms = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    expect(rms).toBeLessThan(1.7);
    const shifts = points.map((p) => metres(p.vn2000, p.wgs84));
    expect(Math.min(...shifts)).toBeGreaterThan(150);
  });
});

describe('VN-2000 projected zones through the import converter, back to the published WGS 84', () => {
  // The published VN-2000 lon/lat, put on each zone's grid with the bare map projection (no datum
  // change), then converted by the importer's coordinate system, must land on the published WGS 84.
  const grid = (def: string) => proj4('+proj=longlat +ellps=WGS84 +no_defs', def);
  const cases = [
    {
      name: 'VN-2000 / TM-3 108°15′ (Khánh Hòa, Bình Định)',
      crs: resolveCrs({ kind: 'vn2000-tm3', meridian: 108.25 }, 'test'),
      toGrid: grid(
        '+proj=tmerc +lat_0=0 +lon_0=108.25 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m +no_defs',
      ),
    },
    {
      name: 'VN-2000 / TM-3 108°30′ (Gia Lai, Đắk Nông)',
      crs: resolveCrs({ kind: 'vn2000-tm3', meridian: 108.5 }, 'test'),
      toGrid: grid(
        '+proj=tmerc +lat_0=0 +lon_0=108.5 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m +no_defs',
      ),
    },
    {
      name: 'VN-2000 / UTM zone 49N (EPSG:3406)',
      crs: resolveCrs(parseCrsOption('EPSG:3406'), 'test'),
      toGrid: grid('+proj=utm +zone=49 +ellps=WGS84 +units=m +no_defs'),
    },
    {
      name: 'VN-2000 / UTM zone 48N (EPSG:3405)',
      crs: resolveCrs(parseCrsOption('EPSG:3405'), 'test'),
      toGrid: grid('+proj=utm +zone=48 +ellps=WGS84 +units=m +no_defs'),
    },
  ];
  it.each(cases)('$name', ({ crs, toGrid }) => {
    expect(crs.projected).toBe(true);
    for (const p of points) {
      const [x, y] = toGrid.forward(p.vn2000) as [number, number];
      expect(metres(crs.toWgs84(x, y), p.wgs84), p.name).toBeLessThan(TOLERANCE_M);
    }
  });
  it('an ESRI .prj for VN-2000 TM-3 (no TOWGS84) converts exactly like --vn2000-meridian', () => {
    const prj =
      'PROJCS["VN_2000_TM_3_108_30",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.5],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const fromPrj = resolveCrs({ kind: 'wkt', wkt: prj }, 'xa.prj');
    const fromMeridian = resolveCrs({ kind: 'vn2000-tm3', meridian: 108.5 }, 'test');
    const [lon1, lat1] = fromPrj.toWgs84(445_793.68, 1_548_361.76);
    const [lon2, lat2] = fromMeridian.toWgs84(445_793.68, 1_548_361.76);
    expect(lon1).toBeCloseTo(lon2, 10);
    expect(lat1).toBeCloseTo(lat2, 10);
    expect(lon1).toBeCloseTo(108.0, 6);
    expect(lat1).toBeCloseTo(14.0, 6);
  });
  it('a .prj carrying the sign-flipped TOWGS84 still gets the national parameters', () => {
    const flipped =
      'PROJCS["VN-2000 / UTM zone 49N",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';
    const a = resolveCrs({ kind: 'wkt', wkt: flipped }, 'x.prj').toWgs84(300_000, 1_600_000);
    const b = resolveCrs(parseCrsOption('EPSG:3406'), 'x').toWgs84(300_000, 1_600_000);
    expect(metres(a, b)).toBeLessThan(0.001);
  });
  it('the datum shift parameters are the EPSG:4756 / Decision 05/2007/QĐ-BTNMT values', () => {
    expect(VN2000_TOWGS84).toBe(
      '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278',
    );
    expect(vn2000Tm3(108.5)).toContain('+lon_0=108.5 +k=0.9999 +x_0=500000');
  });
});

describe('Transverse Mercator against published worked examples', () => {
  it('IOGP Guidance Note 7-2: OSGB 1936 / British National Grid, 50°30′N 0°30′E', () => {
    const bng =
      '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +a=6377563.396 +rf=299.3249646 +units=m +no_defs';
    const [e, n] = proj4('+proj=longlat +a=6377563.396 +rf=299.3249646 +no_defs', bng, [0.5, 50.5]);
    expect(e).toBeCloseTo(577_274.99, 1);
    expect(n).toBeCloseTo(69_740.49, 1);
  });
  it('Snyder (1987) p. 269: UTM zone 18, Clarke 1866, 40°30′N 73°30′W', () => {
    const [e, n] = proj4(
      '+proj=longlat +ellps=clrk66 +no_defs',
      '+proj=utm +zone=18 +ellps=clrk66 +units=m +no_defs',
      [-73.5, 40.5],
    );
    expect(e - 500_000).toBeCloseTo(127_106.5, 0);
    expect(n).toBeCloseTo(4_484_124.4, 0);
  });
  it('WGS 84 / UTM 48N and 49N are plain UTM (EPSG:32648, 32649)', () => {
    for (const [code, zone] of [
      [32648, 48],
      [32649, 49],
    ] as const) {
      const utm = proj4('WGS84', `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`);
      const [x, y] = utm.forward([108.05, 14.05]) as [number, number];
      const [lon, lat] = resolveCrs({ kind: 'epsg', code }, 't').toWgs84(x, y);
      expect(lon).toBeCloseTo(108.05, 9);
      expect(lat).toBeCloseTo(14.05, 9);
    }
  });
});

describe('coordinate system options', () => {
  it('reads EPSG codes in the usual spellings', () => {
    for (const s of [
      'EPSG:3405',
      'epsg:3405',
      '3405',
      'urn:ogc:def:crs:EPSG::3405',
      'urn:ogc:def:crs:EPSG:6.6:3405',
    ])
      expect(parseCrsOption(s)).toEqual({ kind: 'epsg', code: 3405 });
    expect(parseCrsOption('urn:ogc:def:crs:OGC:1.3:CRS84')).toEqual({ kind: 'epsg', code: 4326 });
    expect(() => parseCrsOption('VN2000')).toThrowError(/--crs "VN2000": expected an EPSG code/);
  });
  it('reads the TM-3 meridian in degrees, as d°m′, or as a province name', () => {
    for (const s of ['108.5', '108,5', "108°30'", '108°30′', 'Gia Lai', 'dak nong', 'ĐẮK NÔNG'])
      expect(parseMeridian(s)).toBe(108.5);
    expect(parseMeridian('Khánh Hòa')).toBe(108.25);
    expect(() => parseMeridian('Hà Nội')).toThrowError(
      /--vn2000-meridian "Hà Nội": give the central meridian in degrees/,
    );
  });
  it('refuses unknown EPSG codes and impossible meridians with a UserError', () => {
    expect(() => resolveCrs({ kind: 'epsg', code: 2154 }, 'f.csv')).toThrowError(UserError);
    expect(() => resolveCrs({ kind: 'epsg', code: 2154 }, 'f.csv')).toThrowError(
      /EPSG:2154 is not a coordinate system/,
    );
    expect(() => checkMeridian(18.5)).toThrowError(/--vn2000-meridian must be .* between 102 and 110/);
  });
});
