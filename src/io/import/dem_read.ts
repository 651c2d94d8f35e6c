import { UserError } from '../../core/base/errors.ts';
import type { Dem } from '../../core/terrain/dem.ts';
import { type DemGrid, gridDem } from '../../core/terrain/grid_dem.ts';
import { looksLikeZip, readZip } from '../formats/zip_read.ts';
import { fillVoids } from './dem_fill_voids.ts';
import { hgtGrid } from './dem_hgt_read.ts';
import { demTiffGrid } from './dem_tiff_read.ts';

/** One DEM file as bytes, with the name it is known by (its tile name places an .hgt). */
export interface DemFile {
  name: string;
  bytes: Uint8Array;
}

/** The DEM read from one or more files, and what a status line says about it. */
export interface DemRead {
  dem: Dem;
  /** The tiles (one per .hgt or GeoTIFF, an .hgt inside a zip counted once). */
  tiles: number;
  /** Void posts filled from their neighbours, over all tiles. */
  voidsFilled: number;
  /** Warnings, each naming its file (voids filled, a coordinate system assumed or converted). */
  warnings: string[];
  /** The finest post spacing, metres. */
  spacing_m: number;
  bbox: readonly [number, number, number, number];
}

const isHgt = (name: string) => /\.hgt$/i.test(name);
const isTiff = (name: string) => /\.tiff?$/i.test(name);

/** Whether a file name is one a DEM is read from (.hgt, .tif/.tiff, or a .zip of them). */
export function isDemFileName(name: string): boolean {
  return isHgt(name) || isTiff(name) || /\.zip$/i.test(name);
}

async function gridsOf(file: DemFile, into: DemGrid[], warnings: string[]): Promise<number> {
  const { name, bytes } = file;
  if (looksLikeZip(bytes)) {
    const entries = readZip(bytes, name);
    const dems = [...entries].filter(([entry]) => isHgt(entry) || isTiff(entry));
    if (dems.length === 0)
      throw new UserError(
        `${name}: the zip holds no .hgt or .tif elevation tile (it holds ${entries.size} file(s)).`,
      );
    let filled = 0;
    for (const [entry, data] of dems)
      filled += await gridsOf({ name: `${name}/${entry}`, bytes: data }, into, warnings);
    return filled;
  }
  if (isHgt(name)) {
    const grid = hgtGrid(bytes, name);
    const filled = fillVoids(grid.heights, grid.cols, grid.rows);
    if (filled < 0)
      throw new UserError(`${name}: every post of the tile is void (−32768); there is no height to read.`);
    if (filled > 0)
      warnings.push(`${name}: ${filled.toLocaleString('en-US')} void post(s) filled from their neighbours`);
    into.push(grid);
    return filled;
  }
  if (isTiff(name) || bytes[0] === 0x49 || bytes[0] === 0x4d) {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const t = await demTiffGrid(buffer, name);
    warnings.push(...t.warnings);
    if (t.crs) warnings.push(`${name}: resampled from ${t.crs} onto a lon/lat grid`);
    into.push(t.grid);
    return t.voidsFilled;
  }
  throw new UserError(
    `${name}: not a DEM file; elevation is read from SRTM .hgt tiles, GeoTIFFs (.tif) or a .zip of them.`,
  );
}

/**
 * Reads DEM files (SRTM .hgt, elevation GeoTIFFs, zips of them) into one mosaic `Dem` (`gridDem`).
 * Every file is read even when one fails: the problems of all of them come in one UserError, one
 * line per file. Voids are filled per tile, with a warning each.
 */
export async function readDem(files: readonly DemFile[]): Promise<DemRead> {
  if (files.length === 0) throw new UserError('No DEM file given.');
  const grids: DemGrid[] = [];
  const warnings: string[] = [];
  const problems: string[] = [];
  let voidsFilled = 0;
  for (const f of files) {
    try {
      voidsFilled += await gridsOf(f, grids, warnings);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length === 1) throw new UserError(problems[0]!);
  if (problems.length > 1)
    throw new UserError(
      `${problems.length} DEM files could not be read:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  const dem = gridDem(grids);
  return { dem, tiles: grids.length, voidsFilled, warnings, spacing_m: dem.spacing_m, bbox: dem.bbox };
}
