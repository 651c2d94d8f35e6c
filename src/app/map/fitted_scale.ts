/**
 * Class breaks fitted to the data (issue 15): the communes' values split into classes of about equal
 * size (quantiles), so that an indicator whose values all sit in one fixed class (5G coverage under
 * 50 % everywhere) still shows which communes are better or worse. Same palette as the fixed classes.
 */
import {
  quantileSorted,
  type ScaleThreshold,
  scaleThreshold,
  schemePuOr,
  schemeYlGnBu,
  schemeYlOrRd,
} from 'd3';
import type { DataStore } from '../state/data_store.ts';
import type { IndicatorId, ViewState } from '../state/view_state.ts';
import { indicatorScale } from './color_scale.ts';
import { indicatorValue } from './indicators.ts';

/** At most this many classes (ColorBrewer's schemes hold 3–9; six as the fixed classes). */
const CLASSES = 6;

/**
 * Quantile breaks of `values` (nulls left out) for up to `classes` classes: the k/classes quantiles,
 * rounded to one decimal, kept only when above the smallest value and above the previous break (ties
 * merge classes). When more than a class's share of the values sit at the smallest value, those get a
 * class of their own and the quantiles are taken over the others. Empty when the values have fewer
 * than two distinct figures.
 */
export function quantileBreaks(values: readonly (number | null)[], classes = CLASSES): number[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0 || sorted[0] === sorted.at(-1)) return [];
  const min = sorted[0]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  const breaks: number[] = [];
  let rest = sorted;
  let n = classes;
  // Many communes at the lowest value (5G: most at 0 %) would swallow every quantile: they get a
  // class of their own ("< 0.1 %"), and the other values share the remaining classes.
  if (sorted.filter((v) => v === min).length > sorted.length / classes) {
    breaks.push(round(min + 0.1));
    rest = sorted.filter((v) => v >= breaks[0]!);
    n = classes - 1;
  }
  for (let k = rest === sorted ? 1 : 0; k < n; k++) {
    const q = round(quantileSorted(rest, k / n) ?? 0);
    if (q > min && (breaks.length === 0 || q > breaks.at(-1)!)) breaks.push(q);
  }
  // A break no value reaches leaves an empty top class: drop it.
  while (breaks.length && breaks.at(-1)! > sorted.at(-1)!) breaks.pop();
  return breaks;
}

/** The palette of an indicator for `n` classes (the fixed classes' scheme). */
function paletteOf(id: IndicatorId, n: number): string[] {
  const scheme = id === 'postal_radius' ? schemePuOr : id === 'postal_beyond' ? schemeYlOrRd : schemeYlGnBu;
  const k = Math.max(3, n);
  const colors = [...(scheme[k] ?? [])];
  if (id === 'postal_radius') colors.reverse();
  // Two classes: the ends of the three-class scheme.
  return n === 2 ? [colors[0]!, colors[2]!] : colors;
}

/**
 * The map's scale: the indicator's fixed classes, or quantile classes of these values (`quantile`).
 * The target indicator (met / not met) always keeps its three fixed classes; values with fewer than
 * two distinct figures keep the fixed ones too.
 */
export function mapScale(
  id: IndicatorId,
  mode: 'fixed' | 'quantile',
  values: readonly (number | null)[],
): ScaleThreshold<number, string> {
  if (mode === 'fixed' || id === 'target') return indicatorScale(id);
  const breaks = quantileBreaks(values);
  if (breaks.length === 0) return indicatorScale(id);
  return scaleThreshold<number, string>()
    .domain(breaks)
    .range(paletteOf(id, breaks.length + 1));
}

/** The scale the map colours the communes with now: the view's indicator and classes, on the store's communes. */
export function viewScale(view: ViewState, store: DataStore | null): ScaleThreshold<number, string> {
  const values = store ? store.unitsOf('commune').map((u) => indicatorValue(store, u, view)) : [];
  return mapScale(view.indicator, view.classes, values);
}
