/**
 * Model against measurement (issue 16): agreement on a constructed case with a known answer (tests
 * placed inside and outside footprints with known speeds), and the calibration recovering a known
 * radius from tests generated with it (within 5 %), applied only when asked for.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { SpeedTest } from '../../src/core/base/speed_tests.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../src/core/geometry/local_projection.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';
import { seededRandom } from '../support/speed_test_gen.ts';

const LAT = 14.0;
const KX = metresPerDegreeLon(LAT);
const KY = metresPerDegreeLat(LAT);
/** A point `east` and `north` metres from (108, 14). */
const at = (east: number, north: number): [number, number] => [108 + east / KX, LAT + north / KY];

/** One big rural commune (about 110 × 110 km) around (108, 14). */
const commune: Commune = {
  id: 'C',
  name: 'Xã C',
  districtId: null,
  districtName: null,
  provinceId: 'P',
  provinceName: 'Tỉnh P',
  population: 50_000,
  setting: 'rural',
  geometry: rect(107.5, 13.5, 108.5, 14.5),
  center: [108, 14],
};

const site = (
  id: string,
  operator: string,
  east: number,
  north: number,
  technologies: Site['technologies'],
): Site => {
  const [lon, lat] = at(east, north);
  return { id, operator, lon, lat, technologies };
};

let n = 0;
const test = (
  east: number,
  north: number,
  technology: SpeedTest['technology'],
  operator: string | null,
  down: number,
  tests = 1,
): SpeedTest => {
  const [lon, lat] = at(east, north);
  return {
    id: `row ${++n}`,
    lon,
    lat,
    technology,
    operator,
    downloadMbps: down,
    uploadMbps: null,
    latencyMs: null,
    date: null,
    tests,
  };
};

describe('agreement on a constructed case', () => {
  // Viettel 4G at the centre (default rural radius 4 km); VNPT 4G 20 km east.
  const sites = deepFreeze([site('V', 'Viettel', 0, 0, ['4G']), site('N', 'VNPT', 20_000, 0, ['4G'])]);
  const tests = [
    test(1000, 0, '4G', 'Viettel', 0), // inside, no service: poor_inside
    test(2000, 0, '4G', 'Viettel', 3.9), // inside, below 10 % of 40: poor_inside
    test(0, 3000, '4G', 'Viettel', 4), // inside, exactly 10 %: agrees
    test(0, -3000, '4G', 'Viettel', 55, 4), // inside, good (a tile of 4 tests): agrees
    test(10_000, 0, '4G', 'Viettel', 40), // outside every Viettel footprint, at the threshold: good_outside
    test(10_000, 1000, '4G', 'Viettel', 39.9), // outside, just below: agrees
    test(20_000, 1000, '4G', 'Viettel', 60), // inside VNPT's footprint, not Viettel's: good_outside
    test(20_000, 1000, '4G', null, 60), // no operator named: any operator's footprint counts: agrees
    test(0, 1000, '5G', 'Viettel', 150), // 5G, no 5G footprint anywhere: good_outside
    test(20_500, 0, '4G', 'VNPT', 0), // VNPT, inside, no service: poor_inside
  ];
  const r = runAnalysis(deepFreeze({ communes: [commune], sites, speedTests: tests }));

  it('gives each test the verdict it was built for', () => {
    expect(r.measured!.verdicts).toEqual([
      'poor_inside',
      'poor_inside',
      'agree',
      'agree',
      'good_outside',
      'agree',
      'good_outside',
      'agree',
      'good_outside',
      'poor_inside',
    ]);
  });

  it('sums agreement per operator by tests (the tile counts 4)', () => {
    const rows = r.units[0]!.measured!.agreement!;
    // all: 13 tests; agreeing 1 + 4 + 1 + 1 = 7.
    expect(rows.find((x) => x.operator === 'all')).toEqual({
      operator: 'all',
      tests: 13,
      agreeing: 7,
      agreement_pct: (100 * 7) / 13,
      poor_inside: 3,
      good_outside: 3,
    });
    // Viettel: 11 tests (the 4-test tile), agreeing 1 + 4 + 1 = 6; VNPT: 1 test, 0 agree.
    expect(rows.find((x) => x.operator === 'Viettel')).toMatchObject({
      tests: 11,
      agreeing: 6,
      poor_inside: 2,
      good_outside: 3,
    });
    expect(rows.find((x) => x.operator === 'VNPT')).toMatchObject({
      tests: 1,
      agreeing: 0,
      agreement_pct: 0,
    });
    // The province holds the same.
    expect(r.units.find((u) => u.level === 'province')!.measured!.agreement![0]).toMatchObject({
      tests: 13,
      agreeing: 7,
    });
  });
});

