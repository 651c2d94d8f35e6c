import { UserError } from '../../core/base/errors.ts';
import type { CoverageReport } from '../../core/report/report.ts';
import { parseJsonText } from '../formats/json_text.ts';

/**
 * Reads a report.json (ours, or another period's as a comparison baseline) from its text; a UserError
 * naming the file when it is not JSON or not a Vùng Phủ report. Used by `vungphu report` and the app.
 */
export function parseReportJson(text: string, name: string): CoverageReport {
  const raw = parseJsonText(text, name);
  const r = raw as Partial<CoverageReport> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    !Array.isArray(r.units) ||
    !Array.isArray(r.targets) ||
    !r.method ||
    !r.inputs
  )
    throw new UserError(`${name}: not a Vùng Phủ report.json (no units, targets, method or inputs).`);
  return r as CoverageReport;
}
