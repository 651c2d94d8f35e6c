import type { Position } from 'geojson';
import type { SqlJsStatic } from 'sql.js';
import type { CoverageReport } from '../../core/report/report.ts';
import {
  bbox,
  type LayerGeometry,
  type ReportGeometry,
  type ReportLayer,
  reportLayers,
} from './report_features.ts';
import type { ReportLang } from './report_labels.ts';
import { reportNote } from './report_note.ts';

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

/** WKB (little-endian) of a layer geometry: Point (1), MultiLineString (5) or MultiPolygon (6). */
function wkb(g: LayerGeometry): Uint8Array {
  const bytes: Uint8Array[] = [];
  const header = (type: number, n?: number) => {
    const b = new DataView(new ArrayBuffer(n === undefined ? 5 : 9));
    b.setUint8(0, 1);
    b.setUint32(1, type, true);
    if (n !== undefined) b.setUint32(5, n, true);
    bytes.push(new Uint8Array(b.buffer));
  };
  const points = (ps: readonly Position[], counted: boolean) => {
    const b = new DataView(new ArrayBuffer((counted ? 4 : 0) + 16 * ps.length));
    let o = 0;
    if (counted) {
      b.setUint32(0, ps.length, true);
      o = 4;
    }
    for (const p of ps) {
      b.setFloat64(o, p[0]!, true);
      b.setFloat64(o + 8, p[1]!, true);
      o += 16;
    }
    bytes.push(new Uint8Array(b.buffer));
  };
  switch (g.type) {
    case 'Point':
      header(1);
      points([g.coordinates], false);
      break;
    case 'MultiLineString':
      header(5, g.coordinates.length);
      for (const line of g.coordinates) {
        header(2);
        points(line, true);
      }
      break;
    case 'MultiPolygon':
      header(6, g.coordinates.length);
      for (const poly of g.coordinates) {
        header(3, poly.length);
        for (const ring of poly) points(ring, true);
      }
      break;
  }
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of bytes) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

/** A GeoPackage geometry blob: the `GP` header (little-endian, xy envelope, SRS 4326) then the WKB. */
function gpkgGeometry(g: LayerGeometry): Uint8Array {
  const body = wkb(g);
  const out = new Uint8Array(40 + body.length);
  const v = new DataView(out.buffer);
  v.setUint8(0, 0x47);
  v.setUint8(1, 0x50);
  v.setUint8(2, 0);
  v.setUint8(3, 0b0000_0011); // little-endian, envelope [minx, maxx, miny, maxy]
  v.setInt32(4, 4326, true);
  const [x0, y0, x1, y1] = bbox([g]);
  v.setFloat64(8, x0, true);
  v.setFloat64(16, x1, true);
  v.setFloat64(24, y0, true);
  v.setFloat64(32, y1, true);
  out.set(body, 40);
  return out;
}

/** GeoPackage geometry type names of the layer geometries. */
const GPKG_TYPE = {
  Point: 'POINT',
  MultiLineString: 'MULTILINESTRING',
  MultiPolygon: 'MULTIPOLYGON',
} as const;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The report's layers as an OGC GeoPackage 1.2 (SQLite): feature tables `communes` (every indicator),
 * `gaps` and `postal_beyond_3km` (when given), MultiPolygon in EPSG:4326, with column titles (labels
 * with units) in `gpkg_data_columns` (written by `layersGeoPackage`), and `reportNote` (synthetic
 * flag, modelled, the footprint note, run time) as every table's description in `gpkg_contents`. Takes an initialised sql.js (SQLite compiled to WebAssembly), so it
 * runs the same in Node and in the browser. Returns the file's bytes.
 */
export function reportGeoPackage(
  report: CoverageReport,
  geometry: ReportGeometry,
  SQL: SqlJsStatic,
  lang: ReportLang = 'vi',
): Uint8Array {
  return layersGeoPackage(reportLayers(report, geometry, lang), SQL, {
    description: reportNote(report, lang),
    lastChange: report.generated_at,
  });
}

/**
 * Any layers (one geometry type each: Point, MultiLineString or MultiPolygon, EPSG:4326) as an OGC
 * GeoPackage 1.2: one feature table per layer with its fields, the layer's `description` in
 * gpkg_contents and the field labels as column titles. The one GeoPackage writer of the exports.
 */
export function layersGeoPackage(
  layers: readonly ReportLayer[],
  SQL: SqlJsStatic,
  meta: { description: string; lastChange: string },
): Uint8Array {
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = 1196444487; PRAGMA user_version = 10200;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT,
  description TEXT, mime_type TEXT, constraint_name TEXT,
  CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
  CONSTRAINT gdc_tn UNIQUE (table_name, name));
CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL,
  value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
  CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
INSERT INTO gpkg_extensions VALUES ('gpkg_data_columns', NULL, 'gpkg_schema',
  'http://www.geopackage.org/spec121/#extension_schema', 'read-write');
INSERT INTO gpkg_extensions VALUES ('gpkg_data_column_constraints', NULL, 'gpkg_schema',
  'http://www.geopackage.org/spec121/#extension_schema', 'read-write');`);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run([
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    ]);
    srs.run([
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    ]);
    srs.run([
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      WGS84_WKT,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    ]);
    srs.free();

    for (const layer of layers) {
      const sqlType = { string: 'TEXT', integer: 'INTEGER', real: 'REAL' } as const;
      db.run(
        `CREATE TABLE ${q(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${GPKG_TYPE[layer.geometryType]}, ${layer.fields
          .map((f) => `${q(f.name)} ${sqlType[f.type]}`)
          .join(', ')})`,
      );
      const [x0, y0, x1, y1] = bbox(layer.features.map((f) => f.geometry));
      const finite = [x0, y0, x1, y1].every(Number.isFinite);
      db.run(
        'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 4326)',
        [
          layer.name,
          'features',
          layer.name,
          meta.description,
          meta.lastChange,
          finite ? x0 : null,
          finite ? y0 : null,
          finite ? x1 : null,
          finite ? y1 : null,
        ],
      );
      db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", [
        layer.name,
        GPKG_TYPE[layer.geometryType],
      ]);
      const cols = db.prepare(
        'INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (?, ?, ?, ?)',
      );
      for (const f of layer.fields) cols.run([layer.name, f.name, f.name, f.label]);
      cols.free();
      const ins = db.prepare(
        `INSERT INTO ${q(layer.name)} (geom, ${layer.fields.map((f) => q(f.name)).join(', ')}) VALUES (?, ${layer.fields
          .map(() => '?')
          .join(', ')})`,
      );
      db.run('BEGIN');
      for (const feat of layer.features) {
        ins.run([
          feat.geometry ? gpkgGeometry(feat.geometry) : null,
          ...feat.values.map((v) => (v === undefined ? null : v)),
        ]);
      }
      db.run('COMMIT');
      ins.free();
    }
    return db.export();
  } finally {
    db.close();
  }
}
