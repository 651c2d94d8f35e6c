/**
 * Headers as people write them: the aliases of each kind (Vietnamese with and without diacritics,
 * units in brackets, English), the header row found under a title, the explicit mapping and its
 * errors, and the mapping named in the import result.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseColumnFlags } from '../../src/cli/column_flags.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { parseCsv } from '../../src/io/formats/csv.ts';
import { xlsxWorkbook } from '../../src/io/formats/xlsx_write.ts';
import { fieldOfHeader, headerKey, KIND_FIELDS } from '../../src/io/import/column_aliases.ts';
import { ColumnsError, guessTableKind, withHeaderRow } from '../../src/io/import/header_mapping.ts';
import { importFile } from '../../src/io/import/import_file.ts';
import { ROOT } from '../support/sample.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const FIXTURES = join(ROOT, 'tests/fixtures/columns');

describe('header aliases', () => {
  it.each([
    ['Mã trạm', 'id'],
    ['Ma tram', 'id'],
    ['MÃ CSHT', 'id'],
    ['Mã site', 'id'],
    ['Site ID', 'id'],
    ['SiteID', 'id'],
    ['site_id', 'id'],
    ['Tên trạm', 'name'],
    ['Site name', 'name'],
    ['Kinh độ', 'lon'],
    ['Kinh độ (độ)', 'lon'],
    ['kinh_do', 'lon'],
    ['Longitude', 'lon'],
    ['Long', 'lon'],
    ['Lng', 'lon'],
    ['X', 'lon'],
    ['Vĩ độ', 'lat'],
    ['vi do [deg]', 'lat'],
    ['Latitude', 'lat'],
    ['Y', 'lat'],
    ['Công nghệ', 'technology'],
    ['RAT', 'technology'],
    ['Technology', 'technology'],
    ['Nhà mạng', 'operator'],
    ['Doanh nghiệp', 'operator'],
    ['Nhà cung cấp', 'operator'],
    ['Băng tần', 'band'],
    ['Tần số (MHz)', 'band'],
    ['Góc phương vị (độ)', 'azimuth_deg'],
    ['goc  phuong   vi', 'azimuth_deg'],
    ['Azimuth', 'azimuth_deg'],
    ['azimuth_deg', 'azimuth_deg'],
    ['Độ rộng búp sóng', 'beamwidth_deg'],
    ['Beamwidth', 'beamwidth_deg'],
    ['Độ cao anten (m)', 'height_m'],
    ['Chiều cao anten [m]', 'height_m'],
    ['Antenna height', 'height_m'],
    ['Height', 'height_m'],
    ['Trạng thái', 'status'],
    ['Status', 'status'],
    ['Năm phát sóng', 'year'],
    ['Năm', 'year'],
    ['Year', 'year'],
    ['Mã cell', 'cell_id'],
    ['Cell ID', 'cell_id'],
    ['EIRP (dBm)', 'eirp_dbm'],
    ['Góc ngẩng', 'tilt_deg'],
    ['Downtilt', 'tilt_deg'],
  ])('sites: %s → %s', (header, field) => {
    expect(fieldOfHeader('sites', header)).toBe(field);
  });

  it.each([
    ['postal', 'Mã bưu cục', 'id'],
    ['postal', 'Tên bưu cục', 'name'],
    ['postal', 'Loại hình', 'type'],
    ['postal', 'Có người', 'staffed'],
    ['postal', 'Dịch vụ công trực tuyến', 'online_public_services'],
    ['villages', 'Tên thôn', 'name'],
    ['villages', 'Dân số (người)', 'population'],
    ['villages', 'Mã xã', 'commune_id'],
    ['villages', 'Điện lưới', 'has_grid_power'],
    ['fiber', 'Mã tuyến', 'id'],
    ['fiber', 'Loại cáp', 'medium'],
    ['population', 'dan_so', 'population'],
  ] as const)('%s: %s → %s', (kind, header, field) => {
    expect(fieldOfHeader(kind, header)).toBe(field);
  });

  it('a header that is no field, and a title, are not recognised', () => {
    expect(fieldOfHeader('sites', 'Cột A')).toBeNull();
    expect(fieldOfHeader('sites', 'Danh sách trạm BTS tỉnh Gia Lai')).toBeNull();
    expect(fieldOfHeader('sites', 'Mã bưu cục')).toBeNull();
    expect(headerKey('  Độ_cao  anten (m) ')).toBe('do cao anten');
  });

  it('no alias names two fields of one kind', () => {
    for (const [kind, specs] of Object.entries(KIND_FIELDS)) {
      const seen = new Map<string, string>();
      for (const s of specs)
        for (const name of [s.field, ...s.aliases]) {
          const key = headerKey(name);
          expect(seen.get(key) ?? s.field, `${kind}: "${name}"`).toBe(s.field);
          seen.set(key, s.field);
        }
    }
  });
});

const VI_HEADER =
  'Mã trạm,Tên trạm,Kinh độ,Vĩ độ,Công nghệ,Nhà mạng,Góc phương vị (độ),Độ rộng búp sóng,Độ cao anten (m),Trạng thái,Năm phát sóng';

describe('the import with Vietnamese headers', () => {
  it('the operator CSV imports without "missing column", and the result names the mapping', async () => {
    const bytes = readFileSync(join(FIXTURES, 'operator_vi.csv'));
    const r = await importFile(bytes, 'operator_vi.csv', 'sites');
    expect(r.columns).toEqual({
      id: 'Mã trạm',
      name: 'Tên trạm',
      lon: 'Kinh độ',
      lat: 'Vĩ độ',
      technology: 'Công nghệ',
      operator: 'Nhà mạng',
      azimuth_deg: 'Góc phương vị (độ)',
      height_m: 'Độ cao anten (m)',
      status: 'Trạng thái',
      year: 'Năm phát sóng',
    });
    expect(r.headerRow).toBe(1);
    expect(r.total).toBe(3);
    expect(r.issues.map((i) => i.message).join('\n')).not.toMatch(/missing column/);
    expect(r.columnsNote).toBe(
      'operator_vi.csv: columns: id ← Mã trạm, name ← Tên trạm, lon ← Kinh độ, lat ← Vĩ độ, technology ← Công nghệ, operator ← Nhà mạng, azimuth_deg ← Góc phương vị (độ), height_m ← Độ cao anten (m), status ← Trạng thái, year ← Năm phát sóng',
    );
  });

  it('sectors with azimuth and beamwidth under Vietnamese headers are kept', async () => {
    const csv = `${VI_HEADER}\nGL001,Trạm 1,108.0012,13.9821,4G,Viettel,120,65,30,Đang phát sóng,2019\n`;
    const r = await importFile(enc(csv), 's.csv', 'sites');
    expect(r.kept).toBe(1);
    // A status and a year make the row a cell of its site.
    expect(r.items[0]).toMatchObject({ id: 'GL001', operator: 'Viettel' });
    expect(r.items[0]!.cells).toEqual([
      expect.objectContaining({
        technology: '4G',
        azimuth_deg: 120,
        beamwidth_deg: 65,
        status: 'on_air',
        year: 2019,
      }),
    ]);
  });

  it('canonical headers are named too, with no note', async () => {
    const r = await importFile(
      enc('id,lon,lat,technology,operator\na,108,14,4G,Viettel\n'),
      'c.csv',
      'sites',
    );
    expect(r.columns).toEqual({
      id: 'id',
      lon: 'lon',
      lat: 'lat',
      technology: 'technology',
      operator: 'operator',
    });
    expect(r.columnsNote).toBeNull();
  });

  it('an STT column is skipped', async () => {
    const csv = `STT,${VI_HEADER}\n1,GL001,Trạm 1,108.0012,13.9821,4G,Viettel,120,65,30,,\n`;
    const r = await importFile(enc(csv), 's.csv', 'sites');
    expect(r.kept).toBe(1);
    expect(Object.values(r.columns)).not.toContain('STT');
  });

  it('two columns for one field are an error naming both', async () => {
    const csv = 'Mã trạm,Kinh độ,Vĩ độ,Công nghệ,Nhà mạng,Longitude\na,108,14,4G,Viettel,108\n';
    await expect(importFile(enc(csv), 'two.csv', 'sites')).rejects.toThrowError(
      'two.csv: duplicate columns: "kinh độ" (column B) and "longitude" (column F) are both the lon field. Delete or rename one of them.',
    );
  });

  it('postal, villages and population tables with Vietnamese headers', async () => {
    const postal = await importFile(
      enc(
        'Mã bưu cục,Tên bưu cục,Kinh độ,Vĩ độ,Loại hình,Có người,Có Internet,Dịch vụ công trực tuyến\nBC1,Bưu cục Pleiku,108,14,Bưu cục cấp I,có,có,không\n',
      ),
      'p.csv',
      'postal',
    );
    expect(postal.kept).toBe(1);
    expect(postal.items[0]).toMatchObject({ id: 'BC1', type: 'post_office_1', staffed: true });
    const villages = await importFile(
      enc('Tên thôn,Kinh độ,Vĩ độ,Dân số (người),Điện lưới\nThôn 1,108,14,350,có\n'),
      'v.csv',
      'villages',
    );
    expect(villages.items[0]).toMatchObject({ name: 'Thôn 1', population: 350, hasGridPower: true });
    const pop = await importFile(enc('Long;Lat;Dân số\n108;14;12,5\n'), 'd.csv', 'population');
    expect(pop.items[0]).toMatchObject({ lon: 108, lat: 14, population: 12.5 });
  });

  it('GeoJSON property names are mapped too', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108, 14] },
          properties: { 'Mã trạm': 'G1', 'Công nghệ': '4G', 'Nhà mạng': 'VNPT' },
        },
      ],
    };
    const r = await importFile(enc(JSON.stringify(fc)), 's.geojson', 'sites');
    expect(r.kept).toBe(1);
    expect(r.columns).toEqual({ id: 'Mã trạm', technology: 'Công nghệ', operator: 'Nhà mạng' });
  });
});

/** A workbook with a title row, a blank row, then the header on row 3 (the project's own writer). */
function titledWorkbook(): Uint8Array {
  return xlsxWorkbook(
    [
      {
        name: 'Trạm',
        columns: [
          { header: 'DANH SÁCH TRẠM BTS TỈNH GIA LAI' },
          ...Array.from({ length: 6 }, () => ({ header: '' })),
        ],
        rows: [
          [],
          ['STT', 'Mã trạm', 'Kinh độ', 'Vĩ độ', 'Công nghệ', 'Nhà mạng', 'Góc phương vị (độ)'],
          [1, 'GL001', 108.0012, 13.9821, '4G', 'Viettel', ''],
          [2, 'GL002', 'abc', 13.9632, '4G', 'VNPT', ''],
        ],
      },
    ],
    { title: 't', creator: 'test', created: '2026-01-01T00:00:00Z' },
  );
}

