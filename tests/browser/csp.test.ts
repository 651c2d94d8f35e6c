/**
 * The built app under its own Content-Security-Policy (index.html's meta tag), as a user runs it: the
 * other browser tests bypass the policy (harness.ts `offlineContext`) so that their route sees every
 * outside request, which would also hide a request the policy refuses. Here the policy is enforced,
 * and every `securitypolicyviolation` is collected — in the page (an init script) and in its workers
 * (a listener added to each worker, which reports through the console), plus any console message
 * about the Content Security Policy — while the test loads the sample, makes a what-if edit, runs
 * Suggest once, exports an XLSX, imports a radio config, imports a DEM tile and turns the hillshade
 * on. None may be refused, and the hillshade (a `data:` PNG that MapLibre fetches) must be drawn.
 *
 * A meta-tag policy governs the document only: the workers, loaded from the app's own URLs, take their
 * policy from their own response headers, and `vite preview` (like a plain static host) sends none, so
 * today they run under no policy (a `data:` fetch in each worker succeeds). Their listener is there for
 * a host that sends the policy as a header too.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import { type Hooked, mapIdle, waitReady, waitUpdates } from './page_tools.ts';

const DIR = join(tmpdir(), 'vungphu-csp');
const TILE = join(DIR, 'N13E108.hgt');
const RADIO = join(DIR, 'radio.json');
/** The screenshot with the hillshade drawn, to look at (kept after the test). */
const SHOTS = join(tmpdir(), 'vungphu-csp-shots');

/** A 3″ SRTM tile N13E108: 500 m plains with a 400 m north–south ridge along 108.03° E. */
function writeTile(): void {
  const n = 1201;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const lon = 108 + c / 1200;
      const h = 500 + 400 * Math.exp(-(((lon - 108.03) / 0.006) ** 2));
      v.setInt16(2 * (r * n + c), Math.round(h), false);
    }
  writeFileSync(TILE, b);
}

type Violations = Window & { __csp?: string[] };

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let blocked: string[];
let page: Page;
let loads = 1;
/** Console messages about the policy, from the page and its workers. */
const consoleCsp: string[] = [];
const pageErrors: string[] = [];

/** Every violation so far: the page's events and the console's messages. */
async function violations(): Promise<string[]> {
  const inPage = await page.evaluate(() => (window as Violations).__csp ?? []);
  return [...inPage, ...consoleCsp];
}

