import { type InputIssue, UserError } from '../../core/base/errors.ts';
import { showValue } from '../../core/base/show_value.ts';
import type { PopulationPoint } from '../../core/base/types.ts';
import { type CsvTable, parseCsv, parseNumber } from '../formats/csv.ts';
import { coordinateProblem, IssueList, pointFeatures } from '../formats/geojson_input.ts';

export interface PopulationImport {
  points: PopulationPoint[];
  issues: InputIssue[];
  total: number;
}

const POP_KEYS = ['population', 'pop', 'dan_so', 'danso'];

function popOf(rec: Record<string, unknown>): unknown {
  for (const k of POP_KEYS) if (rec[k] !== undefined && rec[k] !== '') return rec[k];
  return undefined;
}

function pointFrom(
  lon: unknown,
  lat: unknown,
  pop: unknown,
  loc: { path: string; row?: number },
  issues: IssueList,
): PopulationPoint | null {
  const extra = loc.row === undefined ? {} : { row: loc.row };
  const ln = typeof lon === 'string' ? parseNumber(lon) : (lon as number);
  const lt = typeof lat === 'string' ? parseNumber(lat) : (lat as number);
  const problem = coordinateProblem([ln, lt]);
  const p = typeof pop === 'string' ? parseNumber(pop) : typeof pop === 'number' ? pop : null;
  let ok = true;
  if (problem) {
    issues.error(`${loc.path}.lon`, problem, { field: 'lon', ...extra });
    ok = false;
  }
  if (p === null || !Number.isFinite(p) || p < 0) {
    issues.error(`${loc.path}.population`, `population must be a number ≥ 0 (got ${showValue(pop)})`, {
      field: 'population',
      ...extra,
    });
    ok = false;
  }
  return ok ? { lon: ln as number, lat: lt as number, population: p as number } : null;
}

/** Reads population points (villages) from GeoJSON Point features with a `population` property. */
export function populationFromGeoJSON(input: unknown, file: string): PopulationImport {
  const issues = new IssueList(file);
  const { points: features, total } = pointFeatures(input, issues);
  const points: PopulationPoint[] = [];
  for (const f of features) {
    const p = pointFrom(f.lon, f.lat, popOf(f.properties), { path: `${f.path}.properties` }, issues);
    if (p) points.push(p);
  }
  return { points, issues: issues.items, total };
}

/** Reads population points from CSV with columns lon,lat,population (other columns are ignored). */
export function populationFromCsv(text: string, file: string): PopulationImport {
  return populationFromTable(parseCsv(text, file), file);
}

/** Reads population points from a table (CSV or the first sheet of an XLSX) with lon,lat,population. */
export function populationFromTable(table: CsvTable, file: string): PopulationImport {
  const col = (names: string[]) => table.header.findIndex((h) => names.includes(h));
  const iLon = col(['lon', 'lng', 'longitude']);
  const iLat = col(['lat', 'latitude']);
  const iPop = col(POP_KEYS);
  const absent = [iLon < 0 && 'lon', iLat < 0 && 'lat', iPop < 0 && 'population'].filter(Boolean);
  if (absent.length) throw new UserError(`${file}: missing column(s) ${absent.join(', ')}.`);
  const issues = new IssueList(file);
  const points: PopulationPoint[] = [];
  for (const r of table.rows) {
    const p = pointFrom(
      r.cells[iLon],
      r.cells[iLat],
      r.cells[iPop],
      { path: `rows[${r.row}]`, row: r.row },
      issues,
    );
    if (p) points.push(p);
  }
  return { points, issues: issues.items, total: table.rows.length };
}

/**
 * Reads a population raster (WorldPop/HRSL layout: single band, people per cell, WGS84 lon/lat,
 * north-up) into one point per populated cell at the cell centre. Nodata and values ≤ 0 are skipped.
 * geotiff.js (and its decoders) is imported here, on the first raster, not with the importer.
 */
export async function populationFromGeoTIFF(buffer: ArrayBuffer, file: string): Promise<PopulationImport> {
  const { fromArrayBuffer } = await import('geotiff');
  let tiff: Awaited<ReturnType<typeof fromArrayBuffer>>;
  try {
    tiff = await fromArrayBuffer(buffer);
  } catch (e) {
    throw new UserError(`${file}: not a readable GeoTIFF (${(e as Error).message}).`);
  }
  const image = await tiff.getImage();
  const [originX, originY] = image.getOrigin();
  const [resX, resY] = image.getResolution();
  const geoKeys = image.getGeoKeys() as Record<string, unknown> | null;
  const epsg = geoKeys?.GeographicTypeGeoKey ?? geoKeys?.ProjectedCSTypeGeoKey;
  if (geoKeys?.ProjectedCSTypeGeoKey !== undefined || (epsg !== undefined && epsg !== 4326)) {
    throw new UserError(
      `${file}: the raster must be in WGS84 lon/lat (EPSG:4326); found EPSG:${String(epsg)}.`,
    );
  }
  if (originX === undefined || originY === undefined || resX === undefined || resY === undefined) {
    throw new UserError(`${file}: the GeoTIFF has no georeferencing (origin and resolution).`);
  }
  const width = image.getWidth();
  const height = image.getHeight();
  const nodataRaw = image.getGDALNoData();
  const nodata = nodataRaw === null ? null : Number(nodataRaw);
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
  const points: PopulationPoint[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = band![y * width + x]!;
      if (!(v > 0) || v === nodata) continue;
      points.push({ lon: originX + (x + 0.5) * resX, lat: originY + (y + 0.5) * resY, population: v });
    }
  }
  return { points, issues: [], total: width * height };
}
