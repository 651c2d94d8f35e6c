import { join } from 'node:path';
import type { PostalPoint, Village } from '../core/base/infrastructure.ts';
import type { Commune } from '../core/base/types.ts';
import { communesInScope } from '../core/planning/plan_scope.ts';
import type { PlanScope } from '../core/planning/plan_types.ts';
import { type PostalPlan, suggestPostalPoints } from '../core/planning/suggest_postal_points.ts';
import { toCsv } from '../io/formats/csv_write.ts';
import { parseCountingRule } from './counting_rule.ts';
import { optionalNumber } from './number_flag.ts';
import { writeOutputFile } from './output_files.ts';
import { progressBar } from './progress.ts';

export const POSTAL_PLAN_HELP = `vungphu plan-sites --postal — where new postal service points go

  --postal-points F     postal service points, as for 'analyze --postal' (GeoJSON, or CSV
                        id,lon,lat,type,staffed,internet,online_public_services); default: the sample
  --postal-radius-km R  target average service radius R* and distance threshold (default 3)
  --postal-count TYPES  which types count as N in R̄ = √(S/(π·N)) (comma list of post_office,
                        cultural_post_point,agent,kiosk; default all), as for analyze
  --postal-spacing-m M  spacing of candidate places among far people (default 1000)
  --postal-min-people N stop adding points for the distance view when the next one would
                        bring fewer than N people within reach (default 0: until none is left)
  (--boundaries, --villages, --cell-m, --scope and --out as above)

Per commune: points needed for R̄ ≤ R* (⌈S/(π·R*²)⌉ − N), then new staffed points where
they bring the most people within R* of a staffed point (greedy), then farthest-point
placement for the rest of the R̄ need, and one at the centre of a commune without a staffed
point. Writes DIR/postal-plan.csv (rank,commune_id,commune_name,lon,lat,reason,
gained_population) and DIR/postal-plan.json (per-commune R̄ before/after, far population).`;

interface PostalInputs {
  communes: Commune[];
  villages: Village[] | undefined;
  /** The existing postal points, already imported. */
  points: PostalPoint[];
  pointsPath: string;
  boundariesPath: string;
  villagesPath: string | null;
  scope: PlanScope;
  cellSizeM: number | undefined;
  out: string;
}

/** Runs `vungphu plan-sites --postal` on already-read boundaries and villages; returns the exit code. */
export function planPostal(
  inputs: PostalInputs,
  flags: { radiusKm?: string; count?: string; spacingM?: string; minPeople?: string },
): number {
  const { points, pointsPath } = inputs;
  const countingRule = flags.count === undefined ? undefined : parseCountingRule(flags.count);
  const radiusKm = optionalNumber('--postal-radius-km', flags.radiusKm);
  const spacingM = optionalNumber('--postal-spacing-m', flags.spacingM);
  const minGainPeople = optionalNumber('--postal-min-people', flags.minPeople);
  const scope = communesInScope(inputs.communes, inputs.scope);

  const bar = progressBar();
  const plan = suggestPostalPoints(
    {
      communes: inputs.communes,
      points,
      ...(inputs.villages ? { villages: inputs.villages } : {}),
    },
    {
      ...(countingRule ? { countingRule } : {}),
      communeIndices: scope.indices,
      ...(radiusKm !== undefined ? { radiusKm } : {}),
      ...(spacingM !== undefined ? { spacingM } : {}),
      ...(minGainPeople !== undefined ? { minGainPeople } : {}),
      ...(inputs.cellSizeM !== undefined ? { cellSizeM: inputs.cellSizeM } : {}),
    },
    { onProgress: bar.update, onWarning: (m) => process.stderr.write(`warning: ${m}\n`) },
  );
  bar.done();

  writeOutputFile(join(inputs.out, 'postal-plan.csv'), postalCsv(plan));
  const json = {
    tool: 'vungphu plan-sites --postal',
    generated_at: new Date().toISOString(),
    inputs: {
      boundaries: inputs.boundariesPath,
      villages: inputs.villagesPath,
      postal_points: pointsPath,
      synthetic: /synthetic/i.test(pointsPath),
    },
    method: {
      average_radius:
        `R̄ = √(S/(π·N)), S the commune's geodesic area (km²), N its points of type ${plan.countingRule.join(', ')}; ` +
        `points needed for R̄ ≤ ${plan.radiusKm} km: ⌈S/(π·R*²)⌉ − N.`,
      distance_view: `People farther than ${plan.radiusKm} km in a straight line from every staffed point (of any commune).`,
      placement:
        'New points are staffed. First greedy maximal covering of the far people (candidates at far demand points ' +
        `thinned to ${plan.spacingM} m), gains counted within the commune; then farthest-point placement for the rest ` +
        'of the R̄ need; then one point at the centre of a commune with no staffed point.',
      population: `Villages scaled to census, or census spread on ${plan.demand.cellSizeM} m grid cells where a commune has no villages.`,
    },
    ...plan,
  };
  writeOutputFile(join(inputs.out, 'postal-plan.json'), `${JSON.stringify(json, null, 1)}\n`);
  const t = plan.totals;
  const fmtN = (v: number) => Math.round(v).toLocaleString('en-US');
  process.stdout.write(
    `postal points: ${t.suggested} new point(s) suggested in ${plan.communes.filter((c) => c.suggestions.length).length} commune(s) ` +
      `(${t.needed_for_radius} needed for R̄ ≤ ${plan.radiusKm} km); people farther than ${plan.radiusKm} km from a staffed point: ` +
      `${fmtN(t.far_population_before)} → ${fmtN(t.far_population_after)} (+${fmtN(t.population_gained)} within reach)\n`,
  );
  process.stdout.write(
    `wrote ${join(inputs.out, 'postal-plan.csv')}, ${join(inputs.out, 'postal-plan.json')}\n`,
  );
  return 0;
}

function postalCsv(plan: PostalPlan): string {
  const rows: unknown[][] = [];
  for (const c of plan.communes)
    for (const s of c.suggestions)
      rows.push([
        rows.length + 1,
        c.commune_id,
        c.name,
        s.lon,
        s.lat,
        s.reason,
        Math.round(s.gained_population),
      ]);
  return toCsv(['rank', 'commune_id', 'commune_name', 'lon', 'lat', 'reason', 'gained_population'], rows);
}
