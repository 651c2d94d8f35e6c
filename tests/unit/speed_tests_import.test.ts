/**
 * Importing speed tests (issue 16): points with English or Vietnamese headers (under a title row),
 * Ookla-style zoom-16 tiles, GeoJSON and XLSX, through `importFile` (the CLI's and the app's
 * importer); every bad row named by row and field, the valid rows kept.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { quadkeyBounds, quadkeyCentre } from '../../src/io/formats/quadkey.ts';
import { importFile } from '../../src/io/import/import_file.ts';
import { readTestDate } from '../../src/io/import/speed_tests.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

/** The zoom-z quadkey of a point, written from the Bing Maps tile system's definition. */
function quadkeyOf(lon: number, lat: number, z: number): string {
  const sinLat = Math.sin((lat * Math.PI) / 180);
  const px = ((lon + 180) / 360) * 256 * 2 ** z;
  const py = (0.5 - Math.log((1 + sinLat) / (1 - sinLat)) / (4 * Math.PI)) * 256 * 2 ** z;
  const tx = Math.floor(px / 256);
  const ty = Math.floor(py / 256);
  let q = '';
  for (let i = z; i > 0; i--) {
    let digit = 0;
    const mask = 1 << (i - 1);
    if ((tx & mask) !== 0) digit += 1;
    if ((ty & mask) !== 0) digit += 2;
    q += digit;
  }
  return q;
}

describe('speed-test points', () => {
  it('reads the README columns, technology and operator spellings, and dates', async () => {
    const csv = [
      'lon,lat,technology,operator,download_mbps,upload_mbps,latency_ms,date',
      '108.00,14.00,LTE,vinaphone,45.5,10,30,2026-03-01',
      '108.01,14.01,5G,Viettel,250,50,,15/04/2026',
      '108.02,14.02,,,0,,,',
    ].join('\n');
    const r = await importFile(bytes(csv), 'tests.csv', 'speedtests');
    expect(r.summary).toBe('tests.csv: imported 3 of 3 rows; 0 rejected');
    expect(r.items).toEqual([
      expect.objectContaining({
        technology: '4G',
        operator: 'VNPT',
        downloadMbps: 45.5,
        uploadMbps: 10,
        latencyMs: 30,
        date: '2026-03-01',
        tests: 1,
      }),
      expect.objectContaining({ technology: '5G', operator: 'Viettel', latencyMs: null, date: '2026-04-15' }),
      expect.objectContaining({
        technology: null,
        operator: null,
        downloadMbps: 0,
        uploadMbps: null,
        date: null,
      }),
    ]);
  });

  it('reads Vietnamese headers under a title row through the header detection', async () => {
    const csv = [
      'Kết quả đo tốc độ i-Speed quý I/2026',
      '',
      'STT,Kinh độ,Vĩ độ,Công nghệ,Nhà mạng,Tốc độ tải xuống (Mbps),Tốc độ tải lên (Mbps),Độ trễ (ms),Ngày đo',
      '1,108.00,14.00,4G,MobiFone,"42,5","8,1",35,01/03/2026',
    ].join('\n');
    const r = await importFile(bytes(csv), 'ispeed.csv', 'speedtests');
    expect(r.headerRow).toBe(3);
    expect(r.columns).toMatchObject({
      lon: 'Kinh độ',
      download_mbps: 'Tốc độ tải xuống (Mbps)',
      date: 'Ngày đo',
    });
    expect(r.items[0]).toMatchObject({
      downloadMbps: 42.5,
      uploadMbps: 8.1,
      latencyMs: 35,
      operator: 'MobiFone',
      date: '2026-03-01',
    });
  });

  it('names every bad row and field, and keeps the valid rows', async () => {
    const csv = [
      'lon,lat,technology,operator,download_mbps,upload_mbps,latency_ms,date',
      '108.00,14.00,4G,VNPT,40,,,2026-03-01',
      '108.00,14.00,6G,VNPT,-3,,,2026-02-30',
      '108.00,95,4G,VNPT,abc,,,',
      '108.00,14.00,4G,VNPT,,,,',
      '108.00,14.00,4G,VNPT,20000,1,70000,',
    ].join('\n');
    const r = await importFile(bytes(csv), 'bad.csv', 'speedtests');
    expect(r.summary).toBe('bad.csv: imported 1 of 5 rows; 4 rejected');
    const said = r.issues.map((i) => `${i.row}:${i.field}`);
    expect(said).toEqual([
      '3:technology',
      '3:download_mbps',
      '3:date',
      '4:lat', // latitude 95 is out of range (issue 15: the field that is wrong)
      '4:download_mbps',
      '5:download_mbps',
      '6:download_mbps',
      '6:latency_ms',
    ]);
    expect(r.issues[0]!.message).toContain('technology must be 2G, 3G, 4G or 5G (got "6G")');
    expect(r.issues[2]!.message).toContain('not a calendar day');
    expect(r.issues[5]!.message).toBe('download_mbps is required');
    expect(r.issues.every((i) => i.severity === 'error' && 'record' in i)).toBe(true);
  });

  it('refuses a table with neither point nor tile columns, naming both forms', async () => {
    const e = await importFile(bytes('a,b\n1,2\n'), 'x.csv', 'speedtests').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain('x.csv: missing column(s) lon, lat, download_mbps');
    expect((e as UserError).message).toContain('Ookla tiles quadkey,avg_d_kbps,tests');
  });

  it('reads an XLSX sheet the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đo');
    ws.addRow(['Kinh độ', 'Vĩ độ', 'Công nghệ', 'Nhà mạng', 'Tải xuống', 'Ngày đo']);
    ws.addRow([108.1, 14.1, '5G', 'Viettel', 321.5, '2026-05-02']);
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importFile(buf, 'do.xlsx', 'speedtests');
    expect(r.items).toEqual([
      expect.objectContaining({ lon: 108.1, technology: '5G', downloadMbps: 321.5, date: '2026-05-02' }),
    ]);
  });
});

