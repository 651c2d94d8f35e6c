/** The kinds of file the app imports, and a guess of the kind from a file's fields or header. */

export const DATASET_KINDS = [
  'boundaries',
  'sites',
  'postal',
  'fiber',
  'villages',
  'population',
  'speedtests',
  'settlements',
  'baseline',
] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** The record sets an import can be added to, rather than replace (each record has an id). */
export const ADDABLE_KINDS = ['sites', 'postal', 'fiber', 'villages'] as const;
export type AddableKind = (typeof ADDABLE_KINDS)[number];

/** True for a kind whose import may be added to the loaded records rather than replace them. */
export function isAddable(kind: string): kind is AddableKind {
  return (ADDABLE_KINDS as readonly string[]).includes(kind);
}

/** What a dropped file is: one of the datasets, or a saved scenario. */
export type FileKind = DatasetKind | 'scenario';

/**
 * How an imported file is read, chosen in the Data tab and stored with it (a reload reads it the same
 * way): its coordinate system when it declares none or declares the wrong one, and what to do with
 * rows whose latitude and longitude look swapped.
 */
export interface ImportChoice {
  /** "EPSG:3405"…; unset: the file's own .prj/crs, else WGS 84 degrees (metres are never degrees). */
  crs?: string;
  /** VN-2000 TM-3 zone with this central meridian (108.5 for Gia Lai and Đắk Nông). */
  vn2000Meridian?: number;
  /** Swapped rows: swap back with a warning (default) or reject. */
  swapped?: 'fix' | 'reject';
  /** Field → the file's column, chosen in the mapping form when the header is not recognised. */
  columns?: Record<string, string>;
}

/**
 * A dataset as stored in IndexedDB and sent to the worker. Imported files are kept as their bytes
 * (the importer decodes UTF-8, UTF-16 and Windows-1258 itself, and reads XLSX, KMZ, zipped shapefiles
 * and GeoTIFF); the bundled sample, and files stored by older versions, come as text.
 */
export interface DatasetPayload {
  kind: DatasetKind;
  name: string;
  text?: string;
  bytes?: ArrayBuffer;
  options?: ImportChoice;
  importedAt: string;
  /**
   * Set when the file's rows were added to the records loaded before it rather than replace them
   * (sites, postal points, fiber routes, villages): the bundled sample, or the earlier imported file
   * (itself possibly added to another). A row with an id already loaded replaces it.
   */
  base?: 'sample' | DatasetPayload;
}

/** Extensions the file picker offers (the importer checks the real format from the bytes). */
export const IMPORT_ACCEPT = '.geojson,.json,.csv,.tsv,.txt,.xlsx,.kml,.kmz,.zip,.tif,.tiff,.hgt,.gpkg';

/** True for a file that may be a saved scenario (JSON text). */
export function mayBeScenario(name: string): boolean {
  return /\.(json|geojson)$/i.test(name);
}

const has = (keys: readonly string[], ...wanted: string[]) => wanted.some((w) => keys.includes(w));

/** The kind of a table (CSV, XLSX) from its header, or null. */
export function kindFromHeader(header: readonly string[]): DatasetKind | null {
  const keys = header.map((h) =>
    h
      .trim()
      .replace(/^\uFEFF/, '')
      .replace(/^"|"$/g, '')
      .toLowerCase(),
  );
  // Speed tests name a technology too: their speed columns come first.
  if (has(keys, 'download_mbps', 'avg_d_kbps', 'quadkey')) return 'speedtests';
  if (has(keys, 'technology', 'technologies', 'tech')) return 'sites';
  if (has(keys, 'staffed')) return 'postal';
  if (has(keys, 'wkt', 'geometry', 'medium')) return 'fiber';
  if (has(keys, 'has_grid_power', 'households', 'name', 'ten', 'commune_id')) return 'villages';
  if (has(keys, 'population', 'pop', 'dan_so', 'danso')) return 'population';
  return null;
}

/**
 * The kind of a feature file (GeoJSON, KML, shapefile) from its first geometry type and property
 * names: anything with a technology is sites (whatever its geometry: the validator then says what is
 * wrong), lines are fiber, polygons boundaries, points by their fields. Null when nothing fits (the user then picks the kind).
 */
export function kindFromFeatures(
  geometryType: string | null,
  properties: readonly string[],
): DatasetKind | null {
  const keys = properties.map((k) => k.toLowerCase());
  if (has(keys, 'download_mbps', 'avg_d_kbps', 'quadkey', 'download_m')) return 'speedtests';
  // Shapefiles cut field names to 10 characters ("technologi").
  if (has(keys, 'technology', 'technologies', 'tech', 'technologi')) return 'sites';
  if (geometryType === 'LineString' || geometryType === 'MultiLineString') return 'fiber';
  if (geometryType === 'Polygon' || geometryType === 'MultiPolygon') return 'boundaries';
  if (has(keys, 'staffed') || (has(keys, 'type') && has(keys, 'internet'))) return 'postal';
  if (has(keys, 'has_grid_power', 'has_grid_p', 'households', 'name', 'ten', 'commune_id')) return 'villages';
  if (has(keys, 'population', 'pop', 'dan_so', 'danso', 'populatio')) return 'population';
  return null;
}

/**
 * Guesses what a text file holds from its name and first characters: a scenario file; GeoJSON by
 * geometry type and properties; CSV by its header. Null when nothing fits.
 */
export function detectKind(name: string, head: string): FileKind | null {
  if (/\.tiff?$/i.test(name)) return 'population';
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"format"\s*:\s*"vungphu-scenario"/.test(text)) return 'scenario';
    // A saved report.json (the CLI's or the app's): the baseline of "no new dead zones" (DN-M9).
    if (/^\{\s*"generated_at"\s*:/.test(text) || (/"method"\s*:/.test(text) && /"inputs"\s*:/.test(text)))
      return 'baseline';
    // The first feature's geometry and properties (a legacy "crs" member also has "properties").
    const at = text.search(/"features"\s*:/);
    const features = at >= 0 ? text.slice(at) : text;
    const geometry =
      /"type"\s*:\s*"(Point|MultiPoint|LineString|MultiLineString|Polygon|MultiPolygon)"/.exec(
        features,
      )?.[1] ?? null;
    const props = /"properties"\s*:\s*\{([^}]*)\}/.exec(features)?.[1] ?? '';
    return kindFromFeatures(
      geometry,
      [...props.matchAll(/"([^"]+)"\s*:/g)].map((m) => m[1]!),
    );
  }
  return kindFromHeader((text.split(/\r?\n/, 1)[0] ?? '').split(/[,;\t]/));
}
