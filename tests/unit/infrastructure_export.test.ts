import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FiberRoute, PostalPoint, Village } from '../../src/core/base/infrastructure.ts';
import type { Site } from '../../src/core/base/types.ts';
import {
  type InfrastructureInput,
  infrastructureLayers,
} from '../../src/io/export/infrastructure_features.ts';
import type { ReportLayer } from '../../src/io/export/report_features.ts';
import { layersGeoPackage } from '../../src/io/export/report_gpkg.ts';
import { layersKml } from '../../src/io/export/report_kml.ts';
import { layersShapefileZip } from '../../src/io/export/report_shapefile.ts';
import { sitesCellsCsv } from '../../src/io/export/sites_cells_csv.ts';
import { parseCsv } from '../../src/io/formats/csv.ts';
import { requireTool } from '../support/ogr.ts';

const HAS_OGR = requireTool('ogr2ogr');

/** A real operator site: three 4G sectors, a 2G omni cell planned for 2027, a name with diacritics. */
const SECTOR_SITE: Site = {
  id: 'GLA0123',
  name: 'Trạm Chư Sê, "Ia Pal"',
  operator: 'Viettel',
  lon: 108.0712345,
  lat: 13.7012345,
  technologies: ['2G', '4G'],
  cells: [
    {
      id: 'GLA0123_1',
      technology: '4G',
      band: 'B3',
      azimuth_deg: 0,
      beamwidth_deg: 65,
      height_m: 30,
      tilt_deg: 4,
      eirp_dbm: 58.5,
      status: 'on_air',
      year: 2019,
    },
    {
      id: 'GLA0123_2',
      technology: '4G',
      band: 'B3',
      azimuth_deg: 120,
      beamwidth_deg: 65,
      height_m: 30,
      tilt_deg: 4,
      eirp_dbm: 58.5,
      status: 'on_air',
      year: 2019,
    },
    {
      id: 'GLA0123_3',
      technology: '4G',
      band: 'B3',
      azimuth_deg: 240,
      beamwidth_deg: 65,
      height_m: 30,
      tilt_deg: 4,
      eirp_dbm: 58.5,
      status: 'on_air',
      year: 2019,
    },
    { technology: '2G', band: '900', radius_m: 5000, status: 'planned', year: 2027 },
  ],
};
/** A site given as one record (no cells), moved in a what-if. */
const WHAT_IF_SITE: Site = {
  id: 'KB-TRAM-1',
  operator: 'VNPT',
  lon: 108.2,
  lat: 13.9,
  technologies: ['4G', '5G'],
  radius_m: 1500,
  source: 'what-if',
};
const SUGGESTED: Site = {
  id: 'grid:12',
  operator: 'Viettel',
  lon: 108.3333333,
  lat: 14.0101,
  technologies: ['5G'],
  radius_m: 800,
  source: 'suggested',
};
const POSTAL: PostalPoint = {
  id: 'BC-01',
  name: '=HYPERLINK("x") Bưu cục Chư Sê',
  lon: 108.0801,
  lat: 13.6999,
  type: 'post_office_2',
  staffed: true,
  internet: false,
  online_public_services: true,
};
const VILLAGE: Village = {
  id: 'TH-7',
  name: 'Làng Kép',
  communeId: '23557',
  lon: 108.1234567,
  lat: 13.7654321,
  population: 412,
  hasGridPower: null,
};
const FIBER: FiberRoute = {
  id: 'F-1',
  operator: 'VNPT',
  medium: 'fiber',
  placement: null,
  year: 2021,
  geometry: {
    type: 'LineString',
    coordinates: [
      [108.0, 13.7],
      [108.05, 13.72],
      [108.1, 13.75],
    ],
  },
};
const INPUT: InfrastructureInput = {
  sites: [SECTOR_SITE, WHAT_IF_SITE, SUGGESTED],
  postal: [POSTAL],
  villages: [VILLAGE],
  fiber: [FIBER],
};

/** What each layer must hold: the records' attributes as written by hand (not through the exporter). */
const EXPECTED: Record<
  string,
  { geometry: number[][][] | number[]; props: Record<string, string | number | null> }[]
