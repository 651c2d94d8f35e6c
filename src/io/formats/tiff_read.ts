import { UserError } from '../../core/base/errors.ts';
import { IMPORT_LIMITS } from './limits.ts';

/**
 * The first image of a TIFF (classic or BigTIFF) as its header describes it, checked against the file
 * before any cell is decoded: every tag's values, every strip or tile (offset + byte count) lies inside
 * the file, the strip/tile counts match the size, uncompressed blocks are long enough for their cells,
 * and width × height is under the cell limit. geotiff.js decodes the cells afterwards; it trusts the
 * header and would otherwise allocate whatever the header claims or read past the end.
 */
export interface TiffLayout {
  width: number;
  height: number;
  /** The numeric values of the tags read (see TAGS), by tag number. */
  numbers: Map<number, number[]>;
  /** The ASCII tags read (GeoAsciiParams, GDAL_NODATA), by tag number. */
  text: Map<number, string>;
}

export const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  planar: 284,
  tileWidth: 322,
  tileLength: 323,
  tileOffsets: 324,
  tileByteCounts: 325,
  sampleFormat: 339,
  pixelScale: 33550,
  tiepoint: 33922,
  transformation: 34264,
  geoKeys: 34735,
  geoDoubles: 34736,
  geoAscii: 34737,
  gdalNodata: 42113,
} as const;

const WANTED = new Set<number>(Object.values(TAG));

/** Bytes per value of each TIFF field type (unknown types are skipped, as the spec asks). */
const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};

/**
 * Most bytes one compressed byte can expand to, by TIFF compression: PackBits 128 from 2, Deflate
 * about 1032 (rounded up), LZW at most 4096 (a 12-bit code). A block too short for its cells even at
 * that ratio is a lying header, refused before anything is allocated. Other codecs are refused.
 */
const MAX_RATIO: Record<number, number> = { 5: 4096, 8: 1100, 32946: 1100, 32773: 64 };

/** Names of the other TIFF codecs, for the message refusing them (their output is not bounded here). */
const CODEC_NAMES: Record<number, string> = {
  2: 'CCITT',
  3: 'CCITT fax 3',
  4: 'CCITT fax 4',
  6: 'old JPEG',
  7: 'JPEG',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'ZSTD',
  50001: 'WebP',
  50002: 'JPEG XL',
};

/** `${file}: not a readable GeoTIFF (${why}).` */
export function unreadable(file: string, why: string): UserError {
  return new UserError(`${file}: not a readable GeoTIFF (${why}).`);
}

const int = (n: number) => n.toLocaleString('en-US');

