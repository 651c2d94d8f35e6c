/**
 * Reads one dataset and summarises it for the import report: rows read, kept and rejected, every
 * problem with its row or feature and field, and the rejected rows as a CSV to download.
 *
 * Imported files go through `importFile`, the importer the CLI uses: every format (GeoJSON, CSV, XLSX,
 * KML/KMZ, zipped shapefile, GeoTIFF), encodings, coordinate systems (.prj, VN-2000, UTM), swapped
 * latitude/longitude, polygon repair and the size and zip limits. The bundled sample (our own GeoJSON,
 * checked by scripts/check_data.ts) is read straight by the validators: the full importer would add
 * ≈ 90 ms (Node; more in a browser) to the first render for nothing it could find.
 */
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import type { SpeedTest } from '../../core/base/speed_tests.ts';
import type { Commune, PopulationPoint, Site } from '../../core/base/types.ts';
import { decodeBytes } from '../../io/formats/csv.ts';
import { communesFromGeoJSON } from '../../io/import/boundaries.ts';
import { fiberFromGeoJSON } from '../../io/import/fiber.ts';
import type { ColumnRequest } from '../../io/import/header_mapping.ts';
import type { ImportOptions } from '../../io/import/import_file.ts';
import { postalFromGeoJSON } from '../../io/import/postal.ts';
import { readBaselineDeadZones } from '../../io/import/read_baseline_dead_zones.ts';
import { rejectedRowsCsv } from '../../io/import/rejected_rows.ts';
import type { Settlement } from '../../io/import/settlements.ts';
import { sitesFromGeoJSON } from '../../io/import/sites.ts';
import { villagesFromGeoJSON } from '../../io/import/villages.ts';
import type { DatasetKind, DatasetPayload } from '../state/dataset_kind.ts';
import { failedImport, type ImportReport } from './worker_protocol.ts';

/** A failed import, with the rejected rows when the issues name some. */
const failed = (
  kind: DatasetKind,
  name: string,
  fatal: string,
  issues: InputIssue[],
  needsColumns: ColumnRequest | null = null,
) =>
  failedImport(
    kind,
    name,
    fatal,
    issues,
    issues.some((i) => i.severity === 'error') ? rejectedRowsCsv(issues) : null,
    needsColumns,
  );

/** The parsed records of one dataset. */
export type DatasetItems =
  | { kind: 'boundaries'; items: Commune[] }
  | { kind: 'sites'; items: Site[] }
  | { kind: 'postal'; items: PostalPoint[] }
  | { kind: 'fiber'; items: FiberRoute[] }
  | { kind: 'villages'; items: Village[] }
  | { kind: 'population'; items: PopulationPoint[] }
  | { kind: 'speedtests'; items: SpeedTest[] }
  | { kind: 'settlements'; items: Settlement[] }
  /** A baseline report.json: the ids of its dead-zone villages (DN-M9). */
  | { kind: 'baseline'; items: string[] };

/** The bytes of a payload (files stored as text by older versions are encoded back to UTF-8). */
function payloadBytes(payload: DatasetPayload): Uint8Array {
  if (payload.bytes) return new Uint8Array(payload.bytes);
  return new TextEncoder().encode(payload.text ?? '');
}

/**
 * Imports a user's file with `importFile`. `reference` (the communes loaded) is the area against which
 * swapped latitude/longitude are detected. A file that can't be used at all comes back with `fatal`.
 */
export async function readImported(
  payload: DatasetPayload,
  reference?: readonly Commune[],
): Promise<{ data: DatasetItems | null; report: ImportReport }> {
  const { kind, name } = payload;
  if (kind === 'baseline') return readBaseline(payload);
  const choice = payload.options ?? {};
  const options: ImportOptions = {
    ...(choice.crs && choice.crs !== 'EPSG:' ? { crs: choice.crs } : {}),
    ...(choice.vn2000Meridian !== undefined ? { vn2000Meridian: choice.vn2000Meridian } : {}),
    ...(choice.swapped ? { swapped: choice.swapped } : {}),
    ...(choice.columns ? { columns: choice.columns } : {}),
    ...(reference && reference.length > 0 && kind !== 'boundaries' ? { reference } : {}),
  };
  // The importer of every format (proj4, the zip, XLSX, KML, shapefile and GeoTIFF readers) is a chunk
  // of its own, loaded on the first import: the bundled sample never needs it.
  const [{ runImport }, { setSqlJsLoader }] = await Promise.all([
    import('../../io/import/import_message.ts'),
    import('../../io/import/import_file.ts'),
  ]);
  // A GeoPackage (settlements) is read with sql.js, loaded only then, its .wasm from the app's origin.
  setSqlJsLoader(async () => (await import('./sql_js.ts')).sqlJs());
  let response: Awaited<ReturnType<typeof runImport>>;
  try {
    response = await runImport({ bytes: payloadBytes(payload), fileName: name, kind, options });
  } catch (error) {
    // runImport never throws; a UserError here comes from reading the options.
    if (error instanceof UserError)
      return { data: null, report: failed(kind, name, error.message, error.issues) };
    throw error;
  }
  if (!response.ok) {
    if (response.error.kind === 'bug') throw new Error(response.error.message);
    const { message, issues, columns } = response.error;
    return { data: null, report: failed(kind, name, message, issues, columns ?? null) };
  }
  const r = response.result;
  const report: ImportReport = {
    kind,
    name,
    format: r.format,
    total: r.total,
    kept: r.kept,
    rejected: r.rejected,
    issues: r.issues,
    fatal: r.kept === 0 ? `${name}: no valid record (${r.total} read).` : null,
    summary: r.summary,
    crs: r.crs,
    swapped: r.swapped,
    repaired: r.repaired,
    rejectedCsv: r.issues.some((i) => i.severity === 'error') ? rejectedRowsCsv(r.issues) : null,
    columns: r.columns,
    headerRow: r.headerRow,
  };
  if (r.kept === 0) return { data: null, report };
  return { data: { kind, items: r.items } as DatasetItems, report };
}

