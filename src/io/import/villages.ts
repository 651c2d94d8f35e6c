import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { Village } from '../../core/base/infrastructure.ts';
import { cutText } from '../../core/base/show_value.ts';
import { type CsvTable, parseCsv } from '../formats/csv.ts';
import { idValue, own, readPosition, rowRecord, showValue, toNumber } from '../formats/fields.ts';
import { IssueList, pointFeatures } from '../formats/geojson_input.ts';

export interface VillageImport {
  villages: Village[];
  issues: InputIssue[];
  total: number;
}

const POP_KEYS = ['population', 'pop', 'dan_so', 'danso'];
const GRID_KEYS = ['has_grid_power', 'grid_power', 'dien_luoi'];
const TRUE = new Set(['true', '1', 'yes', 'y', 'có', 'co', 'x']);
const FALSE = new Set(['false', '0', 'no', 'n', 'không', 'khong']);

/**
 * Validates one village record; returns the village, or null after recording every problem.
 * A missing id becomes "row N"/"feature N"; an unreadable has_grid_power is a warning (unknown).
 */
function villageFrom(
  rec: Record<string, unknown>,
  lon: unknown,
  lat: unknown,
  loc: { path: string; row?: number; fallbackId: string },
  issues: IssueList,
  seen: Set<string>,
): Village | null {
  const before = issues.items.filter((i) => i.severity === 'error').length;
  const extra = (field: string) => ({ field, ...(loc.row === undefined ? {} : { row: loc.row }) });
  const idRead = idValue(own(rec, 'id'), 'id');
  const id = 'id' in idRead && idRead.id !== '' ? idRead.id : loc.fallbackId;
  if ('problem' in idRead) issues.error(`${loc.path}.id`, idRead.problem, extra('id'));
  else if (seen.has(id)) issues.error(`${loc.path}.id`, `duplicate id "${cutText(id)}"`, extra('id'));
  const { lon: ln, lat: lt, problem: coord, field: coordField } = readPosition(lon, lat);
  if (coord) issues.error(`${loc.path}.${coordField}`, coord, extra(coordField));
  const popRaw = POP_KEYS.map((k) => own(rec, k)).find((v) => v !== undefined && v !== '');
  const pop = toNumber(popRaw);
  if (pop === null || !Number.isFinite(pop) || pop < 0)
    issues.error(
      `${loc.path}.population`,
      `population must be a number ≥ 0 (got ${showValue(popRaw ?? null)})`,
      extra('population'),
    );
  const gridRaw = GRID_KEYS.map((k) => own(rec, k)).find((v) => v !== undefined && v !== null);
  let hasGridPower: boolean | null = null;
  if (typeof gridRaw === 'boolean') hasGridPower = gridRaw;
  else if (gridRaw !== undefined) {
    const t = String(gridRaw).trim().toLowerCase();
    if (TRUE.has(t)) hasGridPower = true;
    else if (FALSE.has(t)) hasGridPower = false;
    else if (t !== '')
      issues.warn(
        `${loc.path}.has_grid_power`,
        `has_grid_power should be true or false (got ${showValue(gridRaw)}); treated as unknown`,
        extra('has_grid_power'),
      );
  }
  if (issues.items.filter((i) => i.severity === 'error').length > before) return null;
  seen.add(id);
  const village: Village = { id, lon: ln as number, lat: lt as number, population: pop!, hasGridPower };
  const name = own(rec, 'name') ?? own(rec, 'ten');
  if (typeof name === 'string' && name.trim() !== '') village.name = name.normalize('NFC').trim();
  const commune = idValue(own(rec, 'commune_id') ?? own(rec, 'ma_xa'), 'commune_id');
  if ('id' in commune && commune.id !== '') village.communeId = commune.id;
  return village;
}

/**
 * Reads villages from GeoJSON Point features with `population` and optionally `id`, `name`,
 * `commune_id` and `has_grid_power`. Every problem is reported; valid features are kept.
 */
export function villagesFromGeoJSON(input: unknown, file: string): VillageImport {
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const { points, total } = pointFeatures(input, issues);
  const villages: Village[] = [];
  for (const f of points) {
    const v = villageFrom(
      f.properties,
      f.lon,
      f.lat,
      { path: `${f.path}.properties`, fallbackId: `feature ${f.index + 1}` },
      issues,
      seen,
    );
    if (v) villages.push(v);
  }
  return { villages, issues: issues.items, total };
}

/** Reads villages from CSV with columns lon,lat,population[,id,name,commune_id,has_grid_power]. */
export function villagesFromCsv(text: string, file: string): VillageImport {
  return villagesFromTable(parseCsv(text, file), file);
}

/** Reads villages from a table (CSV or the first sheet of an XLSX) with the CSV columns. */
export function villagesFromTable(table: CsvTable, file: string): VillageImport {
  // Headers are mapped to these names before (import_file.ts, header_mapping.ts).
  const header = table.header;
  const absent = ['lon', 'lat'].filter((c) => !header.includes(c));
  if (!POP_KEYS.some((k) => header.includes(k))) absent.push('population');
  if (absent.length)
    throw new UserError(
      `${file}: missing column(s) ${absent.join(', ')}; expected lon,lat,population[,id,name,commune_id,has_grid_power].`,
    );
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const villages: Village[] = [];
  for (const r of table.rows) {
    const rec: Record<string, unknown> = rowRecord(header, r.cells);
    const v = villageFrom(
      rec,
      own(rec, 'lon'),
      own(rec, 'lat'),
      { path: `rows[${r.row}]`, row: r.row, fallbackId: `row ${r.row}` },
      issues,
      seen,
    );
    if (v) villages.push(v);
  }
  return { villages, issues: issues.items, total: table.rows.length };
}
