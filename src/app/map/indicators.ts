/**
 * The indicators the map can colour communes by, read off the report units exactly as the CLI's
 * report.json gives them.
 */

import { ALL_OPERATORS, type CoverageFigure, type TechnologyKey } from '../../core/base/types.ts';
import type { TargetEvaluation, TargetStatus } from '../../core/targets/evaluate_targets.ts';
import { fmt } from '../i18n/format.ts';
import { currentLang, type MessageKey, t } from '../i18n/i18n.ts';
import type { DataStore } from '../state/data_store.ts';
import type { IndicatorId, ViewState, YearFilter } from '../state/view_state.ts';
import type { ReportUnit, TargetDef } from '../worker/worker_protocol.ts';

/** The unit's coverage for a technology and an operator (or "all"). */
export function coverageOf(
  u: ReportUnit,
  technology: TechnologyKey,
  operator: string,
): CoverageFigure | undefined {
  return u.coverage.find((c) => c.technology === technology && c.operator === operator);
}

/** Status → the number the target scale classes (2 met, 1 not met, 0 not evaluable). */
const STATUS_CODE: Record<TargetStatus, number> = { met: 2, not_met: 1, not_evaluable: 0 };

/** The evaluation of one target at one unit, if the target applies there. */
function evaluationOf(
  store: DataStore,
  u: ReportUnit,
  targetId: string | null,
): TargetEvaluation | undefined {
  if (!targetId) return undefined;
  return store.targetsOf(u.level, u.id).find((e) => e.target_id === targetId);
}

/**
 * The indicator's value for a unit: % of people or area covered, R̄ in km (Infinity when no point is
 * counted), % of people beyond 3 km, % of people within fiber reach, or the target status code. Null
 * when the unit has no data of that kind.
 */
export function indicatorValue(store: DataStore, u: ReportUnit, v: ViewState): number | null {
  switch (v.indicator) {
    case 'mobile_pop':
      return coverageOf(u, v.technology, v.operator)?.population_pct ?? null;
    case 'mobile_area':
      return coverageOf(u, v.technology, v.operator)?.area_pct ?? null;
    case 'mobile_populated':
      return coverageOf(u, v.technology, v.operator)?.populated_area_pct ?? null;
    case 'postal_radius':
      return u.postal ? (u.postal.avg_service_radius_km ?? Number.POSITIVE_INFINITY) : null;
    case 'postal_beyond':
      return u.postal?.beyond_distance_population_pct ?? null;
    case 'fiber_reach':
      return u.fiber?.population_within_reach_pct ?? null;
    case 'target': {
      const e = evaluationOf(store, u, v.targetId);
      return e ? STATUS_CODE[e.status] : null;
    }
    default: {
      const unexpected: never = v.indicator;
      throw new Error(`unknown indicator ${String(unexpected)}`);
    }
  }
}

/** Whether a higher value is better (ranks the table best first); the target ranks met first. */
export function higherIsBetter(id: IndicatorId): boolean {
  return id !== 'postal_radius' && id !== 'postal_beyond';
}

const TECH_KEY: Record<TechnologyKey, MessageKey> = {
  '2G': 'tech.2G',
  '3G': 'tech.3G',
  '4G': 'tech.4G',
  '5G': 'tech.5G',
  any: 'tech.any',
};

/** "4G", "5G" … or "mọi công nghệ" / "any technology". */
export function techLabel(tech: TechnologyKey): string {
  return t(TECH_KEY[tech]);
}

/** "Viettel" or "mọi nhà mạng" / "all operators". */
export function operatorLabel(op: string): string {
  return op === 'all' ? t('operator.all') : op;
}

/** The indicator's name for the selector, e.g. "Phủ sóng theo dân số". */
export function indicatorName(id: IndicatorId): string {
  return t(`indicator.${id}` as MessageKey);
}

