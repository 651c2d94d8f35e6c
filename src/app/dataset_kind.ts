/** The kinds of file the app imports, and a guess of the kind from a file's name and first bytes. */

export const DATASET_KINDS = ['boundaries', 'sites', 'postal', 'fiber', 'villages', 'population'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** What a dropped file is: one of the datasets, or a saved scenario. */
export type FileKind = DatasetKind | 'scenario';

/** An imported file as stored in IndexedDB and sent to the worker: text, or bytes for a GeoTIFF. */
export interface DatasetPayload {
  kind: DatasetKind;
  name: string;
  text?: string;
  bytes?: ArrayBuffer;
  importedAt: string;
}

/** True for a file read as bytes rather than text (a population raster). */
export function isBinaryName(name: string): boolean {
  return /\.tiff?$/i.test(name);
}

const has = (keys: readonly string[], ...wanted: string[]) => wanted.some((w) => keys.includes(w));

/**
 * Guesses what a file holds: GeoTIFF → population; a scenario file; GeoJSON by geometry type and
 * properties; CSV by its header. Null when nothing fits (the user then picks the kind).
 */
export function detectKind(name: string, head: string): FileKind | null {
  if (isBinaryName(name)) return 'population';
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"format"\s*:\s*"vungphu-scenario"/.test(text)) return 'scenario';
    const geometry = /"type"\s*:\s*"(Point|LineString|MultiLineString|Polygon|MultiPolygon)"/.exec(text)?.[1];
    const props = /"properties"\s*:\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
    const keys = [...props.matchAll(/"([^"]+)"\s*:/g)].map((m) => m[1]!.toLowerCase());
    if (geometry === 'LineString' || geometry === 'MultiLineString') return 'fiber';
    if (has(keys, 'technology', 'technologies', 'tech')) return 'sites';
    if (geometry === 'Polygon' || geometry === 'MultiPolygon') return 'boundaries';
    if (has(keys, 'staffed') || (has(keys, 'type') && has(keys, 'internet'))) return 'postal';
    if (has(keys, 'has_grid_power', 'households', 'name', 'ten', 'commune_id')) return 'villages';
    if (has(keys, 'population', 'pop', 'dan_so', 'danso')) return 'population';
    return null;
  }
  const header = (text.split(/\r?\n/, 1)[0] ?? '')
    .toLowerCase()
    .split(/[,;\t]/)
    .map((h) => h.trim().replace(/^"|"$/g, ''));
  if (has(header, 'technology', 'technologies', 'tech')) return 'sites';
  if (has(header, 'staffed')) return 'postal';
  if (has(header, 'wkt', 'geometry', 'medium')) return 'fiber';
  if (has(header, 'has_grid_power', 'households', 'name', 'ten', 'commune_id')) return 'villages';
  if (has(header, 'population', 'pop', 'dan_so', 'danso')) return 'population';
  return null;
}
