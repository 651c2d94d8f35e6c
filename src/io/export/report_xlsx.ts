import type { CoverageReport } from '../../core/report/report.ts';
import { xlsxWorkbook } from '../formats/xlsx_write.ts';
import { T } from './report_labels.ts';
import { type ReportExportOptions, reportTables } from './report_tables.ts';

/**
 * The report as an Excel workbook (.xlsx bytes; browser-safe): one sheet per table of `reportTables`
 * (province targets, districts, communes, dead-zone villages, communes without a staffed postal point,
 * postal, fiber, comparison and ranking when given, method and sources), headers frozen, columns
 * sized, numbers as numbers with units in the headers, text neutralised against formula injection.
 */
export function reportXlsx(report: CoverageReport, options: ReportExportOptions = {}): Uint8Array {
  const lang = options.lang ?? 'vi';
  return xlsxWorkbook(
    reportTables(report, options).map((t) => t.sheet),
    { title: T.title[lang], creator: 'Vùng Phủ', created: report.generated_at },
  );
}
