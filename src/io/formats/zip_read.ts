import { Inflate } from 'fflate';
import { UserError } from '../../core/base/errors.ts';
import { formatBytes, IMPORT_LIMITS, type ZipLimits } from './limits.ts';

/** Why an entry name is unsafe (absolute, a drive letter, or climbing out with `..`), or null. */
export function unsafeEntryName(name: string): string | null {
  const n = name.replace(/\\/g, '/');
  if (n.includes('\0')) return 'contains a NUL character';
  if (n.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(n)) return 'starts with a drive letter';
  if (n.split('/').some((segment) => segment === '..')) return 'climbs out of the archive with ".."';
  return null;
}

const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** Compressed bytes fed to the inflater at a time: the ratio is checked after each. */
const CHUNK = 4096;

interface Entry {
  name: string;
  method: number;
  flags: number;
  /** Declared sizes, from the central directory (never trusted for the limits). */
  compressedSize: number;
  size: number;
  localOffset: number;
}

class ZipFormatError extends Error {}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

function entryName(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8').decode(bytes);
  let s = '';
  for (const c of bytes) s += String.fromCharCode(c);
  return s;
}

/** The central directory's entries (zip64 sizes and offsets read from the extra field). */
function centralDirectory(b: Uint8Array): Entry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory record');
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const z64 = u64(b, eocd - 12);
    if (z64 + 56 > b.length || u32(b, z64) !== 0x06064b50) throw new ZipFormatError('bad zip64 record');
    count = u64(b, z64 + 32);
    offset = u64(b, z64 + 48);
  }
  const entries: Entry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipFormatError('bad central directory');
    const flags = u16(b, p + 8);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    let localOffset = u32(b, p + 42);
    const name = entryName(b.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method: u16(b, p + 10), flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Unpacks a zip archive in memory, refusing decompression bombs, path traversal and duplicate names.
 * Before anything is inflated: every entry name must stay inside the archive and appear once, and the
 * declared sizes must stay within the limits (per entry, in total, an expansion ratio). Then, because
 * the declared sizes can lie, each entry is inflated a few KiB of compressed data at a time (fflate's
 * streaming inflater) with a running count of the bytes it produced: the per-entry and total limits
 * and the ratio (bytes produced ÷ compressed bytes fed so far) are checked as it inflates, and it
 * stops at the first one exceeded. An entry that inflates to a size other than the one it declares is
 * refused as damaged. Returns the file entries by name (folders and __MACOSX/.DS_Store junk left out).
 */
export function readZip(
  bytes: Uint8Array,
  file: string,
  limits: ZipLimits = IMPORT_LIMITS,
): Map<string, Uint8Array> {
  let entries: Entry[];
  try {
    entries = centralDirectory(bytes);
  } catch (e) {
    throw new UserError(`${file}: not a readable zip archive (${(e as Error).message}).`);
  }
  const seen = new Set<string>();
  let count = 0;
  let declaredTotal = 0;
  const wanted: Entry[] = [];
  for (const entry of entries) {
    const problem = unsafeEntryName(entry.name);
    if (problem) {
      throw new UserError(
        `${file}: the archive entry "${entry.name}" ${problem} (path traversal); the archive was refused.`,
      );
    }
    count++;
    if (count > limits.zipEntries)
      throw new UserError(`${file}: the archive has more than ${limits.zipEntries} entries; refused.`);
    if (seen.has(entry.name))
      throw new UserError(
        `${file}: the archive holds the entry "${entry.name}" twice; which copy is meant cannot be known, so the archive was refused. Re-create the archive.`,
      );
    seen.add(entry.name);
    if (entry.name.endsWith('/') || JUNK.test(entry.name)) continue;
    declaredTotal += entry.size;
    checkSize(entry.name, entry.size, entry.compressedSize, declaredTotal, file, limits, 'would expand');
    wanted.push(entry);
  }
  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of wanted) {
    const data = inflateEntry(bytes, entry, file, limits, total);
    total += data.length;
    out.set(entry.name, data);
  }
  return out;
}

