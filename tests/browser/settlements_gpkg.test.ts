/**
 * A GeoPackage of settlements in the app's Data tab (issue 16): built in the test with sql.js and
 * hand-made geometry blobs (tests/support/gpkg.ts), picked in the file input, detected as settlements,
 * read in the worker (sql.js with its .wasm from the app's origin, no network), the layer read named
 * in the import report, the bad row named by its fid, and the commune under the settlement given its
 * populated area by settlements. The boundary set is pinned (`set=pre2025`).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { geoPackage, gp, pointWkb, polygonWkb, square } from '../support/gpkg.ts';
import { loadSample } from '../support/sample.ts';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import { type Hooked, waitReady } from './page_tools.ts';

const SHOTS = process.env.SHOTS_DIR;

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let blocked: string[];
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context, blocked } = await offlineContext(browser, server.origin));
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('settlements from a GeoPackage in the Data tab', () => {
  it('is detected, read in the worker, its layer named, and gives the commune its populated area', async () => {
    const { communes, sites } = loadSample('pre2025');
    const site = sites.find((s) => s.id === 'VN-000001')!;
    const commune = communes[communeLocator(communes).locate(site.lon, site.lat)]!;
    const bytes = geoPackage(await initSqlJs(), [
      { name: 'thon', type: 'POINT', rows: [{ fid: 1, geom: gp(pointWkb(site.lon, site.lat)) }] },
      {
        name: 'khu_dan_cu',
        type: 'POLYGON',
        rows: [
          { fid: 21, geom: gp(polygonWkb([square(site.lon, site.lat, 0.001)])), name: 'Làng thử' },
          { fid: 22, geom: gp(pointWkb(site.lon, site.lat)) },
        ],
      },
    ]);
    await page.goto(`${server!.origin}/#set=pre2025&tab=data`);
    expect((await waitReady(page)).error).toBeNull();
    await page.locator('#file-input').setInputFiles({
      name: 'khu-dan-cu.gpkg',
      mimeType: 'application/geopackage+sqlite3',
      buffer: Buffer.from(bytes),
    });
    const report = page.locator('.import-report').first();
    await expect.poll(() => report.getAttribute('data-kind'), { timeout: 60_000 }).toBe('settlements');
    expect((await waitReady(page, 2)).error).toBeNull();
    expect(await report.getAttribute('data-kept')).toBe('1');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('khu_dan_cu');
    expect(text).toContain('fid 22');
    expect(await page.locator('#dataset-table tr[data-kind="settlements"]').getAttribute('data-source')).toBe(
      'imported',
    );
    const method = await page.evaluate(
      (id) => (window as Hooked).__vungphu!.store!.unit('commune', id)?.populated_area_method ?? null,
      commune.id,
    );
    expect(method).toBe('settlements');
    expect(blocked).toEqual([]);
    await report.scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/settlements_gpkg_vi.png` });
  });
});