/** The indicator with its parameters, e.g. "Phủ sóng 4G theo dân số · mọi nhà mạng". */
export function indicatorTitle(v: ViewState, defs: readonly TargetDef[]): string {
  switch (v.indicator) {
    case 'mobile_pop':
    case 'mobile_area':
    case 'mobile_populated':
      return t(
        v.indicator === 'mobile_pop'
          ? 'indicator.title.pop'
          : v.indicator === 'mobile_area'
            ? 'indicator.title.area'
            : 'indicator.title.populated',
        {
          tech: techLabel(v.technology),
          op: operatorLabel(v.operator),
        },
      );
    case 'target': {
      const def = defs.find((d) => d.id === v.targetId);
      return def ? `${t('indicator.target')}: ${targetLabel(def)}` : t('indicator.target');
    }
    default:
      return indicatorName(v.indicator);
  }
}

/**
 * The report.json indicator (`reportIndicators`) the map's indicator stands for, as the CLI's
 * `--rank-by` and `--map-indicator` take it; null for a target's status, which is no number.
 */
export function reportIndicatorOf(v: ViewState): string | null {
  const mobile = (measure: string) =>
    `mobile.${v.technology}${v.operator === ALL_OPERATORS ? '' : `.${v.operator}`}.${measure}`;
  switch (v.indicator) {
    case 'mobile_pop':
      return mobile('population_pct');
    case 'mobile_area':
      return mobile('area_pct');
    case 'mobile_populated':
      // The catalogue has the populated area at any operator only (report_indicators.ts).
      return `mobile.${v.technology}.populated_area_pct`;
    case 'postal_radius':
      return 'postal.avg_service_radius_km';
    case 'postal_beyond':
      return 'postal.beyond_distance_population_pct';
    case 'fiber_reach':
      return 'fiber.population_within_reach_pct';
    case 'target':
      return null;
    default: {
      const unexpected: never = v.indicator;
      throw new Error(`unknown indicator ${String(unexpected)}`);
    }
  }
}

/** The indicator's value as text: "93,7%", "2,41 km", "Đạt"… */
/** The decimals `formatIndicator` shows an indicator's value with (ranks tie at that precision). */
export function indicatorDecimals(id: IndicatorId): number {
  switch (id) {
    case 'postal_radius':
      return 2;
    case 'target':
      return 0;
    default:
      return 1;
  }
}

export function formatIndicator(id: IndicatorId, value: number | null): string {
  if (value === null) return '–';
  switch (id) {
    case 'postal_radius':
      return Number.isFinite(value) ? fmt.km(value) : t('postal.noPoint');
    case 'target':
      return value === 2 ? t('status.met') : value === 1 ? t('status.not_met') : t('status.not_evaluable');
    default:
      return fmt.percent(value);
  }
}

/** A target in one line: "GL-M1 · Phủ sóng 5G ≥ 99% (2030)". */
export function targetLabel(def: TargetDef): string {
  return `${def.id} · ${currentLang() === 'vi' ? def.indicator : def.indicator_en}${targetTech(def)} ${def.comparator} ${targetValue(def)}${
    def.year === null ? '' : ` (${def.year})`
  }`;
}

/**
 * The technology a mobile target is scored on, as " (5G)" / " (mọi công nghệ)"; empty for other
 * targets. Shown wherever the target's status is (issue 15: DN-M8 "coverage ≥ 80 %" reads as 5G).
 */
export function targetTech(def: Pick<TargetDef, 'technology'>): string {
  if (!def.technology) return '';
  return ` (${def.technology === 'any' ? t('tech.any') : def.technology})`;
}

/** The target's value with its unit. */
export function targetValue(def: Pick<TargetDef, 'value' | 'unit'>): string {
  switch (def.unit) {
    case '%':
      return fmt.percent(def.value, 0, 2);
    case 'km':
      return fmt.km(def.value);
    case 'people':
      return `${fmt.int(def.value)} ${t('unit.peoplePerPoint')}`;
    case 'Mb/s':
      return `${fmt.decimal(def.value, 0, 1)} Mb/s`;
    case 'count':
      return fmt.int(def.value);
  }
}

/** Whether a target counts under the year filter. */
export function yearMatches(def: Pick<TargetDef, 'year'>, year: YearFilter): boolean {
  return year === 'all' || (year === 'none' ? def.year === null : def.year === year);
}

/** The targets the map can colour communes by under the year filter (those evaluated per commune). */
export function mappableTargets(defs: readonly TargetDef[], year: YearFilter): TargetDef[] {
  return defs.filter((d) => d.levels.includes('commune') && yearMatches(d, year));
}
