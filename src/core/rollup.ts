import type { Commune, CoverageFigure, UnitResult } from './types.ts';

/**
 * Aggregates commune results to districts and provinces. Communes partition their parents, so
 * covered area (km²) and covered people add up; percentages are recomputed from the sums.
 * Boundary sets without districts (2025) roll communes straight up to the province.
 */
export function rollup(communes: readonly Commune[], units: readonly UnitResult[]): UnitResult[] {
  const districts = new Map<string, { name: string; parent: string; members: UnitResult[] }>();
  const provinces = new Map<string, { name: string; members: UnitResult[] }>();
  communes.forEach((c, i) => {
    const u = units[i]!;
    if (c.districtId !== null) {
      const d = districts.get(c.districtId) ?? {
        name: c.districtName ?? c.districtId,
        parent: c.provinceId,
        members: [],
      };
      d.members.push(u);
      districts.set(c.districtId, d);
    }
    const p = provinces.get(c.provinceId) ?? { name: c.provinceName, members: [] };
    p.members.push(u);
    provinces.set(c.provinceId, p);
  });
  const out: UnitResult[] = [];
  for (const [id, d] of districts) out.push(combine(id, d.name, 'district', d.parent, d.members));
  for (const [id, p] of provinces) out.push(combine(id, p.name, 'province', null, p.members));
  return out;
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
