import { unzipSync } from 'fflate';
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

/**
 * Unpacks a zip archive in memory (fflate), refusing decompression bombs and path traversal before
 * anything is inflated: every entry name must stay inside the archive, and the declared sizes must
 * stay within the limits (per entry, in total, and an expansion ratio). fflate never writes past the
 * declared size, so an archive that lies about its sizes cannot exceed them either.
 * Returns the file entries by name (folders and __MACOSX/.DS_Store junk left out).
 */
export function readZip(
  bytes: Uint8Array,
  file: string,
  limits: ZipLimits = IMPORT_LIMITS,
): Map<string, Uint8Array> {
  let count = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        const problem = unsafeEntryName(entry.name);
        if (problem) {
          throw new UserError(
            `${file}: the archive entry "${entry.name}" ${problem} (path traversal); the archive was refused.`,
          );
        }
        count++;
        if (count > limits.zipEntries)
          throw new UserError(`${file}: the archive has more than ${limits.zipEntries} entries; refused.`);
        if (entry.name.endsWith('/') || JUNK.test(entry.name)) return false;
        const size = entry.originalSize;
        total += size;
        if (size > limits.zipEntryBytes) {
          throw new UserError(
            `${file}: "${entry.name}" would expand to ${formatBytes(size)}, over the ${formatBytes(limits.zipEntryBytes)} limit per file; refused as a possible zip bomb.`,
          );
        }
        if (total > limits.zipTotalBytes) {
          throw new UserError(
            `${file}: the archive would expand to more than ${formatBytes(limits.zipTotalBytes)}; refused as a possible zip bomb.`,
          );
        }
        const ratio = size / Math.max(1, entry.size);
        if (size > limits.zipRatioMinBytes && ratio > limits.zipRatio) {
          throw new UserError(
            `${file}: "${entry.name}" would expand ${Math.round(ratio)}× (${formatBytes(entry.size)} → ${formatBytes(size)}); archives that expand more than ${limits.zipRatio}× are refused as possible zip bombs.`,
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${file}: not a readable zip archive (${(e as Error).message ?? String(e)}).`);
  }
  return new Map(Object.entries(files));
}

/** True when the bytes start like a zip archive ("PK\x03\x04", or an empty archive "PK\x05\x06"). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}
