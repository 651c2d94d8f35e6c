/**
 * Issue 16, calibration with terrain in the app: with a DEM loaded (a flat synthetic 3″ tile written by
 * the test), the Settings panel's calibration fits the loss offset per operator × technology instead of
 * the radii. The speed tests are generated here from the link budget over the same tile (read with the
 * app's DEM reader) with known offsets: Viettel 4G +6 dB, VNPT 4G +30 dB (beyond the ±20 dB scan, so
 * the panel warns). Served (60 Mb/s) where the received level less the offset reaches the threshold,
 * else 0 Mb/s (as `tests/unit/calibrate_offset.test.ts`). The button then applies the offsets: the
 * footprints shrink (4G area coverage drops), and the state says so, in Vietnamese and English.
 * The boundary set is pinned (`set=pre2025`). Screenshots to look at go to a temporary folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/core/base/types.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../../src/core/geometry/local_projection.ts';
import { pathProfile } from '../../src/core/propagation/path_profile.ts';
import { DEFAULT_RADIO } from '../../src/core/propagation/radio_config.ts';
import { resolveRadioCell } from '../../src/core/propagation/resolve_radio_cell.ts';
import type { Dem } from '../../src/core/terrain/dem.ts';
import { readDem } from '../../src/io/import/dem_read.ts';
import { sitesFromCsv } from '../../src/io/import/sites.ts';
import { seededRandom } from '../support/speed_test_gen.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, waitHash, waitReady } from './page_tools.ts';

const SHOTS = join(tmpdir(), 'vungphu-calibrate-terrain-shots');
const TILE = join(SHOTS, 'N13E108.hgt');
const SITES = join(SHOTS, 'sites_terrain.csv');
const TESTS = join(SHOTS, 'speedtests_terrain.csv');
/** Two omni 4G sites well inside the tile (rural communes), each fitted from its own operator's tests. */
const SITES_CSV = [
  'id,name,lon,lat,technology,operator,band,height_m,status,year',
  'CT-V1,Trạm thử V1,108.3,13.6,4G,Viettel,1800,30,on_air,2019',
  'CT-N1,Trạm thử N1,108.6,13.45,4G,VNPT,1800,30,on_air,2019',
].join('\n');
const OFFSETS: Record<string, number> = { 'CT-V1': 6, 'CT-N1': 30 };

/** 3″ tile N13E108, flat at 500 m. */
function writeTile(): void {
  const n = 1201;
  const b = new Uint8Array(n * n * 2);
  const v = new DataView(b.buffer);
  for (let k = 0; k < n * n; k++) v.setInt16(2 * k, 500, false);
  writeFileSync(TILE, b);
}

