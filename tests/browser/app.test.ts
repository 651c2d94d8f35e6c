/**
 * Browser tests of the built app (dist/), served by `vite preview` and driven in headless Chromium
 * with every request outside the app's origin blocked: load → analyse (in the worker) → look →
 * compare with the CLI → edit a scenario → import → reload.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorScale } from '../../src/app/map/color_scale.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import type { FullUnit } from '../../src/core/run_analysis.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import {
  answering,
  compareWithBaseline,
  type Hooked,
  hexToRgb,
  mapIdle,
  mapPixels,
  near,
  waitHash,
  waitReady,
  waitUpdates,
} from './page_tools.ts';

const SIDEBAR_RIGHT = 12 + 360 + 16;
const PANEL_LEFT = 1280 - 12 - 380 - 16;

interface SampleCommune {
  id: string;
  name: string;
  center: [number, number];
}

/** The bundled sample communes, read straight from the repository (the same file the app bundles). */
const sampleCommunes: SampleCommune[] = (
  JSON.parse(readFileSync(`${ROOT}data/sample/communes-pre2025.geojson`, 'utf8')) as {
    features: { properties: SampleCommune }[];
  }
).features.map((f) => f.properties);

const scale = indicatorScale('mobile_pop');
const vi = {
  pct: (v: number) =>
    `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`,
  int: (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(v),
  area: (v: number) =>
    `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} km²`,
  km: (v: number) =>
    `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)} km`,
};
const en = {
  pct: (v: number) =>
    `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`,
};

function popPct(unit: FullUnit, technology: string): number {
  const figure = unit.coverage.find((c) => c.technology === technology && c.operator === 'all');
  if (!figure) throw new Error(`${unit.id} has no ${technology}/all figure`);
  return figure.population_pct;
}

/**
 * Communes whose centre lies inside them on screen, clear of the side cards and of any site drawn
 * there, largest first, so a click or a pixel sample there is unambiguous. Found once the map has
 * drawn every change (a camera still moving, or sites of another technology still being re-tiled,
 * would put a click elsewhere).
 */
async function visibleCommunes(
  page: Page,
  count: number,
  xMax = PANEL_LEFT,
): Promise<(SampleCommune & { x: number; y: number })[]> {
  await mapIdle(page);
  const found = await page.evaluate(
    ({ candidates, xMin, xMax }) => {
      const map = (window as Hooked).__vungphu!.map!;
      const out: { id: string; x: number; y: number }[] = [];
      const siteLayers = ['sites-point', 'sites-cluster', 'sites-edited-point'];
      // The commune names drawn over the map from zoom 10 (issue 15) would hide the fill colour too.
      const canvas = map.getCanvas().getBoundingClientRect();
      const labels = [...document.querySelectorAll('.commune-label')].map((l) => l.getBoundingClientRect());
      const underLabel = (x: number, y: number) =>
        labels.some(
          (r) =>
            r.left - 6 < canvas.left + x &&
            canvas.left + x < r.right + 6 &&
            r.top - 6 < canvas.top + y &&
            canvas.top + y < r.bottom + 6,
        );
      for (const c of candidates) {
        const p = map.project(c.center);
        if (p.x < xMin || p.x > xMax || p.y < 20 || p.y > map.getCanvas().clientHeight - 40) continue;
        const hits = map.queryRenderedFeatures([
          [p.x - 7, p.y - 7],
          [p.x + 7, p.y + 7],
        ]);
        const communeHits = hits.filter((f) => f.layer.id === 'communes-fill');
        if (communeHits.length === 0 || communeHits.some((f) => String(f.id) !== c.id)) continue;
        if (hits.some((f) => siteLayers.includes(f.layer.id)) || underLabel(p.x, p.y)) continue;
        out.push({ id: c.id, x: p.x, y: p.y });
      }
      return out;
    },
    {
      candidates: sampleCommunes.map(({ id, center }) => ({ id, center })),
      xMin: SIDEBAR_RIGHT,
      xMax,
    },
  );
  return found
    .slice(0, count)
    .map((f) => ({ ...sampleCommunes.find((c) => c.id === f.id)!, x: f.x, y: f.y }));
}

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let report: CoverageReport;
const cliOut = mkdtempSync(join(tmpdir(), 'vungphu-cli-'));

beforeAll(async () => {
  // The CLI's report for the same bundled sample, computed first so that it does not compete with the
  // page for the CPU while the first render is timed.
  const cli = promisify(execFile)(
    process.execPath,
    [`${ROOT}bin/vungphu.mjs`, 'analyze', '--boundary-set', 'pre2025', '--out', cliOut],
    {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  [server, browser] = await Promise.all([startPreview(), launchChromium(), cli]);
  report = JSON.parse(readFileSync(join(cliOut, 'report.json'), 'utf8')) as CoverageReport;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(cliOut, { recursive: true, force: true });
});

const communeUnit = (id: string) => report.units.find((u) => u.level === 'commune' && u.id === id)!;

describe('the app on the bundled sample, offline', () => {
  let context: BrowserContext;
  let page: Page;
  let blocked: string[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ context, blocked } = await offlineContext(browser!, server!.origin));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    // No commune names (issue 15): these tests read the fill colour at the communes' inner points,
    // where the names would be drawn once zoomed in.
    await page.goto(`${server!.origin}/#set=pre2025&labels=0`);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('ships a Content-Security-Policy that allows only its own origin by default', async () => {
    const html = await (await fetch(`${server!.origin}/`)).text();
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self'/);
  });

  it('analyses in the worker and draws a coloured choropleth, without any outside request', async () => {
    const { error, renderMs, previewMs } = await waitReady(page);
    expect(error).toBeNull();
    const timings = await page.evaluate(() => {
      const h = (window as Hooked).__vungphu!;
      return { loadMs: h.loadMs, analysisMs: h.analysisMs };
    });
    console.info(
      `first render: mobile choropleth ${Math.round(previewMs ?? Number.NaN)} ms, full analysis drawn ` +
        `${Math.round(renderMs ?? Number.NaN)} ms after navigation (worker: load + parse ${Math.round(
          timings.loadMs ?? Number.NaN,
        )} ms, full analysis ${Math.round(timings.analysisMs ?? Number.NaN)} ms)`,
    );

    // The province sentences are the CLI's figures, formatted vi-VN.
    const summary = await page.locator('#summary').textContent();
    for (const province of report.units.filter((u) => u.level === 'province'))
      expect(summary).toContain(`${province.name}: 4G phủ sóng ${vi.pct(popPct(province, '4G'))} dân số`);
    expect(await page.locator('#banner').textContent()).toMatch(/MẪU TỔNG HỢP[\s\S]*MÔ HÌNH HOÁ/);
    // The classes' rows (the points' legends, operators and postal types, are lists of their own).
    await expect
      .poll(() => page.locator('#legend .legend-list:not(.legend-points) li').count())
      .toBe(scale.range().length + 1);

    // The district and province outlines (the bundled dissolved files) follow the first render.
    await page.waitForFunction(() => (window as Hooked).__vungphu?.outlines === 'pre2025');
    const outlines = await page.evaluate(() => {
      const source = (window as Hooked).__vungphu!.map!.getStyle().sources.outlines as unknown as {
        data: { features: { properties: { level: string } }[] };
      };
      return source.data.features.map((f) => f.properties.level);
    });
    expect(outlines.filter((l) => l === 'district')).toHaveLength(25);
    expect(outlines.filter((l) => l === 'province')).toHaveLength(2);

    // The canvas is not blank, and the palette classes the data calls for are on screen.
    await mapIdle(page);
    const pixels = await mapPixels(page);
    const background = hexToRgb('#eef0f2');
    const backgroundCount = pixels.histogram.find((h) => near(h.rgb, background, 1))?.count ?? 0;
    expect(1 - backgroundCount / pixels.total).toBeGreaterThan(0.15);
    const communes = report.units.filter((u) => u.level === 'commune');
    const expectedClasses = new Map<string, number>();
    for (const unit of communes) {
      const color = scale(popPct(unit, '4G'));
      expectedClasses.set(color, (expectedClasses.get(color) ?? 0) + 1);
    }
    const onScreen = [...expectedClasses.keys()].filter((color) =>
      pixels.histogram.some((h) => near(h.rgb, hexToRgb(color), 2) && h.count > 200),
    );
    expect(onScreen.length).toBeGreaterThanOrEqual(
      Math.min([...expectedClasses.values()].filter((n) => n >= 3).length, 3),
    );

    // The look of the choropleth: the map beside the sidebar (no panel open yet), without the attribution.
    const shot = await page.screenshot({
      clip: { x: SIDEBAR_RIGHT, y: 0, width: 1280 - SIDEBAR_RIGHT, height: 770 },
    });
    const { diffShare } = await compareWithBaseline(page, 'choropleth', shot);
    expect(diffShare).toBeLessThan(0.02);

    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('colours each commune by its own figure', async () => {
    const picks = await visibleCommunes(page, 8);
    expect(picks.length).toBeGreaterThanOrEqual(3);
    const pixels = await mapPixels(page, picks);
    picks.forEach((pick, i) => {
      expect(pixels.at[i], `${pick.name} (${pick.id})`).toSatisfy((rgb: number[]) =>
        near(rgb, hexToRgb(scale(popPct(communeUnit(pick.id), '4G'))), 2),
      );
    });
  });

  it('shows, for a clicked commune, the same figures as the CLI report.json', async () => {
    const [pick] = await visibleCommunes(page, 1);
    expect(pick).toBeDefined();
    const unit = communeUnit(pick!.id);
    await page.mouse.click(pick!.x, pick!.y);
    const panel = page.locator('#unit-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const field = (name: string) => panel.locator(`[data-field="${name}"]`).textContent();
    expect(await field('name')).toBe(unit.name);
    expect(await field('population')).toBe(vi.int(unit.population));
    expect(await field('area')).toBe(vi.area(unit.area_km2));
    for (const tech of ['4G', '5G', 'any'])
      expect(await field(`pop-${tech}`)).toBe(vi.pct(popPct(unit, tech)));
    const area4g = unit.coverage.find((c) => c.technology === '4G' && c.operator === 'all')!.area_pct;
    expect(await field('area-4G')).toBe(vi.pct(area4g));
    expect(unit.postal).not.toBeNull();
    expect(await field('postal-radius')).toBe(
      unit.postal!.avg_service_radius_km === null
        ? 'Không có điểm'
        : vi.km(unit.postal!.avg_service_radius_km),
    );
    expect(await field('postal-beyond')).toBe(vi.pct(unit.postal!.beyond_distance_population_pct));
    expect(await field('fiber-reach')).toBe(vi.pct(unit.fiber!.population_within_reach_pct));

    // Every target badge says what the CLI's evaluation says.
    const evaluations = report.targets.filter((t) => t.level === 'commune' && t.unit_id === unit.id);
    expect(evaluations.length).toBeGreaterThan(0);
    const badges = await panel
      .locator('.indicators [data-target]')
      .evaluateAll((els) =>
        els.map((e) => [(e as HTMLElement).dataset.target, (e as HTMLElement).dataset.status]),
      );
    expect(badges.length).toBeGreaterThan(0);
    for (const [target, status] of badges)
      expect(evaluations.find((e) => e.target_id === target)?.status, String(target)).toBe(status);
    const met = evaluations.filter((e) => e.status === 'met').length;
    const notMet = evaluations.filter((e) => e.status === 'not_met').length;
    expect(await field('target-summary')).toBe(
      `Chỉ tiêu: ${met} đạt, ${notMet} chưa đạt, ${evaluations.length - met - notMet} chưa đánh giá được`,
    );
    expect(await panel.locator('.chart').count()).toBe(2);
  });

  it('opens a commune from the table with the keyboard, and its panel looks as stored', async () => {
    const target = sampleCommunes.find((c) => c.name === 'Xã Ia Ka')!;
    await page.locator('#tabbtn-table').click();
    await page.locator('#table-search').fill('ia ka');
    // Tab from the search box to the commune's button in the table, then Enter.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text === target.name) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(target.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#unit-panel [data-field="name"]').textContent()).toBe(target.name);
    // The map flies to the commune: the shot is taken once it has arrived and drawn everything.
    await mapIdle(page);
    const { diffShare } = await compareWithBaseline(
      page,
      'panel',
      await page.locator('#unit-panel').screenshot(),
    );
    expect(diffShare).toBeLessThan(0.02);
    await page.locator('#tabbtn-map').click();
  });

  it('switches every label to English and numbers to English formatting, and back', async () => {
    await page.locator('.lang-switch button[data-lang="en"]').click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#tabbtn-map').textContent()).toBe('Map');
    expect(await page.locator('#tabbtn-scenario').textContent()).toBe('Scenario');
    expect(await page.locator('#banner').textContent()).toMatch(/SYNTHETIC SAMPLE[\s\S]*MODELLED/);
    const province = report.units.find((u) => u.level === 'province')!;
    expect(await page.locator('#summary').textContent()).toContain(
      `${province.name} province: 4G covers ${en.pct(popPct(province, '4G'))} of people`,
    );
    expect(await page.locator('#unit-panel').textContent()).toContain('Population');
    expect(await page.locator('#legend').textContent()).toContain('No data');
    await waitHash(page, ['lang=en']);
    await page.locator('.lang-switch button[data-lang="vi"]').click();
    expect(await page.locator('#tabbtn-map').textContent()).toBe('Bản đồ');
    expect(await page.locator('#unit-panel').textContent()).toContain('Dân số');
  });

  it('recolours the communes when another technology is chosen', async () => {
    await page.locator('#unit-panel .panel-close').click();
    await page.locator('#technology').selectOption('5G');
    await mapIdle(page);
    const picks = await visibleCommunes(page, 5, 1280 - 40);
    const pixels = await mapPixels(page, picks);
    picks.forEach((pick, i) => {
      expect(pixels.at[i], `${pick.name} (${pick.id})`).toSatisfy((rgb: number[]) =>
        near(rgb, hexToRgb(scale(popPct(communeUnit(pick.id), '5G'))), 2),
      );
    });
    expect(await page.locator('#summary').textContent()).toContain('5G phủ sóng');
    await page.locator('#technology').selectOption('4G');
  });

  it('keeps the view in the URL: a link reproduces the selection and the layers', async () => {
    const [pick] = await visibleCommunes(page, 1, 1280 - 40);
    await page.mouse.click(pick!.x, pick!.y);
    await page.locator('#layer-fiber').check();
    await page.locator('#indicator').selectOption('postal_radius');
    const url = await waitHash(page, ['ind=postal_radius', `sel=c%3A${pick!.id}`, 'layers=fiber.1']);
    const other = await context.newPage();
    await other.goto(url);
    await waitReady(other);
    expect(await other.locator('#unit-panel [data-field="name"]').textContent()).toBe(pick!.name);
    expect(await other.locator('#layer-fiber').isChecked()).toBe(true);
    expect(await other.locator('#indicator').inputValue()).toBe('postal_radius');
    await other.close();
    await page.locator('#layer-fiber').uncheck();
    await page.locator('#indicator').selectOption('mobile_pop');
  });

  it('draws the outlines of the boundary set on the map, and swaps them with the set', async () => {
    const other = await context.newPage();
    const levels = () =>
      other.evaluate(() => {
        const source = (window as Hooked).__vungphu!.map!.getStyle().sources.outlines as unknown as {
          data: { features: { properties: { level: string } }[] };
        };
        return source.data.features.map((f) => f.properties.level).sort();
      });
    const drawn = (set: string) =>
      other.waitForFunction((s) => (window as Hooked).__vungphu?.outlines === s, set, { timeout: 60_000 });
    await other.goto(`${server!.origin}/#set=2025`);
    await waitReady(other);
    await drawn('2025');
    // Gia Lai and Lâm Đồng, no districts.
    expect(await levels()).toEqual(['province', 'province']);
    await other.locator('#boundary-set').selectOption('pre2025');
    await drawn('pre2025');
    const now = await levels();
    expect(now.filter((l) => l === 'district')).toHaveLength(25);
    expect(now.filter((l) => l === 'province')).toHaveLength(2);
    await other.close();
  });

  it('hides the sites outside the boundary set, says how many, and shows them greyed on request', async () => {
    const other = await context.newPage();
    const drawnSites = () =>
      other.evaluate(() => {
        const source = (window as Hooked).__vungphu!.map!.getStyle().sources.sites as unknown as {
          data: { features: { properties: { outside?: boolean } }[] };
        };
        const features = source.data.features;
        return { all: features.length, outside: features.filter((f) => f.properties.outside).length };
      });
    await other.goto(`${server!.origin}/#set=pre2025`);
    expect((await waitReady(other)).error).toBeNull();
    // The sample's Bình Định and Lâm Đồng parts lie outside the pre-2025 communes.
    const status = await other.locator('#status').textContent();
    expect(status).toContain('2.516 trạm (mẫu tổng hợp)');
    expect(status).toContain('2.498 trạm nằm ngoài bộ ranh giới này');
    // The source line names the boundary set's own sources.
    const attribution = () => other.locator('.maplibregl-ctrl-attrib-inner').textContent();
    expect(await attribution()).toBe(
      'Ranh giới: censusVN2009 (WHO/VIETGIS), mã GSO · Dân số: TĐT 2019 · Hạ tầng: mẫu tổng hợp',
    );
    await expect.poll(drawnSites).toEqual({ all: 2516, outside: 0 });
    await other.locator('#show-outside').click();
    await waitHash(other, ['outside=1']);
    await expect.poll(drawnSites).toEqual({ all: 5014, outside: 2498 });
    // On the 2025 set every sample site and postal point lies inside a unit; only 9 trunk pieces of the
    // real roads (clipped 0.05° beyond the old provinces: QL24, QL14C, TL681) lie outside.
    await other.locator('#boundary-set').selectOption('2025');
    await waitReady(other, 2);
    expect(await other.locator('#status').textContent()).not.toContain('ngoài bộ ranh giới');
    await expect
      .poll(attribution)
      .toBe(
        'Ranh giới: vietnam-3d-map (bản đồ sắp xếp ĐVHC 2025), mã xã 2025 · Dân số: theo nguồn ranh giới 2025 · Hạ tầng: mẫu tổng hợp',
      );
    expect(await other.locator('label:has(#show-outside)').textContent()).toContain(
      '0 trạm, 0 điểm bưu chính, 9 tuyến cáp',
    );
    await other.close();
  });

  it('adding a 5G site raises the commune’s coverage, recomputed in the worker; undo and redo', async () => {
    const picks = await visibleCommunes(page, 40);
    // The commune with the least 5G: a new 5G site at its centre then covers people nobody's 5G covered
    // (one with some 5G may have its centre inside an existing 5G footprint, and gain nothing).
    const pick = picks
      .filter((p) => popPct(communeUnit(p.id), '5G') < 50)
      .sort((a, b) => popPct(communeUnit(a.id), '5G') - popPct(communeUnit(b.id), '5G'))[0];
    expect(pick, 'a visible commune with little 5G').toBeDefined();
    await page.mouse.click(pick!.x, pick!.y);
    const field = page.locator('#unit-panel [data-field="pop-5G"]');
    const before = vi.pct(popPct(communeUnit(pick!.id), '5G'));
    await expect.poll(() => field.textContent()).toBe(before);

    await page.locator('#tabbtn-scenario').click();
    await page.locator('#mode-add-site').click();
    await page.locator('#new-tech-5G').check();
    await page.locator('#new-operator').selectOption('VNPT');
    const updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.mouse.click(pick!.x, pick!.y);
    await waitUpdates(page, updates + 1);
    const parse = (s: string | null) =>
      Number((s ?? '').replace('%', '').replace(/\./g, '').replace(',', '.'));
    const after = parse(await field.textContent());
    expect(after).toBeGreaterThan(parse(before));
    expect(await page.locator('#change-list li').count()).toBe(1);
    const update = await page.evaluate(() => (window as Hooked).__vungphu!.lastUpdate!);
    console.info(
      `what-if update (add a 4G+5G site): ${Math.round(update.totalMs)} ms from the click to the panels ` +
        `updated, ${Math.round(update.workerMs)} ms in the worker, ${update.communes} communes recomputed`,
    );
    expect(update.communes).toBeLessThan(40);

    await page.keyboard.press('Escape');
    await page.locator('#undo').click();
    await waitUpdates(page, updates + 2);
    expect(await field.textContent()).toBe(before);
    await page.locator('#redo').click();
    await waitUpdates(page, updates + 3);
    expect(parse(await field.textContent())).toBe(after);
    await page.locator('#reset').click();
    await waitUpdates(page, updates + 4);
    expect(await field.textContent()).toBe(before);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('import and persistence', () => {
  it('shows the problems of a malformed file by row, keeps its valid rows, and keeps them after a reload', async () => {
    const { context, blocked } = await offlineContext(browser!, server!.origin);
    const page = await context.newPage();
    try {
      await page.goto(`${server!.origin}/#set=pre2025`);
      expect((await waitReady(page)).error).toBeNull();
      await page.locator('#tabbtn-data').click();
      const csv = [
        'id,lon,lat,technology,operator',
        'T1,108.00,13.98,4G,Viettel',
        'T2,abc,13.90,4G,VNPT',
        'T3,108.10,13.90,6G,VNPT',
        'T4,108.20,14.00,4G;5G,MobiFone',
        'T5,107.90,13.95,5G,Viettel',
      ].join('\n');
      await page.locator('#file-input').setInputFiles({
        name: 'tram-loi.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      const result = page.locator('.import-report[data-kind="sites"]');
      await expect.poll(() => answering(page, () => result.count()), { timeout: 60_000 }).toBe(1);
      expect(await result.getAttribute('data-kept')).toBe('3');
      expect(await result.getAttribute('data-rejected')).toBe('2');
      const text = await result.textContent();
      expect(text).toContain('Đọc 5 bản ghi: dùng 3, loại bỏ 2.');
      expect(text).toMatch(/Dòng 3, trường "lon"/);
      expect(text).toMatch(/Dòng 4, trường "technology": công nghệ không hợp lệ "6G"/);
      await waitReady(page, 2);
      const row = page.locator('#dataset-table tr[data-kind="sites"]');
      expect(await row.getAttribute('data-source')).toBe('imported');
      expect(await page.locator('#status').textContent()).toContain('3 trạm (tram-loi.csv)');

      // A file that is not JSON at all: a clear error, and the data in use stays.
      await page.locator('#file-input').setInputFiles({
        name: 'hong.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(
          '{ "type": "FeatureCollection", "features": [ { "type": "Feature", "geometry": {"type":"Point", "coordinates": [108,',
        ),
      });
      await expect.poll(() => page.locator('.import-failed').count()).toBe(1);
      expect(await page.locator('.import-failed').textContent()).toContain('Không dùng được tệp');
      expect(await page.locator('#status').textContent()).toContain('3 trạm (tram-loi.csv)');

      await page.reload();
      expect((await waitReady(page)).error).toBeNull();
      expect(await page.locator('#status').textContent()).toContain('3 trạm (tram-loi.csv)');
      await page.locator('#tabbtn-data').click();
      expect(await page.locator('#dataset-table tr[data-kind="sites"]').getAttribute('data-source')).toBe(
        'imported',
      );

      // Clearing asks first (issue 15): one click only asks; "Cancel" keeps everything.
      await page.locator('#clear-data').click();
      expect(await page.locator('#clear-data-confirm-box').isVisible()).toBe(true);
      await page.locator('#clear-data-cancel').click();
      expect(await page.locator('#clear-data-confirm-box').isVisible()).toBe(false);
      expect(await page.locator('#dataset-table tr[data-kind="sites"]').getAttribute('data-source')).toBe(
        'imported',
      );
      await page.locator('#clear-data').click();
      await page.locator('#clear-data-confirm').click();
      await waitReady(page, 2);
      const sites = page.locator('#dataset-table tr[data-kind="sites"]');
      await expect.poll(() => sites.getAttribute('data-source')).toBe('sample');
      expect(await sites.locator('td').nth(2).textContent()).toBe('5.014');
      await expect.poll(() => page.locator('#status').textContent()).toContain('Đã xoá dữ liệu đã nhập');
      expect(blocked).toEqual([]);

      // The online basemap is off by default; switched on, it asks OpenStreetMap for tiles.
      await page.locator('#tabbtn-settings').click();
      expect(await page.locator('#basemap-none').isChecked()).toBe(true);
      await page.locator('#basemap-osm').check();
      await expect
        .poll(() => blocked.some((u) => u.startsWith('https://tile.openstreetmap.org/')))
        .toBe(true);
      await waitHash(page, ['basemap=osm']);
      // Switched off again, it leaves the URL (the hash is written 150 ms later, hence the wait).
      await page.locator('#basemap-none').check();
      await waitHash(page, [], ['basemap']);
    } finally {
      await context.close();
    }
  });
});

describe('untrusted names', () => {
  it('are shown as text, never parsed as HTML', async () => {
    const { context, blocked } = await offlineContext(browser!, server!.origin);
    const page = await context.newPage();
    try {
      // Every commune's name becomes markup on its way to the worker: the panel must show it
      // literally, and nothing in it may run or load.
      const evil = (id: string) => `<img src=x onerror="window.__xss=1">${id}`;
      let served = 0;
      await context.route(/communes-pre2025[^/]*\.geojson$/, async (route) => {
        const response = await route.fetch();
        const fc = (await response.json()) as { features: { properties: { id: string; name: string } }[] };
        for (const f of fc.features) f.properties.name = evil(f.properties.id);
        served++;
        await route.fulfill({ response, json: fc });
      });
      await page.goto(`${server!.origin}/#set=pre2025`);
      const { error } = await waitReady(page);
      expect(error).toBeNull();
      expect(served).toBeGreaterThan(0);
      const [pick] = await visibleCommunes(page, 1);
      await page.mouse.click(pick!.x, pick!.y);
      const panel = page.locator('#unit-panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      expect(await panel.locator('[data-field="name"]').textContent()).toBe(evil(pick!.id));
      await page.locator('#tabbtn-table').click();
      expect(await page.locator('#commune-table').textContent()).toContain(evil(pick!.id));
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as Hooked).__xss)).toBeUndefined();
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
