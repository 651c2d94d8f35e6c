import type { CoverageFigure, TechnologyKey, UnitResult } from '../core/types.ts';
import { ALL_OPERATORS } from '../core/types.ts';

/** Which share a map indicator shows: of the unit's people, or of its area. */
export type IndicatorBasis = 'population' | 'area';

/** One choice in the indicator selector: a technology, a basis, and its Vietnamese label. */
export interface Indicator {
  id: string;
  technology: TechnologyKey;
  basis: IndicatorBasis;
  /** Label in the selector, e.g. "Phủ sóng 4G theo dân số". */
  label: string;
  /** Short name used in sentences, e.g. "4G". */
  short: string;
}

/** The indicators the map can colour communes by, for operator "all"; the first is the default. */
export const INDICATORS: readonly Indicator[] = [
  { id: '4g-pop', technology: '4G', basis: 'population', label: 'Phủ sóng 4G theo dân số', short: '4G' },
  { id: '5g-pop', technology: '5G', basis: 'population', label: 'Phủ sóng 5G theo dân số', short: '5G' },
  {
    id: 'any-pop',
    technology: 'any',
    basis: 'population',
    label: 'Phủ sóng (mọi công nghệ) theo dân số',
    short: 'mọi công nghệ',
  },
  { id: '4g-area', technology: '4G', basis: 'area', label: 'Phủ sóng 4G theo diện tích', short: '4G' },
];

/** The default indicator: 4G population coverage. */
export const DEFAULT_INDICATOR: Indicator = INDICATORS[0]!;

/** Finds an indicator by id; falls back to the default for an unknown id. */
export function indicatorById(id: string): Indicator {
  return INDICATORS.find((indicator) => indicator.id === id) ?? DEFAULT_INDICATOR;
}

/** The unit's coverage figure for a technology at operator "all", if the engine produced one. */
export function coverageFor(unit: UnitResult, technology: TechnologyKey): CoverageFigure | undefined {
  return unit.coverage.find((c) => c.technology === technology && c.operator === ALL_OPERATORS);
}

/**
 * The indicator's value for a unit, in % (0–100) of its population or area,
 * or undefined when the engine has no figure (e.g. a commune with no population).
 */
export function indicatorValue(unit: UnitResult, indicator: Indicator): number | undefined {
  const figure = coverageFor(unit, indicator.technology);
  if (!figure) return undefined;
  const value = indicator.basis === 'population' ? figure.population_pct : figure.area_pct;
  return Number.isFinite(value) ? value : undefined;
}
