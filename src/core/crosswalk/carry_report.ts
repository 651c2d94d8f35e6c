import type { CoverageFigure, UnitResult } from '../base/types.ts';
import type { CoverageReport } from '../report/report.ts';
import type { FullUnit } from '../run_analysis.ts';
import { addBlocks, type BlockSums, carriedBlocks, emptyBlockSums } from './carry_blocks.ts';

/** One piece of a unit of one set lying in a unit of the other: its geodesic area (km²). */
export interface CrosswalkPiece {
  /** Unit id in the crosswalk's old set (pre2025). */
  oldId: string;
  /** Unit id in the crosswalk's new set (2025). */
  newId: string;
  areaKm2: number;
}

/** How a baseline made on another boundary set was carried onto the current one. */
export interface BaselineConversion {
  /** 'old→new' when the baseline is on the crosswalk's old set (pre2025) and the report on the new one. */
  direction: 'old→new' | 'new→old';
  method_vi: string;
  method_en: string;
  /** Current communes carried (at least MIN_SOURCE_COVER of their area has source data). */
  carried: number;
  /** Current units (communes and groups) with no baseline: too little of them lies in the baseline's communes. */
  without_baseline: { id: string; name: string; level: string }[];
}

/** A current unit gets a carried baseline when at least this share of its area lies in baseline communes. */
export const MIN_SOURCE_COVER = 0.95;

/** What share of the ids of `a` are in `b`. */
function overlapShare(a: readonly string[], b: ReadonlySet<string>): number {
  return a.length === 0 ? 0 : a.filter((id) => b.has(id)).length / a.length;
}

/** Which way a baseline's communes relate to the crosswalk and the current report, or null if neither. */
export function baselineDirection(
  baseline: CoverageReport,
  current: CoverageReport,
  pieces: readonly CrosswalkPiece[],
): 'same' | 'old→new' | 'new→old' | null {
  const communeIds = (r: CoverageReport) => r.units.filter((u) => u.level === 'commune').map((u) => u.id);
  const b = communeIds(baseline);
  const c = communeIds(current);
  if (overlapShare(b, new Set(c)) >= 0.9 && overlapShare(c, new Set(b)) >= 0.5) return 'same';
  const olds = new Set(pieces.map((p) => p.oldId));
  const news = new Set(pieces.map((p) => p.newId));
  // The new set reaches beyond the old one (Bình Định, old Lâm Đồng): only some of its units are in the
  // crosswalk, so the side that is not the baseline's needs only to meet it.
  const isOld = (ids: string[]) => overlapShare(ids, olds) >= 0.9;
  const meetsNew = (ids: string[]) => ids.some((id) => news.has(id)) && !isOld(ids);
  if (isOld(b) && meetsNew(c)) return 'old→new';
  if (meetsNew(b) && overlapShare([...news], new Set(b)) >= 0.9 && isOld(c)) return 'new→old';
  return null;
}

interface Acc {
  blocks: BlockSums;
  area: number;
  population: number;
  coveredPeople: Map<string, number>;
  coveredArea: Map<string, number>;
  gapArea: Map<string, number>;
  gapPeople: Map<string, number>;
  /** Whether a contributing unit carries the populated-area fields at all (reports before them do not). */
  populatedKnown: boolean;
  /** Populated area carried (km²), from the contributing units that have one. */
  populatedKm2: number;
  /** Covered populated area carried (km²) per technology × operator. */
  coveredPopulated: Map<string, number>;
  /** How the contributing units drew their populated area. */
  populatedMethods: Set<NonNullable<UnitResult['populated_area_method']>>;
}

const covKey = (f: { technology: string; operator: string }) => `${f.technology}|${f.operator}`;

function emptyAcc(): Acc {
  return {
    blocks: emptyBlockSums(),
    area: 0,
    population: 0,
    coveredPeople: new Map(),
    coveredArea: new Map(),
    gapArea: new Map(),
    gapPeople: new Map(),
    populatedKnown: false,
    populatedKm2: 0,
    coveredPopulated: new Map(),
    populatedMethods: new Set(),
  };
}

