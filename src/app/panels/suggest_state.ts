/**
 * The "Suggest sites" panel's state and the pure logic on it: the form's values and the run's result,
 * the request the form makes, which rows the scenario has accepted, and the edits that accept rows.
 */
import type { InputIssue } from '../../core/base/errors.ts';
import type { PostalPoint } from '../../core/base/infrastructure.ts';
import type { Site, Technology } from '../../core/base/types.ts';
import { DEFAULT_MOVE_RADIUS_M } from '../../core/planning/move_to_highest.ts';
import type { PlanMeasure, PlanScope } from '../../core/planning/plan_types.ts';
import { type Edit, freshId } from '../state/scenario_edits.ts';
import type { SuggestRequest, SuggestResult } from '../worker/suggest_types.ts';

/** What the panel needs to know about the app, read at every render. */
export interface SuggestContext {
  /** Changes identity when the data is loaded again (results of older data are then dropped). */
  loadKey: object;
  provinces: { id: string; name: string }[];
  /** The commune or district selected on the map, if any. */
  selected: { level: 'commune' | 'district'; id: string; name: string } | null;
  operators: readonly string[];
  hasPostal: boolean;
  edits: readonly Edit[];
  /** Ids in use (data, scenario, redo stack), so accepted suggestions get unique ids. */
  takenIds(layer: 'sites' | 'postal'): Set<string>;
}

/** Rows shown in the table; "Accept all" takes them all. */
export const MAX_TABLE_ROWS = 200;

/** The form's values, the run in progress and the result shown. */
export interface SuggestState {
  mode: 'sites' | 'postal';
  technology: Technology;
  operator: string | null;
  onlyOperator: boolean;
  radius: number | null;
  sources: { centres: boolean; villages: boolean; grid: boolean };
  /** With a DEM: move each candidate to the highest point within `moveRadius` metres first. */
  moveHighest: boolean;
  moveRadius: number;
  csv: { name: string; text: string } | null;
  goal: 'budget' | 'target';
  k: number;
  target: number;
  measure: PlanMeasure;
  /** 'all', 'province:<id>' or 'selected'. */
  scope: string;
  postalRadiusKm: number;
  running: { done: number; total: number; label: string } | null;
  error: { message: string; issues: InputIssue[] } | null;
  result: SuggestResult | null;
  /** The target of the run shown (for the chart). */
  resultTarget: number | null;
  /** Rank → id of the site or point its acceptance added. */
  accepted: Map<number, string>;
}

/** The form as the panel first shows it: 10 new 5G sites for the whole area, by population. */
export function initialSuggestState(): SuggestState {
  return {
    mode: 'sites',
    technology: '5G',
    operator: null,
    onlyOperator: false,
    radius: null,
    sources: { centres: true, villages: true, grid: true },
    moveHighest: false,
    moveRadius: DEFAULT_MOVE_RADIUS_M,
    csv: null,
    goal: 'budget',
    k: 10,
    target: 99,
    measure: 'population',
    scope: 'all',
    postalRadiusKm: 3,
    running: null,
    error: null,
    result: null,
    resultTarget: null,
    accepted: new Map(),
  };
}

/** The operator of the form: the chosen one if the data has it, else the first. */
export function chosenOperator(s: SuggestState, ctx: SuggestContext): string {
  const ops = ctx.operators.length ? ctx.operators : ['Viettel'];
  return s.operator !== null && ops.includes(s.operator) ? s.operator : ops[0]!;
}

/** The request for the current form. */
export function suggestRequest(s: SuggestState, ctx: SuggestContext): SuggestRequest {
  const scope: PlanScope =
    s.scope === 'selected' && ctx.selected
      ? { kind: ctx.selected.level, id: ctx.selected.id }
      : s.scope.startsWith('province:')
        ? { kind: 'province', id: s.scope.slice('province:'.length) }
        : { kind: 'all' };
  if (s.mode === 'postal') return { mode: 'postal', radiusKm: s.postalRadiusKm, scope };
  return {
    mode: 'sites',
    technology: s.technology,
    operator: s.onlyOperator ? chosenOperator(s, ctx) : null,
    siteOperator: chosenOperator(s, ctx),
    radius_m: s.radius,
    sources: { ...s.sources },
    moveToHighestM: s.moveHighest ? s.moveRadius : null,
    candidatesCsv: s.csv,
    k: s.goal === 'budget' ? s.k : null,
    targetPct: s.goal === 'target' ? s.target : null,
    measure: s.measure,
    scope,
  };
}

/** Whether the row of this rank was accepted and its edit is still in the scenario. */
export function isAccepted(s: SuggestState, ctx: SuggestContext, rank: number): boolean {
  const id = s.accepted.get(rank);
  if (id === undefined) return false;
  return ctx.edits.some(
    (e) => (e.kind === 'add-site' && e.site.id === id) || (e.kind === 'add-postal' && e.point.id === id),
  );
}

/**
 * The edits that add the rows of these ranks to the scenario (rows already accepted are skipped, ids
 * made unique against `ctx.takenIds`), and the rank → id map with them.
 */
export function acceptedEdits(
  s: SuggestState,
  r: SuggestResult,
  ctx: SuggestContext,
  ranks: readonly number[],
): { edits: Edit[]; accepted: Map<number, string> } {
  const taken = ctx.takenIds(r.mode === 'sites' ? 'sites' : 'postal');
  const accepted = new Map(s.accepted);
  const edits: Edit[] = [];
  for (const rank of ranks) {
    if (isAccepted(s, ctx, rank)) continue;
    if (r.mode === 'sites') {
      const row = r.rows.find((x) => x.rank === rank);
      if (!row) continue;
      const id = taken.has(row.candidate_id) ? freshId(`${row.candidate_id}-`, taken) : row.candidate_id;
      taken.add(id);
      const site: Site = {
        id,
        operator: chosenOperator(s, ctx),
        lon: row.lon,
        lat: row.lat,
        technologies: [r.technology],
        radius_m: row.radius_m,
        source: 'suggested',
      };
      edits.push({ kind: 'add-site', site });
      accepted.set(rank, id);
    } else {
      const row = r.rows.find((x) => x.rank === rank);
      if (!row) continue;
      const id = freshId(`GY-BC-${row.commune_id}-`, taken);
      taken.add(id);
      const point: PostalPoint = {
        id,
        lon: row.lon,
        lat: row.lat,
        type: 'cultural_post_point',
        staffed: true,
        internet: true,
        online_public_services: true,
      };
      edits.push({ kind: 'add-postal', point });
      accepted.set(rank, id);
    }
  }
  return { edits, accepted };
}
