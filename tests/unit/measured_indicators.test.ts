/**
 * Measured indicators (issue 16) against an independent computation: each test placed with Turf's
 * point-in-polygon, means and medians by plain arithmetic over the tests written out one by one (a
 * tile's tests repeated), shares counted by hand. Includes tiles weighted by their test count, a test
 * on the boundary between two communes, and the S1 targets at, just above and just below their
 * thresholds with each comparator.
 */
import { booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { SpeedTest } from '../../src/core/base/speed_tests.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { weightedMedian } from '../../src/core/measured/measured_indicators.ts';
import { type FullUnit, runAnalysis } from '../../src/core/run_analysis.ts';
import type { Comparator, Target } from '../../src/core/targets/targets.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';
import { seededRandom } from '../support/speed_test_gen.ts';

/** Two communes side by side in one district: A = [108.0, 108.1] × [14.0, 14.1], B east of it. */
function communes(): Commune[] {
  const c = (id: string, w: number): Commune => ({
    id,
    name: `Xã ${id}`,
    districtId: 'D',
    districtName: 'Huyện D',
    provinceId: 'P',
    provinceName: 'Tỉnh P',
    population: 10_000,
    setting: 'rural',
    geometry: rect(w, 14.0, w + 0.1, 14.1),
    center: [w + 0.05, 14.05],
  });
  return [c('A', 108.0), c('B', 108.1)];
}

const NO_SITES: Site[] = [];

const test = (
  k: number,
  lon: number,
  lat: number,
  tech: SpeedTest['technology'],
  op: string | null,
  down: number,
  extra: Partial<SpeedTest> = {},
): SpeedTest => ({
  id: `row ${k}`,
  lon,
  lat,
  technology: tech,
  operator: op,
  downloadMbps: down,
  uploadMbps: down / 4,
  latencyMs: 30,
  date: `2026-03-${String(1 + (k % 28)).padStart(2, '0')}`,
  tests: 1,
  ...extra,
});

/** Plain arithmetic over the tests written out one by one. */
function reference(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { n, mean, median, share: (t: number) => (100 * sorted.filter((x) => x >= t).length) / n };
}

const groupOf = (u: FullUnit | undefined, tech: string, op = 'all') =>
  u?.measured?.groups.find((g) => g.technology === tech && g.operator === op);

describe('measured indicators against Turf point-in-polygon and plain arithmetic', () => {
  const cs = deepFreeze(communes());
  const rnd = seededRandom(16);
  const tests: SpeedTest[] = [];
  const techs = ['4G', '5G', null] as const;
  const ops = ['Viettel', 'VNPT', null];
  for (let k = 0; k < 400; k++) {
    const lon = 107.98 + rnd() * 0.24; // some fall outside both communes
    const lat = 13.98 + rnd() * 0.14;
    const tech = techs[Math.floor(rnd() * 3)]!;
    const down = Math.round(rnd() * 3000) / 10;
    const tile = rnd() < 0.2;
    tests.push(
      test(
        k,
        lon,
        lat,
        tech,
        ops[Math.floor(rnd() * 3)]!,
        down,
        tile ? { tests: 1 + Math.floor(rnd() * 9) } : {},
      ),
    );
  }
  // On the shared edge x = 108.1: counted once, in one of the two communes.
  const edge = test(999, 108.1, 14.05, '4G', 'Viettel', 55);
  tests.push(edge);
  const r = runAnalysis(deepFreeze({ communes: cs, sites: NO_SITES, speedTests: tests }));
  const byId = new Map(r.units.map((u) => [`${u.level}:${u.id}`, u]));

  it('places every test as Turf does, and a boundary test in exactly one commune', () => {
    const a = byId.get('commune:A')!.measured!;
    const b = byId.get('commune:B')!.measured!;
    const inside = (t: SpeedTest, c: Commune) => booleanPointInPolygon(point([t.lon, t.lat]), c.geometry);
    const count = (c: Commune) =>
      tests.filter((t) => t !== edge && inside(t, c)).reduce((s, t) => s + t.tests, 0);
    const edgeInA = a.tests - count(cs[0]!);
    const edgeInB = b.tests - count(cs[1]!);
    expect([edgeInA, edgeInB].sort()).toEqual([0, 1]);
    const outside = tests
      .filter((t) => !inside(t, cs[0]!) && !inside(t, cs[1]!))
      .reduce((s, t) => s + t.tests, 0);
    expect(r.measured!.testsOutside).toBe(outside);
    // The district and the province count the boundary test once.
    expect(byId.get('district:D')!.measured!.tests).toBe(a.tests + b.tests);
    expect(byId.get('province:P')!.measured!.tests).toBe(a.tests + b.tests);
  });

  it('means, medians and shares over tests, tiles weighted by their test count', () => {
    const a = byId.get('commune:A')!;
    // Strictly inside A (Turf, boundary excluded); the edge test is A's when A counts one more test.
    const inA = tests.filter((t) =>
      booleanPointInPolygon(point([t.lon, t.lat]), cs[0]!.geometry, { ignoreBoundary: true }),
    );
    const edgeInA = a.measured!.tests - inA.reduce((s, t) => s + t.tests, 0);
    expect([0, 1]).toContain(edgeInA);
    const mine = edgeInA === 1 ? [...inA, edge] : inA;
    for (const tech of ['any', '4G', '5G'] as const)
      for (const op of ['all', 'Viettel', 'VNPT'] as const) {
        const sel = mine.filter(
          (t) => (tech === 'any' || t.technology === tech) && (op === 'all' || t.operator === op),
        );
        const values = sel.flatMap((t) => Array<number>(t.tests).fill(t.downloadMbps));
        const ups = sel.flatMap((t) => Array<number>(t.tests).fill(t.uploadMbps!));
        const ref = reference(values);
        const g = groupOf(a, tech, op)!;
        expect(g.tests, `${tech}/${op}`).toBe(ref.n);
        expect(g.records).toBe(sel.length);
        expect(g.download_mean_mbps).toBeCloseTo(ref.mean, 9);
        expect(g.download_median_mbps).toBeCloseTo(ref.median, 9);
        expect(g.upload_mean_mbps).toBeCloseTo(reference(ups).mean, 9);
        const threshold = tech === '5G' ? 100 : 40;
        expect(g.threshold_mbps).toBe(threshold);
        expect(g.tests_at_or_above_pct).toBeCloseTo(ref.share(threshold), 9);
        const dates = sel.map((t) => t.date!).sort();
        expect([g.date_from, g.date_to]).toEqual([dates[0], dates.at(-1)]);
      }
    // The tiles matter: weighting by tests changes the mean here.
    const tiles = mine.filter((t) => t.tests > 1);
    expect(tiles.length).toBeGreaterThan(5);
    const unweighted = mine.reduce((s, t) => s + t.downloadMbps, 0) / mine.length;
    expect(Math.abs(groupOf(a, 'any')!.download_mean_mbps! - unweighted)).toBeGreaterThan(0.01);
  });

  it('a test exactly at the threshold counts as at or above it; just below does not', () => {
    const at = runAnalysis({
      communes: cs,
      sites: NO_SITES,
      speedTests: [
        test(1, 108.02, 14.02, '4G', 'VNPT', 40),
        test(2, 108.03, 14.03, '4G', 'VNPT', 39.999),
        test(3, 108.04, 14.04, '5G', 'VNPT', 100),
        test(4, 108.04, 14.04, '5G', 'VNPT', 100.001, { tests: 3 }),
      ],
    });
    const a = at.units.find((u) => u.id === 'A');
    expect(groupOf(a, '4G')).toMatchObject({ tests_at_or_above: 1, tests_at_or_above_pct: 50 });
    expect(groupOf(a, '5G')).toMatchObject({ tests: 4, tests_at_or_above: 4, tests_at_or_above_pct: 100 });
  });

  it('a weighted median is the median of the tests written out', () => {
    expect(
      weightedMedian([
        [10, 3],
        [20, 1],
      ]),
    ).toBe(10); // 10 10 10 20
    expect(
      weightedMedian([
        [10, 2],
        [20, 2],
      ]),
    ).toBe(15); // 10 10 20 20
    expect(weightedMedian([[5, 1]])).toBe(5);
    expect(weightedMedian([])).toBeNull();
  });

  it('without speed tests there is no measured block; with none in a unit, an empty one', () => {
    const none = runAnalysis({ communes: cs, sites: NO_SITES });
    expect(none.measured).toBeNull();
    expect(none.units[0]!.measured).toBeNull();
    const one = runAnalysis({
      communes: cs,
      sites: NO_SITES,
      speedTests: [test(1, 108.05, 14.05, '4G', 'VNPT', 20)],
    });
    expect(one.units.find((u) => u.id === 'B')!.measured).toMatchObject({ tests: 0, date_from: null });
  });
});

describe('the S1 speed targets from the measured figures', () => {
  const cs = communes();
  const target = (
    id: string,
    metric: Target['metric'],
    comparator: Comparator,
    value: number,
    extra: Partial<Target> = {},
  ): Target => ({
    id,
    indicator: id,
    indicator_en: id,
    network: 'mobile',
    technology: '4G',
    metric,
    comparator,
    value,
    unit: metric === 'speed.download_mbps' ? 'Mb/s' : '%',
    year: 2025,
    scope: 'province',
    levels: ['commune', 'province'],
    source: { document: 'test', line: 1, quote: 'test' },
    ...extra,
  });
  /** Commune A's 4G tests: 30 and 50 Mb/s (mean 40); B has none. */
  const tests = [test(1, 108.02, 14.02, '4G', 'VNPT', 30), test(2, 108.03, 14.03, '4G', 'Viettel', 50)];
  const evaluate = (t: Target) =>
    runAnalysis({
      communes: cs,
      sites: NO_SITES,
      speedTests: tests,
      targets: [{ province: null, targets: [t] }],
    }).targets;

  it.each([
    ['≥', 40, 'met'],
    ['≥', 39.99, 'met'],
    ['≥', 40.01, 'not_met'],
    ['>', 40, 'not_met'],
    ['>', 39.99, 'met'],
    ['>', 40.01, 'not_met'],
    ['≤', 40, 'met'],
    ['≤', 40.01, 'met'],
    ['≤', 39.99, 'not_met'],
  ] as const)('mean 40 Mb/s against %s %s Mb/s: %s', (comparator, value, status) => {
    const e = evaluate(target('S', 'speed.download_mbps', comparator, value)).find((x) => x.unit_id === 'A')!;
    expect(e.status).toBe(status);
    expect(e.value).toBeCloseTo(40, 9);
    if (status === 'met') expect(e.gap).toBe(0);
    else expect(e.gap).toBeCloseTo(Math.abs(value - 40), 6);
    expect(e.gap_text_en).toContain('measured, 2 tests (2026-03-02 – 2026-03-03)');
    expect(e.gap_text_vi).toContain('đo thực tế, 2 lần đo');
  });

  it('the gap of an unmet speed target is in Mb/s', () => {
    const e = evaluate(target('S', 'speed.download_mbps', '≥', 100)).find((x) => x.unit_id === 'A')!;
    expect(e.gap).toBeCloseTo(60, 9);
    expect(e.gap_text_en).toMatch(/^60 Mb\/s short \(40 Mb\/s, target ≥ 100 Mb\/s\)/);
  });

  it.each([
    // Share of tests at 50 Mb/s: one of two = 50 %.
    ['≥', 50, 'met'],
    ['≥', 50.01, 'not_met'],
    ['>', 50, 'not_met'],
    ['>', 49.99, 'met'],
    ['≤', 50, 'met'],
    ['≤', 49.99, 'not_met'],
  ] as const)(
    'share of tests ≥ 50 Mb/s (one of two) against %s %s percent: %s',
    (comparator, value, status) => {
      const e = evaluate(
        target('S', 'speed.tests_meeting_pct', comparator, value, { threshold_mbps: 50 }),
      ).find((x) => x.unit_id === 'A')!;
      expect(e.value).toBeCloseTo(50, 9);
      expect(e.status).toBe(status);
    },
  );

  it('the ≥ 95 %-of-tests form (DN-S1-5G): a test exactly at the threshold passes, just below fails', () => {
    const t = target('DN', 'speed.tests_meeting_pct', '≥', 95, { threshold_mbps: 50 });
    const at = evaluate(t).find((x) => x.unit_id === 'A')!;
    expect(at.value).toBeCloseTo(50, 9); // 30 fails, 50 (= threshold) passes
    const below = runAnalysis({
      communes: cs,
      sites: NO_SITES,
      speedTests: [test(1, 108.02, 14.02, '4G', 'VNPT', 49.999), test(2, 108.03, 14.03, '4G', 'VNPT', 50)],
      targets: [{ province: null, targets: [t] }],
    }).targets.find((x) => x.unit_id === 'A')!;
    expect(below.value).toBeCloseTo(50, 9);
    expect(below.status).toBe('not_met');
    expect(below.gap).toBeCloseTo(45, 9);
    expect(below.gap_text_en).toContain('1 tests below the speed threshold');
  });

  it('not evaluable only where no test falls, saying so', () => {
    const e = evaluate(target('S', 'speed.download_mbps', '≥', 40));
    const b = e.find((x) => x.unit_id === 'B')!;
    expect(b.status).toBe('not_evaluable');
    expect(b.gap_text_en).toBe('Not evaluable: no 4G speed test falls in this unit');
    expect(b.gap_text_vi).toBe('Chưa đánh giá được: không có lần đo tốc độ 4G nào trong đơn vị này');
    expect(e.find((x) => x.unit_id === 'P')!.status).toBe('met');
    // Without a speed-test file at all: the metric's own reason.
    const none = runAnalysis({
      communes: cs,
      sites: NO_SITES,
      targets: [{ province: null, targets: [target('S', 'speed.download_mbps', '≥', 40)] }],
    }).targets[0]!;
    expect(none.gap_text_en).toBe('Not evaluable: no speed-test data');
  });
});
