import type { CoverageReport } from '../../core/report/report.ts';
import { toCsv } from '../formats/csv_write.ts';

/**
 * One row per target and unit: value, comparator, target value, status, the gap in the target's terms,
 * and the territory the target was evaluated on (the plan's province as the plan knew it).
 */
export function targetsCsv(report: CoverageReport): string {
  const header = [
    'target_id',
    'unit_id',
    'unit_name',
    'level',
    'value',
    'comparator',
    'target_value',
    'status',
    'gap',
    'gap_count',
    'gap_text_vi',
    'gap_text_en',
    'territory_id',
    'territory_name',
  ];
  const rows = report.targets.map((t) => [
    t.target_id,
    t.unit_id,
    t.unit_name,
    t.level,
    t.value,
    t.comparator,
    t.target_value,
    t.status,
    t.gap,
    t.gap_count ?? null,
    t.gap_text_vi,
    t.gap_text_en,
    t.territory_id ?? '',
    t.territory_name ?? '',
  ]);
  return toCsv(header, rows);
}
