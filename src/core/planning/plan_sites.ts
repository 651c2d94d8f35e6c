import { DEFAULT_CONFIG } from '../base/config.ts';
import { UserError } from '../base/errors.ts';
import type { Village } from '../base/infrastructure.ts';
import type { Callbacks, Commune, EngineConfig, Site } from '../base/types.ts';
import { analysisTerrain } from '../coverage/analysis_terrain.ts';
import { pointIndex } from '../coverage/point_index.ts';
import { communeLocator } from '../geometry/commune_locator.ts';
import type { Dem } from '../terrain/dem.ts';
import { terrainSummary } from '../terrain/footprint_method.ts';
import type { TerrainContext } from '../terrain/terrain_context.ts';
import { candidateCoverage } from './candidate_coverage.ts';
import { DEFAULT_CELL_SIZE_M, demandPoints } from './demand_points.ts';
import { existingCoverage } from './existing_coverage.ts';
import { type CoverProblem, greedyCover } from './greedy_cover.ts';
import { improveCover } from './improve_cover.ts';
import { moveToHighest } from './move_to_highest.ts';
import { communesInScope } from './plan_scope.ts';
import type {
  Candidate,
  CandidateSource,
  CurvePoint,
  PlanRow,
  PlanStatus,
  SitePlan,
  SitePlanOptions,
} from './plan_types.ts';
import { pruneRedundant } from './prune_redundant.ts';
import { generateCandidates } from './site_candidates.ts';

export interface SitePlanInput {
  communes: readonly Commune[];
  /** Existing sites: locked; what they already cover adds nothing. */
  sites: readonly Site[];
  /** Village points; communes without any get the uniform population grid. */
  villages?: readonly Village[];
  /** Candidate locations; when absent they are generated (commune centres, uncovered villages, gap grid). */
  candidates?: readonly Candidate[];
  /** Heights: with a DEM, existing sites and candidates cover their terrain footprints. */
  dem?: Dem;
}

/** Default k when neither k nor a target is given. */
export const DEFAULT_K = 10;

/**
 * The planner's steps, in order, as `onProgress` names them (step i of PLAN_STEPS.length − 1): stable
 * words that a caller may translate (the app's Suggest panel does).
 */
export const PLAN_STEPS = [
  'population points',
  'existing coverage',
  'candidates',
  'candidate footprints',
  'greedy',
  'done',
] as const;

/** One of the planner's step names. */
export type PlanStep = (typeof PLAN_STEPS)[number];

/**
 * Plans new mobile sites for one technology: which candidates to build, in order, so that each newly
 * covers the most people (maximal covering, lazy greedy; see `greedyCover`).
 *
 * - Budget mode (`k`): the k best sites by newly covered population (or grid-powered villages).
 * - Target mode (`targetPct`): sites in greedy order until the scope's coverage (existing sites
 *   included) reaches the target; when the candidates can't reach it, the status says how close it got.
 * - With a cost on every candidate, greedy ranks by newly covered measure per unit cost instead.
 * - After greedy, a local search improves the set: greedy restarts from other first sites and single
 *   swaps in budget mode (unit costs; see `improveCover`), dropping redundant sites in target mode
 *   (`pruneRedundant`). The final set is ranked
 *   by greedy within it, so rank 1 is the site that covers the most on its own.
 *
 * People are demand points (see `demandPoints`); a candidate covers the points within its radius: its
 * own `radius_m`, else `options.radius_m`, else the engine default for the technology and the setting of
 * the commune it stands in. Candidates are ordered by id, so ties go to the lower id.
 *
 * With a DEM (`input.dem`) and a terrain model (`options.terrain`, else the default), existing sites
 * and candidates cover the demand points inside their terrain footprints instead, as `analyze` has
 * them; with `options.moveToHighestM` each candidate is first moved to the highest ground within that
 * many metres (`moveToHighest`), and the plan lists the moves.
 */
