import { describe, expect, it } from 'vitest';
import { compareReports } from '../../src/core/report/compare_reports.ts';
import { rankCommunes } from '../../src/core/report/rank_communes.ts';
import { deepFreeze } from '../support/freeze.ts';
import { miniReport, miniUnit } from '../support/mini_report.ts';

describe('compareReports', () => {
  it('gives before, after and difference per unit and indicator (a known what-if)', () => {
    const baseline = deepFreeze(miniReport());
    const current = miniReport();
    current.generated_at = '2026-12-31T00:00:00.000Z';
    // A new 4G site in Xã Quảng Sơn: 50 % → 75 %; the district and province follow.
    current.units[0] = miniUnit('1', 'Xã Quảng Sơn', 'commune', '10', 1000, { '4G': 75, '5G': 0, any: 90 });
    current.units[2] = miniUnit('10', 'Huyện Đắk Glong', 'district', '67', 4000, {
      '4G': 86.25,
      '5G': 7.5,
      any: 97.5,
    });
    current.units[3] = miniUnit('67', 'Đắk Nông', 'province', null, 4000, {
      '4G': 86.25,
      '5G': 7.5,
      any: 97.5,
    });
    current.targets[0] = { ...current.targets[0]!, value: 60, status: 'met', gap: 0 };
    const cmp = compareReports(baseline, deepFreeze(current));
    const row = (unit: string, indicator: string) =>
      cmp.rows.find((r) => r.unit_id === unit && r.indicator === indicator)!;
    expect(row('1', 'mobile.4G.population_pct')).toMatchObject({
      unit_name: 'Xã Quảng Sơn',
      level: 'commune',
      before: 50,
      after: 75,
      difference: 25,
      unit: '%',
      label_vi: 'Dân số được phủ sóng 4G',
    });
    expect(row('1', 'gap.4G.population')).toMatchObject({ before: 500, after: 250, difference: -250 });
    expect(row('67', 'mobile.4G.population_pct')).toMatchObject({
      before: 80,
      after: 86.25,
      difference: 6.25,
    });
    expect(row('2', 'mobile.4G.population_pct').difference).toBe(0);
    expect(row('2', 'postal.avg_service_radius_km')).toMatchObject({
      before: null,
      after: null,
      difference: null,
    });
    expect(cmp.targets).toEqual([
      expect.objectContaining({
        target_id: 'DN-M5',
        before_status: 'not_met',
        after_status: 'met',
        before_value: 7.5,
        after_value: 60,
        difference: 52.5,
      }),
    ]);
    expect(cmp.baseline_generated_at).toBe('2026-06-30T00:00:00.000Z');
    expect(cmp.only_in_baseline).toEqual([]);
  });

  it('lists units found in only one report (boundary change) and compares the rest', () => {
    const baseline = miniReport();
    const current = miniReport();
    current.units = current.units.filter((u) => u.id !== '1');
    current.units.push(miniUnit('3', 'Xã Mới', 'commune', '10', 500, { '4G': 100, '5G': 0, any: 100 }));
    const cmp = compareReports(baseline, current, { indicators: ['mobile.4G.population_pct'] });
    expect(cmp.only_in_baseline).toEqual([{ id: '1', name: 'Xã Quảng Sơn', level: 'commune' }]);
    expect(cmp.only_in_current).toEqual([{ id: '3', name: 'Xã Mới', level: 'commune' }]);
    expect(cmp.rows.map((r) => r.unit_id)).toEqual(['2', '10', '67']);
  });
});

describe('rankCommunes', () => {
  it('ranks best first by the indicator, ties share a rank, no value comes last', () => {
    const r = miniReport();
    r.units.splice(2, 0, miniUnit('4', 'Xã Cùng Hạng', 'commune', '10', 10, { '4G': 90, '5G': 0, any: 0 }));
    const ranked = rankCommunes(deepFreeze(r), 'mobile.4G.population_pct');
    expect(ranked.map((x) => [x.rank, x.id, x.value])).toEqual([
      [1, '2', 90],
      [1, '4', 90],
      [3, '1', 50],
    ]);
    expect(ranked[0]).toMatchObject({ district: 'Huyện Đắk Glong', province: 'Đắk Nông' });
    // Lower is better for a gap: ascending.
    expect(rankCommunes(r, 'gap.4G.population').map((x) => x.id)).toEqual(['4', '2', '1']);
    expect(rankCommunes(r, 'mobile.4G.population_pct', { order: 'asc' })[0]!.id).toBe('1');
    // No postal data: every commune unranked.
    expect(rankCommunes(r, 'postal.avg_service_radius_km').every((x) => x.rank === null)).toBe(true);
    expect(() => rankCommunes(r, 'no.such')).toThrow(RangeError);
  });
});