function addTo(m: Map<string, number>, k: string, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** Adds `share` of a baseline unit to an accumulator: people, covered people, covered and gap areas. */
function addShare(acc: Acc, u: FullUnit, share: number, areaKm2: number): void {
  addBlocks(acc.blocks, u, share, areaKm2);
  acc.area += areaKm2;
  acc.population += u.population * share;
  for (const f of u.coverage) {
    addTo(acc.coveredPeople, covKey(f), f.covered_population * share);
    addTo(acc.coveredArea, covKey(f), (f.area_pct / 100) * u.area_km2 * share);
  }
  for (const g of u.gaps) {
    addTo(acc.gapArea, g.technology, g.area_km2 * share);
    addTo(acc.gapPeople, g.technology, g.population * share);
  }
  addPopulated(acc, u, share);
}

/**
 * Adds `share` of a unit's populated area (khu vực có dân cư) and of its covered part: the populated
 * area is taken as spread evenly over the unit, like its people. A unit without one adds nothing.
 */
function addPopulated(acc: Acc, u: FullUnit, share: number): void {
  if (u.populated_area_method !== undefined || u.populated_area_km2 !== undefined) acc.populatedKnown = true;
  const km2 = u.populated_area_km2;
  if (km2 == null || !u.populated_area_method) return;
  acc.populatedKm2 += km2 * share;
  acc.populatedMethods.add(u.populated_area_method);
  for (const f of u.coverage)
    if (f.populated_area_pct != null)
      addTo(acc.coveredPopulated, covKey(f), (f.populated_area_pct / 100) * km2 * share);
}

/** The carried populated-area fields of a unit: km², and one method, or `mixed` when they differ. */
function carriedPopulated(acc: Acc): Pick<UnitResult, 'populated_area_km2' | 'populated_area_method'> {
  if (!acc.populatedKnown) return {};
  const methods = [...acc.populatedMethods];
  const method = methods.length === 0 ? null : methods.length === 1 ? methods[0]! : 'mixed';
  return { populated_area_km2: method === null ? null : acc.populatedKm2, populated_area_method: method };
}

/** A unit of the current report with the carried figures (percentages recomputed from the sums). */
function carriedUnit(template: FullUnit, acc: Acc, figures: readonly CoverageFigure[]): FullUnit {
  const coverage = figures.map((f): CoverageFigure => {
    const people = acc.coveredPeople.get(covKey(f)) ?? 0;
    const area = acc.coveredArea.get(covKey(f)) ?? 0;
    return {
      technology: f.technology,
      operator: f.operator,
      covered_population: people,
      population_pct: acc.population > 0 ? (100 * people) / acc.population : 0,
      area_pct: acc.area > 0 ? (100 * area) / acc.area : 0,
      ...(acc.populatedKnown
        ? {
            populated_area_pct:
              acc.populatedKm2 > 0
                ? (100 * (acc.coveredPopulated.get(covKey(f)) ?? 0)) / acc.populatedKm2
                : null,
          }
        : {}),
    };
  });
  return {
    id: template.id,
    name: template.name,
    level: template.level,
    parent_id: template.parent_id,
    area_km2: acc.area,
    population: acc.population,
    ...carriedPopulated(acc),
    coverage,
    gaps: [...acc.gapArea.keys()].map((t) => ({
      technology: t as FullUnit['gaps'][number]['technology'],
      area_km2: acc.gapArea.get(t) ?? 0,
      population: acc.gapPeople.get(t) ?? 0,
    })),
    ...carriedBlocks(acc.blocks),
  };
}

/**
 * Carries a baseline report made on one boundary set onto the units of the current report (another
 * set) through the geometric crosswalk, never by matching codes. Each baseline commune is split by
 * the share of its area in each current commune (area of the piece ÷ the commune's area): people
 * and covered people in proportion to that share (its census population spread evenly over it),
 * covered and gap areas likewise, and the populated area (khu vực có dân cư) and its covered part
 * (taken as spread evenly over the old commune; the method of the pieces, or `mixed`); percentages are
 * then recomputed from the carried people and areas (populated_area_pct = Σ covered populated km² ÷
 * Σ populated km², over the pieces that have a populated area).
 * A current commune gets a baseline only when at least MIN_SOURCE_COVER of its area lies in baseline
 * communes; a district or province only when all its communes do (its communes by their parent links,
 * or as `members` gives them by group id: a former province's area has no parent links). Postal, fiber
 * and village figures are carried the same way (carry_blocks.ts); target evaluations are not.
 */
export function carryReport(
  baseline: CoverageReport,
  current: CoverageReport,
  pieces: readonly CrosswalkPiece[],
  direction: 'old→new' | 'new→old',
  members: ReadonlyMap<string, readonly string[]> = new Map(),
): { report: CoverageReport; conversion: BaselineConversion } {
  const source = new Map(baseline.units.filter((u) => u.level === 'commune').map((u) => [u.id, u]));
  const communes = current.units.filter((u) => u.level === 'commune');
  const accs = new Map(communes.map((u) => [u.id, emptyAcc()]));
  for (const p of pieces) {
    const [from, to] = direction === 'old→new' ? [p.oldId, p.newId] : [p.newId, p.oldId];
    const s = source.get(from);
    const acc = accs.get(to);
    if (!s || !acc || !(s.area_km2 > 0)) continue;
    addShare(acc, s, Math.min(1, p.areaKm2 / s.area_km2), p.areaKm2);
  }
  const figures = current.units[0]?.coverage ?? [];
  const carried = new Map<string, FullUnit>();
  const without: BaselineConversion['without_baseline'] = [];
  for (const u of communes) {
    const acc = accs.get(u.id)!;
    if (u.area_km2 > 0 && acc.area / u.area_km2 >= MIN_SOURCE_COVER)
      carried.set(u.id, carriedUnit(u, acc, figures));
    else without.push({ id: u.id, name: u.name, level: u.level });
  }
  const groups: FullUnit[] = [];
  const communeIds = new Set(communes.map((u) => u.id));
  for (const g of current.units.filter((u) => u.level !== 'commune')) {
    const ids = members.get(g.id) ?? groupMembers(current, g);
    if (ids.length > 0 && ids.every((id) => carried.has(id))) {
      const acc = emptyAcc();
      for (const id of ids) {
        const m = carried.get(id)!;
        addShare(acc, m, 1, m.area_km2);
      }
      groups.push(carriedUnit(g, acc, figures));
    } else if (!communeIds.has(g.id)) without.push({ id: g.id, name: g.name, level: g.level });
  }
  const units = [...communes.flatMap((u) => (carried.has(u.id) ? [carried.get(u.id)!] : [])), ...groups];
  const method_vi =
    'Kỳ trước được quy đổi sang địa giới hiện tại qua bảng chuyển đổi hình học (không ghép theo mã): dân số và số dân được phủ sóng chia theo tỷ lệ diện tích của từng xã cũ nằm trong đơn vị mới (dân số điều tra phân bố đều trên xã cũ); diện tích phủ sóng, vùng lõm và khu vực có dân cư (cả phần được phủ sóng) chia theo diện tích; số điểm bưu chính, km cáp quang, số thôn và các số đếm khác chia theo diện tích (có thể lẻ), bán kính phục vụ bình quân và các tỷ lệ % tính lại từ các số đã quy đổi. Kết quả chỉ tiêu không được quy đổi.';
  const method_en =
    'The baseline was converted to the current boundaries through the geometric crosswalk (not matched by code): population and covered people apportioned by the share of each old commune’s area lying in the new unit (census population spread evenly over the old commune); covered and gap areas, and the populated area with its covered part, by area; postal points, fiber km, villages and the other counts by area (so they may be fractional), and the average service radius and every percentage recomputed from the apportioned figures. Target results are not converted.';
  return {
    report: { ...baseline, units, targets: [] },
    conversion: { direction, method_vi, method_en, carried: carried.size, without_baseline: without },
  };
}

/** Commune ids of a district or province of the report, by their parent links. */
function groupMembers(report: CoverageReport, g: FullUnit): string[] {
  const communes = report.units.filter((u) => u.level === 'commune');
  if (g.level === 'district') return communes.filter((c) => c.parent_id === g.id).map((c) => c.id);
  const districts = new Set(
    report.units.filter((u) => u.level === 'district' && u.parent_id === g.id).map((d) => d.id),
  );
  // A former province's area has no parent links in the report: no members, so no carried baseline.
  return communes
    .filter((c) => c.parent_id === g.id || (c.parent_id !== null && districts.has(c.parent_id)))
    .map((c) => c.id);
}
