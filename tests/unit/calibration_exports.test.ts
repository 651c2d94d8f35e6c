/**
 * Issue 16: the calibration fits in the XLSX and the PDF. Over a flat synthetic DEM, speed tests
 * generated from the link budget with known loss offsets (Viettel 4G +6 dB; VNPT 4G +30 dB, beyond the
 * ±20 dB scan) as in `calibrate_offset.test.ts`. The workbook is read back with ExcelJS and the PDF with
 * `pdftotext`: the offset rows (operator, technology, tests, offset dB, agreement before → after,
 * applied or not), the radius rows beside them, in Vietnamese with no English and in English.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import { DEFAULT_SPEED_THRESHOLDS_MBPS, type SpeedTest } from '../../src/core/base/speed_tests.ts';
import type { Site } from '../../src/core/base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../src/core/geometry/local_projection.ts';
import { pathProfile } from '../../src/core/propagation/path_profile.ts';
import { DEFAULT_RADIO } from '../../src/core/propagation/radio_config.ts';
import { resolveRadioCell } from '../../src/core/propagation/resolve_radio_cell.ts';
import { buildReport, type CoverageReport } from '../../src/core/report/report.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { defaultTerrainModel } from '../../src/core/terrain/default_terrain_model.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { reportPdf } from '../../src/io/export/pdf/report_pdf.ts';
import { reportXlsx } from '../../src/io/export/report_xlsx.ts';
import { requireTool } from '../support/ogr.ts';
import { rect } from '../support/reference.ts';
import { seededRandom } from '../support/speed_test_gen.ts';

const LAT = 14.0;
const dem = gridDem([syntheticGrid([107.8, 13.8, 108.4, 14.2], 0.001, () => 300, 'flat 300 m')]);
const radio = { ...DEFAULT_RADIO, sweep: { ...DEFAULT_RADIO.sweep, rangeStep_m: 200 } };
const sites: Site[] = [
  { id: 'V1', operator: 'Viettel', lon: 108, lat: LAT, technologies: ['4G'] },
  { id: 'N1', operator: 'VNPT', lon: 108.2, lat: LAT, technologies: ['4G'] },
];
const OFFSET: Record<string, number> = { V1: 6, N1: 30 };
/** The farthest test from each site, m (VNPT's closer in, so that tests fall in every 0.5 dB band up to 20 dB). */
const FARTHEST: Record<string, number> = { V1: 8000, N1: 3000 };
const GOOD = DEFAULT_SPEED_THRESHOLDS_MBPS['4G']! * 1.5;

/** 400 tests per site, 0.3–8 km (VNPT 0.3–3 km) away: served where the level less the site's offset reaches the threshold. */
function generated(): SpeedTest[] {
  const rnd = seededRandom(1616);
  const out: SpeedTest[] = [];
  for (const site of sites) {
    const cell = resolveRadioCell(site, { technology: '4G', status: 'on_air' }, 'rural', radio);
    for (let k = 0; k < 400; k++) {
      const d = 300 + rnd() * (FARTHEST[site.id]! - 300);
      const b = rnd() * 2 * Math.PI;
      const lon = site.lon + (d * Math.sin(b)) / metresPerDegreeLon(LAT);
      const lat = site.lat + (d * Math.cos(b)) / metresPerDegreeLat(LAT);
      const p = pathProfile(cell, dem, lon, lat, radio);
      const served = p.received_dbm - OFFSET[site.id]! >= radio.technologies['4G'].threshold_dbm;
      out.push({
        id: `${site.id} ${k + 1}`,
        lon,
        lat,
        technology: '4G',
        operator: site.operator,
        downloadMbps: served ? GOOD : 0,
        uploadMbps: null,
        latencyMs: null,
        date: '2026-03-01',
        tests: 1,
      });
    }
  }
  return out;
}

const geometry = rect(107.85, 13.85, 108.35, 14.15);
const communes = [
  {
    id: 'C',
    name: 'Xã Thử',
    districtId: null,
    districtName: null,
    provinceId: 'P',
    provinceName: 'Tỉnh Thử',
    population: 50_000,
    setting: 'rural' as const,
    geometry,
    center: [108.1, 14] as [number, number],
  },
];
const inputs = {
  boundaries: 'communes.geojson',
  sites: 'sites.csv',
  population: null,
  postal: null,
  fiber: null,
  villages: null,
  speedtests: 'speedtests.csv',
  targets: [],
  config: null,
  synthetic: true,
};
const speedTests = generated();
const reportOf = (calibrate: boolean): CoverageReport =>
  buildReport(
    runAnalysis(
      { communes, sites, speedTests, dem },
      { radio, calibrate, terrain: { model: defaultTerrainModel(radio), cache: footprintCache() } },
    ),
    DEFAULT_CONFIG,
    inputs,
    new Date(Date.UTC(2026, 5, 30)),
  );
const calibrated = reportOf(true);
const plain = reportOf(false);

