/**
 * Small file helpers shared by the data scripts (build_data.ts, sample_data.ts, check_data.ts).
 * Output is deterministic: the same input always gives byte-identical files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** Absolute path of the project root (the folder that holds package.json). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of a file under the project's data/ folder. */
export function dataPath(...parts: string[]): string {
  return join(PROJECT_ROOT, 'data', ...parts);
}

/** Reads and parses a JSON file (UTF-8). */
export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A FeatureCollection as read from disk, with the optional top-level members our files carry. */
export type LooseCollection<
  G extends Geometry | null = Geometry,
  P = Record<string, unknown>,
> = FeatureCollection<G, P> & {
  name?: string;
  source?: string;
  metadata?: Record<string, unknown>;
};

/**
 * Writes a FeatureCollection with one feature per line: compact, yet readable in a diff.
 * `metadata` becomes a top-level member before `features`.
 */
export function writeFeatureCollection(
  path: string,
  features: readonly Feature[],
  metadata: Record<string, unknown>,
): void {
  mkdirSync(dirname(path), { recursive: true });
  const head = `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[\n`;
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(path, `${head}${body}\n]}\n`, 'utf8');
}

/** Parses RFC 4180 CSV text (quoted fields, doubled quotes) into rows of strings. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses a CSV file with a header row into objects keyed by column name. */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(readFileSync(path, 'utf8'));
  if (!header) return [];
  return rows
    .filter((r) => r.some((cell) => cell !== ''))
    .map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

/** A CSV cell value; null and undefined become an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

/** Quotes a CSV cell when it holds a comma, quote or line break. */
function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes a plain UTF-8 CSV (no BOM, LF line ends) with the given header and rows. */
export function writeCsv(path: string, header: readonly string[], rows: readonly CsvCell[][]): void {
  mkdirSync(dirname(path), { recursive: true });
  const lines = [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
}

/** Rounds a number to `digits` decimals (half away from zero), returning -0 as 0. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.sign(value) * Math.round(Math.abs(value) * f);
  return r / f + 0;
}

/** Rounds every coordinate of a (nested) position array to `digits` decimals. */
export function roundCoords<T>(coords: T, digits: number): T {
  if (typeof coords === 'number') return round(coords, digits) as T;
  if (Array.isArray(coords)) return coords.map((c: unknown) => roundCoords(c, digits)) as T;
  return coords;
}

/** Rounds a [lon, lat] position to `digits` decimals. */
export function roundPosition(p: Position, digits: number): [number, number] {
  return [round(p[0] ?? 0, digits), round(p[1] ?? 0, digits)];
}
