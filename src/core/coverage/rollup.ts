import type { Commune, CoverageFigure, UnitResult } from '../base/types.ts';
import { unitGroups } from '../base/unit_groups.ts';

/**
 * Aggregates commune results to districts and provinces. Communes partition their parents, so
 * covered area (km²) and covered people add up; percentages are recomputed from the sums.
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
  const coverage: CoverageFigure[] = first.coverage.map((f, k) => {
    let coveredArea = 0;
    let coveredPop = 0;
    for (const u of members) {
      const g = u.coverage[k]!;
      coveredArea += (g.area_pct / 100) * u.area_km2;
      coveredPop += g.covered_population;
    }
    return {
      technology: f.technology,
      operator: f.operator,
      area_pct: area > 0 ? (100 * coveredArea) / area : 0,
      population_pct: population > 0 ? (100 * coveredPop) / population : 0,
      covered_population: coveredPop,
    };
  });
  const gaps = first.gaps.map((g, k) => ({
    technology: g.technology,
    area_km2: members.reduce((s, u) => s + u.gaps[k]!.area_km2, 0),
    population: members.reduce((s, u) => s + u.gaps[k]!.population, 0),
  }));
  return { id, name, level, parent_id: parent, area_km2: area, population, coverage, gaps };
}
