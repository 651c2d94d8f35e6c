/**
 * Issue 17, part A in a real browser: a DEM tile (a synthetic 3″ SRTM .hgt written by the test: a
 * north–south ridge 3 km east of site GL-PLK-0012) picked in the Data tab is read in the worker, the
 * Data tab says what it holds, the hillshade layer (off by default) turns on over the tile's box, and
 * the site popup's "why?" then a click on the map shows the profile with its numbers, in Vietnamese
 * and English. The tile's footprints are computed on the footprint workers first, their progress in the
 * status line. Screenshots to look at are written to a temporary folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDem } from '../../src/app/worker/worker_dem.ts';
import { runSuggest } from '../../src/app/worker/worker_plan.ts';
import { SAMPLE } from '../../src/cli/paths.ts';
import { POSTAL_CATEGORIES } from '../../src/core/base/infrastructure.ts';
import { countedSites } from '../../src/core/coverage/counted_sites.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { sitesFromCsv } from '../../src/io/import/sites.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, mapIdle, waitHash, waitReady } from './page_tools.ts';

const SITES = join(ROOT, 'tests/fixtures/app/sites_cells.csv');
const SHOTS = join(tmpdir(), 'vungphu-terrain-shots');
const SITE = { id: 'GL-PLK-0012', lon: 108.0, lat: 13.98 };
const TILE = join(SHOTS, 'N13E108.hgt');
const RADIO = join(SHOTS, 'radio.json');
const BAD_RADIO = join(SHOTS, 'radio-bad.json');

/** 3″ tile N13E108: 500 m plains with a 400 m ridge along 108.03° E (Gaussian, ~1 km wide). */
function writeTile(): void {
  const n = 1201;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const lon = 108 + c / 1200;
      const lat = 14 - r / 1200;
      const h = 500 + 400 * Math.exp(-(((lon - 108.03) / 0.006) ** 2)) + 60 * Math.sin(lat * 40);
      v.setInt16(2 * (r * n + c), Math.round(h), false);
    }
  writeFileSync(TILE, b);
}

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let loads = 1;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeTile();
  writeFileSync(RADIO, JSON.stringify({ radio: { technologies: { '4G': { threshold_dbm: -100 } } } }));
  writeFileSync(
    BAD_RADIO,
    JSON.stringify({ radio: { receiverHeight_m: 0, technologies: { '4G': { threshold_dbm: 5 } } } }),
  );
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
  await page.locator('#tabbtn-data').click();
  await page.locator('#file-input').setInputFiles(SITES);
  // The sample's sites are loaded: the import asks whether to replace them or add to them (issue 15).
  await page.locator('#import-question #import-replace').click();
  loads++;
  expect((await waitReady(page, loads)).error).toBeNull();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('a DEM in the app', () => {
  it('the Data tab reads the tile and says what it holds', async () => {
    expect(await page.locator('#dem-status').textContent()).toContain('Chưa có DEM');
    // Every text of the status line from now on (the footprint progress lasts a moment only).
    await page.evaluate(() => {
      const status = document.getElementById('status')!;
      const log: string[] = [];
      (window as unknown as { statusLog: string[] }).statusLog = log;
      new MutationObserver(() => log.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.locator('#file-input').setInputFiles(TILE);
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await expect
      .poll(() => page.locator('#dem-status').textContent(), { timeout: 60_000 })
      .toContain('1 ô (N13E108.hgt)');
    const status = (await page.locator('#dem-status').textContent()) ?? '';
    expect(status).toContain('kinh độ 108–109° Đ, vĩ độ 13–14° B');
    expect(status).toContain('0 điểm trống');
    await page.locator('#dem-status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'data-tab-vi.png') });
  });

  it('the footprints were computed on the footprint workers, their progress in the status line', async () => {
    const log = () => page.evaluate(() => (window as unknown as { statusLog: string[] }).statusLog);
    // The three cells of GL-PLK-0012, the only site on the tile: counted up to 3 / 3.
    await expect.poll(log).toContain('Đang tính vùng phủ theo địa hình: 3 / 3 ô');
    const seen = (await log()).filter((l) => l.startsWith('Đang tính vùng phủ theo địa hình'));
    expect(seen[0]).toMatch(/: [0-2] \/ 3 ô$/);
    // Then the analysis itself, which found them in the cache, and the summary line.
    expect((await log()).at(-1)).not.toContain('Đang tính vùng phủ');
  });

  it('the hillshade layer is off by default and turns on over the tile', async () => {
    await page.locator('#tabbtn-map').click();
    const visibility = () =>
      page.evaluate(() => (window as Hooked).__vungphu!.map!.getLayoutProperty('hillshade', 'visibility'));
    expect(await visibility()).toBe('none');
    const check = page.locator('#layer-hillshade');
    expect(await check.isDisabled()).toBe(false);
    await check.check();
    await expect.poll(visibility).toBe('visible');
    const coordinates = await page.evaluate(
      () =>
        ((window as Hooked).__vungphu!.map!.getSource('hillshade') as unknown as { coordinates: number[][] })
          .coordinates,
    );
    expect(coordinates[0]![0]).toBeCloseTo(108, 6);
    expect(coordinates[0]![1]).toBeCloseTo(14, 6);
    expect(coordinates[2]![0]).toBeCloseTo(109, 2);
    expect(coordinates[2]![1]).toBeCloseTo(13, 2);
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.05, 13.98], zoom: 11 }),
    );
    await mapIdle(page);
    await page.screenshot({ path: join(SHOTS, 'hillshade.png') });
  });

  it('"why?" in the site popup, then a click east of the ridge: the profile and its numbers', async () => {
    await page.locator('#tabbtn-sites').click();
    await page.locator('#site-search').fill('plk-0012');
    await expect.poll(() => page.locator('#site-table tbody tr').count()).toBe(1);
    await page.locator('#site-table tbody tr').first().locator('td').nth(2).click();
    await page.waitForFunction(({ lon, lat }) => {
      const map = (window as Hooked).__vungphu!.map!;
      const c = map.getCenter();
      return !map.isMoving() && Math.abs(c.lng - lon) < 1e-4 && Math.abs(c.lat - lat) < 1e-4;
    }, SITE);
    // On the DEM a cell's footprint is the model's over the terrain, and the popup says so (no radius).
    const popup = (await page.locator('.maplibregl-popup').textContent()) ?? '';
    expect(popup).toContain('hướng 150°, búp sóng 65°, vùng phủ mô hình hoá theo địa hình (DEM)');
    expect(popup).not.toContain('bán kính');
    await page.locator('#why-start').click();
    await expect.poll(() => page.locator('#why-hint').textContent()).toContain(SITE.id);
    // 6 km east of the site, behind the ridge at 3.2 km (the map zoomed out so that both show).
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.03, 13.98], zoom: 11.5 }),
    );
    await mapIdle(page);
    const target = await page.evaluate(() => {
      const p = (window as Hooked).__vungphu!.map!.project([108.055, 13.98]);
      return { x: p.x, y: p.y };
    });
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await expect.poll(() => page.locator('#why-numbers').count(), { timeout: 30_000 }).toBe(1);
    const text = (await page.locator('#why-panel').textContent()) ?? '';
    expect(text).toContain('Mặt cắt từ GL-PLK-0012');
    expect(text).toContain('Suy hao nhiễu xạ');
    // 0.055° of longitude at 13.98° N is 5.94 km.
    const km = 0.055 * 111.32 * Math.cos((13.98 * Math.PI) / 180);
    const distance = (await page.locator('#why-numbers tr[data-key="distance"] td').textContent()) ?? '';
    expect(Math.abs(Number(distance.replace(' km', '').replace(',', '.')) - km)).toBeLessThan(0.1);
    const diffraction =
      (await page.locator('#why-numbers tr[data-key="diffraction"] td').textContent()) ?? '';
    // The ridge stands in the way: some diffraction loss.
    expect(Number(diffraction.replace(' dB', '').replace(',', '.'))).toBeGreaterThan(1);
    expect(await page.locator('.why-chart .why-terrain').count()).toBe(1);
    expect(await page.locator('.why-chart .why-los').count()).toBe(1);
    expect(await page.locator('.why-chart .why-fresnel').count()).toBe(1);
    // The path is drawn on the map, from the site to the point.
    const path = await page.evaluate(() => {
      const map = (window as Hooked).__vungphu!.map!;
      return map
        .querySourceFeatures('why-path')
        .map((f) => (f.geometry as { coordinates: number[][] }).coordinates);
    });
    expect(path.length).toBeGreaterThan(0);
    expect(path[0]![0]![0]).toBeCloseTo(SITE.lon, 4);
    await page.screenshot({ path: join(SHOTS, 'why-vi.png') });
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect.poll(() => page.locator('#why-panel').textContent()).toContain('Profile from GL-PLK-0012');
    expect(await page.locator('#why-panel').textContent()).toContain('Diffraction loss');
    await page.screenshot({ path: join(SHOTS, 'why-en.png') });
    await page.locator('.lang-switch button[data-lang="vi"]').click();
    await page.locator('#why-close').click();
    expect(await page.locator('#why-panel').isHidden()).toBe(true);
    // The source is emptied at once; the map drops its rendered copy on its next update.
    await expect
      .poll(() =>
        page.evaluate(() => (window as Hooked).__vungphu!.map!.querySourceFeatures('why-path').length),
      )
      .toBe(0);
  });

  it('Suggest sites with the DEM, candidates moved to the highest point within 300 m: the plan runSuggest makes in Node', async () => {
    // Node: the app's scenario (the sample's communes and villages, the imported sites, no population
    // file), the same tile loaded through the worker's own loader, the same request as the panel's.
    const communes = communesFromGeoJSON(readFileSync(SAMPLE.boundaries.pre2025, 'utf8'), {
      file: 'b',
    }).communes;
    // As the app counts them today: on-air cells only (GL-PLK-0150 is planned).
    const sites = countedSites(sitesFromCsv(readFileSync(SITES, 'utf8'), 'sites_cells.csv').sites).sites;
    const villages = villagesFromGeoJSON(readFileSync(SAMPLE.villages, 'utf8'), 'v').villages;
    await loadDem([{ name: 'N13E108.hgt', bytes: new Uint8Array(readFileSync(TILE)) }]);
    const want = runSuggest(
      { communes, sites, villages, postal: null, countingRule: [...POSTAL_CATEGORIES] },
      {
        mode: 'sites',
        technology: '5G',
        operator: null,
        siteOperator: 'Viettel',
        radius_m: null,
        sources: { centres: true, villages: true, grid: true },
        candidatesCsv: null,
        k: 2,
        targetPct: null,
        measure: 'population',
        scope: { kind: 'province', id: '64' },
        moveToHighestM: 300,
      },
      () => {},
    );
    if (want.mode !== 'sites') throw new Error('a site plan was expected');
    expect(want.rows).toHaveLength(2);
    expect(want.moves!.moved).toBeGreaterThan(0);
    // The best candidate stands on the ridge (108.03° E), moved up to its crest.
    expect(Math.abs(want.rows[0]!.lon - 108.03)).toBeLessThan(0.005);
    // The app: the same plan from the Suggest panel, computed in its worker over the DEM.
    await page.locator('#tabbtn-scenario').click();
    await page.locator('#suggest-technology').selectOption('5G');
    await page.locator('#suggest-k').fill('2');
    await page.locator('#suggest-k').dispatchEvent('change');
    await page.locator('#suggest-scope').selectOption('province:64');
    await page.locator('#suggest-move-highest').check();
    await page.locator('#suggest-run').click();
    await page.waitForFunction(() => document.querySelector('#suggest-status progress') === null, null, {
      timeout: 120_000,
    });
    await page.waitForSelector('#suggest-table tbody tr');
    const rows = await page.locator('#suggest-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.querySelector('button.link')?.textContent ?? '',
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      })),
    );
    expect(rows.map((r) => r.id)).toEqual(want.rows.map((r) => r.candidate_id));
    rows.forEach((r, i) => {
      // People gained, as the panel writes them (Vietnamese digit grouping).
      expect(r.cells[2]!.replace(/\D/g, '')).toBe(String(Math.round(want.rows[i]!.gained_population)));
    });
    const moved = (await page.locator('#suggest-moved').textContent()) ?? '';
    const digits = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(v);
    expect(moved).toBe(
      `${digits(want.moves!.moved)} trong ${digits(want.moves!.total)} ứng viên đã được dời lên điểm cao nhất trong 300 m (trung vị cao hơn ${digits(want.moves!.medianUp_m)} m).`,
    );
    await page.locator('#suggest-moved').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'suggest-dem-vi.png') });
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect
      .poll(() => page.locator('#suggest-moved').textContent())
      .toContain('candidates moved to the highest point within 300 m');
    await page.screenshot({ path: join(SHOTS, 'suggest-dem-en.png') });
    await page.locator('.lang-switch button[data-lang="vi"]').click();
    await waitHash(page, [], ['lang=en']);
  });

  it('the worker stores the terrain footprints it computed in IndexedDB', async () => {
    const stored = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('vungphu-footprints', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('footprints');
            open.onsuccess = () => {
              const get = open.result.transaction('footprints').objectStore('footprints').get('recent');
              get.onsuccess = () => {
                resolve(Array.isArray(get.result) ? get.result.length : 0);
                open.result.close();
              };
              get.onerror = () => resolve(-1);
            };
            open.onerror = () => resolve(-1);
          }),
      );
    // The three cells of the site inside the tile (the other sites lie outside it keep their circles).
    await expect.poll(stored, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  });

  it('a radio config in the Data tab: a bad one is refused with every problem, a good one is used', async () => {
    await page.locator('#tabbtn-data').click();
    expect(await page.locator('#radio-status').textContent()).toBe(
      'Cấu hình vô tuyến: mặc định (ngưỡng, EIRP, độ cao ăng-ten theo công nghệ; xem README).',
    );
    expect(await page.locator('#banner').textContent()).toContain(
      'theo địa hình (DEM; cấu hình vô tuyến: mặc định)',
    );
    await page.locator('#file-input').setInputFiles(BAD_RADIO);
    await expect.poll(() => page.locator('#radio-error li').count()).toBe(2);
    const error = (await page.locator('#radio-error').textContent()) ?? '';
    expect(error).toContain('radio-bad.json: 2 lỗi trong cấu hình vô tuyến.');
    expect(error).toContain('radio.technologies.4G.threshold_dbm');
    expect(error).toContain('phải là một số dBm trong khoảng [-160, -30] (giá trị: 5)');
    expect(error).toContain('radio.receiverHeight_m');
    // Refused: still the defaults.
    expect(await page.locator('#radio-status').textContent()).toContain('mặc định');
    await page.locator('#radio-error').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'radio-error-vi.png') });
    await page.locator('#file-input').setInputFiles(RADIO);
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await expect
      .poll(() => page.locator('#radio-status').textContent())
      .toBe('Cấu hình vô tuyến: tệp radio.json');
    expect(await page.locator('#radio-error').count()).toBe(0);
    expect(await page.locator('#banner').textContent()).toContain(
      'vùng phủ được MÔ HÌNH HOÁ theo địa hình (DEM; cấu hình vô tuyến: tệp radio.json), không phải đo đạc.',
    );
    await page.locator('#radio-status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'radio-vi.png') });
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await expect
      .poll(() => page.locator('#radio-status').textContent())
      .toBe('Radio config: file radio.json');
    expect(await page.locator('#banner').textContent()).toContain(
      'coverage is MODELLED over the terrain (DEM; radio config: file radio.json), not measured.',
    );
    await page.screenshot({ path: join(SHOTS, 'radio-en.png') });
    await page.locator('.lang-switch button[data-lang="vi"]').click();
    // Back in Vietnamese, in the URL too (the next test reloads the page).
    await waitHash(page, [], ['lang=en']);
  });

  it('the DEM is still there after a reload (stored in IndexedDB)', async () => {
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    await page.locator('#tabbtn-data').click();
    await expect
      .poll(() => page.locator('#dem-status').textContent(), { timeout: 60_000 })
      .toContain('N13E108.hgt');
    // And the radio config; removed, the defaults are back.
    await expect
      .poll(() => page.locator('#radio-status').textContent())
      .toBe('Cấu hình vô tuyến: tệp radio.json');
    const before = await page.evaluate(() => (window as Hooked).__vungphu!.loads);
    await page.locator('#radio-remove').click();
    expect((await waitReady(page, before + 1)).error).toBeNull();
    await expect.poll(() => page.locator('#radio-status').textContent()).toContain('mặc định');
    expect(await page.locator('#banner').textContent()).toContain('cấu hình vô tuyến: mặc định');
  });
});
