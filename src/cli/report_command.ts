/**
 * `vungphu report`: the periodic report in every format. Each exporter is imported when its format is
 * asked for (the PDF writer with its fonts, sql.js for the GeoPackage), so a CSV-only report does not
 * load them.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { UserError } from '../core/base/errors.ts';
import { unitGroups } from '../core/base/unit_groups.ts';
import type { CrosswalkPiece } from '../core/crosswalk/carry_report.ts';
import { compareAcrossSets } from '../core/crosswalk/compare_across_sets.ts';
import { rankCommunes } from '../core/report/rank_communes.ts';
import type { CoverageReport } from '../core/report/report.ts';
import { reportIndicators } from '../core/report/report_indicators.ts';
import type { Target } from '../core/targets/targets.ts';
import type { ReportGeometry } from '../io/export/report_features.ts';
import type { ReportExportOptions } from '../io/export/report_tables.ts';
import { communesFromGeoJSON } from '../io/import/boundaries.ts';
import { crosswalkFromCsv } from '../io/import/crosswalk_file.ts';
import { readReportJson } from '../io/import/report_schema.ts';
import { targetsFromJson } from '../io/import/targets_file.ts';
import { prepareOutDir, writeOutputFile } from './output_files.ts';
import { ROOT, SAMPLE } from './paths.ts';
import { readBytes, readText } from './read_inputs.ts';

export const REPORT_HELP = `vungphu report — the periodic report: Excel, PDF, CSV and GIS files

Usage: vungphu report [analyze inputs] [options]
       vungphu report --from DIR [options]
With no inputs it reports on the bundled sample (SYNTHETIC infrastructure).

  (analyze inputs)      the same inputs as 'vungphu analyze' (--boundaries, --sites,
                        --postal, --fiber, --villages, --targets, --boundary-set, …);
                        the analysis outputs (report.json, gaps.geojson…) are written to --out
  --from DIR            report on an existing 'vungphu analyze' output folder instead
                        (report.json, gaps.geojson, postal_beyond_3km.geojson; the commune
                        boundaries are read from report.json's inputs, or --boundaries F)
  --format LIST         any of xlsx,pdf,csv,geojson,gpkg,shp,kml (default: all)
  --lang vi|en          language of the headers and the PDF (default: vi)
  --baseline F          a saved report.json (last period, or the baseline of a what-if)
                        to compare with: before, after and difference per unit and indicator;
                        from the inputs, also the previous period of DN-M9 (new dead zones)
  --rank-by ID          indicator to rank communes by (default mobile.4G.population_pct;
                        e.g. mobile.5G.population_pct, postal.avg_service_radius_km,
                        fiber.population_within_reach_pct, villages.dead_zone_villages)
  --map-indicator ID    indicator of the PDF maps (default mobile.4G.population_pct)
  --map-classes fixed|quantile
                        the PDF maps' classes: the indicator's fixed ones (default, as the
                        app's map) or fitted to the communes' values (the app's "fitted")
  --as-of YYYY-MM-DD    the date the figures are valid for (default: the analysis date)
  --as-of YYYY          count planned cells on air by that year too (as analyze --as-of)
  --out DIR             output folder (default: out, or DIR with --from)
  -h, --help            this help

Writes report.xlsx, report.pdf, report_*.csv (UTF-8 with BOM), report_communes.geojson,
report_gaps.geojson, report.gpkg, report_shp.zip and report.kml; from the inputs (not with --from),
the infrastructure layers in the GIS formats asked for: infrastructure.gpkg, _shp.zip, .kml and
sites_cells.csv.
Exit codes: 0 success, 1 bad input or option, 2 internal error.`;

const FORMATS = ['xlsx', 'pdf', 'csv', 'geojson', 'gpkg', 'shp', 'kml'] as const;
type Format = (typeof FORMATS)[number];
const OWN_VALUE = new Set([
  '--from',
  '--format',
  '--lang',
  '--baseline',
  '--out',
  '--as-of',
  '--rank-by',
  '--map-indicator',
  '--map-classes',
]);
const GEOMETRY_FLAGS = new Set(['--boundaries', '--id-field', '--name-field', '--population-field']);

/** Splits argv into this command's options and the ones passed on to `analyze`. */
function splitArgs(argv: string[]): { own: Map<string, string>; help: boolean; rest: string[] } {
  const own = new Map<string, string>();
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') {
      help = true;
      continue;
    }
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (!OWN_VALUE.has(flag)) {
      rest.push(a);
      continue;
    }
    const value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UserError(`${flag} needs a value. Run 'vungphu report --help'.`);
    own.set(flag, value);
  }
  return { own, help, rest };
}

