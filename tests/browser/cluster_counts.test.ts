/**
 * Issue 15: site clusters show their count, offline (HTML labels: there is no glyph server). Each
 * label's number equals its cluster's `point_count`, and the number of sites under it as the cluster
 * source itself lists them (getClusterLeaves), not the code under test.
 */
import type { GeoJSONSource } from 'maplibre-gl';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import { type Hooked, mapIdle, waitReady } from './page_tools.ts';

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let blocked: string[];
let page: Page;

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

describe('cluster counts', () => {
  it('labels each cluster in view with its point_count, equal to the sites under it', async () => {
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.6], zoom: 7.5 }),
    );
    await page.waitForFunction(() => !(window as Hooked).__vungphu!.map!.isMoving());
    await mapIdle(page);
    await expect.poll(() => page.locator('.cluster-count').count()).toBeGreaterThan(5);
    const rows = await page.evaluate(async () => {
      const map = (window as Hooked).__vungphu!.map!;
      const source = map.getSource('sites') as GeoJSONSource;
      const labels = [...document.querySelectorAll<HTMLElement>('.cluster-count')];
      return Promise.all(
        labels.map(async (label) => {
          const id = Number(label.dataset.cluster);
          const rendered = map
            .queryRenderedFeatures({ layers: ['sites-cluster'] })
            .find((f) => Number(f.properties.cluster_id) === id);
          const leaves = await source.getClusterLeaves(id, Number.MAX_SAFE_INTEGER, 0);
          return {
            text: label.textContent,
            pointCount: rendered ? Number(rendered.properties.point_count) : null,
            leaves: leaves.length,
          };
        }),
      );
    });
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      // English digits group with a comma: "1,234".
      expect(Number(r.text!.replace(/,/g, ''))).toBe(r.pointCount);
      expect(r.pointCount).toBe(r.leaves);
    }
    expect(blocked).toEqual([]);
  });

  it('draws no counts once the sites are no longer clustered (zoom 12)', async () => {
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.98], zoom: 12 }),
    );
    await page.waitForFunction(() => !(window as Hooked).__vungphu!.map!.isMoving());
    await mapIdle(page);
    await expect.poll(() => page.locator('.cluster-count').count()).toBe(0);
  });
});
