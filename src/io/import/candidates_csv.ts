import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { cutText, showValue } from '../../core/base/show_value.ts';
import type { Candidate } from '../../core/planning/plan_types.ts';
import { checkDuplicateColumns, parseCsv, parseNumber } from '../formats/csv.ts';
import { rowRecord } from '../formats/fields.ts';
import { coordinateField, coordinateProblem, IssueList } from '../formats/geojson_input.ts';

export interface CandidateImport {
  candidates: Candidate[];
  issues: InputIssue[];
  /** Data rows read, valid or not. */
  total: number;
}

const ALIASES: Record<string, string> = { lng: 'lon', longitude: 'lon', latitude: 'lat', radius: 'radius_m' };

/**
 * Reads candidate site locations from CSV with columns `id,lon,lat[,radius_m,cost]` (other columns are
 * ignored). Every problem is reported with its row and field, and the valid rows are kept:
 * a missing or duplicate id, coordinates that are not lon/lat degrees, a radius outside 1–100,000 m,
 * a cost that is not a number above 0, and a missing cost when other rows give one.
 */
export function candidatesFromCsv(text: string, file: string): CandidateImport {
  const table = parseCsv(text, file);
  checkDuplicateColumns(table.header, file);
  const header = table.header.map((h) => ALIASES[h] ?? h);
  const absent = ['id', 'lon', 'lat'].filter((c) => !header.includes(c));
  if (absent.length)
    throw new UserError(
      `${file}: missing column(s) ${absent.join(', ')}; expected id,lon,lat[,radius_m,cost].`,
    );
  const issues = new IssueList(file);
  const seen = new Set<string>();
  const kept: { row: number; candidate: Candidate }[] = [];
  for (const r of table.rows) {
    const rec: Record<string, string> = rowRecord(header, r.cells);
    const before = issues.items.length;
    const err = (field: string, message: string) =>
      issues.error(`rows[${r.row}].${field}`, message, { row: r.row, field });
    const id = (rec.id ?? '').normalize('NFC');
    if (id === '') err('id', 'missing id');
    else if (seen.has(id)) err('id', `duplicate id "${cutText(id)}"`);
    const lon = parseNumber(rec.lon);
    const lat = parseNumber(rec.lat);
    const coord = coordinateProblem([lon, lat]);
    if (coord) err(lon === null ? 'lon' : lat === null ? 'lat' : coordinateField(lon, lat), coord);
    const optional = (field: string, ok: (v: number) => boolean, rule: string): number | undefined => {
      const raw = rec[field];
      if (raw === undefined || raw === '') return undefined;
      const v = parseNumber(raw);
      if (v === null || !ok(v)) {
        err(field, `${rule} (got ${showValue(raw)})`);
        return undefined;
      }
      return v;
    };
    const radius_m = optional(
      'radius_m',
      (v) => v >= 1 && v <= 100_000,
      'must be a number of metres from 1 to 100,000',
    );
    const cost = optional('cost', (v) => v > 0, 'must be a number above 0');
    if (issues.items.length > before) continue;
    seen.add(id);
    const candidate: Candidate = { id, lon: lon!, lat: lat!, source: 'file' };
    if (radius_m !== undefined) candidate.radius_m = radius_m;
    if (cost !== undefined) candidate.cost = cost;
    kept.push({ row: r.row, candidate });
  }
  const costed = kept.filter((k) => k.candidate.cost !== undefined).length;
  let candidates = kept.map((k) => k.candidate);
  if (costed > 0 && costed < kept.length) {
    for (const k of kept)
      if (k.candidate.cost === undefined)
        issues.error(`rows[${k.row}].cost`, 'missing cost; other rows give one, so every row needs a cost', {
          row: k.row,
          field: 'cost',
        });
    candidates = candidates.filter((c) => c.cost !== undefined);
  }
  return { candidates, issues: issues.items, total: table.rows.length };
}
