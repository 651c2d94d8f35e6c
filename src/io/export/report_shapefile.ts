import { strToU8, zipSync } from 'fflate';
import type { MultiPolygon, Position } from 'geojson';
import type { CoverageReport } from '../../core/report/report.ts';
import { toCsv } from '../formats/csv_write.ts';
import {
  bbox,
  type LayerGeometry,
  type ReportGeometry,
  type ReportLayer,
  reportLayers,
} from './report_features.ts';
import type { ReportLang } from './report_labels.ts';

const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** Twice the signed area of a ring (positive = counter-clockwise in lon/lat). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return s;
}

/** Shapefile rings: outer rings clockwise, holes counter-clockwise, each closed. */
function shpRings(g: MultiPolygon): Position[][] {
  const out: Position[][] = [];
  for (const poly of g.coordinates) {
    poly.forEach((ring, k) => {
      if (ring.length < 3) return;
      const closed =
        ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]
          ? ring
          : [...ring, ring[0]!];
      const ccw = signedArea2(closed) > 0;
      out.push((k === 0) === ccw ? [...closed].reverse() : closed);
    });
  }
  return out;
}

/** Shapefile shape types of the layer geometries: Point 1, PolyLine 3, Polygon 5. */
const SHAPE_TYPE = { Point: 1, MultiLineString: 3, MultiPolygon: 5 } as const;

/** One record's content: a Point, or a PolyLine / Polygon with its box, parts and points. */
function shapeContent(g: LayerGeometry | null): Uint8Array {
  if (!g) {
    const b = new DataView(new ArrayBuffer(4));
    b.setInt32(0, 0, true);
    return new Uint8Array(b.buffer);
  }
  if (g.type === 'Point') {
    const v = new DataView(new ArrayBuffer(20));
    v.setInt32(0, 1, true);
    v.setFloat64(4, g.coordinates[0]!, true);
    v.setFloat64(12, g.coordinates[1]!, true);
    return new Uint8Array(v.buffer);
  }
  const rings = g.type === 'MultiPolygon' ? shpRings(g) : g.coordinates.filter((l) => l.length >= 2);
  const nPoints = rings.reduce((s, r) => s + r.length, 0);
  const buf = new ArrayBuffer(44 + 4 * rings.length + 16 * nPoints);
  const v = new DataView(buf);
  const [x0, y0, x1, y1] = bbox([g]);
  v.setInt32(0, SHAPE_TYPE[g.type], true);
  v.setFloat64(4, x0, true);
  v.setFloat64(12, y0, true);
  v.setFloat64(20, x1, true);
  v.setFloat64(28, y1, true);
  v.setInt32(36, rings.length, true);
  v.setInt32(40, nPoints, true);
  let o = 44;
  let start = 0;
  for (const r of rings) {
    v.setInt32(o, start, true);
    o += 4;
    start += r.length;
  }
  for (const r of rings)
    for (const p of r) {
      v.setFloat64(o, p[0]!, true);
      v.setFloat64(o + 8, p[1]!, true);
      o += 16;
    }
  return new Uint8Array(buf);
}

/** The .shp and .shx of a layer of one shape type (a feature without geometry is a null shape). */
function shpShx(
  shapeType: number,
  geoms: readonly (LayerGeometry | null)[],
): { shp: Uint8Array; shx: Uint8Array } {
  const contents = geoms.map(shapeContent);
  const shpLen = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shxLen = 100 + 8 * contents.length;
  const shp = new Uint8Array(shpLen);
  const shx = new Uint8Array(shxLen);
  const box = bbox(geoms);
  const finite = box.every(Number.isFinite);
  for (const [out, len] of [
    [shp, shpLen],
    [shx, shxLen],
  ] as const) {
    const v = new DataView(out.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, len / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, shapeType, true);
    box.forEach((b, k) => {
      v.setFloat64(36 + 8 * k, finite ? b : 0, true);
    });
  }
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let o = 100;
  contents.forEach((c, i) => {
    xv.setInt32(100 + 8 * i, o / 2, false);
    xv.setInt32(104 + 8 * i, c.length / 2, false);
    sv.setInt32(o, i + 1, false);
    sv.setInt32(o + 4, c.length / 2, false);
    shp.set(c, o + 8);
    o += 8 + c.length;
  });
  return { shp, shx };
}

