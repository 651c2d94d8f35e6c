import { readFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { decodeText, parseCsv } from '../../src/io/formats/csv.ts';
import { neutraliseFormula, toCsv } from '../../src/io/formats/csv_write.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { configFromJson } from '../../src/io/import/config_file.ts';
import { populationFromGeoTIFF } from '../../src/io/import/population.ts';
import { sitesFromCsv, sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { parseTechnology } from '../../src/io/import/technology.ts';
import { rect } from '../support/reference.ts';
import { ROOT } from '../support/sample.ts';

describe('CSV reading', () => {
  it('detects ; and tab delimiters, strips a BOM, keeps quoted delimiters', () => {
    const t = parseCsv('\uFEFFid;name\n1;"Xã A; B"\n', 'f.csv');
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['id', 'name']);
    expect(t.rows[0]!.cells).toEqual(['1', 'Xã A; B']);
    expect(parseCsv('a\tb\n1\t2\n', 'f.tsv').rows[0]!.cells).toEqual(['1', '2']);
  });
  it('decodes UTF-16 from Excel and normalises NFD to NFC', () => {
    const text = 'id,name\n1,Đắk Nông\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    for (let i = 0; i < text.length; i++) bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    expect(decodeText(bytes)).toBe(text);
    expect(decodeText(new TextEncoder().encode('Đắk'.normalize('NFD')))).toBe('Đắk'.normalize('NFC'));
  });
  it('an unterminated quote is a UserError naming file and row', () => {
    expect(() => parseCsv('id,name\n1,"open\n', 'x.csv')).toThrowError(/x\.csv: row 2/);
  });
});

describe('technology spellings', () => {
  it.each([
    ['5g', '5G'],
    ['NR', '5G'],
    ['LTE', '4G'],
    ['4G LTE', '4G'],
    ['GSM', '2G'],
    ['wcdma', '3G'],
  ])('%s → %s', (raw, tech) => expect(parseTechnology(raw)).toBe(tech));
});

describe('site validation returns every problem and keeps valid rows', () => {
  const file = 'tests/fixtures/bad/sites_mixed.csv';
  const r = sitesFromCsv(readFileSync(ROOT + file, 'utf8'), file);
  it('keeps the valid rows', () => {
    expect(r.sites.map((s) => s.id)).toEqual(['S1', 'S2', 'S8']);
    expect(r.sites[1]!.technologies).toEqual(['5G']);
    expect(r.sites[2]).toMatchObject({ lon: 108.2, lat: 14.1, radius_m: 1500.5, technologies: ['2G'] });
    expect(r.total).toBe(8);
  });
  it('names row and field for each rejected row', () => {
    const msgs = r.issues.map((i) => `${i.row}:${i.field}:${i.message}`);
    expect(msgs).toEqual([
      '4:technology:unknown technology "XG" (use 2G, 3G, 4G/LTE or 5G/NR)',
      expect.stringMatching(/^5:lon:coordinates \(999, 14\) are outside/),
      expect.stringMatching(
        /^6:id:site "S1" is already at 108, 13.98 \(row 2\); this row puts it 17,116 m away/,
      ),
      '7:operator:missing operator',
      '8:radius_m:must be a number between 1 and 100000 (got "-5")',
    ]);
    expect(r.issues.every((i) => i.file === file)).toBe(true);
  });
  it('a missing column is a UserError', () => {
    expect(() => sitesFromCsv('id,lon,lat\n1,2,3\n', 'm.csv')).toThrowError(
      /m\.csv: missing column\(s\) technology, operator/,
    );
  });
  it('GeoJSON: wrong geometry and malformed JSON', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108, 14] },
          properties: { id: 'a', operator: 'VNPT', technologies: ['4G'] },
        },
      ],
    };
    const g = sitesFromGeoJSON(fc, 's.geojson');
    expect(g.sites).toHaveLength(1);
    expect(g.issues[0]).toMatchObject({ path: 'features[0].geometry', field: 'geometry' });
    expect(() => sitesFromGeoJSON('{"type":', 'bad.geojson')).toThrowError(UserError);
    expect(() => sitesFromGeoJSON('{"type":', 'bad.geojson')).toThrowError(/bad\.geojson: not valid JSON/);
  });
});

