import { UserError } from '../../core/base/errors.ts';
import { readDbf } from './dbf_read.ts';
import type { IssueList } from './geojson_input.ts';
import type { PlainFeatureCollection } from './kml_read.ts';
import { readZip } from './zip_read.ts';

type Ring = number[][];
type Geometry = { type: string; coordinates: unknown };

/** Twice the signed area of a ring (shoelace); positive counter-clockwise, negative clockwise. */
function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  }
  return a;
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Groups shapefile rings into polygons: clockwise rings are outer rings, counter-clockwise rings are
 * holes of the outer ring that contains them (a hole inside none becomes an outer ring). Rings are
 * re-oriented to GeoJSON's right-hand rule (outer counter-clockwise).
 */
function polygonsOf(rings: Ring[]): Ring[][] {
  const outers: Ring[][] = [];
  const holes: Ring[] = [];
  for (const r of rings) {
    if (r.length === 0) continue;
    if (signedArea(r) < 0) outers.push([[...r].reverse()]);
    else holes.push(r);
  }
  for (const h of holes) {
    const [x, y] = h[0] as [number, number];
    const owner = outers.find((p) => inRing(x, y, p[0]!));
    if (owner) owner.push([...h].reverse());
    else outers.push([h]);
  }
  return outers;
}

/** A corrupt shape record (caught per record; never leaves this module). */
class ShapeError extends Error {}

/** Reads one shape record's geometry (null shape → null); throws a ShapeError when it is corrupt. */
function shapeOf(view: DataView, start: number, length: number): Geometry | null {
  if (length < 4) throw new ShapeError('the record is too short');
  const type = view.getInt32(start, true);
  const base = type % 10; // 1x: Z, 2x: M variants carry the same x/y layout first
  const need = (n: number) => {
    if (n > length) throw new ShapeError(`the record needs ${n} bytes but holds ${length}`);
  };
  if (type === 0) return null;
  if (base === 1 && type <= 21) {
    need(20);
    return {
      type: 'Point',
      coordinates: [view.getFloat64(start + 4, true), view.getFloat64(start + 12, true)],
    };
  }
  if (base === 8 && type <= 28) {
    need(40);
    const n = view.getInt32(start + 36, true);
    if (n < 0) throw new ShapeError('a negative point count');
    need(40 + 16 * n);
    const pts: number[][] = [];
    for (let k = 0; k < n; k++) {
      const p = start + 40 + 16 * k;
      pts.push([view.getFloat64(p, true), view.getFloat64(p + 8, true)]);
    }
    return pts.length === 1
      ? { type: 'Point', coordinates: pts[0] }
      : { type: 'MultiPoint', coordinates: pts };
  }
  if ((base === 3 || base === 5) && type <= 25) {
    need(44);
    const numParts = view.getInt32(start + 36, true);
    const numPoints = view.getInt32(start + 40, true);
    if (numParts < 0 || numPoints < 0) throw new ShapeError('a negative part or point count');
    need(44 + 4 * numParts + 16 * numPoints);
    const pointsAt = start + 44 + 4 * numParts;
    const parts: Ring[] = [];
    for (let k = 0; k < numParts; k++) {
      const from = view.getInt32(start + 44 + 4 * k, true);
      const to = k + 1 < numParts ? view.getInt32(start + 48 + 4 * k, true) : numPoints;
      if (from < 0 || to > numPoints || from > to) throw new ShapeError('a part index is out of range');
      const ring: Ring = [];
      for (let q = from; q < to; q++) {
        const p = pointsAt + 16 * q;
        ring.push([view.getFloat64(p, true), view.getFloat64(p + 8, true)]);
      }
      parts.push(ring);
    }
    if (base === 3) {
      return parts.length === 1
        ? { type: 'LineString', coordinates: parts[0] }
        : { type: 'MultiLineString', coordinates: parts };
    }
    const polygons = polygonsOf(parts);
    return polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0] }
      : { type: 'MultiPolygon', coordinates: polygons };
  }
  throw new ShapeError(`shape type ${type} is not supported (points, lines and polygons are)`);
}

