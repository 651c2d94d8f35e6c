import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../core/base/config.ts';
import { formatIssue, type InputIssue, UserError } from '../core/base/errors.ts';
import type { Village } from '../core/base/infrastructure.ts';
import type { Commune, EngineConfig } from '../core/base/types.ts';
import { countedSites } from '../core/coverage/counted_sites.ts';
import { DEFAULT_CELL_SIZE_M } from '../core/planning/demand_points.ts';
import { DEFAULT_MOVE_RADIUS_M } from '../core/planning/move_to_highest.ts';
import { DEFAULT_K, planSites } from '../core/planning/plan_sites.ts';
import type {
  Candidate,
  PlanMeasure,
  PlanScope,
  SitePlan,
  SitePlanOptions,
} from '../core/planning/plan_types.ts';
import { type CellCounting, cellCounting } from '../core/report/report.ts';
import { footprintMethodNote } from '../core/terrain/footprint_method.ts';
import { planCsv } from '../io/export/plan_csv.ts';
import { planCurveSvg } from '../io/export/plan_curve_svg.ts';
import { suggestedSites } from '../io/export/suggested_sites.ts';
import { candidatesFromCsv } from '../io/import/candidates_csv.ts';
import { configFromJson, radioConfigFromJson } from '../io/import/config_file.ts';
import { rejectedRowsCsv } from '../io/import/rejected_rows.ts';
import { parseTechnology } from '../io/import/technology.ts';
import { countingLine, parseAsOf } from './as_of_flag.ts';
import { DEM_FLAG_HELP, DEM_FLAG_OPTIONS, loadDemFlag } from './dem_flag.ts';
import { BOUNDARY_FLAG_OPTIONS, IMPORT_FLAG_OPTIONS, IMPORT_FLAGS_HELP } from './import_flags.ts';
import { writeInfrastructureOutputs } from './infrastructure_outputs.ts';
import { InputLoader } from './input_loader.ts';
import { optionalNumber } from './number_flag.ts';
import { prepareOutDir, writeOutputFile } from './output_files.ts';
import { SAMPLE } from './paths.ts';
import { POSTAL_PLAN_HELP, planPostal } from './plan_postal.ts';
import { progressBar } from './progress.ts';
import { importSummary, readText } from './read_inputs.ts';
import { TERRAIN_FLAG_HELP, TERRAIN_FLAG_OPTIONS } from './terrain_cache_flag.ts';
import { prepareTerrain } from './terrain_flags.ts';