export function planSites(
  input: SitePlanInput,
  options: SitePlanOptions,
  callbacks: Callbacks = {},
): SitePlan {
  const cfg: EngineConfig = { ...DEFAULT_CONFIG, ...options.config };
  const { technology } = options;
  const operator = options.operator ?? null;
  const measure = options.measure ?? 'population';
  const mode = options.targetPct === undefined ? 'budget' : 'target';
  const k = options.k ?? (mode === 'budget' ? DEFAULT_K : undefined);
  checkOptions(options, k);
  const { communes } = input;
  const scope = communesInScope(communes, options.scope ?? { kind: 'all' });
  const progress = (step: number) => callbacks.onProgress?.(step, PLAN_STEPS.length - 1, PLAN_STEPS[step]!);

  progress(0); // population points
  const cellSizeM = options.cellSizeM ?? DEFAULT_CELL_SIZE_M;
  const demand = demandPoints(
    communes,
    input.villages,
    { cellSizeM, communeIndices: scope.indices },
    {
      ...(callbacks.onWarning ? { onWarning: callbacks.onWarning } : {}),
    },
  );
  const points = demand.points;
  const index = pointIndex(points);

  progress(1); // existing coverage
  const terrain = input.dem ? analysisTerrain(input.dem, options) : null;
  const existing = existingCoverage(
    points,
    index,
    input.sites,
    communes,
    { technology, operator },
    cfg,
    terrain,
  );

  progress(2); // candidates
  const defaultRadius = options.radius_m ?? cfg.radii[technology].rural;
  const given = [
    ...(input.candidates ??
      generateCandidates(
        communes,
        scope.indices,
        points,
        existing.covered,
        options.gridSpacingM ?? defaultRadius,
      )),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const moved =
    options.moveToHighestM !== undefined && input.dem
      ? moveToHighest(given, input.dem, options.moveToHighestM)
      : null;
  const candidates = moved?.candidates ?? given;
  for (let i = 1; i < candidates.length; i++)
    if (candidates[i]!.id === candidates[i - 1]!.id)
      throw new UserError(`candidate id "${candidates[i]!.id}" is used twice; ids must be unique.`);
  const withCost = candidates.filter((c) => c.cost !== undefined).length;
  if (withCost > 0 && withCost < candidates.length)
    throw new UserError(
      `${withCost} of ${candidates.length} candidates have a cost; give a cost for every candidate or for none.`,
    );
  const costAware = candidates.length > 0 && withCost === candidates.length;
  const badCost = candidates.find((c) => c.cost !== undefined && !(c.cost > 0 && Number.isFinite(c.cost)));
  if (badCost) throw new UserError(`candidate "${badCost.id}": the cost must be a number above 0.`);
  const locator = communeLocator(communes);
  const located = candidates.map((c) => locator.locate(c.lon, c.lat));
  const radii = Float64Array.from(
    candidates,
    (c, i) =>
      c.radius_m ??
      options.radius_m ??
      cfg.radii[technology][located[i]! >= 0 ? communes[located[i]!]!.setting : 'rural'],
  );

  progress(3); // candidate footprints
  const settingAt = (c: number) => (located[c]! >= 0 ? communes[located[c]!]!.setting : 'rural');
  const { offsets, lists } = candidateCoverage(
    candidates,
    radii,
    index,
    technology,
    cfg,
    terrain ? { context: terrain, settingOf: settingAt } : null,
  );
  const population = Float64Array.from(points, (p) => p.population);
  const weights =
    measure === 'population'
      ? population
      : Float64Array.from(points, (p) => (p.villageId !== undefined && p.hasGridPower === true ? 1 : 0));
  const populationTotal = sum(population);
  const measureTotal = sum(weights);
  if (!(measureTotal > 0))
    throw new UserError(
      measure === 'population'
        ? `the scope (${scope.label}) has no population to cover.`
        : `the scope (${scope.label}) has no village with grid power (has_grid_power = true); give --villages with that column.`,
    );

  progress(4); // greedy
  const problem: CoverProblem = {
    weights,
    covered: existing.covered,
    offsets,
    lists,
    costs: costAware ? costsOf(candidates) : null,
  };
  const targetWeight = options.targetPct !== undefined ? (options.targetPct / 100) * measureTotal : undefined;
  const result = greedyCover(problem, {
    ...(k !== undefined ? { maxPicks: k } : {}),
    ...(targetWeight !== undefined ? { targetWeight } : {}),
    lazy: options.lazy ?? true,
  });
  // Local search after greedy: swaps in budget mode (unit costs), dropping redundant sites in target
  // mode; the result is ranked again by greedy within the chosen set.
  let chosen = result.picks.map((p) => p.candidate);
  let swaps = 0;
  let pruned = 0;
  let restarts = 0;
  let improvedSet = false;
  if (options.localSearch !== false && chosen.length > 0) {
    if (mode === 'budget' && !costAware) {
      const improved = improveCover(problem, chosen, options.restarts);
      restarts = improved.restarts;
      if (improved.weight > result.coveredWeight + 1e-9 * Math.max(1, result.coveredWeight)) {
        swaps = improved.swaps;
        improvedSet = true;
        chosen = improved.chosen;
      }
    } else if (
      mode === 'target' &&
      targetWeight !== undefined &&
      reachedWeight(result.coveredWeight, targetWeight)
    ) {
      const kept = pruneRedundant(problem, chosen, targetWeight);
      pruned = chosen.length - kept.length;
      chosen = kept;
    }
  }
  const picks = improvedSet || pruned > 0 ? rankWithin(problem, chosen) : result.picks;

  // Replay the picks to attribute people (the measure may be villages) and build the curve.
  const covered = existing.covered.slice();
  let coveredPopulation = 0;
  for (let e = 0; e < points.length; e++) if (covered[e]) coveredPopulation += population[e]!;
  const existingPopulation = coveredPopulation;
  let coveredMeasure = result.baseWeight;
  let cost = 0;
  const pct = (v: number, total: number) => (total > 0 ? (100 * v) / total : 0);
  const curve: CurvePoint[] = [
    {
      sites: 0,
      population_pct: pct(coveredPopulation, populationTotal),
      measure_pct: pct(coveredMeasure, measureTotal),
      cumulative_cost: costAware ? 0 : null,
    },
  ];
  const rows: PlanRow[] = picks.map((pick, r) => {
    const c = candidates[pick.candidate]!;
    let gained = 0;
    for (let j = offsets[pick.candidate]!; j < offsets[pick.candidate + 1]!; j++) {
      const e = lists[j]!;
      if (!covered[e]) {
        covered[e] = 1;
        gained += population[e]!;
      }
    }
    coveredPopulation += gained;
    coveredMeasure += pick.gain;
    cost += c.cost ?? 0;
    const ci = located[pick.candidate]!;
    const row: PlanRow = {
      rank: r + 1,
      candidate_id: c.id,
      lon: c.lon,
      lat: c.lat,
      commune_id: ci >= 0 ? communes[ci]!.id : null,
      source: c.source,
      radius_m: radii[pick.candidate]!,
      cost: costAware ? c.cost! : null,
      gained_population: gained,
      cumulative_population_pct: pct(coveredPopulation, populationTotal),
      gained_measure: pick.gain,
      cumulative_measure_pct: pct(coveredMeasure, measureTotal),
      cost_per_person: costAware ? (gained > 0 ? c.cost! / gained : null) : null,
    };
    curve.push({
      sites: r + 1,
      population_pct: row.cumulative_population_pct,
      measure_pct: row.cumulative_measure_pct,
      cumulative_cost: costAware ? cost : null,
    });
    return row;
  });
  progress(5); // done

  const achieved = pct(coveredMeasure, measureTotal);
  let status: PlanStatus;
  if (mode === 'budget') {
    status = { kind: 'budget', requested_k: k!, chosen: rows.length, exhausted: rows.length < k! };
  } else {
    const target = options.targetPct!;
    status = reachedWeight(coveredMeasure, targetWeight!)
      ? { kind: 'reached', target_pct: target, achieved_pct: achieved, sites: rows.length }
      : {
          kind: 'not_reached',
          target_pct: target,
          achieved_pct: achieved,
          shortfall_pct: target - achieved,
          shortfall_measure: targetWeight! - coveredMeasure,
          reason: k !== undefined && rows.length >= k ? 'k_reached' : 'candidates_exhausted',
        };
  }
  const bySource: Partial<Record<CandidateSource, number>> = {};
  for (const c of candidates) bySource[c.source] = (bySource[c.source] ?? 0) + 1;
  let useful = 0;
  for (let c = 0; c < candidates.length; c++) {
    for (let j = offsets[c]!; j < offsets[c + 1]!; j++) {
      if (!existing.covered[lists[j]!] && weights[lists[j]!]! > 0) {
        useful++;
        break;
      }
    }
  }
  return {
    technology,
    operator,
    measure,
    mode,
    scope: { label: scope.label, communes: scope.indices.map((i) => communes[i]!.id) },
    demand: demand.summary,
    candidates: { total: candidates.length, bySource, useful },
    costAware,
    population: populationTotal,
    measureTotal,
    existing: {
      sites: existing.sites,
      covered_population: existingPopulation,
      population_pct: pct(existingPopulation, populationTotal),
      measure_pct: pct(result.baseWeight, measureTotal),
    },
    rows,
    curve,
    status,
    localSearch: {
      greedy_sites: result.picks.length,
      greedy_measure_pct: pct(result.coveredWeight, measureTotal),
      restarts,
      improved: improvedSet,
      swaps,
      pruned,
    },
    evaluations: result.evaluations,
    ...(terrain ? { terrain: planTerrain(terrain, candidates) } : {}),
    ...(moved ? { moves: moved.moves } : {}),
  };
}

function checkOptions(options: SitePlanOptions, k: number | undefined): void {
  if (k !== undefined && !(Number.isInteger(k) && k >= 1))
    throw new UserError(`k must be a whole number ≥ 1 (got ${k}).`);
  const t = options.targetPct;
  if (t !== undefined && !(t > 0 && t <= 100))
    throw new UserError(`the target must be a percentage above 0 and at most 100 (got ${t}).`);
  const r = options.radius_m;
  if (r !== undefined && !(r > 0 && r <= 100_000))
    throw new UserError(`the radius must be between 0 and 100,000 m (got ${r}).`);
  const cell = options.cellSizeM;
  if (cell !== undefined && !(cell >= 10 && cell <= 10_000))
    throw new UserError(`the grid cell size must be between 10 and 10,000 m (got ${cell}).`);
  const m = options.moveToHighestM;
  if (m !== undefined && !(m > 0 && m <= 10_000))
    throw new UserError(`the move-to-highest radius must be between 0 and 10,000 m (got ${m}).`);
  const sp = options.gridSpacingM;
  if (sp !== undefined && !(sp >= 10 && sp <= 100_000))
    throw new UserError(`the candidate grid spacing must be between 10 and 100,000 m (got ${sp}).`);
}

/** Whether a covered weight meets a target (sums in different orders differ in the last bits). */
function reachedWeight(weight: number, target: number): boolean {
  return weight >= target - 1e-9 * Math.max(1, Math.abs(target));
}

/** Orders a chosen set by greedy within it (ties to the lower candidate index): the plan's ranking. */
function rankWithin(problem: CoverProblem, chosen: readonly number[]): { candidate: number; gain: number }[] {
  const ids = [...chosen].sort((a, b) => a - b);
  const offsets = new Int32Array(ids.length + 1);
  const parts: Int32Array[] = [];
  ids.forEach((c, i) => {
    parts.push(problem.lists.subarray(problem.offsets[c]!, problem.offsets[c + 1]!));
    offsets[i + 1] = offsets[i]! + parts[i]!.length;
  });
  const lists = new Int32Array(offsets[ids.length]!);
  parts.forEach((p, i) => {
    lists.set(p, offsets[i]!);
  });
  const costs = problem.costs ? Float64Array.from(ids, (c) => problem.costs![c]!) : null;
  const sub = greedyCover({ weights: problem.weights, covered: problem.covered, offsets, lists, costs });
  return sub.picks.map((p) => ({ candidate: ids[p.candidate]!, gain: p.gain }));
}

/** The plan's terrain summary: candidates standing on the DEM get terrain footprints, the others circles. */
function planTerrain(terrain: TerrainContext, candidates: readonly Candidate[]) {
  const [w, s, e, n] = terrain.dem.bbox;
  const on = candidates.filter((c) => c.lon >= w && c.lon <= e && c.lat >= s && c.lat <= n).length;
  return terrainSummary(terrain, on, candidates.length - on);
}

function costsOf(candidates: readonly Candidate[]): Float64Array {
  return Float64Array.from(candidates, (c) => c.cost!);
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
