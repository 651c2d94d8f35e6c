/**
 * The dead-zone list in the CSV and XLSX exports says why a village is a dead zone, as the app's panel
 * does (issue 15): the nearest 4G site's id and the bearing from it to the village, beside the distance.
 * A village due west of its nearest site has bearing 270° (the analytic case of indicators_analytic).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/io/export/report_csv.ts';
import { reportXlsx } from '../../src/io/export/report_xlsx.ts';
import { miniReport } from '../support/mini_report.ts';

function report() {
  const r = miniReport();
  r.dead_zone_villages = [
    {
      village_id: 'behind',
      name: 'Làng sau trạm',
      commune_id: '1',
      commune_name: 'Xã A',
      population: 80,
      has_grid_power: true,
      nearest_4g_site_km: 0.5,
      nearest_4g_site_id: 'S-EAST',
      nearest_4g_bearing_deg: 270,
    },
    {
      village_id: 'far',
      name: 'Thôn xa',
      commune_id: '1',
      commune_name: 'Xã A',
      population: 40,
      has_grid_power: null,
      nearest_4g_site_km: null,
      nearest_4g_site_id: null,
      nearest_4g_bearing_deg: null,
    },
  ];
  return r;
}

describe('dead-zone villages in the exports: the nearest 4G site and the bearing', () => {
  it('CSV (vi and en): the site id and the bearing after the distance; empty without a 4G site', () => {
    const vi = reportCsv(report())['report_dead_zone_villages.csv']!.slice(1).split('\r\n');
    expect(
      vi[0]!.endsWith(
        'Khoảng cách đến trạm 4G gần nhất (km),Mã trạm 4G gần nhất,"Hướng từ trạm 4G gần nhất đến thôn (độ, từ hướng Bắc theo chiều kim đồng hồ)"',
      ),
    ).toBe(true);
    expect(vi[1]!.endsWith(',0.5,S-EAST,270')).toBe(true);
    expect(vi[2]!.endsWith(',,,')).toBe(true);
    const en = reportCsv(report(), { lang: 'en' })['report_dead_zone_villages.csv']!.slice(1).split('\r\n');
    expect(en[0]).toContain(
      'Nearest 4G site,Bearing from the nearest 4G site to the village (degrees clockwise from north)',
    );
  });

  it('XLSX: the same cells, the bearing at one decimal', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reportXlsx(report()) as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.name === 'Thôn lõm sóng')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const site = head.indexOf('Mã trạm 4G gần nhất') + 1;
    const bearing =
      head.indexOf('Hướng từ trạm 4G gần nhất đến thôn (độ, từ hướng Bắc theo chiều kim đồng hồ)') + 1;
    expect(site).toBeGreaterThan(0);
    expect(bearing).toBe(site + 1);
    expect(ws.getRow(2).getCell(site).value).toBe('S-EAST');
    expect(ws.getRow(2).getCell(bearing).value).toBe(270);
    expect(ws.getRow(2).getCell(bearing).numFmt).toBe('#,##0.0');
    expect(ws.getRow(3).getCell(site).value).toBeNull();
  });
});