describe('the header row', () => {
  it('a workbook with a title row: the header is found on row 3, and rows keep their Excel numbers', async () => {
    const r = await importFile(titledWorkbook(), 'tram.xlsx', 'sites');
    expect(r.headerRow).toBe(3);
    expect(r.total).toBe(2);
    expect(r.kept).toBe(1);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.field])).toEqual([[5, 'lon']]);
    expect(r.columnsNote).toMatch(/^tram\.xlsx: header found on row 3; columns: id ← Mã trạm, lon ← Kinh độ/);
  });

  it('a CSV with a title line and blank lines, delimited by semicolons', async () => {
    const csv = `Danh sách trạm\n\n\nMã trạm;Kinh độ;Vĩ độ;Công nghệ;Nhà mạng\nG1;108,1;14,2;4G;Viettel\n`;
    const table = withHeaderRow(parseCsv(csv, 't.csv'), 'sites');
    expect(table.headerRow).toBe(4);
    expect([...table.rows].map((r) => r.row)).toEqual([5]);
    const r = await importFile(enc(csv), 't.csv', 'sites');
    expect(r.items[0]).toMatchObject({ id: 'G1', lon: 108.1, lat: 14.2 });
  });

  it('the kind is guessed from Vietnamese headers', () => {
    expect(guessTableKind(parseCsv(`${VI_HEADER}\n`, 'a.csv'))).toBe('sites');
    expect(guessTableKind(parseCsv('Kinh độ,Vĩ độ,Dân số\n', 'a.csv'))).toBe('population');
    expect(guessTableKind(parseCsv('Tên thôn,Kinh độ,Vĩ độ,Dân số\n', 'a.csv'))).toBe('villages');
    expect(guessTableKind(parseCsv('Cột A,Cột B\n', 'a.csv'))).toBeNull();
  });
});

