/**
 * Browser tests of the built app (dist/), served by `vite preview` and driven in headless Chromium
 * with every request outside the app's origin blocked: import → analyse (in the worker) → look.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageScale } from '../../src/app/color_scale.ts';
import type { VungPhuHook } from '../../src/app/test_hook.ts';
import type { UnitResult } from '../../src/core/types.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';

const SCREENSHOT = `${ROOT}tests/browser/__screenshots__/app.actual.png`;
const SIDEBAR_RIGHT = 12 + 330 + 16;
const PANEL_LEFT = 1280 - 12 - 290 - 16;

type Hooked = Window & { __vungphu?: VungPhuHook; __xss?: unknown };

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

const scale = coverageScale();
const viNumber = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function near(a: readonly number[], b: readonly number[], tolerance = 6): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] ?? -999)) <= tolerance);
}

function popPct(unit: UnitResult, technology: string): number {
  const figure = unit.coverage.find((c) => c.technology === technology && c.operator === 'all');
  if (!figure) throw new Error(`${unit.id} has no ${technology}/all figure`);
  return figure.population_pct;
}

/** Waits until the app says it has drawn the choropleth (or failed), and returns the hook's state. */
async function waitReady(page: Page): Promise<{ error: string | null; renderMs: number | null }> {
  await page.waitForFunction(
    () => {
      const hook = (window as Hooked).__vungphu;
      return hook !== undefined && (hook.ready || hook.error !== null);
    },
    undefined,
    { timeout: 100_000 },
  );
  return page.evaluate(() => {
    const hook = (window as Hooked).__vungphu!;
    return { error: hook.error, renderMs: hook.renderMs };
  });
}

/** Waits for the map's next 'idle' (all changes drawn). */
async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as Hooked).__vungphu!.map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

interface PixelSummary {
  total: number;
  /** Exact RGB colours with their pixel counts, most frequent first. */
  histogram: { rgb: [number, number, number]; count: number }[];
  /** The most frequent colour in a 9×9 block around each requested point. */
  at: [number, number, number][];
}

/**
 * Screenshots the map canvas (what is actually on screen) and decodes it in the page, since no PNG
 * decoder is installed: a colour histogram plus the dominant colour around some points.
 */
