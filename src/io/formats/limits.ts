import { UserError } from '../../core/base/errors.ts';

/**
 * Size limits for imported files, shared by the CLI and the app (documented in docs/input.md).
 * A file over `fileBytes` is refused before it is read; zip archives (shapefile .zip, .kmz, .xlsx)
 * are refused when they would expand past the zip limits, which bounds memory whatever the archive
 * claims.
 */
export const IMPORT_LIMITS = {
  /** Largest file read, in bytes (512 MiB). */
  fileBytes: 512 * 1024 * 1024,
  /**
   * Most data rows in one CSV table. A CSV is read in chunks and its rows are not held, but every
   * valid row becomes a record of the analysis (a one-record site is about 154 bytes held, plus
   * ~60 bytes of indexes): 6 M rows stay within a few GB; a CSV at the 512 MiB file limit holds
   * about 11 M rows and is refused after one quick pass, before anything is validated.
   */
  tableRows: 6_000_000,
  /** Largest uncompressed size of one zip entry, in bytes (512 MiB). */
  zipEntryBytes: 512 * 1024 * 1024,
  /** Largest uncompressed size of all entries of a zip together, in bytes (1 GiB). */
  zipTotalBytes: 1024 * 1024 * 1024,
  /** Most entries in one zip. */
  zipEntries: 10_000,
  /**
   * Largest expansion ratio (uncompressed ÷ compressed) of one entry bigger than `zipRatioMinBytes`;
   * real data stays well under it (Apache POI refuses the same 100×).
   */
  zipRatio: 100,
  /** Entries smaller than this (1 MiB) are not ratio-checked: tiny files compress arbitrarily well. */
  zipRatioMinBytes: 1024 * 1024,
  /**
   * Most cells in a population raster (width × height), checked from the header before anything is
   * allocated: 100 M cells is 400 MB of Float32 values. A province at WorldPop's 100 m is 2–5 M cells.
   */
  rasterCells: 100_000_000,
  /**
   * Most populated cells (non-empty, kept) in one raster: each becomes a point of the analysis, about
   * 150 bytes of memory with its indexes, so 10 M points stay within Node's default 4 GB heap.
   */
  rasterPoints: 10_000_000,
  /** Most people one raster cell may hold; a cell above it is skipped with a warning. */
  rasterCellPeople: 100_000,
  /**
   * Highest density a raster cell may have, people per km² of its area (about twice the densest
   * neighbourhoods on Earth); a cell above it is skipped with a warning.
   */
  rasterPeoplePerKm2: 500_000,
} as const;

/** The zip limits (see IMPORT_LIMITS); tests pass smaller ones. */
export interface ZipLimits {
  zipEntryBytes: number;
  zipTotalBytes: number;
  zipEntries: number;
  zipRatio: number;
  zipRatioMinBytes: number;
}

/** Formats a byte count as MiB with one decimal ("512.0 MiB"), or bytes below 1 KiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Refuses a file bigger than the limit with a message a planner can act on. Call it with the size
 * from `fs.stat` or `File.size` before reading, so that an oversized file is never loaded.
 */
export function checkFileSize(bytes: number, file: string, limit: number = IMPORT_LIMITS.fileBytes): void {
  if (bytes > limit) {
    throw new UserError(
      `${file}: the file is ${formatBytes(bytes)}, over the ${formatBytes(limit)} import limit. ` +
        'Split it (for example by district) or simplify its geometry, then import the parts.',
    );
  }
}
