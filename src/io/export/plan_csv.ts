import type { SitePlan } from '../../core/planning/plan_types.ts';
import { toCsv } from '../formats/csv_write.ts';

/** Columns of plan.csv; `cost_per_person` is added when every candidate has a cost. */
export const PLAN_COLUMNS = [
  'rank',
  'candidate_id',
  'lon',
  'lat',
  'commune_id',
  'gained_population',
  'cumulative_population_pct',
] as const;

/**
 * plan.csv: one row per chosen site in greedy order: people newly covered (rounded to whole people),
 * the scope's cumulative population coverage with existing sites (%, 3 decimals) and, with costs,
 * the cost per person newly covered (2 decimals). UTF-8 with a BOM; text cells are formula-neutralised.
 */
export function planCsv(plan: SitePlan): string {
  const header = plan.costAware ? [...PLAN_COLUMNS, 'cost_per_person'] : [...PLAN_COLUMNS];
  const round = (v: number, d: number) => Number(v.toFixed(d));
  const rows = plan.rows.map((r) => {
    const cells: unknown[] = [
      r.rank,
      r.candidate_id,
      r.lon,
      r.lat,
      r.commune_id ?? '',
      Math.round(r.gained_population),
      round(r.cumulative_population_pct, 3),
    ];
    if (plan.costAware) cells.push(r.cost_per_person === null ? '' : round(r.cost_per_person, 2));
    return cells;
  });
  return toCsv(header, rows);
}
