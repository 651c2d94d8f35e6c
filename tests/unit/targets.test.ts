import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import {
  type EvaluationUnit,
  evaluateTargets,
  type MetricLookup,
  type MetricValue,
} from '../../src/core/targets/evaluate_targets.ts';
import { KNOWN_METRICS, type Target } from '../../src/core/targets/targets.ts';
import { targetsFromJson } from '../../src/io/import/targets_file.ts';
import { deepFreeze } from '../support/freeze.ts';

const dataDir = new URL('../../data/targets/', import.meta.url);
const fixtureDir = new URL('../fixtures/targets/', import.meta.url);

function bundled(name: string) {
  return targetsFromJson(readFileSync(new URL(name, dataDir), 'utf8'), `data/targets/${name}`);
}

/** DOMAIN's table rows that apply to each province (Gia Lai: plans 000, 001, 003, 004; Đắk Nông: 002). */
const DOMAIN_ROWS = {
  'gialai.json': ['P1', 'P2', 'P3', 'P4', 'M1', 'M2', 'M3', 'M4', 'F1', 'F2', 'F3', 'F4', 'F5', 'S1'],
  'daknong.json': ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'M5', 'M6', 'M7', 'M8', 'M9', 'F1', 'F4', 'S1'],
} as const;

describe('bundled target files', () => {
  for (const [file, rows] of Object.entries(DOMAIN_ROWS)) {
    it(`${file} loads with no issues and covers every applicable DOMAIN row`, () => {
      const { targets, issues } = bundled(file);
      expect(issues).toEqual([]);
      const prefix = file === 'gialai.json' ? 'GL' : 'DN';
      const rowsFound = new Set(
        targets.map((t) => {
          const m = /^(GL|DN)-([PMFS]\d)(?:-|$)/.exec(t.id);
          expect(m?.[1], `${t.id} has the province prefix`).toBe(prefix);
          return m?.[2];
        }),
      );
      expect([...rowsFound].sort()).toEqual([...rows].sort());
      for (const t of targets) {
        expect(t.source.line).toBeGreaterThan(0);
        expect(t.source.document).toMatch(/^seeds\/00[0-4]_/);
        expect(t.unit).toBe(KNOWN_METRICS[t.metric].unit);
      }
    });
  }

  it('keeps both Gia Lai 5G targets: ≥ 99% by 2030 (000:128) and > 60% in 2026 (001:381)', () => {
    const { targets, province } = bundled('gialai.json');
    expect(province).toBe('Gia Lai');
    const m1 = targets.find((t) => t.id === 'GL-M1')!;
    const m2 = targets.find((t) => t.id === 'GL-M2')!;
    expect([m1.metric, m1.technology, m1.comparator, m1.value, m1.year, m1.source.line]).toEqual([
      'mobile.population_pct',
      '5G',
      '≥',
      99,
      2030,
      128,
    ]);
    expect([m2.metric, m2.technology, m2.comparator, m2.value, m2.year, m2.source.line]).toEqual([
      'mobile.population_pct',
      '5G',
      '>',
      60,
      2026,
      381,
    ]);
  });

  it('stores the Đắk Nông targets with their plan comparators, scopes and units', () => {
    const { targets, province } = bundled('daknong.json');
    expect(province).toBe('Đắk Nông');
    const by = (id: string) => targets.find((t) => t.id === id)!;
    expect(by('DN-P1')).toMatchObject({ comparator: '≤', value: 3, unit: 'km' });
    expect(by('DN-P5-radius')).toMatchObject({ value: 1, scope: 'urban_or_centre_communes' });
    expect(by('DN-P5-population')).toMatchObject({ comparator: '≤', value: 2000, unit: 'people' });
    expect(by('DN-P6-radius')).toMatchObject({ value: 0.5, unit: 'km' });
    expect(by('DN-M5')).toMatchObject({ comparator: '>', value: 50, year: 2025 });
    expect(by('DN-M6')).toMatchObject({ comparator: '>', value: 90, scope: 'urban_communes' });
    expect(by('DN-M7').metric).toBe('mobile.key_roads_5g_pct');
    expect([by('DN-M8-area').metric, by('DN-M8-population').metric]).toEqual([
      'mobile.area_pct',
      'mobile.population_pct',
    ]);
    expect(by('DN-M9')).toMatchObject({ metric: 'villages.new_dead_zones', comparator: '≤', value: 0 });
  });

  it('evaluates without data: every row is not evaluable, with a reason', () => {
    const { targets } = bundled('daknong.json');
    const units = deepFreeze([
      { id: 'c1', name: 'Phường Nghĩa Đức', level: 'commune', urban: true },
      { id: 'c2', name: 'Xã Quảng Sơn', level: 'commune', urban: false },
      { id: 'p', name: 'Đắk Nông', level: 'province' },
    ] as const);
    const rows = evaluateTargets(deepFreeze(targets), units, () => null);
    expect(rows.length).toBeGreaterThan(targets.length);
    for (const r of rows) {
      expect(r.status).toBe('not_evaluable');
      expect(r.gap_text_vi).toMatch(/^Chưa đánh giá được: /);
      expect(r.gap_text_en).toMatch(/^Not evaluable: /);
    }
    // Urban scopes skip the rural commune.
    expect(rows.some((r) => r.target_id === 'DN-M6' && r.unit_id === 'c2')).toBe(false);
    expect(rows.some((r) => r.target_id === 'DN-M6' && r.unit_id === 'c1')).toBe(true);
    const speed = rows.find((r) => r.target_id === 'DN-S1-5G')!;
    expect(speed.gap_text_vi).toContain('không có dữ liệu đo tốc độ');
    expect(speed.gap_text_en).toContain('no speed-test data');
    expect(rows.find((r) => r.target_id === 'DN-M9')!.gap_text_vi).toContain('cần dữ liệu kỳ trước');
  });
});

