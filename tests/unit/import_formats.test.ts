/**
 * The import layer piece by piece: zip safety limits, the XML, XLSX, KML, DBF and shapefile readers,
 * text decoding, swap detection, polygon repair, coordinate-system consistency, size limits, the
 * rejected-rows CSV and the worker-callable wrapper. The corpus test runs whole files end to end.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { duplicateEntry, lieAboutCompressedSize } from '../../scripts/bad_fixtures/types.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { decodeBytes } from '../../src/io/formats/csv.ts';
import { kmlFeatures } from '../../src/io/formats/kml_read.ts';
import { checkFileSize, IMPORT_LIMITS } from '../../src/io/formats/limits.ts';
import { xlsxTable } from '../../src/io/formats/xlsx_read.ts';
import { parseXml } from '../../src/io/formats/xml_read.ts';
import { readZip, unsafeEntryName } from '../../src/io/formats/zip_read.ts';
import { formatOfFile, importFile } from '../../src/io/import/import_file.ts';
import { runImport } from '../../src/io/import/import_message.ts';
import { type RecordIssue, rejectedRowsCsv } from '../../src/io/import/rejected_rows.ts';
import { deepFreeze } from '../support/freeze.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const fcBytes = (features: unknown[], extra: object = {}) =>
  enc(JSON.stringify({ type: 'FeatureCollection', ...extra, features }));
const square = (w: number, s: number, d = 0.1) => [
  [
    [w, s],
    [w + d, s],
    [w + d, s + d],
    [w, s + d],
    [w, s],
  ],
];

describe('zip safety', () => {
  it('names that leave the archive are unsafe', () => {
    expect(unsafeEntryName('xa/xa.shp')).toBeNull();
    expect(unsafeEntryName('../xa.shp')).toMatch(/\.\./);
    expect(unsafeEntryName('a/../../b')).toMatch(/\.\./);
    expect(unsafeEntryName('..\\..\\windows\\x')).toMatch(/\.\./);
    expect(unsafeEntryName('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeEntryName('C:/x.shp')).toMatch(/drive letter/);
    expect(unsafeEntryName('a..b/c')).toBeNull();
  });
  const zip = zipSync({ 'a.txt': new Uint8Array(2 * 1024 * 1024), 'b.txt': strToU8('hello') }, { level: 9 });
  it('refuses an entry over the per-file limit, the total limit, the ratio or the entry count', () => {
    const limits = { ...IMPORT_LIMITS, zipRatio: 1e9 };
    expect(() => readZip(zip, 'z.zip', { ...limits, zipEntryBytes: 1024 * 1024 })).toThrowError(
      /"a\.txt" would expand to 2\.0 MiB, over the 1\.0 MiB limit per file; refused as a possible zip bomb/,
    );
    expect(() => readZip(zip, 'z.zip', { ...limits, zipTotalBytes: 1024 })).toThrowError(
      /would expand to more than 1\.0 KiB; refused as a possible zip bomb/,
    );
    expect(() => readZip(zip, 'z.zip', { ...limits, zipEntries: 1 })).toThrowError(/more than 1 entries/);
    expect(() => readZip(zip, 'z.zip')).toThrowError(
      /"a\.txt" would expand \d+×.*refused as possible zip bombs/,
    );
    expect(readZip(zip, 'z.zip', limits).get('b.txt')).toEqual(strToU8('hello'));
  });
  it('a zip that lies about its sizes is measured as it inflates, not by its headers (issue 12)', () => {
    const z = zipSync({ 'a.txt': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    const view = new DataView(z.buffer);
    let eocd = z.length - 22;
    while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
    const cd = view.getUint32(eocd + 16, true);
    view.setUint32(cd + 24, 100, true); // central directory: uncompressed size 100
    view.setUint32(22, 100, true); // local header too
    expect(() => readZip(z, 'lie.zip')).toThrowError(
      /lie\.zip: "a\.txt" inflates \d+× \(.* from the first .*, whatever its header claims\); archives that expand more than 100× are refused/,
    );
    // Without the ratio limit, the size it really holds is not the one it declares: damaged or forged.
    expect(() => readZip(z, 'lie.zip', { ...IMPORT_LIMITS, zipRatio: 1e9 })).toThrowError(
      /lie\.zip: not a readable zip archive \("a\.txt": it declares 100 bytes but holds 4194304; the archive is damaged or forged\)/,
    );
    // The per-file limit holds on the bytes produced, whatever the header says.
    expect(() =>
      readZip(z, 'lie.zip', { ...IMPORT_LIMITS, zipRatio: 1e9, zipEntryBytes: 1024 * 1024 }),
    ).toThrowError(
      /"a\.txt" expands past the 1\.0 MiB limit per file \(4\.0 MiB so far\); refused as a possible zip bomb/,
    );
  });
  it('a claimed compressed size far above the real one does not pass the ratio check (issue 12)', () => {
    const z = lieAboutCompressedSize(
      zipSync(
        { 'a.txt': new Uint8Array(4 * 1024 * 1024), 'b.txt': strToU8('x'.repeat(200_000)) },
        { level: 9 },
      ),
      'a.txt',
      100_000,
    );
    // The headers say 4 MiB from 100,000 bytes (42×, under the limit); it really inflates about 1,000×.
    expect(() => readZip(z, 'lie.zip')).toThrowError(/"a\.txt" inflates \d{3,}×/);
    // An honest archive with the same content reads back byte for byte.
    const honest = zipSync({ 'a.txt': new Uint8Array(3 * 1024 * 1024).fill(65) });
    const back = readZip(honest, 'ok.zip', { ...IMPORT_LIMITS, zipRatio: 1e9 }).get('a.txt')!;
    expect(back.length).toBe(3 * 1024 * 1024);
    expect(back.every((b) => b === 65)).toBe(true);
  });
  it('duplicate entry names are refused, naming the entry (issue 12)', () => {
    const z = duplicateEntry({ 'a/doc.kml': strToU8('<kml/>') }, 'a/doc.kml', '<kml><x/></kml>');
    expect(() => readZip(z, 'dup.kmz')).toThrowError(
      /dup\.kmz: the archive holds the entry "a\/doc\.kml" twice; which copy is meant cannot be known/,
    );
  });
  it('stored entries, empty archives and truncated data', () => {
    const stored = zipSync({ 's.txt': strToU8('stored text') }, { level: 0 });
    expect(new TextDecoder().decode(readZip(stored, 's.zip').get('s.txt'))).toBe('stored text');
    expect(readZip(zipSync({}), 'e.zip').size).toBe(0);
    const z = zipSync({ 'a.txt': strToU8('hello '.repeat(5000)) }, { level: 9 });
    const cut = z.slice(0, 60);
    expect(() => readZip(cut, 'cut.zip')).toThrowError(/cut\.zip: not a readable zip archive/);
  });
  it('junk and folders are left out; garbage is a UserError', () => {
    const z = zipSync({
      'd/': new Uint8Array(0),
      '__MACOSX/d/._x': strToU8('x'),
      'd/x.kml': strToU8('<kml/>'),
    });
    expect([...readZip(z, 'z.zip').keys()]).toEqual(['d/x.kml']);
    expect(() => readZip(enc('PK\x03\x04 nonsense'), 'bad.zip')).toThrowError(
      /bad\.zip: not a readable zip archive/,
    );
  });
});

describe('XML reader', () => {
  it('reads elements, attributes in any quoting, entities, CDATA; skips comments, PIs and DOCTYPE', () => {
    const doc = parseXml(
      `<?xml version="1.0"?><!DOCTYPE kml [<!ELEMENT kml ANY> <!ATTLIST a b CDATA "]>">]><!-- c --><k:root a="1 &amp; 2" b='x>y'><t>a &lt;b&gt; &#7843;&#x1EA1; &lol;</t><c><![CDATA[<raw>]]></c><e/></k:root>`,
      'x.xml',
    );
    const root = doc.children[0]!;
    expect(root).toMatchObject({ name: 'k:root', local: 'root', attrs: { a: '1 & 2', b: 'x>y' } });
    expect(root.children.map((c) => c.local)).toEqual(['t', 'c', 'e']);
    expect(root.children[0]!.text).toBe('a <b> ảạ &lol;'); // no custom entity is ever expanded
    expect(root.children[1]!.text).toBe('<raw>');
  });
  it('a DOCTYPE that declares entities is refused, and markup in an entity value is never read (issue 12)', () => {
    const hidden = `<?xml version="1.0"?>\n<!DOCTYPE kml [\n<!ENTITY x "]><Placemark><name>hidden</name></Placemark>">\n]>\n<kml><Document/></kml>`;
    expect(() => parseXml(hidden, 'x.kml')).toThrowError(
      /x\.kml: line 2: the DOCTYPE declares the entity "x"; XML entity declarations are refused/,
    );
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY % p SYSTEM "http://x/">]><a/>', 'x.kml')).toThrowError(
      /declares the entity "p"/,
    );
    expect(() => parseXml('<!DOCTYPE a [<!ELEMENT a ANY>', 'x.kml')).toThrowError(
      /DOCTYPE or declaration is never closed/,
    );
  });
  it('malformed XML is a UserError with the line', () => {
    expect(() => parseXml('<a>\n<b>\n</a>', 'x.kml')).toThrowError(
      /x\.kml: not well-formed XML at line 3: <\/a> closes <b>/,
    );
    expect(() => parseXml('<a><!-- never', 'x.kml')).toThrowError(/comment is never closed/);
    expect(() => parseXml('just text', 'x.kml')).toThrowError(/not XML/);
    expect(() => parseXml('<a>'.repeat(600), 'x.kml')).toThrowError(/nested more than 512 deep/);
  });
  // Backtracking would make these hang (caught by the test timeout); their speed is measured by
  // `npm run bench` (bench/import_speed.ts), not asserted here.
  it('reads long runs (no regex backtracking)', () => {
    expect(() => parseXml(`<a ${'b'.repeat(300_000)}>`, 'x')).toThrowError(UserError);
    expect(() => parseXml(`<a ${'b="1" '.repeat(50_000)}/>`, 'x')).not.toThrowError();
  });
});

describe('XLSX reader', () => {
  const xlsx = (sheet: string, shared = '') =>
    zipSync({
      'xl/workbook.xml': strToU8(
        '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId7" Type="http://x/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId2" Type="http://x/sharedStrings" Target="/xl/strings.xml"/></Relationships>',
      ),
      'xl/worksheets/data.xml': strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
      'xl/strings.xml': strToU8(`<sst>${shared}</sst>`),
    });
  it('follows the relationships to the first sheet; shared, rich and inline strings; booleans; sparse cells', () => {
    const t = xlsxTable(
      xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Lat</t></is></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="b"><v>1</v></c><c r="C3"><f>1+1</f><v>14.05</v></c></row>',
        '<si><t>Id</t></si><si><r><t>Đắk </t></r><r><t>Nông</t></r><rPh><t>x</t></rPh></si>',
      ),
      'w.xlsx',
    );
    expect(t.header).toEqual(['id', '', 'lat']);
    expect([...t.rows]).toEqual([{ row: 3, cells: ['Đắk Nông', 'true', '14.05'] }]);
  });
  it('is a UserError when it is not a workbook or is empty', () => {
    expect(() => xlsxTable(zipSync({ 'a.txt': strToU8('x') }), 'w.xlsx')).toThrowError(
      /w\.xlsx: not an Excel workbook/,
    );
    expect(() => xlsxTable(xlsx(''), 'w.xlsx')).toThrowError(/the first sheet is empty/);
    expect(() => xlsxTable(xlsx('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>'), 'w.xlsx')).not.toThrowError(
      /XFD/,
    );
  });
});

describe('KML reader', () => {
  it('reads MultiGeometry, holes and SchemaData; a Placemark id becomes the id', () => {
    const fc = kmlFeatures(
      `<kml><Document><Placemark id="F1"><ExtendedData><SchemaData><SimpleData name="population">12</SimpleData></SchemaData></ExtendedData>
       <MultiGeometry><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs>
       <innerBoundaryIs><LinearRing><coordinates>0.2,0.1 0.3,0.1 0.3,0.2 0.2,0.1</coordinates></LinearRing></innerBoundaryIs></Polygon>
       <Polygon><outerBoundaryIs><LinearRing><coordinates>5,5 6,5 6,6 5,5</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry></Placemark>
       <Placemark><name>mixed</name><MultiGeometry><Point><coordinates>1,2</coordinates></Point><LineString><coordinates>1,2 3,4</coordinates></LineString></MultiGeometry></Placemark></Document></kml>`,
      'k.kml',
    );
    expect(fc.features[0]!.properties).toEqual({ id: 'F1', population: '12' });
    expect(fc.features[0]!.geometry).toMatchObject({ type: 'MultiPolygon' });
    expect((fc.features[0]!.geometry!.coordinates as number[][][][])[0]).toHaveLength(2);
    expect(fc.features[1]!.geometry!.type).toBe('GeometryCollection');
    expect(() => kmlFeatures('<html><body/></html>', 'k.kml')).toThrowError(/not KML/);
  });
});

describe('text decoding', () => {
  it('UTF-16 without a BOM, UTF-8 with one, and Windows-1258 when the bytes are not UTF-8', () => {
    const le = new Uint8Array([...'id,x\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeBytes(le)).toEqual({ text: 'id,x\n', encoding: 'utf-16le' });
    expect(decodeBytes(enc('\uFEFFĐắk'))).toEqual({ text: 'Đắk', encoding: 'utf-8' });
    // "Đắk" in Windows-1258: Đ (D0), ă (E3) + combining acute (EC), k
    expect(decodeBytes(new Uint8Array([0xd0, 0xe3, 0xec, 0x6b]))).toEqual({
      text: 'Đắk',
      encoding: 'windows-1258',
    });
  });
});

describe('shapefile details', () => {
  it('restores the field names a .dbf truncated to 10 characters (online_pub → online_public_services)', async () => {
    // A point shapefile written by hand: one postal point.
    const shp = new Uint8Array(100 + 8 + 20);
    const v = new DataView(shp.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, shp.length / 2, false);
    v.setInt32(32, 1, true);
    v.setInt32(100, 1, false);
    v.setInt32(104, 10, false);
    v.setInt32(108, 1, true);
    v.setFloat64(112, 108.05, true);
    v.setFloat64(120, 14.05, true);
    const fields: [string, number][] = [
      ['ID', 4],
      ['TYPE', 12],
      ['STAFFED', 3],
      ['INTERNET', 3],
      ['ONLINE_PUB', 3],
    ];
    const recordLength = 1 + fields.reduce((s, [, l]) => s + l, 0);
    const header = 32 + 32 * fields.length + 1;
    const dbf = new Uint8Array(header + recordLength);
    const d = new DataView(dbf.buffer);
    dbf[0] = 3;
    d.setUint32(4, 1, true);
    d.setUint16(8, header, true);
    d.setUint16(10, recordLength, true);
    fields.forEach(([name, length], i) => {
      dbf.set(strToU8(name), 32 + 32 * i);
      dbf[32 + 32 * i + 11] = 67; // C
      dbf[32 + 32 * i + 16] = length;
    });
    dbf[header - 1] = 0x0d;
    dbf.set(strToU8(' P1  agent       yesno yes'), header);
    const r = await importFile(zipSync({ 'p.shp': shp, 'p.dbf': dbf }), 'p.zip', 'postal');
    expect(r.items).toEqual([
      {
        id: 'P1',
        lon: 108.05,
        lat: 14.05,
        type: 'agent',
        staffed: true,
        internet: false,
        online_public_services: true,
      },
    ]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'p.shx is missing (not needed: records are read in order)',
      'the shapefile has no .prj; its coordinates are in degrees and were read as WGS 84',
    ]);
  });
  it('a zip without a .shp, or a .shp alone, is a UserError with the fix', async () => {
    await expect(importFile(zipSync({ 'a.txt': strToU8('x') }), 'a.zip', 'boundaries')).rejects.toThrowError(
      /a\.zip: the zip holds no \.shp file; a shapefile must be zipped with its \.shp, \.shx, \.dbf and \.prj/,
    );
    await expect(importFile(new Uint8Array(100), 'xa.shp', 'boundaries')).rejects.toThrowError(
      /xa\.shp: import a shapefile as one \.zip/,
    );
  });
});

describe('format detection', () => {
  it('trusts the extension but looks into a .zip', () => {
    const xlsx = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(formatOfFile(xlsx, 'book.zip')).toBe('xlsx');
    expect(formatOfFile(zipSync({ 'doc.kml': strToU8('<kml/>') }), 'map.zip')).toBe('kmz');
    expect(formatOfFile(enc('{}'), 'A.GeoJSON')).toBe('geojson');
    expect(() => formatOfFile(enc(''), 'notes.docx')).toThrowError(/unknown file type "\.docx"/);
  });
  it('boundaries need polygons, rasters are population only', async () => {
    await expect(importFile(enc('id,lon,lat\n'), 'b.csv', 'boundaries')).rejects.toThrowError(
      /b\.csv: boundaries need polygons; import GeoJSON, KML\/KMZ or a zipped shapefile/,
    );
    await expect(importFile(new Uint8Array(8), 'p.tif', 'sites')).rejects.toThrowError(
      /can only be imported as population/,
    );
  });
});

describe('size limit', () => {
  it('a file over the limit is refused before it is parsed, with its size and the limit', async () => {
    expect(() => checkFileSize(600 * 1024 * 1024, 'big.geojson')).toThrowError(
      /big\.geojson: the file is 600\.0 MiB, over the 512\.0 MiB import limit\. Split it/,
    );
    await expect(
      importFile(enc('not even json'), 'big.geojson', 'sites', { maxBytes: 5 }),
    ).rejects.toThrowError(/big\.geojson: the file is 13 bytes, over the 5 bytes import limit/);
  });
});

describe('coordinate systems in importFile', () => {
  const point = (x: number, y: number) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [x, y] },
    properties: { id: `S${x}`, technology: '4G', operator: 'Viettel' },
  });
  it('metres with a geographic system, or degrees with a projected one, are refused', async () => {
    await expect(
      importFile(fcBytes([point(500_000, 1_500_000)]), 's.geojson', 'sites', { crs: 'EPSG:4756' }),
    ).rejects.toThrowError(
      /s\.geojson: the coordinates are metres \(for example 500,000, 1,500,000\), but the chosen coordinate system VN-2000 geographic \(EPSG:4756\) is in degrees/,
    );
    await expect(
      importFile(fcBytes([point(108, 14)]), 's.geojson', 'sites', { vn2000Meridian: 108.5 }),
    ).rejects.toThrowError(
      /longitude\/latitude degrees, but the chosen coordinate system VN-2000 \/ TM-3 108°30′ \(k = 0\.9999\) is projected/,
    );
  });
  it('with the CLI scope, a degree file next to a VN-2000 choice is read as WGS 84', async () => {
    const r = await importFile(fcBytes([point(108.05, 14.05)]), 's.geojson', 'sites', {
      vn2000Meridian: 108.5,
      crsScope: 'undeclared-metres',
    });
    expect(r.crs).toBe('WGS 84');
    expect(r.items[0]).toMatchObject({ lon: 108.05, lat: 14.05 });
  });
  it('an unknown GeoJSON crs member is refused', async () => {
    const crs = { type: 'name', properties: { name: 'EPSG:2154' } };
    await expect(
      importFile(fcBytes([point(500_000, 1_500_000)], { crs }), 's.geojson', 'sites'),
    ).rejects.toThrowError(/EPSG:2154 is not a coordinate system Vùng Phủ converts/);
  });
  it('a fiber CSV in VN-2000 metres has its WKT converted', async () => {
    const csv = 'id,operator,medium,wkt\nF1,VNPT,fiber,"LINESTRING (445793.68 1548361.76, 456600 1548400)"\n';
    const r = await importFile(enc(csv), 'f.csv', 'fiber', { vn2000Meridian: 108.5 });
    const line = r.items[0]!.geometry.coordinates as number[][];
    expect(line[0]![0]).toBeCloseTo(108.0, 6);
    expect(line[0]![1]).toBeCloseTo(14.0, 6);
    expect(line[1]![0]).toBeGreaterThan(108.09);
  });
});

describe('swapped latitude and longitude', () => {
  it('boundaries are checked against Vietnam: a swapped commune is swapped back with a warning', async () => {
    const swapped = square(14.0, 108.0); // [lat, lon] pairs
    const r = await importFile(
      fcBytes([
        {
          type: 'Feature',
          properties: { id: 'A', name: 'A', population: 1 },
          geometry: { type: 'Polygon', coordinates: square(108.5, 14.0) }, // not the same ground as B
        },
        {
          type: 'Feature',
          properties: { id: 'B', name: 'B', population: 1 },
          geometry: { type: 'Polygon', coordinates: swapped },
        },
      ]),
      'b.geojson',
      'boundaries',
    );
    expect(r.swapped).toBe(1);
    expect(r.items[1]!.geometry.coordinates[0]![0]).toEqual([108.0, 14.0]);
    expect(r.issues[0]!.message).toMatch(/^1 of 2 features had latitude and longitude swapped/);
  });
  it('a point just outside the communes is not mistaken for a swapped one', async () => {
    const communes = (
      await importFile(
        fcBytes([
          {
            type: 'Feature',
            properties: { id: 'A', name: 'A', population: 1 },
            geometry: { type: 'Polygon', coordinates: square(108.0, 14.0) },
          },
        ]),
        'b.geojson',
        'boundaries',
      )
    ).items;
    const r = await importFile(
      enc('id,lon,lat,technology,operator\nS1,108.3,14.3,4G,Viettel\n'),
      's.csv',
      'sites',
      {
        reference: communes,
      },
    );
    expect(r.swapped).toBe(0);
    expect(r.issues).toEqual([]);
  });
});

describe('polygon repair', () => {
  it('a bow-tie becomes two valid triangles of the same total area', async () => {
    const bow = [
      [
        [108.0, 14.0],
        [108.2, 14.2],
        [108.2, 14.0],
        [108.0, 14.2],
        [108.0, 14.0],
      ],
    ];
    const r = await importFile(
      fcBytes([
        {
          type: 'Feature',
          properties: { id: 'A', name: 'Xã A', population: 1 },
          geometry: { type: 'Polygon', coordinates: bow },
        },
      ]),
      'b.geojson',
      'boundaries',
    );
    const g = r.items[0]!.geometry;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
    expect(r.repaired).toBe(1);
  });
  // How fast: `npm run bench` (bench/import_speed.ts).
  it('a scribble with more than 1,000 crossings is rejected with its own message', async () => {
    let s = 1;
    const rnd = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const ring = Array.from({ length: 2000 }, () => [108 + rnd() * 0.1, 14 + rnd() * 0.1]);
    ring.push(ring[0]!);
    const r = await importFile(
      fcBytes([
        {
          type: 'Feature',
          properties: { id: 'A', name: 'A', population: 1 },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
        {
          type: 'Feature',
          properties: { id: 'B', name: 'B', population: 1 },
          geometry: { type: 'Polygon', coordinates: square(108, 14) },
        },
      ]),
      'b.geojson',
      'boundaries',
    );
    expect(r.items.map((c) => c.id)).toEqual(['B']);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'error', path: 'features[0].geometry' });
    expect(r.issues[0]!.message).toMatch(/crosses itself .* more than 1000 times, too often to repair/);
  });
});

describe('rejected rows CSV', () => {
  it('one line per rejected record with all its reasons and original values; formulas neutralised', () => {
    const issues = deepFreeze<RecordIssue[]>([
      {
        file: 'a.csv',
        path: 'rows[3].id',
        row: 3,
        field: 'id',
        message: 'duplicate id "=1+1"',
        severity: 'error' as const,
        record: { id: '=1+1', lon: '108' },
      },
      {
        file: 'a.csv',
        path: 'rows[3].lon',
        row: 3,
        field: 'lon',
        message: 'bad lon',
        severity: 'error' as const,
      },
      { file: 'a.csv', path: '', message: 'swapped back', severity: 'warning' as const },
      {
        file: 'b.geojson',
        path: 'features[2].geometry',
        field: 'geometry',
        message: 'missing geometry',
        severity: 'error' as const,
        record: { name: '@x' },
      },
    ]);
    const csv = rejectedRowsCsv(issues);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'file,row,feature,fields,problems,id,lon,name',
      `a.csv,3,,"id; lon","id: duplicate id ""=1+1"" | lon: bad lon",'=1+1,108,`,
      "b.geojson,,2,geometry,geometry: missing geometry,,,'@x",
    ]);
  });
});

describe('worker-callable import', () => {
  it('answers with plain data that survives postMessage: a result, a user error or a bug', async () => {
    const ok = await runImport({
      bytes: enc('id,lon,lat,technology,operator\nS1,108,14,4G,VNPT\n').buffer,
      fileName: 's.csv',
      kind: 'sites',
    });
    expect(ok.ok).toBe(true);
    expect(structuredClone(ok)).toEqual(ok);
    const bad = await runImport({ bytes: enc('{"type":'), fileName: 's.geojson', kind: 'sites' });
    expect(bad).toEqual({
      ok: false,
      error: { kind: 'user', message: expect.stringMatching(/^s\.geojson: not valid JSON/), issues: [] },
    });
    const bug = await runImport({ bytes: enc('x'), fileName: 's.csv', kind: 'nonsense' as 'sites' });
    expect(bug).toMatchObject({ ok: false, error: { kind: 'bug' } });
  });
});
