/**
 * A baseline carried across boundary sets keeps its populated-area figures (khu vực có dân cư):
 * populated km² split by the area share of each old commune in the new one, the covered part likewise,
 * the percentage recomputed from the carried km², the method the set of the pieces' methods. Expected
 * values are worked by hand below, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { CoverageFigure } from '../../src/core/base/types.ts';
import { type CrosswalkPiece, carryReport } from '../../src/core/crosswalk/carry_report.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import type { FullUnit } from '../../src/core/run_analysis.ts';

const villages: FullUnit['villages'] = {
  villages: 0,
  grid_powered: 0,
  population: 0,
  covered: [],
  dead_zone_villages: 0,
  dead_zone_population: 0,
  commune_centres: 0,
  commune_centres_covered: 0,
};

/** A 5G figure at any operator, with the populated share given (omitted: a report before the field). */
function fig(populated?: number | null): CoverageFigure {
  return {
    technology: '5G',
    operator: 'all',
    area_pct: 10,
    population_pct: 10,
    covered_population: 100,
    ...(populated !== undefined ? { populated_area_pct: populated } : {}),
  };
}

function commune(
  id: string,
  area: number,
  populated?: { km2: number | null; method: FullUnit['populated_area_method']; pct: number | null },
  parent: string | null = 'P',
): FullUnit {
  return {
    id,
    name: id,
    level: 'commune',
    parent_id: parent,
    area_km2: area,
    population: 1000,
    ...(populated ? { populated_area_km2: populated.km2, populated_area_method: populated.method } : {}),
    coverage: [fig(populated ? populated.pct : undefined)],
    gaps: [],
    postal: null,
    fiber: null,
    villages,
  };
}

function report(units: FullUnit[]): CoverageReport {
  return { units, targets: [] } as unknown as CoverageReport;
}

const province = (id: string): FullUnit => ({ ...commune(id, 0), level: 'province', parent_id: null });

const five = (u: FullUnit | undefined) => u?.coverage.find((c) => c.technology === '5G');

describe('carryReport: the populated area', () => {
  // Old A (100 km², 20 km² populated from settlements, 50 % covered) and old B (50 km², 10 km²
  // populated from village discs, 20 % covered). New X takes 60 % of A; new Y takes 40 % of A and all
  // of B. Each piece carries its share of the old commune's populated and covered km².
  const baseline = report([
    commune('A', 100, { km2: 20, method: 'settlements', pct: 50 }),
    commune('B', 50, { km2: 10, method: 'villages', pct: 20 }),
  ]);
  const current = report([commune('X', 60), commune('Y', 90), province('P')]);
  const pieces: CrosswalkPiece[] = [
    { oldId: 'A', newId: 'X', areaKm2: 60 },
    { oldId: 'A', newId: 'Y', areaKm2: 40 },
    { oldId: 'B', newId: 'Y', areaKm2: 50 },
  ];
  const { report: carried } = carryReport(baseline, current, pieces, 'old→new');
  const unit = (id: string) => carried.units.find((u) => u.id === id);

  it('a new commune inside one old one: its share of the populated km², the same percentage and method', () => {
    // X: 0.6 × 20 = 12 km² populated, 0.6 × (0.5 × 20) = 6 km² covered → 50 %.
    expect(unit('X')?.populated_area_km2).toBeCloseTo(12, 9);
    expect(five(unit('X'))?.populated_area_pct).toBeCloseTo(50, 9);
    expect(unit('X')?.populated_area_method).toBe('settlements');
  });

  it('a new commune from two old ones: weighted by carried populated km², methods mixed', () => {
    // Y: 0.4 × 20 + 10 = 18 km² populated; covered 0.4 × 10 + 0.2 × 10 = 6 km² → 33.33 %
    // (a mean of the two percentages, 35 %, would be wrong).
    expect(unit('Y')?.populated_area_km2).toBeCloseTo(18, 9);
    expect(five(unit('Y'))?.populated_area_pct).toBeCloseTo(100 / 3, 9);
    expect(unit('Y')?.populated_area_method).toBe('mixed');
  });

  it('the province rolls up the carried communes by populated km²', () => {
    // 30 km² populated, 12 km² covered → 40 %.
    expect(unit('P')?.populated_area_km2).toBeCloseTo(30, 9);
    expect(five(unit('P'))?.populated_area_pct).toBeCloseTo(40, 9);
    expect(unit('P')?.populated_area_method).toBe('mixed');
  });

  it('pieces without a populated area add none: the share is over the pieces that have one', () => {
    const b = report([
      commune('A', 100, { km2: 20, method: 'raster', pct: 25 }),
      commune('B', 50, { km2: null, method: null, pct: null }),
    ]);
    const c = report([commune('Y', 150, undefined, null)]);
    const p: CrosswalkPiece[] = [
      { oldId: 'A', newId: 'Y', areaKm2: 100 },
      { oldId: 'B', newId: 'Y', areaKm2: 50 },
    ];
    const y = carryReport(b, c, p, 'old→new').report.units[0];
    expect(y?.populated_area_km2).toBeCloseTo(20, 9);
    expect(five(y)?.populated_area_pct).toBeCloseTo(25, 9);
    expect(y?.populated_area_method).toBe('raster');
    // None of them with a populated area: null, as a fresh report has it.
    const none = carryReport(
      report([commune('B', 50, { km2: null, method: null, pct: null })]),
      c,
      [p[1]!],
      'old→new',
    );
    // 50 of 150 km² is below the 95 % cover: not carried at all.
    expect(none.report.units).toHaveLength(0);
    const whole = carryReport(
      report([commune('B', 50, { km2: null, method: null, pct: null })]),
      report([commune('Z', 50, undefined, null)]),
      [{ oldId: 'B', newId: 'Z', areaKm2: 50 }],
      'old→new',
    ).report.units[0];
    expect(whole?.populated_area_km2).toBeNull();
    expect(whole?.populated_area_method).toBeNull();
    expect(five(whole)?.populated_area_pct).toBeNull();
  });

  it('a baseline made before the populated area existed carries no populated fields', () => {
    const old = carryReport(report([commune('A', 100)]), current, pieces.slice(0, 1), 'old→new');
    const x = old.report.units.find((u) => u.id === 'X');
    expect(x).toBeDefined();
    expect('populated_area_km2' in x!).toBe(false);
    expect('populated_area_pct' in five(x)!).toBe(false);
  });
});
