/**
 * GeoTIFF population rasters of the bad-file corpus (issue 12, raster part), written byte by byte by
 * `buildTiff` (a little-endian classic TIFF, one strip, Float32 cells) so that a header can lie: a huge
 * declared size, a strip offset past the end, no georeferencing, metres without a CRS, and cells of
 * +Inf, 3.4e38, NaN and negative people. The good cells cover the corpus' base communes (108.0–108.2 E,
 * 14.0–14.1 N) with 0.05° cells.
 */

/** One TIFF tag: number, field type (2 ASCII, 3 SHORT, 4 LONG, 12 DOUBLE) and its values. */
export interface TiffTag {
  tag: number;
  type: 2 | 3 | 4 | 12;
  values: number[] | string;
}

export interface TiffSpec {
  width: number;
  height: number;
  /** Cell values, row by row (Float32); written as the one strip. */
  cells: number[];
  /** Georeferencing and other tags; the image tags are added unless `raw` is set. */
  tags?: TiffTag[];
  /** Overrides of the image tags (same tag number replaces), to make the header lie. */
  override?: TiffTag[];
}

const SIZE = { 2: 1, 3: 2, 4: 4, 12: 8 } as const;

/** A little-endian classic TIFF: header, cells, out-of-line tag values, then the directory. */
export function buildTiff(spec: TiffSpec): Uint8Array {
  const data = new Uint8Array(new Float32Array(spec.cells).buffer);
  const image: TiffTag[] = [
    { tag: 256, type: 4, values: [spec.width] },
    { tag: 257, type: 4, values: [spec.height] },
    { tag: 258, type: 3, values: [32] },
    { tag: 259, type: 3, values: [1] },
    { tag: 262, type: 3, values: [1] },
    { tag: 273, type: 4, values: [8] },
    { tag: 277, type: 3, values: [1] },
    { tag: 278, type: 4, values: [spec.height] },
    { tag: 279, type: 4, values: [data.length] },
    { tag: 284, type: 3, values: [1] },
    { tag: 339, type: 3, values: [3] },
  ];
  const byTag = new Map<number, TiffTag>();
  for (const t of [...image, ...(spec.tags ?? []), ...(spec.override ?? [])]) byTag.set(t.tag, t);
  const tags = [...byTag.values()].sort((a, b) => a.tag - b.tag);
  const encoded = tags.map((t) => {
    if (typeof t.values === 'string') return new TextEncoder().encode(`${t.values}\0`);
    const b = new DataView(new ArrayBuffer(t.values.length * SIZE[t.type]));
    t.values.forEach((v, i) => {
      if (t.type === 3) b.setUint16(i * 2, v, true);
      else if (t.type === 4) b.setUint32(i * 4, v, true);
      else b.setFloat64(i * 8, v, true);
    });
    return new Uint8Array(b.buffer);
  });
  let at = 8 + data.length;
  const placed = encoded.map((e) => {
    if (e.length <= 4) return -1;
    at += at % 2;
    const here = at;
    at += e.length;
    return here;
  });
  at += at % 2;
  const ifd = at;
  const out = new Uint8Array(ifd + 2 + tags.length * 12 + 4);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  view.setUint16(2, 42, true);
  view.setUint32(4, ifd, true);
  out.set(data, 8);
  view.setUint16(ifd, tags.length, true);
  tags.forEach((t, k) => {
    const e = encoded[k]!;
    const p = ifd + 2 + k * 12;
    view.setUint16(p, t.tag, true);
    view.setUint16(p + 2, t.type, true);
    view.setUint32(p + 4, e.length / SIZE[t.type], true);
    if (placed[k] === -1) out.set(e, p + 8);
    else {
      view.setUint32(p + 8, placed[k]!, true);
      out.set(e, placed[k]!);
    }
  });
  return out;
}

