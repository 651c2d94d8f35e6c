import { type ScaleThreshold, scaleThreshold } from 'd3';
import { type ClassFamily, classColors, FIXED_BREAKS } from '../../io/export/map_classes.ts';
import type { IndicatorId } from '../state/view_state.ts';

/** Fill for communes without a figure (no data of that kind, or the target does not apply). */
export const NO_DATA_COLOR = '#d4d4d4';

/** Target status colours (Okabe–Ito blue and vermillion: told apart with every common colour-vision deficiency). */
const STATUS_COLORS = { met: '#0072B2', not_met: '#D55E00', not_evaluable: '#8c8c8c' } as const;

/** Dead-zone villages (no 4G): a strong red, ringed in white, over any fill. */
export const DEAD_ZONE_COLOR = '#d7191c';

/** Operator colours, Okabe–Ito (colour-blind safe); other operators get the remaining ones in turn. */
const OPERATOR_PALETTE = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const KNOWN_OPERATORS: Record<string, string> = {
  Viettel: '#D55E00',
  VNPT: '#0072B2',
  MobiFone: '#009E73',
};

/** A stable colour per operator. */
export function operatorColor(operator: string, operators: readonly string[]): string {
  const known = KNOWN_OPERATORS[operator];
  if (known) return known;
  const others = operators.filter((o) => !KNOWN_OPERATORS[o]);
  return OPERATOR_PALETTE[(3 + Math.max(0, others.indexOf(operator))) % OPERATOR_PALETTE.length]!;
}

/** The class family of each map indicator (its fixed breaks and palette, shared with the PDF's maps). */
const INDICATOR_FAMILY: Record<Exclude<IndicatorId, 'target'>, ClassFamily> = {
  mobile_pop: 'coverage',
  mobile_area: 'coverage',
  mobile_populated: 'coverage',
  fiber_reach: 'fiber_reach',
  postal_radius: 'postal_radius',
  postal_beyond: 'postal_beyond',
};

/** The class family of a map indicator (its fixed breaks and palette). */
export function familyOf(id: Exclude<IndicatorId, 'target'>): ClassFamily {
  return INDICATOR_FAMILY[id];
}

/**
 * The class breaks and colours of each indicator (ColorBrewer sequential/diverging schemes, all
 * colour-blind safe; `io/export/map_classes.ts`, which the PDF's maps read too), as d3 threshold
 * scales; the map and the legend both read their classes here. The target indicator: not evaluable /
 * not met / met (0, 1, 2).
 */
export function indicatorScale(id: IndicatorId): ScaleThreshold<number, string> {
  if (id !== 'target') {
    const family = INDICATOR_FAMILY[id];
    const breaks = FIXED_BREAKS[family];
    return scaleThreshold<number, string>()
      .domain([...breaks])
      .range(classColors(family, breaks.length + 1));
  }
  return scaleThreshold<number, string>()
    .domain([0.5, 1.5])
    .range([STATUS_COLORS.not_evaluable, STATUS_COLORS.not_met, STATUS_COLORS.met]);
}
