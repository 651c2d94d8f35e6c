import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../core/analyze.ts';
import { DEFAULT_CONFIG } from '../core/config.ts';
import { formatIssue, type InputIssue, UserError } from '../core/errors.ts';
import { buildReport } from '../core/report.ts';
import type { EngineConfig, PopulationPoint } from '../core/types.ts';
import { communesFromGeoJSON } from '../io/boundaries.ts';
import { communesCsv } from '../io/communes_csv.ts';
import { configFromJson } from '../io/config_file.ts';
import { gapsGeoJSON } from '../io/gaps_geojson.ts';
import { populationFromCsv, populationFromGeoJSON, populationFromGeoTIFF } from '../io/population.ts';
import { sitesFromCsv, sitesFromGeoJSON } from '../io/sites.ts';
import { SAMPLE } from './paths.ts';
import { progressBar } from './progress.ts';
import { formatOf, importSummary, readBytes, readText } from './read_inputs.ts';

export const ANALYZE_HELP = `vungphu analyze — coverage per commune, district and province

Usage: vungphu analyze [options]
With no inputs it runs on the bundled sample (real boundaries and census population,
SYNTHETIC infrastructure).

  --boundaries F        commune boundaries (GeoJSON Polygon/MultiPolygon)
  --id-field NAME       boundary id field (auto: id, gso_code, ma_xa, code)
  --name-field NAME     boundary name field (auto: name, commune, ten)
  --population-field N  boundary population field (auto: population, pop2019, dan_so)
  --boundary-set S      sample boundary set when --boundaries is not given: pre2025 (default) or 2025
  --sites F             mobile sites: GeoJSON, or CSV id,lon,lat,technology,operator
                        [,radius_m,azimuth_deg,beamwidth_deg]
  --population F        population points (GeoJSON/CSV lon,lat,population) or a
                        WorldPop/HRSL GeoTIFF (people per cell, EPSG:4326)
  --config F            engine config JSON (radii, scanlines, gapTechnologies, …)
  --out DIR             output folder (default: out)
  --strict              exit 1 when any input row is rejected
  -h, --help            this help

Writes DIR/report.json, DIR/communes.csv (UTF-8 with BOM) and DIR/gaps.geojson.
Exit codes: 0 success, 1 bad input, 2 internal error.`;

/** Runs `vungphu analyze`; returns the exit code. */
export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      boundaries: { type: 'string' },
      'id-field': { type: 'string' },
      'name-field': { type: 'string' },
      'population-field': { type: 'string' },
      'boundary-set': { type: 'string' },
      sites: { type: 'string' },
      population: { type: 'string' },
      config: { type: 'string' },
      out: { type: 'string', default: 'out' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${ANALYZE_HELP}\n`);
    return 0;
  }
  const set = values['boundary-set'] ?? 'pre2025';
  if (set !== 'pre2025' && set !== '2025')
    throw new UserError(`--boundary-set must be pre2025 or 2025 (got "${set}").`);
  const boundariesPath = values.boundaries ?? SAMPLE.boundaries[set];
  const sitesPath = values.sites ?? SAMPLE.sites;
  const allIssues: InputIssue[] = [];
  const summaries: string[] = [];

  const b = communesFromGeoJSON(readText(boundariesPath), {
    file: boundariesPath,
    ...(values['id-field'] ? { idField: values['id-field'] } : {}),
    ...(values['name-field'] ? { nameField: values['name-field'] } : {}),
    ...(values['population-field'] ? { populationField: values['population-field'] } : {}),
  });
  allIssues.push(...b.issues);
  summaries.push(
    importSummary(boundariesPath, b.communes.length, b.communes.length + countErrors(b.issues), b.issues),
  );

  const sitesText = readText(sitesPath);
  const s =
    formatOf(sitesPath) === 'csv'
      ? sitesFromCsv(sitesText, sitesPath)
      : sitesFromGeoJSON(sitesText, sitesPath);
  allIssues.push(...s.issues);
  summaries.push(importSummary(sitesPath, s.sites.length, s.total, s.issues));

  let populationPoints: PopulationPoint[] | undefined;
  if (values.population) {
    const path = values.population;
    const fmt = formatOf(path);
    const p =
      fmt === 'geotiff'
        ? await populationFromGeoTIFF(readBytes(path).slice().buffer, path)
        : fmt === 'csv'
          ? populationFromCsv(readText(path), path)
          : populationFromGeoJSON(readText(path), path);
    populationPoints = p.points;
    allIssues.push(...p.issues);
    summaries.push(importSummary(path, p.points.length, p.total, p.issues));
  }

  const config: EngineConfig = values.config
    ? configFromJson(readText(values.config), values.config)
    : DEFAULT_CONFIG;

  for (const issue of allIssues) process.stderr.write(`${issue.severity}: ${formatIssue(issue)}\n`);
  for (const line of summaries) process.stderr.write(`${line}\n`);
  if (values.strict && countErrors(allIssues) > 0) {
    throw new UserError(`${countErrors(allIssues)} input row(s) rejected (--strict).`);
  }

  const bar = progressBar();
  const result = analyze(
    { communes: b.communes, sites: s.sites, ...(populationPoints ? { populationPoints } : {}) },
    config,
    {
      onProgress: bar.update,
      onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
    },
  );
  bar.done();

  const synthetic = !values.sites || /synthetic/i.test(sitesPath);
  const report = buildReport(
    result,
    config,
    {
      boundaries: boundariesPath,
      sites: sitesPath,
      population: values.population ?? null,
      config: values.config ?? null,
      synthetic,
    },
    new Date(),
  );
  const out = values.out!;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(out, 'communes.csv'), communesCsv(report));
  writeFileSync(join(out, 'gaps.geojson'), JSON.stringify(gapsGeoJSON(result.gaps, synthetic)));

  for (const u of report.units.filter((x) => x.level === 'province')) {
    const pick = (t: string) =>
      u.coverage.find((c) => c.technology === t && c.operator === 'all')!.population_pct.toFixed(2);
    process.stdout.write(
      `${u.name}: population coverage 4G ${pick('4G')} %, 5G ${pick('5G')} %, any ${pick('any')} %\n`,
    );
  }
  process.stdout.write(
    `wrote ${join(out, 'report.json')}, ${join(out, 'communes.csv')}, ${join(out, 'gaps.geojson')}\n`,
  );
  return 0;
}

function countErrors(issues: InputIssue[]): number {
  return issues.filter((i) => i.severity === 'error').length;
}