export const PLAN_SITES_HELP = `vungphu plan-sites — where the next mobile sites do the most good

Usage: vungphu plan-sites [options]
With no inputs it runs on the bundled sample (real boundaries and census population,
SYNTHETIC sites and villages): the 10 new 5G sites that cover the most people.

  --boundaries F        commune boundaries (GeoJSON, KML/KMZ or zipped shapefile); --id-field,
                        --name-field, --population-field and --boundary-set as for analyze
  --sites F             existing mobile sites (any format of analyze); locked
  --as-of YEAR          count planned cells on air by YEAR as existing too (default: on air today)
  --villages F          village points (GeoJSON/CSV/XLSX/KML/shapefile: lon,lat,population[,id,
                        commune_id,has_grid_power]); 'none' spreads census population on a grid.
                        Default: the sample villages when --boundaries is not given
  --cell-m M            grid cell size for communes without villages (default ${DEFAULT_CELL_SIZE_M} m)
  --candidates F        candidate sites, CSV id,lon,lat[,radius_m,cost]; default: generated
                        from commune centres, uncovered villages and a grid over the gaps
  --grid-spacing-m M    spacing of generated gap-grid candidates (default: the radius)
  --technology T        2G, 3G, 4G or 5G (default 5G)
  --operator NAME       count existing coverage of this operator only (default: any)
  --radius-m M          footprint radius for candidates without their own
                        (default: the engine default for the technology and setting)
  --k N                 budget mode: choose N sites (default ${DEFAULT_K})
  --target PCT          target mode: fewest sites (greedy) until PCT % is covered
  --measure M           what the target counts: population (default) or grid-villages
                        (share of villages with grid power; needs has_grid_power)
  --scope S             all (default), province:<id|name>, district:<id|name> or commune:<id>
  --config F            engine config JSON (radii, radio, …)
${DEM_FLAG_HELP}
${TERRAIN_FLAG_HELP}
  --move-to-highest     with --dem: move each candidate to the highest DEM point within
                        --move-radius of it first (plan.json lists every move: old and new
                        position and height)
  --move-radius M       the search radius of --move-to-highest (default ${DEFAULT_MOVE_RADIUS_M} m)
${IMPORT_FLAGS_HELP}
  --out DIR             output folder (default: out)
  --strict              exit 1 when any input row is rejected
  --postal              suggest postal service points instead (see below)
  -h, --help            this help

Writes DIR/plan.csv (UTF-8 with BOM; rank,candidate_id,lon,lat,commune_id,
gained_population,cumulative_population_pct[,cost_per_person]), DIR/plan.json
(inputs, method, rows, coverage curve, target status), DIR/plan-curve.svg and DIR/plan.gpkg
(GeoPackage: layers sites and cells, the existing sites with source input and the suggested
ones with source suggested, to send to the operator).
Examples:
  vungphu plan-sites --technology 5G --target 99 --scope commune:23557
  vungphu plan-sites --technology 4G --measure grid-villages --target 100
  vungphu plan-sites --candidates towers.csv --k 20 --out plan
Exit codes: 0 success (also when a target can't be reached: plan.json says so),
1 bad input, 2 internal error.

${POSTAL_PLAN_HELP}`;

