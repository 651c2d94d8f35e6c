/**
 * Ranks tie at the precision the values are shown at, the same in the app's commune table and in the
 * XLSX ranking sheet (issue 15): percentages at one decimal, so 99.96 % and 100.00 % (both "100,0%")
 * share rank 1 and 99.94 % ("99,9%") is 3rd, in `rankCommunes` as in the table's competitionRanks.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { indicatorDecimals, reportIndicatorOf } from '../../src/app/map/indicators.ts';
import { DEFAULT_VIEW, type ViewState } from '../../src/app/state/view_state.ts';
import { competitionRanks } from '../../src/core/report/competition_ranks.ts';
import { rankCommunes, rankDecimals } from '../../src/core/report/rank_communes.ts';
import { reportIndicators } from '../../src/core/report/report_indicators.ts';
import { reportXlsx } from '../../src/io/export/report_xlsx.ts';
import { miniReport, miniUnit } from '../support/mini_report.ts';

function report() {
  const r = miniReport();
  r.units = r.units.filter((u) => u.level !== 'commune');
  r.units.unshift(
    miniUnit('1', 'Xã Một', 'commune', '10', 100, { '4G': 99.96, '5G': 0, any: 100 }),
    miniUnit('2', 'Xã Hai', 'commune', '10', 100, { '4G': 100, '5G': 0, any: 100 }),
    miniUnit('3', 'Xã Ba', 'commune', '10', 100, { '4G': 99.94, '5G': 0, any: 100 }),
  );
  return r;
}

describe('ranks at the shown precision', () => {
  it('rankCommunes: 100.00 and 99.96 (both 100.0 %) share rank 1, 99.94 (99.9 %) is 3rd', () => {
    const ranked = rankCommunes(report(), 'mobile.4G.population_pct');
    expect(ranked.map((x) => [x.id, x.rank])).toEqual([
      ['2', 1],
      ['1', 1],
      ['3', 3],
    ]);
    // The app's table ranks the same values at its 1 decimal the same way.
    expect(competitionRanks([99.96, 100, 99.94], 'desc', indicatorDecimals('mobile_pop'))).toEqual([1, 1, 3]);
  });

  it('the XLSX ranking sheet shows the ranked value at one decimal, the full value kept', async () => {
    const r = report();
    const rows = rankCommunes(r, 'mobile.4G.population_pct');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      reportXlsx(r, { ranking: { indicator: 'mobile.4G.population_pct', rows } }) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets.find((w) => w.name === 'Xếp hạng xã')!;
    const cell = ws.getRow(3).getCell(6);
    expect(ws.getRow(3).getCell(1).value).toBe(1);
    expect(cell.value).toBe(99.96);
    expect(cell.numFmt).toBe('#,##0.0');
  });

  it('for every map indicator, the ranking precision of its report indicator is the app table’s', () => {
    const ids = new Map(reportIndicators(report()).map((i) => [i.id, i]));
    const units = { '%': 1, km: 2 } as const;
    for (const indicator of [
      'mobile_pop',
      'mobile_area',
      'mobile_populated',
      'postal_radius',
      'postal_beyond',
      'fiber_reach',
    ] as const) {
      const view: ViewState = { ...DEFAULT_VIEW, indicator, technology: '4G' };
      const id = reportIndicatorOf(view)!;
      // The catalogue of a report without postal or fiber has no such ids: their units are known.
      const ind = ids.get(id) ?? {
        unit: id === 'postal.avg_service_radius_km' ? ('km' as const) : ('%' as const),
        decimals: 3,
      };
      expect(rankDecimals(ind), id).toBe(indicatorDecimals(indicator));
      expect(rankDecimals(ind)).toBe(units[ind.unit as keyof typeof units]);
    }
  });
});
