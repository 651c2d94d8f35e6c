/**
 * The plan's own 2025 figure in the app (issue 16): the Gia Lai panel shows "Kế hoạch báo cáo (2025):
 * 91% khu vực có dân cư — mô hình: x,x%" under the 5G populated-area row, as a reported result (no
 * met / not-met badge) with its source line, in Vietnamese and English, and ours follows a what-if
 * edit. The plan's 91 is read from data/targets/gialai.json, ours from the unit's own 5G populated
 * share in the store; the boundary set is pinned (`set=pre2025`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, waitReady, waitUpdates } from './page_tools.ts';

const SHOTS = process.env.SHOTS_DIR;
/** Gia Lai before the 2025 merger (data/sample/provinces-pre2025.geojson). */
const GIA_LAI = '64';

interface Reported {
  id: string;
  metric: string;
  technology: string | null;
  value: number;
  year: number | null;
  source: { line: number; quote: string };
}
const plan = (
  JSON.parse(readFileSync(join(ROOT, 'data/targets/gialai.json'), 'utf8')) as { reported: Reported[] }
).reported.find((r) => r.id === 'GL-R-5G-populated-2025')!;

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

/** Gia Lai's 5G populated-area share at any operator, as the store holds it (report.json rounding). */
const ours = () =>
  page.evaluate((id) => {
    const u = (window as Hooked).__vungphu!.store!.unit('province', id)!;
    return u.coverage.find((c) => c.technology === '5G' && c.operator === 'all')?.populated_area_pct ?? null;
  }, GIA_LAI);

const pct = (lang: 'vi-VN' | 'en-US', v: number, digits: number) =>
  `${new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)}%`;

describe("the plan's reported 91 % beside ours", () => {
  it('the Gia Lai panel: under the 5G populated-area row, no badge, with its source; ours follows an edit', async () => {
    expect(plan.metric).toBe('mobile.populated_area_pct');
    await page.goto(`${server!.origin}/#set=pre2025&sel=p:${GIA_LAI}`);
    expect((await waitReady(page)).error).toBeNull();
    const panel = page.locator('#unit-panel');
    const line = panel.locator(`[data-reported="${plan.id}"]`);
    await expect.poll(() => line.count(), { timeout: 30_000 }).toBe(1);
    const value = await ours();
    expect(value).not.toBeNull();
    expect(await line.textContent()).toBe(
      `Kế hoạch báo cáo (${plan.year}): ${pct('vi-VN', plan.value, 0)} khu vực có dân cư — mô hình: ${pct('vi-VN', value!, 1)}`,
    );
    // Right under the row of the figure it is compared with, and the same figure as that row shows.
    const row = line.locator('xpath=ancestor::tr[1]/preceding-sibling::tr[1]');
    expect(await row.locator('td').getAttribute('data-field')).toBe('populated-5G');
    expect(await row.locator('td').textContent()).toBe(pct('vi-VN', value!, 1));
    // A reported result, not a target: no badge, no met / not-met colour, its source line.
    const cell = line.locator('xpath=ancestor::td[1]');
    expect(await cell.locator('.badge').count()).toBe(0);
    const note = await panel.locator(`[data-reported-source="${plan.id}"]`).textContent();
    expect(note).toContain('không phải chỉ tiêu');
    expect(note).toContain('Kế hoạch Chuyển đổi số tỉnh Gia Lai năm 2026');
    expect(note).toContain(`dòng ${plan.source.line}`);
    expect(note).toContain(plan.source.quote);
    expect(note).not.toContain('seeds/');
    // The plan reports on Gia Lai as merged (2025 boundaries): the pre-2025 panel says so.
    expect(note).toContain('theo ranh giới từ 01/7/2025; ở đây Gia Lai theo ranh giới trước 01/7/2025');
    await line.scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reported_panel_vi.png` });

    // A 5G site of 4 km in Pleiku: our figure moves, the plan's stays.
    await page.locator('#tabbtn-scenario').click();
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.0, 13.98], zoom: 11 }),
    );
    await page.locator('#mode-add-site').click();
    await page.locator('#new-tech-5G').check();
    await page.locator('#new-radius').fill('4000');
    const updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.locator('#add-at-centre').click();
    await waitUpdates(page, updates + 1);
    await page.locator('#mode-browse').click();
    const after = await ours();
    expect(after!).toBeGreaterThan(value!);
    await expect
      .poll(() => line.textContent())
      .toBe(
        `Kế hoạch báo cáo (${plan.year}): ${pct('vi-VN', plan.value, 0)} khu vực có dân cư — mô hình: ${pct('vi-VN', after!, 1)}`,
      );
    await page.locator('#reset').click();
    await waitUpdates(page, updates + 2);
    expect(await ours()).toBe(value);
  });

  it('in English', async () => {
    await page.goto(`${server!.origin}/#set=pre2025&sel=p:${GIA_LAI}&lang=en`);
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    const line = page.locator(`#unit-panel [data-reported="${plan.id}"]`);
    await expect.poll(() => line.count(), { timeout: 30_000 }).toBe(1);
    const value = await ours();
    expect(await line.textContent()).toBe(
      `Reported by the plan (${plan.year}): ${pct('en-US', plan.value, 0)} of the populated area — model: ${pct('en-US', value!, 1)}`,
    );
    const note = await page.locator(`#unit-panel [data-reported-source="${plan.id}"]`).textContent();
    expect(note).toContain('not a target');
    expect(note).toContain(`plan text line ${plan.source.line}`);
    await line.scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reported_panel_en.png` });
  });

  it("Đắk Nông's panel has no reported line (its plan reports no such figure)", async () => {
    await page.goto(`${server!.origin}/#set=pre2025&sel=p:67&lang=en`);
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    await expect.poll(() => page.locator('#unit-panel [data-field="populated-5G"]').count()).toBe(1);
    expect(await page.locator('#unit-panel [data-reported]').count()).toBe(0);
  });

  it('on the 2025 boundaries: the merged Gia Lai, and no note about other boundaries', async () => {
    await page.goto(`${server!.origin}/#set=2025&sel=p:52`);
    await page.reload();
    expect((await waitReady(page)).error).toBeNull();
    const line = page.locator(`#unit-panel [data-reported="${plan.id}"]`);
    await expect.poll(() => line.count(), { timeout: 30_000 }).toBe(1);
    const value = await page.evaluate(() => {
      const u = (window as Hooked).__vungphu!.store!.unit('province', '52')!;
      return (
        u.coverage.find((c) => c.technology === '5G' && c.operator === 'all')?.populated_area_pct ?? null
      );
    });
    expect(await line.textContent()).toBe(
      `Kế hoạch báo cáo (${plan.year}): ${pct('vi-VN', plan.value, 0)} khu vực có dân cư — mô hình: ${pct('vi-VN', value!, 1)}`,
    );
    const note = await page.locator(`#unit-panel [data-reported-source="${plan.id}"]`).textContent();
    expect(note).not.toContain('không cùng một địa bàn');
  });
});
