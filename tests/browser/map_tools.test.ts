/**
 * Browser tests of issue 15's map essentials, offline (every request outside the app's origin is
 * blocked): find a place, commune names (tooltip and labels), the quiet basemap from the bundled data
 * with its toggles, zoom buttons and scale bar, the notice when the online basemap cannot load, the
 * collapsible sidebar, and the difference map.
 *
 * Expected places come from the bundled files themselves (data/sample/communes-pre2025.geojson,
 * data/synthetic/sites.synthetic.geojson), never from the code under test.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import {
  type Hooked,
  hexToRgb,
  mapIdle,
  mapPixels,
  near,
  waitHash,
  waitReady,
  waitUpdates,
} from './page_tools.ts';

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let blocked: string[];
let page: Page;

const communes = JSON.parse(
  readFileSync(`${ROOT}data/sample/communes-pre2025.geojson`, 'utf8'),
) as FeatureCollection;
const communeNamed = (name: string): Feature =>
  communes.features.find((f) => f.properties?.name === name) as Feature;
const sites = JSON.parse(
  readFileSync(`${ROOT}data/synthetic/sites.synthetic.geojson`, 'utf8'),
) as FeatureCollection;

/** The map's centre and zoom. */
const camera = () =>
  page.evaluate(() => {
    const map = (window as Hooked).__vungphu!.map!;
    return { lon: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() };
  });

/** Waits until the map has stopped moving (a flight is over) and drawn. */
async function settled(): Promise<void> {
  await page.waitForFunction(() => !(window as Hooked).__vungphu!.map!.isMoving());
  await mapIdle(page);
}