/** Reads and checks the header of the first image; throws a UserError naming the problem. */
export function readTiffLayout(
  bytes: Uint8Array,
  file: string,
  maxCells: number = IMPORT_LIMITS.rasterCells,
): TiffLayout {
  const len = bytes.byteLength;
  if (len < 8) throw unreadable(file, `only ${len} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, len);
  const order = view.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) throw unreadable(file, 'no TIFF byte-order mark');
  const le = order === 0x4949;
  const version = view.getUint16(2, le);
  if (version !== 42 && version !== 43) throw unreadable(file, `unknown TIFF version ${version}`);
  const big = version === 43;
  if (big && len < 16) throw unreadable(file, `only ${len} bytes`);
  const u64 = (at: number) => Number(view.getBigUint64(at, le));
  const ptr = (at: number) => (big ? u64(at) : view.getUint32(at, le));
  const ifd = big ? u64(8) : view.getUint32(4, le);
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  const inline = big ? 8 : 4;
  if (ifd < 8 || ifd + countSize > len) {
    throw unreadable(file, `the image directory at byte ${int(ifd)} lies outside the ${int(len)}-byte file`);
  }
  const entries = big ? u64(ifd) : view.getUint16(ifd, le);
  if (ifd + countSize + entries * entrySize > len) {
    throw unreadable(file, `the image directory's ${int(entries)} entries run past the end of the file`);
  }
  const numbers = new Map<number, number[]>();
  const text = new Map<number, string>();
  for (let k = 0; k < entries; k++) {
    const at = ifd + countSize + k * entrySize;
    const tag = view.getUint16(at, le);
    const type = view.getUint16(at + 2, le);
    const count = big ? u64(at + 4) : view.getUint32(at + 4, le);
    const size = TYPE_SIZE[type];
    if (size === undefined) continue;
    const bytesNeeded = count * size;
    const valueAt = bytesNeeded <= inline ? at + (big ? 12 : 8) : ptr(at + (big ? 12 : 8));
    if (valueAt + bytesNeeded > len) {
      throw unreadable(
        file,
        `tag ${tag} has ${int(count)} values at byte ${int(valueAt)}, past the end of the ${int(len)}-byte file`,
      );
    }
    if (!WANTED.has(tag)) continue;
    if (type === 2) {
      text.set(tag, new TextDecoder('latin1').decode(bytes.subarray(valueAt, valueAt + count)));
      continue;
    }
    const values: number[] = new Array(count);
    for (let i = 0; i < count; i++) values[i] = readValue(view, type, valueAt + i * size, le);
    numbers.set(tag, values);
  }
  const one = (tag: number, fallback?: number): number => {
    const v = numbers.get(tag)?.[0] ?? fallback;
    if (v === undefined) throw unreadable(file, `tag ${tag} is missing`);
    return v;
  };
  const width = one(TAG.width);
  const height = one(TAG.height);
  if (!(width >= 1 && height >= 1)) throw unreadable(file, `the image is ${width} × ${height} cells`);
  if (width * height > maxCells) {
    throw new UserError(
      `${file}: the raster is ${int(width)} × ${int(height)} cells (${int(width * height)}), over the limit of ${int(maxCells)} cells. Clip it to the province or resample it to coarser cells (for example with gdalwarp), then import it.`,
    );
  }
  const samples = one(TAG.samplesPerPixel, 1);
  const bits = numbers.get(TAG.bitsPerSample) ?? [1];
  if (!(samples >= 1 && samples <= 64)) throw unreadable(file, `${samples} samples per cell`);
  if (bits.some((b) => !(b >= 1 && b <= 64))) throw unreadable(file, `${bits.join(', ')} bits per sample`);
  const planar = one(TAG.planar, 1) === 2;
  const compression = one(TAG.compression, 1);
  if (compression !== 1 && MAX_RATIO[compression] === undefined)
    throw new UserError(
      `${file}: the raster's compression (TIFF code ${compression}${CODEC_NAMES[compression] ? `, ${CODEC_NAMES[compression]}` : ''}) is not read; population rasters are read uncompressed or with LZW, Deflate or PackBits, whose output can be bounded before it is inflated. Re-save it, for example: gdal_translate -co COMPRESS=DEFLATE in.tif out.tif`,
    );
  const planes = planar ? samples : 1;
  /** Bits of one cell in one plane. */
  const cellBits = planar
    ? bits[0]!
    : bits.length >= samples
      ? bits.slice(0, samples).reduce((s, b) => s + b, 0)
      : bits[0]! * samples;
  const tiled = numbers.has(TAG.tileWidth) || numbers.has(TAG.tileOffsets);
  let blockW: number;
  let blockH: number;
  let across: number;
  let down: number;
  let what: string;
  let offsets: number[] | undefined;
  let counts: number[] | undefined;
  if (tiled) {
    blockW = one(TAG.tileWidth);
    blockH = one(TAG.tileLength);
    if (!(blockW >= 1 && blockH >= 1) || blockW * blockH > maxCells) {
      throw unreadable(file, `tiles of ${blockW} × ${blockH} cells`);
    }
    across = Math.ceil(width / blockW);
    down = Math.ceil(height / blockH);
    what = 'tile';
    offsets = numbers.get(TAG.tileOffsets);
    counts = numbers.get(TAG.tileByteCounts);
  } else {
    blockW = width;
    blockH = Math.min(one(TAG.rowsPerStrip, height), height);
    if (!(blockH >= 1)) throw unreadable(file, `${blockH} rows per strip`);
    across = 1;
    down = Math.ceil(height / blockH);
    what = 'strip';
    offsets = numbers.get(TAG.stripOffsets);
    counts = numbers.get(TAG.stripByteCounts);
  }
  const blocks = across * down * planes;
  if (!offsets || offsets.length < blocks) {
    throw unreadable(
      file,
      `${int(blocks)} ${what}s expected, ${int(offsets?.length ?? 0)} ${what} offsets given`,
    );
  }
  if (!counts || counts.length < blocks) {
    throw unreadable(
      file,
      `${int(blocks)} ${what}s expected, ${int(counts?.length ?? 0)} ${what} byte counts given`,
    );
  }
  for (let i = 0; i < blocks; i++) {
    const off = offsets[i]!;
    const n = counts[i]!;
    if (off + n > len) {
      throw unreadable(
        file,
        `${what} ${i} at byte ${int(off)} (${int(n)} bytes) lies past the end of the ${int(len)}-byte file`,
      );
    }
    const rows = tiled ? blockH : Math.min(blockH, height - (i % down) * blockH);
    const need = rows * Math.ceil((blockW * cellBits) / 8);
    if (compression === 1 && n < need) {
      throw unreadable(file, `uncompressed ${what} ${i} has ${int(n)} bytes for ${int(need)} bytes of cells`);
    }
    const ratio = MAX_RATIO[compression];
    if (ratio !== undefined && n * ratio < need && !(n === 0 && off === 0)) {
      throw unreadable(
        file,
        `${what} ${i} has ${int(n)} compressed bytes, too few for ${int(need)} bytes of cells`,
      );
    }
  }
  return { width, height, numbers, text };
}

