/**
 * Writes the corpus of bad and awkward input files in tests/fixtures/bad/ (one file per problem; each
 * has a hand-written `<name>.expected.json` beside it, read by tests/unit/import_corpus.test.ts).
 *
 *   npx tsx scripts/make_bad_fixtures.ts
 *
 * Binary files (zip bomb, path traversal, XLSX, KMZ, shapefile zips, UTF-16, Windows-1258) are made here
 * so that they can be reviewed and regenerated; they stay a few KB each. The XLSX is written by ExcelJS,
 * a different implementation from our reader. Coordinates in VN-2000 metres are computed with proj4 from
 * the WGS 84 positions the tests expect back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import proj4 from 'proj4';
import { VN2000_TOWGS84, vn2000Tm3 } from '../src/io/import/crs.ts';
import { writeCellFixtures } from './bad_fixtures/cells.ts';
import { writeGeomFixtures } from './bad_fixtures/geom.ts';
import { writeRasterFixtures } from './bad_fixtures/raster.ts';
import { writeSpeedTestFixtures } from './bad_fixtures/speed_tests.ts';
import { writeTypeFixtures } from './bad_fixtures/types.ts';

const DIR = join(import.meta.dirname, '../tests/fixtures/bad');
mkdirSync(join(DIR, 'base'), { recursive: true });

const write = (name: string, data: string | Uint8Array) => writeFileSync(join(DIR, name), data);
/** Fixed zip timestamps, so the archives are byte-identical from run to run. */
const MTIME = new Date('2026-01-01T00:00:00Z');
const zip = (files: Record<string, Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime: MTIME }]])), {
    level: 9,
  });