> = {
  sites: [
    {
      geometry: [108.0712345, 13.7012345],
      props: {
        site_id: 'GLA0123',
        name: 'Trạm Chư Sê, "Ia Pal"',
        operator: 'Viettel',
        technologies: '2G,4G',
        cell_count: 4,
        source: 'input',
        radius_m: null,
        azimuth_deg: null,
        beamwidth_deg: null,
        band: null,
        height_m: null,
        has_coverage_polygon: 0,
      },
    },
    {
      geometry: [108.2, 13.9],
      props: {
        site_id: 'KB-TRAM-1',
        name: null,
        operator: 'VNPT',
        technologies: '4G,5G',
        cell_count: 2,
        source: 'what-if',
        radius_m: 1500,
        azimuth_deg: null,
        beamwidth_deg: null,
        band: null,
        height_m: null,
        has_coverage_polygon: 0,
      },
    },
    {
      geometry: [108.3333333, 14.0101],
      props: {
        site_id: 'grid:12',
        name: null,
        operator: 'Viettel',
        technologies: '5G',
        cell_count: 1,
        source: 'suggested',
        radius_m: 800,
        azimuth_deg: null,
        beamwidth_deg: null,
        band: null,
        height_m: null,
        has_coverage_polygon: 0,
      },
    },
  ],
  cells: [
    ...[0, 120, 240].map((az, k) => ({
      geometry: [108.0712345, 13.7012345],
      props: {
        site_id: 'GLA0123',
        site_name: 'Trạm Chư Sê, "Ia Pal"',
        operator: 'Viettel',
        cell_id: `GLA0123_${k + 1}`,
        technology: '4G',
        band: 'B3',
        azimuth_deg: az,
        beamwidth_deg: 65,
        height_m: 30,
        radius_m: null,
        eirp_dbm: 58.5,
        tilt_deg: 4,
        status: 'on_air',
        year: 2019,
        has_coverage_polygon: 0,
        source: 'input',
      },
    })),
    {
      geometry: [108.0712345, 13.7012345],
      props: {
        site_id: 'GLA0123',
        site_name: 'Trạm Chư Sê, "Ia Pal"',
        operator: 'Viettel',
        cell_id: null,
        technology: '2G',
        band: '900',
        azimuth_deg: null,
        beamwidth_deg: null,
        height_m: null,
        radius_m: 5000,
        eirp_dbm: null,
        tilt_deg: null,
        status: 'planned',
        year: 2027,
        has_coverage_polygon: 0,
        source: 'input',
      },
    },
    ...['4G', '5G'].map((technology) => ({
      geometry: [108.2, 13.9],
      props: {
        site_id: 'KB-TRAM-1',
        site_name: null,
        operator: 'VNPT',
        cell_id: null,
        technology,
        band: null,
        azimuth_deg: null,
        beamwidth_deg: null,
        height_m: null,
        radius_m: 1500,
        eirp_dbm: null,
        tilt_deg: null,
        status: 'on_air',
        year: null,
        has_coverage_polygon: 0,
        source: 'what-if',
      },
    })),
    {
      geometry: [108.3333333, 14.0101],
      props: {
        site_id: 'grid:12',
        site_name: null,
        operator: 'Viettel',
        cell_id: null,
        technology: '5G',
        band: null,
        azimuth_deg: null,
        beamwidth_deg: null,
        height_m: null,
        radius_m: 800,
        eirp_dbm: null,
        tilt_deg: null,
        status: 'on_air',
        year: null,
        has_coverage_polygon: 0,
        source: 'suggested',
      },
    },
  ],
  postal_points: [
    {
      geometry: [108.0801, 13.6999],
      props: {
        id: 'BC-01',
        name: '=HYPERLINK("x") Bưu cục Chư Sê',
        type: 'post_office_2',
        staffed: 1,
        internet: 0,
        online_public_services: 1,
        source: 'input',
      },
    },
  ],
  villages: [
    {
      geometry: [108.1234567, 13.7654321],
      props: {
        id: 'TH-7',
        name: 'Làng Kép',
        commune_id: '23557',
        population: 412,
        has_grid_power: null,
        source: 'input',
      },
    },
  ],
  fiber_routes: [
    {
      geometry: [
        [
          [108.0, 13.7],
          [108.05, 13.72],
          [108.1, 13.75],
        ],
      ],
      props: { id: 'F-1', operator: 'VNPT', medium: 'fiber', placement: null, year: 2021, source: 'input' },
    },
  ],
};
const LAYERS = Object.keys(EXPECTED);

interface GjFeature {
  properties: Record<string, string | number | null>;
  geometry: { type: string; coordinates: number[] | number[][][] } | null;
}

