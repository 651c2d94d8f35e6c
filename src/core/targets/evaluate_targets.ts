import { groupDigits } from '../base/group_digits.ts';
import {
  type Comparator,
  KNOWN_METRICS,
  type MetricId,
  type MetricInfo,
  type Target,
  type TargetLevel,
  type TargetScope,
  type TargetUnit,
} from './targets.ts';

/** A unit a target is evaluated at: a commune, a district or the province. */
export interface EvaluationUnit {
  id: string;
  name: string;
  level: TargetLevel;
  /** True for urban communes (phường/thị trấn) and district/province centres; drives urban scopes. */
  urban?: boolean;
}

/**
 * A metric's value for one unit, as the analysis produced it.
 * `numerator`/`denominator` let the gap be phrased in counts:
 * - for % metrics: the counted things that meet the criterion, and all counted things (57 of 80 communes);
 * - for radius metrics: N (points) and S (area, km²);
 * - for people-per-point metrics: N (points) and P (people).
 * `unit_count_noun` replaces the metric's Vietnamese noun for the counted things (e.g. "thôn/bon").
 */
export interface MetricValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
  unit_count_noun?: string;
  /** Said after the verdict, e.g. "đo thực tế 2026-01-01 – 2026-06-30" for a measured value. */
  note?: { vi: string; en: string };
  /** Why the value is null here, when the metric's usual reason does not say it (no 5G tests in this commune). */
  reason?: { vi: string; en: string };
}

/** Gives a metric's value for a unit and technology, or null when the tool has no data for it. */
export type MetricLookup = (
  unitId: string,
  metric: MetricId,
  technology: string | null,
  target?: Target,
) => MetricValue | null;

export type TargetStatus = 'met' | 'not_met' | 'not_evaluable';

/** One target checked at one unit. */
export interface TargetEvaluation {
  target_id: string;
  unit_id: string;
  unit_name: string;
  level: TargetLevel;
  value: number | null;
  comparator: Comparator;
  target_value: number;
  status: TargetStatus;
  /**
   * How far the unit is from the target, in the target's own terms: percentage points for %, extra
   * points needed for radius and people-per-point metrics (km or people over when N is not given),
   * a count for counts, Mb/s for speeds. 0 when met; null when not evaluable or not computable.
   */
  gap: number | null;
  /** For % metrics with numerator/denominator: how many more counted things must meet the criterion. */
  gap_count?: number;
  gap_text_vi: string;
  gap_text_en: string;
  /**
   * The territory the target was evaluated on: the province-level unit (id and name) of the plan's
   * province as the plan knew it, e.g. "64" Gia Lai (pre-2025 set), "52" Gia Lai (the merged province)
   * or "former-dak-nong" "Địa bàn tỉnh Đắk Nông cũ". Absent for a target set that names no province.
   */
  territory_id?: string;
  territory_name?: string;
}

const URBAN_SCOPES: ReadonlySet<TargetScope> = new Set(['urban_communes', 'urban_or_centre_communes']);
const EPS = 1e-9;

/**
 * Checks every target at every unit of its levels and says, per unit, whether the target is met and
 * by how much it is missed, in Vietnamese and English. Urban scopes use only urban communes at commune
 * level (at district and province level the lookup is expected to restrict itself). Comparators are
 * exact: a value equal to the target meets ≥ and ≤ but not >.
 */
export function evaluateTargets(
  targets: readonly Target[],
  units: readonly EvaluationUnit[],
  lookup: MetricLookup,
): TargetEvaluation[] {
  const out: TargetEvaluation[] = [];
  for (const target of targets) {
    for (const unit of units) {
      if (!target.levels.includes(unit.level)) continue;
      if (unit.level === 'commune' && URBAN_SCOPES.has(target.scope) && unit.urban !== true) continue;
      out.push(evaluateOne(target, unit, lookup(unit.id, target.metric, target.technology, target)));
    }
  }
  return out;
}

type Verdict = Pick<TargetEvaluation, 'status' | 'gap' | 'gap_text_vi' | 'gap_text_en' | 'gap_count'>;

function evaluateOne(target: Target, unit: EvaluationUnit, mv: MetricValue | null): TargetEvaluation {
  const info: MetricInfo = KNOWN_METRICS[target.metric];
  const judged = judge(target, info, mv);
  const verdict = mv?.note
    ? {
        ...judged,
        gap_text_vi: `${judged.gap_text_vi}; ${mv.note.vi}`,
        gap_text_en: `${judged.gap_text_en}; ${mv.note.en}`,
      }
    : judged;
  return {
    target_id: target.id,
    unit_id: unit.id,
    unit_name: unit.name,
    level: unit.level,
    value: mv && typeof mv.value === 'number' && Number.isFinite(mv.value) ? mv.value : null,
    comparator: target.comparator,
    target_value: target.value,
    ...verdict,
  };
}