const rect = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const fc = (features: unknown[], extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 1)}\n`;
const feature = (geometry: unknown, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry,
});

// ---- base inputs the CLI runs use next to the file under test --------------------------------------
write(
  'base/boundaries.geojson',
  fc([
    feature(
      { type: 'Polygon', coordinates: rect(108.0, 14.0, 108.1, 14.1) },
      { id: 'X1', name: 'Xã Thử Một', population: 1000, province: 'Tỉnh Thử' },
    ),
    feature(
      { type: 'Polygon', coordinates: rect(108.1, 14.0, 108.2, 14.1) },
      { id: 'X2', name: 'Xã Thử Hai', population: 2000, province: 'Tỉnh Thử' },
    ),
  ]),
);
write('base/sites.csv', 'id,lon,lat,technology,operator\nB1,108.05,14.05,4G,Viettel\n');

// ---- text problems ------------------------------------------------------------------------------------
write(
  'malformed_json.geojson',
  '{"type":"FeatureCollection","features":[\n {"type":"Feature","geometry":{"type":"Point","coordinates":[108.05,14.05]},\n  "properties":{"id":"S1","technology":"4G","operator":"Viettel",}}\n]}\n',
);
write(
  'malformed_csv.csv',
  'id,lon,lat,technology,operator\nS1,108.05,14.05,4G,Viettel\nS2,108.06,14.06,4G,"Viettel\nS3,108.07,14.07,4G,VNPT\n',
);
write(
  'wrong_geometry.geojson',
  fc([
    feature(
      {
        type: 'LineString',
        coordinates: [
          [108.0, 14.0],
          [108.1, 14.1],
        ],
      },
      { id: 'S1', technology: '4G', operator: 'Viettel' },
    ),
    feature(
      { type: 'Point', coordinates: [108.05, 14.05] },
      { id: 'S2', technology: '4G', operator: 'Viettel' },
    ),
  ]),
);
write(
  'empty_geometry.geojson',
  fc([
    feature({ type: 'Polygon', coordinates: [] }, { id: 'E1', name: 'Xã Rỗng', population: 10 }),
    feature(null, { id: 'E2', name: 'Xã Không Hình', population: 10 }),
    feature(
      { type: 'Polygon', coordinates: rect(108.0, 14.0, 108.1, 14.1) },
      { id: 'E3', name: 'Xã Đủ', population: 10 },
    ),
  ]),
);
write(
  'self_intersecting.geojson',
  fc([
    feature(
      {
        type: 'Polygon',
        coordinates: [
          [
            [108.0, 14.0],
            [108.1, 14.1],
            [108.1, 14.0],
            [108.0, 14.1],
            [108.0, 14.0],
          ],
        ],
      },
      { id: 'K1', name: 'Xã Nơ', population: 500 },
    ),
    feature(
      {
        type: 'Polygon',
        coordinates: [
          [
            [108.1, 14.0],
            [108.2, 14.0],
            [108.2, 14.1],
            [108.1, 14.1],
          ],
        ],
      },
      { id: 'K2', name: 'Xã Hở', population: 700 },
    ),
    feature(
      { type: 'Polygon', coordinates: rect(108.2, 14.0, 108.3, 14.1) },
      { id: 'K3', name: 'Xã Lành', population: 900 },
    ),
  ]),
);
write(
  'out_of_range.csv',
  'id,lon,lat,technology,operator\nS1,200,14.05,4G,Viettel\nS2,108.05,-95,4G,Viettel\nS3,108.05,14.05,4G,Viettel\n',
);
write(
  'swapped_latlon.csv',
  'id,lon,lat,technology,operator\nS1,14.05,108.05,4G,Viettel\nS2,14.06,108.15,4G,VNPT\nS3,14.02,108.12,5G,MobiFone\nS4,108.08,14.08,4G,Viettel\n',
);
write(
  'duplicate_ids.csv',
  'id,lon,lat,type,staffed,internet,online_public_services,name\nP1,108.05,14.05,bưu cục cấp III,có,có,có,Bưu cục A\nP2,108.15,14.05,điểm BĐVHX,có,không,không,Điểm B\nP1,108.06,14.06,đại lý,không,không,không,Đại lý C\n',
);
write('missing_column.csv', 'id,lon,lat,technology\nS1,108.05,14.05,4G\n');
write(
  'missing_values.geojson',
  fc([
    feature({ type: 'Point', coordinates: [108.05, 14.05] }, { id: 'V1', name: 'Thôn Một', population: 120 }),
    feature({ type: 'Point', coordinates: [108.06, 14.06] }, { id: 'V2', name: 'Thôn Hai' }),
    feature({ type: 'Point', coordinates: [108.07, 14.07] }, { id: 'V3', name: 'Thôn Ba', population: '' }),
  ]),
);
write(
  'tech_spellings.csv',
  'id,lon,lat,technology,operator\nS1,108.01,14.01,5g,Viettel\nS2,108.02,14.02,NR,Viettel\nS3,108.03,14.03,LTE,VNPT\nS4,108.04,14.04,4G LTE,VNPT\nS5,108.05,14.05,GSM;WCDMA,MobiFone\nS6,108.06,14.06,6G,MobiFone\n',
);
write(
  'nfd_text.csv',
  `id,name,lon,lat,population\n${['Làng Đắk Pơ', 'Bon Bu Prăng', 'Thôn Ia Kênh']
    .map((n, i) => `V${i + 1},${n.normalize('NFD')},108.0${i + 1},14.0${i + 1},${100 * (i + 1)}`)
    .join('\n')}\n`,
);
write(
  'bom.csv',
  '\uFEFFid,lon,lat,technology,operator\nS1,108.05,14.05,4G,Viettel\nS2,108.15,14.05,5G,VNPT\n',
);
write(
  'semicolon.csv',
  'id;lon;lat;type;staffed;internet;online_public_services;name\nP1;108.05;14.05;bưu cục cấp II;có;có;có;Bưu cục Chư Sê\nP2;108.15;14.05;ki ốt;không;không;không;"Ki ốt; chợ"\n',
);
write(
  'tab.tsv',
  'id\tname\tlon\tlat\tpopulation\thas_grid_power\nV1\tThôn Một\t108.05\t14.05\t300\tcó\nV2\tThôn Hai\t108.15\t14.05\t200\tkhông\n',
);
write(
  'decimal_comma.csv',
  'id;lon;lat;technology;operator;radius_m\nS1;108,05;14,05;4G;Viettel;1500,5\nS2;108,15;14,05;5G;VNPT;\n',
);

/** UTF-16 LE with a BOM, tab-separated: what Excel writes as "Unicode Text". */
function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}
write(
  'utf16.csv',
  utf16le(
    'id\tlon\tlat\ttechnology\toperator\r\nS1\t108.05\t14.05\t4G\tViettel\r\nS2\t108.15\t14.05\t5G\tMobiFone Đắk Nông\r\n',
  ),
);

/** Windows-1258: base letters with tone marks as separate combining characters, as Windows writes them. */
function windows1258(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(new Uint8Array([b]));
    if (!table.has(ch)) table.set(ch, b);
  }
  const out: number[] = [];
  // Decompose, then recompose the vowels Windows-1258 has precomposed (ă â ê ô ơ ư đ), leaving the tones.
  const chars = [...text.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const pair = (chars[i] ?? '') + (chars[i + 1] ?? '');
    const composed = pair.normalize('NFC');
    if (composed.length === 1 && table.has(composed)) {
      out.push(table.get(composed)!);
      i++;
    } else {
      const b = table.get(chars[i]!);
      if (b === undefined) throw new Error(`not in Windows-1258: ${chars[i]}`);
      out.push(b);
    }
  }
  return new Uint8Array(out);
}
write(
  'windows1258.csv',
  windows1258(
    'id,name,lon,lat,population\nV1,Làng Đắk Pơ,108.05,14.05,120\nV2,Thôn Ia Kênh,108.15,14.05,80\n',
  ),
);

write(
  'formula_injection.csv',
  'id,lon,lat,technology,operator,name\n"=HYPERLINK(""http://x"",""y"")",108.05,14.05,4G,,<img src=x onerror=alert(1)>\nS2,108.15,14.05,4G,Viettel,Trạm <b>2</b>\n',
);
write('legacy.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
write(
  'malformed.kml',
  '<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<Placemark><name>A</name>\n</Document>\n</kml>\n',
);

// ---- projected VN-2000 --------------------------------------------------------------------------------
const toTm3 = proj4('WGS84', vn2000Tm3(108.5));
const toUtm48 = proj4(
  'WGS84',
  `+proj=utm +zone=48 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
);
const r2 = (v: number) => Math.round(v * 100) / 100;
const tm3 = (lon: number, lat: number) => toTm3.forward([lon, lat]).map(r2) as [number, number];
const [e1, n1] = tm3(108.05, 14.05);
const [e2, n2] = tm3(108.15, 14.05);
write('vn2000_no_prj.csv', `id,x,y,technology,operator\nS1,${e1},${n1},4G,Viettel\nS2,${e2},${n2},5G,VNPT\n`);
write(
  'vn2000_northing_first.csv',
  `id,X,Y,technology,operator\nS1,${n1},${e1},4G,Viettel\nS2,${n2},${e2},5G,VNPT\n`,
);
const utm = (lon: number, lat: number) => toUtm48.forward([lon, lat]).map(r2);
write(
  'vn2000_crs_member.geojson',
  fc(
    [
      feature(
        { type: 'Point', coordinates: utm(108.05, 14.05) },
        { id: 'S1', technology: '4G', operator: 'Viettel' },
      ),
      feature(
        { type: 'Point', coordinates: utm(108.15, 14.05) },
        { id: 'S2', technology: '5G', operator: 'VNPT' },
      ),
    ],
    { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } } },
  ),
);

