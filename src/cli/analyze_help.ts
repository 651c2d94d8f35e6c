/** The help text of `vungphu analyze` (also printed by `vungphu --help`), apart from the command's code. */
import { DEM_FLAG_HELP } from './dem_flag.ts';
import { IMPORT_FLAGS_HELP } from './import_flags.ts';
import { TERRAIN_FLAG_HELP } from './terrain_cache_flag.ts';

export const ANALYZE_HELP = `vungphu analyze — coverage per commune, district and province

Usage: vungphu analyze [options]
With no inputs it runs on the bundled sample (real boundaries and census population,
SYNTHETIC infrastructure).

  --boundaries F        commune boundaries: GeoJSON, KML/KMZ or a zipped shapefile
                        (Polygon/MultiPolygon)
  --id-field NAME       boundary id field (auto: id, gso_code, ma_xa, code)
  --name-field NAME     boundary name field (auto: name, commune, ten)
  --population-field N  boundary population field (auto: population, pop2019, dan_so)
  --boundary-set S      sample boundary set when --boundaries is not given: 2025 (default: Gia Lai and Lâm Đồng since 1 July 2025) or pre2025
  --sites F             mobile sites: GeoJSON, or CSV id,lon,lat,technology,operator
                        [,name,band,azimuth_deg,beamwidth_deg,height_m,radius_m,status,year,…];
                        rows sharing an id and position are one site's cells
  --as-of YEAR          count planned cells on air by YEAR too (default: cells on air today)
  --infrastructure L    infrastructure files to write: gpkg,shp,kml,csv, all or none (default csv)
  --population F        population points (GeoJSON/CSV lon,lat,population) or a
                        WorldPop/HRSL GeoTIFF (people per cell, EPSG:4326)
  --postal F            postal service points: GeoJSON, or CSV id,lon,lat,type,staffed,
                        internet,online_public_services
  --postal-count TYPES  which types count as public postal service points for R̄
                        (comma list of post_office,cultural_post_point,agent,kiosk; default all)
  --fiber F             fiber routes: GeoJSON LineString/MultiLineString, or CSV
                        id,operator,medium,placement,year,wkt (WKT LINESTRING)
  --fiber-reach-m M     fiber reach distance in metres (default 1000)
  --villages F          village points: GeoJSON, or CSV id,name,commune_id,lon,lat,
                        population,households,has_grid_power
  --speedtests F        speed tests (MEASURED): CSV/XLSX/GeoJSON points lon,lat,technology,
                        operator,download_mbps,upload_mbps,latency_ms,date, or Ookla-style
                        tiles quadkey (zoom 16),avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices
  --settlements F       settlement polygons (khu dân cư): GeoJSON, KML/KMZ, a zipped
                        shapefile or a GeoPackage; the populated area before raster cells
                        and village discs
  --settlements-layer L the GeoPackage layer to read (default: its only polygon layer, else
                        the first, named on stderr)
  --baseline F          a saved report.json of the previous period: villages that are dead
                        zones now and were not in it are the new dead zones (DN-M9)
  --calibrate           use the default radii fitted to the speed tests per operator and
                        technology (always reported; applied only with this flag); with
                        --dem, the fitted loss offset (dB) instead of the radii
  --targets F           target file (JSON; repeatable). Default: the bundled targets of
                        the provinces in the boundaries (data/targets/)
  --config F            engine config JSON (radii, scanlines, gapTechnologies, radio, …)
${DEM_FLAG_HELP}
${TERRAIN_FLAG_HELP}
${IMPORT_FLAGS_HELP}
  --out DIR             output folder (default: out)
  --strict              exit 1 when any input row is rejected
  -h, --help            this help

Point and line inputs may be GeoJSON, CSV, XLSX (first sheet), KML/KMZ or a zipped shapefile
(see docs/input.md). With no --boundaries and no --sites, the bundled sample's postal points, fiber
and villages are used too.

Writes DIR/report.json, DIR/communes.csv and DIR/targets.csv (UTF-8 with BOM),
DIR/gaps.geojson and, with postal points, DIR/postal_beyond_3km.geojson; DIR/rejected.csv lists
the rejected rows and why, when there are any; DIR/sites_cells.csv has one row per cell. With
--infrastructure gpkg,shp,kml (or all), the infrastructure as GIS layers (sites, cells,
postal_points, villages, fiber_routes, every attribute): DIR/infrastructure.gpkg,
DIR/infrastructure_shp.zip and DIR/infrastructure.kml.
With --speedtests, DIR/disagreements.csv and DIR/disagreements.geojson: the tests the model
disagrees with (poor service inside a footprint, good service outside every one).
Exit codes: 0 success, 1 bad input, 2 internal error.`;
