import { type ScaleThreshold, scaleThreshold, schemeYlGnBu } from 'd3';
import type { ExpressionSpecification } from 'maplibre-gl';
import { formatBreak } from './format.ts';

/** Upper class breaks in % (the lowest class starts at 0 %): <50, 50–80, 80–90, 90–95, 95–99, ≥99. */
export const COVERAGE_BREAKS: readonly number[] = [50, 80, 90, 95, 99];

/** Fill for communes without a figure (no population, or not analysed). */
export const NO_DATA_COLOR = '#bdbdbd';

/**
 * The coverage colour scale: % → colour, with ColorBrewer YlGnBu (sequential, colour-blind safe),
 * one colour per class. The map and the legend both read their classes from this one scale.
 */
export function coverageScale(): ScaleThreshold<number, string> {
  const colors = schemeYlGnBu[COVERAGE_BREAKS.length + 1];
  if (!colors) throw new Error(`schemeYlGnBu has no ${COVERAGE_BREAKS.length + 1}-class palette`);
  return scaleThreshold<number, string>()
    .domain([...COVERAGE_BREAKS])
    .range([...colors]);
}

/** One legend row: a colour and its range of %. */
export interface LegendClass {
  color: string;
  label: string;
}

/** The scale's classes as legend rows, lowest first, e.g. "< 50%", "50–80%", …, "≥ 99%". */
export function legendClasses(scale: ScaleThreshold<number, string>): LegendClass[] {
  const breaks = scale.domain();
  return scale.range().map((color, i) => {
    const lo = breaks[i - 1];
    const hi = breaks[i];
    let label: string;
    if (lo === undefined && hi !== undefined) label = `< ${formatBreak(hi)}%`;
    else if (lo !== undefined && hi === undefined) label = `≥ ${formatBreak(lo)}%`;
    else label = `${formatBreak(lo ?? 0)}–${formatBreak(hi ?? 100)}%`;
    return { color, label };
  });
}

/**
 * A MapLibre `fill-color` expression equivalent to the scale, reading the % from the feature-state
 * key `stateKey`; features without that state get NO_DATA_COLOR.
 */
export function fillColorExpression(
  scale: ScaleThreshold<number, string>,
  stateKey: string,
): ExpressionSpecification {
  const [first, ...rest] = scale.range();
  const stops: (number | string)[] = [];
  scale.domain().forEach((limit, i) => {
    const color = rest[i];
    if (color !== undefined) stops.push(limit, color);
  });
  // `number` with a fallback: a missing state (null) becomes -1, i.e. "no data".
  const value: ExpressionSpecification = ['number', ['feature-state', stateKey], -1];
  return [
    'case',
    ['<', value, 0],
    NO_DATA_COLOR,
    ['step', value, first ?? NO_DATA_COLOR, ...stops] as ExpressionSpecification,
  ];
}
