/**
 * Settlement polygons from a GeoPackage (issue 16): GeoPackages built in the test with sql.js and
 * hand-made geometry blobs (the GeoPackage 1.2 "GP" header, then ISO WKB), read through the importer:
 * polygon layers, several layers (the one read named, or chosen), bad geometries named by feature,
 * fid and field. Cross-checked against GDAL's ogr2ogr where it is installed (skipped without it), and
 * through the CLI bundle with the boundary set pinned (`--boundary-set pre2025`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLang } from '../../src/app/i18n/i18n.ts';
import { messageText } from '../../src/app/i18n/issue_text.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { importFile } from '../../src/io/import/import_file.ts';
import {
  geoPackage,
  gp,
  multiPolygonWkb,
  pointWkb,
  polygonWkb,
  type Ring,
  square,
  withZ,
  wkb,
} from '../support/gpkg.ts';
import { hasTool } from '../support/ogr.ts';
import { loadSample, ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

describe('settlements from a GeoPackage', () => {
  it('reads a polygon layer: Polygon and MultiPolygon (Z dropped), ids from fid; bad rows named by feature, fid and field', async () => {
    const a = square(108.0, 13.98, 0.002);
    const b = square(108.05, 14.0, 0.001);
    const c = square(108.06, 14.0, 0.001);
    const bytes = geoPackage(SQL, [
      {
        name: 'khu_dan_cu',
        type: 'MULTIPOLYGON',
        rows: [
          { fid: 11, geom: gp(polygonWkb([a])), name: 'Làng Ốp' },
          { fid: 12, geom: gp(multiPolygonWkb([[withZ(b)], [withZ(c)]], true)), name: 'Thôn 2' },
          { fid: 13, geom: gp(pointWkb(108.1, 14.1)) },
          { fid: 14, geom: gp(polygonWkb([a.slice(0, 2).concat([a[0]!])])) },
          { fid: 15, geom: null },
        ],
      },
    ]);
    const r = await importFile(bytes, 'kdc.gpkg', 'settlements');
    expect(r.format).toBe('geopackage');
    expect(r.total).toBe(5);
    expect(r.kept).toBe(2);
    expect(r.summary).toContain('kdc.gpkg: imported 2 of 5 features (layer "khu_dan_cu")');
    expect(r.items.map((s) => [s.id, s.name])).toEqual([
      ['11', 'Làng Ốp'],
      ['12', 'Thôn 2'],
    ]);
    expect(r.items[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [a] });
    expect(r.items[1]!.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[b], [c]] });
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`);
    expect(errors).toEqual([
      'features[2].geometry: geometry must be Polygon or MultiPolygon, not Point (fid 13)',
      'features[3].geometry: a ring needs at least 4 positions (fid 14)',
      'features[4].geometry: missing geometry (fid 15)',
    ]);
    expect(r.issues.every((i) => i.file === 'kdc.gpkg')).toBe(true);
    expect(r.issues.filter((i) => i.severity === 'error').every((i) => i.field === 'geometry')).toBe(true);
  });

  it('several layers: the first polygon layer is read and named, the others listed; a layer can be chosen', async () => {
    const bytes = geoPackage(SQL, [
      { name: 'thon', type: 'POINT', rows: [{ fid: 1, geom: gp(pointWkb(108, 14)) }] },
      {
        name: 'khu_dan_cu',
        type: 'POLYGON',
        rows: [{ fid: 1, geom: gp(polygonWkb([square(108, 14, 0.001)])) }],
      },
      {
        name: 'do_thi',
        type: 'MULTIPOLYGON',
        rows: [
          { fid: 7, geom: gp(multiPolygonWkb([[square(108.01, 13.99, 0.002)]])) },
          { fid: 8, geom: gp(multiPolygonWkb([[square(108.02, 13.99, 0.002)]])) },
        ],
      },
    ]);
    const first = await importFile(bytes, 'many.gpkg', 'settlements');
    expect(first.items.map((s) => s.id)).toEqual(['1']);
    expect(first.summary).toContain('(layer "khu_dan_cu")');
    const warning = first.issues.find((i) => i.severity === 'warning')!;
    expect(warning.message).toBe(
      'the GeoPackage has 3 layers (thon (POINT), khu_dan_cu (POLYGON), do_thi (MULTIPOLYGON)); read "khu_dan_cu", the first polygon layer; name another with the layer option',
    );
    const chosen = await importFile(bytes, 'many.gpkg', 'settlements', { layer: 'do_thi' });
    expect(chosen.items.map((s) => s.id)).toEqual(['7', '8']);
    expect(chosen.summary).toContain('(layer "do_thi")');
    expect(chosen.issues).toEqual([]);
    await expect(importFile(bytes, 'many.gpkg', 'settlements', { layer: 'nope' })).rejects.toThrowError(
      'many.gpkg: no layer "nope" in the GeoPackage; its layers are thon (POINT), khu_dan_cu (POLYGON), do_thi (MULTIPOLYGON).',
    );
    // A point layer, chosen: no valid settlement, every row named.
    const points = await importFile(bytes, 'many.gpkg', 'settlements', { layer: 'thon' }).catch((e) => e);
    expect(points).toBeInstanceOf(UserError);
    expect((points as UserError).message).toContain('no valid settlement polygons');
    expect((points as UserError).issues.map((i) => i.message)).toContain(
      'geometry must be Polygon or MultiPolygon, not Point (fid 1)',
    );
  });

  it('refuses what it cannot read, saying why', async () => {
    const onlyPoints = geoPackage(SQL, [{ name: 'thon', type: 'POINT', rows: [] }]);
    await expect(importFile(onlyPoints, 'p.gpkg', 'settlements')).rejects.toThrowError(
      'p.gpkg: settlements need polygons, and the GeoPackage has no polygon layer (thon (POINT)).',
    );
    await expect(importFile(new TextEncoder().encode('{}'), 'x.gpkg', 'settlements')).rejects.toThrowError(
      'x.gpkg: not a GeoPackage (the file does not start as an SQLite database does).',
    );
    const plain = new SQL.Database();
    plain.run('CREATE TABLE t (a INTEGER)');
    const sqlite = plain.export();
    plain.close();
    await expect(importFile(sqlite, 'db.gpkg', 'settlements')).rejects.toThrowError(
      /db\.gpkg: an SQLite file without the GeoPackage tables/,
    );
    await expect(importFile(onlyPoints, 'p.gpkg', 'sites')).rejects.toThrowError(
      'p.gpkg: a GeoPackage is read for settlements (polygons) only',
    );
    const geojson = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    await expect(importFile(geojson, 'k.geojson', 'settlements', { layer: 'a' })).rejects.toThrowError(
      'k.geojson: a layer ("a") is chosen only in a GeoPackage (.gpkg).',
    );
    // A corrupt blob (a ring count far beyond its bytes): a warning and an error on that row, no crash.
    const corrupt = gp(wkb(3, (w) => w.u32(1_000_000_000)));
    const r = await importFile(
      geoPackage(SQL, [
        {
          name: 'k',
          type: 'POLYGON',
          rows: [
            { fid: 1, geom: corrupt },
            { fid: 2, geom: gp(polygonWkb([square(108, 14, 0.001)])) },
          ],
        },
      ]),
      'c.gpkg',
      'settlements',
    );
    expect(r.kept).toBe(1);
    expect(r.issues.map((i) => `${i.severity} ${i.path}: ${i.message}`)).toEqual([
      'warning features[0].geometry: the geometry could not be decoded (a count beyond the end of the geometry) (fid 1)',
      'error features[0].geometry: missing geometry (fid 1)',
    ]);
  });

  it('every GeoPackage message is shown in Vietnamese in the app, the fid kept', async () => {
    setLang('vi');
    const many = geoPackage(SQL, [
      { name: 'thon', type: 'POINT', rows: [] },
      {
        name: 'kdc',
        type: 'POLYGON',
        rows: [
          { fid: 1, geom: gp(polygonWkb([square(108, 14, 0.001)])) },
          { fid: 2, geom: gp(wkb(3, (w) => w.u32(1_000_000_000))) },
          { fid: 3, geom: gp(pointWkb(108, 14)) },
        ],
      },
    ]);
    const messages = (await importFile(many, 'm.gpkg', 'settlements')).issues.map((i) => i.message);
    const refusals = [
      importFile(many, 'm.gpkg', 'settlements', { layer: 'x' }),
      importFile(geoPackage(SQL, [{ name: 'thon', type: 'POINT', rows: [] }]), 'p.gpkg', 'settlements'),
      importFile(geoPackage(SQL, []), 'e.gpkg', 'settlements'),
      importFile(new TextEncoder().encode('{}'), 'x.gpkg', 'settlements'),
      importFile(many, 'm.gpkg', 'sites'),
      importFile(new TextEncoder().encode('lon,lat\n108,14\n'), 'k.csv', 'settlements'),
    ];
    for (const r of refusals) messages.push(((await r.catch((e) => e)) as UserError).message);
    expect(messages).toHaveLength(10);
    for (const m of messages) expect(messageText(m), m).not.toBe(m);
    expect(messageText('missing geometry (fid 2)')).toBe('thiếu hình học (geometry) (fid 2)');
    expect(
      messageText('m.gpkg: no layer "x" in the GeoPackage; its layers are thon (POINT), kdc (POLYGON).'),
    ).toBe('m.gpkg: GeoPackage không có lớp "x"; các lớp của tệp: thon (POINT), kdc (POLYGON)');
  });

  it('a layer in projected metres (its SRS as WKT) is converted to WGS 84', async () => {
    // WGS 84 / UTM zone 48N. (108.0, 13.98) is 500 km east of the central meridian 105°E plus 323,9xx m.
    const utm48 =
      'PROJCS["WGS 84 / UTM zone 48N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';
    const ring: Ring = [
      [823_000, 1_547_000],
      [824_000, 1_547_000],
      [824_000, 1_548_000],
      [823_000, 1_548_000],
      [823_000, 1_547_000],
    ];
    const bytes = geoPackage(
      SQL,
      [
        {
          name: 'kdc',
          type: 'POLYGON',
          srsId: 32648,
          rows: [{ fid: 1, geom: gp(polygonWkb([ring]), 32648) }],
        },
      ],
      { id: 32648, org: 'EPSG', code: 32648, wkt: utm48 },
    );
    const r = await importFile(bytes, 'utm.gpkg', 'settlements');
    expect(r.crs).toMatch(/UTM zone 48N/);
    const [lon, lat] = (r.items[0]!.geometry.coordinates as number[][][])[0]![0]!;
    // Independent: the inverse UTM of (823000, 1547000) in zone 48N is 107.98° E, 13.97° N (to 0.01°).
    expect(lon).toBeGreaterThan(107.9);
    expect(lon).toBeLessThan(108.1);
    expect(lat).toBeGreaterThan(13.9);
    expect(lat).toBeLessThan(14.05);
  });

  describe.skipIf(!hasTool('ogr2ogr'))('against GDAL (ogr2ogr writes the GeoPackage)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-gpkg-'));
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'KDC-1', name: 'Làng Ốp' },
          geometry: { type: 'Polygon', coordinates: [square(108.0, 13.98, 0.002)] },
        },
        {
          type: 'Feature',
          properties: { id: 'KDC-2', name: 'Thôn 2' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [[square(108.05, 14.0, 0.001)], [square(108.06, 14.0, 0.001)]],
          },
        },
      ],
    };
    const src = join(dir, 'kdc.geojson');
    writeFileSync(src, JSON.stringify(fc));

    it('GDAL in WGS 84: the same polygons, ids and names as the GeoJSON', async () => {
      const out = join(dir, 'kdc.gpkg');
      execFileSync('ogr2ogr', ['-f', 'GPKG', out, src, '-nln', 'khu_dan_cu']);
      const fromGpkg = await importFile(readFileSync(out), 'kdc.gpkg', 'settlements');
      const fromJson = await importFile(readFileSync(src), 'kdc.geojson', 'settlements');
      expect(fromGpkg.issues).toEqual([]);
      expect(fromGpkg.items.map((s) => [s.id, s.name])).toEqual([
        ['KDC-1', 'Làng Ốp'],
        ['KDC-2', 'Thôn 2'],
      ]);
      for (const [k, s] of fromGpkg.items.entries())
        expect(s.geometry.coordinates).toEqual(fromJson.items[k]!.geometry.coordinates);
    });

    it('GDAL reprojected to UTM 48N: read back to within 1e-7° of the GeoJSON', async () => {
      const out = join(dir, 'kdc-utm.gpkg');
      execFileSync('ogr2ogr', ['-f', 'GPKG', out, src, '-t_srs', 'EPSG:32648', '-nln', 'kdc']);
      const r = await importFile(readFileSync(out), 'kdc-utm.gpkg', 'settlements');
      const flat = (g: { coordinates: unknown }) => (g.coordinates as unknown[]).flat(3) as number[];
      const want = fc.features.map((f) => flat(f.geometry));
      expect(r.items).toHaveLength(2);
      for (const [k, s] of r.items.entries()) {
        const got = flat(s.geometry);
        expect(got).toHaveLength(want[k]!.length);
        for (const [i, v] of got.entries()) expect(Math.abs(v - want[k]![i]!)).toBeLessThan(1e-7);
      }
    });
  });
});

describe('vungphu analyze --settlements FILE.gpkg', () => {
  it('gives the settlement commune its populated area by settlements, from the layer chosen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-gpkg-cli-'));
    // A 220 m square around the first VNPT site (4G, rural radius 4 km): 4G covers it whole.
    const { communes, sites } = loadSample('pre2025');
    const site = sites.find((s) => s.id === 'VN-000001')!;
    const commune = communes[communeLocator(communes).locate(site.lon, site.lat)]!;
    const file = join(dir, 'kdc.gpkg');
    writeFileSync(
      file,
      geoPackage(SQL, [
        { name: 'empty', type: 'POLYGON', rows: [] },
        {
          name: 'kdc',
          type: 'POLYGON',
          rows: [{ fid: 1, geom: gp(polygonWkb([square(site.lon, site.lat, 0.001)])) }],
        },
      ]),
    );
    const out = join(dir, 'out');
    const run = spawnSync(
      process.execPath,
      [
        BIN,
        'analyze',
        '--boundary-set',
        'pre2025',
        '--settlements',
        file,
        '--settlements-layer',
        'kdc',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toContain('kdc.gpkg: imported 1 of 1 features (layer "kdc")');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as CoverageReport;
    const u = report.units.find((x) => x.id === commune.id)!;
    expect(u.populated_area_method).toBe('settlements');
    // The square's area: 0.002° × 0.002° at its latitude (independent plain arithmetic, spherical).
    const km2 = 0.002 * 111.32 * (0.002 * 111.32 * Math.cos((site.lat * Math.PI) / 180));
    expect(u.populated_area_km2!).toBeGreaterThan(km2 * 0.98);
    expect(u.populated_area_km2!).toBeLessThan(km2 * 1.02);
    expect(u.coverage.find((c) => c.technology === '4G' && c.operator === 'all')?.populated_area_pct).toBe(
      100,
    );
    const bad = spawnSync(
      process.execPath,
      [BIN, 'analyze', '--boundary-set', 'pre2025', '--settlements-layer', 'kdc', '--out', join(dir, 'o2')],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--settlements-layer names a layer of the --settlements GeoPackage');
  }, 120_000);
});