async function mapPixels(page: Page, points: { x: number; y: number }[] = []): Promise<PixelSummary> {
  const png = await page.locator('canvas.maplibregl-canvas').screenshot();
  return page.evaluate(
    async ({ base64, points }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(image, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const key = (i: number) => ((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!) >>> 0;
      const unpack = (k: number): [number, number, number] => [(k >> 16) & 255, (k >> 8) & 255, k & 255];
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
      const histogram = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 200)
        .map(([k, count]) => ({ rgb: unpack(k), count }));
      const at = points.map(({ x, y }) => {
        const block = new Map<number, number>();
        for (let dy = -4; dy <= 4; dy++) {
          for (let dx = -4; dx <= 4; dx++) {
            const px = Math.round(x) + dx;
            const py = Math.round(y) + dy;
            if (px < 0 || py < 0 || px >= width || py >= height) continue;
            const k = key((py * width + px) * 4);
            block.set(k, (block.get(k) ?? 0) + 1);
          }
        }
        const [best] = [...block.entries()].sort((a, b) => b[1] - a[1]);
        return unpack(best?.[0] ?? 0);
      });
      return { total: width * height, histogram, at };
    },
    { base64: png.toString('base64'), points },
  );
}

/**
 * Picks communes whose centre lies inside them on screen, clear of the side cards, largest first,
 * so a click or a pixel sample there is unambiguous.
 */
async function visibleCommunes(
  page: Page,
  count: number,
): Promise<(SampleCommune & { x: number; y: number })[]> {
  const found = await page.evaluate(
    ({ candidates, xMin, xMax }) => {
      const map = (window as Hooked).__vungphu!.map!;
      const out: { id: string; x: number; y: number }[] = [];
      for (const c of candidates) {
        const p = map.project(c.center);
        if (p.x < xMin || p.x > xMax || p.y < 20 || p.y > map.getCanvas().clientHeight - 40) continue;
        const hits = map.queryRenderedFeatures([
          [p.x - 6, p.y - 6],
          [p.x + 6, p.y + 6],
        ]);
        const communeHits = hits.filter((f) => f.layer.id === 'communes-fill');
        // The whole 12×12 box must lie in this one commune, and no site may be drawn there.
        if (communeHits.length === 0 || communeHits.some((f) => String(f.id) !== c.id)) continue;
        if (hits.some((f) => f.layer.id === 'sites-circle')) continue;
        out.push({ id: c.id, x: p.x, y: p.y });
      }
      return out;
    },
    {
      candidates: sampleCommunes.map(({ id, center }) => ({ id, center })),
      xMin: SIDEBAR_RIGHT,
      xMax: PANEL_LEFT,
    },
  );
  return found
    .slice(0, count)
    .map((f) => ({ ...sampleCommunes.find((c) => c.id === f.id)!, x: f.x, y: f.y }));
}

let server: PreviewServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await startPreview();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the app, offline', () => {
  let context: BrowserContext;
  let page: Page;
  let blocked: string[];
  const pageErrors: string[] = [];
  let communes: UnitResult[] = [];

  beforeAll(async () => {
    ({ context, blocked } = await offlineContext(browser!, server!.origin));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${server!.origin}/`);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('ships a Content-Security-Policy that allows only its own origin', async () => {
    const html = await (await fetch(`${server!.origin}/`)).text();
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
  });

  it('analyses in the worker and draws a coloured choropleth, without any outside request', async () => {
    const { error, renderMs } = await waitReady(page);
    expect(error).toBeNull();
    const analysisMs = await page.evaluate(() => (window as Hooked).__vungphu!.analysisMs);
    console.info(
      `first coloured render ${Math.round(renderMs ?? Number.NaN)} ms after navigation ` +
        `(worker fetch + parse + analysis ${Math.round(analysisMs ?? Number.NaN)} ms)`,
    );

    const result = await page.evaluate(() => (window as Hooked).__vungphu!.result!);
    communes = result.units.filter((u) => u.level === 'commune');
    expect(communes).toHaveLength(sampleCommunes.length);

    // The province sentence is the worker's figure, formatted vi-VN.
    const provinces = result.units.filter((u) => u.level === 'province');
    expect(provinces.length).toBeGreaterThan(0);
    const summary = await page.locator('#summary').textContent();
    for (const province of provinces) {
      expect(summary).toContain(
        `${province.name}: 4G phủ sóng ${viNumber.format(popPct(province, '4G'))}% dân số`,
      );
    }
    await expect.poll(() => page.locator('#legend li').count()).toBe(scale.range().length + 2);
    expect(await page.locator('.banner').textContent()).toMatch(/MẪU TỔNG HỢP[\s\S]*MÔ HÌNH HOÁ/);

    await page.screenshot({ path: SCREENSHOT });
    const pixels = await mapPixels(page);
    const background = hexToRgb('#eef0f2');
    const backgroundCount = pixels.histogram.find((h) => near(h.rgb, background, 1))?.count ?? 0;
    expect(1 - backgroundCount / pixels.total).toBeGreaterThan(0.25);

    // The palette colours the data calls for are on screen (each class with ≥ 3 communes).
    const expectedClasses = new Map<string, number>();
    for (const unit of communes) {
      const color = scale(popPct(unit, '4G'));
      expectedClasses.set(color, (expectedClasses.get(color) ?? 0) + 1);
    }
    const onScreen = [...expectedClasses.entries()].filter(([color]) =>
      pixels.histogram.some((h) => near(h.rgb, hexToRgb(color), 2) && h.count > 200),
    );
    const common = [...expectedClasses.values()].filter((n) => n >= 3).length;
    expect(onScreen.length).toBeGreaterThanOrEqual(Math.min(common, 3));
    expect(expectedClasses.size).toBeGreaterThanOrEqual(2);

    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('colours each commune by its own result', async () => {
    const picks = await visibleCommunes(page, 8);
    expect(picks.length).toBeGreaterThanOrEqual(3);
    const pixels = await mapPixels(page, picks);
    picks.forEach((pick, i) => {
      const unit = communes.find((u) => u.id === pick.id)!;
      expect(pixels.at[i], `${pick.name} (${pick.id})`).toSatisfy((rgb: number[]) =>
        near(rgb, hexToRgb(scale(popPct(unit, '4G'))), 2),
      );
    });
  });

  it('shows a commune panel with the worker figures, formatted vi-VN, when a commune is clicked', async () => {
    const [pick] = await visibleCommunes(page, 1);
    expect(pick).toBeDefined();
    const unit = communes.find((u) => u.id === pick!.id)!;
    await page.mouse.click(pick!.x, pick!.y);
    const panel = page.locator('#commune-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator('[data-field="name"]').textContent()).toBe(unit.name);
    expect(await panel.locator('[data-field="pct-4G"]').textContent()).toBe(
      `${viNumber.format(popPct(unit, '4G'))}%`,
    );
    expect(await panel.locator('[data-field="pct-5G"]').textContent()).toBe(
      `${viNumber.format(popPct(unit, '5G'))}%`,
    );
    expect(await panel.locator('[data-field="pct-any"]').textContent()).toBe(
      `${viNumber.format(popPct(unit, 'any'))}%`,
    );
    expect(await panel.locator('[data-field="population"]').textContent()).toBe(
      new Intl.NumberFormat('vi-VN').format(unit.population),
    );
    expect(await panel.locator('[data-field="area"]').textContent()).toBe(
      `${viNumber.format(unit.area_km2)} km²`,
    );
    await page.screenshot({ path: SCREENSHOT });
    await panel.locator('.panel-close').click();
    await expect.poll(() => panel.isVisible()).toBe(false);
  });

  it('recolours the communes when another indicator is chosen', async () => {
    await page.locator('#indicator').selectOption('5g-pop');
    await mapIdle(page);
    const picks = await visibleCommunes(page, 5);
    const pixels = await mapPixels(page, picks);
    picks.forEach((pick, i) => {
      const unit = communes.find((u) => u.id === pick.id)!;
      expect(pixels.at[i], `${pick.name} (${pick.id})`).toSatisfy((rgb: number[]) =>
        near(rgb, hexToRgb(scale(popPct(unit, '5G'))), 2),
      );
    });
    expect(await page.locator('#summary').textContent()).toContain('5G phủ sóng');
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
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
      await page.goto(`${server!.origin}/`);
      const { error } = await waitReady(page);
      expect(error).toBeNull();
      expect(served).toBeGreaterThan(0);
      const [pick] = await visibleCommunes(page, 1);
      await page.mouse.click(pick!.x, pick!.y);
      const panel = page.locator('#commune-panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      expect(await panel.locator('[data-field="name"]').textContent()).toBe(evil(pick!.id));
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as Hooked).__xss)).toBeUndefined();
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