/** Runs `vungphu plan-sites`; returns the exit code. */
export async function planSitesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...BOUNDARY_FLAG_OPTIONS,
      sites: { type: 'string' },
      villages: { type: 'string' },
      'cell-m': { type: 'string' },
      candidates: { type: 'string' },
      'grid-spacing-m': { type: 'string' },
      technology: { type: 'string', default: '5G' },
      operator: { type: 'string' },
      'radius-m': { type: 'string' },
      k: { type: 'string' },
      target: { type: 'string' },
      measure: { type: 'string', default: 'population' },
      scope: { type: 'string', default: 'all' },
      config: { type: 'string' },
      ...DEM_FLAG_OPTIONS,
      ...TERRAIN_FLAG_OPTIONS,
      'move-to-highest': { type: 'boolean', default: false },
      'move-radius': { type: 'string' },
      ...IMPORT_FLAG_OPTIONS,
      out: { type: 'string', default: 'out' },
      strict: { type: 'boolean', default: false },
      postal: { type: 'boolean', default: false },
      'postal-points': { type: 'string' },
      'postal-radius-km': { type: 'string' },
      'postal-count': { type: 'string' },
      'as-of': { type: 'string' },
      'postal-spacing-m': { type: 'string' },
      'postal-min-people': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${PLAN_SITES_HELP}\n`);
    return 0;
  }
  const scope = parseScope(values.scope!);
  prepareOutDir(values.out!);
  const cellSizeM = optionalNumber('--cell-m', values['cell-m']);
  // Every spatial input goes through the importer of analyze and the app (formats, CRS, swap check).
  const loader = new InputLoader(values);
  const { issues, summaries } = loader;

  const { path: boundariesPath, communes } = await loader.loadBoundaries(values);
  const reference = { reference: communes };

  const villagesPath =
    values.villages === 'none' ? null : (values.villages ?? (values.boundaries ? null : SAMPLE.villages));
  const villages: Village[] | undefined = villagesPath
    ? (await loader.load(villagesPath, 'villages', reference)).items
    : undefined;

  const config: EngineConfig = values.config
    ? configFromJson(readText(values.config, '--config'), values.config)
    : DEFAULT_CONFIG;

  if (values.postal) {
    const pointsPath = values['postal-points'] ?? SAMPLE.postal;
    const points = (await loader.load(pointsPath, 'postal', reference)).items;
    loader.checkColumnsUsed();
    report(issues, summaries, values.strict!, values.out!);
    return planPostal(
      {
        communes,
        villages,
        points,
        boundariesPath,
        villagesPath,
        pointsPath,
        scope,
        cellSizeM,
        out: values.out!,
      },
      {
        radiusKm: values['postal-radius-km'],
        count: values['postal-count'],
        spacingM: values['postal-spacing-m'],
        minPeople: values['postal-min-people'],
      },
    );
  }

  const sitesPath = values.sites ?? SAMPLE.sites;
  const counted = countedSites(
    (await loader.load(sitesPath, 'sites', reference)).items,
    parseAsOf(values['as-of']),
  );
  process.stderr.write(`${countingLine(counted)}\n`);
  const sites = counted.sites;
  const dem = await loadDemFlag(values.dem, sites, (line) => process.stderr.write(`${line}\n`));
  if (!dem && (values['move-to-highest'] || values['terrain-cache']))
    throw new UserError(
      `--${values['move-to-highest'] ? 'move-to-highest' : 'terrain-cache'} needs --dem FILE.`,
    );
  const moveRadius = optionalNumber('--move-radius', values['move-radius']);
  if (moveRadius !== undefined && !values['move-to-highest'])
    throw new UserError('--move-radius goes with --move-to-highest.');
  // The existing sites' footprints on every core (and from --terrain-cache); the candidates' are
  // computed by the planner as it evaluates them.
  const terrain = dem
    ? await prepareTerrain(
        dem,
        sites,
        communes,
        values.config ? radioConfigFromJson(readText(values.config, '--config'), values.config) : undefined,
        values['terrain-cache'],
        (line) => process.stderr.write(`${line}\n`),
      )
    : null;

  let candidates: Candidate[] | undefined;
  if (values.candidates) {
    const c = candidatesFromCsv(readText(values.candidates, '--candidates'), values.candidates);
    candidates = c.candidates;
    issues.push(...c.issues);
    summaries.push(importSummary(values.candidates, c.candidates.length, c.total, c.issues));
    if (c.candidates.length === 0)
      throw new UserError(`${values.candidates}: no valid candidate rows.`, c.issues);
  }
  loader.checkColumnsUsed();
  report(issues, summaries, values.strict!, values.out!);

  const technology = parseTechnology(values.technology!);
  if (!technology) throw new UserError(`--technology must be 2G, 3G, 4G or 5G (got "${values.technology}").`);
  const measure = parseMeasure(values.measure!);
  if (measure === 'grid_villages' && !villages)
    throw new UserError('--measure grid-villages needs village points (--villages F with has_grid_power).');
  const k = optionalNumber('--k', values.k);
  const targetPct = optionalNumber('--target', values.target);
  const radius_m = optionalNumber('--radius-m', values['radius-m']);
  const gridSpacingM = optionalNumber('--grid-spacing-m', values['grid-spacing-m']);
  const options: SitePlanOptions = {
    technology,
    operator: values.operator ?? null,
    measure,
    scope,
    config,
    ...(k !== undefined ? { k } : {}),
    ...(targetPct !== undefined ? { targetPct } : {}),
    ...(radius_m !== undefined ? { radius_m } : {}),
    ...(cellSizeM !== undefined ? { cellSizeM } : {}),
    ...(gridSpacingM !== undefined ? { gridSpacingM } : {}),
    ...(terrain ? { terrain: terrain.terrain } : {}),
    ...(values['move-to-highest'] ? { moveToHighestM: moveRadius ?? DEFAULT_MOVE_RADIUS_M } : {}),
  };

  const bar = progressBar();
  const plan = planSites(
    {
      communes,
      sites,
      ...(villages ? { villages } : {}),
      ...(candidates ? { candidates } : {}),
      ...(dem ? { dem } : {}),
    },
    options,
    { onProgress: bar.update, onWarning: (m) => process.stderr.write(`warning: ${m}\n`) },
  );
  bar.done();
  terrain?.save();
  if (plan.moves) {
    const moved = plan.moves.filter((m) => m.moved_m > 0);
    const up = moved.map((m) => (m.to_height_m ?? 0) - (m.from_height_m ?? 0)).sort((a, b) => a - b);
    process.stderr.write(
      `--move-to-highest: ${moved.length} of ${plan.moves.length} candidates moved${up.length ? `, median ${up[Math.floor(up.length / 2)]!.toFixed(0)} m higher` : ''} (plan.json: moves)\n`,
    );
  }

  const synthetic = !values.sites || /synthetic/i.test(sitesPath) || /synthetic/i.test(villagesPath ?? '');
  const out = values.out!;
  writeOutputFile(join(out, 'plan.csv'), planCsv(plan));
  const json = planJson(
    plan,
    {
      boundaries: boundariesPath,
      sites: sitesPath,
      villages: villagesPath,
      candidates: values.candidates ?? null,
      config: values.config ?? null,
      synthetic,
    },
    cellCounting(counted),
  );
  writeOutputFile(join(out, 'plan.json'), `${JSON.stringify(json, null, 1)}\n`);
  writeOutputFile(join(out, 'plan-curve.svg'), planCurveSvg(plan));
  // The existing sites (source input) and the suggested ones, with their cells, to send to an operator.
  await writeInfrastructureOutputs(out, { sites: [...sites, ...suggestedSites(plan)] }, ['gpkg'], {
    stem: 'plan',
    note: `${synthetic ? 'SYNTHETIC SAMPLE. ' : ''}Existing sites (source input) and the ${plan.rows.length} suggested ${plan.technology} site(s) (source suggested) of vungphu plan-sites. ${json.generated_at}`,
    date: new Date(json.generated_at),
  });
  process.stdout.write(`${summaryLine(plan, communes)}\n`);
  process.stdout.write(
    `wrote ${['plan.csv', 'plan.json', 'plan-curve.svg', 'plan.gpkg'].map((f) => join(out, f)).join(', ')}\n`,
  );
  return 0;
}

/** plan.json: the plan with its inputs and a plain statement of the method. */
function planJson(plan: SitePlan, inputs: Record<string, unknown>, counting: CellCounting) {
  const r = DEFAULT_CONFIG.radii[plan.technology];
  return {
    tool: 'vungphu plan-sites',
    generated_at: new Date().toISOString(),
    inputs,
    modelled: 'Coverage is modelled from site points and radii, not measured.',
    method: {
      population:
        `Villages weighted so each commune's villages add up to its census population; communes without villages ` +
        `spread their census population evenly over ${plan.demand.cellSizeM} m grid cells.`,
      footprint: plan.terrain
        ? `Terrain footprint of each candidate and existing site over the DEM (${plan.terrain.dem_sources.join(', ')}); ` +
          `a candidate off the DEM gets a circle: its own radius_m, else --radius-m, else the engine default for ` +
          `${plan.technology} (rural ${r.rural} m, urban ${r.urban} m).`
        : `Circle around each candidate: its own radius_m, else --radius-m, else the engine default for ` +
          `${plan.technology} (rural ${r.rural} m, urban ${r.urban} m).`,
      footprints: {
        kind: plan.terrain ? 'terrain' : 'circles',
        vi: footprintMethodNote(plan.terrain, 'vi'),
        en: footprintMethodNote(plan.terrain, 'en'),
      },
      existing_sites: `Locked: people already covered by ${plan.technology} (${plan.operator ?? 'any operator'}) add nothing.`,
      cell_counting: counting,
      algorithm: plan.costAware
        ? 'Lazy greedy on newly covered measure per unit cost (cost-effectiveness ranking; no constant-factor guarantee for a fixed number of sites).'
        : 'Lazy greedy maximal covering (Minoux 1978): each pick newly covers the most; the first k picks cover at least (1 − 1/e) ≈ 63 % of the best possible k-set (Nemhauser, Wolsey & Fisher 1978).',
      ties: 'Equal gains go to the lower candidate id.',
      target_mode:
        'Greedy picks until the target is reached: a small number of sites, not a proven minimum (greedy set cover is within a factor ln n of the fewest).',
    },
    ...plan,
  };
}