/** The setting (urban/rural) of the pre-2025 commune the point lies in, from the bundled boundaries. */
function settingAt(lon: number, lat: number): 'urban' | 'rural' {
  const fc = JSON.parse(
    readFileSync(join(ROOT, 'data/sample/communes-pre2025.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { setting: 'urban' | 'rural' }>;
  const f = fc.features.find((x: Feature<Polygon | MultiPolygon>) =>
    booleanPointInPolygon(point([lon, lat]), x),
  );
  if (!f) throw new Error(`no commune at ${lon}, ${lat}`);
  return f.properties.setting;
}

/** 400 tests per site, 0.2–8 km away: served where the level less the site's offset reaches the threshold. */
function speedTestsCsv(dem: Dem, sites: Site[]): string {
  const rnd = seededRandom(1606);
  const rows = ['lon,lat,technology,operator,download_mbps,upload_mbps,latency_ms,date'];
  const threshold = DEFAULT_RADIO.technologies['4G'].threshold_dbm;
  for (const site of sites) {
    const cell = resolveRadioCell(site, site.cells![0]!, settingAt(site.lon, site.lat), DEFAULT_RADIO);
    const kx = metresPerDegreeLon(site.lat);
    const ky = metresPerDegreeLat(site.lat);
    for (let k = 0; k < 400; k++) {
      const d = 200 + rnd() * 7_800;
      const b = rnd() * 2 * Math.PI;
      const lon = site.lon + (d * Math.sin(b)) / kx;
      const lat = site.lat + (d * Math.cos(b)) / ky;
      const p = pathProfile(cell, dem, lon, lat, DEFAULT_RADIO);
      const served = p.received_dbm - OFFSETS[site.id]! >= threshold;
      const day = String(1 + (k % 28)).padStart(2, '0');
      rows.push(
        `${lon.toFixed(6)},${lat.toFixed(6)},4G,${site.operator},${served ? 60 : 0},${served ? 15 : 0},40,2026-03-${day}`,
      );
    }
  }
  return rows.join('\n');
}

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let loads = 1;

/** The province's Viettel 4G area coverage (%) in the page's current figures. */
const viettel4gArea = () =>
  page.evaluate(() => {
    const units = (window as Hooked).__vungphu!.store!.snapshot.units;
    const p = units.find((u) => u.level === 'province' && u.id === '64')!;
    return p.coverage.find((c) => c.technology === '4G' && c.operator === 'Viettel')!.area_pct;
  });

/**
 * The received level (dBm) the "why" profile gives from site CT-V1 to the point 1.5 km east of it: the
 * site picked in the Sites tab, "why?" in its popup, then a click on the map there.
 */
async function whyReceived(): Promise<number> {
  await page.locator('#tabbtn-sites').click();
  await page.locator('#site-search').fill('ct-v1');
  await expect.poll(() => page.locator('#site-table tbody tr').count()).toBe(1);
  await page.locator('#site-table tbody tr').first().locator('td').nth(2).click();
  await page.waitForFunction(() => {
    const map = (window as Hooked).__vungphu!.map!;
    const c = map.getCenter();
    return !map.isMoving() && Math.abs(c.lng - 108.3) < 1e-4 && Math.abs(c.lat - 13.6) < 1e-4;
  });
  await page.locator('#why-start').click();
  await expect.poll(() => page.locator('#why-hint').textContent()).toContain('CT-V1');
  const east = 108.3 + 1500 / metresPerDegreeLon(13.6);
  const target = await page.evaluate((lon) => (window as Hooked).__vungphu!.map!.project([lon, 13.6]), east);
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.click(box.x + target.x, box.y + target.y);
  await expect.poll(() => page.locator('#why-numbers').count(), { timeout: 30_000 }).toBe(1);
  const text = (await page.locator('#why-numbers tr[data-key="received"] td').textContent()) ?? '';
  await page.locator('#why-close').click();
  return Number(text.replace(' dBm', '').replace('−', '-').replace(',', '.'));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeTile();
  writeFileSync(SITES, SITES_CSV);
  const { dem } = await readDem([{ name: 'N13E108.hgt', bytes: new Uint8Array(readFileSync(TILE)) }]);
  const sites = sitesFromCsv(SITES_CSV, 'sites_terrain.csv').sites;
  expect(sites.map((s) => s.id)).toEqual(['CT-V1', 'CT-N1']);
  writeFileSync(TESTS, speedTestsCsv(dem, sites));
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.origin}/#set=pre2025`);
  expect((await waitReady(page)).error).toBeNull();
  await page.locator('#tabbtn-data').click();
  await page.locator('#file-input').setInputFiles(SITES);
  await page.locator('#import-question #import-replace').click();
  expect((await waitReady(page, ++loads)).error).toBeNull();
  await page.locator('#file-input').setInputFiles(TESTS);
  expect((await waitReady(page, ++loads)).error).toBeNull();
  await page.locator('#file-input').setInputFiles(TILE);
  expect((await waitReady(page, ++loads)).error).toBeNull();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('calibration with a DEM in the app', () => {
  it('fits the loss offsets, not the radii, and warns at the end of the scan', async () => {
    await expect
      .poll(() => page.locator('#dem-status').textContent(), { timeout: 60_000 })
      .toContain('N13E108.hgt');
    await page.locator('#tabbtn-settings').click();
    const group = page.locator('#calibration-settings');
    const rows = group.locator('#calibration-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    expect(await group.locator('legend').textContent()).toBe(
      'Hiệu chỉnh suy hao theo số đo thực tế (có DEM)',
    );
    const viettel = group.locator('tr[data-operator="Viettel"][data-technology="4G"]');
    const vnpt = group.locator('tr[data-operator="VNPT"][data-technology="4G"]');
    // The offsets the tests were generated with (6 dB within a 0.5 dB step; 30 dB clipped to the scan).
    expect(Math.abs(Number(await viettel.getAttribute('data-offset-db')) - 6)).toBeLessThanOrEqual(0.5);
    expect(Number(await vnpt.getAttribute('data-offset-db'))).toBe(20);
    expect(await vnpt.getAttribute('data-at-end')).toBe('1');
    expect(await viettel.getAttribute('data-at-end')).toBeNull();
    expect(await viettel.locator('[data-field="offset"]').textContent()).toMatch(/^\+\d,\d dB$/);
    expect(await viettel.locator('td').nth(1).textContent()).toBe('400');
    // Agreement before → after, and 100 % after for the group generated inside the scan.
    const agreement = (await viettel.locator('td').nth(3).textContent()) ?? '';
    expect(agreement).toMatch(/→ 100,0\s?%$/);
    expect(await group.locator('[data-field="calibration-at-end"]').textContent()).toContain('VNPT 4G');
    expect(await group.locator('[data-field="calibration-at-end"]').textContent()).toContain('±20 dB');
    expect(await group.locator('[data-field="calibration-state"]').textContent()).toContain(
      'chưa hiệu chỉnh',
    );
    expect(await page.evaluate(() => window.location.hash)).not.toContain('calib=1');
    await group.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'calib-offset-vi.png') });
  });

  it('applies the offsets only when the button is pressed: the footprints shrink, and back', async () => {
    const before = await viettel4gArea();
    expect(before).toBeGreaterThan(0);
    const offset = Number(
      await page.locator('#calibration-settings tr[data-operator="Viettel"]').getAttribute('data-offset-db'),
    );
    const levelBefore = await whyReceived();
    expect(Number.isFinite(levelBefore)).toBe(true);
    await page.locator('#tabbtn-settings').click();
    await page.locator('#calibration-apply').click();
    await waitHash(page, ['calib=1']);
    expect((await waitReady(page, ++loads)).error).toBeNull();
    const state = page.locator('#calibration-settings [data-field="calibration-state"]');
    await expect
      .poll(() => state.textContent(), { timeout: 60_000 })
      .toContain('độ lệch suy hao đã hiệu chỉnh');
    // A lower EIRP: a smaller terrain footprint (not one from the cache of the uncalibrated cells).
    const after = await viettel4gArea();
    expect(after).toBeLessThan(before);
    expect(await page.locator('#calibration-apply').textContent()).toBe('Dùng lại quỹ đường truyền mặc định');
    // The "why" profile has the lowered EIRP too: the level at the same point is the offset lower.
    expect(await whyReceived()).toBeCloseTo(levelBefore - offset, 1);
    await page.locator('#tabbtn-settings').click();
    // The banner names what the figures use.
    expect(await page.locator('#banner').textContent()).toMatch(
      /Đã hiệu chỉnh theo đo thực tế: suy hao cộng thêm VNPT 4G \+20,0 dB, Viettel 4G \+\d,\d dB\./,
    );

    await page.locator('.lang-switch button[data-lang="en"]').click();
    await waitHash(page, ['lang=en']);
    await expect
      .poll(() => state.textContent(), { timeout: 60_000 })
      .toBe('The figures use the fitted loss offsets (EIRP lowered by the offset).');
    expect(await page.locator('#calibration-settings legend').textContent()).toBe(
      'Calibrate the path loss to the measurements (with the DEM)',
    );
    expect(await page.locator('[data-field="calibration-at-end"]').textContent()).toContain(
      'at the end of the ±20 dB scan',
    );
    expect(await page.locator('#banner').textContent()).toContain(
      'Calibrated to the speed tests: loss offset VNPT 4G +20.0 dB',
    );
    await page.locator('#calibration-settings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'calib-offset-en.png') });

    await page.locator('#calibration-apply').click();
    await waitHash(page, [], ['calib=1']);
    expect((await waitReady(page, ++loads)).error).toBeNull();
    await expect
      .poll(() => state.textContent(), { timeout: 60_000 })
      .toBe('The figures use the default link budget (not calibrated).');
    expect(await viettel4gArea()).toBeCloseTo(before, 9);
    expect(await page.locator('#banner').textContent()).not.toContain('Calibrated');
    await page.locator('.lang-switch button[data-lang="vi"]').click();
  });
});
