/**
 * The infrastructure files of `analyze` and `plan-sites`: the sites, cells, postal points, villages
 * and fiber routes as GIS layers (GeoPackage, Shapefile zip, KML) and sites_cells.csv, each written
 * atomically into the output folder. sql.js is loaded only when a GeoPackage is asked for.
 */
import { join } from 'node:path';
import { UserError } from '../core/base/errors.ts';
import { type InfrastructureInput, infrastructureLayers } from '../io/export/infrastructure_features.ts';
import { writeOutputFile } from './output_files.ts';

export const INFRASTRUCTURE_FILES = ['gpkg', 'shp', 'kml', 'csv'] as const;
export type InfrastructureFile = (typeof INFRASTRUCTURE_FILES)[number];

/**
 * `analyze --infrastructure LIST`: which infrastructure files to write (gpkg, shp, kml, csv, all or
 * none). Default csv: the GIS layers cost seconds and megabytes (a 9 MB KML for the sample) on every
 * run, so they are asked for (`report` asks for those of its --format).
 */
export function parseInfrastructureFlag(raw: string | undefined): InfrastructureFile[] {
  if (raw === undefined) return ['csv'];
  const parts = raw
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 1 && parts[0] === 'none') return [];
  if (parts.length === 1 && parts[0] === 'all') return [...INFRASTRUCTURE_FILES];
  const bad = parts.filter((p) => !(INFRASTRUCTURE_FILES as readonly string[]).includes(p));
  if (bad.length || parts.length === 0)
    throw new UserError(
      `--infrastructure: unknown file type(s) "${bad.join(', ')}"; use a list of ${INFRASTRUCTURE_FILES.join(', ')}, or all, or none.`,
    );
  return INFRASTRUCTURE_FILES.filter((f) => parts.includes(f));
}

/**
 * Writes the infrastructure files into `out` under `stem` (`infrastructure.gpkg`,
 * `infrastructure_shp.zip`, `infrastructure.kml`; `sites_cells.csv` for the CSV); returns the names
 * written. `note` goes into the GeoPackage's layer descriptions and the KML's description.
 */
export async function writeInfrastructureOutputs(
  out: string,
  input: InfrastructureInput,
  files: readonly InfrastructureFile[],
  opts: { stem: string; note: string; date: Date },
): Promise<string[]> {
  // The GIS layers are made only when a GIS file is asked for (the CSV alone needs none of them).
  let made: ReturnType<typeof infrastructureLayers> | undefined;
  const layersOf = () => {
    made ??= infrastructureLayers(input, 'vi');
    return made;
  };
  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array | Iterable<string>) => {
    writeOutputFile(join(out, name), data);
    written.push(name);
  };
  for (const f of files) {
    switch (f) {
      case 'gpkg': {
        const [{ layersGeoPackage }, { default: initSqlJs }] = await Promise.all([
          import('../io/export/report_gpkg.ts'),
          import('sql.js'),
        ]);
        const bytes = layersGeoPackage(layersOf(), await initSqlJs(), {
          description: opts.note,
          lastChange: opts.date.toISOString(),
        });
        write(`${opts.stem}.gpkg`, bytes);
        break;
      }
      case 'shp': {
        const { layersShapefileZip } = await import('../io/export/report_shapefile.ts');
        write(`${opts.stem}_shp.zip`, layersShapefileZip(layersOf(), opts.date));
        break;
      }
      case 'kml': {
        const { layersKml } = await import('../io/export/report_kml.ts');
        write(
          `${opts.stem}.kml`,
          layersKml(layersOf(), { name: `Vùng Phủ — ${opts.stem}`, description: opts.note }),
        );
        break;
      }
      case 'csv': {
        const { sitesCellsCsvPieces } = await import('../io/export/sites_cells_csv.ts');
        write('sites_cells.csv', sitesCellsCsvPieces(input.sites ?? []));
        break;
      }
    }
  }
  return written;
}
