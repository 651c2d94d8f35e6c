/**
 * What the map will show once every site of a plan is accepted (issue 15). The planner counts people
 * on a 250 m grid, the map with the footprints' exact shapes, so the plan's own promise and the map's
 * figure after "Accept all" differ a little. Before anything is accepted, the panel states the map's
 * figure: the worker adds the plan's sites to the current scenario exactly as accepting them does (one
 * site per row, the plan's technology and radius), runs the same incremental update an edit runs, and
 * reads the scope's population coverage from the rounded report units the map shows. Nothing of the
 * session changes (updateAnalysis returns a new state and leaves the old one as it was).
 */
import type { Site } from '../../core/base/types.ts';
import { updateAnalysis } from '../../core/incremental_analysis.ts';
import type { PlanScope } from '../../core/planning/plan_types.ts';
import { countedInputSites, type Session, sessionReport } from './session.ts';
import type { MapPreview, SiteSuggestRequest, SiteSuggestResult } from './suggest_types.ts';

type Report = ReturnType<typeof sessionReport>;

/** The scope's covered people and population in a report: one unit's, or the provinces' sum for "all". */
function scopeFigure(
  report: Report,
  scope: PlanScope,
  technology: string,
  operator: string,
): { covered: number; population: number; pct: number } | null {
  const units =
    scope.kind === 'all'
      ? report.units.filter((u) => u.level === 'province')
      : report.units.filter((u) => u.level === scope.kind && u.id === scope.id);
  if (units.length === 0) return null;
  let covered = 0;
  let population = 0;
  for (const u of units) {
    const c = u.coverage.find((x) => x.technology === technology && x.operator === operator);
    if (!c) return null;
    covered += c.covered_population;
    population += u.population;
  }
  const only =
    units.length === 1
      ? units[0]!.coverage.find((x) => x.technology === technology && x.operator === operator)
      : undefined;
  return {
    covered,
    population,
    pct: only ? only.population_pct : population > 0 ? (100 * covered) / population : 0,
  };
}

/**
 * The map's figures for the plan's scope now and with every row of the plan accepted; null when the
 * plan has no rows or the scope has no single figure on the map.
 */
export function planPreview(
  s: Session,
  request: SiteSuggestRequest,
  result: SiteSuggestResult,
  operator: string,
): MapPreview | null {
  if (result.rows.length === 0) return null;
  const taken = new Set(s.sites.map((x) => x.id));
  const added: Site[] = result.rows.map((row) => ({
    id: taken.has(row.candidate_id) ? `${row.candidate_id}#preview` : row.candidate_id,
    operator,
    lon: row.lon,
    lat: row.lat,
    technologies: [result.technology],
    radius_m: row.radius_m,
    source: 'suggested',
  }));
  const { state } = updateAnalysis(s.analysis, {
    sites: countedInputSites([...s.sites, ...added], s.rule, s.countedCache),
  });
  const key = request.operator ?? 'all';
  const before = scopeFigure(sessionReport(s, s.analysis.result), request.scope, result.technology, key);
  const after = scopeFigure(sessionReport(s, state.result), request.scope, result.technology, key);
  if (!before || !after) return null;
  return {
    beforePct: before.pct,
    afterPct: after.pct,
    gainedPopulation: after.covered - before.covered,
  };
}
