/**
 * Panels that say what they seem to (issue 15), in a real browser on the pre-2025 sample: the unit
 * panel opens beside the commune that was clicked, not on top of it, a selected district or
 * province is outlined on the map, and the panel's and table's cosmetics.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import { type Hooked, hexToRgb, mapIdle, mapPixels, near, waitReady, waitUpdates } from './page_tools.ts';

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function open(hash: string): Promise<void> {
  // A fresh document each time (a hash change alone would race the page's own URL updates).
  await page.goto('about:blank');
  await page.goto(`${server!.origin}/#set=pre2025${hash}`);
  expect((await waitReady(page)).error).toBeNull();
  await mapIdle(page);
}

/** Pixels of the selection red (#d7301f) on the map canvas. */
async function redPixels(): Promise<number> {
  const red = hexToRgb('#d7301f');
  const { histogram } = await mapPixels(page);
  return histogram.filter((h) => near(h.rgb, red, 12)).reduce((n, h) => n + h.count, 0);
}

describe('the unit panel and the selection on the map', () => {
  it('a commune clicked where the panel opens is moved beside it, wholly in view', async () => {
    await open('');
    // A commune under the place of the panel (the right 380 px of a 1280 px window).
    const hit = await page.evaluate(() => {
      const map = (window as Hooked).__vungphu!.map!;
      for (let y = 200; y < 700; y += 10)
        for (let x = 940; x < 1220; x += 10) {
          const hits = map.queryRenderedFeatures([
            [x - 6, y - 6],
            [x + 6, y + 6],
          ]);
          const communes = hits.filter((f) => f.layer.id === 'communes-fill');
          // Nothing but the commune (no site, postal point or village to pick instead).
          const only = hits.every((f) => /^(communes|outlines)/.test(f.layer.id));
          const at = map.queryRenderedFeatures([x, y], { layers: ['communes-fill'] });
          if (communes.length !== 1 || !only || at[0]?.id !== communes[0]!.id) continue;
          return { x, y, id: String(communes[0]!.id) };
        }
      return null;
    });
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    const panel = page.locator('#unit-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => (window as Hooked).__vungphu!.map!.isMoving())).toBe(false);
    await mapIdle(page);
    const { box, rect } = await page.evaluate((id) => {
      const hook = (window as Hooked).__vungphu!;
      const b = hook.store!.communeBox(id)!;
      const nw = hook.map!.project([b[0], b[3]]);
      const se = hook.map!.project([b[2], b[1]]);
      const r = document.getElementById('unit-panel')!.getBoundingClientRect();
      return {
        box: { left: nw.x, top: nw.y, right: se.x, bottom: se.y },
        rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      };
    }, hit!.id);
    // Wholly left of the panel, and inside the window.
    expect(box.right).toBeLessThanOrEqual(rect.left);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(800);
  });

  it('on a tablet, a commune clicked where the bottom sheet opens is moved above it', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await open('');
    const hit = await page.evaluate(() => {
      const map = (window as Hooked).__vungphu!.map!;
      for (let y = 600; y < 960; y += 10)
        for (let x = 360; x < 740; x += 10) {
          const hits = map.queryRenderedFeatures([
            [x - 6, y - 6],
            [x + 6, y + 6],
          ]);
          const communes = hits.filter((f) => f.layer.id === 'communes-fill');
          const only = hits.every((f) => /^(communes|outlines)/.test(f.layer.id));
          const at = map.queryRenderedFeatures([x, y], { layers: ['communes-fill'] });
          if (communes.length !== 1 || !only || at[0]?.id !== communes[0]!.id) continue;
          return { x, y, id: String(communes[0]!.id) };
        }
      return null;
    });
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    const panel = page.locator('#unit-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => (window as Hooked).__vungphu!.map!.isMoving())).toBe(false);
    const { box, rect } = await page.evaluate((id) => {
      const hook = (window as Hooked).__vungphu!;
      const b = hook.store!.communeBox(id)!;
      const nw = hook.map!.project([b[0], b[3]]);
      const se = hook.map!.project([b[2], b[1]]);
      const r = document.getElementById('unit-panel')!.getBoundingClientRect();
      return { box: { top: nw.y, bottom: se.y }, rect: { top: r.top } };
    }, hit!.id);
    expect(box.bottom).toBeLessThanOrEqual(rect.top);
    expect(box.top).toBeGreaterThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a selected district is outlined on the map, and the outline goes with the selection', async () => {
    // Thành phố Pleiku (district 622 of Gia Lai).
    await open('&sel=d:622');
    await expect
      .poll(() => page.locator('#unit-panel [data-field="name"]').textContent())
      .toBe('Thành phố Pleiku');
    const selected = await redPixels();
    expect(selected).toBeGreaterThan(150);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#unit-panel').isVisible()).toBe(false);
    await mapIdle(page);
    expect(await redPixels()).toBeLessThan(selected / 10);
  });

  it('a selected province is outlined too', async () => {
    await open('&sel=p:64');
    expect(await redPixels()).toBeGreaterThan(400);
  });
});

describe('cosmetics of the panels (issue 15)', () => {
  it('fiber route length names the unit’s level: "trong huyện", "trong tỉnh", "in the district"', async () => {
    await open('&sel=d:622');
    const panel = page.locator('#unit-panel');
    await expect.poll(() => panel.textContent()).toContain('Chiều dài tuyến trong huyện');
    expect(await panel.textContent()).not.toContain('Chiều dài tuyến trong xã');
    await open('&sel=p:64');
    await expect.poll(() => panel.textContent()).toContain('Chiều dài tuyến trong tỉnh');
    await open('&sel=d:622&lang=en');
    await expect.poll(() => panel.textContent()).toContain('Route length in the district');
  });

  it('the technology bars of the panel have strong colours of their own, not the choropleth’s pale classes', async () => {
    await open('&sel=p:64');
    const fills = await page
      .locator('#unit-panel svg.chart')
      .nth(1)
      .locator('g.bar rect:not(.track)')
      .evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
    // 2G, 3G, 4G, 5G, any: five different colours, none of them the YlGnBu classes' pale ends.
    expect(fills).toEqual(['#666666', '#E69F00', '#0072B2', '#CC79A7', '#009E73']);
  });

  it('each target not met shows its gap in the panel text, under its badge (no hover on a tablet)', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await open('&sel=p:64');
    const expected = await page.evaluate(() =>
      (window as Hooked)
        .__vungphu!.store!.targetsOf('province', '64')
        .filter((e) => e.status === 'not_met')
        .map((e) => ({ id: e.target_id, gap: e.gap_text_vi })),
    );
    const table = page.locator('#unit-panel .badge-row');
    const shown = await table
      .locator('.badge-gap')
      .evaluateAll((ps) => ps.map((p) => ({ id: (p as HTMLElement).dataset.gap, text: p.textContent })));
    // Every gap of a target shown by a badge in the indicator table is written out beside it.
    const badged = await table
      .locator('.badge-not_met')
      .evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.target));
    expect(badged.length).toBeGreaterThan(3);
    expect(shown.map((x) => x.id).sort()).toEqual([...badged].sort());
    for (const x of shown) {
      const want = expected.find((e) => e.id === x.id)!;
      expect(x.text).toBe(`${want.id}: ${want.gap}`);
    }
    expect(await table.locator('.badge-gap').first().isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the legend says what the sites’ and postal points’ colours mean, with the map’s own colours', async () => {
    await open('&layers=postal.1.90');
    const legend = (id: string) =>
      page
        .locator(`#${id} li`)
        .evaluateAll((lis) => lis.map((li) => [li.textContent, (li as HTMLElement).dataset.color]));
    const paint = await page.evaluate(() => {
      const map = (window as Hooked).__vungphu!.map!;
      return {
        sites: JSON.stringify(map.getPaintProperty('sites-point', 'circle-color')),
        postal: JSON.stringify(map.getPaintProperty('postal-circle', 'circle-color')),
        operators: (window as Hooked).__vungphu!.store!.snapshot.operators,
      };
    });
    const operators = await legend('legend-operators');
    expect(operators.map(([name]) => name)).toEqual(paint.operators);
    // Each operator's swatch is the colour the map paints its sites with: "<name>","<colour>" in the match.
    for (const [name, color] of operators) expect(paint.sites).toContain(`"${name}","${color}"`);
    const postal = await legend('legend-postal');
    expect(postal.map(([name]) => name)).toEqual(['Bưu cục', 'Điểm bưu điện văn hoá xã', 'Đại lý', 'Ki ốt']);
    for (const [, color] of postal) expect(paint.postal).toContain(`"${color}"`);
  });

  it('the keyboard picks a site (Tab, Enter), moves it with the arrow keys, deletes it, and Ctrl+Z undoes', async () => {
    await open('');
    await page.locator('#tabbtn-sites').click();
    const code = page.locator('#site-table tbody tr').first().locator('button').first();
    await code.waitFor();
    const id = (await code.textContent())!;
    const position = () =>
      page.evaluate((siteId) => {
        const f = (window as Hooked).__vungphu!.store!.feature('sites', siteId);
        return f?.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : null;
      }, id);
    const start = (await position())!;
    await code.focus();
    await page.keyboard.press('Enter');
    await page.locator('.maplibregl-popup .popup-keys').waitFor();
    let updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.keyboard.press('ArrowUp');
    await waitUpdates(page, ++updates);
    const moved = (await position())!;
    // 100 m north: 100 / 111,320 m per degree of latitude; the longitude stays.
    expect(moved[1] - start[1]).toBeCloseTo(100 / 111_320, 7);
    expect(moved[0]).toBeCloseTo(start[0], 9);
    await page.keyboard.press('Shift+ArrowRight');
    await waitUpdates(page, ++updates);
    const east = (await position())!;
    const metresEast = (east[0] - moved[0]) * 111_320 * Math.cos((moved[1] * Math.PI) / 180);
    expect(metresEast).toBeCloseTo(1000, 0);
    await page.keyboard.press('Delete');
    await waitUpdates(page, ++updates);
    expect(await position()).toBeNull();
    // The same undo as the mouse's: one step per key press.
    await page.keyboard.press('Control+z');
    await waitUpdates(page, ++updates);
    expect(await position()).toEqual(east);
  });

  it('a click anywhere in a header cell of the commune table sorts, not only on its word', async () => {
    await open('');
    await page.locator('#tabbtn-table').click();
    const th = page.locator('#commune-table thead th').nth(2);
    const before = await th.getAttribute('aria-sort');
    const box = (await th.boundingBox())!;
    // The cell's right edge, beyond the word.
    await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    await expect.poll(() => th.getAttribute('aria-sort')).not.toBe(before);
    expect(await th.getAttribute('aria-sort')).toMatch(/ascending|descending/);
  });
});
