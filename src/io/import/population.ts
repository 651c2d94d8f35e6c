import { type InputIssue, UserError } from '../../core/base/errors.ts';

import type { PopulationPoint } from '../../core/base/types.ts';
import { type CsvTable, parseCsv } from '../formats/csv.ts';
import { own, readPosition, showValue, toNumber } from '../formats/fields.ts';
import { coordinateProblem, IssueList, pointFeatures } from '../formats/geojson_input.ts';
import { IMPORT_LIMITS } from '../formats/limits.ts';
import { geoKeys, readFirstBand, readTiffLayout, TAG, type TiffLayout } from '../formats/tiff_read.ts';
import { type Crs, resolveCrs } from './crs.ts';

export interface PopulationImport {
  points: PopulationPoint[];
  issues: InputIssue[];
  total: number;
  /** A raster converted to WGS 84: "<its CRS> → WGS 84". */
  crs?: string;
}

const POP_KEYS = ['population', 'pop', 'dan_so', 'danso'];

function popOf(rec: Record<string, unknown>): unknown {
  for (const k of POP_KEYS) {
    const v = own(rec, k);
    if (v !== undefined && v !== '') return v;
  }
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
  const { lon: ln, lat: lt, problem, field: coordField } = readPosition(lon, lat);
  const p = toNumber(pop);
  let ok = true;
  if (problem) {
    issues.error(`${loc.path}.${coordField}`, problem, { field: coordField, ...extra });
    ok = false;
  }
  if (p === null || !Number.isFinite(p) || p < 0) {
    issues.error(
      `${loc.path}.population`,
      `population must be a number ≥ 0 (got ${showValue(pop ?? null)})`,
      {
        field: 'population',
        ...extra,
      },
    );
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
  // Headers are mapped to these names before (import_file.ts, header_mapping.ts).
  const iLon = col(['lon']);
  const iLat = col(['lat']);
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

/** GeoKey ids (GeoTIFF 1.1). */
const KEY = { model: 1024, rasterType: 1025, geographic: 2048, projected: 3072 } as const;

const int = (n: number) => n.toLocaleString('en-US');
const REPROJECT =
  'reproject it to WGS 84 lon/lat first (for example: gdalwarp -t_srs EPSG:4326 in.tif out.tif)';

/** The raster's grid: the top-left corner of cell (0, 0) and the cell size, in the raster's own units. */
export interface Grid {
  originX: number;
  originY: number;
  resX: number;
  resY: number;
}

export function gridOf(layout: TiffLayout, keys: Map<number, number | string>, file: string): Grid {
  const t = layout.numbers.get(TAG.transformation);
  const tie = layout.numbers.get(TAG.tiepoint);
  const scale = layout.numbers.get(TAG.pixelScale);
  let grid: Grid;
  if (t && t.length >= 16) {
    if (t[1] !== 0 || t[4] !== 0) {
      throw new UserError(
        `${file}: the raster is rotated or sheared (ModelTransformation); ${REPROJECT.replace('reproject it', 'warp it north-up')}.`,
      );
    }
    grid = { originX: t[3]!, originY: t[7]!, resX: t[0]!, resY: t[5]! };
  } else if (tie && tie.length >= 6 && scale && scale.length >= 2) {
    const [i, j, , x, y] = tie as [number, number, number, number, number];
    grid = { originX: x - i * scale[0]!, originY: y + j * scale[1]!, resX: scale[0]!, resY: -scale[1]! };
  } else {
    throw new UserError(
      `${file}: the GeoTIFF has no georeferencing (origin and resolution): it has no ModelTiepoint with ModelPixelScale, nor a ModelTransformation. Export it again as a GeoTIFF with its position (for example: gdal_translate -a_srs EPSG:4326 -a_ullr …).`,
    );
  }
  // PixelIsPoint: the tie point is the centre of the cell, not its corner.
  if (keys.get(KEY.rasterType) === 2) {
    grid.originX -= grid.resX / 2;
    grid.originY -= grid.resY / 2;
  }
  const { originX, originY, resX, resY } = grid;
  if (![originX, originY, resX, resY].every(Number.isFinite) || resX === 0 || resY === 0) {
    throw new UserError(
      `${file}: the GeoTIFF has no georeferencing (origin and resolution) that can be used: origin (${originX}, ${originY}), cell size ${resX} × ${resY}.`,
    );
  }
  return grid;
}

/** The raster's coordinate system: null for WGS 84 lon/lat, or a converter from the importer's table. */
export function crsOf(
  keys: Map<number, number | string>,
  extent: [number, number, number, number],
  file: string,
  issues: IssueList,
): Crs | null {
  const projected = keys.get(KEY.projected);
  const geographic = keys.get(KEY.geographic);
  const model = keys.get(KEY.model);
  const [w, s, e, n] = extent.map((v) => Number(v.toPrecision(10))) as [number, number, number, number];
  const where = `x ${w} … ${e}, y ${s} … ${n}`;
  const convert = (code: number, kind: string): Crs => {
    try {
      return resolveCrs({ kind: 'epsg', code }, file);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      throw new UserError(
        `${file}: the raster is in the ${kind} coordinate system EPSG:${code}, which Vùng Phủ does not convert; ${REPROJECT}. Rasters in EPSG:4326, 4756, 3405, 3406, 32648, 32649 and 3857 are read.`,
      );
    }
  };
  if (projected !== undefined || model === 1) {
    if (typeof projected !== 'number' || projected === 32767) {
      throw new UserError(
        `${file}: the raster is in a projected coordinate system (metres) without an EPSG code (user-defined), which Vùng Phủ does not convert; ${REPROJECT}.`,
      );
    }
    return convert(projected, 'projected');
  }
  const degrees = w >= -180 && e <= 180 && s >= -90 && n <= 90;
  if (typeof geographic === 'number' && geographic !== 32767) {
    const crs = convert(geographic, 'geographic');
    if (!degrees) {
      throw new UserError(
        `${file}: the raster says longitude/latitude (EPSG:${geographic}) but its extent (${where}) is outside −180…180, −90…90; its georeferencing is wrong — ${REPROJECT}.`,
      );
    }
    return crs.identity ? null : crs;
  }
  if (!degrees) {
    throw new UserError(
      `${file}: the raster declares no coordinate system and its extent (${where}) is not longitude/latitude degrees (probably projected metres); it is not read as degrees. Save it with its coordinate system (GeoKeys), or ${REPROJECT}.`,
    );
  }
  issues.warn(
    '',
    `the raster declares no coordinate system (no GeoKeys); its extent (${where}) was read as WGS 84 longitude/latitude (EPSG:4326)`,
  );
  return null;
}

/** Cells skipped for one reason: how many, and the first one. */
class Skipped {
  count = 0;
  first = '';
  add(row: number, col: number, v: number): void {
    if (this.count++ === 0) this.first = `row ${row}, column ${col}: ${Number(v.toPrecision(6))}`;
  }
}

/**
 * Reads a population raster (WorldPop/HRSL layout: people per cell in the first band, north-up) into one
 * point per populated cell at the cell centre, in WGS 84, carrying the cell's size in degrees (the
 * populated area). The header is checked first
 * (`readTiffLayout`: size limit, strips and tiles inside the file); the georeferencing must be there and
 * the coordinate system WGS 84, one the importer converts, or absent with degrees-sized coordinates.
 * Nodata, 0 and empty cells are skipped; cells that are not finite, negative, or over the per-cell limit
 * (IMPORT_LIMITS) are skipped with one warning per reason giving the count and the first cell.
 * geotiff.js (and its decoders) is imported here, on the first raster, not with the importer.
 */
export async function populationFromGeoTIFF(
  buffer: ArrayBuffer,
  file: string,
  maxCells: number = IMPORT_LIMITS.rasterCells,
  maxPoints: number = IMPORT_LIMITS.rasterPoints,
): Promise<PopulationImport> {
  const layout = readTiffLayout(new Uint8Array(buffer), file, maxCells);
  const { width, height } = layout;
  const keys = geoKeys(layout);
  const grid = gridOf(layout, keys, file);
  const { originX, originY, resX, resY } = grid;
  const xs = [originX, originX + width * resX];
  const ys = [originY, originY + height * resY];
  const extent: [number, number, number, number] = [
    Math.min(...xs),
    Math.min(...ys),
    Math.max(...xs),
    Math.max(...ys),
  ];
  const issues = new IssueList(file);
  const crs = crsOf(keys, extent, file, issues);
  const nodataText = layout.text.get(TAG.gdalNodata)?.replace(/\0/g, '').trim();
  const nodataNaN = nodataText !== undefined && /^[-+]?nan$/i.test(nodataText);
  const nodata = nodataText === undefined || nodataText === '' || nodataNaN ? null : Number(nodataText);
  const nodata32 = nodata === null ? null : Math.fround(nodata);

  const band = await readFirstBand(buffer, width * height, file);

  const kmPerDegree = 111.32;
  const cellKm2 = (lat: number) =>
    crs?.projected
      ? Math.abs(resX * resY) / 1e6
      : Math.abs(resX * resY) * kmPerDegree ** 2 * Math.cos((lat * Math.PI) / 180);
  // The cell's extent in degrees, for the populated area (a projected cell: twice the step to its east
  // and north edges, converted at its centre).
  const cellSize = (x: number, y: number, lon: number, lat: number): [number, number] => {
    if (!crs) return [Math.abs(resX), Math.abs(resY)];
    const [eLon] = crs.toWgs84(x + Math.abs(resX) / 2, y);
    const [, nLat] = crs.toWgs84(x, y + Math.abs(resY) / 2);
    return [2 * Math.abs(eLon - lon), 2 * Math.abs(nLat - lat)];
  };
  const { rasterCellPeople, rasterPeoplePerKm2 } = IMPORT_LIMITS;
  const notFinite = new Skipped();
  const negative = new Skipped();
  const tooMany = new Skipped();
  const outside = new Skipped();
  const points: PopulationPoint[] = [];
  for (let row = 0; row < height; row++) {
    const y = originY + (row + 0.5) * resY;
    const maxPeople = Math.min(rasterCellPeople, rasterPeoplePerKm2 * cellKm2(crs?.projected ? 0 : y));
    for (let col = 0; col < width; col++) {
      const v = band[row * width + col]!;
      if (v === nodata || v === nodata32 || (nodataNaN && Number.isNaN(v))) continue;
      if (!Number.isFinite(v)) notFinite.add(row, col, v);
      else if (v < 0) negative.add(row, col, v);
      else if (v === 0) continue;
      else if (v > maxPeople) tooMany.add(row, col, v);
      else {
        const x = originX + (col + 0.5) * resX;
        const [lon, lat] = crs ? crs.toWgs84(x, y) : [x, y];
        if (coordinateProblem([lon, lat])) outside.add(row, col, v);
        else if (points.push({ lon, lat, population: v, cell: cellSize(x, y, lon, lat) }) > maxPoints) {
          throw new UserError(
            `${file}: the raster has more than ${int(maxPoints)} populated cells (the limit was reached at row ${row} of ${int(height)}). Resample it to coarser cells (for example: gdalwarp -tr 0.01 0.01 -r sum) or clip it to the province, then import it.`,
          );
        }
      }
    }
  }
  const where = (s: Skipped) =>
    `${int(s.count)} cell(s) were skipped (first at ${s.first}; rows and columns counted from 0 at the top-left)`;
  if (notFinite.count)
    issues.warn(
      '',
      `${where(notFinite)}: their value is not a finite number (NaN or ±Infinity) and not the nodata value${nodataText === undefined ? ' (the raster declares none)' : ` (${nodataText})`}`,
    );
  if (negative.count) issues.warn('', `${where(negative)}: their population is negative`);
  if (tooMany.count)
    issues.warn(
      '',
      `${where(tooMany)}: they hold more people than a cell can (over ${int(rasterCellPeople)} per cell or ${int(rasterPeoplePerKm2)} per km²)`,
    );
  if (outside.count)
    issues.warn('', `${where(outside)}: their position converted from ${crs?.label} is not on Earth`);
  return {
    points,
    issues: issues.items,
    total: width * height,
    ...(crs ? { crs: `${crs.label} → WGS 84` } : {}),
  };
}
