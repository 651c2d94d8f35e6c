import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { CrosswalkRow } from '../../core/crosswalk/crosswalk.ts';
import { parseCsv } from '../formats/csv.ts';

/** The columns a crosswalk CSV must have (the ones `vungphu crosswalk` writes). */
const REQUIRED = ['from_id', 'to_id', 'area_share', 'population_share'] as const;

/**
 * Reads a crosswalk CSV (as `vungphu crosswalk` writes it): one row per piece of an old unit in a new
 * unit. Rows with a missing id or a share outside 0–1 are reported (file, row, field) and left out;
 * a file without the required columns is a UserError.
 */
export function crosswalkFromCsv(text: string, file: string): { rows: CrosswalkRow[]; issues: InputIssue[] } {
  const table = parseCsv(text, file);
  const col = (name: string) => table.header.indexOf(name);
  const missing = REQUIRED.filter((c) => col(c) < 0);
  if (missing.length)
    throw new UserError(`${file}: not a crosswalk file; it lacks the column(s) ${missing.join(', ')}.`);
  const rows: CrosswalkRow[] = [];
  const issues: InputIssue[] = [];
  for (const r of table.rows) {
    const get = (name: string) => (col(name) >= 0 ? (r.cells[col(name)] ?? '').trim() : '');
    const fromId = get('from_id');
    const toId = get('to_id');
    const areaShare = Number(get('area_share'));
    const populationShare = Number(get('population_share'));
    const bad = (field: string, message: string) =>
      issues.push({ file, row: r.row, field, path: `rows[${r.row}].${field}`, message, severity: 'error' });
    if (!fromId) bad('from_id', 'empty');
    if (!toId) bad('to_id', 'empty');
    if (!(areaShare >= 0 && areaShare <= 1.01))
      bad('area_share', `"${get('area_share')}" is not a share 0–1`);
    if (!(populationShare >= 0 && populationShare <= 1.01))
      bad('population_share', `"${get('population_share')}" is not a share 0–1`);
    if (
      !fromId ||
      !toId ||
      !(areaShare >= 0 && areaShare <= 1.01) ||
      !(populationShare >= 0 && populationShare <= 1.01)
    )
      continue;
    const km2 = Number(get('area_km2'));
    rows.push({
      fromId,
      fromName: get('from_name') || fromId,
      toId,
      toName: get('to_name') || toId,
      areaKm2: Number.isFinite(km2) ? km2 : 0,
      areaShare,
      populationShare,
      sliver: get('sliver') === 'true',
    });
  }
  return { rows, issues };
}

/**
 * Reads the official composition (data/sample/composition-pre2025-2025.csv): for each old unit, the
 * successors the sources name (`new_id_before_merger`, `new_id_admin_list`; empty cells skipped).
 */
export function compositionFromCsv(text: string, file: string): Map<string, string[]> {
  const table = parseCsv(text, file);
  const id = table.header.indexOf('old_id');
  const sources = table.header.map((h, i) => (h.startsWith('new_id') ? i : -1)).filter((i) => i >= 0);
  if (id < 0 || sources.length === 0)
    throw new UserError(`${file}: not a composition file; it needs old_id and new_id_… columns.`);
  const out = new Map<string, string[]>();
  for (const r of table.rows) {
    const old = (r.cells[id] ?? '').trim();
    const successors = sources.map((i) => (r.cells[i] ?? '').trim()).filter(Boolean);
    if (old && successors.length) out.set(old, successors);
  }
  return out;
}