/** Runs `vungphu report`; returns the exit code. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { own, help, rest } = splitArgs(argv);
  if (help) {
    process.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  const formats = parseFormats(own.get('--format'));
  const lang = own.get('--lang') ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new UserError(`--lang must be vi or en (got "${lang}").`);
  // --as-of YYYY-MM-DD is the report's date; --as-of YYYY is analyze's cell counting (planned by then).
  const asOfRaw = own.get('--as-of');
  const planYear = asOfRaw !== undefined && /^\s*\d{4}\s*$/.test(asOfRaw) ? asOfRaw.trim() : undefined;
  const asOf = planYear === undefined ? asOfRaw : undefined;
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new UserError(
      `--as-of must be a date YYYY-MM-DD (the report's date) or a year YYYY (count planned cells by then) (got "${asOf}").`,
    );
  if (planYear !== undefined && own.get('--from'))
    throw new UserError(
      '--as-of YEAR counts planned cells in the analysis; it cannot be used with --from (run analyze --as-of YEAR).',
    );

  const from = own.get('--from');
  let dir: string;
  let geometryArgs: string[] = [];
  if (from) {
    const stray = rest.filter((a) => a.startsWith('-') && !GEOMETRY_FLAGS.has(a.split('=')[0]!));
    if (stray.length)
      throw new UserError(
        `${stray[0]} cannot be used with --from (the analysis is already done); only --boundaries and the boundary field options can.`,
      );
    if (!existsSync(from))
      throw new UserError(`${join(from, 'report.json')}: file not found (--from ${from}: no such folder).`);
    if (!statSync(from).isDirectory())
      throw new UserError(`--from ${from}: is not a folder; give the output folder of 'vungphu analyze'.`);
    dir = from;
    // The output folder is checked before anything is read (analyze checks its own otherwise).
    prepareOutDir(own.get('--out') ?? from);
    geometryArgs = rest;
  } else {
    dir = own.get('--out') ?? 'out';
    // Same inputs, same validation, same outputs as `vungphu analyze`.
    const { analyzeCommand } = await import('./analyze_command.ts');
    // The infrastructure layers in the GIS formats asked for (infrastructure.gpkg, _shp.zip, .kml).
    const gis = ['gpkg', 'shp', 'kml', 'csv'].filter((f) => (formats as readonly string[]).includes(f));
    const infrastructure = rest.some((a) => a.split('=')[0] === '--infrastructure')
      ? []
      : ['--infrastructure', gis.length ? gis.join(',') : 'none'];
    const code = await analyzeCommand([
      ...rest,
      ...(planYear ? ['--as-of', planYear] : []),
      // The baseline of the comparison is also the previous period of M9 (new dead zones).
      ...(own.get('--baseline') ? ['--baseline', own.get('--baseline')!] : []),
      ...infrastructure,
      '--out',
      dir,
    ]);
    if (code !== 0) return code;
    geometryArgs = rest;
  }
  const out = own.get('--out') ?? dir;

  const report = readReport(join(dir, 'report.json'), from ? '--from' : '--out');
  const geometry = readGeometry(report, dir, geometryArgs, formats);
  const targets = readTargetDefinitions(report);
  const options: ReportExportOptions = { lang, targets, ...(asOf ? { asOf } : {}) };
  options.reportDate = new Date().toISOString();
  const baselinePath = own.get('--baseline');
  if (baselinePath) {
    const baseline = readReport(baselinePath, '--baseline');
    options.comparison = compareAcrossSets(baseline, report, bundledCrosswalk(), {
      baselineName: baselinePath,
      members: groupMembersOf(report),
    });
    const c = options.comparison.conversion;
    if (c)
      process.stderr.write(
        `baseline ${baselinePath} was made on the ${c.direction === 'old→new' ? 'pre2025' : '2025'} boundaries: converted through the crosswalk (${c.carried} communes carried by area share; no baseline for ${c.without_baseline.length} units)\n`,
      );
  }
  const indicators = reportIndicators(report);
  const known = (id: string, flag: string) => {
    if (!indicators.some((i) => i.id === id))
      throw new UserError(
        `${flag}: unknown indicator "${id}". Known: ${indicators
          .filter((i) => i.key)
          .map((i) => i.id)
          .join(', ')} (and every mobile.<tech>[.<operator>].<population_pct|area_pct|covered_population>).`,
      );
    return id;
  };
  const rankBy = known(own.get('--rank-by') ?? 'mobile.4G.population_pct', '--rank-by');
  const mapIndicator = known(own.get('--map-indicator') ?? 'mobile.4G.population_pct', '--map-indicator');
  const mapClasses = own.get('--map-classes') ?? 'fixed';
  if (mapClasses !== 'fixed' && mapClasses !== 'quantile')
    throw new UserError(`--map-classes: "${mapClasses}" is neither fixed nor quantile.`);
  options.ranking = { indicator: rankBy, rows: rankCommunes(report, rankBy) };

  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    writeOutputFile(join(out, name), data);
    written.push(join(out, name));
  };
  for (const f of formats) {
    switch (f) {
      case 'xlsx': {
        const { reportXlsx } = await import('../io/export/report_xlsx.ts');
        write('report.xlsx', reportXlsx(report, options));
        break;
      }
      case 'csv': {
        const { reportCsv } = await import('../io/export/report_csv.ts');
        for (const [name, text] of Object.entries(reportCsv(report, options))) write(name, text);
        break;
      }
      case 'pdf': {
        const { reportPdf } = await import('../io/export/pdf/report_pdf.ts');
        const fonts = { regular: fontBytes('DejaVuSans.ttf'), bold: fontBytes('DejaVuSans-Bold.ttf') };
        write(
          'report.pdf',
          await reportPdf(report, geometry!, fonts, { ...options, mapIndicator, mapClasses }),
        );
        break;
      }
      case 'geojson': {
        const { reportGeoJSON } = await import('../io/export/report_geojson.ts');
        for (const [layer, text] of Object.entries(reportGeoJSON(report, geometry!, lang)))
          write(`report_${layer}.geojson`, text);
        break;
      }
      case 'gpkg': {
        const [{ reportGeoPackage }, { default: initSqlJs }] = await Promise.all([
          import('../io/export/report_gpkg.ts'),
          import('sql.js'),
        ]);
        write('report.gpkg', reportGeoPackage(report, geometry!, await initSqlJs(), lang));
        break;
      }
      case 'shp': {
        const { reportShapefileZip } = await import('../io/export/report_shapefile.ts');
        write('report_shp.zip', reportShapefileZip(report, geometry!, lang));
        break;
      }
      case 'kml': {
        const { reportKml } = await import('../io/export/report_kml.ts');
        write('report.kml', reportKml(report, geometry!, lang));
        break;
      }
    }
  }
  process.stdout.write(`wrote ${written.join(', ')}\n`);
  return 0;
}

function parseFormats(raw: string | undefined): Format[] {
  if (!raw) return [...FORMATS];
  const parts = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => !(FORMATS as readonly string[]).includes(p));
  if (bad.length || !parts.length)
    throw new UserError(`--format: unknown format(s) "${bad.join(', ')}"; use any of ${FORMATS.join(',')}.`);
  return [...new Set(parts)] as Format[];
}

/**
 * The communes of each group of the report's boundaries (the former provinces' areas have no parent
 * links in report.json), read from its boundaries file; empty when that file cannot be read.
 */
