/**
 * The output folder (`--out`) and the files written in it. The folder is checked before any analysis
 * runs; every file is written under a temporary name in the same folder and renamed into place when
 * complete, so a failure (disk full, permission denied, read-only file system) never leaves a
 * truncated report.json behind, and is a UserError naming the file and the OS reason.
 */
import * as nodeFs from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../core/base/errors.ts';
import { osReason } from './read_inputs.ts';

/** Folders of pseudo file systems (kernel state, devices), never an output folder. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** statfs magic numbers of pseudo file systems (proc, sysfs, debugfs, tracefs, cgroup, cgroup2, securityfs, bpf, devpts). */
const PSEUDO_FS_TYPES = new Set([
  0x9fa0, 0x62656572, 0x64626720, 0x74726163, 0x27e0eb, 0x63677270, 0x73636673, 0xcafe4a11, 0x1cd1,
]);

const under = (path: string, root: string) => path === root || path.startsWith(`${root}${sep}`);

/** The nearest existing folder at or above `path` (the one a `mkdir -p` would start from). */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!nodeFs.existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/**
 * Checks (and creates) the output folder before the analysis: it must be a folder, or creatable as
 * one, writable, and not on a pseudo file system (/proc, /sys, /dev, judged on the real path and the
 * file-system type). A UserError naming the flag and the path otherwise.
 */
export function prepareOutDir(path: string, flag = '--out'): void {
  const who = `${flag} ${path}`;
  const existing = nearestExisting(path);
  let real: string;
  try {
    real = nodeFs.realpathSync(existing);
  } catch (e) {
    throw new UserError(`${who}: the output folder cannot be used (${osReason(e)}).`);
  }
  const isPseudo =
    PSEUDO_ROOTS.some((r) => under(real, r)) ||
    (() => {
      try {
        return PSEUDO_FS_TYPES.has(Number(nodeFs.statfsSync(real).type));
      } catch {
        return false;
      }
    })();
  if (isPseudo)
    throw new UserError(
      `${who}: is on a system pseudo file system (${real}), not a place for files; choose an ordinary folder.`,
    );
  const st = nodeFs.statSync(existing);
  if (!st.isDirectory())
    throw new UserError(
      existing === resolve(path)
        ? `${who}: is a file, not a folder; choose a folder (it is created when missing).`
        : `${who}: ${existing} is a file, so the output folder cannot be created under it.`,
    );
  try {
    nodeFs.mkdirSync(path, { recursive: true });
  } catch (e) {
    throw new UserError(`${who}: the output folder cannot be created (${osReason(e)}).`);
  }
  // A real write: access() is not enough (root ignores permissions, but not a read-only mount).
  const probe = join(path, `.vungphu-write-test-${process.pid}`);
  try {
    nodeFs.writeFileSync(probe, '', { flag: 'wx' });
    nodeFs.unlinkSync(probe);
  } catch (e) {
    throw new UserError(`${who}: the output folder is not writable (${osReason(e)}).`);
  }
}

/** The file-system calls of `writeOutputFile`, replaceable in tests (disk full, …). */
export interface WriteFs {
  writeFileSync(path: string, data: string | Uint8Array, options: { flag: string }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

let counter = 0;

/**
 * Writes one output file atomically: to a temporary name in the same folder, then renamed into place.
 * `data` may come in pieces (an iterable of strings), written one after the other.
 * On failure the temporary file is removed, any earlier complete file of that name is left as it was,
 * and a UserError names the file and the OS reason ("disk full, ENOSPC").
 */
export function writeOutputFile(
  path: string,
  data: string | Uint8Array | Iterable<string>,
  fs: WriteFs = nodeFs,
): void {
  const tmp = join(dirname(path), `.${path.split(sep).pop()}.${process.pid}.${counter++}.tmp`);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) fs.writeFileSync(tmp, data, { flag: 'wx' });
    else {
      // Pieces (a CSV of millions of rows): the first creates the file, the others are appended.
      let flag = 'wx';
      for (const piece of data) {
        fs.writeFileSync(tmp, piece, { flag });
        flag = 'a';
      }
      if (flag === 'wx') fs.writeFileSync(tmp, '', { flag });
    }
    fs.renameSync(tmp, path);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // already gone, or never created
    }
    throw new UserError(`${path}: could not be written (${osReason(e)}); no partial file was left.`);
  }
}
