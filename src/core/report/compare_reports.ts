import type { BaselineConversion } from '../crosswalk/carry_report.ts';
import type { TargetStatus } from '../targets/evaluate_targets.ts';
import type { CoverageReport } from './report.ts';
import { type ReportIndicator, reportIndicators } from './report_indicators.ts';

/** One unit and one indicator, before (baseline) and after (current). */
export interface ComparisonRow {
  unit_id: string;
  unit_name: string;
  level: 'commune' | 'district' | 'province';
  indicator: string;
  label_vi: string;
  label_en: string;
  unit: string;
  before: number | null;
  after: number | null;
  /** after − before, in the indicator's unit (percentage points for %); null when either is missing. */
  difference: number | null;
}

/** One target at one unit, before and after. */
export interface TargetComparisonRow {
  target_id: string;
  unit_id: string;
  unit_name: string;
  level: 'commune' | 'district' | 'province';
  before_status: TargetStatus | null;
  after_status: TargetStatus | null;
  before_value: number | null;
  after_value: number | null;
  difference: number | null;
}

/** What changed between a baseline (last report, or the baseline of a what-if) and the current report. */
export interface ReportComparison {
  baseline_generated_at: string;
  current_generated_at: string;
  rows: ComparisonRow[];
  targets: TargetComparisonRow[];
  /** Units present in only one of the two reports (e.g. boundaries changed), by id. */
  only_in_baseline: { id: string; name: string; level: string }[];
  only_in_current: { id: string; name: string; level: string }[];
  /** Set when the baseline was made on another boundary set and carried through the crosswalk. */
  conversion?: BaselineConversion;
}

export interface CompareOptions {
  /** Indicator ids to compare; default: the headline (`key`) indicators of the current report. */
  indicators?: readonly string[];
}

const diff = (a: number | null, b: number | null) =>
  a === null || b === null ? null : Math.round((b - a) * 1e6) / 1e6;

/**
 * Compares two report.json objects unit by unit (matched on level and id): for every indicator the
 * value before, after and the difference (after − before, in percentage points for %), and for every
 * target evaluation the status before and after. Year over year, or a what-if scenario against its
 * baseline. Units found in only one report are listed, not compared.
 */
export function compareReports(
  baseline: CoverageReport,
  current: CoverageReport,
  options: CompareOptions = {},
): ReportComparison {
  const all = reportIndicators(current);
  const baseAll = new Map(reportIndicators(baseline).map((i) => [i.id, i]));
  const chosen: ReportIndicator[] = options.indicators
    ? options.indicators.flatMap((id) => all.filter((i) => i.id === id))
    : all.filter((i) => i.key);
  const key = (u: { level: string; id: string }) => `${u.level}:${u.id}`;
  const before = new Map(baseline.units.map((u) => [key(u), u]));
  const afterKeys = new Set(current.units.map(key));
  const rows: ComparisonRow[] = [];
  for (const u of current.units) {
    const b = before.get(key(u));
    if (!b) continue;
    for (const ind of chosen) {
      const getB = baseAll.get(ind.id)?.get ?? (() => null);
      const vb = getB(b);
      const va = ind.get(u);
      rows.push({
        unit_id: u.id,
        unit_name: u.name,
        level: u.level,
        indicator: ind.id,
        label_vi: ind.vi,
        label_en: ind.en,
        unit: ind.unit,
        before: vb,
        after: va,
        difference: diff(vb, va),
      });
    }
  }
  const tKey = (t: { target_id: string; level: string; unit_id: string }) =>
    `${t.target_id}|${t.level}:${t.unit_id}`;
  const baseTargets = new Map(baseline.targets.map((t) => [tKey(t), t]));
  const curTargets = new Set(current.targets.map(tKey));
  const targets: TargetComparisonRow[] = current.targets.map((t) => {
    const b = baseTargets.get(tKey(t));
    return {
      target_id: t.target_id,
      unit_id: t.unit_id,
      unit_name: t.unit_name,
      level: t.level,
      before_status: b?.status ?? null,
      after_status: t.status,
      before_value: b?.value ?? null,
      after_value: t.value,
      difference: diff(b?.value ?? null, t.value),
    };
  });
  for (const b of baseline.targets) {
    if (curTargets.has(tKey(b))) continue;
    targets.push({
      target_id: b.target_id,
      unit_id: b.unit_id,
      unit_name: b.unit_name,
      level: b.level,
      before_status: b.status,
      after_status: null,
      before_value: b.value,
      after_value: null,
      difference: null,
    });
  }
  const brief = (u: { id: string; name: string; level: string }) => ({
    id: u.id,
    name: u.name,
    level: u.level,
  });
  return {
    baseline_generated_at: baseline.generated_at,
    current_generated_at: current.generated_at,
    rows,
    targets,
    only_in_baseline: baseline.units.filter((u) => !afterKeys.has(key(u))).map(brief),
    only_in_current: current.units.filter((u) => !before.has(key(u))).map(brief),
  };
}