function groupMembersOf(report: CoverageReport): Map<string, string[]> {
  try {
    const file = report.inputs.boundaries;
    const { communes } = communesFromGeoJSON(JSON.parse(readText(file)), { file });
    return new Map(unitGroups(communes).map((g) => [g.id, g.members.map((i) => communes[i]!.id)]));
  } catch {
    return new Map();
  }
}

/** The bundled pre2025 → 2025 crosswalk pieces (data/sample/crosswalk-pre2025-2025.csv). */
function bundledCrosswalk(): CrosswalkPiece[] {
  const { rows } = crosswalkFromCsv(readText(SAMPLE.crosswalk), SAMPLE.crosswalk);
  return rows.map((r) => ({ oldId: r.fromId, newId: r.toId, areaKm2: r.areaKm2 }));
}

/** Reads a report.json (ours or a baseline), validated: a UserError naming the file and field otherwise. */
function readReport(path: string, flag: string): CoverageReport {
  return readReportJson(readText(path, flag), path);
}

/** Finds a file named in report.json: as given, else relative to the report's folder. */
function locate(path: string, dir: string): string | null {
  if (existsSync(path)) return path;
  if (!isAbsolute(path) && existsSync(resolve(dir, path))) return resolve(dir, path);
  return null;
}

function readGeometry(
  report: CoverageReport,
  dir: string,
  args: string[],
  formats: readonly Format[],
): ReportGeometry | null {
  if (!formats.some((f) => f !== 'xlsx' && f !== 'csv')) return null;
  const opt = (flag: string) => {
    const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    const a = args[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
  };
  const given = opt('--boundaries');
  const path = given ?? locate(report.inputs.boundaries, dir);
  if (!path)
    throw new UserError(
      `${report.inputs.boundaries}: the commune boundaries named in report.json were not found; pass --boundaries F (needed for the PDF map and the GIS files).`,
    );
  const idField = opt('--id-field');
  const nameField = opt('--name-field');
  const popField = opt('--population-field');
  const { communes } = communesFromGeoJSON(readText(path), {
    file: path,
    ...(idField ? { idField } : {}),
    ...(nameField ? { nameField } : {}),
    ...(popField ? { populationField: popField } : {}),
  });
  const polygons = (file: string) => {
    const p = join(dir, file);
    if (!existsSync(p)) return [];
    let fc: { features?: { properties?: Record<string, unknown>; geometry?: Polygon | MultiPolygon }[] };
    try {
      fc = JSON.parse(readText(p));
    } catch {
      throw new UserError(`${p}: not valid GeoJSON.`);
    }
    if (!fc || typeof fc !== 'object' || (fc.features !== undefined && !Array.isArray(fc.features)))
      throw new UserError(`${p}: not a GeoJSON FeatureCollection (features must be a list).`);
    return (fc.features ?? []).filter(
      (f) =>
        f &&
        typeof f === 'object' &&
        f.geometry &&
        (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') &&
        Array.isArray(f.geometry.coordinates),
    );
  };
  const beyondFile = join(dir, 'postal_beyond_3km.geojson');
  return {
    communes: new Map(communes.map((c) => [c.id, c.geometry])),
    gaps: polygons('gaps.geojson').map((f) => ({
      unitId: String(f.properties?.unit_id ?? ''),
      technology: String(f.properties?.technology ?? ''),
      area_km2: Number(f.properties?.area_km2 ?? 0),
      population: Number(f.properties?.population ?? 0),
      geometry: f.geometry!,
    })),
    ...(existsSync(beyondFile)
      ? {
          postalBeyond: polygons('postal_beyond_3km.geojson').map((f) => ({
            unitId: String(f.properties?.unit_id ?? ''),
            geometry: f.geometry!,
          })),
        }
      : {}),
  };
}

/** The target definitions (labels, years, sources) from the target files report.json names, when present. */
function readTargetDefinitions(report: CoverageReport): Target[] {
  return report.inputs.targets.flatMap((p) => (existsSync(p) ? targetsFromJson(readText(p), p).targets : []));
}

/** Resolves packages from the project root: the same from src/cli/ (tsx) and from the bundle. */
const requireHere = createRequire(`${ROOT}package.json`);

/** A DejaVu Sans TTF from the dejavu-fonts-ttf package (it covers Vietnamese). */
function fontBytes(file: string): Uint8Array {
  return readBytes(requireHere.resolve(`dejavu-fonts-ttf/ttf/${file}`));
}
