/**
 * The import problems the app shows are in the user's language: every message the bad-file corpus
 * produces through the app's import (validateImport, as the worker runs it) has a Vietnamese rule, and
 * the messages the corpus cannot produce (limits, other formats) are checked one by one, word for word
 * as the io readers write them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/app/i18n/i18n.ts';
import { issueText, messageText } from '../../src/app/i18n/issue_text.ts';
import { rejectedCsvText } from '../../src/app/i18n/rejected_csv.ts';
import { baseCommunes, cases, importAsApp } from '../support/bad_corpus.ts';

afterEach(() => setLang('vi'));

describe('import problems in Vietnamese', () => {
  it('translates every message of the bad-file corpus, and leaves English as it is', async () => {
    const base = await baseCommunes();
    const messages = new Set<string>();
    for (const { file, c } of cases) {
      const r = await importAsApp(file, c, base);
      if (r.fatal) messages.add(r.fatal);
      for (const issue of r.issues) messages.add(issue.message);
    }
    expect(messages.size).toBeGreaterThan(30);
    const untranslated = [...messages].filter((m) => messageText(m) === m);
    expect(untranslated).toEqual([]);
    // In English the messages are the readers' own, except where they name the CLI's flags.
    setLang('en');
    for (const m of messages) {
      if (/CLI: --/.test(m)) {
        expect(messageText(m)).not.toMatch(/CLI: --/);
        expect(messageText(m)).toMatch(
          /"Coordinate system of the file"|"Latitude and longitude swapped|"Choose the column of each field"/,
        );
      } else expect(messageText(m)).toBe(m);
    }
    const swapped =
      '2 of 4 rows look like latitude and longitude swapped (they fall inside the boundaries only when swapped); they were rejected. Import with the swap fix (CLI: --swapped fix) to swap them back.';
    expect(messageText(swapped)).toBe(
      '2 of 4 rows look like latitude and longitude swapped (they fall inside the boundaries only when swapped); they were rejected. Import again with "Latitude and longitude swapped: Swap back" to keep them.',
    );
  });

  it.each([
    ['a.zip: the archive has more than 10000 entries; refused.', 'tệp nén có hơn 10000 mục'],
    [
      'a.zip: "x.shp" would expand to 600 MiB, over the 512 MiB limit per file; refused as a possible zip bomb.',
      'vượt giới hạn 512 MiB mỗi tệp',
    ],
    [
      'a.zip: the archive would expand to more than 1 GiB; refused as a possible zip bomb.',
      'giải nén thành hơn 1 GiB',
    ],
    [
      'a.zip: not a readable zip archive (invalid zip data).',
      'không đọc được tệp nén zip (invalid zip data)',
    ],
    [
      'a.zip: the zip holds no .shp file; a shapefile must be zipped with its .shp, .shx, .dbf and .prj.',
      'không có tệp .shp',
    ],
    ['the zip holds 2 shapefiles (a.shp, b.shp); only a.shp was read', 'chỉ đọc a.shp'],
    ['a.zip: xa.dbf is missing; the attributes live in it.', 'thiếu xa.dbf'],
    ['xa.shx is missing (not needed: records are read in order)', 'thiếu xa.shx'],
    ['xa.dbf is shorter than its header says: 3 record(s) are missing', 'thiếu 3 bản ghi'],
    ['a.zip: xa.shp is too short to be a shapefile.', 'xa.shp quá ngắn'],
    ['a.zip: xa.shp is not a shapefile (bad file code).', 'mã tệp sai'],
    ['xa.shp has 5 shape(s) but xa.dbf has 4 record(s); only the first 4 were paired', 'chỉ ghép 4 cặp đầu'],
    ['shape record 2 is corrupt: the record runs past the end of the file', 'bản ghi vượt quá cuối tệp'],
    [
      'shape record 2 is corrupt: shape type 31 is not supported (points, lines and polygons are)',
      'kiểu hình 31 không được hỗ trợ',
    ],
    ['a.zip: xa.dbf: the .dbf declares no fields.', 'không khai báo trường nào'],
    ['a.xlsx: not an Excel workbook (.xlsx): xl/workbook.xml is missing.', 'không phải sổ tính Excel'],
    ['a.xlsx: the first sheet is empty; expected a header row.', 'trang tính đầu trống'],
    ['a.kml: not KML (the top element is <gpx>, expected <kml>).', 'phần tử gốc là <gpx>'],
    ['a.kmz: the KMZ holds no .kml file.', 'không chứa tệp .kml'],
    ['a.kml: not XML (no element found).', 'không phải XML'],
    ['a.tif: a GeoTIFF raster can only be imported as population.', 'chỉ nhập được làm dữ liệu dân số'],
    [
      'a.dwg: unknown file type ".dwg"; use GeoJSON, CSV, XLSX, KML/KMZ, a zipped shapefile or (population) GeoTIFF.',
      'không nhận ra loại tệp ".dwg"',
    ],
    [
      'a.csv: boundaries need polygons; import GeoJSON, KML/KMZ or a zipped shapefile (with its .prj).',
      'ranh giới cần đa giác',
    ],
    ['a.zip: the .prj has no central meridian.', 'không có kinh tuyến trục'],
    [
      'the .prj datum "Hanoi_1972" carries no shift to WGS 84; positions may be off by up to a few hundred metres',
      'datum "Hanoi_1972"',
    ],
    [
      'a.geojson: EPSG:2000 is not a coordinate system Vùng Phủ converts; use one of EPSG:3405, a VN-2000 TM-3 meridian, or convert the file to WGS 84 first.',
      'không chuyển đổi hệ EPSG:2000',
    ],
    [
      'a.csv: the coordinates are longitude/latitude degrees, but VN-2000 / TM-3 108°30′ is projected (metres).',
      'là hệ phẳng (mét)',
    ],
    [
      'the coordinates are written northing first (X = northing, Y = easting, the Vietnamese survey convention); they were read as easting, northing',
      'bắc trước',
    ],
    [
      '2 of 4 rows look like latitude and longitude swapped (they fall inside the boundaries only when swapped); they were rejected. Import with the swap fix (CLI: --swapped fix) to swap them back.',
      'đã loại bỏ',
    ],
    [
      'feature 3 ("Xã A"): the polygon crosses itself (first at 108.00000, 14.00000) and more than 50 times, too often to repair; fix it in a GIS',
      'cắt hơn 50 lần, quá nhiều để sửa',
    ],
    ['feature 3: 2 ring(s) were not closed; closed them', '2 vòng chưa khép kín'],
    ['a.tif: not a readable GeoTIFF (bad magic).', 'không đọc được tệp GeoTIFF (bad magic)'],
    ['a.tif: the raster must be in WGS84 lon/lat (EPSG:4326); found EPSG:32648.', 'tệp dùng EPSG:32648'],
    ['a.tif: the GeoTIFF has no georeferencing (origin and resolution).', 'không có thông tin định vị'],
    ['coverage polygon: empty polygon', 'đa giác vùng phủ: đa giác rỗng'],
    [
      'a.csv: the coordinates are projected metres (for example 451,205.53, 1,553,882.5), not longitude/latitude degrees, and the file does not say which coordinate system they are in.',
      '(ví dụ 451.205,53; 1.553.882,5)',
    ],
    [
      'a.csv: the coordinates are metres (for example 451,205.53, 1,553,882.5), but WGS 84 is in degrees.',
      'toạ độ là mét (ví dụ 451.205,53; 1.553.882,5), nhưng WGS 84 dùng độ',
    ],
  ])('%s', (english, vietnamese) => {
    const vi = messageText(english);
    expect(vi).toContain(vietnamese);
    expect(vi).not.toBe(english);
  });

  it('leaves a pathologically long message as it is (no rule runs over it)', () => {
    const long = `a.zip: ${'": '.repeat(20_000)}x is too short to be a shapefile.`;
    expect(messageText(long)).toBe(long);
    expect(messageText('a.zip: x is too short to be a shapefile.')).toContain('quá ngắn');
  });

  it('puts the row or feature and field first, in the language', () => {
    const issue = {
      severity: 'warning' as const,
      file: 'a.zip',
      path: 'features[1].geometry',
      field: 'geometry',
      message: 'shape record 2 is corrupt: the record needs 132 bytes but holds 128',
    };
    expect(issueText(issue)).toBe(
      'Đối tượng 2, trường "geometry": bản ghi hình thứ 2 bị hỏng: bản ghi cần 132 byte nhưng chỉ có 128',
    );
  });
});

describe('a position out of range in Vietnamese (issue 15)', () => {
  it('keeps the reader’s own hint: VN-2000 only for metres', () => {
    const lat = messageText(
      'coordinates (108.1, 95.5) are outside the lon/lat range; latitude 95.5 is not within −90…90',
    );
    expect(lat).toBe('toạ độ (108.1, 95.5) nằm ngoài phạm vi kinh/vĩ độ; vĩ độ 95.5 không nằm trong −90…90');
    expect(
      messageText(
        'coordinates (500000, 1500000) are outside the lon/lat range; projected metres (e.g. VN-2000) are not degrees',
      ),
    ).toMatch(/VN-2000, mét/);
    expect(
      messageText('coordinates (14, 108) are outside the lon/lat range; latitude and longitude look swapped'),
    ).toMatch(/đổi chỗ$/);
  });
});

describe('the rejected rows CSV in the app’s language (issue 15)', () => {
  it('gives the column names and the reasons in Vietnamese, with the records as the worker’s copy', async () => {
    const base = await baseCommunes();
    const one = cases.find((x) => x.file === 'out_of_range.csv')!;
    const r = await importAsApp(one.file, one.c, base);
    expect(r.rejectedCsv).not.toBeNull();
    const vi = rejectedCsvText(r.issues);
    const [head, ...rows] = vi
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(head).toBe('tệp,dòng,đối tượng,trường,lỗi,id,lon,lat,technology,operator');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('kinh độ 200 không nằm trong −180…180');
    expect(rows[1]).toContain('lat: toạ độ (108.05, -95) nằm ngoài phạm vi kinh/vĩ độ; vĩ độ -95');
    expect(vi).not.toMatch(/outside the lon\/lat range/);
    // The same lines as the worker's (English) copy, but for the words.
    const en = r
      .rejectedCsv!.replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(en).toHaveLength(rows.length + 1);
    expect(rows.map((l) => l.split(',').slice(-5).join(','))).toEqual(
      en.slice(1).map((l) => l.split(',').slice(-5).join(',')),
    );
    setLang('en');
    expect(rejectedCsvText(r.issues)).toBe(r.rejectedCsv);
  });
});