function readValue(view: DataView, type: number, at: number, le: boolean): number {
  switch (type) {
    case 1:
    case 7:
      return view.getUint8(at);
    case 6:
      return view.getInt8(at);
    case 3:
      return view.getUint16(at, le);
    case 8:
      return view.getInt16(at, le);
    case 4:
    case 13:
      return view.getUint32(at, le);
    case 9:
      return view.getInt32(at, le);
    case 5:
      return view.getUint32(at, le) / view.getUint32(at + 4, le);
    case 10:
      return view.getInt32(at, le) / view.getInt32(at + 4, le);
    case 11:
      return view.getFloat32(at, le);
    case 12:
      return view.getFloat64(at, le);
    case 17:
      return Number(view.getBigInt64(at, le));
    default:
      return Number(view.getBigUint64(at, le));
  }
}

/** The GeoKeys of a GeoKeyDirectory (numeric ones, and ASCII ones as strings), by key id. */
export function geoKeys(layout: TiffLayout): Map<number, number | string> {
  const keys = new Map<number, number | string>();
  const dir = layout.numbers.get(TAG.geoKeys);
  if (!dir || dir.length < 4) return keys;
  const n = Math.min(dir[3]!, Math.floor((dir.length - 4) / 4));
  const doubles = layout.numbers.get(TAG.geoDoubles) ?? [];
  const ascii = layout.text.get(TAG.geoAscii) ?? '';
  for (let k = 0; k < n; k++) {
    const [id, loc, count, value] = dir.slice(4 + 4 * k, 8 + 4 * k) as [number, number, number, number];
    if (loc === 0) keys.set(id, value);
    else if (loc === TAG.geoDoubles && doubles[value] !== undefined) keys.set(id, doubles[value]!);
    else if (loc === TAG.geoAscii) keys.set(id, ascii.slice(value, value + count));
  }
  return keys;
}

/**
 * The first band's cells (row-major, as stored), read with the `geotiff` package; a file it cannot
 * decode, or one with fewer cells than `cells`, is a UserError naming `file`.
 */
export async function readFirstBand(
  buffer: ArrayBuffer,
  cells: number,
  file: string,
): Promise<ArrayLike<number>> {
  try {
    const { fromArrayBuffer } = await import('geotiff');
    const tiff = await fromArrayBuffer(buffer);
    const image = await tiff.getImage();
    const [first] = (await image.readRasters({ samples: [0] })) as unknown as (
      | ArrayLike<number>
      | undefined
    )[];
    if (!first || first.length < cells) throw new Error('fewer cells than the header declares');
    return first;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw unreadable(file, e instanceof Error ? e.message : String(e));
  }
}
