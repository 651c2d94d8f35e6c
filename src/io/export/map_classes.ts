/**
 * The classes of a choropleth, one definition for the app's map, its legend and PNG, and the PDF's
 * maps (issue 15): the same breaks, the same colour-blind-safe ColorBrewer palettes and the same class
 * labels ("< 50%", "50–80%", …, "≥ 99%") for the same indicator, fixed or fitted to the data.
 *
 * - coverage % (people or area): < 50, 50–80, 80–90, 90–95, 95–99, ≥ 99 (YlGnBu);
 * - fiber reach %: < 20, 20–40, 40–60, 60–80, 80–95, ≥ 95 (YlGnBu);
 * - R̄ km: < 1, 1–2, 2–3 | 3–4, 4–5, ≥ 5 (PuOr, split at the 3 km target);
 * - share beyond 3 km %: < 1, 1–5, 5–10, 10–25, 25–50, ≥ 50 (YlOrRd);
 * - any other figure: quantile classes (YlGnBu, reversed when lower is better).
 */
import { quantileSorted, schemePuOr, schemeYlGnBu, schemeYlOrRd } from 'd3';

/** The families of indicators that share fixed classes. */
export type ClassFamily = 'coverage' | 'fiber_reach' | 'postal_radius' | 'postal_beyond';

/** The fixed breaks of each family (the plans' thresholds), lowest first. */
export const FIXED_BREAKS: Record<ClassFamily, readonly number[]> = {
  coverage: [50, 80, 90, 95, 99],
  fiber_reach: [20, 40, 60, 80, 95],
  postal_radius: [1, 2, 3, 4, 5],
  postal_beyond: [1, 5, 10, 25, 50],
};

/** At most this many classes (ColorBrewer's schemes hold 3–9; six as the fixed classes). */
const CLASSES = 6;

/** The family of a report.json indicator id (`mobile.4G.population_pct` → coverage), or null. */
export function classFamilyOf(indicatorId: string): ClassFamily | null {
  if (/^mobile\.[^.]+(\.[^.]+)?\.(population|area)_pct$/.test(indicatorId)) return 'coverage';
  if (indicatorId === 'fiber.population_within_reach_pct') return 'fiber_reach';
  if (indicatorId === 'postal.avg_service_radius_km') return 'postal_radius';
  if (indicatorId === 'postal.beyond_distance_population_pct') return 'postal_beyond';
  return null;
}

/**
 * `n` class colours (hex, lowest class first) of a family's scheme: YlGnBu for coverage and fiber
 * reach (and other figures; reversed when `lowerIsBetter`), PuOr reversed for R̄, YlOrRd for the share
 * beyond 3 km. Two classes take the ends of the three-class scheme.
 */
export function classColors(family: ClassFamily | null, n: number, lowerIsBetter = false): string[] {
  const scheme =
    family === 'postal_radius' ? schemePuOr : family === 'postal_beyond' ? schemeYlOrRd : schemeYlGnBu;
  const colors = [...(scheme[Math.min(9, Math.max(3, n))] ?? [])];
  if (family === 'postal_radius' || (family === null && lowerIsBetter)) colors.reverse();
  return n === 2 ? [colors[0]!, colors[2]!] : n === 1 ? [colors[colors.length - 1]!] : colors;
}

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

/** A map's classes: breaks between them (lowest first) and one colour per class (one more than breaks). */
export interface MapClasses {
  breaks: number[];
  colors: string[];
}

/**
 * The classes of an indicator: its family's fixed breaks (`fixed`, the default), or quantile breaks of
 * the values (`quantile`; also for an indicator without a family). Values with fewer than two distinct
 * figures keep the fixed breaks (or one class).
 */
export function mapClasses(
  indicatorId: string,
  mode: 'fixed' | 'quantile',
  values: readonly (number | null)[],
  lowerIsBetter = false,
): MapClasses {
  const family = classFamilyOf(indicatorId);
  const fitted = mode === 'quantile' || family === null ? quantileBreaks(values) : [];
  const breaks = fitted.length ? fitted : family ? [...FIXED_BREAKS[family]] : [];
  return { breaks, colors: classColors(family, breaks.length + 1, lowerIsBetter) };
}

/**
 * The label of each class, lowest first: "< 50%", "50–80%", …, "≥ 99%" (`unit` as written after the
 * number: "%", " km"; `format` writes a break in the reader's language, e.g. "0,1").
 */
export function classLabels(
  breaks: readonly number[],
  unit: string,
  format: (v: number) => string,
): string[] {
  if (breaks.length === 0) return [''];
  return Array.from({ length: breaks.length + 1 }, (_, i) => {
    const lo = breaks[i - 1];
    const hi = breaks[i];
    if (lo === undefined) return `< ${format(hi!)}${unit}`;
    if (hi === undefined) return `≥ ${format(lo)}${unit}`;
    return `${format(lo)}–${format(hi)}${unit}`;
  });
}