/** One layer read back by GDAL (ogr2ogr to GeoJSON): an independent reader. */
function ogrRead(source: string, layer: string, skip?: string): GjFeature[] {
  const text = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source, layer], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...(skip ? { GDAL_SKIP: skip } : {}) },
  });
  return (JSON.parse(text) as { features: GjFeature[] }).features;
}

function expectClose(actual: unknown, expected: unknown, tol: number, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tol,
    );
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose((actual as unknown[])[i], e, tol, `${where}[${i}]`);
    });
  } else expect(actual, where).toEqual(expected);
}

/**
 * Compares a layer read back with what it must hold: the count, every attribute (by the names the
 * format keeps: `rename` maps a field to its stored name), the geometry within 1e-7°.
 */
function expectLayer(
  features: GjFeature[],
  layer: string,
  opts: { rename?: (field: string) => string; realTol?: number; nullAs?: (field: string) => unknown } = {},
): void {
  const want = EXPECTED[layer]!;
  expect(features.length, `${layer}: feature count`).toBe(want.length);
  want.forEach((w, i) => {
    const f = features[i]!;
    for (const [k, v] of Object.entries(w.props)) {
      const stored = opts.rename ? opts.rename(k) : k;
      const got = f.properties[stored] ?? null;
      const where = `${layer}[${i}].${k}`;
      if (v === null) expect(got, where).toEqual(opts.nullAs ? opts.nullAs(k) : null);
      else expectClose(got, v, typeof v === 'number' ? (opts.realTol ?? 0) : 0, where);
    }
    const g = f.geometry!;
    expect(g.type, `${layer}[${i}] geometry`).toMatch(layer === 'fiber_routes' ? /LineString$/ : /^Point$/);
    const coords =
      layer === 'fiber_routes' && g.type === 'LineString'
        ? [g.coordinates as unknown as number[][]]
        : g.coordinates;
    expectClose(coords, w.geometry, 1e-7, `${layer}[${i}] coordinates`);
  });
}

const layers: ReportLayer[] = infrastructureLayers(INPUT, 'en');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vungphu-infra-'));
});

describe('infrastructure layers', () => {
  it('are one layer per kind of record, in order, with DBF names of at most 10 characters', () => {
    expect(layers.map((l) => [l.name, l.geometryType, l.features.length])).toEqual([
      ['sites', 'Point', 3],
      ['cells', 'Point', 7],
      ['postal_points', 'Point', 1],
      ['villages', 'Point', 1],
      ['fiber_routes', 'MultiLineString', 1],
    ]);
    for (const l of layers) {
      for (const f of l.fields) expect(f.short.length, `${l.name}.${f.name}`).toBeLessThanOrEqual(10);
      expect(new Set(l.fields.map((f) => f.short)).size, l.name).toBe(l.fields.length);
      expect(l.fields.map((f) => f.name)).toEqual(Object.keys(EXPECTED[l.name]![0]!.props));
    }
  });
  it('leave out the kinds not given', () => {
    expect(infrastructureLayers({ sites: [SUGGESTED] }).map((l) => l.name)).toEqual(['sites', 'cells']);
    expect(infrastructureLayers({ postal: null, villages: [VILLAGE] }).map((l) => l.name)).toEqual([
      'villages',
    ]);
  });
});

