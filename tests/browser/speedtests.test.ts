/**
 * Speed tests in the app (issue 16): a synthetic speed-test CSV imported through the Data tab's file
 * picker is detected as speed tests, analysed with the rest, and shown as measured: the province
 * panel's "Đo thực tế" section with the date range and the S1 targets evaluated from the tests, and
 * the speed-test layer on the map. The boundary set is pinned (`set=pre2025`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, mapIdle, storedDatasetKinds, waitHash, waitReady } from './page_tools.ts';

const FILE = join(ROOT, 'tests/fixtures/speedtests/synthetic_points.csv');
const SHOTS = process.env.SHOTS_DIR;

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('speed tests in the app', () => {
  it('imports a speed-test CSV in the Data tab and shows the measured figures beside the modelled ones', async () => {
    await page.locator('#tabbtn-data').click();
    await page.locator('#file-input').setInputFiles(FILE);
    const report = page.locator('.import-report').first();
    await expect.poll(() => report.getAttribute('data-kind'), { timeout: 60_000 }).toBe('speedtests');
    expect((await waitReady(page, 2)).error).toBeNull();
    expect(await page.locator('#dataset-table tr[data-kind="speedtests"]').getAttribute('data-source')).toBe(
      'imported',
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/data_vi.png` });

    // The reload below starts from what the app stored: wait until the speed tests are in IndexedDB.
    await expect.poll(() => storedDatasetKinds(page), { timeout: 30_000 }).toContain('speedtests');

    // The Gia Lai province panel: the measured section, dated, and the S1 badges.
    await page.goto(`${server!.origin}/#set=pre2025&sel=p:64&layers=speedtests.1.90`);
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    const panel = page.locator('#unit-panel');
    await expect.poll(() => panel.locator('[data-field="measured"]').count(), { timeout: 60_000 }).toBe(1);
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Đo thực tế \(từ 2026-\d\d-\d\d đến 2026-\d\d-\d\d\)/);
    expect(await panel.locator('[data-field="speed-4G"]').textContent()).toMatch(/Mb\/s$/);
    expect(await panel.locator('.target-list li[data-target="GL-S1-4G"]').count()).toBe(1);
    expect(await panel.locator('.target-list li[data-target="GL-S1-4G"]').textContent()).toMatch(
      /đo thực tế, [\d.]+ lần đo/,
    );
    await mapIdle(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/panel_vi.png` });

    // Model against measurement in the panel.
    expect(await panel.locator('[data-field="agreement"] tr[data-operator="all"]').count()).toBe(1);

    // The speed-test layer's legend: the download classes of its colour steps (0, 10, 40, 100, 220
    // Mb/s: the 4G and 5G targets among them), then the black ring of a disagreeing test.
    const legend = page.locator('[data-field="speed-legend"] li');
    await expect.poll(() => legend.count(), { timeout: 30_000 }).toBe(7);
    expect(await legend.allTextContents()).toEqual([
      '≥ 220 Mb/s',
      '100–220 Mb/s',
      '40–100 Mb/s',
      '10–40 Mb/s',
      '0–10 Mb/s',
      'Không có dịch vụ (0 Mb/s)',
      'Viền đen: phép đo trái với mô hình',
    ]);

    await page.goto(`${server!.origin}/#set=pre2025&sel=p:64&layers=speedtests.1.90&lang=en`);
    await waitHash(page, ['lang=en']);
    await expect
      .poll(async () => (await panel.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/Measured \(2026-\d\d-\d\d to 2026-\d\d-\d\d\)/);
    await mapIdle(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/panel_en.png` });
  });

  it('lists the disagreeing tests of a unit as the CLI does, sorts them, and flies to one', async () => {
    // The CLI's disagreements.csv, counted for the communes of Thành phố Pleiku (district 622).
    const out = mkdtempSync(join(tmpdir(), 'vungphu-disagree-'));
    await promisify(execFile)(
      process.execPath,
      [`${ROOT}bin/vungphu.mjs`, 'analyze', '--boundary-set', 'pre2025', '--speedtests', FILE, '--out', out],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as CoverageReport;
    const pleiku = new Set(report.units.filter((u) => u.parent_id === '622').map((u) => u.id));
    const [header, ...rows] = readFileSync(join(out, 'disagreements.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const col = header!.split(',').indexOf('commune_id');
    const expected = rows.filter((r) => pleiku.has(r.split(',')[col]!)).length;
    expect(expected).toBeGreaterThan(2);

    await page.goto(`${server!.origin}/#set=pre2025&sel=d:622&layers=speedtests.1.90`);
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    const list = page.locator('#unit-panel [data-field="disagreements"]');
    await expect
      .poll(() => list.locator('tbody tr').count(), { timeout: 60_000 })
      .toBe(Math.min(50, expected));
    const downloads = async () =>
      (await list.locator('tbody tr td.num').allTextContents()).map((x) =>
        Number(x.replace(/[^\d,]/g, '').replace(',', '.')),
      );
    // Sorted by download, lowest first; the header sorts the other way.
    const up = await downloads();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.locator('#unit-panel [data-sort="download"]').click();
    await expect.poll(downloads).toEqual([...up].sort((a, b) => b - a));
    // A row flies the map to its test.
    const first = rows.find((r) => pleiku.has(r.split(',')[col]!))!;
    expect(first).toBeTruthy();
    await list.locator('tbody tr button').first().click();
    const test = await list.locator('tbody tr').first().getAttribute('data-test');
    const row = rows.find((r) => r.startsWith(`${test},`))!.split(',');
    const [lon, lat] = [Number(row[1]), Number(row[2])];
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const c = (window as Hooked).__vungphu!.map!.getCenter();
            return [c.lng, c.lat];
          }),
        { timeout: 30_000 },
      )
      .toSatisfy(([x, y]: number[]) => Math.abs(x! - lon) < 1e-4 && Math.abs(y! - lat) < 1e-4);
    rmSync(out, { recursive: true, force: true });
  });

  it('calibrates the radii only when the button is pressed, saying so', async () => {
    await page.goto(`${server!.origin}/#set=pre2025&tab=settings`);
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    const group = page.locator('#calibration-settings');
    await expect
      .poll(() => group.locator('#calibration-table tbody tr').count(), { timeout: 60_000 })
      .toBeGreaterThan(3);
    expect(await group.locator('[data-field="calibration-state"]').textContent()).toContain(
      'chưa hiệu chỉnh',
    );
    const before = await page.evaluate(() => window.location.hash);
    expect(before).not.toContain('calib=1');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/calib_vi.png` });
    await page.locator('#calibration-apply').click();
    await waitHash(page, ['calib=1']);
    expect((await waitReady(page, 2)).error).toBeNull();
    await expect
      .poll(() => page.locator('#calibration-settings [data-field="calibration-state"]').textContent(), {
        timeout: 60_000,
      })
      .toContain('đã hiệu chỉnh.');
    await page.goto(`${server!.origin}/#set=pre2025&tab=settings&calib=1&lang=en`);
    await waitHash(page, ['lang=en']);
    await expect
      .poll(() => page.locator('#calibration-settings [data-field="calibration-state"]').textContent(), {
        timeout: 60_000,
      })
      .toBe('The figures use the fitted radii.');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/calib_en.png` });
  });
});
