import type { FullUnit } from '../run_analysis.ts';
import type { CoverageReport } from './report.ts';

/** Where a unit sits: its district (null for 2025 boundaries and above commune level) and province. */
export interface UnitPlace {
  unit: FullUnit;
  district: FullUnit | null;
  province: FullUnit | null;
}

/** The report's units arranged by level: provinces, their districts, and the communes of each. */
export interface ReportUnits {
  byId: Map<string, UnitPlace>;
  provinces: FullUnit[];
  districtsOf: (provinceId: string) => FullUnit[];
  /** Communes whose district or province is this unit, in report order. */
  communesOf: (unitId: string) => FullUnit[];
  communes: FullUnit[];
}

/**
 * Walks the `parent_id` chain of report.json: a commune's parent is its district (pre-2025) or its
 * province (2025 boundaries, no districts); a district's parent is its province.
 */
export function reportUnits(report: Pick<CoverageReport, 'units'>): ReportUnits {
  const raw = new Map(report.units.map((u) => [u.id + u.level, u]));
  const find = (id: string | null, level: FullUnit['level']) =>
    id === null ? null : (raw.get(id + level) ?? null);
  const byId = new Map<string, UnitPlace>();
  const communesOf = new Map<string, FullUnit[]>();
  const districtsOf = new Map<string, FullUnit[]>();
  for (const u of report.units) {
    let district: FullUnit | null = null;
    let province: FullUnit | null = null;
    if (u.level === 'commune') {
      district = find(u.parent_id, 'district');
      province = district ? find(district.parent_id, 'province') : find(u.parent_id, 'province');
      for (const g of [district, province]) if (g) push(communesOf, g.id, u);
    } else if (u.level === 'district') {
      province = find(u.parent_id, 'province');
      if (province) push(districtsOf, province.id, u);
    } else {
      province = u;
    }
    if (!byId.has(u.id) || u.level === 'commune') byId.set(u.id, { unit: u, district, province });
  }
  return {
    byId,
    provinces: report.units.filter((u) => u.level === 'province'),
    districtsOf: (id) => districtsOf.get(id) ?? [],
    communesOf: (id) => communesOf.get(id) ?? [],
    communes: report.units.filter((u) => u.level === 'commune'),
  };
}

function push<T>(m: Map<string, T[]>, k: string, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
