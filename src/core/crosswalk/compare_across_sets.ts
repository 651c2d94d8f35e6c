import { UserError } from '../base/errors.ts';
import { type CompareOptions, compareReports, type ReportComparison } from '../report/compare_reports.ts';
import type { CoverageReport } from '../report/report.ts';
import { baselineDirection, type CrosswalkPiece, carryReport } from './carry_report.ts';

/**
 * Compares a report with its baseline. When the baseline was made on the same boundary set, unit by
 * unit as `compareReports` does; when on the other set of the crosswalk, the baseline is first carried
 * onto the current units (`carryReport`) and the comparison says so (`conversion`). A baseline whose
 * communes match neither set is a UserError, not an empty comparison.
 */
export function compareAcrossSets(
  baseline: CoverageReport,
  current: CoverageReport,
  pieces: readonly CrosswalkPiece[],
  options: CompareOptions & {
    baselineName?: string;
    /** Commune ids of the current report's groups that parent links do not give (former provinces). */
    members?: ReadonlyMap<string, readonly string[]>;
  } = {},
): ReportComparison {
  const direction = baselineDirection(baseline, current, pieces);
  if (direction === 'same') return compareReports(baseline, current, options);
  if (direction === null) {
    const ids = baseline.units.filter((u) => u.level === 'commune').map((u) => u.id);
    const known = new Set([
      ...current.units.map((u) => u.id),
      ...pieces.map((p) => p.oldId),
      ...pieces.map((p) => p.newId),
    ]);
    const matched = ids.filter((id) => known.has(id)).length;
    throw new UserError(
      `${options.baselineName ?? 'the baseline'}: its ${ids.length} communes match neither the current boundary set nor the other bundled set (${matched} of ${ids.length} ids known, e.g. ${ids.slice(0, 3).join(', ') || '—'}); it cannot be compared. Use a report.json made with the bundled pre2025 or 2025 boundaries, or with the same boundaries as this report.`,
    );
  }
  const { report, conversion } = carryReport(baseline, current, pieces, direction, options.members);
  const cmp = compareReports(report, current, options);
  return { ...cmp, conversion };
}
