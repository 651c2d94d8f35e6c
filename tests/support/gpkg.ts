/**
 * GeoPackages built in a test, independent of the app's own GeoPackage writer: sql.js for the SQLite
 * file, the minimal GeoPackage 1.2 tables, and geometry blobs made by hand (the "GP" header, then
 * ISO WKB, little-endian).
 */
import type { SqlJsStatic } from 'sql.js';

export type Ring = number[][];
/** ISO WKB, little-endian: type code (+1000 with Z), then counts and doubles. */
export function wkb(type: number, body: (w: Writer) => void): Uint8Array {
  const w = new Writer();
  w.u8(1);
  w.u32(type);
  body(w);
  return w.bytes();
}
class Writer {
  private parts: number[] = [];
  private view = new DataView(new ArrayBuffer(8));
  u8(v: number) {
    this.parts.push(v);
  }
  u32(v: number) {
    this.view.setUint32(0, v, true);
    for (let i = 0; i < 4; i++) this.parts.push(this.view.getUint8(i));
  }
  f64(v: number) {
    this.view.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.parts.push(this.view.getUint8(i));
  }
  raw(b: Uint8Array) {
    for (const x of b) this.parts.push(x);
  }
  bytes() {
    return Uint8Array.from(this.parts);
  }
}
const rings = (w: Writer, rs: Ring[]) => {
  w.u32(rs.length);
  for (const r of rs) {
    w.u32(r.length);
    for (const p of r) for (const c of p) w.f64(c);
  }
};
export const polygonWkb = (rs: Ring[], z = false) => wkb(z ? 1003 : 3, (w) => rings(w, rs));
export const multiPolygonWkb = (polys: Ring[][], z = false) =>
  wkb(z ? 1006 : 6, (w) => {
    w.u32(polys.length);
    for (const p of polys) w.raw(polygonWkb(p, z));
  });
export const pointWkb = (x: number, y: number) =>
  wkb(1, (w) => {
    w.f64(x);
    w.f64(y);
  });
/** The GeoPackage blob: "GP", version 0, flags (little-endian, no envelope), srs_id, then the WKB. */
export function gp(body: Uint8Array, srsId = 4326): Uint8Array {
  const head = new DataView(new ArrayBuffer(8));
  head.setUint8(0, 0x47);
  head.setUint8(1, 0x50);
  head.setUint8(2, 0);
  head.setUint8(3, 0b0000_0001);
  head.setInt32(4, srsId, true);
  const out = new Uint8Array(8 + body.length);
  out.set(new Uint8Array(head.buffer), 0);
  out.set(body, 8);
  return out;
}

interface Layer {
  name: string;
  type: string;
  srsId?: number;
  rows: { fid: number; geom: Uint8Array | null; name?: string }[];
}

/** A minimal GeoPackage 1.2 with the given feature layers (SRS 4326 and the two undefined ones). */
export function geoPackage(
  SQL: SqlJsStatic,
  layers: Layer[],
  extraSrs?: { id: number; org: string; code: number; wkt: string },
): Uint8Array {
  const db = new SQL.Database();
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
  CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT,
    description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
  CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
  INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL);
  INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
  INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', NULL);`);
  if (extraSrs)
    db.run('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)', [
      'extra',
      extraSrs.id,
      extraSrs.org,
      extraSrs.code,
      extraSrs.wkt,
    ]);
  for (const l of layers) {
    db.run(`CREATE TABLE "${l.name}" (fid INTEGER PRIMARY KEY, geom BLOB, name TEXT)`);
    db.run("INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES (?, 'features', ?)", [
      l.name,
      l.srsId ?? 4326,
    ]);
    db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)", [
      l.name,
      l.type,
      l.srsId ?? 4326,
    ]);
    for (const r of l.rows)
      db.run(`INSERT INTO "${l.name}" VALUES (?, ?, ?)`, [r.fid, r.geom, r.name ?? null]);
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A closed square ring, d degrees half-width, around (lon, lat). */
export const square = (lon: number, lat: number, d: number): Ring => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
export const withZ = (r: Ring): Ring => r.map(([x, y]) => [x!, y!, 700]);