type ReadResult = Awaited<ReturnType<typeof readImported>>;

/**
 * A baseline report.json, read as `analyze --baseline` reads it (`readBaselineDeadZones`, the same
 * messages): its dead-zone villages are the records. A report with none is valid (every dead zone
 * now is new).
 */
function readBaseline(payload: DatasetPayload): ReadResult {
  const { name } = payload;
  let ids: string[];
  try {
    ids = readBaselineDeadZones(decodeBytes(payloadBytes(payload)).text, name);
  } catch (error) {
    if (error instanceof UserError)
      return { data: null, report: failed('baseline', name, error.message, error.issues) };
    throw error;
  }
  const report: ImportReport = {
    kind: 'baseline',
    name,
    format: null,
    total: ids.length,
    kept: ids.length,
    rejected: 0,
    issues: [],
    fatal: null,
    summary: null,
    crs: null,
    swapped: 0,
    repaired: 0,
    rejectedCsv: null,
  };
  return { data: { kind: 'baseline', items: ids }, report };
}

/**
 * `readImported`, remembering the last result per kind and per reference (the communes array, whose
 * identity is stable while the boundaries are): the import check and the reload that follows it read
 * the file once, and so do later reloads (another dataset imported, edits, settings).
 */
export function rememberingReader(): typeof readImported {
  const none = {};
  const memo = new WeakMap<object, Map<DatasetKind, Map<string, Promise<ReadResult>>>>();
  return (payload, reference) => {
    const ref = payload.kind === 'boundaries' || !reference?.length ? none : reference;
    const size = payload.bytes?.byteLength ?? payload.text?.length ?? 0;
    const key = `${payload.name}|${size}|${JSON.stringify(payload.options ?? {})}`;
    const byKind = memo.get(ref) ?? new Map<DatasetKind, Map<string, Promise<ReadResult>>>();
    memo.set(ref, byKind);
    // A few files per kind: a file added to earlier ones is read with them at every load.
    const files = byKind.get(payload.kind) ?? new Map<string, Promise<ReadResult>>();
    byKind.set(payload.kind, files);
    const hit = files.get(key);
    if (hit) {
      files.delete(key);
      files.set(key, hit);
      return hit;
    }
    const result = readImported(payload, reference);
    files.set(key, result);
    while (files.size > FILES_REMEMBERED) files.delete(files.keys().next().value!);
    result.catch(() => files.delete(key));
    return result;
  };
}

/** How many files of one kind the reader remembers (a file and those it was added to). */
const FILES_REMEMBERED = 4;

/** Reads a bundled sample file (GeoJSON text) with the validators. */
export function readBundled(payload: DatasetPayload): { data: DatasetItems; report: ImportReport } {
  const { kind, name } = payload;
  const text = payload.text ?? '';
  let data: DatasetItems;
  let issues: InputIssue[];
  let total: number;
  switch (kind) {
    case 'boundaries': {
      const r = communesFromGeoJSON(text, { file: name });
      data = { kind, items: r.communes };
      issues = r.issues;
      total = r.communes.length;
      break;
    }
    case 'sites': {
      const r = sitesFromGeoJSON(text, name);
      data = { kind, items: r.sites };
      ({ issues, total } = r);
      break;
    }
    case 'postal': {
      const r = postalFromGeoJSON(text, name);
      data = { kind, items: r.points };
      ({ issues, total } = r);
      break;
    }
    case 'fiber': {
      const r = fiberFromGeoJSON(text, name);
      data = { kind, items: r.routes };
      ({ issues, total } = r);
      break;
    }
    case 'villages': {
      const r = villagesFromGeoJSON(text, name);
      data = { kind, items: r.villages };
      ({ issues, total } = r);
      break;
    }
    case 'population':
    case 'speedtests':
    case 'settlements':
    case 'baseline':
      throw new Error(`the sample has no ${kind} file`);
  }
  const kept = data.items.length;
  return {
    data,
    report: {
      kind,
      name,
      format: 'geojson',
      total,
      kept,
      rejected: total - kept,
      issues,
      fatal: null,
      summary: null,
      crs: 'WGS 84',
      swapped: 0,
      repaired: 0,
      rejectedCsv: null,
    },
  };
}
