/**
 * The infrastructure files of `analyze` and `plan-sites`: the sites, cells, postal points, villages
 * and fiber routes as GIS layers (GeoPackage, Shapefile zip, KML) and sites_cells.csv, each written
 * atomically into the output folder. sql.js is loaded only when a GeoPackage is asked for.
 */
import { join } from 'node:path';
import { type InfrastructureInput, infrastructureLayers } from '../io/export/infrastructure_features.ts';
import { writeOutputFile } from './output_files.ts';

export type InfrastructureFile = 'gpkg' | 'shp' | 'kml' | 'csv';

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
  const layers = infrastructureLayers(input, 'vi');
  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
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
        const bytes = layersGeoPackage(layers, await initSqlJs(), {
          description: opts.note,
          lastChange: opts.date.toISOString(),
        });
        write(`${opts.stem}.gpkg`, bytes);
        break;
      }
      case 'shp': {
        const { layersShapefileZip } = await import('../io/export/report_shapefile.ts');
        write(`${opts.stem}_shp.zip`, layersShapefileZip(layers, opts.date));
        break;
      }
      case 'kml': {
        const { layersKml } = await import('../io/export/report_kml.ts');
        write(
          `${opts.stem}.kml`,
          layersKml(layers, { name: `Vùng Phủ — ${opts.stem}`, description: opts.note }),
        );
        break;
      }
      case 'csv': {
        const { sitesCellsCsv } = await import('../io/export/sites_cells_csv.ts');
        write('sites_cells.csv', sitesCellsCsv(input.sites ?? []));
        break;
      }
    }
  }
  return written;
}
