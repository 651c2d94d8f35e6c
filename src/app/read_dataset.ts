/**
 * Reads one dataset with the same io parsers as the CLI, and summarises it for the import report:
 * rows read, kept and rejected, and every problem with its row or feature.
 */
import { type InputIssue, UserError } from '../core/errors.ts';
import type { FiberRoute, PostalPoint } from '../core/infrastructure.ts';
import type { Village } from '../core/plan_types.ts';
import type { Commune, PopulationPoint, Site } from '../core/types.ts';
import { communesFromGeoJSON } from '../io/boundaries.ts';
import { decodeText } from '../io/csv.ts';
import { fiberFromCsv, fiberFromGeoJSON } from '../io/fiber.ts';
import { populationFromCsv, populationFromGeoJSON, populationFromGeoTIFF } from '../io/population.ts';
import { postalFromCsv, postalFromGeoJSON } from '../io/postal.ts';
import { sitesFromCsv, sitesFromGeoJSON } from '../io/sites.ts';
import { villagesFromCsv, villagesFromGeoJSON } from '../io/villages.ts';
import type { DatasetKind, DatasetPayload } from './dataset_kind.ts';
import type { ImportReport } from './worker_protocol.ts';

/** The parsed records of one dataset. */
export type DatasetItems =
  | { kind: 'boundaries'; items: Commune[] }
  | { kind: 'sites'; items: Site[] }
  | { kind: 'postal'; items: PostalPoint[] }
  | { kind: 'fiber'; items: FiberRoute[] }
  | { kind: 'villages'; items: Village[] }
  | { kind: 'population'; items: PopulationPoint[] };

const isCsv = (name: string) => /\.(csv|tsv|txt)$/i.test(name);

/** Errors per distinct row or feature: how many records were rejected. */
function rejectedRecords(issues: readonly InputIssue[]): number {
  const where = new Set<string>();
  for (const i of issues) {
    if (i.severity !== 'error') continue;
    where.add(i.row !== undefined ? `row ${i.row}` : (/^(features|rows)\[\d+\]/.exec(i.path)?.[0] ?? i.path));
  }
  return where.size;
}

/**
 * Parses a dataset. Fatal problems (not JSON, missing columns, nothing valid) come back as a report
 * with `fatal` set and no items; row problems are listed and the valid rows kept.
 */
export async function readDataset(
  payload: DatasetPayload,
): Promise<{ data: DatasetItems | null; report: ImportReport }> {
  const { kind, name } = payload;
  const text = () => payload.text ?? (payload.bytes ? decodeText(new Uint8Array(payload.bytes)) : '');
  try {
    const parsed = await parse(kind, name, text, payload.bytes);
    const kept = parsed.data.items.length;
    const rejected = parsed.total === null ? rejectedRecords(parsed.issues) : parsed.total - kept;
    const total = parsed.total ?? kept + rejected;
    const fatal = kept === 0 ? `${name}: no valid record (${total} read).` : null;
    return {
      data: kept === 0 ? null : parsed.data,
      report: { kind, name, total, kept, rejected, issues: parsed.issues, fatal },
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      data: null,
      report: { kind, name, total: 0, kept: 0, rejected: 0, issues: error.issues, fatal: error.message },
    };
  }
}

async function parse(
  kind: DatasetKind,
  name: string,
  text: () => string,
  bytes: ArrayBuffer | undefined,
): Promise<{ data: DatasetItems; issues: InputIssue[]; total: number | null }> {
  const csv = isCsv(name);
  switch (kind) {
    case 'boundaries': {
      if (csv) throw new UserError(`${name}: boundaries must be GeoJSON (Polygon/MultiPolygon features).`);
      const r = communesFromGeoJSON(text(), { file: name });
      return { data: { kind, items: r.communes }, issues: r.issues, total: null };
    }
    case 'sites': {
      const r = csv ? sitesFromCsv(text(), name) : sitesFromGeoJSON(text(), name);
      return { data: { kind, items: r.sites }, issues: r.issues, total: r.total };
    }
    case 'postal': {
      const r = csv ? postalFromCsv(text(), name) : postalFromGeoJSON(text(), name);
      return { data: { kind, items: r.points }, issues: r.issues, total: r.total };
    }
    case 'fiber': {
      const r = csv ? fiberFromCsv(text(), name) : fiberFromGeoJSON(text(), name);
      return { data: { kind, items: r.routes }, issues: r.issues, total: r.total };
    }
    case 'villages': {
      const r = csv ? villagesFromCsv(text(), name) : villagesFromGeoJSON(text(), name);
      return { data: { kind, items: r.villages }, issues: r.issues, total: r.total };
    }
    case 'population': {
      const r = bytes
        ? await populationFromGeoTIFF(bytes, name)
        : csv
          ? populationFromCsv(text(), name)
          : populationFromGeoJSON(text(), name);
      // A raster's cells are not records: every populated cell is kept.
      return { data: { kind, items: r.points }, issues: r.issues, total: bytes ? null : r.total };
    }
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown dataset kind ${String(unexpected)}`);
    }
  }
}
