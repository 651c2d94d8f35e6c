/**
 * The worker's side of "Suggest sites" (issue 6): runs the CLI's `planSites` or `suggestPostalPoints`
 * on the worker's CURRENT scenario (baseline data with the edits applied) and returns plain data for
 * the panel and the map. Candidates are generated here with the core's own `generateCandidates` (the
 * same call `planSites` makes when it is given none), so the panel can show them and leave sources out.
 */
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { type InputIssue, UserError } from '../../core/base/errors.ts';
import type { PostalCategory, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import type { Callbacks, Commune, EngineConfig, PopulationPoint, Site } from '../../core/base/types.ts';
import { pointIndex } from '../../core/coverage/point_index.ts';
import { DEFAULT_CELL_SIZE_M, demandPoints } from '../../core/planning/demand_points.ts';
import { existingCoverage } from '../../core/planning/existing_coverage.ts';
import { moveToHighest } from '../../core/planning/move_to_highest.ts';
import { communesInScope } from '../../core/planning/plan_scope.ts';
import { planSites } from '../../core/planning/plan_sites.ts';
import type { Candidate, CandidateSource } from '../../core/planning/plan_types.ts';
import { generateCandidates } from '../../core/planning/site_candidates.ts';
import { suggestPostalPoints } from '../../core/planning/suggest_postal_points.ts';
import { candidatesFromCsv } from '../../io/import/candidates_csv.ts';
import {
  MAX_CANDIDATE_POINTS,
  type PostalSuggestRequest,
  type PostalSuggestResult,
  type PostalSuggestRow,
  type SiteSuggestRequest,
  type SiteSuggestResult,
  type SuggestRequest,
  type SuggestResult,
} from './suggest_types.ts';
import { currentDem } from './worker_dem.ts';
import { appTerrain, appTerrainModel, currentRadio } from './worker_radio.ts';

/** What planning needs from the worker's session: the current scenario. */
export interface PlanScenario {
  communes: readonly Commune[];
  /** Sites with the scenario's edits applied. */
  sites: readonly Site[];
  /** Postal points with the edits applied (null when no postal data is loaded). */
  postal: readonly PostalPoint[] | null;
  villages: readonly Village[];
  /**
   * The population model of the app's analysis: imported population points, or null when the census
   * population is spread evenly over each commune (the default). Planning counts people the same way,
   * so that accepting a plan moves the map's figures by what the plan says.
   */
  populationPoints?: readonly PopulationPoint[] | null;
  /** Which postal categories count as N (the analysis' counting rule). */
  countingRule: readonly PostalCategory[];
  config?: EngineConfig;
}

let latest = 0;

/** Notes a plan request as it arrives, before it waits in the queue: older queued ones are then skipped. */
export function notePlanRequest(id: number): void {
  latest = Math.max(latest, id);
}

/** Whether a newer plan request arrived after this one (so this one's result would be thrown away). */
export function planSuperseded(id: number): boolean {
  return id < latest;
}

/**
 * Runs one plan on the scenario; `prepared` is the site plan's candidates when `prepareSuggest` has
 * already made them (and computed their terrain footprints).
 */
export function runSuggest(
  scenario: PlanScenario,
  request: SuggestRequest,
  onProgress: (done: number, total: number, label: string) => void,
  prepared?: RequestCandidates,
): SuggestResult {
  return request.mode === 'sites'
    ? suggestSites(scenario, request, onProgress, prepared)
    : suggestPostal(scenario, request, onProgress);
}

/** The candidates of a site plan, the candidate file's problems and its row counts. */
export type RequestCandidates = {
  candidates: Candidate[];
  issues: InputIssue[];
  csvRows: { total: number; kept: number } | null;
};

/**
 * Before a site plan with a DEM: the request's candidates (`requestCandidates`), and the terrain
 * footprints the planner will ask for computed ahead by `precompute` (the footprint pool): those of
 * the scenario's sites and of every candidate where the planner evaluates it (moved to the highest
 * ground first when the request says so, as `planSites` does). Without a DEM, only the candidates.
 */
export async function prepareSuggest(
  scenario: PlanScenario,
  request: SiteSuggestRequest,
  precompute: (sites: readonly Site[]) => Promise<unknown>,
): Promise<RequestCandidates> {
  const dem = currentDem();
  if (!dem) return requestCandidates(scenario, request);
  // The scenario's sites first: the candidates are generated in the gaps of their terrain footprints.
  await precompute(scenario.sites);
  const prepared = requestCandidates(scenario, request);
  const at =
    request.moveToHighestM != null
      ? moveToHighest(prepared.candidates, dem, request.moveToHighestM).candidates
      : prepared.candidates;
  // A candidate as the planner evaluates it (candidate_coverage.ts): one cell of the technology.
  const sites = at.map(
    (c): Site => ({ id: c.id, operator: '*', lon: c.lon, lat: c.lat, technologies: [request.technology] }),
  );
  await precompute(sites);
  return prepared;
}

/**
 * The candidates of a request: the imported file's and the generated sources that are ticked. With a
 * DEM loaded, the uncovered villages and the gap grid are those outside the existing sites' terrain
 * footprints (the app's radio config), as `planSites` counts them.
 */
export function requestCandidates(scenario: PlanScenario, request: SiteSuggestRequest): RequestCandidates {
  const cfg = scenario.config ?? DEFAULT_CONFIG;
  const out: Candidate[] = [];
  let issues: InputIssue[] = [];
  let csvRows: { total: number; kept: number } | null = null;
  if (request.candidatesCsv) {
    const c = candidatesFromCsv(request.candidatesCsv.text, request.candidatesCsv.name);
    issues = c.issues;
    csvRows = { total: c.total, kept: c.candidates.length };
    if (c.candidates.length === 0)
      throw new UserError(`${request.candidatesCsv.name}: no valid candidate rows.`, c.issues);
    out.push(...c.candidates);
  }
  const wanted = new Set<CandidateSource>([
    ...(request.sources.centres ? (['commune_centre'] as const) : []),
    ...(request.sources.villages ? (['uncovered_village'] as const) : []),
    ...(request.sources.grid ? (['gap_grid'] as const) : []),
  ]);
  if (wanted.size > 0) {
    // The same steps as planSites before it generates candidates itself.
    const scope = communesInScope(scenario.communes, request.scope);
    const demand = demandPoints(scenario.communes, scenario.villages, {
      cellSizeM: DEFAULT_CELL_SIZE_M,
      communeIndices: scope.indices,
    });
    const index = pointIndex(demand.points);
    // With a DEM the gaps are those of the terrain footprints, as planSites and the analysis have them
    // (the worker's shared cache holds the analysed sites' footprints), not those of circles.
    const dem = currentDem();
    const existing = existingCoverage(
      demand.points,
      index,
      scenario.sites,
      scenario.communes,
      { technology: request.technology, operator: request.operator },
      cfg,
      dem ? appTerrain(dem) : null,
    );
    const spacing = request.radius_m ?? cfg.radii[request.technology].rural;
    for (const c of generateCandidates(
      scenario.communes,
      scope.indices,
      demand.points,
      existing.covered,
      spacing,
    ))
      if (wanted.has(c.source)) out.push(c);
  }
  if (out.length === 0) throw new UserError('no candidates: tick a candidate source or import a CSV file.');
  return { candidates: out, issues, csvRows };
}

/**
 * The people a site plan counts, as the app's analysis counts them: grid-powered villages for that
 * measure; else the imported population points (scaled to each commune's census, as the analysis does),
 * or, by default, no points at all, so that planSites spreads each commune's census population evenly
 * on its 250 m grid, the discrete form of the analysis' uniform population. (The villages still place
 * the "uncovered village" candidates.)
 */
export function planDemand(scenario: PlanScenario, request: SiteSuggestRequest): { villages?: Village[] } {
  if (request.measure === 'grid_villages') return { villages: [...scenario.villages] };
  const people = populationAsVillages(scenario);
  return people ? { villages: people } : {};
}

/** The imported population points as demand points, or undefined for the even spread. */
function populationAsVillages(scenario: PlanScenario): Village[] | undefined {
  if (!scenario.populationPoints || scenario.populationPoints.length === 0) return undefined;
  return scenario.populationPoints.map((p, i) => ({
    id: `p${i}`,
    lon: p.lon,
    lat: p.lat,
    population: p.population,
    hasGridPower: null,
  }));
}

function suggestSites(
  scenario: PlanScenario,
  request: SiteSuggestRequest,
  onProgress: (done: number, total: number, label: string) => void,
  prepared?: RequestCandidates,
): SiteSuggestResult {
  const started = performance.now();
  const { candidates, issues, csvRows } = prepared ?? requestCandidates(scenario, request);
  const warnings: string[] = [];
  const callbacks: Callbacks = { onProgress, onWarning: (m) => warnings.push(m) };
  // With a DEM, candidates and existing sites cover their terrain footprints (the worker's shared cache).
  const dem = currentDem();
  const plan = planSites(
    {
      communes: scenario.communes,
      sites: scenario.sites,
      ...planDemand(scenario, request),
      candidates,
      ...(dem ? { dem } : {}),
    },
    {
      technology: request.technology,
      operator: request.operator,
      measure: request.measure,
      scope: request.scope,
      ...(scenario.config ? { config: scenario.config } : {}),
      ...(request.targetPct !== null ? { targetPct: request.targetPct } : { k: request.k ?? 10 }),
      ...(request.radius_m !== null ? { radius_m: request.radius_m } : {}),
      ...(request.moveToHighestM != null ? { moveToHighestM: request.moveToHighestM } : {}),
      // The analysis's terrain model (the radio config in use).
      ...(dem ? { terrain: { model: appTerrainModel() }, radio: currentRadio() } : {}),
    },
    callbacks,
  );
  const moved = plan.moves?.filter((m) => m.moved_m > 0) ?? [];
  const up = moved.map((m) => (m.to_height_m ?? 0) - (m.from_height_m ?? 0)).sort((a, b) => a - b);
  const names = new Map(scenario.communes.map((c) => [c.id, c.name]));
  return {
    mode: 'sites',
    // Filled in by the worker, which holds the session's analysis (plan_preview.ts).
    onMap: null,
    technology: plan.technology,
    measure: plan.measure,
    costAware: plan.costAware,
    population: plan.population,
    measureTotal: plan.measureTotal,
    existing: {
      population_pct: plan.existing.population_pct,
      measure_pct: plan.existing.measure_pct,
      covered_population: plan.existing.covered_population,
    },
    rows: plan.rows.map((r) => ({
      ...r,
      commune_name: r.commune_id === null ? null : (names.get(r.commune_id) ?? null),
    })),
    curve: plan.curve,
    status: plan.status,
    candidates: {
      total: plan.candidates.total,
      useful: plan.candidates.useful,
      bySource: plan.candidates.bySource,
      points: candidates
        .slice(0, MAX_CANDIDATE_POINTS)
        .map((c) => ({ id: c.id, lon: c.lon, lat: c.lat, source: c.source })),
    },
    csvIssues: issues,
    csvRows,
    moves: plan.moves
      ? {
          moved: moved.length,
          total: plan.moves.length,
          radius_m: request.moveToHighestM ?? 0,
          medianUp_m: up.length ? up[Math.floor(up.length / 2)]! : 0,
        }
      : null,
    noDem: request.moveToHighestM != null && !dem,
    warnings,
    ms: performance.now() - started,
  };
}

function suggestPostal(
  scenario: PlanScenario,
  request: PostalSuggestRequest,
  onProgress: (done: number, total: number, label: string) => void,
): PostalSuggestResult {
  const started = performance.now();
  if (!scenario.postal)
    throw new UserError('no postal points are loaded: import postal service points first.');
  const scope = communesInScope(scenario.communes, request.scope);
  const warnings: string[] = [];
  const people = populationAsVillages(scenario);
  const plan = suggestPostalPoints(
    { communes: scenario.communes, points: scenario.postal, ...(people ? { villages: people } : {}) },
    {
      radiusKm: request.radiusKm,
      countingRule: [...scenario.countingRule],
      communeIndices: scope.indices,
    },
    { onProgress, onWarning: (m) => warnings.push(m) },
  );
  const rows: PostalSuggestRow[] = [];
  for (const c of plan.communes)
    for (const s of c.suggestions)
      rows.push({
        rank: rows.length + 1,
        commune_id: c.commune_id,
        commune_name: c.name,
        lon: s.lon,
        lat: s.lat,
        reason: s.reason,
        gained_population: s.gained_population,
      });
  return {
    mode: 'postal',
    radiusKm: plan.radiusKm,
    rows,
    totals: plan.totals,
    communes: plan.communes.length,
    warnings,
    ms: performance.now() - started,
  };
}
