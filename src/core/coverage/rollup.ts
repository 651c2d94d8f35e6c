import type { Commune, CoverageFigure, UnitResult } from '../base/types.ts';
import { unitGroups } from '../base/unit_groups.ts';

/**
 * Aggregates commune results to districts and provinces. Communes partition their parents, so
 * covered area (km²) and covered people add up; percentages are recomputed from the sums. The
 * populated-area share is weighted by populated area (Σ covered populated km² ÷ Σ populated km², over
 * the communes that have a populated area), never a mean of percentages.
 * Boundary sets without districts (2025) roll communes straight up to the province.
 */
export function rollup(communes: readonly Commune[], units: readonly UnitResult[]): UnitResult[] {
  return unitGroups(communes).map((g) =>
    combine(
      g.id,
      g.name,
      g.level,
      g.parent,
      g.members.map((i) => units[i]!),
    ),
  );
}

function combine(
  id: string,
  name: string,
  level: 'district' | 'province',
  parent: string | null,
  members: UnitResult[],
): UnitResult {
  const area = members.reduce((s, u) => s + u.area_km2, 0);
  const population = members.reduce((s, u) => s + u.population, 0);
  const first = members[0]!;
  const withPopulated = members.filter((u) => u.populated_area_km2 != null && u.populated_area_method);
  const populatedKm2 = withPopulated.reduce((s, u) => s + u.populated_area_km2!, 0);
  const methods = new Set(withPopulated.map((u) => u.populated_area_method));
  const method = methods.size === 0 ? null : methods.size === 1 ? [...methods][0]! : 'mixed';
  const coverage: CoverageFigure[] = first.coverage.map((f, k) => {
    let coveredArea = 0;
    let coveredPop = 0;
    let coveredPopulated = 0;
    for (const u of members) {
      const g = u.coverage[k]!;
      coveredArea += (g.area_pct / 100) * u.area_km2;
      coveredPop += g.covered_population;
      if (u.populated_area_km2 && g.populated_area_pct != null)
        coveredPopulated += (g.populated_area_pct / 100) * u.populated_area_km2;
    }
    return {
      technology: f.technology,
      operator: f.operator,
      area_pct: area > 0 ? (100 * coveredArea) / area : 0,
      population_pct: population > 0 ? (100 * coveredPop) / population : 0,
      covered_population: coveredPop,
      populated_area_pct: populatedKm2 > 0 ? (100 * coveredPopulated) / populatedKm2 : null,
    };
  });
  const gaps = first.gaps.map((g, k) => ({
    technology: g.technology,
    area_km2: members.reduce((s, u) => s + u.gaps[k]!.area_km2, 0),
    population: members.reduce((s, u) => s + u.gaps[k]!.population, 0),
  }));
  return {
    id,
    name,
    level,
    parent_id: parent,
    area_km2: area,
    population,
    populated_area_km2: method === null ? null : populatedKm2,
    populated_area_method: method,
    coverage,
    gaps,
  };
}
