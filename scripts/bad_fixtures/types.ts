/**
 * Issue 12, type coercion / zip sizes / XML entities / CSV headers and row numbers: the corpus files
 * type_*, zip_lying_sizes.xlsx, zip_duplicate_entry.xlsx, xml_entity.kml, csv_dup_header.csv and
 * csv_quoted_newlines.csv in tests/fixtures/bad/ (their sidecars are written by hand beside them).
 * Called from scripts/make_bad_fixtures.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

const MTIME = new Date('2026-01-01T00:00:00Z');

const rect = (w: number, s: number) => [
  [
    [w, s],
    [w + 0.01, s],
    [w + 0.01, s + 0.01],
    [w, s + 0.01],
    [w, s],
  ],
];
const polygon = (i: number) => ({ type: 'Polygon', coordinates: rect(108 + i * 0.01, 14) });

/** A minimal XLSX (one sheet, inline strings) with `rows`; `pad` spaces of padding inside the sheet. */
export function minimalXlsx(rows: (string | number)[][], pad = 0): Record<string, Uint8Array> {
  const cell = (v: string | number, c: number, r: number) => {
    const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
    return typeof v === 'number'
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  };
  const sheet = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${' '.repeat(pad)}<sheetData>${rows
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, c, r)).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;
  return {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  };
}

const zip = (files: Record<string, Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime: MTIME }]])), {
    level: 9,
  });

/**
 * Rewrites the compressed size of entry `name` in both its local header and the central directory
 * (the lie a zip bomb tells to pass an expansion-ratio check on the headers).
 */
export function lieAboutCompressedSize(z: Uint8Array, name: string, claimed: number): Uint8Array {
  const out = z.slice();
  const view = new DataView(out.buffer);
  const target = strToU8(name);
  const matches = (at: number) => target.every((c, k) => out[at + k] === c);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === target.length && matches(i + 30))
      view.setUint32(i + 18, claimed, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === target.length && matches(i + 46))
      view.setUint32(i + 20, claimed, true);
  }
  return out;
}

/**
 * Two entries with the same name: fflate's zipSync keys by name, so the archive is built with two
 * distinct names of the same length and the second is renamed in place (local header and directory).
 */
export function duplicateEntry(files: Record<string, Uint8Array>, name: string, other: string): Uint8Array {
  const stand = `${name.slice(0, -1)}~`;
  const z = zip({ ...files, [stand]: other === '' ? new Uint8Array(0) : strToU8(other) });
  const from = strToU8(stand);
  const to = strToU8(name);
  for (let i = 0; i + from.length < z.length; i++) {
    if (from.every((c, k) => z[i + k] === c)) z.set(to, i);
  }
  return z;
}