describe('boundary validation', () => {
  it('reports every bad feature and keeps the rest', () => {
    const good = {
      type: 'Feature',
      geometry: rect(108, 14, 108.1, 14.1),
      properties: { id: 'A', name: 'Xã A', population: 10 },
    };
    const fc = {
      type: 'FeatureCollection',
      features: [
        good,
        { ...good, properties: { id: 'A', name: 'Xã B', population: 5 } },
        { ...good, properties: { id: 'C', name: 'Xã C', population: 'nhiều' } },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108, 14] },
          properties: { id: 'D', name: 'Xã D', population: 1 },
        },
        {
          type: 'Feature',
          geometry: rect(500000, 1500000, 500100, 1500100),
          properties: { id: 'E', name: 'Xã E', population: 1 },
        },
      ],
    };
    const r = communesFromGeoJSON(fc, { file: 'b.geojson' });
    expect(r.communes.map((c) => c.id)).toEqual(['A']);
    expect(r.issues.map((i) => [i.path, i.field])).toEqual([
      ['features[1].properties.id', 'id'],
      ['features[2].properties.population', 'population'],
      ['features[3].geometry', 'geometry'],
      ['features[4].geometry', 'geometry'],
    ]);
    expect(r.issues[3]!.message).toMatch(/projected metres/);
  });
  it('auto-detects the real pre-2025 source fields', () => {
    const file = 'data/real/communes-pre2025-gialai-daknong.geojson';
    const r = communesFromGeoJSON(readFileSync(ROOT + file, 'utf8'), { file, idField: 'gadm41_gid3' });
    expect(r.communes).toHaveLength(293);
    expect(r.communes.reduce((s, c) => s + c.population, 0)).toBe(1_513_847 + 622_168);
  });
});

describe('config file', () => {
  it('merges radii and reports every problem', () => {
    expect(configFromJson('{"radii":{"5G":{"rural":800}}}', 'c.json').radii['5G']).toEqual({
      rural: 800,
      urban: 300,
    });
    try {
      configFromJson('{"radii":{"6G":{},"4G":{"rural":-1}},"scanlines":3,"colour":1}', 'c.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).issues.map((i) => i.path)).toEqual([
        'colour',
        'radii.6G',
        'radii.4G.rural',
        'scanlines',
      ]);
    }
  });
  it('takes the populated disc radius around villages, in (0, 10000] metres', () => {
    expect(configFromJson('{}', 'c.json').populatedVillageRadiusM).toBe(500);
    expect(configFromJson('{"populatedVillageRadiusM":300}', 'c.json').populatedVillageRadiusM).toBe(300);
    for (const bad of ['0', '-5', '20000', '"500"'])
      expect(() => configFromJson(`{"populatedVillageRadiusM":${bad}}`, 'c.json')).toThrowError(UserError);
  });
});

describe('CSV writing', () => {
  it('neutralises formulas and writes a BOM', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('Xã Ia Kênh')).toBe('Xã Ia Kênh');
    const csv = toCsv(['name', 'v'], [['+cmd', -1.5]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain("'+cmd,-1.5");
  });
});

describe('population raster', () => {
  it('reads a WorldPop-style GeoTIFF into cell-centre points', async () => {
    const values = new Float32Array([0, 5, 10, 0, -99999, 2]);
    const buffer = writeArrayBuffer(values, {
      width: 3,
      height: 2,
      ModelPixelScale: [0.01, 0.01, 0],
      ModelTiepoint: [0, 0, 0, 108, 14.02, 0],
      GeographicTypeGeoKey: 4326,
      GDAL_NODATA: '-99999',
    } as Parameters<typeof writeArrayBuffer>[1]);
    const r = await populationFromGeoTIFF(buffer, 'pop.tif');
    expect(r.points).toHaveLength(3);
    expect(r.points[0]!.lon).toBeCloseTo(108.015, 9);
    expect(r.points[0]!.lat).toBeCloseTo(14.015, 9);
    expect(r.points.reduce((s, p) => s + p.population, 0)).toBe(17);
  });
  it('a non-TIFF is a UserError', async () => {
    await expect(populationFromGeoTIFF(new ArrayBuffer(8), 'x.tif')).rejects.toThrowError(
      /x\.tif: not a readable GeoTIFF/,
    );
  });
});
