import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { type ReportIndicator, reportIndicators } from '../../src/core/report/report_indicators.ts';
import type { FullUnit } from '../../src/core/run_analysis.ts';
import { formatNumber, indicatorHeader } from '../../src/io/export/report_labels.ts';
import { type OgrValue, ogrFeatures, ogrSummary, requireTool } from '../support/ogr.ts';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');

/**
 * English words that have no place in a Vietnamese output (method texts, units, yes/no cells, file
 * paths of the seeds), found as whole words; file names, ids and codes (with ".", "-", "_" or "/")
 * are left out, as are the operator names and technology codes.
 */
const ENGLISH = new Set(
  'union footprint footprints scanline people true false uniform points village villages covered operator operators rural urban seeds coverage area population unit cell cells counted default measured modelled line any and the of with per by none'.split(
    ' ',
  ),
);
function englishWords(text: string): string[] {
  const words = text
    .split(/\s+/)
    .filter((w) => !/[._\-/]/.test(w.replace(/[.,;:)]+$/, '')))
    .flatMap((w) => w.toLowerCase().match(/\p{L}+/gu) ?? []);
  return [...new Set(words.filter((w) => ENGLISH.has(w)))];
}
const HAS_OGR = requireTool('ogrinfo');
const HAS_POPPLER = requireTool('pdftotext');