function summaryLine(plan: SitePlan, communes: readonly Commune[]): string {
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  const what = plan.measure === 'population' ? 'population' : 'grid-powered villages';
  const last = plan.curve[plan.curve.length - 1]!;
  const pctNow = plan.measure === 'population' ? last.population_pct : last.measure_pct;
  const pctBefore = plan.measure === 'population' ? plan.existing.population_pct : plan.existing.measure_pct;
  const gained = plan.rows.reduce((s, r) => s + r.gained_population, 0);
  const scope =
    plan.scope.communes.length === 1
      ? (communes.find((c) => c.id === plan.scope.communes[0])?.name ?? plan.scope.label)
      : plan.scope.label;
  const head = `${plan.technology} ${what} coverage, ${scope}: ${pctBefore.toFixed(2)} % with existing sites → ${pctNow.toFixed(2)} % with ${plan.rows.length} new site(s) (+${fmt(gained)} people)`;
  switch (plan.status.kind) {
    case 'budget':
      return plan.status.exhausted
        ? `${head}; only ${plan.rows.length} of the ${plan.status.requested_k} requested sites add coverage.`
        : `${head}.`;
    case 'reached':
      return `${head}; target ${plan.status.target_pct} % reached.`;
    case 'not_reached':
      return (
        `${head}; target ${plan.status.target_pct} % NOT reached` +
        (plan.status.reason === 'k_reached' ? ` within --k ${plan.rows.length}` : ' with these candidates') +
        ` (short by ${plan.status.shortfall_pct.toFixed(2)} points, ${fmt(plan.status.shortfall_measure)} ${plan.measure === 'population' ? 'people' : 'villages'}).`
      );
  }
}

