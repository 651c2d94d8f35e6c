import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { type InputIssue, UserError } from '../core/base/errors.ts';
import { decodeText } from '../io/formats/csv.ts';
import { checkFileSize, IMPORT_LIMITS } from '../io/formats/limits.ts';

/** Largest input file the CLI reads, in bytes (documented in the README): the import limit. */
export const MAX_INPUT_BYTES = IMPORT_LIMITS.fileBytes;

/** Reads a text input file (UTF-8 or UTF-16 with BOM), with a UserError when it is missing or too big. */
export function readText(path: string): string {
  return decodeText(readBytes(path));
}

/** Reads a binary input file, with a UserError when it is missing or too big. */
export function readBytes(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError(`${path}: file not found.`);
  }
  checkFileSize(size, path, MAX_INPUT_BYTES);
  return new Uint8Array(readFileSync(path));
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
