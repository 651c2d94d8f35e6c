import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { UserError } from '../../core/base/errors.ts';
import type { IssueList } from './geojson_input.ts';
import type { PlainFeatureCollection } from './kml_read.ts';
import type { LooseGeometry } from './positions.ts';

/** The first 16 bytes of every SQLite 3 database (a GeoPackage is one). */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** True when the bytes start as an SQLite 3 database does. */
export function looksLikeSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 16; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Geometry types (gpkg_geometry_columns) whose features can be polygons. */
const POLYGON_TYPES = new Set([
  'POLYGON',
  'MULTIPOLYGON',
  'CURVEPOLYGON',
  'MULTISURFACE',
  'SURFACE',
  'GEOMETRY',
]);

/** One feature table of a GeoPackage. */
export interface GpkgLayer {
  name: string;
  geometryColumn: string;
  /** As gpkg_geometry_columns names it: POLYGON, MULTIPOLYGON, POINT, GEOMETRY… */
  geometryType: string;
  srsId: number;
}

/** A GeoPackage feature layer read as GeoJSON-shaped features, with its coordinate system. */
export interface GpkgRead {
  collection: PlainFeatureCollection;
  /** The layer read. */
  layer: GpkgLayer;
  /** Every feature layer of the file. */
  layers: GpkgLayer[];
  /** The layer's coordinate system as WKT, or null when the file leaves it undefined (srs_id 0 or -1). */
  wkt: string | null;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    const out: Record<string, SqlValue>[] = [];
    while (st.step()) out.push(st.getAsObject());
    return out;
  } finally {
    st.free();
  }
}

const layerList = (ls: readonly GpkgLayer[]) => ls.map((l) => `${l.name} (${l.geometryType})`).join(', ');

/**
 * Reads one polygon feature layer of an OGC GeoPackage (an SQLite file) with sql.js: `layer` by name,
 * else the file's only polygon layer, else the first of several (named in a warning with the others).
 * Each row becomes a feature: its geometry decoded from the GeoPackage blob (standard or ISO WKB,
 * Z and M dropped), its other columns as properties, `fid` among them. A row whose geometry cannot be
 * decoded keeps a null geometry and a warning naming it, so the validator reports it by feature.
 */