const UNKNOWN = 'Cột A,Cột B,Cột C,Cột D,Cột E\nG1,108,14,4G,Viettel\n';

describe('the explicit mapping', () => {
  it('maps headers the aliases do not know', async () => {
    const columns = { id: 'Cột A', lon: 'Cột B', lat: 'cột c', technology: 'Cột D', operator: 'Cột E' };
    const r = await importFile(enc(UNKNOWN), 'u.csv', 'sites', { columns });
    expect(r.kept).toBe(1);
    expect(r.columns).toEqual({ ...columns, lat: 'Cột C' });
  });

  it('without it, the missing fields are a ColumnsError with what a form needs', async () => {
    const error = await importFile(enc(UNKNOWN), 'u.csv', 'sites').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ColumnsError);
    const e = error as ColumnsError;
    expect(e.message).toMatch(/^u\.csv: missing column\(s\) id, lon, lat, technology, operator; /);
    expect(e.message).toContain('"Cột A", "Cột B"');
    expect(e.request.header).toEqual(['Cột A', 'Cột B', 'Cột C', 'Cột D', 'Cột E']);
    expect(e.request.missing).toEqual(['id', 'lon', 'lat', 'technology', 'operator']);
  });

  it.each([
    [
      { id: 'Cột Z' },
      'u.csv: the column mapping reads id from column "Cột Z", but the file has no such column',
    ],
    [{ id: 'Cột A', name: 'Cột A' }, 'u.csv: the column mapping reads both id and name from column "Cột A"'],
    [
      { colour: 'Cột A' },
      'u.csv: the column mapping names an unknown sites field "colour" (for column "Cột A")',
    ],
  ])(
    'a bad mapping %j is a UserError naming the file, the column and the field',
    async (columns, message) => {
      const error = await importFile(enc(UNKNOWN), 'u.csv', 'sites', { columns }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toContain(message);
    },
  );
});

