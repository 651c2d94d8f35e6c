import { type ScaleThreshold, scaleThreshold, schemePuOr, schemeYlGnBu, schemeYlOrRd } from 'd3';
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

function palette(scheme: readonly (readonly string[])[], n: number, reverse = false): string[] {
  const colors = scheme[n];
  if (!colors) throw new Error(`no ${n}-class palette`);
  return reverse ? [...colors].reverse() : [...colors];
}

/**
 * The class breaks and colours of each indicator (ColorBrewer sequential/diverging schemes, all
 * colour-blind safe), as d3 threshold scales; the map and the legend both read their classes here.
 * - coverage %: < 50, 50–80, 80–90, 90–95, 95–99, ≥ 99 (YlGnBu);
 * - fiber reach %: < 20, 20–40, 40–60, 60–80, 80–95, ≥ 95 (YlGnBu);
 * - R̄ km: < 1, 1–2, 2–3 | 3–4, 4–5, ≥ 5 (PuOr, split at the 3 km target; no counted point = ≥ 5);
 * - share beyond 3 km %: < 1, 1–5, 5–10, 10–25, 25–50, ≥ 50 (YlOrRd);
 * - target: not evaluable / not met / met (0, 1, 2).
 */
export function indicatorScale(id: IndicatorId): ScaleThreshold<number, string> {
  switch (id) {
    case 'mobile_pop':
    case 'mobile_area':
    case 'mobile_populated':
      return scaleThreshold<number, string>().domain([50, 80, 90, 95, 99]).range(palette(schemeYlGnBu, 6));
    case 'fiber_reach':
      return scaleThreshold<number, string>().domain([20, 40, 60, 80, 95]).range(palette(schemeYlGnBu, 6));
    case 'postal_radius':
      return scaleThreshold<number, string>()
        .domain([1, 2, 3, 4, 5])
        .range(palette(schemePuOr, 6, true));
    case 'postal_beyond':
      return scaleThreshold<number, string>().domain([1, 5, 10, 25, 50]).range(palette(schemeYlOrRd, 6));
    case 'target':
      return scaleThreshold<number, string>()
        .domain([0.5, 1.5])
        .range([STATUS_COLORS.not_evaluable, STATUS_COLORS.not_met, STATUS_COLORS.met]);
    default: {
      const unexpected: never = id;
      throw new Error(`unknown indicator ${String(unexpected)}`);
    }
  }
}
