import type { CoverageReport } from '../../core/report/report.ts';
import { toCsv } from '../formats/csv_write.ts';
import { type ReportExportOptions, reportTables } from './report_tables.ts';

/**
 * The report's tables as CSV files (UTF-8 with a BOM so Excel shows the diacritics, CRLF, formulas
 * neutralised), keyed by file name: `report_communes.csv`, `report_districts.csv`,
 * `report_province_targets.csv`, `report_dead_zone_villages.csv`… — the same tables as the workbook.
 */
export function reportCsv(report: CoverageReport, options: ReportExportOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { id, sheet } of reportTables(report, options)) {
    const rows = sheet.rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? c.v : c)));
    out[`report_${id}.csv`] = toCsv(
      sheet.columns.map((c) => c.header),
      rows,
    );
  }
  return out;
}