/** The calibration sheet of a workbook, as rows of cell values (the header first). */
async function calibrationSheet(bytes: Uint8Array, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  expect(ws, `sheet ${name}`).toBeDefined();
  const rows: unknown[][] = [];
  ws!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const fitOf = (r: CoverageReport, operator: string) =>
  r.offset_calibration!.fits.find((f) => f.operator === operator && f.technology === '4G')!;

describe('the calibration fits in the XLSX', () => {
  it('the fit itself: +6 dB within a step, +30 dB clipped to the scan', () => {
    expect(Math.abs(fitOf(calibrated, 'Viettel').offset_db - 6)).toBeLessThanOrEqual(0.5);
    expect(fitOf(calibrated, 'VNPT').offset_db).toBe(20);
    expect(calibrated.offset_calibration!.applied).toBe(true);
    expect(plain.offset_calibration!.applied).toBe(false);
  });

  it('Vietnamese: offsets and radii, applied or not, numbers as numbers, no English', async () => {
    const rows = await calibrationSheet(reportXlsx(calibrated, { lang: 'vi' }), 'Hiệu chỉnh theo đo');
    const [header, ...body] = rows;
    expect(header).toEqual([
      'Cách hiệu chỉnh',
      'Nhà mạng',
      'Công nghệ',
      'Số lần đo',
      'Giá trị mặc định',
      'Giá trị khớp',
      'Đơn vị',
      'Khớp với đo trước (%)',
      'Khớp với đo sau (%)',
      'Đã áp dụng',
      'Ghi chú',
    ]);
    const offsets = body.filter((r) => r[0] === 'Độ lệch suy hao (có DEM)');
    expect(offsets).toHaveLength(2);
    for (const operator of ['Viettel', 'VNPT']) {
      const f = fitOf(calibrated, operator);
      const row = offsets.find((r) => r[1] === operator)!;
      expect(row.slice(1, 10)).toEqual([
        operator,
        '4G',
        400,
        0,
        f.offset_db,
        'dB',
        f.agreement_before_pct,
        f.agreement_after_pct,
        'có',
      ]);
      expect(f.agreement_after_pct).toBeGreaterThanOrEqual(f.agreement_before_pct);
    }
    expect(offsets.find((r) => r[1] === 'VNPT')![10]).toContain('đầu mút dải quét ±20 dB');
    expect(offsets.find((r) => r[1] === 'Viettel')![10]).not.toContain('đầu mút');
    // The radii are fitted too, but with a DEM not applied.
    const radii = body.filter((r) => r[0] === 'Bán kính mặc định (nông thôn)');
    expect(radii.length).toBe(calibrated.calibration!.fits.length);
    for (const r of radii) expect(r[9]).toBe('không');
    const text = rows.flat().join(' ').toLowerCase();
    for (const w of ['offset', 'applied', 'yes', 'loss', 'radius', 'calibration', 'tests', 'scan'])
      expect(text).not.toMatch(new RegExp(`\\b${w}\\b`));
    // Not applied: said so.
    const unapplied = await calibrationSheet(reportXlsx(plain, { lang: 'vi' }), 'Hiệu chỉnh theo đo');
    expect(unapplied.filter((r) => r[0] === 'Độ lệch suy hao (có DEM)').map((r) => r[9])).toEqual([
      'không',
      'không',
    ]);
  });

  it('English', async () => {
    const rows = await calibrationSheet(reportXlsx(calibrated, { lang: 'en' }), 'Calibration');
    const vnpt = rows.find((r) => r[0] === 'Loss offset (with the DEM)' && r[1] === 'VNPT')!;
    expect(vnpt[9]).toBe('yes');
    expect(vnpt[10]).toContain('at the end of the ±20 dB scan');
  });

  it('the method sheet names the applied offsets', async () => {
    expect(calibrated.method.footprints!.vi).toMatch(
      /đã hiệu chỉnh theo đo thực tế: suy hao cộng thêm .*Viettel 4G \+\d,\d dB/,
    );
    expect(calibrated.method.footprints!.en).toMatch(
      /calibrated to the speed tests: loss offset .*Viettel 4G \+\d\.\d dB/,
    );
    expect(plain.method.footprints!.vi).not.toContain('hiệu chỉnh');
  });
});

describe.runIf(requireTool('pdftotext'))('the calibration fits in the PDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-calib-pdf-'));
  const require = createRequire(import.meta.url);
  const font = (f: string) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${f}`)));
  const fonts = { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
  const pdfText = async (r: CoverageReport, lang: 'vi' | 'en') => {
    const bytes = await reportPdf(r, { communes: new Map([['C', geometry]]), gaps: [] }, fonts, { lang });
    const file = join(dir, `report-${lang}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };
  const db = (v: number, vi: boolean) => `+${vi ? v.toFixed(1).replace('.', ',') : v.toFixed(1)} dB`;

  it('Vietnamese: the section, the offsets in dB, agreement, applied', async () => {
    const text = await pdfText(calibrated, 'vi');
    expect(text).toContain('Hiệu chỉnh mô hình theo đo thực tế');
    expect(text).toContain('Số liệu trong báo cáo này dùng giá trị đã hiệu chỉnh.');
    const line = text.split('\n').find((l) => l.includes('Độ lệch suy hao') && l.includes('Viettel'))!;
    expect(line).toBeDefined();
    const f = fitOf(calibrated, 'Viettel');
    expect(line).toContain(`0 dB → ${db(f.offset_db, true)}`);
    expect(line).toContain(`${f.agreement_after_pct.toFixed(1).replace('.', ',')}%`);
    expect(line).toMatch(/%\s+có\s/);
    // The note column wraps: its lines hold nothing else.
    expect(text.replace(/\s+/g, ' ')).toContain('đầu mút dải quét ±20 dB');
    expect(text).not.toMatch(/\b(offset|applied|calibration|agreement)\b/i);
  }, 60_000);

  it('English', async () => {
    const text = await pdfText(calibrated, 'en');
    expect(text).toContain('Model calibrated to the measurements');
    const line = text.split('\n').find((l) => l.includes('Loss offset') && l.includes('VNPT'))!;
    expect(line).toContain('0 dB → +20.0 dB');
  }, 60_000);
});