beforeAll(async () => {
  server = await startPreview();
  browser = await launchChromium();
  ({ context, blocked } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.goto(`${server.origin}/#lang=en&set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('find a place', () => {
  it('a commune typed without diacritics: the list offers it, Enter flies there and selects it', async () => {
    const kring = communeNamed('Phường Ia Kring');
    const [lon, lat] = kring.properties!.center as [number, number];
    await page.locator('#find-place').fill('ia kring');
    const first = page.locator('#find-results [role="option"]').first();
    await expect.poll(() => first.textContent()).toContain('Phường Ia Kring');
    expect(await page.locator('#find-place').getAttribute('aria-expanded')).toBe('true');
    await page.locator('#find-place').press('Enter');
    await expect.poll(() => page.locator('#unit-panel h2').textContent()).toContain('Ia Kring');
    await settled();
    const cam = await camera();
    // The commune is about 6 km across: the map is fitted to it (zoomed in, its centre near the view's).
    expect(cam.zoom).toBeGreaterThan(11);
    expect(Math.abs(cam.lon - lon)).toBeLessThan(0.1);
    expect(Math.abs(cam.lat - lat)).toBeLessThan(0.1);
    expect(await page.locator('#find-results').isHidden()).toBe(true);
  });

  it('the arrow keys move through the list: a district, then Enter selects it', async () => {
    await page.locator('#find-place').fill('DAK MIL');
    await expect.poll(() => page.locator('#find-results [role="option"]').count()).toBeGreaterThan(1);
    const options = await page.locator('#find-results [role="option"]').allTextContents();
    // "Huyện Đắk Mil" first (an exact name, the larger unit), then its communes' names with "Đắk Mil".
    expect(options[0]).toContain('Huyện Đắk Mil');
    expect(await page.locator('#find-option-0').getAttribute('aria-selected')).toBe('true');
    await page.locator('#find-place').press('ArrowDown');
    expect(await page.locator('#find-option-1').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#find-place').getAttribute('aria-activedescendant')).toBe('find-option-1');
    await page.locator('#find-place').press('ArrowUp');
    await page.locator('#find-place').press('Enter');
    await expect.poll(() => page.locator('#unit-panel h2').textContent()).toContain('Đắk Mil');
    await waitHash(page, ['sel=d%3A']);
  });

  it('a site code: flies to the site and picks it', async () => {
    const site = sites.features.find((f) => f.properties?.id === 'MF-000001')!;
    const [lon, lat] = (site.geometry as GeoJSON.Point).coordinates as [number, number];
    await page.locator('#find-place').fill('mf-000001');
    await expect.poll(() => page.locator('#find-option-0').textContent()).toContain('MF-000001');
    await page.locator('#find-option-0').click();
    await settled();
    const cam = await camera();
    expect(cam.zoom).toBeGreaterThanOrEqual(12.9);
    expect(Math.abs(cam.lon - lon)).toBeLessThan(0.05);
    expect(Math.abs(cam.lat - lat)).toBeLessThan(0.05);
    await page.waitForSelector('.inspector[data-picked="MF-000001"]', { state: 'attached' });
  });

  it('says so when nothing matches', async () => {
    await page.locator('#find-place').fill('hà nội');
    await expect.poll(() => page.locator('#find-results .find-empty').textContent()).toContain('hà nội');
    await page.locator('#find-place').press('Escape');
    expect(await page.locator('#find-results').isHidden()).toBe(true);
    await page.locator('#find-place').press('Escape');
    expect(await page.locator('#find-place').inputValue()).toBe('');
  });
});

describe('commune names and the quiet basemap', () => {
  it('labels the communes in view from zoom 10 on, none below', async () => {
    await page.keyboard.press('Escape');
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.98], zoom: 10.5 }),
    );
    await settled();
    await expect.poll(() => page.locator('.commune-label').count()).toBeGreaterThan(5);
    const names = await page.locator('.commune-label').allTextContents();
    expect(names).toContain('Phường Ia Kring');
    expect(names.length).toBeLessThanOrEqual(60);
    await page.evaluate(() => (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.98], zoom: 9 }));
    await settled();
    await expect.poll(() => page.locator('.commune-label').count()).toBe(0);
  });

  it('the tooltip names the commune under the pointer with the indicator value', async () => {
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [107.978, 13.963], zoom: 12 }),
    );
    await settled();
    const box = (await page.locator('#map canvas').boundingBox())!;
    const at = await page.evaluate(() => {
      const map = (window as Hooked).__vungphu!.map!;
      return map.project([107.97799, 13.96323]);
    });
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.locator('#commune-tip').isVisible()).toBe(true);
    const tip = (await page.locator('#commune-tip').textContent()) ?? '';
    expect(tip).toContain('Phường Ia Kring');
    const unit = await page.evaluate(() => {
      const u = (window as Hooked).__vungphu!.store!.unit('commune', '23563')!;
      return u.coverage.find((c) => c.technology === '4G' && c.operator === 'all')!.population_pct;
    });
    expect(tip).toContain(`4G`);
    expect(tip).toContain(`${unit.toFixed(1)}%`);
  });

  it('draws the bundled roads and the district outlines, each with its own toggle', async () => {
    const state = () =>
      page.evaluate(() => {
        const map = (window as Hooked).__vungphu!.map!;
        return {
          roads: map.getLayoutProperty('roads-line', 'visibility'),
          outlines: map.getLayoutProperty('outlines-line', 'visibility'),
          // The roads are drawn from data/sample/roads.geojson: 29 lines.
          roadFeatures: map.querySourceFeatures('roads').length > 0,
        };
      });
    await page.evaluate(() => (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.98], zoom: 9 }));
    await settled();
    expect(await state()).toEqual({ roads: 'visible', outlines: 'visible', roadFeatures: true });
    await page.locator('#base-roads').uncheck();
    await page.locator('#base-districts').uncheck();
    expect(await state()).toMatchObject({ roads: 'none', outlines: 'none' });
    await waitHash(page, ['roads=0', 'districts=0']);
    await page.locator('#base-roads').check();
    await page.locator('#base-districts').check();
    expect(await state()).toMatchObject({ roads: 'visible', outlines: 'visible' });
    await page.locator('#base-labels').uncheck();
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.98], zoom: 11 }),
    );
    await settled();
    expect(await page.locator('.commune-label').count()).toBe(0);
    await page.locator('#base-labels').check();
    await expect.poll(() => page.locator('.commune-label').count()).toBeGreaterThan(0);
  });

  it('has zoom buttons and a metric scale bar', async () => {
    const before = (await camera()).zoom;
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await settled();
    expect((await camera()).zoom).toBeCloseTo(before - 1, 1);
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('aria-label')).toBe('Zoom out');
    // The bar's length on the ground (haversine between its ends, R = 6371 km) is the length it says.
    const text = (await page.locator('.maplibregl-ctrl-scale').textContent()) ?? '';
    const m = /^(\d+)\s(k?m)$/u.exec(text);
    expect(m, text).not.toBeNull();
    const said = Number(m![1]) * (m![2] === 'km' ? 1000 : 1);
    const ground = await page.evaluate(() => {
      const map = (window as Hooked).__vungphu!.map!;
      const bar = document.querySelector('.maplibregl-ctrl-scale')!.getBoundingClientRect();
      const c = map.getContainer().getBoundingClientRect();
      const y = bar.top - c.top;
      const a = map.unproject([bar.left - c.left, y]);
      const b = map.unproject([bar.right - c.left, y]);
      const r = Math.PI / 180;
      const h =
        Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
        Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
      return 2 * 6371000 * Math.asin(Math.sqrt(h));
    });
    expect(Math.abs(ground - said) / said).toBeLessThan(0.05);
    expect(blocked).toEqual([]);
  });
});

describe('the online basemap offline', () => {
  it('says so on the map when its tiles cannot be loaded', async () => {
    const p = await context.newPage();
    await p.goto(`${server.origin}/#lang=en&set=pre2025&basemap=osm`);
    expect((await waitReady(p)).error).toBeNull();
    await p.waitForSelector('#basemap-notice:not([hidden])');
    expect(await p.locator('#basemap-notice').textContent()).toContain('could not be loaded');
    // Back to no basemap: the notice goes.
    await p.evaluate(() => {
      location.hash = location.hash.replace('basemap=osm', '');
    });
    await p.waitForSelector('#basemap-notice', { state: 'hidden' });
    await p.close();
  });
});

