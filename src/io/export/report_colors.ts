/** A choropleth class: values in [from, to) get the colour (the last class includes its upper end). */
export interface ColorClass {
  from: number;
  to: number;
  color: [number, number, number];
}

// Red (poor) to green (good), colour-blind safe enough for print (ColorBrewer RdYlGn, 6 classes).
const RAMP: [number, number, number][] = [
  [215, 48, 39],
  [252, 141, 89],
  [254, 224, 139],
  [217, 239, 139],
  [145, 207, 96],
  [26, 152, 80],
];
const NO_DATA: [number, number, number] = [200, 200, 200];

/**
 * Classes for a coverage map: fixed breaks for a percentage (0–50–80–90–95–99–100, the ranges the
 * plans' targets sit in), quantile breaks otherwise. `better: 'lower'` reverses the ramp.
 */
export function choroplethClasses(
  values: readonly (number | null)[],
  unit: string,
  better: 'higher' | 'lower' | null,
): ColorClass[] {
  let breaks: number[];
  if (unit === '%') breaks = [0, 50, 80, 90, 95, 99, 100];
  else {
    const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
    const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * (v.length - 1)))] ?? 0;
    breaks = [...new Set([q(0), q(0.2), q(0.4), q(0.6), q(0.8), q(1)])];
    if (breaks.length < 2) breaks = [breaks[0] ?? 0, (breaks[0] ?? 0) + 1];
  }
  const n = breaks.length - 1;
  const ramp = better === 'lower' ? [...RAMP].reverse() : RAMP;
  return Array.from({ length: n }, (_, k) => ({
    from: breaks[k]!,
    to: breaks[k + 1]!,
    color: ramp[Math.round((k * (ramp.length - 1)) / Math.max(1, n - 1))]!,
  }));
}

/** The class colour of a value (grey for no value). */
export function classColor(classes: readonly ColorClass[], v: number | null): [number, number, number] {
  if (v === null) return NO_DATA;
  for (const c of classes) if (v < c.to) return c.color;
  return classes[classes.length - 1]?.color ?? NO_DATA;
}