/** ModelPixelScale + ModelTiepoint: top-left corner (x, y), square cells of `size`. */
export const georef = (x: number, y: number, size: number): TiffTag[] => [
  { tag: 33550, type: 12, values: [size, size, 0] },
  { tag: 33922, type: 12, values: [0, 0, 0, x, y, 0] },
];
/** A GeoKeyDirectory: model type, raster type PixelIsArea, and the EPSG code of the CRS. */
export const geokeys = (code: number, projected: boolean): TiffTag => ({
  tag: 34735,
  type: 3,
  values: [1, 1, 0, 3, 1024, 0, 1, projected ? 1 : 2, 1025, 0, 1, 1, projected ? 3072 : 2048, 0, 1, code],
});
const wgs84 = [...georef(108.0, 14.1, 0.05), geokeys(4326, false)];

/** 4 × 2 cells over the base communes X1 (columns 0–1) and X2 (columns 2–3). */
const grid = (cells: number[], extra: Partial<TiffSpec> = {}): Uint8Array =>
  buildTiff({ width: 4, height: 2, cells, tags: wgs84, ...extra });

/** Writes the raster fixtures with `write(name, bytes)`. */
export function writeRasterFixtures(write: (name: string, data: Uint8Array) => void): void {
  // A 302-byte-class file whose header claims 100,000 × 100,000 cells.
  write(
    'raster_huge_size.tif',
    buildTiff({
      width: 2,
      height: 2,
      cells: [1, 2, 3, 4],
      tags: wgs84,
      override: [
        { tag: 256, type: 4, values: [100_000] },
        { tag: 257, type: 4, values: [100_000] },
      ],
    }),
  );
  write(
    'raster_bad_offset.tif',
    grid([1, 2, 3, 4, 5, 6, 7, 8], { override: [{ tag: 273, type: 4, values: [1_000_000_000] }] }),
  );
  // A JPEG-compressed strip (issue 12: codecs whose output is not bounded are refused, not inflated).
  write(
    'raster_jpeg.tif',
    grid([1, 2, 3, 4, 5, 6, 7, 8], { override: [{ tag: 259, type: 3, values: [7] }] }),
  );
  write('raster_no_georef.tif', grid([1, 2, 3, 4, 5, 6, 7, 8], { tags: [geokeys(4326, false)] }));
  // VN-2000 / UTM 48N-sized coordinates (metres), no GeoKeys.
  write(
    'raster_metres_no_crs.tif',
    grid([1, 2, 3, 4, 5, 6, 7, 8], { tags: georef(800_000, 1_560_000, 100) }),
  );
  // EPSG:2154 (Lambert-93, France): projected, not one the importer converts.
  write(
    'raster_projected_unknown.tif',
    grid([1, 2, 3, 4, 5, 6, 7, 8], { tags: [...georef(800_000, 1_560_000, 100), geokeys(2154, true)] }),
  );
  // WGS 84 / UTM zone 49N, converted: 2 × 1 cells of 1 km around (108.05 E, 14.05 N).
  write(
    'raster_projected_utm.tif',
    buildTiff({
      width: 2,
      height: 1,
      cells: [100, 200],
      tags: [...georef(180_000, 1_556_000, 1000), geokeys(32649, true)],
    }),
  );
  write('raster_no_crs_degrees.tif', grid([10, 20, 30, 40, 0, 0, 0, 0], { tags: georef(108.0, 14.1, 0.05) }));
  write('raster_inf_cell.tif', grid([10, 20, 30, 40, Number.POSITIVE_INFINITY, 0, 0, 0]));
  write('raster_huge_cell.tif', grid([10, 20, 30, 40, 0, 0, 3.4e38, 0]));
  write(
    'raster_nan_cells.tif',
    grid([10, Number.NaN, -99999, 40, Number.NaN, 0, -99999, 0], {
      tags: [...wgs84, { tag: 42113, type: 2, values: '-99999' }],
    }),
  );
  write('raster_negative_cells.tif', grid([10, 20, -5, 40, 0, -1, 0, 0]));
}
