import { type MapClasses, mapClasses } from './map_classes.ts';

/** A choropleth class: values in [from, to) get the colour (the last class includes its upper end). */
export interface ColorClass {
  from: number;
  to: number;
  color: [number, number, number];
}

/** The fill of an area without a figure (the app's #d4d4d4). */
export const NO_DATA: [number, number, number] = [212, 212, 212];

const rgbOf = (hex: string): [number, number, number] => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

/**
 * The classes of a map as value ranges with RGB colours (the lowest from −∞, the highest to +∞): the
 * app's classes for the same indicator (`mapClasses`: the same breaks and colour-blind-safe palettes).
 */
export function colorClasses(classes: MapClasses): ColorClass[] {
  return classes.colors.map((hex, k) => ({
    from: classes.breaks[k - 1] ?? Number.NEGATIVE_INFINITY,
    to: classes.breaks[k] ?? Number.POSITIVE_INFINITY,
    color: rgbOf(hex),
  }));
}

/**
 * Classes for a coverage map of a report indicator: its fixed classes (the app's), quantile classes
 * for a figure without fixed ones, as RGB ranges.
 */
export function choroplethClasses(
  indicatorId: string,
  values: readonly (number | null)[],
  better: 'higher' | 'lower' | null,
  mode: 'fixed' | 'quantile' = 'fixed',
): ColorClass[] {
  return colorClasses(mapClasses(indicatorId, mode, values, better === 'lower'));
}

/** The class colour of a value (grey for no value). */
export function classColor(classes: readonly ColorClass[], v: number | null): [number, number, number] {
  if (v === null) return NO_DATA;
  for (const c of classes) if (v < c.to) return c.color;
  return classes[classes.length - 1]?.color ?? NO_DATA;
}
