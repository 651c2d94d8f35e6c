/**
 * The column mapping form, in a real browser: a CSV whose headers are not recognised ("Cột A, Cột B,
 * …") shows a form listing its columns beside the fields needed; applying the mapping imports the
 * sites; a second file with the same header imports straight away with the mapping remembered
 * (localStorage). Screenshots of the form in Vietnamese and English go to tests/browser/__screenshots__/ (*.actual.png, not kept).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import { answering, SCREENSHOTS, waitReady } from './page_tools.ts';

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let loads = 1;

const HEADER = 'Cột A,Cột B,Cột C,Cột D,Cột E,Cột F';
const csv = (ids: string[]) =>
  `${HEADER}\n${ids.map((id, i) => `${id},Trạm ${i + 1},${(108.0 + i * 0.02).toFixed(4)},13.98,4G,Viettel`).join('\n')}\n`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
  await page.locator('#tabbtn-data').click();
  await page.locator('#import-kind').selectOption('sites');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function pick(name: string, text: string): Promise<void> {
  const before = await page.locator('.import-report').count();
  await page.locator('#file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect
    .poll(() => answering(page, () => page.locator('.import-report').count()), { timeout: 60_000 })
    .toBe(before + 1);
}

describe('the column mapping form', () => {
  it('headers that are not recognised: the form, filled and applied once, imports the sites', async () => {
    await pick('cot.csv', csv(['T1', 'T2', 'T3']));
    const report = page.locator('.import-report').first();
    expect(await report.getAttribute('class')).toContain('import-failed');
    const form = report.locator('.columns-form');
    expect(await form.getAttribute('data-kind')).toBe('sites');
    expect(await form.locator('h5').textContent()).toBe('Chọn cột cho từng trường');
    // Every column of the file is offered beside each field; nothing is guessed from "Cột A".
    const options = await form.locator('select[data-field="id"] option').allTextContents();
    expect(options).toEqual(['— không dùng —', 'Cột A', 'Cột B', 'Cột C', 'Cột D', 'Cột E', 'Cột F']);
    expect(await form.locator('select[data-field="lon"]').inputValue()).toBe('\u0000');
    await form.locator('select[data-field="id"]').selectOption('Cột A');
    // The optional fields are folded away until asked for.
    expect(await form.locator('select[data-field="name"]').isVisible()).toBe(false);
    await form.locator('.columns-optional summary').click();
    await form.locator('select[data-field="name"]').selectOption('Cột B');
    await form.locator('select[data-field="lon"]').selectOption('Cột C');
    await form.locator('select[data-field="lat"]').selectOption('Cột D');
    await form.locator('select[data-field="technology"]').selectOption('Cột E');
    await form.locator('select[data-field="operator"]').selectOption('Cột F');
    await page.locator('#import-reports').screenshot({ path: `${SCREENSHOTS}columns-form-vi.actual.png` });
    await page.locator('#apply-columns').click();
    await page.locator('#import-question #import-replace').click({ timeout: 60_000 });
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    const done = page.locator('.import-report').first();
    expect(await done.getAttribute('data-kept')).toBe('3');
    expect(await page.locator('.columns-form').count()).toBe(0);
    expect(await done.locator('.import-columns').textContent()).toBe(
      'Cột đã dùng: id ← Cột A, name ← Cột B, lon ← Cột C, lat ← Cột D, technology ← Cột E, operator ← Cột F',
    );
    expect(await page.locator('#dataset-table tr[data-kind="sites"]').getAttribute('data-source')).toBe(
      'imported',
    );
    expect(await page.locator('#status').textContent()).toContain('3 trạm (cot.csv)');
  });

  it('a second file with the same header imports with the remembered mapping', async () => {
    await pick('cot2.csv', csv(['U1', 'U2']));
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    const report = page.locator('.import-report').first();
    expect(await report.getAttribute('data-kept')).toBe('2');
    expect(await report.locator('.columns-form').count()).toBe(0);
    expect(await report.locator('.import-columns').textContent()).toContain(
      'Cột theo cách gán đã nhớ cho tiêu đề này: id ← Cột A',
    );
    expect(await page.locator('#status').textContent()).toContain('2 trạm (cot2.csv)');
  });

  it('the form in English', async () => {
    await page.locator('.lang-switch button[data-lang="en"]').click();
    await page.locator('#import-kind').selectOption('sites');
    await pick('other.csv', 'Cột X,Cột Y,Kinh độ,Vĩ độ\nA,B,108,14\n');
    const form = page.locator('.import-report').first().locator('.columns-form');
    expect(await form.locator('h5').textContent()).toBe('Choose the column of each field');
    // The recognised columns are chosen already.
    expect(await form.locator('select[data-field="lon"]').inputValue()).toBe('Kinh độ');
    expect(await form.locator('select[data-field="lat"]').inputValue()).toBe('Vĩ độ');
    await page.locator('#import-reports').screenshot({ path: `${SCREENSHOTS}columns-form-en.actual.png` });
  });
});
