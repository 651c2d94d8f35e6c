/**
 * The dead-zone villages of a baseline: a saved report.json of the previous period (written by
 * `vungphu analyze` or the app), read for "no new dead zones" (DN-M9). Used by `analyze --baseline`
 * and by the app's Data tab, so both accept and reject the same files with the same messages.
 */
import { readReportJson } from './report_schema.ts';

/**
 * The ids of the villages that were dead zones (no 4G from any operator) in the baseline report.json
 * `text` (file `name`); none when the report lists no dead-zone villages. A file that is not JSON or not
 * a valid report is a UserError naming the file and every field at fault (`readReportJson`).
 */
export function readBaselineDeadZones(text: string, name: string): string[] {
  return (readReportJson(text, name).dead_zone_villages ?? []).map((d) => d.village_id);
}
