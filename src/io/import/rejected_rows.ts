import type { InputIssue } from '../../core/base/errors.ts';
import { cutText, RECORD_VALUE_CHARS } from '../../core/base/show_value.ts';
import { toCsv } from '../formats/csv_write.ts';

/** An issue that may carry the rejected record's original values (attached by `importFile`). */
export type RecordIssue = InputIssue & { record?: Record<string, string> };

/** The record an issue belongs to: "row 12" for a table, "features[3]" for a feature, or its path. */
function recordKey(issue: InputIssue): string {
  if (issue.row !== undefined) return `row ${issue.row}`;
  return /^(features|rows)\[\d+\]/.exec(issue.path)?.[0] ?? issue.path;
}

/** The CSV's own columns (before the record's): the CLI's names; the app passes its language's. */
const REJECTED_HEADERS = ['file', 'row', 'feature', 'fields', 'problems'] as const;

/**
 * The rejected rows and features as CSV (UTF-8 with BOM, formulas neutralised): one line per rejected
 * record with its file, row or feature, the fields at fault and every reason, followed by the record's
 * original values (when known) so that the rows can be corrected in Excel and imported again.
 * Warnings are left out: they do not reject anything. `headers` names the first five columns (the
 * app gives them, and the reasons, in its language).
 */
export function rejectedRowsCsv(
  issues: readonly RecordIssue[],
  headers: readonly [string, string, string, string, string] = REJECTED_HEADERS,
): string {
  const groups = new Map<
    string,
    {
      file: string;
      row: string;
      feature: string;
      fields: Set<string>;
      problems: string[];
      record?: Record<string, string>;
    }
  >();
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const key = `${issue.file ?? ''}\u0000${recordKey(issue)}`;
    let g = groups.get(key);
    if (!g) {
      const feature = /^features\[(\d+)\]/.exec(issue.path)?.[1];
      g = {
        file: issue.file ?? '',
        row: issue.row === undefined ? '' : String(issue.row),
        feature: feature ?? (issue.row === undefined && !/^rows\[/.test(issue.path) ? issue.path : ''),
        fields: new Set(),
        problems: [],
      };
      groups.set(key, g);
    }
    if (issue.field) g.fields.add(issue.field);
    g.problems.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
    if (issue.record && !g.record) g.record = issue.record;
  }
  const columns: string[] = [];
  for (const g of groups.values()) {
    for (const k of Object.keys(g.record ?? {})) if (!columns.includes(k)) columns.push(k);
  }
  const rows = [...groups.values()].map((g) => [
    g.file,
    g.row,
    g.feature,
    [...g.fields].join('; '),
    cutText(g.problems.join(' | '), RECORD_VALUE_CHARS),
    ...columns.map((c) => cutText(String(g.record?.[c] ?? ''), RECORD_VALUE_CHARS)),
  ]);
  return toCsv([...headers, ...columns], rows);
}