/** Prints every issue and summary; writes DIR/rejected.csv when rows were rejected. */
function report(issues: InputIssue[], summaries: string[], strict: boolean, out: string): void {
  for (const issue of issues) process.stderr.write(`${issue.severity}: ${formatIssue(issue)}\n`);
  for (const line of summaries) process.stderr.write(`${line}\n`);
  if (strict && countErrors(issues) > 0)
    throw new UserError(`${countErrors(issues)} input row(s) rejected (--strict).`);
  if (countErrors(issues) > 0) {
    writeOutputFile(join(out, 'rejected.csv'), rejectedRowsCsv(issues));
    process.stderr.write(`rejected rows and why: ${join(out, 'rejected.csv')}\n`);
  }
}

function parseScope(raw: string): PlanScope {
  const t = raw.trim();
  if (t === 'all' || t === 'province') return { kind: 'all' };
  const m = /^(province|district|commune):(.+)$/.exec(t);
  if (!m)
    throw new UserError(`--scope must be all, province:<id>, district:<id> or commune:<id> (got "${raw}").`);
  return { kind: m[1] as 'province' | 'district' | 'commune', id: m[2]!.trim() };
}

function parseMeasure(raw: string): PlanMeasure {
  const t = raw.trim().toLowerCase().replace(/-/g, '_');
  if (t === 'population' || t === 'grid_villages') return t;
  throw new UserError(`--measure must be population or grid-villages (got "${raw}").`);
}

function countErrors(issues: InputIssue[]): number {
  return issues.filter((i) => i.severity === 'error').length;
}