describe('the collapsible sidebar at 768 × 1024', () => {
  it('shows every tab whole, collapses to its button and back, and keeps its state in the link', async () => {
    const p = await context.newPage();
    await p.setViewportSize({ width: 768, height: 1024 });
    await p.goto(`${server.origin}/#lang=vi&set=pre2025`);
    expect((await waitReady(p)).error).toBeNull();
    // No tab clipped: each lies wholly inside the sidebar.
    const clipped = await p.evaluate(() => {
      const side = document.getElementById('sidebar')!.getBoundingClientRect();
      return [...document.querySelectorAll('[role="tab"]')]
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.left < side.left || r.right > side.right || b.scrollWidth > b.clientWidth + 1;
        })
        .map((b) => b.textContent);
    });
    expect(clipped).toEqual([]);
    const toolsLeft = () =>
      p.evaluate(() => document.getElementById('map-tools')!.getBoundingClientRect().left);
    const openLeft = await toolsLeft();
    expect(openLeft).toBeGreaterThan(300);
    await p.locator('#sidebar-toggle').click();
    await p.waitForSelector('#sidebar', { state: 'hidden' });
    expect(await p.locator('#sidebar-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await toolsLeft()).toBeLessThan(20);
    await waitHash(p, ['side=0']);
    // Kept: the link reopens it collapsed, with the link's camera (a regression: the collapsed start
    // once recorded the initial camera over the link's).
    await p.goto('about:blank');
    await p.goto(`${server.origin}/#lang=vi&set=pre2025&side=0&map=108.00000,13.98000,10.60`);
    expect((await waitReady(p)).error).toBeNull();
    expect(await p.locator('#sidebar').isHidden()).toBe(true);
    const zoom = await p.evaluate(() => (window as Hooked).__vungphu!.map!.getZoom());
    expect(zoom).toBeCloseTo(10.6, 2);
    await p.locator('#sidebar-toggle').click();
    await p.waitForSelector('#sidebar', { state: 'visible' });
    expect(await toolsLeft()).toBe(openLeft);
    await waitHash(p, [], ['side=0']);
    await p.close();
  });
});

