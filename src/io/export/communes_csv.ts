import type { CoverageReport } from '../../core/report/report.ts';
import { toCsv } from '../formats/csv_write.ts';

/**
 * One row per commune: identity, population, area, then population % and area % for every
 * technology × operator combination, then gap area and people per gap technology, then the populated
 * area (khu vực có dân cư: its method and km²) and its covered share for every combination (blank
 * where the commune has none), and last `footprints`: `terrain` (over a DEM) or `circles` (circles
 * and sectors), the same in every row.
 */
export function communesCsv(report: CoverageReport): string {
  const communes = report.units.filter((u) => u.level === 'commune');
  const byId = new Map(report.units.map((u) => [u.id, u]));
  const footprints = report.method.footprints?.kind ?? 'circles';
  const first = communes[0];
  const comboCols = (first?.coverage ?? []).flatMap((c) => [
    `${c.technology}_${c.operator}_population_pct`,
    `${c.technology}_${c.operator}_area_pct`,
    `${c.technology}_${c.operator}_covered_population`,
  ]);
  const gapCols = (first?.gaps ?? []).flatMap((g) => [
    `gap_${g.technology}_area_km2`,
    `gap_${g.technology}_population`,
  ]);
  const populatedCols = (first?.coverage ?? []).map(
    (c) => `${c.technology}_${c.operator}_populated_area_pct`,
  );
  const header = [
    'id',
    'name',
    'parent_id',
    'parent_name',
    'population',
    'area_km2',
    ...comboCols,
    ...gapCols,
    'populated_area_method',
    'populated_area_km2',
    ...populatedCols,
    // How the footprints were drawn (the whole note is in report.json and the report's method table).
    'footprints',
  ];
  const rows = communes.map((u) => [
    u.id,
    u.name,
    u.parent_id,
    u.parent_id ? (byId.get(u.parent_id)?.name ?? '') : '',
    u.population,
    u.area_km2,
    ...u.coverage.flatMap((c) => [c.population_pct, c.area_pct, c.covered_population]),
    ...u.gaps.flatMap((g) => [g.area_km2, g.population]),
    u.populated_area_method ?? '',
    u.populated_area_km2 ?? '',
    ...u.coverage.map((c) => c.populated_area_pct ?? ''),
    footprints,
  ]);
  return toCsv(header, rows);
}