/** A minimal target; fields can be overridden. */
function target(over: Partial<Target>): Target {
  return {
    id: 'T',
    indicator: 'chỉ tiêu thử',
    indicator_en: 'test target',
    network: 'mobile',
    technology: '5G',
    metric: 'mobile.population_pct',
    comparator: '≥',
    value: 60,
    unit: '%',
    year: 2030,
    scope: 'province',
    levels: ['commune', 'district', 'province'],
    source: { document: 'thử', line: 1, quote: 'thử' },
    ...over,
  };
}

const PROVINCE: EvaluationUnit[] = [{ id: 'p', name: 'Tỉnh Thử', level: 'province' }];

function evalOne(t: Target, mv: MetricValue | null) {
  const rows = evaluateTargets(deepFreeze([t]), deepFreeze(PROVINCE), () => mv);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('comparators', () => {
  it('> is not met at exactly the boundary value; ≥ is', () => {
    const strict = evalOne(target({ comparator: '>', value: 60 }), { value: 60 });
    expect(strict.status).toBe('not_met');
    expect(strict.gap).toBe(0);
    expect(strict.gap_text_vi).toBe('Đang ở đúng mức 60%, cần vượt mức này');
    expect(strict.gap_text_en).toBe('At exactly 60%; must exceed it');
    expect(evalOne(target({ comparator: '>', value: 60 }), { value: 60.01 }).status).toBe('met');
    const atLeast = evalOne(target({ comparator: '≥', value: 60 }), { value: 60 });
    expect(atLeast.status).toBe('met');
    expect(atLeast.gap).toBe(0);
    expect(atLeast.gap_text_vi).toBe('Đạt (60%, chỉ tiêu ≥ 60%)');
    expect(evalOne(target({ comparator: '≥', value: 60 }), { value: 59.99 }).status).toBe('not_met');
  });

  it('the 2025 Gia Lai result (91%) meets "> 60%" and misses "≥ 99%"', () => {
    const met = evalOne(target({ comparator: '>', value: 60 }), { value: 91 });
    expect(met.status).toBe('met');
    expect(met.gap_text_en).toBe('Met (91%, target > 60%)');
    const missed = evalOne(target({ comparator: '≥', value: 99 }), { value: 91 });
    expect(missed.status).toBe('not_met');
    expect(missed.gap).toBe(8);
  });

  it('≤ for a radius: the boundary meets it, just above does not', () => {
    const t = target({
      metric: 'postal.avg_service_radius_km',
      network: 'postal',
      technology: null,
      comparator: '≤',
      value: 3,
      unit: 'km',
    });
    expect(evalOne(t, { value: 3 }).status).toBe('met');
    const over = evalOne(t, { value: 3.41 });
    expect(over.status).toBe('not_met');
    expect(over.gap).toBeCloseTo(0.41, 10);
    expect(over.gap_text_vi).toBe('Vượt mức tối đa 0,41 km (3,41 km, chỉ tiêu ≤ 3 km)');
  });
});

describe('gap texts', () => {
  const radius = (value: number) =>
    target({
      metric: 'postal.avg_service_radius_km',
      network: 'postal',
      technology: null,
      comparator: '≤',
      value,
      unit: 'km',
    });
  /** R̄ = √(S/(π·N)), as the lead's analysis computes it. */
  const rbar = (s: number, n: number): MetricValue => ({
    value: n > 0 ? Math.sqrt(s / (Math.PI * n)) : null,
    numerator: n,
    denominator: s,
  });

  it('percent: percentage points short, with a Vietnamese decimal comma', () => {
    const r = evalOne(target({ value: 99 }), { value: 97.7 });
    expect(r.status).toBe('not_met');
    expect(r.gap).toBe(1.3);
    expect(r.gap_text_vi).toBe('Còn thiếu 1,3 điểm phần trăm (97,7%, chỉ tiêu ≥ 99%)');
    expect(r.gap_text_en).toBe('1.3 percentage points short (97.7%, target ≥ 99%)');
  });

  it('percent with counts: the villages still without 4G', () => {
    const t = target({
      metric: 'villages.grid_powered_with_4g_pct',
      technology: '4G',
      scope: 'grid_powered_villages',
      value: 100,
    });
    const r = evalOne(t, { value: 85, numerator: 68, denominator: 80 });
    expect(r.gap).toBe(15);
    expect(r.gap_count).toBe(12);
    expect(r.gap_text_vi).toBe(
      'Còn thiếu 15 điểm phần trăm (85%, chỉ tiêu ≥ 100%); 12 thôn có điện lưới chưa có 4G',
    );
    expect(r.gap_text_en).toContain('12 grid-powered villages still without 4G');
    const bon = evalOne(t, { value: 85, numerator: 68, denominator: 80, unit_count_noun: 'thôn/bon' });
    expect(bon.gap_text_vi).toContain('12 thôn/bon chưa có 4G');
  });

  it('percent with counts below 100%: how many more are needed (⌈T·d/100 − n⌉)', () => {
    // 9 770 of 10 000 people covered (97.7%); ≥ 99% needs ⌈9 900 − 9 770⌉ = 130 more.
    const r = evalOne(target({ value: 99 }), { value: 97.7, numerator: 9770, denominator: 10_000 });
    expect(r.gap_count).toBe(130);
    expect(r.gap_text_vi).toContain('230 người chưa được phủ sóng, cần thêm ít nhất 130 để đạt');
    expect(r.gap_text_en).toContain('230 people not yet covered, at least 130 more needed to meet it');
  });

  it('percent with counts and ">": the count must strictly exceed the boundary', () => {
    // 40 of 80 communes = 50%; "> 50%" needs 41, one more.
    const t = target({
      metric: 'postal.communes_with_staffed_point_pct',
      network: 'postal',
      technology: null,
      comparator: '>',
      value: 50,
      scope: 'commune',
    });
    const r = evalOne(t, { value: 50, numerator: 40, denominator: 80 });
    expect(r.status).toBe('not_met');
    expect(r.gap_count).toBe(1);
    expect(r.gap_text_vi).toContain(
      '40 xã chưa có điểm phục vụ bưu chính có người phục vụ, cần thêm ít nhất 1',
    );
    // "≥ 50%" is met by the same 40 of 80.
    expect(evalOne({ ...t, comparator: '≥' }, { value: 50, numerator: 40, denominator: 80 }).status).toBe(
      'met',
    );
  });

  it('radius: the national figures (S = 330,967 km², N = 18,502 → R̄ 2.39 km) meet ≤ 3 km', () => {
    const mv = rbar(330_967, 18_502);
    expect(mv.value).toBeCloseTo(2.39, 2);
    expect(rbar(330_967, 17_976).value).toBeCloseTo(2.42, 2);
    const r = evalOne(radius(3), mv);
    expect(r.status).toBe('met');
    expect(r.gap).toBe(0);
    expect(r.gap_text_vi).toBe('Đạt (2,39 km, chỉ tiêu ≤ 3 km)');
  });

  it('radius: the points needed are ⌈S/(π·R*²)⌉ − N', () => {
    // Nationally, R* = 2 km needs ⌈330,967 / (4π)⌉ = ⌈26,337.5⌉ = 26,338 points: 7,836 more.
    const national = evalOne(radius(2), rbar(330_967, 18_502));
    expect(national.status).toBe('not_met');
    expect(national.gap).toBe(7836);
    expect(national.gap_text_vi).toBe('Cần thêm 7.836 điểm phục vụ bưu chính (2,39 km, chỉ tiêu ≤ 2 km)');
    expect(national.gap_text_en).toBe('7,836 more postal points needed (2.39 km, target ≤ 2 km)');
    // A 500 km² commune with 11 points: R̄ = 3.80 km; ⌈500 / 9π⌉ = ⌈17.68⌉ = 18, so 7 more.
    const commune = evalOne(radius(3), rbar(500, 11));
    expect(commune.gap).toBe(7);
    expect(commune.gap_text_vi).toBe('Cần thêm 7 điểm phục vụ bưu chính (3,8 km, chỉ tiêu ≤ 3 km)');
  });

  it('radius with no point: R̄ is undefined and the commune fails outright', () => {
    const r = evalOne(radius(3), rbar(100, 0));
    expect(r.status).toBe('not_met');
    expect(r.value).toBeNull();
    // ⌈100 / 9π⌉ = ⌈3.54⌉ = 4.
    expect(r.gap).toBe(4);
    expect(r.gap_text_vi).toBe('Không có điểm phục vụ bưu chính nào; cần ít nhất 4');
    expect(r.gap_text_en).toBe('No postal points at all; at least 4 needed');
    const noArea = evalOne(radius(3), { value: null });
    expect([noArea.status, noArea.gap, noArea.gap_text_en]).toEqual([
      'not_met',
      null,
      'No postal points at all',
    ]);
  });

  it('people per point: the post offices needed are ⌈P/P*⌉ − N', () => {
    const t = target({
      metric: 'postal.tier_post_offices_population_per_point',
      network: 'postal',
      technology: null,
      comparator: '≤',
      value: 1000,
      unit: 'people',
      scope: 'urban_or_centre_communes',
    });
    // 4,500 people, 3 post offices: 1,500 per office; ⌈4.5⌉ − 3 = 2 more.
    const r = evalOne(t, { value: 1500, numerator: 3, denominator: 4500 });
    expect(r.gap).toBe(2);
    expect(r.gap_text_vi).toBe('Cần thêm 2 bưu cục (1.500 người/điểm, chỉ tiêu ≤ 1.000 người/điểm)');
  });

  it('speed and count metrics', () => {
    const speed = target({ metric: 'speed.download_mbps', technology: '4G', value: 40, unit: 'Mb/s' });
    expect(evalOne(speed, { value: 27.5 }).gap_text_vi).toBe(
      'Còn thiếu 12,5 Mb/s (27,5 Mb/s, chỉ tiêu ≥ 40 Mb/s)',
    );
    const dead = target({
      metric: 'villages.new_dead_zones',
      technology: null,
      comparator: '≤',
      value: 0,
      unit: 'count',
      scope: 'villages',
    });
    const r = evalOne(dead, { value: 3 });
    expect([r.status, r.gap, r.gap_text_en]).toEqual([
      'not_met',
      3,
      '3 villages newly in a dead zone (3, target ≤ 0)',
    ]);
    expect(evalOne(dead, { value: 0 }).status).toBe('met');
  });

  it('a lookup without data makes the row not evaluable, with the reason', () => {
    const r = evalOne(target({ metric: 'fiber.households_subscribed_pct', technology: null }), null);
    expect([r.status, r.gap, r.value]).toEqual(['not_evaluable', null, null]);
    expect(r.gap_text_vi).toBe('Chưa đánh giá được: không có dữ liệu thuê bao cáp quang hộ gia đình');
  });

  it('evaluates only at the target’s levels, and urban scopes only at urban communes', () => {
    const units: EvaluationUnit[] = [
      { id: 'u', name: 'Phường A', level: 'commune', urban: true },
      { id: 'r', name: 'Xã B', level: 'commune' },
      { id: 'd', name: 'Huyện C', level: 'district' },
      { id: 'p', name: 'Tỉnh D', level: 'province' },
    ];
    const seen: string[] = [];
    const lookup: MetricLookup = (unitId, metric, technology) => {
      seen.push(`${unitId}:${metric}:${technology}`);
      return { value: 95 };
    };
    const rows = evaluateTargets(
      [
        target({ id: 'urban', scope: 'urban_communes', comparator: '>', value: 90 }),
        target({ id: 'prov', levels: ['province'] }),
      ],
      units,
      lookup,
    );
    expect(rows.map((r) => `${r.target_id}@${r.unit_id}`)).toEqual([
      'urban@u',
      'urban@d',
      'urban@p',
      'prov@p',
    ]);
    expect(seen[0]).toBe('u:mobile.population_pct:5G');
  });
});

describe('reading a targets file', () => {
  const cases = readdirSync(fixtureDir).filter((f) => f.endsWith('.in.json'));

  for (const name of cases) {
    it(`golden: ${name}`, () => {
      const text = readFileSync(new URL(name, fixtureDir), 'utf8');
      let actual: unknown;
      try {
        const r = targetsFromJson(text, name);
        actual = { province: r.province, kept: r.targets, issues: r.issues };
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        actual = { user_error: (e as Error).message };
      }
      const outUrl = new URL(name.replace(/\.in\.json$/, '.out.json'), fixtureDir);
      if (process.env.UPDATE) writeFileSync(outUrl, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(outUrl, 'utf8')));
    });
  }

  it('lists several problems at once, each with a path and a field, and keeps the valid targets', () => {
    const name = 'several_problems.in.json';
    const { targets, issues, province } = targetsFromJson(
      readFileSync(new URL(name, fixtureDir), 'utf8'),
      name,
    );
    expect(province).toBe('Tỉnh Thử');
    expect(targets.map((t) => t.id)).toEqual(['X-OK-1', 'X-OK-2']);
    expect(targets[0]).toMatchObject({ comparator: '≥', technology: '5G', network: 'mobile', unit: '%' });
    expect(targets[1]).toMatchObject({ comparator: '≤', levels: ['commune', 'district', 'province'] });
    const errors = issues.filter((i) => i.severity === 'error').map((i) => [i.path, i.field]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['targets[1].metric', 'metric'],
        ['targets[1].comparator', 'comparator'],
        ['targets[1].value', 'value'],
        ['targets[2].scope', 'scope'],
        ['targets[2].levels', 'levels'],
        ['targets[2].source', 'source'],
        ['targets[3].id', 'id'],
        ['targets[4].comparator', 'comparator'],
        ['targets[4].unit', 'unit'],
        ['targets[4].source.line', 'source.line'],
        ['targets[6]', undefined],
        ['targets[7].technology', 'technology'],
        ['targets[7].year', 'year'],
      ]),
    );
    for (const i of issues) expect(i.file).toBe(name);
    const msg = (path: string) => issues.find((i) => i.path === path)!.message;
    expect(msg('targets[1].metric')).toContain('known metrics: mobile.population_pct');
    expect(msg('targets[1].metric')).toContain('postal.avg_service_radius_km');
    expect(msg('targets[1].value')).toContain('write 60');
    expect(msg('targets[1].comparator')).toContain('"≥"');
    expect(msg('targets[3].id')).toContain('duplicate id "X-OK-1"');
    expect(msg('targets[4].unit')).toContain('"km"');
    expect(issues.find((i) => i.path === 'targets[5].owner')!.severity).toBe('warning');
  });

  it('accepts a bare array with ASCII comparators', () => {
    const name = 'bare_array.in.json';
    const { targets, issues, province } = targetsFromJson(
      readFileSync(new URL(name, fixtureDir), 'utf8'),
      name,
    );
    expect(issues).toEqual([]);
    expect(province).toBeNull();
    expect(targets.map((t) => [t.id, t.comparator, t.technology, t.year])).toEqual([
      ['A-1', '≥', null, null],
      ['A-2', '>', 'any', 2030],
    ]);
  });

  it('malformed JSON is a UserError naming the file', () => {
    const text = readFileSync(new URL('malformed.in.json', fixtureDir), 'utf8');
    expect(() => targetsFromJson(text, 'my_targets.json')).toThrow(UserError);
    expect(() => targetsFromJson(text, 'my_targets.json')).toThrow(/^my_targets\.json: not valid JSON/);
  });

  it('a top level that is not an object or array is a UserError naming the file', () => {
    for (const text of ['"just a string"', '42', 'null', '{ "province": "Gia Lai" }'])
      expect(() => targetsFromJson(text, 't.json')).toThrow(/^t\.json: expected \{ "province"/);
  });
});
