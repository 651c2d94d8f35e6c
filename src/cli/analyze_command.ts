import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../core/base/config.ts';
import { formatIssue, type InputIssue, UserError } from '../core/base/errors.ts';
import type { EngineConfig, PopulationPoint } from '../core/base/types.ts';
import { FORMER_AREA_MIN_SHARE } from '../core/base/unit_groups.ts';
import { countedSites } from '../core/coverage/counted_sites.ts';
import { OFFSET_SPAN_DB } from '../core/measured/calibrate_offset.ts';
import { buildReport } from '../core/report/report.ts';
import { isFiberReach, runAnalysis } from '../core/run_analysis.ts';
import { communesCsv } from '../io/export/communes_csv.ts';
import { disagreements, disagreementsCsv, disagreementsGeoJSON } from '../io/export/disagreements.ts';
import { gapsGeoJSON, postalBeyondGeoJSON } from '../io/export/gaps_geojson.ts';
import { targetsCsv } from '../io/export/targets_csv.ts';
import { configFromJson, radioConfigFromJson } from '../io/import/config_file.ts';
import { foldText } from '../io/import/flags.ts';
import { readBaselineDeadZones } from '../io/import/read_baseline_dead_zones.ts';
import { rejectedRowsCsv } from '../io/import/rejected_rows.ts';
import { targetsFromCsv, targetsFromJson } from '../io/import/targets_file.ts';
import { ANALYZE_HELP } from './analyze_help.ts';
import { countingLine, parseAsOf } from './as_of_flag.ts';
import { parseCountingRule } from './counting_rule.ts';
import { DEM_FLAG_OPTIONS, loadDemFlag } from './dem_flag.ts';
import { BOUNDARY_FLAG_OPTIONS, IMPORT_FLAG_OPTIONS } from './import_flags.ts';
import { parseInfrastructureFlag, writeInfrastructureOutputs } from './infrastructure_outputs.ts';
import { InputLoader } from './input_loader.ts';
import { prepareOutDir, writeOutputFile } from './output_files.ts';
import { BUNDLED_TARGETS, SAMPLE } from './paths.ts';
import { progressBar } from './progress.ts';
import { formatOf, importSummary, readText } from './read_inputs.ts';
import { TERRAIN_FLAG_OPTIONS } from './terrain_cache_flag.ts';
import { prepareTerrain } from './terrain_flags.ts';