function judge(t: Target, info: MetricInfo, mv: MetricValue | null): Verdict {
  if (!mv) return notEvaluable(`Chưa đánh giá được: ${info.missing.vi}`, `Not evaluable: ${info.missing.en}`);
  const v = mv.value;
  const n = finite(mv.numerator);
  const d = finite(mv.denominator);
  const point = info.point ?? { vi: 'điểm', en: 'points' };
  if (v === null || !Number.isFinite(v)) {
    if (mv.reason)
      return notEvaluable(`Chưa đánh giá được: ${mv.reason.vi}`, `Not evaluable: ${mv.reason.en}`);
    if (info.kind !== 'radius' && info.kind !== 'per_point')
      return notEvaluable(
        'Chưa đánh giá được: giá trị không xác định (không có đối tượng để tính)',
        'Not evaluable: the value is undefined here (nothing to count)',
      );
    // No point at all: R̄ and P̄ are undefined, and the unit fails outright.
    const need = d === null ? null : pointsNeeded(info, t.value, 0, d);
    return need === null
      ? notMet(null, `Không có ${point.vi} nào`, `No ${point.en} at all`)
      : notMet(
          need,
          `Không có ${point.vi} nào; cần ít nhất ${num(need, 0, 'vi')}`,
          `No ${point.en} at all; at least ${num(need, 0, 'en')} needed`,
        );
  }
  const ctxVi = `${show(v, t.unit, 'vi')}, chỉ tiêu ${t.comparator} ${show(t.value, t.unit, 'vi')}`;
  const ctxEn = `${show(v, t.unit, 'en')}, target ${t.comparator} ${show(t.value, t.unit, 'en')}`;
  if (meets(v, t.comparator, t.value))
    return { status: 'met', gap: 0, gap_text_vi: `Đạt (${ctxVi})`, gap_text_en: `Met (${ctxEn})` };
  const diff = round4(Math.abs(t.value - v));
  switch (info.kind) {
    case 'radius':
    case 'per_point': {
      if (t.comparator === '≤' && n !== null && d !== null) {
        const need = Math.max(1, pointsNeeded(info, t.value, n, d) ?? 1);
        return notMet(
          need,
          `Cần thêm ${num(need, 0, 'vi')} ${point.vi} (${ctxVi})`,
          `${num(need, 0, 'en')} more ${point.en} needed (${ctxEn})`,
        );
      }
      return overOrShort(t, diff, ctxVi, ctxEn);
    }
    case 'count':
      if (t.comparator === '≤' && info.counted)
        return notMet(
          diff,
          `${num(diff, 0, 'vi')} ${mv.unit_count_noun ?? info.counted.vi} ${info.counted.lacking_vi} (${ctxVi})`,
          `${num(diff, 0, 'en')} ${info.counted.en} ${info.counted.lacking_en} (${ctxEn})`,
        );
      return overOrShort(t, diff, ctxVi, ctxEn);
    case 'speed':
      return overOrShort(t, diff, ctxVi, ctxEn);
    case 'percent':
      return percentGap(t, info, mv, diff, ctxVi, ctxEn);
  }
}

/** Percentage points short, plus the count still missing when numerator/denominator are known. */
function percentGap(
  t: Target,
  info: MetricInfo,
  mv: MetricValue,
  diff: number,
  ctxVi: string,
  ctxEn: string,
): Verdict {
  if (t.comparator === '≤') return overOrShort(t, diff, ctxVi, ctxEn);
  const atBoundary = diff < EPS;
  let vi = atBoundary
    ? `Đang ở đúng mức ${show(t.value, '%', 'vi')}, cần vượt mức này`
    : `Còn thiếu ${pp(diff, 'vi')} điểm phần trăm (${ctxVi})`;
  let en = atBoundary
    ? `At exactly ${show(t.value, '%', 'en')}; must exceed it`
    : `${pp(diff, 'en')} percentage points short (${ctxEn})`;
  const n = finite(mv.numerator);
  const d = finite(mv.denominator);
  if (n === null || d === null || d <= 0 || !info.counted) return notMet(diff, vi, en);
  const x = (t.value * d) / 100 - n;
  const need = Math.max(
    1,
    t.comparator === '>' ? Math.floor(x + EPS * Math.max(1, Math.abs(x))) + 1 : ceilEps(x),
  );
  const missing = Math.max(0, Math.round(d - n));
  const noun = mv.unit_count_noun ?? info.counted.vi;
  const c = info.counted;
  if (need >= missing) {
    vi += `; ${num(missing, 0, 'vi')} ${noun} ${c.lacking_vi}`;
    en += `; ${num(missing, 0, 'en')} ${c.en} ${c.lacking_en}`;
  } else {
    vi += `; ${num(missing, 0, 'vi')} ${noun} ${c.lacking_vi}, cần thêm ít nhất ${num(need, 0, 'vi')} để đạt`;
    en += `; ${num(missing, 0, 'en')} ${c.en} ${c.lacking_en}, at least ${num(need, 0, 'en')} more needed to meet it`;
  }
  return { ...notMet(diff, vi, en), gap_count: need };
}