export function gpkgFeatures(
  bytes: Uint8Array,
  file: string,
  SQL: SqlJsStatic,
  issues: IssueList,
  what: { layer?: string; kind: string },
): GpkgRead {
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (e) {
    throw new UserError(
      `${file}: not a readable GeoPackage (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  try {
    let layers: GpkgLayer[];
    try {
      layers = rows(
        db,
        `SELECT c.table_name AS name, g.column_name AS col, g.geometry_type_name AS type, g.srs_id AS srs
         FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
         WHERE c.data_type = 'features' ORDER BY c.rowid`,
      ).map((r) => ({
        name: String(r.name),
        geometryColumn: String(r.col),
        geometryType: String(r.type).toUpperCase(),
        srsId: Number(r.srs),
      }));
    } catch {
      throw new UserError(
        `${file}: an SQLite file without the GeoPackage tables (gpkg_contents, gpkg_geometry_columns); save it as a GeoPackage.`,
      );
    }
    if (layers.length === 0) throw new UserError(`${file}: the GeoPackage has no feature layer.`);
    const polygons = layers.filter((l) => POLYGON_TYPES.has(l.geometryType));
    let layer: GpkgLayer | undefined;
    if (what.layer !== undefined) {
      layer = layers.find((l) => l.name === what.layer);
      if (!layer)
        throw new UserError(
          `${file}: no layer "${what.layer}" in the GeoPackage; its layers are ${layerList(layers)}.`,
        );
    } else {
      layer = polygons[0];
      if (!layer)
        throw new UserError(
          `${file}: ${what.kind} need polygons, and the GeoPackage has no polygon layer (${layerList(layers)}).`,
        );
      if (layers.length > 1)
        issues.warn(
          '',
          `the GeoPackage has ${layers.length} layers (${layerList(layers)}); read "${layer.name}"${
            polygons.length > 1 ? ', the first polygon layer; name another with the layer option' : ''
          }`,
        );
    }
    const srs = rows(
      db,
      'SELECT organization AS org, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
      [layer.srsId],
    )[0];
    const definition = srs ? String(srs.definition) : '';
    const wgs84 = srs !== undefined && String(srs.org).toUpperCase() === 'EPSG' && Number(srs.code) === 4326;
    // WGS 84 (EPSG:4326) is read as it is; srs_id 0 and -1 are "undefined" (degrees are then WGS 84).
    const wkt =
      !wgs84 && layer.srsId > 0 && definition !== 'undefined' && /^\s*[A-Z]/i.test(definition)
        ? definition
        : null;
    const features: PlainFeatureCollection['features'] = [];
    for (const r of rows(db, `SELECT * FROM ${q(layer.name)}`)) {
      const properties: Record<string, unknown> = {};
      let geometry: LooseGeometry | null = null;
      for (const [k, v] of Object.entries(r)) {
        if (k === layer.geometryColumn) {
          if (v instanceof Uint8Array) {
            try {
              geometry = gpkgGeometry(v);
            } catch (e) {
              issues.warn(
                `features[${features.length}].geometry`,
                `the geometry could not be decoded (${e instanceof Error ? e.message : String(e)})`,
              );
            }
          }
        } else Object.defineProperty(properties, k, { value: v, enumerable: true, writable: true });
      }
      features.push({ type: 'Feature', geometry, properties });
    }
    return { collection: { type: 'FeatureCollection', features }, layer, layers, wkt };
  } finally {
    db.close();
  }
}

/** A GeoPackage geometry blob ("GP", version, flags, srs_id, envelope, then WKB) as a GeoJSON geometry. */
function gpkgGeometry(blob: Uint8Array): LooseGeometry | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('no GP header');
  const flags = blob[3]!;
  if (flags & 0b1_0000) return null; // an empty geometry
  if (flags & 0b10_0000) throw new Error('an extended (non-standard) geometry type');
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0b111];
  if (envelope === undefined) throw new Error('an unknown envelope');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const reader = { view, at: 8 + envelope };
  return readWkb(reader, 0);
}

interface Reader {
  view: DataView;
  at: number;
}

const TYPES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'];

/** One WKB geometry (ISO or extended: Z and M read and dropped), as GeoJSON. */
function readWkb(r: Reader, depth: number): LooseGeometry {
  if (depth > 4) throw new Error('geometries nested too deep');
  const little = r.view.getUint8(r.at) === 1;
  const raw = r.view.getUint32(r.at + 1, little);
  r.at += 5;
  // ISO: 1000 Z, 2000 M, 3000 ZM; extended WKB: high flag bits (0x80000000 Z, 0x40000000 M, 0x20000000 SRID).
  let type = raw & 0x0fff_ffff;
  let dims = 2;
  if (raw & 0x8000_0000) dims++;
  if (raw & 0x4000_0000) dims++;
  if (raw & 0x2000_0000) r.at += 4;
  if (type >= 1000) {
    const iso = Math.floor(type / 1000);
    dims = iso === 3 ? 4 : 3;
    type %= 1000;
  }
  const u32 = () => {
    const v = r.view.getUint32(r.at, little);
    r.at += 4;
    return v;
  };
  // Each item takes at least `bytes`: a count beyond the blob is corrupt, not a huge allocation.
  const count = (n: number, bytes: number) => {
    if (n * bytes > r.view.byteLength - r.at) throw new Error('a count beyond the end of the geometry');
    return n;
  };
  const point = (): number[] => {
    const p = [r.view.getFloat64(r.at, little), r.view.getFloat64(r.at + 8, little)];
    r.at += 8 * dims;
    return p;
  };
  const line = () => Array.from({ length: count(u32(), 8 * dims) }, point);
  const polygon = () => Array.from({ length: count(u32(), 4) }, line);
  switch (type) {
    case 1:
      return { type: 'Point', coordinates: point() };
    case 2:
      return { type: 'LineString', coordinates: line() };
    case 3:
      return { type: 'Polygon', coordinates: polygon() };
    case 4:
    case 5:
    case 6: {
      const parts = Array.from({ length: count(u32(), 9) }, () => readWkb(r, depth + 1));
      return { type: TYPES[type]!, coordinates: parts.map((p) => p.coordinates) };
    }
    case 7:
      return {
        type: 'GeometryCollection',
        geometries: Array.from({ length: count(u32(), 9) }, () => readWkb(r, depth + 1)),
      };
    default:
      // Curves (CircularString, CurvePolygon, MultiSurface…): named, so the validator can say which.
      return { type: CURVES[type] ?? `WKB type ${type}` };
  }
}

const CURVES: Record<number, string> = {
  8: 'CircularString',
  9: 'CompoundCurve',
  10: 'CurvePolygon',
  11: 'MultiCurve',
  12: 'MultiSurface',
};
