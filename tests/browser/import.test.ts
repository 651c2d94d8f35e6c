/**
 * The app's import of real-world files, in a real browser: the files of the bad-file corpus
 * (tests/fixtures/bad/) go through the page's file picker to the importer in the worker, and the page
 * must show what the CLI reports for them: XLSX rows with their Excel row numbers and the rejected rows
 * as a CSV download, projected VN-2000 metres refused until the user names the zone and then converted,
 * swapped latitude/longitude swapped back, a VN-2000 shapefile read through its .prj, the size limit,
 * and everything still there after a reload (the files are stored as bytes in IndexedDB).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { answering, type Hooked, waitHash, waitReady } from './page_tools.ts';

const BAD = join(ROOT, 'tests/fixtures/bad');

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let blocked: string[];
let page: Page;
let loads = 1;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context, blocked } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
  await page.locator('#tabbtn-data').click();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** Picks a corpus file in the Data tab and returns its import report once shown. */
async function importCorpusFile(file: string, reload = true) {
  const before = await page.locator('.import-report').count();
  await page.locator('#file-input').setInputFiles(join(BAD, file));
  await expect
    .poll(() => answering(page, () => page.locator('.import-report').count()), { timeout: 60_000 })
    .toBe(before + 1);
  const report = page.locator('.import-report').first();
  expect(await report.locator('h4').textContent()).toContain(file);
  if (reload && (await report.getAttribute('class'))?.includes('import-failed') === false) {
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
  }
  return page.locator('.import-report').first();
}

const datasetSource = (kind: string) =>
  page.locator(`#dataset-table tr[data-kind="${kind}"]`).getAttribute('data-source');

