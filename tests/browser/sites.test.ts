/**
 * Issue 13 in a real browser: an operator's CSV with one row per cell (a three-sector site and a site
 * planned for 2027) imported in the Data tab; the site popup lists the cells with their azimuths, the
 * Sites tab finds a site by part of its code and flies to it, and the "as planned by 2027" control
 * raises the 4G figure, while "on air today" restores it exactly. Screenshots in Vietnamese and English.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, mapIdle, waitHash, waitReady } from './page_tools.ts';

const FIXTURE = join(ROOT, 'tests/fixtures/app/sites_cells.csv');
/** Where the screenshots to look at go (not compared: the popup's place depends on the fly). */
const SHOTS = join(tmpdir(), 'vungphu-sites-shots');
const SITE = { id: 'GL-PLK-0012', lon: 108.0, lat: 13.98 };

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let loads = 1;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
  await page.locator('#tabbtn-data').click();
  await page.locator('#file-input').setInputFiles(FIXTURE);
  await page.locator('#import-question #import-replace').click({ timeout: 60_000 });
  loads++;
  expect((await waitReady(page, loads)).error).toBeNull();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** The highest 4G population coverage (all operators) of the provinces, as the app holds it. */
const province4G = () =>
  page.evaluate(() =>
    Math.max(
      ...(window as Hooked)
        .__vungphu!.store!.unitsOf('province')
        .map(
          (u) => u.coverage.find((c) => c.technology === '4G' && c.operator === 'all')?.population_pct ?? 0,
        ),
    ),
  );

describe('sites with cells in the app', () => {
  it('imports one site per site code, with its cells', async () => {
    const n = await page.evaluate(() => (window as Hooked).__vungphu!.store!.keys('sites').length);
    expect(n).toBe(3);
  });

  it('the Sites tab finds the site by part of its code; a click flies to it and the popup lists 3 cells', async () => {
    await page.locator('#tabbtn-sites').click();
    await expect.poll(() => page.locator('#site-table tbody tr').count()).toBe(3);
    await page.locator('#site-search').fill('plk-0012');
    await expect.poll(() => page.locator('#site-table tbody tr').count()).toBe(1);
    expect(await page.locator('#site-count').textContent()).toBe('1/3 trạm khớp');
    await page.locator('#site-table tbody tr').first().locator('td').nth(2).click();
    // Flown to: the map's centre is the site once the flight ends.
    await page.waitForFunction(({ lon, lat }) => {
      const map = (window as Hooked).__vungphu!.map!;
      const c = map.getCenter();
      return !map.isMoving() && Math.abs(c.lng - lon) < 1e-4 && Math.abs(c.lat - lat) < 1e-4;
    }, SITE);
    const items = page.locator('.maplibregl-popup .popup-cells li');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.evaluateAll((li) => li.map((x) => (x as HTMLElement).dataset.azimuth))).toEqual([
      '30',
      '150',
      '270',
    ]);
    const text = (await page.locator('.maplibregl-popup').textContent()) ?? '';
    expect(text).toContain('Trạm GL-PLK-0012');
    // Phường Tây Sơn is urban: the default 4G radius there is 1.5 km.
    expect(text).toContain('Phường Tây Sơn');
    expect(text).toContain('hướng 150°, búp sóng 65°, bán kính 1,5 km');
    expect(text).toContain('4G · băng 1800 · cao 30 m · phát sóng từ 2019');
    await mapIdle(page);
    await page.screenshot({ path: join(SHOTS, 'popup-vi.png') });
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect
      .poll(() => page.locator('.maplibregl-popup').textContent())
      .toContain('sector 150°, 65° beam, radius 1.5 km');
    expect(await page.locator('#site-count').textContent()).toBe('1 of 3 sites match');
    await page.screenshot({ path: join(SHOTS, 'popup-en.png') });
    await page.locator('.lang-switch button[data-lang="vi"]').click();
  });

  it('as planned by 2027 raises the 4G figure; on air today restores it exactly', async () => {
    const today = await province4G();
    expect(today).toBeGreaterThan(0);
    await page.locator('#tabbtn-settings').click();
    await page.locator('#as-of-year-value').fill('2027');
    await page.locator('#as-of-year').check();
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await waitHash(page, ['asof=2027']);
    const planned = await province4G();
    expect(planned).toBeGreaterThan(today);
    expect(await page.locator('#as-of-rule').textContent()).toBe(
      'Tính: cell đang phát sóng và cell quy hoạch phát sóng đến năm 2027',
    );
    await page.screenshot({ path: join(SHOTS, 'settings-2027-vi.png') });
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await page.screenshot({ path: join(SHOTS, 'settings-2027-en.png') });
    await page.locator('.lang-switch button[data-lang="vi"]').click();
    await page.locator('#tabbtn-map').click();
    expect(await page.locator('#counting-rule').textContent()).toContain('2027');
    await page.locator('#tabbtn-settings').click();
    await page.locator('#as-of-today').check();
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await waitHash(page, [], ['asof=']);
    expect(await province4G()).toBe(today);
  });
});