/** A plain difference: over a maximum (≤) or short of a minimum (≥, >). */
function overOrShort(t: Target, diff: number, ctxVi: string, ctxEn: string): Verdict {
  const amountVi = t.unit === '%' ? `${pp(diff, 'vi')} điểm phần trăm` : show(diff, t.unit, 'vi');
  const amountEn = t.unit === '%' ? `${pp(diff, 'en')} percentage points` : show(diff, t.unit, 'en');
  if (t.comparator === '≤')
    return notMet(diff, `Vượt mức tối đa ${amountVi} (${ctxVi})`, `${amountEn} over the maximum (${ctxEn})`);
  if (diff < EPS)
    return notMet(
      diff,
      `Đang ở đúng mức ${show(t.value, t.unit, 'vi')}, cần vượt mức này`,
      `At exactly ${show(t.value, t.unit, 'en')}; must exceed it`,
    );
  return notMet(diff, `Còn thiếu ${amountVi} (${ctxVi})`, `${amountEn} short (${ctxEn})`);
}

/**
 * Extra points needed to reach the maximum: ⌈S/(π·R*²)⌉ − N for a radius R* over area S (km²),
 * ⌈P/P*⌉ − N for at most P* people per point over population P.
 */
function pointsNeeded(info: MetricInfo, targetValue: number, n: number, d: number): number | null {
  if (!(targetValue > 0)) return null;
  const required = info.kind === 'radius' ? d / (Math.PI * targetValue * targetValue) : d / targetValue;
  return Math.max(0, ceilEps(required) - n);
}

function meets(v: number, c: Comparator, target: number): boolean {
  switch (c) {
    case '≥':
      return v >= target;
    case '>':
      return v > target;
    case '≤':
      return v <= target;
  }
}

function notMet(gap: number | null, vi: string, en: string): Verdict {
  return { status: 'not_met', gap, gap_text_vi: vi, gap_text_en: en };
}

function notEvaluable(vi: string, en: string): Verdict {
  return { status: 'not_evaluable', gap: null, gap_text_vi: vi, gap_text_en: en };
}

const finite = (x: number | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
/** ⌈x⌉ that ignores floating-point noise just above an integer. */
const ceilEps = (x: number) => Math.ceil(x - EPS * Math.max(1, Math.abs(x)));

/** Percentage points with one decimal; tiny gaps are shown as "less than 0.1". */
function pp(x: number, lang: 'vi' | 'en'): string {
  if (x > 0 && x < 0.05) return lang === 'vi' ? 'dưới 0,1' : 'less than 0.1';
  return num(x, 1, lang);
}

const DECIMALS: Record<TargetUnit, number> = { '%': 2, km: 2, people: 0, count: 0, 'Mb/s': 1 };

/** A value with its unit: "97,7%", "3,41 km", "1.450 người/điểm" / "1,450 people per point". */
function show(x: number, unit: TargetUnit, lang: 'vi' | 'en'): string {
  const s = num(x, DECIMALS[unit], lang);
  switch (unit) {
    case '%':
      return `${s}%`;
    case 'km':
      return `${s} km`;
    case 'people':
      return lang === 'vi' ? `${s} người/điểm` : `${s} people per point`;
    case 'count':
      return s;
    case 'Mb/s':
      return `${s} Mb/s`;
  }
}

/** Formats a number with at most `decimals` decimals, trailing zeros trimmed; vi uses 1.234,5. */
function num(x: number, decimals: number, lang: 'vi' | 'en'): string {
  const fixed = Math.abs(x).toFixed(decimals);
  const [int = '0', frac = ''] = fixed.split('.');
  const group = lang === 'vi' ? '.' : ',';
  const intPart = groupDigits(int, group);
  const fracPart = frac.replace(/0+$/, '');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${intPart}${fracPart ? (lang === 'vi' ? ',' : '.') + fracPart : ''}`;
}