describe('Ookla-style tiles', () => {
  it('places a tile at the centre of its zoom-16 quadkey and converts kb/s to Mb/s', async () => {
    const q = quadkeyOf(108.123, 14.456, 16);
    const csv = `quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n${q},45000,9000,28,12,5\n`;
    const r = await importFile(bytes(csv), 'tiles.csv', 'speedtests');
    const t = r.items[0]!;
    expect(t).toMatchObject({
      quadkey: q,
      downloadMbps: 45,
      uploadMbps: 9,
      latencyMs: 28,
      tests: 12,
      devices: 5,
    });
    // A zoom-16 tile is 360/65536 ≈ 0.0055° wide: the centre is within half of it of the point.
    const half = 360 / 2 ** 16 / 2;
    expect(Math.abs(t.lon - 108.123)).toBeLessThanOrEqual(half);
    expect(Math.abs(t.lat - 14.456)).toBeLessThanOrEqual(half);
    // And the centre's own quadkey is the tile's.
    expect(quadkeyOf(t.lon, t.lat, 16)).toBe(q);
  });

  it('rejects a bad quadkey, a tile without tests, and keeps the rest', async () => {
    const q = quadkeyOf(108.0, 14.0, 16);
    const csv = [
      'quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices',
      `${q},10000,,,3,`,
      '13221320100300,10000,,,3,',
      '1322132010030049,10000,,,3,',
      `${q},10000,,,0,`,
      `${q},,,,2.5,`,
    ].join('\n');
    const r = await importFile(bytes(csv), 'tiles.csv', 'speedtests');
    expect(r.kept).toBe(1);
    expect(r.issues.map((i) => `${i.row}:${i.field}`)).toEqual([
      '3:quadkey',
      '4:quadkey',
      '5:tests',
      '6:avg_d_kbps',
      '6:tests',
    ]);
    expect(r.issues[0]!.message).toContain('quadkey must be 16 digits 0–3');
  });

  it('reads GeoJSON points and tile squares carrying a quadkey', async () => {
    const q = quadkeyOf(108.0, 14.0, 16);
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108, 14] },
          properties: { technology: '4G', download_mbps: 12 },
        },
        {
          type: 'Feature',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [108, 14],
                [108.01, 14],
                [108, 14.01],
                [108, 14],
              ],
            ],
          },
          properties: { quadkey: q, avg_d_kbps: 5000, tests: 4 },
        },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [108, 14],
              [108.1, 14],
            ],
          },
          properties: { download_mbps: 1 },
        },
      ],
    };
    const r = await importFile(bytes(JSON.stringify(fc)), 't.geojson', 'speedtests');
    expect(r.kept).toBe(2);
    expect(r.items[1]).toMatchObject({ quadkey: q, downloadMbps: 5, tests: 4 });
    expect(r.issues).toEqual([
      expect.objectContaining({
        path: 'features[2].geometry',
        message: expect.stringContaining('must be Point (or the feature must carry a quadkey)'),
      }),
    ]);
  });
});

describe('helpers', () => {
  it('quadkeyCentre decodes digits and refuses others', () => {
    expect(quadkeyCentre('')).toBeNull();
    expect(quadkeyCentre('0124')).toBeNull();
    expect(quadkeyCentre('0')).toEqual([-90, expect.closeTo(66.51, 2)]);
    expect(quadkeyCentre('3')![0]).toBe(90);
    // The tile's bounds hold its centre; quadkey 0 is the north-west quarter of the world.
    expect(quadkeyBounds('0')).toEqual([-180, 0, 0, expect.closeTo(85.0511, 3)]);
    expect(quadkeyBounds('2x')).toBeNull();
  });
  it('reads ISO, Vietnamese and Excel dates; refuses others', () => {
    expect(readTestDate('2026-01-05T10:20:00Z')).toEqual({ date: '2026-01-05' });
    expect(readTestDate('5/1/2026')).toEqual({ date: '2026-01-05' });
    expect(readTestDate('46027')).toEqual({ date: '2026-01-05' });
    expect(readTestDate('')).toEqual({ date: null });
    expect(readTestDate('yesterday')).toHaveProperty('problem');
    expect(readTestDate('31/02/2026')).toHaveProperty('problem');
  });
});