/** Finds the entry with this base name and extension, whatever the case of the extension. */
function sibling(entries: Map<string, Uint8Array>, base: string, ext: string): Uint8Array | null {
  for (const [name, bytes] of entries)
    if (name.toLowerCase() === `${base}.${ext}`.toLowerCase()) return bytes;
  return null;
}

/**
 * Reads a zipped shapefile (.shp with its .dbf, and .prj/.cpg/.shx when present) as GeoJSON features,
 * with the .prj text for the coordinate system. Corrupt shape records become features without a
 * geometry, with a warning naming the record; the .shx index is not needed (records are read in order).
 */
export function shapefileFeatures(
  bytes: Uint8Array,
  file: string,
  issues: IssueList,
): { collection: PlainFeatureCollection; prj: string | null } {
  const entries = readZip(bytes, file);
  const shps = [...entries.keys()].filter((n) => /\.shp$/i.test(n)).sort();
  const shpName = shps[0];
  if (!shpName) {
    throw new UserError(
      `${file}: the zip holds no .shp file; a shapefile must be zipped with its .shp, .shx, .dbf and .prj.`,
    );
  }
  if (shps.length > 1)
    issues.warn('', `the zip holds ${shps.length} shapefiles (${shps.join(', ')}); only ${shpName} was read`);
  const base = shpName.slice(0, -4);
  const shp = entries.get(shpName)!;
  const dbfBytes = sibling(entries, base, 'dbf');
  if (!dbfBytes) throw new UserError(`${file}: ${base}.dbf is missing; the attributes live in it.`);
  const prjBytes = sibling(entries, base, 'prj');
  const cpgBytes = sibling(entries, base, 'cpg');
  if (!sibling(entries, base, 'shx'))
    issues.warn('', `${base}.shx is missing (not needed: records are read in order)`);
  const decode = (b: Uint8Array | null) => (b ? new TextDecoder('utf-8').decode(b) : null);
  const dbf = readDbf(dbfBytes, `${file}: ${base}.dbf`, decode(cpgBytes));
  if (dbf.missing > 0)
    issues.warn('', `${base}.dbf is shorter than its header says: ${dbf.missing} record(s) are missing`);

  if (shp.length < 100) throw new UserError(`${file}: ${shpName} is too short to be a shapefile.`);
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994)
    throw new UserError(`${file}: ${shpName} is not a shapefile (bad file code).`);
  const geometries: (Geometry | null)[] = [];
  const broken = new Map<number, string>();
  for (let p = 100; p + 8 <= shp.length; ) {
    const length = view.getInt32(p + 4, false) * 2;
    const start = p + 8;
    const index = geometries.length;
    if (length < 0 || start + length > shp.length) {
      broken.set(index, 'the record runs past the end of the file');
      geometries.push(null);
      break;
    }
    try {
      geometries.push(shapeOf(view, start, length));
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      broken.set(index, e.message);
      geometries.push(null);
    }
    p = start + length;
  }
  if (geometries.length !== dbf.records.length) {
    issues.warn(
      '',
      `${shpName} has ${geometries.length} shape(s) but ${base}.dbf has ${dbf.records.length} record(s); only the first ${Math.min(geometries.length, dbf.records.length)} were paired`,
    );
  }
  const features: PlainFeatureCollection['features'] = [];
  const n = Math.min(geometries.length, dbf.records.length);
  for (let k = 0; k < n; k++) {
    const rec = dbf.records[k];
    if (rec === null) continue; // deleted in the .dbf
    const reason = broken.get(k);
    if (reason)
      issues.warn(`features[${features.length}].geometry`, `shape record ${k + 1} is corrupt: ${reason}`, {
        field: 'geometry',
      });
    features.push({ type: 'Feature', geometry: geometries[k] ?? null, properties: { ...rec } });
  }
  return { collection: { type: 'FeatureCollection', features }, prj: decode(prjBytes) };
}
