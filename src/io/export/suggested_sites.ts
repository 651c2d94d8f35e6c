import type { Site } from '../../core/base/types.ts';
import type { SitePlan } from '../../core/planning/plan_types.ts';

/**
 * The sites a plan suggests, as Site records with `source: 'suggested'`: the candidate's id and
 * position, the plan's technology (one on-air cell) and the radius it was planned with, the plan's
 * operator (empty when the plan counted any operator), named by rank and candidate kind.
 */
export function suggestedSites(plan: SitePlan): Site[] {
  return plan.rows.map((r) => ({
    id: r.candidate_id,
    name: `#${r.rank} ${r.source}`,
    operator: plan.operator ?? '',
    lon: r.lon,
    lat: r.lat,
    technologies: [plan.technology],
    radius_m: r.radius_m,
    source: 'suggested',
  }));
}