describe.skipIf(!HAS_OGR)('infrastructure read back by GDAL', () => {
  it('GeoPackage: every layer, id, attribute and position', async () => {
    const path = join(dir, 'infra.gpkg');
    writeFileSync(
      path,
      layersGeoPackage(layers, await initSqlJs(), {
        description: 'test',
        lastChange: '2026-12-01T00:00:00Z',
      }),
    );
    for (const layer of LAYERS) expectLayer(ogrRead(path, layer), layer);
    const info = execFileSync('ogrinfo', ['-ro', '-so', path, 'fiber_routes'], { encoding: 'utf8' });
    expect(info).toMatch(/Geometry: Multi Line String/);
    expect(execFileSync('ogrinfo', ['-ro', '-so', path, 'sites'], { encoding: 'utf8' })).toMatch(
      /Geometry: Point/,
    );
  });

  it('Shapefile zip: one .shp/.shx/.dbf/.prj per layer, DBF names as the documented short names', () => {
    const path = join(dir, 'infra_shp.zip');
    writeFileSync(path, layersShapefileZip(layers, new Date('2026-12-01T00:00:00Z')));
    const list = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const layer of LAYERS)
      for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(list).toContain(`${layer}.${ext}`);
    for (const layer of LAYERS) {
      const l = layers.find((x) => x.name === layer)!;
      const short = new Map(l.fields.map((f) => [f.name, f.short]));
      // A DBF has no null number: GDAL reads an empty numeric field as null.
      expectLayer(ogrRead(`/vsizip/${path}/${layer}.shp`, layer), layer, {
        rename: (f) => short.get(f)!,
        realTol: 1e-4,
      });
    }
    // README's short-name table is the one fields.csv carries.
    const fields = parseCsv(
      execFileSync('unzip', ['-p', path, 'fields.csv'], { encoding: 'utf8' }),
      'fields.csv',
    );
    expect(
      fields.rows.filter((r) => r.cells[0] === 'cells').map((r) => `${r.cells[2]}=${r.cells[1]}`),
    ).toContain('azimuth_deg=azimuth');
  });

  it("KML: one Folder per layer, every attribute read back by GDAL's LIBKML driver", () => {
    const path = join(dir, 'infra.kml');
    writeFileSync(path, layersKml(layers, { name: 'test', description: 'test' }));
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', path], {
      encoding: 'utf8',
      env: { ...process.env, GDAL_SKIP: 'KML' },
    });
    expect(info).toContain("driver `LIBKML'");
    for (const layer of LAYERS) expect(info).toContain(`Layer name: ${layer}`);
    // LIBKML reads a placemark's <name> as its `Name` field: the record's name.
    for (const layer of LAYERS) expectLayer(ogrRead(path, layer, 'KML').map(kmlName), layer);
  });

  it("KML: opened by GDAL's own KML driver (names and positions; it reads no SchemaData)", () => {
    const path = join(dir, 'infra.kml');
    for (const layer of LAYERS) {
      const back = ogrRead(path, layer, 'LIBKML');
      const want = EXPECTED[layer]!;
      expect(back.length, layer).toBe(want.length);
      back.forEach((f, i) => {
        if ('name' in want[i]!.props) expect(f.properties.Name || null).toBe(want[i]!.props.name);
        const g = f.geometry!;
        const coords = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
        expectClose(coords, want[i]!.geometry, 1e-7, `${layer}[${i}]`);
      });
    }
  });

  it('CSV of sites and cells: one row per cell, site columns repeated, BOM, formula-neutralised', () => {
    const csv = sitesCellsCsv(INPUT.sites!);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const path = join(dir, 'sites_cells.csv');
    writeFileSync(path, csv);
    const table = parseCsv(csv, 'sites_cells.csv');
    const header = table.header;
    const rows = table.rows.map((r) => r.cells);
    expect(rows.length).toBe(7);
    const col = (name: string) => header.indexOf(name);
    expect(header.slice(0, 8)).toEqual([
      'site_id',
      'site_name',
      'operator',
      'lon',
      'lat',
      'technologies',
      'cell_count',
      'source',
    ]);
    const cells = EXPECTED.cells!;
    rows.forEach((r, i) => {
      const want = cells[i]!.props;
      for (const k of [
        'site_id',
        'site_name',
        'operator',
        'cell_id',
        'technology',
        'band',
        'azimuth_deg',
        'eirp_dbm',
        'status',
        'year',
        'source',
      ])
        expect(r[col(k)], `row ${i + 1} ${k}`).toBe(want[k] === null ? '' : String(want[k]));
      expect(Number(r[col('lon')])).toBeCloseTo((cells[i]!.geometry as number[])[0]!, 9);
    });
    expect(rows[4]![col('site_radius_m')]).toBe('1500');
    // GDAL's CSV driver reads it too (Excel's view of the same bytes).
    const back = ogrRead(path, 'sites_cells');
    expect(back.length).toBe(7);
    expect(back[0]!.properties.site_name).toBe('Trạm Chư Sê, "Ia Pal"');
  });

  it('CSV neutralises a formula in a site name', () => {
    const csv = sitesCellsCsv([{ ...SUGGESTED, name: '=1+1' }]);
    expect(parseCsv(csv, 'x.csv').rows[0]!.cells[1]).toBe("'=1+1");
  });
});

/** LIBKML's view: the placemark <name> as `Name` (empty for none) holds the `name` field. */
function kmlName(f: GjFeature): GjFeature {
  const { Name, ...rest } = f.properties;
  return { ...f, properties: 'name' in rest || Name === undefined ? rest : { ...rest, name: Name || null } };
}