// ---- shapefiles -----------------------------------------------------------------------------------------
type Field = { name: string; type: 'C' | 'N'; length: number; decimals?: number };

/** A dBase III table; text in UTF-8 (declared by a .cpg). */
function dbf(fields: Field[], rows: (string | number | null)[][]): Uint8Array {
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 3;
  out.set([126, 1, 1], 1);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    out.set(strToU8(f.name.toUpperCase()).subarray(0, 10), p);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let p = headerLength + r * recordLength;
    out[p++] = 0x20;
    fields.forEach((f, i) => {
      const v = row[i];
      const text = v === null || v === undefined ? '' : String(v);
      const bytes = strToU8(f.type === 'N' ? text.padStart(f.length) : text).subarray(0, f.length);
      out.fill(0x20, p, p + f.length);
      out.set(bytes, p);
      p += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** A polygon (type 5) or point (type 1) shapefile: .shp and .shx. Polygon rings must be clockwise outer. */
function shp(type: 1 | 5, shapes: number[][][]): { shp: Uint8Array; shx: Uint8Array } {
  const contents = shapes.map((parts) => {
    if (type === 1) {
      const b = new DataView(new ArrayBuffer(20));
      b.setInt32(0, 1, true);
      b.setFloat64(4, parts[0]![0]!, true);
      b.setFloat64(12, parts[0]![1]!, true);
      return new Uint8Array(b.buffer);
    }
    const rings = parts as unknown as number[][][];
    const points = rings.flat();
    const b = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    b.setInt32(0, 5, true);
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    for (const [i, v] of [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].entries()) {
      b.setFloat64(4 + 8 * i, v, true);
    }
    b.setInt32(36, rings.length, true);
    b.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((r, i) => {
      b.setInt32(44 + 4 * i, start, true);
      start += r.length;
    });
    points.forEach((p, i) => {
      b.setFloat64(44 + 4 * rings.length + 16 * i, p[0]!, true);
      b.setFloat64(52 + 4 * rings.length + 16 * i, p[1]!, true);
    });
    return new Uint8Array(b.buffer);
  });
  const header = (length: number) => {
    const h = new DataView(new ArrayBuffer(100));
    h.setInt32(0, 9994, false);
    h.setInt32(24, length / 2, false);
    h.setInt32(28, 1000, true);
    h.setInt32(32, type, true);
    return new Uint8Array(h.buffer);
  };
  const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shpOut = new Uint8Array(shpLength);
  const shxOut = new Uint8Array(100 + 8 * contents.length);
  shpOut.set(header(shpLength));
  shxOut.set(header(shxOut.length));
  const sv = new DataView(shpOut.buffer);
  const xv = new DataView(shxOut.buffer);
  let p = 100;
  contents.forEach((c, i) => {
    xv.setInt32(100 + 8 * i, p / 2, false);
    xv.setInt32(104 + 8 * i, c.length / 2, false);
    sv.setInt32(p, i + 1, false);
    sv.setInt32(p + 4, c.length / 2, false);
    shpOut.set(c, p + 8);
    p += 8 + c.length;
  });
  return { shp: shpOut, shx: shxOut };
}

const clockwise = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [w, n],
  [e, n],
  [e, s],
  [w, s],
];
const counterClockwise = (w: number, s: number, e: number, n: number) => clockwise(w, s, e, n).reverse();
const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
/** As ArcGIS and QGIS write a VN-2000 TM-3 108°30′ zone: ESRI WKT, no TOWGS84. */
const VN2000_PRJ =
  'PROJCS["VN_2000_TM_3_108_30",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.5],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const communeFields: Field[] = [
  { name: 'ma_xa', type: 'C', length: 8 },
  { name: 'ten', type: 'C', length: 40 },
  { name: 'population', type: 'N', length: 10 },
];
{
  // WGS 84, one commune with a hole, one without a population.
  const s = shp(5, [
    [clockwise(108.0, 14.0, 108.1, 14.1), counterClockwise(108.04, 14.04, 108.06, 14.06)] as never,
    [clockwise(108.1, 14.0, 108.2, 14.1)] as never,
    [clockwise(108.2, 14.0, 108.3, 14.1)] as never,
  ]);
  const d = dbf(communeFields, [
    ['G1', 'Xã Ia Kênh', 4200],
    ['G2', 'Xã Chư Á', null],
    ['G3', 'Phường Thống Nhất', 9100],
  ]);
  write(
    'shapefile.zip',
    zip({
      'xa/xa.shp': s.shp,
      'xa/xa.shx': s.shx,
      'xa/xa.dbf': d,
      'xa/xa.prj': strToU8(WGS84_PRJ),
      'xa/xa.cpg': strToU8('UTF-8'),
    }),
  );
  // The same with the third shape record corrupt.
  const broken = s.shp.slice();
  const third = new DataView(s.shx.buffer).getInt32(116, false) * 2; // record 3's offset, from the .shx
  new DataView(broken.buffer).setInt32(third + 8 + 36, 2, true); // numParts 2: the record is now too short
  write(
    'shapefile_corrupt_record.zip',
    zip({ 'xa.shp': broken, 'xa.shx': s.shx, 'xa.dbf': d, 'xa.prj': strToU8(WGS84_PRJ) }),
  );
}
{
  // VN-2000 TM-3 108°30′ metres, with and without the .prj.
  const ring = (w: number, s: number, e: number, n: number) =>
    clockwise(w, s, e, n).map(([lon, lat]) => tm3(lon!, lat!));
  const s = shp(5, [[ring(108.0, 14.0, 108.1, 14.1)] as never, [ring(108.1, 14.0, 108.2, 14.1)] as never]);
  const d = dbf(communeFields, [
    ['M1', 'Xã Ia Pếch', 3000],
    ['M2', 'Xã Ia Kha', 5000],
  ]);
  write(
    'vn2000_with_prj.zip',
    zip({
      'xa.shp': s.shp,
      'xa.shx': s.shx,
      'xa.dbf': d,
      'xa.prj': strToU8(VN2000_PRJ),
      'xa.cpg': strToU8('UTF-8'),
    }),
  );
  write(
    'vn2000_no_prj.zip',
    zip({ 'xa.shp': s.shp, 'xa.shx': s.shx, 'xa.dbf': d, 'xa.cpg': strToU8('UTF-8') }),
  );
}

// ---- KML / KMZ -------------------------------------------------------------------------------------------
const placemark = (props: Record<string, string>, geometry: string) =>
  `  <Placemark>\n    <name>${props.name ?? ''}</name>\n    <ExtendedData>\n${Object.entries(props)
    .filter(([k]) => k !== 'name')
    .map(([k, v]) => `      <Data name="${k}"><value>${v}</value></Data>`)
    .join('\n')}\n    </ExtendedData>\n    ${geometry}\n  </Placemark>`;
const kml = (placemarks: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<Folder><name>Điểm bưu chính</name>\n${placemarks.join('\n')}\n</Folder>\n</Document>\n</kml>\n`;
const postal = { type: 'bưu cục cấp III', staffed: 'có', internet: 'có', online_public_services: 'không' };
write(
  'postal.kml',
  kml([
    placemark(
      { id: 'P1', name: 'Bưu cục Ia Grai', ...postal },
      '<Point><coordinates>108.05,14.05,0</coordinates></Point>',
    ),
    placemark(
      { id: 'P2', name: 'Bưu cục &amp; Đại lý', ...postal },
      '<Point><coordinates>108.15,14.05</coordinates></Point>',
    ),
    placemark(
      { id: 'P3', name: 'Vùng phục vụ', ...postal },
      '<Polygon><outerBoundaryIs><LinearRing><coordinates>108,14 108.1,14 108.1,14.1 108,14</coordinates></LinearRing></outerBoundaryIs></Polygon>',
    ),
  ]),
);
write(
  'sites.kmz',
  zip({
    'doc.kml': strToU8(
      kml([
        placemark(
          { id: 'S1', name: 'Trạm 1', technology: '4G;5G', operator: 'Viettel' },
          '<Point><coordinates>108.05,14.05,0</coordinates></Point>',
        ),
        placemark(
          { id: 'S2', name: 'Trạm 2', technology: 'LTE', operator: 'VNPT' },
          '<Point><coordinates>108.15,14.05,0</coordinates></Point>',
        ),
      ]),
    ),
  }),
);

// ---- zip safety ----------------------------------------------------------------------------------------
// 8 MiB of zeros deflates to ~8 KB: a 1,000× expansion, refused by the ratio limit.
write('zip_bomb.zip', zip({ 'xa.shp': new Uint8Array(8 * 1024 * 1024) }));
write('zip_traversal.zip', zip({ 'xa.shp': new Uint8Array(100), '../../etc/xa.dbf': strToU8('owned') }));

// ---- XLSX (written by ExcelJS) ----------------------------------------------------------------------------
{
  const wb = new ExcelJS.Workbook();
  wb.created = MTIME;
  wb.modified = MTIME;
  const ws = wb.addWorksheet('Trạm');
  ws.addRow(['id', 'lon', 'lat', 'technology', 'operator', 'radius_m']);
  ws.addRow(['S1', 108.05, 14.05, '4G', 'Viettel', 1500]);
  ws.addRow(['S2', 108.15, 14.05, 'NR', 'MobiFone Đắk Nông', { formula: '1000+500', result: 1500 }]);
  ws.addRow(['S3', 108.1, 14.06, 'XG', 'VNPT', null]);
  ws.addRow([]);
  ws.addRow(['S5', 108.12, 14.07, '4G LTE', 'VNPT', null]);
  wb.addWorksheet('Ghi chú').addRow(['ignored: only the first sheet is read']);
  // Re-zipped with fixed timestamps (ExcelJS stamps the time of writing) so that the file is reproducible.
  write('sites.xlsx', zip(unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()))));
}
writeRasterFixtures(write); // issue 12, raster part: scripts/bad_fixtures/raster.ts
writeGeomFixtures(DIR);
writeTypeFixtures(DIR);
writeCellFixtures(DIR);
writeSpeedTestFixtures(DIR);
(await import('./bad_fixtures/fs.ts')).makeFsFixtures(DIR);
process.stdout.write(`wrote ${DIR}\n`);
