import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { parseJsonText } from './json_text.ts';

export interface RawFeature {
  index: number;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

/** Parses GeoJSON text or an already-parsed object into features; malformed JSON is a UserError. */
export function readFeatureCollection(input: unknown, file: string): RawFeature[] {
  const data = typeof input === 'string' ? parseJsonText(input, file) : input;
  const fc = data as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new UserError(`${file}: expected a GeoJSON FeatureCollection with a "features" array.`);
  }
  return fc.features.map((f: unknown, index: number) => {
    const feat = (f ?? {}) as { geometry?: unknown; properties?: unknown };
    const g = feat.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    return {
      index,
      geometry: g && typeof g.type === 'string' ? { type: g.type, coordinates: g.coordinates } : null,
      properties: (feat.properties && typeof feat.properties === 'object' ? feat.properties : {}) as Record<
        string,
        unknown
      >,
    };
  });
}

/** Picks the first property name present among candidates (case-insensitive), or the explicit one. */
export function pickField(
  features: readonly RawFeature[],
  explicit: string | undefined,
  candidates: readonly string[],
): string | null {
  if (explicit) return explicit;
  const keys = new Set<string>();
  for (const f of features.slice(0, 50)) for (const k of Object.keys(f.properties)) keys.add(k);
  for (const c of candidates) for (const k of keys) if (k.toLowerCase() === c) return k;
  return null;
}

/**
 * Checks that a coordinate pair is a finite lon/lat in range; returns a message or null. The message
 * says which value is out of range, and gives the projected-metres hint (VN-2000) only when a value
 * looks like metres (over 1,000 in size), the swapped hint only when the pair reads right swapped.
 */
export function coordinateProblem(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2) return 'a position must be [lon, lat]';
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
    return 'coordinates must be numbers';
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    const hint =
      Math.abs(lon) > 1000 || Math.abs(lat) > 1000
        ? 'projected metres (e.g. VN-2000) are not degrees'
        : Math.abs(lat) > 90 && Math.abs(lon) <= 90
          ? 'latitude and longitude look swapped'
          : Math.abs(lat) > 90
            ? `latitude ${lat} is not within −90…90`
            : `longitude ${lon} is not within −180…180`;
    return `coordinates (${lon}, ${lat}) are outside the lon/lat range; ${hint}`;
  }
  return null;
}

/**
 * The field to name for a position out of range: `lat` when only the latitude is out of its range
 * (−90…90, with the longitude within −180…180), else `lon`.
 */
export function coordinateField(lon: number, lat: number): 'lon' | 'lat' {
  return Math.abs(lat) > 90 && Math.abs(lon) <= 180 ? 'lat' : 'lon';
}

/** Collects issues with a shared file name. */
export class IssueList {
  readonly items: InputIssue[] = [];
  constructor(readonly file: string) {}
  error(path: string, message: string, extra: { row?: number; field?: string } = {}): void {
    this.items.push({ file: this.file, path, message, severity: 'error', ...extra });
  }
  warn(path: string, message: string, extra: { row?: number; field?: string } = {}): void {
    this.items.push({ file: this.file, path, message, severity: 'warning', ...extra });
  }
}

/** A Point feature's position (unchecked: the record's validator checks it) and properties. */
export interface PointFeature {
  index: number;
  /** `features[i]`, for issue paths. */
  path: string;
  lon: unknown;
  lat: unknown;
  properties: Record<string, unknown>;
}

/**
 * The Point features of a GeoJSON FeatureCollection, for the point kinds (postal points, villages,
 * population); any other geometry is an error on the feature's `geometry` field, in `issues`.
 */
export function pointFeatures(input: unknown, issues: IssueList): { points: PointFeature[]; total: number } {
  const features = readFeatureCollection(input, issues.file);
  const points: PointFeature[] = [];
  for (const f of features) {
    const path = `features[${f.index}]`;
    if (f.geometry?.type !== 'Point') {
      issues.error(`${path}.geometry`, `geometry must be Point, not ${f.geometry?.type ?? 'missing'}`, {
        field: 'geometry',
      });
      continue;
    }
    const c = f.geometry.coordinates as unknown[];
    points.push({ index: f.index, path, lon: c?.[0], lat: c?.[1], properties: f.properties });
  }
  return { points, total: features.length };
}