describe('the CLI column flags', () => {
  it('parses field=Column pairs, kind prefixes and per-kind flags', () => {
    const maps = parseColumnFlags({
      columns: 'id=Mã trạm,lon="Kinh độ, WGS84",postal:id=Mã BC',
      'villages-columns': 'population=Số dân',
    });
    expect(maps.get('sites')).toEqual({ id: 'Mã trạm', lon: 'Kinh độ, WGS84' });
    expect(maps.get('postal')).toEqual({ id: 'Mã BC' });
    expect(maps.get('villages')).toEqual({ population: 'Số dân' });
  });

  it.each([
    [{ columns: 'id=A,id=B' }, '--columns: the sites field id is given twice ("A" and "B")'],
    [{ columns: 'idA' }, '--columns: "idA" is not field=Column'],
    [{ columns: 'roads:id=A' }, '--columns: unknown input "roads"'],
    [{ 'sites-columns': 'id=' }, '--sites-columns: "id=" needs a field and a column'],
  ])('%j is a UserError naming the flag', (flags, message) => {
    expect(() => parseColumnFlags(flags)).toThrowError(UserError);
    expect(() => parseColumnFlags(flags)).toThrowError(message);
  });

  it('analyze --columns imports the file and prints the mapping; a bad column exits 1 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vungphu-columns-'));
    const file = join(dir, 'u.csv');
    writeFileSync(file, 'Cột A,Cột B,Cột C,Cột D,Cột E\nG1,108.0012,13.9821,4G,Viettel\n');
    const bin = join(ROOT, 'bin/vungphu.mjs');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, 'analyze', '--sites', file, '--out', join(dir, 'out'), ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
    const ok = run(['--columns', 'id=Cột A,lon=Cột B,lat=Cột C,technology=Cột D,operator=Cột E']);
    expect(ok.stderr).not.toMatch(/bundled CLI stale/);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain(`${file}: imported 1 of 1 rows`);
    expect(ok.stderr).toContain(
      `${file}: columns: id ← Cột A, lon ← Cột B, lat ← Cột C, technology ← Cột D, operator ← Cột E`,
    );
    const sample = spawnSync(
      process.execPath,
      [bin, 'analyze', '--sites', join(FIXTURES, 'operator_vi.csv'), '--postal-columns', 'id=Mã BC'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(sample.status).toBe(1);
    expect(sample.stderr).toContain('a column mapping for postal was given, but no --postal file is read.');
    const bundled = spawnSync(process.execPath, [bin, 'analyze', '--postal-columns', 'id=Mã BC'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(bundled.status).toBe(1);
    expect(bundled.stderr).toContain(
      'a column mapping for postal was given, but no --postal file: the bundled sample',
    );
    const bad = run(['--sites-columns', 'id=Cột X']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${file}: the column mapping reads id from column "Cột X"`);
  });
});

describe('the mapping messages in the app', () => {
  it('are in Vietnamese, and the English points at the form, not the CLI flag', async () => {
    const { setLang } = await import('../../src/app/i18n/i18n.ts');
    const { messageText } = await import('../../src/app/i18n/issue_text.ts');
    const missing = ((await importFile(enc(UNKNOWN), 'u.csv', 'sites').catch((e: unknown) => e)) as Error)
      .message;
    const both = (
      (await importFile(enc(UNKNOWN), 'u.csv', 'sites', { columns: { id: 'Cột A', name: 'Cột A' } }).catch(
        (e: unknown) => e,
      )) as Error
    ).message;
    const absent = (
      (await importFile(enc(UNKNOWN), 'u.csv', 'sites', { columns: { id: 'Cột Z' } }).catch(
        (e: unknown) => e,
      )) as Error
    ).message;
    try {
      setLang('vi');
      expect(messageText(missing)).toBe('u.csv: thiếu cột id, lon, lat, technology, operator');
      expect(messageText(both)).toBe(
        'u.csv: cách gán cột đọc cả id và name từ cột "Cột A"; mỗi trường cần một cột riêng',
      );
      expect(messageText(absent)).toBe(
        'u.csv: cách gán cột đọc id từ cột "Cột Z", nhưng tệp không có cột đó',
      );
      setLang('en');
      expect(messageText(missing)).not.toMatch(/CLI/);
      expect(messageText(missing)).toMatch(
        /^u\.csv: missing column\(s\) id, lon, lat, technology, operator; /,
      );
      expect(messageText(both)).toBe(both);
    } finally {
      setLang('vi');
    }
  });
});

describe('the app side', () => {
  it('detects a sites file from Vietnamese headers, under a title row too', async () => {
    const { detectFileKind } = await import('../../src/app/worker/detect_file_kind.ts');
    expect(detectFileKind(enc(`${VI_HEADER}\nG1,T,108,14,4G,VNPT,0,65,30,,\n`), 'a.csv')).toBe('sites');
    expect(detectFileKind(titledWorkbook(), 'tram.xlsx')).toBe('sites');
    expect(detectFileKind(enc('Cột A,Cột B\n1,2\n'), 'a.csv')).toBeNull();
  });

  it('remembers a mapping by kind and header, and only while every column it names is there', async () => {
    const { rememberColumns, rememberedColumns } = await import('../../src/app/state/column_memory.ts');
    const items = new Map<string, string>();
    const store = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    } as unknown as Storage;
    const header = ['Cột A', 'Cột B'];
    expect(rememberedColumns('sites', header, store)).toBeNull();
    rememberColumns('sites', header, { id: 'Cột A', lon: 'Cột B' }, store);
    expect(rememberedColumns('sites', header, store)).toEqual({ id: 'Cột A', lon: 'Cột B' });
    expect(rememberedColumns('sites', ['cột a', 'cột b'], store)).toBeNull();
    expect(rememberedColumns('postal', header, store)).toBeNull();
    expect(rememberedColumns('sites', ['Cột A', 'Cột B', 'Cột C'], store)).toBeNull();
    items.set('vungphu.columns.v1', '{not json');
    expect(rememberedColumns('sites', header, store)).toBeNull();
  });
});
