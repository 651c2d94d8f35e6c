import type { Site } from '../core/base/types.ts';
import type { Dem } from '../core/terrain/dem.ts';
import { readDem } from '../io/import/dem_read.ts';
import { readBytes } from './read_inputs.ts';

/** The `--dem` option: repeatable, one DEM file (.hgt, .tif, or a .zip of tiles) each time. */
export const DEM_FLAG_OPTIONS = { dem: { type: 'string', multiple: true } } as const;

/** The help lines of `--dem`. */
export const DEM_FLAG_HELP = `  --dem F               terrain heights (repeatable; the tiles form one mosaic): SRTM .hgt
                        (1″ or 3″, placed by the tile name, e.g. N14E108.hgt), a GeoTIFF
                        (EPSG:4326, UTM 48N/49N, VN-2000 TM-3) or a .zip of .hgt tiles`;

/**
 * Reads the `--dem` files into one DEM, printing a summary line and the readers' warnings (voids
 * filled, a raster resampled) to `write`; every file's problems come in one UserError. Warns when no
 * site lies inside the DEM (the footprints then stay circles and sectors). Undefined without `--dem`.
 */
export async function loadDemFlag(
  paths: readonly string[] | undefined,
  sites: readonly Site[],
  write: (line: string) => void,
): Promise<Dem | undefined> {
  if (!paths || paths.length === 0) return undefined;
  const r = await readDem(paths.map((p) => ({ name: p, bytes: readBytes(p, '--dem') })));
  for (const w of r.warnings) write(`warning: ${w}`);
  const [w, s, e, n] = r.bbox.map((v) => Number(v.toFixed(4)));
  write(
    `--dem: ${r.tiles} tile(s), ${w}…${e}° E, ${s}…${n}° N, posts every ${Math.round(r.spacing_m)} m${r.voidsFilled ? `, ${r.voidsFilled.toLocaleString('en-US')} void post(s) filled` : ''}`,
  );
  const inside = sites.filter((site) => !Number.isNaN(r.dem.elevation(site.lon, site.lat))).length;
  if (sites.length > 0 && inside === 0)
    write(
      `warning: --dem: none of the ${sites.length.toLocaleString('en-US')} sites lies inside the DEM (${w}…${e}° E, ${s}…${n}° N); their footprints stay circles and sectors. Give the tiles that cover the sites.`,
    );
  else if (inside < sites.length)
    write(
      `warning: --dem: ${(sites.length - inside).toLocaleString('en-US')} of ${sites.length.toLocaleString('en-US')} sites lie outside the DEM; their footprints stay circles and sectors.`,
    );
  return r.dem;
}