describe('calibration recovers the radius the tests were generated with', () => {
  const TRUE_R = 2600; // the default rural 4G radius is 4,000 m
  // Nine Viettel 4G sites 25 km apart (no footprint overlaps), and one MobiFone 4G site.
  const sites: Site[] = [];
  for (let i = -1; i <= 1; i++)
    for (let j = -1; j <= 1; j++) sites.push(site(`V${i}${j}`, 'Viettel', i * 25_000, j * 25_000, ['4G']));
  sites.push(site('M', 'MobiFone', 12_500, 12_500, ['4G']));
  const rnd = seededRandom(7);
  const tests: SpeedTest[] = [];
  for (let k = 0; k < 900; k++) {
    const s = sites[k % 9]!;
    const d = 2 * TRUE_R * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    const e = (s.lon - 108) * KX + d * Math.sin(a);
    const no = (s.lat - LAT) * KY + d * Math.cos(a);
    tests.push(test(e, no, '4G', 'Viettel', d < TRUE_R ? 70 * (1 - (0.8 * d) / TRUE_R) : 0));
  }
  const input = deepFreeze({ communes: [commune], sites, speedTests: tests });

  it('fits the default radius within 5 %, and reports agreement before and after', () => {
    const r = runAnalysis(input);
    const fit = r.calibration!.fits.find((f) => f.operator === 'Viettel' && f.technology === '4G')!;
    expect(r.calibration!.applied).toBe(false);
    expect(fit.tests).toBe(900);
    expect(fit.default_radius_m.rural).toBe(DEFAULT_CONFIG.radii['4G'].rural);
    expect(Math.abs(fit.fitted_radius_m.rural - TRUE_R) / TRUE_R).toBeLessThan(0.05);
    expect(fit.service_match_after_pct).toBeGreaterThan(fit.service_match_before_pct);
    expect(fit.service_match_after_pct).toBeGreaterThan(99);
    expect(fit.agreement_after_pct).toBeGreaterThanOrEqual(fit.agreement_before_pct);
    // Too few MobiFone tests (none): no fit.
    expect(r.calibration!.fits.some((f) => f.operator === 'MobiFone')).toBe(false);
  });

  it('applies the fitted radius only with calibrate, and then agrees better', () => {
    const before = runAnalysis(input);
    const after = runAnalysis(input, { calibrate: true });
    expect(after.calibration!.applied).toBe(true);
    const cov = (x: typeof before) =>
      x.units[0]!.coverage.find((c) => c.technology === '4G' && c.operator === 'Viettel')!;
    // Nine discs of the fitted radius instead of 4 km: coverage shrinks by about (2600/4000)².
    const ratio = cov(after).area_pct / cov(before).area_pct;
    const fit = after.calibration!.fits[0]!;
    expect(ratio).toBeCloseTo((fit.fitted_radius_m.rural / 4000) ** 2, 2);
    // MobiFone keeps its default radius.
    const mobi = (x: typeof before) =>
      x.units[0]!.coverage.find((c) => c.technology === '4G' && c.operator === 'MobiFone')!;
    expect(mobi(after).area_pct).toBeCloseTo(mobi(before).area_pct, 9);
    const agree = (x: typeof before) => x.units[0]!.measured!.agreement![0]!.agreement_pct!;
    expect(agree(after)).toBeGreaterThanOrEqual(agree(before));
  });
});