export function writeTypeFixtures(dir: string): void {
  const write = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data);
  const fc = (features: unknown[]) => `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;

  // Boundaries: a population of every JSON type; only real numbers (and numeric text) pass.
  const pops: unknown[] = [
    1200,
    '',
    ' ',
    false,
    true,
    [7],
    '0x10',
    '2.5e3',
    '1,5',
    null,
    { n: 5 },
    'Infinity',
  ];
  write(
    'type_population.geojson',
    fc(
      pops.map((population, i) => ({
        type: 'Feature',
        properties: { id: `C${i}`, name: `Xã ${i}`, population },
        geometry: polygon(i),
      })),
    ),
  );

  // Boundaries: ids that are not text or numbers, and id/name/population only under "__proto__".
  write(
    'type_ids.geojson',
    `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"id":"C1","name":"Xã Một","population":100},"geometry":${JSON.stringify(polygon(0))}},
 {"type":"Feature","properties":{"id":{"a":1},"name":"Xã Hai","population":100},"geometry":${JSON.stringify(polygon(1))}},
 {"type":"Feature","properties":{"id":["C3"],"name":"Xã Ba","population":100},"geometry":${JSON.stringify(polygon(2))}},
 {"type":"Feature","properties":{"id":true,"name":"Xã Bốn","population":100},"geometry":${JSON.stringify(polygon(3))}},
 {"type":"Feature","properties":{"id":7,"name":"Xã Bảy","population":100},"geometry":${JSON.stringify(polygon(4))}},
 {"type":"Feature","properties":{"__proto__":{"id":"P1","name":"Xã Proto","population":5}},"geometry":${JSON.stringify(polygon(5))}}
]}
`,
  );

  // Sites CSV: hex, binary, octal, Infinity and blank coordinates; scientific notation and a decimal
  // comma are numbers; a "__proto__" column is a column like any other.
  write(
    'type_coords.csv',
    [
      'id;lon;lat;technology;operator;radius_m;__proto__',
      'S1;0x6C;14.05;4G;Viettel;;x',
      'S2;108.05;0b1110;4G;Viettel;;x',
      'S3;0o154;14.05;4G;Viettel;;x',
      'S4;Infinity;14.05;4G;Viettel;;x',
      'S5; ;14.05;4G;Viettel;;x',
      'S6;1.0805e2;14.05;4G;Viettel;;x',
      'S7;108,05;14,05;4G;Viettel;1,5;x',
      'S8;108.05;14.05;4G;Viettel;0x10;x',
      '',
    ].join('\n'),
  );

  // Sites GeoJSON: fields of the wrong JSON type.
  const site = (id: unknown, extra: Record<string, unknown>) => ({
    type: 'Feature',
    properties: { id, operator: 'Viettel', technology: '4G', ...extra },
    geometry: { type: 'Point', coordinates: [108.05, 14.05] },
  });
  write(
    'type_sites.geojson',
    fc([
      site('S1', { radius_m: 1500 }),
      site({ x: 1 }, {}),
      site('S3', { radius_m: true }),
      site('S4', { radius_m: [1500] }),
      site('S5', { radius_m: '0x10' }),
      site('S6', { operator: { name: 'Viettel' } }),
      site('S7', { radius_m: '' }),
      site(8, { height_m: false }),
    ]),
  );

  // KML postal points: a hex longitude and an empty latitude were read as 108 and 0.
  const placemark = (id: string, coordinates: string) =>
    `<Placemark><ExtendedData><Data name="id"><value>${id}</value></Data><Data name="type"><value>agent</value></Data><Data name="staffed"><value>yes</value></Data><Data name="internet"><value>yes</value></Data><Data name="online_public_services"><value>no</value></Data></ExtendedData><Point><coordinates>${coordinates}</coordinates></Point></Placemark>`;
  write(
    'type_kml_coords.kml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n${[
      placemark('P1', '0x6C,14.05'),
      placemark('P2', '108.05,'),
      placemark('P3', '108.05,14.05,0'),
    ].join('\n')}\n</Document></kml>\n`,
  );

  // Zip: the sheet inflates 2 MiB from ~2 KB (about 1,000×) but the headers claim 40 KB compressed.
  const rows = [
    ['id', 'lon', 'lat', 'technology', 'operator'],
    ['S1', 108.05, 14.05, '4G', 'Viettel'],
  ];
  const lying = lieAboutCompressedSize(
    zip(minimalXlsx(rows, 2 * 1024 * 1024)),
    'xl/worksheets/sheet1.xml',
    40_000,
  );
  write('zip_lying_sizes.xlsx', lying);
  // Zip: the sheet twice under one name (the second copy with other rows).
  const other = minimalXlsx([rows[0]!, ['S9', 108.15, 14.05, '4G', 'MobiFone']])['xl/worksheets/sheet1.xml']!;
  write(
    'zip_duplicate_entry.xlsx',
    duplicateEntry(minimalXlsx(rows), 'xl/worksheets/sheet1.xml', new TextDecoder().decode(other)),
  );

  // KML: a Placemark hidden in a DOCTYPE entity value (with "]>" inside it to end a naive skip early).
  write(
    'xml_entity.kml',
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE kml [
<!ENTITY hidden "]><Placemark><name>Hidden</name><ExtendedData><Data name='id'><value>H1</value></Data><Data name='population'><value>9</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>108.0,14.0 108.1,14.0 108.1,14.1 108.0,14.1 108.0,14.0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>">
]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Xã Thật</name><ExtendedData><Data name="id"><value>K1</value></Data><Data name="population"><value>100</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>108.1,14.0 108.2,14.0 108.2,14.1 108.1,14.1 108.1,14.0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>
`,
  );

  // CSV: two columns for one field ("lon" twice after the header is normalised: "lon" and "Longitude").
  write(
    'csv_dup_header.csv',
    'id,lon,lat,technology,operator,Longitude\nS1,108.05,14.05,4G,Viettel,\nS2,108.15,14.05,4G,Viettel,108.15\n',
  );

  // CSV: quoted fields with line breaks; the bad row is row 4 in Excel (line 7 of the file).
  write(
    'csv_quoted_newlines.csv',
    'id,lon,lat,technology,operator\nS1,108.05,14.05,4G,"Viettel\nChi nhánh\nĐắk Nông"\nS2,108.15,14.05,4G,"MobiFone\n(2)"\nS3,200,14.05,4G,VNPT\nS4,108.12,14.07,4G,VNPT\n',
  );
}
