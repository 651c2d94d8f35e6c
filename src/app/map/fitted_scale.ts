/**
 * Class breaks fitted to the data (issue 15): the communes' values split into classes of about equal
 * size (quantiles), so that an indicator whose values all sit in one fixed class (5G coverage under
 * 50 % everywhere) still shows which communes are better or worse. Same palette as the fixed classes.
 */
import { type ScaleThreshold, scaleThreshold } from 'd3';
import { classColors, quantileBreaks } from '../../io/export/map_classes.ts';
import type { DataStore } from '../state/data_store.ts';
import type { IndicatorId, ViewState } from '../state/view_state.ts';
import { familyOf, indicatorScale } from './color_scale.ts';
import { indicatorValue } from './indicators.ts';

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
    .range(classColors(familyOf(id), breaks.length + 1));
}

/** The scale the map colours the communes with now: the view's indicator and classes, on the store's communes. */
export function viewScale(view: ViewState, store: DataStore | null): ScaleThreshold<number, string> {
  const values = store ? store.unitsOf('commune').map((u) => indicatorValue(store, u, view)) : [];
  return mapScale(view.indicator, view.classes, values);
}