/** Runs `vungphu analyze`; returns the exit code. */
export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...BOUNDARY_FLAG_OPTIONS,
      sites: { type: 'string' },
      population: { type: 'string' },
      postal: { type: 'string' },
      'postal-count': { type: 'string' },
      'as-of': { type: 'string' },
      infrastructure: { type: 'string' },
      fiber: { type: 'string' },
      'fiber-reach-m': { type: 'string' },
      villages: { type: 'string' },
      speedtests: { type: 'string' },
      settlements: { type: 'string' },
      'settlements-layer': { type: 'string' },
      calibrate: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      targets: { type: 'string', multiple: true },
      config: { type: 'string' },
      ...DEM_FLAG_OPTIONS,
      ...TERRAIN_FLAG_OPTIONS,
      out: { type: 'string', default: 'out' },
      ...IMPORT_FLAG_OPTIONS,
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${ANALYZE_HELP}\n`);
    return 0;
  }
  // The output folder is checked before the analysis, not after minutes of work.
  prepareOutDir(values.out!);
  const rule = parseAsOf(values['as-of']);
  const infrastructureFiles = parseInfrastructureFlag(values.infrastructure);
  const sitesPath = values.sites ?? SAMPLE.sites;
  // Every spatial input goes through the same importer as the app (any format, CRS, swap check).
  const loader = new InputLoader(values);
  const allIssues = loader.issues;
  const summaries = loader.summaries;

  const { path: boundariesPath, communes } = await loader.loadBoundaries(values);
  const reference = { reference: communes };
  const s = await loader.load(sitesPath, 'sites', reference);

  let populationPoints: PopulationPoint[] | undefined;
  if (values.population)
    populationPoints = (await loader.load(values.population, 'population', reference)).items;

  const sample = !values.boundaries && !values.sites;
  const postalPath = values.postal ?? (sample ? SAMPLE.postal : undefined);
  const fiberPath = values.fiber ?? (sample ? SAMPLE.fiber : undefined);
  const villagesPath = values.villages ?? (sample ? SAMPLE.villages : undefined);
  const postal = postalPath ? await loader.load(postalPath, 'postal', reference) : undefined;
  const fiber = fiberPath ? await loader.load(fiberPath, 'fiber', reference) : undefined;
  const villages = villagesPath ? await loader.load(villagesPath, 'villages', reference) : undefined;
  const speedTests = values.speedtests
    ? await loader.load(values.speedtests, 'speedtests', reference)
    : undefined;
  const layer = values['settlements-layer'];
  if (layer !== undefined && !values.settlements)
    throw new UserError(
      '--settlements-layer names a layer of the --settlements GeoPackage: give it with --settlements FILE.gpkg.',
    );
  const settlements = values.settlements
    ? await loader.load(values.settlements, 'settlements', {
        ...reference,
        ...(layer !== undefined ? { layer } : {}),
      })
    : undefined;
  loader.checkColumnsUsed();
  // A saved report.json of the previous period: its dead zones are not new (M9).
  const baselineDeadZones = values.baseline
    ? readBaselineDeadZones(readText(values.baseline, '--baseline'), values.baseline)
    : undefined;
  if (values.calibrate && !speedTests)
    throw new UserError(
      '--calibrate fits the default radii to speed tests: give them with --speedtests FILE.',
    );

  const targetPaths =
    values.targets ??
    bundledTargetFiles(
      communes.flatMap((c) => [
        c.provinceName,
        ...(c.former ?? []).filter((f) => f.share >= FORMER_AREA_MIN_SHARE).map((f) => f.province),
      ]),
    );
  const targets = targetPaths.map((path) => {
    const t =
      formatOf(path) === 'csv'
        ? targetsFromCsv(readText(path, '--targets'), path)
        : targetsFromJson(readText(path, '--targets'), path);
    allIssues.push(...t.issues);
    summaries.push(importSummary(path, t.targets.length, t.targets.length + countErrors(t.issues), t.issues));
    return { province: t.province, targets: t.targets, reported: t.reported };
  });

  const config: EngineConfig = values.config
    ? configFromJson(readText(values.config, '--config'), values.config)
    : DEFAULT_CONFIG;
  const radio = values.config
    ? radioConfigFromJson(readText(values.config, '--config'), values.config)
    : undefined;
  const countingRule = values['postal-count'] ? parseCountingRule(values['postal-count']) : undefined;
  const reach = values['fiber-reach-m'] ? Number(values['fiber-reach-m']) : undefined;
  if (reach !== undefined && !isFiberReach(reach)) {
    throw new UserError(
      `--fiber-reach-m must be a distance in metres in (0, 100000] (got "${values['fiber-reach-m']}").`,
    );
  }

  for (const issue of allIssues) process.stderr.write(`${issue.severity}: ${formatIssue(issue)}\n`);
  for (const line of summaries) process.stderr.write(`${line}\n`);
  const counted = countedSites(s.items, rule);
  process.stderr.write(`${countingLine(counted)}\n`);
  const dem = await loadDemFlag(values.dem, counted.sites, (line) => process.stderr.write(`${line}\n`));
  if (values.strict && countErrors(allIssues) > 0) {
    throw new UserError(`${countErrors(allIssues)} input row(s) rejected (--strict).`);
  }
  if (values['terrain-cache'] && !dem) throw new UserError('--terrain-cache needs --dem FILE.');
  const terrain = dem
    ? await prepareTerrain(dem, counted.sites, communes, radio, values['terrain-cache'], (line) =>
        process.stderr.write(`${line}\n`),
      )
    : null;

  const bar = progressBar();
  const result = runAnalysis(
    {
      communes,
      sites: counted.sites,
      ...(populationPoints ? { populationPoints } : {}),
      ...(postal ? { postal: postal.items } : {}),
      ...(fiber ? { fiber: fiber.items } : {}),
      ...(villages ? { villages: villages.items } : {}),
      ...(speedTests ? { speedTests: speedTests.items } : {}),
      ...(settlements ? { settlements: settlements.items.map((x) => x.geometry) } : {}),
      ...(baselineDeadZones ? { baselineDeadZones } : {}),
      ...(dem ? { dem } : {}),
      targets,
    },
    {
      config,
      ...(countingRule ? { postal: { countingRule } } : {}),
      ...(reach !== undefined ? { fiberReachM: reach } : {}),
      ...(values.calibrate ? { calibrate: true } : {}),
      ...(terrain ? { terrain: terrain.terrain } : {}),
    },
    { onProgress: bar.update, onWarning: (m) => process.stderr.write(`warning: ${m}\n`) },
  );
  bar.done();
  terrain?.save();

  const synthetic =
    sample || [sitesPath, postalPath, fiberPath, villagesPath].some((p) => p && /synthetic/i.test(p));
  const report = buildReport(
    result,
    config,
    {
      boundaries: boundariesPath,
      sites: sitesPath,
      population: values.population ?? null,
      postal: postalPath ?? null,
      fiber: fiberPath ?? null,
      villages: villagesPath ?? null,
      speedtests: values.speedtests ?? null,
      settlements: values.settlements ?? null,
      baseline: values.baseline ?? null,
      targets: targetPaths,
      config: values.config ?? null,
      synthetic,
    },
    new Date(),
    counted,
  );
  const out = values.out!;
  const written = ['report.json', 'communes.csv', 'targets.csv', 'gaps.geojson'];
  writeOutputFile(join(out, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
  writeOutputFile(join(out, 'communes.csv'), communesCsv(report));
  writeOutputFile(join(out, 'targets.csv'), targetsCsv(report));
  writeOutputFile(join(out, 'gaps.geojson'), JSON.stringify(gapsGeoJSON(result.mobile.gaps, synthetic)));
  if (postal) {
    writeOutputFile(
      join(out, 'postal_beyond_3km.geojson'),
      JSON.stringify(postalBeyondGeoJSON(result.postalBeyondPolygons, synthetic)),
    );
    written.push('postal_beyond_3km.geojson');
  }
  written.push(
    ...(await writeInfrastructureOutputs(
      out,
      {
        sites: s.items,
        ...(postal ? { postal: postal.items } : {}),
        ...(villages ? { villages: villages.items } : {}),
        ...(fiber ? { fiber: fiber.items } : {}),
      },
      infrastructureFiles,
      {
        stem: 'infrastructure',
        note: `${synthetic ? 'SYNTHETIC SAMPLE. ' : ''}The analysed infrastructure (source: input). ${report.generated_at}`,
        date: new Date(report.generated_at),
      },
    )),
  );
  if (speedTests && result.measured?.verdicts) {
    const list = disagreements(
      speedTests.items,
      result.measured.verdicts,
      result.measured.communeOf,
      communes,
    );
    writeOutputFile(join(out, 'disagreements.csv'), disagreementsCsv(list));
    writeOutputFile(
      join(out, 'disagreements.geojson'),
      JSON.stringify(disagreementsGeoJSON(list, synthetic)),
    );
    written.push('disagreements.csv', 'disagreements.geojson');
  }
  if (countErrors(allIssues) > 0) {
    writeOutputFile(join(out, 'rejected.csv'), rejectedRowsCsv(allIssues));
    written.push('rejected.csv');
  }

  for (const u of report.units.filter((x) => x.level === 'province')) {
    const pick = (t: string) =>
      u.coverage.find((c) => c.technology === t && c.operator === 'all')!.population_pct.toFixed(2);
    process.stdout.write(
      `${u.name}: population coverage 4G ${pick('4G')} %, 5G ${pick('5G')} %, any ${pick('any')} %\n`,
    );
    if (u.populated_area_method) {
      const area = (t: string) =>
        u.coverage.find((c) => c.technology === t && c.operator === 'all')!.populated_area_pct?.toFixed(2) ??
        '—';
      process.stdout.write(
        `${u.name}: populated-area coverage (khu vực có dân cư, ${u.populated_area_km2!.toFixed(1)} km² by ${u.populated_area_method}) 4G ${area('4G')} %, 5G ${area('5G')} %\n`,
      );
    }
  }
  if (report.measured) {
    const m = report.measured;
    process.stdout.write(
      `measured (đo thực tế): ${m.tests.toLocaleString('en-US')} speed tests in ${m.records.toLocaleString('en-US')} records, ${m.date_from ? `${m.date_from} – ${m.date_to}` : 'no test dates'}${m.tests_outside ? `; ${m.tests_outside.toLocaleString('en-US')} outside every commune, left out` : ''}\n`,
    );
  }
  if (report.calibration) {
    const c = report.calibration;
    for (const f of c.fits)
      process.stdout.write(
        `calibration ${f.operator} ${f.technology} (${f.tests.toLocaleString('en-US')} tests): default radius ${f.default_radius_m.rural} m → fitted ${f.fitted_radius_m.rural} m (rural; urban ${f.default_radius_m.urban} → ${f.fitted_radius_m.urban} m); agreement ${f.agreement_before_pct.toFixed(1)} % → ${f.agreement_after_pct.toFixed(1)} %${c.applied ? '' : ' (not applied; --calibrate applies it)'}\n`,
      );
    if (c.applied) process.stdout.write('the fitted radii were applied (--calibrate)\n');
  }
  if (report.offset_calibration) {
    const c = report.offset_calibration;
    for (const f of c.fits)
      process.stdout.write(
        `calibration with terrain ${f.operator} ${f.technology} (${f.tests.toLocaleString('en-US')} tests): loss offset ${f.offset_db >= 0 ? '+' : ''}${f.offset_db.toFixed(1)} dB${Math.abs(f.offset_db) >= OFFSET_SPAN_DB ? ' (at the end of the ±20 dB scan: more is wrong than an offset explains)' : ''}; agreement ${f.agreement_before_pct.toFixed(1)} % → ${f.agreement_after_pct.toFixed(1)} %${c.applied ? '' : ' (not applied; --calibrate applies it)'}\n`,
      );
    if (c.applied)
      process.stdout.write(
        'the fitted loss offsets were applied (--calibrate with --dem; the radii were not)\n',
      );
  }
  if (report.new_dead_zone_villages)
    process.stdout.write(
      `new dead zones since the baseline (${values.baseline}): ${report.new_dead_zone_villages.length} village(s)\n`,
    );
  for (const r of (report.reported_results ?? []).filter((x) => x.level === 'province'))
    process.stdout.write(
      `${r.territory_name ?? r.unit_name}: ${r.indicator_en}${r.technology ? ` (${r.technology})` : ''}: the plan reports ${r.reported_value} % for ${r.year ?? '—'} (${r.reported_id}); ours ${r.value === null ? 'not computable' : `${r.value.toFixed(2)} %`} (modelled)\n`,
    );
  const provinceTargets = report.targets.filter((t) => t.level === 'province');
  if (provinceTargets.length) {
    const met = provinceTargets.filter((t) => t.status === 'met').length;
    const notMet = provinceTargets.filter((t) => t.status === 'not_met').length;
    process.stdout.write(
      `province targets: ${met} met, ${notMet} not met, ${provinceTargets.length - met - notMet} not evaluable\n`,
    );
  }
  process.stdout.write(`wrote ${written.map((f) => join(out, f)).join(', ')}\n`);
  return 0;
}

/**
 * The bundled target files for the provinces present, and for the old provinces whose area a 2025 set
 * covers (Đắk Nông in the merged Lâm Đồng), matched on the folded province name.
 */
function bundledTargetFiles(provinceNames: string[]): string[] {
  const wanted = new Set(provinceNames.map(foldText));
  return Object.entries(BUNDLED_TARGETS)
    .filter(([province]) => wanted.has(foldText(province)))
    .map(([, path]) => path);
}

function countErrors(issues: InputIssue[]): number {
  return issues.filter((i) => i.severity === 'error').length;
}