describe('importing real-world files in the app', () => {
  it('asks "replace or add" before sites go over the loaded ones, and shows the outcome at the top (issue 15)', async () => {
    const row = page.locator('#dataset-table tr[data-kind="sites"]');
    const inUse = Number(((await row.locator('td.num').first().textContent()) ?? '').replace(/\D/g, ''));
    expect(inUse).toBeGreaterThan(1000);
    await page.locator('#file-input').setInputFiles(join(BAD, 'sites.xlsx'));
    const question = page.locator('#import-question');
    await question.waitFor({ timeout: 60_000 });
    const loaded = inUse.toLocaleString('vi-VN');
    expect(await question.textContent()).toContain(
      `sites.xlsx: 3 trạm hợp lệ. Thay ${loaded} trạm đang dùng`,
    );
    // Asked where the user is looking: the top of the Data tab, inside the window.
    const box = (await question.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    // Nothing is stored before the answer.
    expect(await row.getAttribute('data-source')).toBe('sample');
    await page.locator('#import-add').click();
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    const outcome = page.locator('#import-outcome');
    await expect.poll(() => outcome.textContent()).toContain('thêm 3 mới, thay 0 cùng mã');
    const after = Number(((await row.locator('td.num').first().textContent()) ?? '').replace(/\D/g, ''));
    expect(after).toBe(inUse + 3);
    expect(await outcome.textContent()).toContain(`Đang dùng: ${(inUse + 3).toLocaleString('vi-VN')} trạm.`);
    expect(await outcome.textContent()).toContain('loại bỏ 1');
    const shown = (await outcome.boundingBox())!;
    expect(shown.y + shown.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(await row.getAttribute('data-source')).toBe('imported');
    expect(await page.locator('#status').textContent()).toContain('sites.xlsx');

    // The same file added again: its 3 ids are loaded now, so they replace, and the count stays.
    await page.locator('#file-input').setInputFiles(join(BAD, 'sites.xlsx'));
    await page.locator('#import-add').click({ timeout: 60_000 });
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await expect.poll(() => outcome.textContent()).toContain('thêm 0 mới, thay 3 cùng mã');
    expect(Number(((await row.locator('td.num').first().textContent()) ?? '').replace(/\D/g, ''))).toBe(
      inUse + 3,
    );

    // "Do not import" stores nothing.
    await page.locator('#file-input').setInputFiles(join(BAD, 'sites.xlsx'));
    await page.locator('#import-cancel').click({ timeout: 60_000 });
    await expect.poll(() => outcome.textContent()).toContain('sites.xlsx: không nhập (đã huỷ).');
  });

  it('reads an Excel sheet, reports the bad row by its Excel row number and offers the rejected rows', async () => {
    const report = await importCorpusFile('sites.xlsx');
    expect(await report.getAttribute('data-kind')).toBe('sites');
    expect(await report.getAttribute('data-kept')).toBe('3');
    expect(await report.getAttribute('data-rejected')).toBe('1');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('Đọc 4 bản ghi: dùng 3, loại bỏ 1.');
    expect(text).toMatch(/Dòng 4, trường "technology": công nghệ không hợp lệ "XG"/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.locator('.download-rejected').click(),
    ]);
    expect(download.suggestedFilename()).toBe('sites-rejected.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('sites.xlsx,4,,technology,');
    expect(csv).toContain('S3,108.1,14.06,XG,VNPT');
    expect(await datasetSource('sites')).toBe('imported');
    expect(await page.locator('#status').textContent()).toContain('3 trạm (sites.xlsx)');
  });

  it('refuses VN-2000 metres as degrees, then converts them once the zone is chosen', async () => {
    const refused = await importCorpusFile('vn2000_no_prj.csv');
    expect(await refused.getAttribute('class')).toContain('import-failed');
    // In Vietnamese, and pointing at the app's control rather than the CLI flags.
    expect(await refused.textContent()).toContain('toạ độ là mét của một phép chiếu');
    expect(await refused.textContent()).toContain('Hãy chọn "Hệ toạ độ của tệp"');
    await page.locator('#import-crs').selectOption('tm3:108.5');
    const report = await importCorpusFile('vn2000_no_prj.csv');
    expect(await report.getAttribute('data-kept')).toBe('2');
    expect(await report.locator('.import-crs').textContent()).toContain('VN-2000 / TM-3 108°30′');
    const sites = await page.evaluate(() => {
      const store = (window as Hooked).__vungphu!.store!;
      return store.keys('sites').map((id) => store.feature('sites', id)?.geometry);
    });
    expect(sites).toHaveLength(2);
    for (const g of sites) {
      const [lon, lat] = (g as unknown as { coordinates: [number, number] }).coordinates;
      expect(lon).toBeGreaterThan(108);
      expect(lon).toBeLessThan(108.2);
      expect(lat).toBeGreaterThan(14);
      expect(lat).toBeLessThan(14.1);
    }
    await page.locator('#import-crs').selectOption('auto');
  });

  it('swaps latitude and longitude back when they are swapped, with a warning', async () => {
    const report = await importCorpusFile('swapped_latlon.csv');
    expect(await report.getAttribute('data-kept')).toBe('4');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('3 dòng có vĩ độ và kinh độ bị đảo');
    expect(text).toContain('3/4 bản ghi có vĩ độ và kinh độ bị đảo');
  });

  it('refuses a file over the size limit before reading it', async () => {
    // bom.csv is 85 bytes: a 50-byte limit stands in for the real 512 MiB.
    await page.evaluate(() => {
      (window as Hooked).__vungphu!.maxImportBytes = 50;
    });
    try {
      const report = await importCorpusFile('bom.csv', false);
      expect(await report.getAttribute('class')).toContain('import-failed');
      expect(await report.textContent()).toMatch(/tệp nặng 85 bytes, vượt giới hạn nhập 50 bytes/);
      expect(await datasetSource('sites')).toBe('imported');
      expect(await page.locator('#status').textContent()).toContain('(swapped_latlon.csv)');
    } finally {
      await page.evaluate(() => {
        (window as Hooked).__vungphu!.maxImportBytes = null;
      });
    }
  });

  it('reads a VN-2000 shapefile through its .prj and keeps everything after a reload', async () => {
    const report = await importCorpusFile('vn2000_with_prj.zip');
    expect(await report.getAttribute('data-kind')).toBe('boundaries');
    expect(await report.locator('.import-crs').textContent()).toContain('VN-2000');
    expect(await datasetSource('boundaries')).toBe('imported');
    const bbox = await page.evaluate(() => (window as Hooked).__vungphu!.store!.snapshot.bbox);
    expect(bbox[0]).toBeCloseTo(108.0, 3);
    expect(bbox[1]).toBeCloseTo(14.0, 3);
    // The reload below starts from the URL: it must name the imported boundaries (written 150 ms after
    // the load, so waited for).
    await waitHash(page, ['set=imported']);

    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    await page.locator('#tabbtn-data').click();
    expect(await datasetSource('boundaries')).toBe('imported');
    expect(await datasetSource('sites')).toBe('imported');
    const after = await page.evaluate(() => (window as Hooked).__vungphu!.store!.snapshot.bbox);
    expect(after).toEqual(bbox);
    expect(blocked).toEqual([]);
  });
});