function watchWorker(worker: Worker): void {
  worker.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text()))
      consoleCsp.push(`worker ${worker.url()}: ${m.text().slice(0, 160)}`);
  });
  // A violation in a worker fires on the worker's global scope, not the page's document.
  worker
    .evaluate(() =>
      self.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.effectiveDirective} ${e.blockedURI}`),
      ),
    )
    .catch(() => {
      // A worker that ended before the listener went in.
    });
}

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  writeTile();
  writeFileSync(RADIO, JSON.stringify({ radio: { technologies: { '4G': { threshold_dbm: -100 } } } }));
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context, blocked } = await offlineContext(browser, server.origin, { enforceCsp: true }));
  page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as Violations;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp!.push(`page: ${e.effectiveDirective} ${e.blockedURI.slice(0, 60)} (${e.sourceFile})`),
    );
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(`page: ${m.text().slice(0, 160)}`);
  });
  page.on('worker', watchWorker);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  rmSync(DIR, { recursive: true, force: true });
});

describe('the app under its own Content-Security-Policy', () => {
  it('the policy is the one index.html states (not bypassed)', async () => {
    const policy = await page.evaluate(
      () =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    expect(policy).toContain("default-src 'self'");
    // Enforced: an inline script is refused, and reported as a violation.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true;';
      document.head.append(s);
      return (window as Window & { __inline?: boolean }).__inline === true;
    });
    expect(ran).toBe(false);
    await expect.poll(violations).toContainEqual(expect.stringContaining('script-src'));
    // That one was ours: start counting afresh.
    await page.evaluate(() => {
      (window as Violations).__csp = [];
    });
    consoleCsp.length = 0;
  });

  it('a what-if edit, Suggest once, an XLSX export and a radio config: nothing refused', async () => {
    await page.locator('#tabbtn-scenario').click();
    await page.locator('#mode-add-site').click();
    await page.locator('#new-tech-5G').check();
    const updates = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await waitUpdates(page, updates + 1);
    expect(await page.locator('#change-list li').count()).toBe(1);
    await page.keyboard.press('Escape');

    await page.locator('#suggest-k').fill('1');
    await page.locator('#suggest-k').dispatchEvent('change');
    await page.locator('#suggest-run').click();
    await page.waitForFunction(() => document.querySelector('#suggest-status progress') === null);
    await page.waitForSelector('#suggest-table tbody tr');
    expect(await page.locator('#suggest-table tbody tr').count()).toBe(1);

    await page.locator('#tabbtn-report').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 110_000 }),
      page.locator('#export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = join(DIR, download.suggestedFilename());
    await download.saveAs(path);

    await page.locator('#tabbtn-data').click();
    await page.locator('#file-input').setInputFiles(RADIO);
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await expect
      .poll(() => page.locator('#radio-status').textContent())
      .toBe('Cấu hình vô tuyến: tệp radio.json');
    expect(await violations()).toEqual([]);
  });

  it('a DEM tile and its hillshade: the data: image is fetched and drawn', async () => {
    await page.locator('#file-input').setInputFiles(TILE);
    loads++;
    expect((await waitReady(page, loads)).error).toBeNull();
    await expect.poll(() => page.locator('#dem-status').textContent()).toContain('1 ô (N13E108.hgt)');
    await page.locator('#tabbtn-map').click();
    await page.evaluate(() =>
      (window as Hooked).__vungphu!.map!.jumpTo({ center: [108.03, 13.5], zoom: 11 }),
    );
    await mapIdle(page);
    const canvas = page.locator('canvas.maplibregl-canvas');
    const without = await canvas.screenshot();
    await page.locator('#layer-hillshade').check();
    const source = () =>
      page.evaluate(() => {
        const map = (window as Hooked).__vungphu!.map!;
        const s = map.getSource('hillshade') as unknown as
          | { loaded(): boolean; image?: { width: number } }
          | undefined;
        return {
          visibility: map.getLayoutProperty('hillshade', 'visibility') as string,
          loaded: s?.loaded() ?? false,
          width: s?.image?.width ?? 0,
        };
      });
    // loaded() turns true on a refused image too (MapLibre then fires an error): the image is the test.
    await expect.poll(source).toMatchObject({ visibility: 'visible', loaded: true });
    expect(await violations()).toEqual([]);
    expect((await source()).width).toBeGreaterThan(100);
    await mapIdle(page);
    const withShade = await canvas.screenshot();
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'hillshade-csp.png'), withShade);
    // The ridge's shading shows through the map: many pixels change when the hillshade is drawn.
    const changed = await page.evaluate(
      async ({ a, b }) => {
        const load = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const c = document.createElement('canvas');
          c.width = image.naturalWidth;
          c.height = image.naturalHeight;
          const ctx = c.getContext('2d', { willReadFrequently: true })!;
          ctx.drawImage(image, 0, 0);
          return ctx.getImageData(0, 0, c.width, c.height).data;
        };
        const [x, y] = await Promise.all([load(a), load(b)]);
        let n = 0;
        for (let i = 0; i < x.length; i += 4)
          if (
            Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!) >
            12
          )
            n++;
        return n / (x.length / 4);
      },
      { a: without.toString('base64'), b: withShade.toString('base64') },
    );
    console.info(`hillshade under the CSP: ${(changed * 100).toFixed(1)}% of the map's pixels changed`);
    // 7.7 % on the test machine (the ridge's band and the plain's flat grey under the communes' fill);
    // refused, the image is absent and nothing changes.
    expect(changed).toBeGreaterThan(0.03);
    expect(await violations()).toEqual([]);
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
