/** A GeoJSON-like geometry as read from a file: nothing about it is trusted yet. */
export interface LooseGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: unknown;
}

/** A feature as read from a file, before validation. */
export interface LooseFeature {
  geometry: LooseGeometry | null;
  properties: Record<string, unknown>;
}

const MAX_DEPTH = 6; // MultiPolygon positions sit 4 arrays deep; deeper nesting is not GeoJSON

/**
 * Calls `fn` on every position (an array starting with two numbers) of a geometry's coordinates,
 * including inside a GeometryCollection. Malformed nesting is skipped, not thrown: validation reports it.
 */
export function forEachPosition(geometry: LooseGeometry | null, fn: (p: number[]) => void): void {
  if (!geometry) return;
  const walk = (c: unknown, depth: number): void => {
    if (!Array.isArray(c) || depth > MAX_DEPTH) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') fn(c as number[]);
    else for (const x of c) walk(x, depth + 1);
  };
  walk(geometry.coordinates, 0);
  if (Array.isArray(geometry.geometries)) {
    for (const g of geometry.geometries.slice(0, 1000)) {
      if (g && typeof g === 'object') walk((g as LooseGeometry).coordinates, 0);
    }
  }
}

/** Beyond this magnitude a coordinate is metres, not a (possibly mistyped or swapped) degree value. */
const METRES = 1000;

/**
 * Classifies positions: `projected` when most finite ones are metres (a coordinate beyond ±1,000, as
 * in VN-2000 TM-3 or UTM files, whose eastings and northings are hundreds of thousands), `degrees`
 * otherwise (including out-of-range or swapped values, which validation and the swap check report),
 * `none` without finite positions.
 */
export function coordinateKind(positions: Iterable<readonly [number, number]>): {
  kind: 'degrees' | 'projected' | 'none';
  example: [number, number] | null;
} {
  let degrees = 0;
  let metres = 0;
  let example: [number, number] | null = null;
  for (const [x, y] of positions) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (Math.abs(x) <= METRES && Math.abs(y) <= METRES) degrees++;
    else {
      metres++;
      example ??= [x, y];
    }
  }
  if (degrees + metres === 0) return { kind: 'none', example: null };
  return metres > degrees ? { kind: 'projected', example } : { kind: 'degrees', example: null };
}