const encoder = new TextEncoder();

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function utf8Cut(s: string, max: number): Uint8Array {
  let b = encoder.encode(s);
  if (b.length <= max) return b;
  let cut = s;
  while (b.length > max) {
    cut = cut.slice(0, -1);
    b = encoder.encode(cut);
  }
  return b;
}

/**
 * The .dbf of a layer (dBase III, UTF-8 text as the .cpg says): text fields as wide as their longest
 * value (at most 254 bytes), integers as N(19,0), reals as N(19,4) — the precision of report.json.
 */
function dbf(layer: ReportLayer, date: Date): Uint8Array {
  const texts = layer.features.map((f) =>
    f.values.map((v, j) =>
      layer.fields[j]!.type === 'string' && v !== null ? utf8Cut(String(v), 254) : null,
    ),
  );
  const fields = layer.fields.map((f, j) => {
    if (f.type !== 'string')
      return { name: f.short, type: 'N', width: 19, decimals: f.type === 'integer' ? 0 : 4 };
    const w = texts.reduce((m, r) => Math.max(m, r[j]?.length ?? 0), 1);
    return { name: f.short, type: 'C', width: w, decimals: 0 };
  });
  const recordLen = 1 + fields.reduce((s, f) => s + f.width, 0);
  const headerLen = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLen + recordLen * layer.features.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = date.getUTCFullYear() - 1900;
  out[2] = date.getUTCMonth() + 1;
  out[3] = date.getUTCDate();
  v.setUint32(4, layer.features.length, true);
  v.setUint16(8, headerLen, true);
  v.setUint16(10, recordLen, true);
  fields.forEach((f, j) => {
    const o = 32 + 32 * j;
    out.set(encoder.encode(f.name.slice(0, 10)), o);
    out[o + 11] = f.type.charCodeAt(0);
    out[o + 16] = f.width;
    out[o + 17] = f.decimals;
  });
  out[headerLen - 1] = 0x0d;
  let o = headerLen;
  layer.features.forEach((feat, i) => {
    out[o] = 0x20;
    let p = o + 1;
    fields.forEach((f, j) => {
      out.fill(0x20, p, p + f.width);
      const val = feat.values[j];
      if (f.type === 'C') {
        const b = texts[i]![j];
        if (b) out.set(b, p);
      } else if (typeof val === 'number' && Number.isFinite(val)) {
        const s = val.toFixed(f.decimals).slice(0, f.width);
        out.set(encoder.encode(s), p + f.width - s.length);
      }
      p += f.width;
    });
    o += recordLen;
  });
  out[o] = 0x1a;
  return out;
}

/**
 * The report's layers as an ESRI Shapefile set in one zip: `communes`, `gaps` and (when given)
 * `postal_beyond_3km`, each .shp/.shx/.dbf/.prj (WGS84)/.cpg (UTF-8), plus `fields.csv` mapping the
 * 10-character DBF names to the full field names and their labels. Browser-safe: returns the bytes.
 */
export function reportShapefileZip(
  report: CoverageReport,
  geometry: ReportGeometry,
  lang: ReportLang = 'vi',
): Uint8Array {
  return layersShapefileZip(reportLayers(report, geometry, lang), new Date(report.generated_at));
}

/**
 * Any layers as an ESRI Shapefile set in one zip: per layer a .shp/.shx (Point, PolyLine or Polygon),
 * .dbf (dated `date`), .prj (WGS84) and .cpg (UTF-8), plus `fields.csv` (layer, DBF name, field, label).
 * The one Shapefile writer of the exports.
 */
export function layersShapefileZip(layers: readonly ReportLayer[], date: Date): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const mapping: string[][] = [];
  for (const layer of layers) {
    const { shp, shx } = shpShx(
      SHAPE_TYPE[layer.geometryType],
      layer.features.map((f) => f.geometry),
    );
    files[`${layer.name}.shp`] = shp;
    files[`${layer.name}.shx`] = shx;
    files[`${layer.name}.dbf`] = dbf(layer, Number.isNaN(date.getTime()) ? new Date(0) : date);
    files[`${layer.name}.prj`] = strToU8(WGS84_PRJ);
    files[`${layer.name}.cpg`] = strToU8('UTF-8');
    for (const f of layer.fields) mapping.push([layer.name, f.short, f.name, f.label]);
  }
  files['fields.csv'] = strToU8(toCsv(['layer', 'dbf_field', 'field', 'label'], mapping));
  return zipSync(files, { level: 6 });
}
