import { closeSync, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { extname } from 'node:path';
import { type InputIssue, UserError } from '../core/base/errors.ts';
import { decodeText } from '../io/formats/csv.ts';
import { checkFileSize, IMPORT_LIMITS } from '../io/formats/limits.ts';

/** Largest input file the CLI reads, in bytes (documented in the README): the import limit. */
export const MAX_INPUT_BYTES = IMPORT_LIMITS.fileBytes;

/** Reads a text input file (UTF-8 or UTF-16 with BOM), with a UserError when it is missing or too big. */
export function readText(path: string, flag?: string): string {
  return decodeText(readBytes(path, flag));
}

/** What a path is, for the refusal of anything but a regular file. */
function kindOf(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Reads a binary input file, with a UserError when it is missing, not a regular file (a folder, a
 * device such as /dev/zero, a FIFO, a socket) or too big. `flag` names the option in the messages.
 * The bytes are counted as they are read, in chunks, and the read stops past the import limit: the
 * size that stat reports is not trusted (a file that grows, a pseudo-file reporting 0 bytes).
 */
export function readBytes(path: string, flag?: string, limit: number = MAX_INPUT_BYTES): Uint8Array {
  const who = flag ? `${flag} ${path}` : path;
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    // The message of a missing file is unchanged (`path: file not found.`): scripts match it.
    throw new UserError(`${path}: file not found.`);
  }
  const kind = kindOf(st);
  if (kind) throw new UserError(`${who}: is ${kind}, not a file; give the path of a data file.`);
  checkFileSize(st.size, who, limit);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UserError(`${who}: cannot be read (${osReason(e)}).`);
  }
  try {
    const again = kindOf(fstatSync(fd));
    if (again) throw new UserError(`${who}: is ${again}, not a file; give the path of a data file.`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const chunkSize = 1 << 20;
    const read = (buf: Uint8Array, at: number, length: number): number => {
      try {
        return readSync(fd, buf, at, length, null);
      } catch (e) {
        throw new UserError(`${who}: cannot be read (${osReason(e)}).`);
      }
    };
    // First into one buffer of the size stat reports, so a big file is not held twice (chunks, then
    // their concatenation); a file longer than that (growing, or a pseudo-file) goes on in chunks.
    if (st.size > 0) {
      const whole = new Uint8Array(st.size);
      while (total < st.size) {
        const n = read(whole, total, st.size - total);
        if (n === 0) break;
        total += n;
      }
      if (total < st.size) return whole.subarray(0, total);
      chunks.push(whole);
    }
    for (;;) {
      const buf = new Uint8Array(chunkSize);
      const n = read(buf, 0, chunkSize);
      if (n === 0) break;
      total += n;
      if (total > limit) checkFileSize(total, `${who} (read so far)`, limit);
      chunks.push(n === chunkSize ? buf : buf.subarray(0, n));
    }
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** The OS reason of a file-system error, in words ("permission denied"), with its code. */
export function osReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  const words: Record<string, string> = {
    ENOSPC: 'disk full',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ENOENT: 'no such file or folder',
    EEXIST: 'already exists',
    EIO: 'input/output error',
    EMFILE: 'too many open files',
    ENAMETOOLONG: 'name too long',
    EXDEV: 'cross-device rename',
  };
  if (code && words[code]) return `${words[code]}, ${code}`;
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** The input's format from its extension. */
export function formatOf(path: string): 'geojson' | 'csv' | 'geotiff' {
  const ext = extname(path).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.tif' || ext === '.tiff') return 'geotiff';
  throw new UserError(`${path}: unknown file type "${ext}"; use .geojson, .json, .csv or .tif.`);
}

/** Summary line for an import: "file: imported 1,203 of 1,210 rows; 7 rejected". */
export function importSummary(file: string, kept: number, total: number, issues: InputIssue[]): string {
  const rejected = total - kept;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  return `${file}: imported ${kept} of ${total}; ${rejected} rejected${warnings ? `; ${warnings} warning(s)` : ''}`;
}
