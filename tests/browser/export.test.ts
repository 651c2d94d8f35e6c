/**
 * Browser tests of the report tab (issue 5): every export is clicked in the built app and its download
 * read back with an independent reader — exceljs for the workbook (compared cell by cell with the
 * CLI's `vungphu report` on the same sample), pdftotext for the PDF, GDAL's ogrinfo for the GIS files
 * — the map PNG is decoded and measured, and a what-if site shows up in the comparison against the
 * loaded data with the right before, after and difference.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorScale } from '../../src/app/map/color_scale.ts';
import { rankCommunes } from '../../src/core/report/rank_communes.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { reportIndicators } from '../../src/core/report/report_indicators.ts';
import type { FullUnit } from '../../src/core/run_analysis.ts';
import { ogrFeatures, ogrSummary, requireTool } from '../support/ogr.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, hexToRgb, mapIdle, near, pngPixels, waitReady, waitUpdates } from './page_tools.ts';

const HAS_OGR = requireTool('ogrinfo');
const HAS_POPPLER = requireTool('pdftotext');
if (!HAS_OGR) console.warn('ogrinfo (gdal-bin) is missing: the GIS export checks are skipped');
if (!HAS_POPPLER) console.warn('pdftotext (poppler-utils) is missing: the PDF text checks are skipped');

const SIDEBAR_RIGHT = 12 + 360 + 16;
const dir = mkdtempSync(join(tmpdir(), 'vungphu-export-'));
const cliOut = join(dir, 'cli');
const downloads = join(dir, 'app');

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let blocked: string[] = [];
const pageErrors: string[] = [];
let cli: CoverageReport;
/** The what-if test's commune and its 5G figures (before: the loaded data, after: with the new site). */
let whatIf: { id: string; before: number; after: number } | null = null;
const nf = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
/** The text of a commune's 5G row in the comparison table. */
async function comparisonRow(id: string): Promise<string[]> {
  await page.locator('#compare-level').selectOption('commune');
  await page.locator('#compare-indicator').selectOption('mobile.5G.population_pct');
  const row = page.locator(`#compare-table tr[data-unit="commune:${id}"]`);
  await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
  return Promise.all(
    ['before', 'after', 'difference'].map(
      async (f) => (await row.locator(`[data-field="${f}"]`).textContent()) ?? '',
    ),
  );
}

beforeAll(async () => {
  // The CLI's report on the same bundled sample (pre-2025 communes, Vietnamese), before the page starts.
  await promisify(execFile)(
    process.execPath,
    [
      `${ROOT}bin/vungphu.mjs`,
      'report',
      '--boundary-set',
      'pre2025',
      '--format',
      'xlsx,csv,gpkg',
      '--out',
      cliOut,
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  cli = JSON.parse(readFileSync(join(cliOut, 'report.json'), 'utf8')) as CoverageReport;
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context, blocked } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.origin}/#set=pre2025&tab=report`);
  const state = await waitReady(page);
  expect(state.error).toBeNull();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Clicks an export button and saves the download; returns its path and suggested name. */
async function exportFile(format: string): Promise<{ path: string; name: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 110_000 }),
    page.locator(`#export-${format}`).click(),
  ]);
  const name = download.suggestedFilename();
  const path = join(downloads, name);
  await download.saveAs(path);
  return { path, name };
}

/** Every cell of every sheet as text, by sheet name. */
async function workbookCells(path: string): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, string[][]>();
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
      });
      rows.push(cells);
    });
    out.set(ws.name, rows);
  });
  return out;
}

const today = (() => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
})();
/** Deep equality with numbers equal to 1e-9 (relative). */
function expectClose(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    for (const [i, x] of a.entries()) expectClose(x, b[i], `${path}[${i}]`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a))
      expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}

const communesOf = (r: CoverageReport) => r.units.filter((u) => u.level === 'commune');
const popPct = (u: FullUnit, tech: string) =>
  u.coverage.find((c) => c.technology === tech && c.operator === 'all')?.population_pct ?? null;