/** The size checks, on declared sizes (`would expand`) or on the bytes produced so far (`expands`). */
function checkSize(
  name: string,
  size: number,
  compressed: number,
  total: number,
  file: string,
  limits: ZipLimits,
  verb: 'would expand' | 'expands',
): void {
  if (size > limits.zipEntryBytes) {
    throw new UserError(
      verb === 'expands'
        ? `${file}: "${name}" expands past the ${formatBytes(limits.zipEntryBytes)} limit per file (${formatBytes(size)} so far); refused as a possible zip bomb.`
        : `${file}: "${name}" would expand to ${formatBytes(size)}, over the ${formatBytes(limits.zipEntryBytes)} limit per file; refused as a possible zip bomb.`,
    );
  }
  if (total > limits.zipTotalBytes) {
    throw new UserError(
      `${file}: the archive ${verb} to more than ${formatBytes(limits.zipTotalBytes)}; refused as a possible zip bomb.`,
    );
  }
  const ratio = size / Math.max(1, compressed);
  if (size > limits.zipRatioMinBytes && ratio > limits.zipRatio) {
    const what =
      verb === 'expands'
        ? `inflates ${Math.round(ratio)}× (${formatBytes(size)} from the first ${formatBytes(compressed)}, whatever its header claims)`
        : `would expand ${Math.round(ratio)}× (${formatBytes(compressed)} → ${formatBytes(size)})`;
    throw new UserError(
      `${file}: "${name}" ${what}; archives that expand more than ${limits.zipRatio}× are refused as possible zip bombs.`,
    );
  }
}

function inflateEntry(
  b: Uint8Array,
  entry: Entry,
  file: string,
  limits: ZipLimits,
  totalBefore: number,
): Uint8Array {
  const damaged = (why: string) =>
    new UserError(`${file}: not a readable zip archive ("${entry.name}": ${why}).`);
  const p = entry.localOffset;
  if (p + 30 > b.length || u32(b, p) !== 0x04034b50) throw damaged('bad local header');
  if (entry.flags & 1) throw damaged('the entry is encrypted');
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  const end = Math.min(b.length, start + entry.compressedSize);
  if (start > b.length) throw damaged('the data is missing');
  let data: Uint8Array;
  if (entry.method === 0) {
    data = b.slice(start, end);
    checkSize(entry.name, data.length, data.length, totalBefore + data.length, file, limits, 'expands');
  } else if (entry.method === 8) {
    const parts: Uint8Array[] = [];
    let produced = 0;
    let fed = 0;
    const inflater = new Inflate((chunk) => {
      produced += chunk.length;
      checkSize(entry.name, produced, fed, totalBefore + produced, file, limits, 'expands');
      parts.push(chunk);
    });
    // fflate's inflater state: `f` is set once the final block has begun, `l` while a block is open.
    const state = (inflater as unknown as { s: { f?: number; l?: unknown } }).s;
    try {
      for (let i = start; i < end && !(state.f && !state.l); i += CHUNK) {
        const chunk = b.subarray(i, Math.min(end, i + CHUNK));
        fed += chunk.length;
        inflater.push(chunk, false);
      }
      if (!(state.f && !state.l)) inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw damaged((e as Error).message ?? String(e));
    }
    data = new Uint8Array(produced);
    let o = 0;
    for (const part of parts) {
      data.set(part, o);
      o += part.length;
    }
  } else throw damaged(`compression method ${entry.method} is not supported (only stored and deflate)`);
  if (data.length !== entry.size)
    throw damaged(
      `it declares ${entry.size} bytes but holds ${data.length}; the archive is damaged or forged`,
    );
  return data;
}

/** True when the bytes start like a zip archive ("PK\x03\x04", or an empty archive "PK\x05\x06"). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}
