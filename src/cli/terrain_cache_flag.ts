/** The `--terrain-cache DIR` option and its help lines (kept apart so that `--help` loads no terrain code). */
export const TERRAIN_FLAG_OPTIONS = { 'terrain-cache': { type: 'string' } } as const;

export const TERRAIN_FLAG_HELP = `  --terrain-cache DIR   with --dem: keep the terrain footprints in DIR (one file per DEM and
                        radio config) so that the next run over the same DEM reads them
                        instead of computing them again (default: none, computed every run)`;