describe('report tab exports, offline, equal to the CLI', () => {
  it('report.json: the same units and targets as the CLI’s', async () => {
    const { path, name } = await exportFile('json');
    expect(name).toBe(`vungphu-gia-lai-dak-nong-${today}-report.json`);
    const app = JSON.parse(readFileSync(path, 'utf8')) as CoverageReport;
    // Equal to floating-point noise: the app combines its mobile and postal halves (combineAnalyses),
    // which moves unrounded tier-standard radii by ~1e-10 km.
    expectClose(app.units, cli.units, 'units');
    expectClose(app.targets, cli.targets, 'targets');
    expect(communesOf(app)).toHaveLength(293);
  });

  it('XLSX: every sheet equals the CLI’s workbook cell by cell (dates and source paths aside)', async () => {
    const { path, name } = await exportFile('xlsx');
    expect(name).toBe(`vungphu-gia-lai-dak-nong-${today}.xlsx`);
    const [app, ref] = await Promise.all([workbookCells(path), workbookCells(join(cliOut, 'report.xlsx'))]);
    expect([...app.keys()]).toEqual([...ref.keys()]);
    let compared = 0;
    const differing: string[] = [];
    for (const [sheet, rows] of ref) {
      const mine = app.get(sheet)!;
      expect(mine.length, sheet).toBe(rows.length);
      for (const [r, cells] of rows.entries())
        for (const [c, want] of cells.entries()) {
          const got = mine[r]?.[c] ?? '';
          compared++;
          if (got !== want) differing.push(`${sheet}!R${r + 1}C${c + 1}: ${got} ≠ ${want}`);
        }
    }
    // Only the method sheet may differ: when the report was made and where the input files were.
    const unexpected = differing.filter((d) => !d.startsWith('Phương pháp và nguồn!'));
    expect(unexpected).toEqual([]);
    expect(differing.length).toBeLessThan(12);
    expect(compared).toBeGreaterThan(10_000);
    // The communes sheet's 4G figures are report.json's.
    const communes = app.get('Xã')!;
    const header = communes[0]!;
    const col = header.indexOf('Dân số được phủ sóng 4G (%)');
    expect(col).toBeGreaterThan(0);
    expect(header[0]).toBe('Mã');
    expect(communes.length).toBe(294);
    for (const row of communes.slice(1)) {
      const u = cli.units.find((x) => x.level === 'commune' && x.id === row[0])!;
      expect(Number(row[col])).toBe(popPct(u, '4G'));
    }
  });

  it('ranks by the map’s indicator: R̄ on the map gives the ranking of `--rank-by postal.avg_service_radius_km`', async () => {
    await page.locator('#tabbtn-map').click();
    await page.locator('#indicator').selectOption('postal_radius');
    await page.locator('#tabbtn-report').click();
    try {
      expect(await page.locator('#export-indicator').textContent()).toContain(
        await page.locator('#indicator option:checked').textContent(),
      );
      const sheets = await workbookCells((await exportFile('xlsx')).path);
      const ranking = sheets.get('Xếp hạng xã')!;
      // The ranking of the CLI's report.json by the same indicator, computed here (shortest R̄ first).
      const want = rankCommunes(cli, 'postal.avg_service_radius_km');
      expect(ranking.length).toBe(want.length + 1);
      expect(ranking.slice(1).map((r) => [r[0], r[1]])).toEqual(
        want.map((r) => [r.rank === null ? '' : String(r.rank), r.id]),
      );
      for (const [i, r] of want.entries())
        if (r.value !== null) expect(Number(ranking[i + 1]![5])).toBeCloseTo(r.value, 9);
      const ranked = want.filter((r) => r.value !== null);
      expect(ranked[0]!.value!).toBeLessThanOrEqual(ranked.at(-1)!.value!);
    } finally {
      // Back to the default (the files compared with the CLI's below rank by 4G population).
      await page.locator('#tabbtn-map').click();
      await page.locator('#indicator').selectOption('mobile_pop');
      await page.locator('#tabbtn-report').click();
    }
  });

  it('CSV (.zip): the CLI’s files, byte for byte, UTF-8 with BOM', async () => {
    const { path, name } = await exportFile('csv');
    expect(name).toBe(`vungphu-gia-lai-dak-nong-${today}-csv.zip`);
    const files = unzipSync(readFileSync(path));
    const cliFiles = readdirSync(cliOut).filter((f) => f.startsWith('report_') && f.endsWith('.csv'));
    expect(Object.keys(files).sort()).toEqual(cliFiles.sort());
    for (const f of cliFiles) {
      const bytes = files[f]!;
      expect([...bytes.slice(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
      if (f === 'report_method.csv') continue;
      expect(Buffer.from(bytes).equals(readFileSync(join(cliOut, f))), f).toBe(true);
    }
  });

  it.skipIf(!HAS_POPPLER)('PDF: A4 report in Vietnamese with diacritics (pdftotext)', async () => {
    const { path, name } = await exportFile('pdf');
    expect(name).toBe(`vungphu-gia-lai-dak-nong-${today}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Gia Lai');
    expect(text).toContain('Đắk Nông');
    expect(text).toContain('BÁO CÁO HẠ TẦNG VIỄN THÔNG VÀ BƯU CHÍNH');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841/);
  });

  describe.skipIf(!HAS_OGR)('GIS files (GDAL ogrinfo)', () => {
    const communeValue = (features: Record<string, unknown>[], id: string, field: string) =>
      features.find((f) => String(f.id) === id)?.[field];

    it('GeoPackage: the CLI’s layers and counts, figures equal to report.json', async () => {
      const { path } = await exportFile('gpkg');
      expect(ogrSummary(path)).toEqual(ogrSummary(join(cliOut, 'report.gpkg')));
      expect(ogrSummary(path)[0]).toMatchObject({ layer: 'communes', count: 293 });
      const features = ogrFeatures(path, 'communes');
      for (const u of communesOf(cli).slice(0, 20))
        expect(communeValue(features, u.id, 'mobile_4G_population_pct')).toBe(popPct(u, '4G'));
    });

    it('Shapefile zip, KML and GeoJSON zip: 293 communes with report.json’s figures', async () => {
      const shp = `/vsizip/${(await exportFile('shp')).path}`;
      const kml = (await exportFile('kml')).path;
      const gj = await exportFile('geojson');
      expect(gj.name).toBe(`vungphu-gia-lai-dak-nong-${today}-geojson.zip`);
      const geojson = `/vsizip/${gj.path}/report_communes.geojson`;
      const geojsonLayer = ogrSummary(geojson)[0]!.layer;
      const gpkgGaps = ogrSummary(join(cliOut, 'report.gpkg')).find((l) => l.layer === 'gaps')!.count;
      expect(ogrSummary(shp).find((l) => l.layer === 'communes')?.count).toBe(293);
      expect(ogrSummary(shp).find((l) => l.layer === 'gaps')?.count).toBe(gpkgGaps);
      expect(ogrSummary(kml).find((l) => l.layer === 'communes')?.count).toBe(293);
      expect(ogrSummary(geojson)[0]?.count).toBe(293);
      const short = reportIndicators(cli).find((i) => i.id === 'mobile.4G.population_pct')!.short;
      const [s, k, g] = [
        ogrFeatures(shp, 'communes'),
        ogrFeatures(kml, 'communes'),
        ogrFeatures(geojson, geojsonLayer),
      ];
      for (const u of communesOf(cli).slice(0, 20)) {
        const want = popPct(u, '4G');
        expect(communeValue(s, u.id, short)).toBeCloseTo(want!, 4);
        expect(communeValue(k, u.id, 'mobile_4G_population_pct')).toBe(want);
        expect(communeValue(g, u.id, 'mobile_4G_population_pct')).toBe(want);
      }
    });
  });

  it('map image: PNG at 3× the view with the legend colours, not blank', async () => {
    const { path, name } = await exportFile('png');
    expect(name).toBe(`vungphu-gia-lai-dak-nong-map-${today}.png`);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const view = await page.evaluate(() => {
      const c = (window as Hooked).__vungphu!.map!.getContainer();
      // Issue 15: the part of the map under the open sidebar (its right edge and 12 px margin) is left out.
      const side = document.getElementById('sidebar')!.getBoundingClientRect();
      return { w: c.clientWidth, h: c.clientHeight, covered: Math.round(side.right + 12) };
    });
    expect(view.covered).toBeGreaterThan(300);
    // The map right of the sidebar at 3×, after a white column for the legend no wider than the part left out.
    const column = width - (view.w - view.covered) * 3;
    expect(column).toBeGreaterThan(100 * 3);
    expect(column).toBeLessThanOrEqual(view.covered * 3);
    expect(height).toBe(view.h * 3 + 64 * 3);
    const legend = indicatorScale('mobile_pop').range();
    // The legend box, bottom left (the communes are drawn right of the sidebar, far from it); the title
    // band, dark text on white, across the top.
    const pixels = await pngPixels(page, png, [], {
      legend: { x: 0, y: height - 300 * 3, width: 380 * 3, height: 300 * 3 },
      title: { x: 0, y: 0, width, height: 64 * 3 },
    });
    const stats = {
      distinct: pixels.histogram.length,
      found: legend.filter((c) => pixels.regions.legend!.some((h) => near(h.rgb, hexToRgb(c), 0))).length,
      dark: pixels.regions
        .title!.filter((h) => h.rgb[0] + h.rgb[1] + h.rgb[2] < 200)
        .reduce((n, h) => n + h.count, 0),
    };
    expect(stats.distinct).toBeGreaterThan(50);
    expect(stats.dark).toBeGreaterThan(500);
    expect(stats.found).toBe(legend.length);
  });

  it('what-if: an added 5G site shows in the comparison with the right before, after and difference', async () => {
    await page.locator('#compare-baseline').selectOption('data');
    await expect.poll(() => page.locator('#compare-count').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.locator('#compare-empty').count()).toBe(1);

    // A commune with little 5G, visible right of the sidebar.
    const communes = communesOf(cli).filter((u) => (popPct(u, '5G') ?? 100) < 30);
    const centres = JSON.parse(readFileSync(`${ROOT}data/sample/communes-pre2025.geojson`, 'utf8')) as {
      features: { properties: { id: string; center: [number, number] } }[];
    };
    // Hit-tested once the map has drawn every change (the indicator was switched above).
    await mapIdle(page);
    const picks = await page.evaluate(
      (list) => {
        const map = (window as Hooked).__vungphu!.map!;
        return list.map(([id, lon, lat]) => {
          const p = map.project([lon, lat]);
          const hit = map.queryRenderedFeatures([p.x, p.y]).find((f) => f.layer.id.includes('commune'));
          return { id, x: p.x, y: p.y, hit: hit?.properties?.id as string | undefined };
        });
      },
      centres.features
        .filter((f) => communes.some((u) => u.id === f.properties.id))
        .map(
          (f) =>
            [f.properties.id, f.properties.center[0], f.properties.center[1]] as [string, number, number],
        ),
    );
    const pick = picks.find(
      (p) => p.hit === p.id && p.x > SIDEBAR_RIGHT + 40 && p.x < 850 && p.y > 60 && p.y < 740,
    );
    expect(pick, 'a visible commune with little 5G').toBeDefined();

    await page.locator('#tabbtn-scenario').click();
    await page.locator('#mode-add-site').click();
    await page.locator('#new-tech-5G').check();
    const updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.mouse.click(pick!.x, pick!.y);
    await waitUpdates(page, updates + 1);
    await page.keyboard.press('Escape');

    await page.locator('#tabbtn-report').click();
    const { path } = await exportFile('json');
    const after = JSON.parse(readFileSync(path, 'utf8')) as CoverageReport;
    const unitAfter = after.units.find((u) => u.level === 'commune' && u.id === pick!.id)!;
    const unitBefore = cli.units.find((u) => u.level === 'commune' && u.id === pick!.id)!;
    const before5G = popPct(unitBefore, '5G')!;
    const after5G = popPct(unitAfter, '5G')!;
    expect(after5G).toBeGreaterThan(before5G);

    whatIf = { id: pick!.id, before: before5G, after: after5G };
    const diff = Math.round((after5G - before5G) * 1e6) / 1e6;
    expect(await comparisonRow(pick!.id)).toEqual([
      `${nf.format(before5G)}%`,
      `${nf.format(after5G)}%`,
      `+${nf.format(diff)} điểm\u00a0%`,
    ]);
    // Changed rows only: every row shown changed; the picked commune is among them.
    const shown = await page.locator('#compare-table tbody tr').count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.locator('#compare-table tbody tr:not(.changed)').count()).toBe(0);

    // The same comparison goes into the workbook…
    const xlsx = await workbookCells((await exportFile('xlsx')).path);
    const sheet = xlsx.get('So sánh kỳ trước');
    expect(sheet, 'comparison sheet').toBeDefined();
    const label = reportIndicators(cli).find((i) => i.id === 'mobile.5G.population_pct')!.vi;
    const line = sheet!.find((r) => r[1] === pick!.id && r[3] === label);
    expect(line, 'comparison row of the commune').toBeDefined();
    expect(Number(line![5])).toBe(before5G);
    expect(Number(line![6])).toBe(after5G);
    expect(Number(line![7])).toBeCloseTo(diff, 6);
    // … and into the PDF.
    if (HAS_POPPLER) {
      const text = execFileSync('pdftotext', [(await exportFile('pdf')).path, '-'], { encoding: 'utf8' });
      expect(text).toContain('So sánh');
      expect(text).toContain(unitAfter.name);
    }
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it.skipIf(!HAS_OGR)(
    'infrastructure of the scenario: the CLI’s layers plus the what-if site (source what-if); sites and cells CSV',
    async () => {
      expect(whatIf, 'the what-if test ran').not.toBeNull();
      const { path, name } = await exportFile('infra-gpkg');
      expect(name).toBe(`vungphu-gia-lai-dak-nong-${today}-infrastructure.gpkg`);
      // `vungphu report` ran `analyze`, which wrote the loaded data's infrastructure.gpkg.
      const cliLayers = ogrSummary(join(cliOut, 'infrastructure.gpkg'));
      const whatIfSites = ogrFeatures(path, 'sites').filter((f) => f.source !== 'input');
      // The new-site form's technologies (5G checked by the what-if test, beside the default ones).
      expect(whatIfSites.map((f) => [f.source, String(f.technologies).split(',').includes('5G')])).toEqual([
        ['what-if', true],
      ]);
      const newCells = Number(whatIfSites[0]!.cell_count);
      expect(newCells).toBe(String(whatIfSites[0]!.technologies).split(',').length);
      const added = (l: string) => (l === 'sites' ? 1 : l === 'cells' ? newCells : 0);
      expect(ogrSummary(path)).toEqual(cliLayers.map((l) => ({ ...l, count: l.count + added(l.layer) })));
      const csv = readFileSync((await exportFile('sites-csv')).path, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const cells = cliLayers.find((l) => l.layer === 'cells')!.count + newCells;
      expect(csv.trim().split('\r\n')).toHaveLength(1 + cells);
      const shp = `/vsizip/${(await exportFile('infra-shp')).path}`;
      expect(ogrSummary(shp).find((l) => l.layer === 'sites')?.count).toBe(cliLayers[0]!.count + 1);
      const kml = (await exportFile('infra-kml')).path;
      expect(ogrSummary(kml).map((l) => l.layer)).toEqual(cliLayers.map((l) => l.layer));
    },
  );

  it('baselines: an imported report.json (the CLI’s) and a saved scenario', async () => {
    expect(whatIf, 'the what-if test ran').not.toBeNull();
    const { id, before, after } = whatIf!;
    const diff = Math.round((after - before) * 1e6) / 1e6;
    // A JSON file that is not a report: a clear message, as text, and no baseline.
    await page.locator('#compare-file').setInputFiles(`${ROOT}data/targets/gialai.json`);
    await expect
      .poll(() => page.locator('#export-status.error').textContent())
      .toMatch(/^Không so sánh được: gialai\.json: không phải tệp report\.json của Vùng Phủ/);
    expect(await page.locator('#compare-baseline').inputValue()).toBe('none');
    // Last period's report, e.g. the CLI's report.json: the same figures as the loaded data.
    await page.locator('#compare-file').setInputFiles(join(cliOut, 'report.json'));
    await expect.poll(() => page.locator('#compare-baseline').inputValue()).toBe('report');
    expect(await comparisonRow(id)).toEqual([
      `${nf.format(before)}%`,
      `${nf.format(after)}%`,
      `+${nf.format(diff)} điểm\u00a0%`,
    ]);

    // Save the what-if as a scenario, then undo it: the comparison runs the other way.
    await page.locator('#tabbtn-scenario').click();
    await page.locator('#scenario-name').fill('KB 5G');
    await page.locator('#scenario-save').click();
    await expect.poll(() => page.locator('.saved-list li').count()).toBe(1);
    await page.locator('#tabbtn-report').click();
    await page.locator('#compare-baseline').selectOption('scenario:KB 5G');
    await expect.poll(() => page.locator('#compare-empty').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('#tabbtn-scenario').click();
    const updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.locator('#reset').click();
    await waitUpdates(page, updates + 1);
    await page.locator('#tabbtn-report').click();
    expect(await comparisonRow(id)).toEqual([
      `${nf.format(after)}%`,
      `${nf.format(before)}%`,
      `−${nf.format(diff)} điểm\u00a0%`,
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('English files and tab', async () => {
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect.poll(() => page.locator('#tabbtn-report').textContent()).toBe('Report');
    await page.locator('#export-lang').selectOption('en');
    const xlsx = await workbookCells((await exportFile('xlsx')).path);
    expect([...xlsx.keys()]).toContain('Communes');
    expect([...xlsx.keys()]).toContain('Comparison');
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('a baseline made on the other boundary set (issue 14)', () => {
  it('is converted through the crosswalk, never matched by code, and the panel says so', async () => {
    const { context: other } = await offlineContext(browser!, server!.origin);
    const p = await other.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    // The 2025 set (the default), compared with the CLI's pre-2025 report.json.
    await p.goto(`${server!.origin}/#set=2025&tab=report&lang=vi`);
    expect((await waitReady(p)).error).toBeNull();
    await p.locator('#compare-file').setInputFiles(join(cliOut, 'report.json'));
    await expect
      .poll(() => p.locator('#compare-converted').textContent(), { timeout: 60_000 })
      .toMatch(
        /đã được quy đổi sang địa giới hiện tại qua bảng chuyển đổi: 105 xã\/phường có số liệu quy đổi/,
      );
    await p.locator('#compare-level').selectOption('commune');
    await p.locator('#compare-indicator').selectOption('population');
    // Xã Al Bá kept its code but absorbed two communes: its "before" is the area-weighted old
    // population (about 17,545), not its own old 6,019.
    const row = p.locator('#compare-table tr[data-unit="commune:23954"]');
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
    const before = Number((await row.locator('[data-field="before"]').textContent())?.replace(/\D/g, ''));
    expect(cli.units.find((u) => u.id === '23954')?.population).toBe(6019);
    expect(before).toBeGreaterThan(17_000);
    expect(before).toBeLessThan(18_000);
    expect(errors).toEqual([]);
    await other.close();
  });
});