/** Every exported file of `vungphu report` on the bundled sample, read back by an independent reader. */
describe('vungphu report on the bundled sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-report-'));
  const out = join(dir, 'out');
  let report: CoverageReport;
  let indicators: ReportIndicator[];
  let communes: FullUnit[];
  let stdout = '';

  beforeAll(() => {
    stdout = execFileSync(process.execPath, [BIN, 'report', '--boundary-set', 'pre2025', '--out', out], {
      cwd: dir,
      encoding: 'utf8',
    });
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    indicators = reportIndicators(report);
    communes = report.units.filter((u) => u.level === 'commune');
  }, 180_000);

  /** Every indicator of every commune equals report.json (tolerance: the format's stored precision). */
  const expectCommunesEqual = (
    features: Record<string, OgrValue>[],
    field: (i: ReportIndicator) => string,
    nameField: string,
    tolerance: number,
  ) => {
    expect(features).toHaveLength(communes.length);
    const byId = new Map(features.map((f) => [String(f.id), f]));
    let compared = 0;
    for (const u of communes) {
      const f = byId.get(u.id);
      expect(f, u.id).toBeDefined();
      expect(f![nameField]).toBe(u.name);
      for (const ind of indicators) {
        const want = ind.get(u);
        const got = f![field(ind)];
        if (want === null) {
          expect(got ?? null, `${u.id} ${ind.id}`).toBeNull();
          continue;
        }
        expect(typeof got, `${u.id} ${ind.id}`).toBe('number');
        expect(Math.abs((got as number) - want), `${u.id} ${ind.id}: ${got} vs ${want}`).toBeLessThanOrEqual(
          tolerance,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(communes.length * 80);
  };
  const longName = (i: ReportIndicator) => i.id.replace(/\./g, '_');

  it('prints the files written and writes every format', () => {
    for (const f of [
      'report.xlsx',
      'report.pdf',
      'report_communes.csv',
      'report_communes.geojson',
      'report_gaps.geojson',
      'report.gpkg',
      'report_shp.zip',
      'report.kml',
    ])
      expect(stdout).toContain(join(out, f));
  });

  it('XLSX (read by exceljs): sheets, frozen headers, widths, units, and numbers equal report.json', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'report.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Tổng hợp chỉ tiêu',
      'Huyện',
      'Xã',
      'Thôn lõm sóng',
      'Xã chưa có điểm BC',
      'Xã chưa có BĐVHX',
      'Bưu chính',
      'Cáp quang',
      'Xếp hạng xã',
      'Phương pháp và nguồn',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getColumn(1).width).toBeGreaterThan(0);
    }
    const table = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, unknown>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const v = row.values as unknown[];
        rows.push(Object.fromEntries(header.map((h, j) => [h, v[j + 1] ?? null])));
      });
      return { header, rows };
    };

    // Communes: every indicator, exactly.
    const c = table('Xã');
    expect(c.header).toContain('Dân số được phủ sóng 4G (%)');
    expect(c.header).toContain('Bán kính phục vụ bình quân (km)');
    expect(c.rows).toHaveLength(communes.length);
    c.rows.forEach((row, k) => {
      const u = communes[k]!;
      expect(row.Mã).toBe(u.id);
      expect(row.Xã).toBe(u.name);
      for (const ind of indicators)
        expect(row[indicatorHeader(ind, 'vi')], `${u.id} ${ind.id}`).toBe(ind.get(u));
    });

    // Province summary against every target.
    const s = table('Tổng hợp chỉ tiêu');
    const provTargets = report.targets.filter((t) => t.level === 'province');
    expect(s.rows).toHaveLength(provTargets.length);
    s.rows.forEach((row, k) => {
      const t = provTargets[k]!;
      expect(row['Mã chỉ tiêu']).toBe(t.target_id);
      expect(row['Giá trị hiện tại']).toBe(t.value);
      expect(row['Giá trị chỉ tiêu']).toBe(t.target_value);
      expect(row['Kết quả']).toBe(
        { met: 'Đạt', not_met: 'Chưa đạt', not_evaluable: 'Chưa đánh giá được' }[t.status],
      );
    });
    expect(s.rows.find((r) => r['Mã chỉ tiêu'] === 'GL-M1')!['Chỉ số']).toMatch(/5G/);
    // Issue 15: the technology a target is scored on is beside its status (DN-M8 reads as 5G), and the
    // source is the plan's title and line, not the seed file's name.
    const dnm8 = s.rows.find((r) => r['Mã chỉ tiêu'] === 'DN-M8-population')!;
    expect(dnm8['Công nghệ']).toBe('5G');
    expect(String(dnm8['Nguồn (văn bản, dòng)'])).toMatch(/^Kế hoạch triển khai Quy hoạch .*, dòng 319$/);
    expect(s.rows.every((r) => !String(r['Nguồn (văn bản, dòng)']).includes('seeds/'))).toBe(true);

    // Districts sheet: districts and province totals.
    const d = table('Huyện');
    const agg = report.units.filter((u) => u.level !== 'commune');
    expect(d.rows).toHaveLength(agg.length);
    const gl = d.rows.find((r) => r.Tên === 'Gia Lai')!;
    const glUnit = agg.find((u) => u.name === 'Gia Lai')!;
    expect(gl['Dân số (người)']).toBe(1_513_847);
    const pop4g = indicators.find((i) => i.id === 'mobile.4G.population_pct')!;
    expect(gl['Dân số được phủ sóng 4G (%)']).toBe(pop4g.get(glUnit));

    // Lists.
    const dz = table('Thôn lõm sóng');
    expect(dz.rows).toHaveLength(report.dead_zone_villages.length);
    expect(dz.rows.reduce((s2, r) => s2 + Number(r['Dân số (người)']), 0)).toBe(
      report.dead_zone_villages.reduce((s2, v) => s2 + v.population, 0),
    );
    expect(table('Xã chưa có điểm BC').rows.map((r) => r.Mã)).toEqual(
      report.communes_without_staffed_postal_point.map((x) => x.id),
    );
    const postal = table('Bưu chính');
    const gp = postal.rows.find((r) => r.Tên === 'Gia Lai')!;
    expect(gp['Bán kính phục vụ bình quân (km)']).toBe(glUnit.postal!.avg_service_radius_km);
    const fiber = table('Cáp quang');
    expect(fiber.rows.find((r) => r.Tên === 'Gia Lai')!['Dân số trong tầm cáp quang (%)']).toBe(
      glUnit.fiber!.population_within_reach_pct,
    );

    // Method and sources: counting rule, footprint defaults, synthetic flag.
    const m = new Map(table('Phương pháp và nguồn').rows.map((r) => [r.Mục, r['Giá trị']]));
    expect(m.get('Dữ liệu mẫu tổng hợp')).toBe('Có');
    expect(m.get('Quy tắc đếm điểm bưu chính (N)')).toBe('bưu cục, điểm bưu điện văn hoá xã, đại lý, ki ốt');
    expect(report.method.postal_counting_rule).toEqual([
      'post_office',
      'cultural_post_point',
      'agent',
      'kiosk',
    ]);
    expect(m.get('Bán kính mặc định 5G, nông thôn (m)')).toBe(report.method.footprint_radii_m['5G'].rural);
    expect(m.get('Bán kính mặc định 2G, nông thôn (m)')).toBe(12_000);

    // Ranking: best first.
    const r = table('Xếp hạng xã');
    expect(r.rows[0]!.Hạng).toBe(1);
    const values = r.rows.map((x) => x['Dân số được phủ sóng 4G (%)'] as number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('CSV: UTF-8 with a BOM, the same figures', () => {
    const text = readFileSync(join(out, 'report_communes.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(communes.length + 1);
    expect(lines[1]!.startsWith(`${communes[0]!.id},${communes[0]!.name},`)).toBe(true);
    expect(lines[1]!.split(',')[4]).toBe(String(communes[0]!.population));
  });

  describe.skipIf(!HAS_OGR)('GIS files (read by GDAL ogrinfo)', () => {
    it('GeoPackage: layers, geometry type, every indicator of every commune', () => {
      const gpkg = join(out, 'report.gpkg');
      const gaps = JSON.parse(readFileSync(join(out, 'gaps.geojson'), 'utf8'));
      expect(ogrSummary(gpkg)).toEqual([
        { layer: 'communes', geometry: 'Multi Polygon', count: communes.length },
        { layer: 'gaps', geometry: 'Multi Polygon', count: gaps.features.length },
        { layer: 'postal_beyond_3km', geometry: 'Multi Polygon', count: expect.any(Number) },
      ]);
      expectCommunesEqual(ogrFeatures(gpkg, 'communes'), longName, 'name', 1e-9);
      const g = ogrFeatures(gpkg, 'gaps');
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(g.map((f) => f.area_km2 as number))).toBeCloseTo(
        sum(gaps.features.map((f: { properties: { area_km2: number } }) => f.properties.area_km2)),
        6,
      );
    });

    it('Shapefile zip (/vsizip/): UTF-8 names, 10-character fields, 4 decimals', () => {
      const zip = `/vsizip/${join(out, 'report_shp.zip')}`;
      const s = ogrSummary(zip);
      expect(s.map((l) => l.layer).sort()).toEqual(['communes', 'gaps', 'postal_beyond_3km']);
      expect(s.find((l) => l.layer === 'communes')).toMatchObject({
        geometry: 'Polygon',
        count: communes.length,
      });
      expectCommunesEqual(ogrFeatures(zip, 'communes'), (i) => i.short, 'name', 5e-5);
    });

    it('KML (LIBKML driver): typed SchemaData on every commune', () => {
      const kml = join(out, 'report.kml');
      expect(ogrSummary(kml).map((l) => l.layer)).toEqual(['communes', 'gaps', 'postal_beyond_3km']);
      expectCommunesEqual(ogrFeatures(kml, 'communes'), longName, 'Name', 1e-9);
    });

    it('GeoJSON: communes with every indicator', () => {
      const gj = join(out, 'report_communes.geojson');
      expect(ogrSummary(gj)[0]).toMatchObject({ geometry: 'Multi Polygon', count: communes.length });
      expectCommunesEqual(ogrFeatures(gj, 'communes'), longName, 'name', 1e-9);
    });
  });

  it.skipIf(!HAS_POPPLER)(
    'PDF (pdftotext): Vietnamese names with diacritics and the province figures',
    () => {
      const pdf = join(out, 'report.pdf');
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Gia Lai');
      expect(text).toContain('Đắk Nông');
      expect(text).toContain('BÁO CÁO HẠ TẦNG VIỄN THÔNG VÀ BƯU CHÍNH');
      expect(text).toContain('Huyện KBang');
      expect(text).toContain('DỮ LIỆU MẪU TỔNG HỢP');
      const provinces = report.units.filter((u) => u.level === 'province');
      const pop4g = indicators.find((i) => i.id === 'mobile.4G.population_pct')!;
      for (const p of provinces) {
        expect(text).toContain(formatNumber(p.population, 0, 'vi'));
        expect(text).toContain(`${formatNumber(pop4g.get(p), 2, 'vi')}%`);
      }
      expect(text).toContain('1.513.847');
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const districts = report.units.filter((u) => u.level === 'district').length;
      expect(pages).toBeGreaterThan(districts + 4); // a page per district, plus cover, maps, targets, lists
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
      expect(fonts).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+\w+\s+yes/);
    },
  );

  it.skipIf(!HAS_POPPLER)(
    'no English in the Vietnamese PDF and the workbook’s method sheet (issue 15)',
    async () => {
      const pdf = execFileSync('pdftotext', [join(out, 'report.pdf'), '-'], { encoding: 'utf8' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(out, 'report.xlsx')) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Phương pháp và nguồn')!;
      const cells: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      expect(cells.length).toBeGreaterThan(40);
      const lastPage = pdf
        .split('\f')
        .filter((p) => p.trim())
        .at(-1)!;
      expect(lastPage).toContain('Phương pháp và nguồn số liệu');
      for (const [what, text] of [
        ['PDF', pdf],
        ['method sheet', cells.join('\n')],
      ] as const)
        expect(englishWords(text), what).toEqual([]);
      // The method reads in Vietnamese, and target sources as the plan's title and line.
      expect(lastPage).toContain('hợp các vùng phủ của trạm giao với đơn vị hành chính');
      expect(cells.join('\n')).not.toMatch(/seeds\/\d{3}_/);
      expect(cells.join('\n')).toContain(
        'Quyết định số 1004/QĐ-UBND ngày 21/8/2024 của UBND tỉnh Đắk Nông), dòng 90',
      );
      expect(cells.join('\n')).toContain('≤ 2.000 người (2030)');
    },
  );

  it.skipIf(!HAS_POPPLER)(
    'a province’s charts share one page: no page with one small chart alone (issue 15)',
    () => {
      const pages = execFileSync('pdftotext', [join(out, 'report.pdf'), '-'], { encoding: 'utf8' }).split(
        '\f',
      );
      for (const province of ['Gia Lai', 'Đắk Nông']) {
        const page = pages.find((p) => p.includes(`Biểu đồ — ${province}`))!;
        expect(page, province).toContain('Tỷ lệ dân số được phủ sóng theo công nghệ và nhà mạng (%)');
        expect(page, province).toContain('Tỷ lệ dân số được phủ sóng 4G và 5G theo huyện (%)');
        expect(page, province).toContain('Bán kính phục vụ bình quân của mạng bưu chính theo huyện (km)');
      }
    },
  );

  describe('comparison with a baseline (--from and --baseline)', () => {
    const out2 = join(dir, 'cmp');
    let base: CoverageReport;
    beforeAll(() => {
      base = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      const gl = base.units.find((u) => u.level === 'province' && u.name === 'Gia Lai')!;
      const c = gl.coverage.find((x) => x.technology === '4G' && x.operator === 'all')!;
      c.population_pct = 80;
      const t = base.targets.find((x) => x.target_id === 'GL-M3' && x.level === 'province')!;
      t.status = 'met';
      t.value = 100;
      base.generated_at = '2025-12-31T00:00:00.000Z';
      writeFileSync(join(dir, 'baseline.json'), JSON.stringify(base));
      execFileSync(
        process.execPath,
        [
          BIN,
          'report',
          '--from',
          out,
          '--baseline',
          join(dir, 'baseline.json'),
          '--format',
          'xlsx,pdf',
          '--out',
          out2,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
    }, 180_000);

    it('XLSX has before, after and difference per unit and indicator', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out2, 'report.xlsx'));
      const ws = wb.getWorksheet('So sánh kỳ trước')!;
      expect(ws).toBeDefined();
      const header = (ws.getRow(1).values as unknown[]).map(String);
      expect(header[6]).toBe('Trước (31/12/2025)');
      let found = false;
      const after = indicators
        .find((i) => i.id === 'mobile.4G.population_pct')!
        .get(report.units.find((u) => u.level === 'province' && u.name === 'Gia Lai')!)!;
      ws.eachRow((row) => {
        const v = row.values as unknown[];
        if (v[3] === 'Gia Lai' && v[4] === 'Dân số được phủ sóng 4G') {
          found = true;
          expect(v[6]).toBe(80);
          expect(v[7]).toBe(after);
          expect(v[8]).toBeCloseTo(after - 80, 6);
        }
      });
      expect(found).toBe(true);
      const tc = wb.getWorksheet('So sánh chỉ tiêu')!;
      let statusRow: unknown[] | undefined;
      tc.eachRow((row) => {
        const v = row.values as unknown[];
        if (v[3] === 'GL-M3' && v[1] === 'Tỉnh') statusRow = v;
      });
      expect(statusRow?.slice(4, 6)).toEqual(['Đạt', 'Chưa đạt']);
    });

    it.skipIf(!HAS_POPPLER)('PDF has the comparison section', () => {
      const text = execFileSync('pdftotext', [join(out2, 'report.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('So sánh với kỳ trước (31/12/2025');
      expect(text).toContain(
        `+${formatNumber(
          indicators
            .find((i) => i.id === 'mobile.4G.population_pct')!
            .get(report.units.find((u) => u.level === 'province' && u.name === 'Gia Lai')!)! - 80,
          2,
          'vi',
        )}`,
      );
    });
  });
});