// ColorBrewer 2.0 PuOr, 7 classes (colorbrewer2.org), and the breaks the README gives (pp).
const PUOR_7 = ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'];
const classOf = (d: number) => PUOR_7[[-10, -2, -0.05, 0.05, 2, 10].filter((b) => d >= b).length]!;

describe('the difference map', () => {
  it('colours each commune by scenario minus baseline, 0 where nothing changed', async () => {
    const p = await context.newPage();
    await p.goto(
      `${server.origin}/#lang=en&set=pre2025&tech=5G&tab=scenario&labels=0&map=108.00000,13.98000,10.00`,
    );
    expect((await waitReady(p)).error).toBeNull();
    const fivePct = () =>
      p.evaluate(() =>
        Object.fromEntries(
          (window as Hooked)
            .__vungphu!.store!.unitsOf('commune')
            .map((u) => [
              u.id,
              u.coverage.find((c) => c.technology === '5G' && c.operator === 'all')?.population_pct ?? null,
            ]),
        ),
      );
    const before = await fivePct();
    // A 5G site of 4 km at the map's centre.
    await p.locator('#mode-add-site').click();
    await p.locator('#new-tech-5G').check();
    await p.locator('#new-radius').fill('4000');
    await p.locator('#add-at-centre').click();
    await waitUpdates(p, 1);
    await p.locator('#mode-browse').click();
    const after = await fivePct();
    await p.locator('#difference-toggle').check();
    await waitHash(p, ['diff=1']);
    await p.waitForSelector('#difference-title[data-ready]', { state: 'attached' });
    expect(await p.locator('#difference-title').textContent()).toContain('Difference scenario − baseline');
    expect(await p.locator('#legend').textContent()).toContain('+10 pp');
    await p.waitForFunction(() => !(window as Hooked).__vungphu!.map!.isMoving());
    await mapIdle(p);
    // The commune that gained most, at its inner point (data/sample: `center`).
    const diffs = Object.keys(after)
      .filter((id) => before[id] !== null && after[id] !== null)
      .map((id) => ({ id, d: after[id]! - before[id]! }));
    const gain = diffs.reduce((a, b) => (b.d > a.d ? b : a));
    expect(gain.d).toBeGreaterThan(2);
    const [lon, lat] = communes.features.find((f) => String(f.properties?.id) === gain.id)!.properties!
      .center as [number, number];
    const point = await p.evaluate(
      (ll) => (window as Hooked).__vungphu!.map!.project(ll as [number, number]),
      [lon, lat],
    );
    expect(point.x).toBeGreaterThan(400);
    const pixels = await mapPixels(p, [point]);
    expect(pixels.at[0], `commune ${gain.id}, +${gain.d.toFixed(2)} pp`).toSatisfy((rgb: number[]) =>
      near(rgb, hexToRgb(classOf(gain.d)), 3),
    );
    // Unchanged communes (most of the map) are the middle class.
    expect(pixels.histogram.some((h) => near(h.rgb, hexToRgb(PUOR_7[3]!), 2) && h.count > 10_000)).toBe(true);
    // Off again: the indicator's own colours.
    await p.locator('#difference-toggle').uncheck();
    await p.waitForSelector('#difference-title', { state: 'detached' });
    await p.close();
  });
});
