/**
 * The analysis settings of the app (Settings tab): the postal counting rule and the fiber reach
 * distance change the figures exactly as the CLI's --postal-count and --fiber-reach-m do, are kept in
 * the URL, and keep the scenario's edits.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { area, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, mapIdle, waitHash, waitReady, waitUpdates } from './page_tools.ts';

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const out = mkdtempSync(join(tmpdir(), 'vungphu-settings-'));
let cli: CoverageReport;
let defaults: CoverageReport;

const analyze = (dir: string, args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [`${ROOT}bin/vungphu.mjs`, 'analyze', '--boundary-set', 'pre2025', '--out', dir, ...args],
    {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );

beforeAll(async () => {
  await Promise.all([
    analyze(join(out, 'custom'), ['--postal-count', 'post_office,agent', '--fiber-reach-m', '2500']),
    analyze(join(out, 'default'), []),
  ]);
  cli = JSON.parse(readFileSync(join(out, 'custom/report.json'), 'utf8')) as CoverageReport;
  defaults = JSON.parse(readFileSync(join(out, 'default/report.json'), 'utf8')) as CoverageReport;
  [server, browser] = await Promise.all([startPreview(), launchChromium()]);
  ({ context } = await offlineContext(browser, server.origin));
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  rmSync(out, { recursive: true, force: true });
});

/** Postal R̄ and fiber reach of every commune, as the app holds them. */
const appFigures = () =>
  page.evaluate(() =>
    (window as Hooked).__vungphu!.store!.unitsOf('commune').map((u) => ({
      id: u.id,
      radius: u.postal?.avg_service_radius_km ?? null,
      counted: u.postal?.points ?? null,
      reach: u.fiber?.population_within_reach_pct ?? null,
    })),
  );

const cliFigures = (r: CoverageReport) =>
  r.units
    .filter((u) => u.level === 'commune')
    .map((u) => ({
      id: u.id,
      radius: u.postal?.avg_service_radius_km ?? null,
      counted: u.postal?.points ?? null,
      reach: u.fiber?.population_within_reach_pct ?? null,
    }));

describe('analysis settings', () => {
  it('recompute with the chosen counting rule and fiber reach, equal to the CLI with the same flags', async () => {
    await page.goto(`${server!.origin}/#set=pre2025`);
    expect((await waitReady(page)).error).toBeNull();
    expect(await appFigures()).toEqual(cliFigures(defaults));

    await page.locator('#tabbtn-settings').click();
    await page.locator('#count-cultural_post_point').uncheck();
    await page.locator('#count-kiosk').uncheck();
    await page.locator('#fiber-reach').fill('2500');
    await page.locator('#analysis-apply').click();
    expect((await waitReady(page, 2)).error).toBeNull();
    const figures = await appFigures();
    expect(figures).toEqual(cliFigures(cli));
    // The settings changed something (else the test would prove nothing).
    expect(figures).not.toEqual(cliFigures(defaults));
    // And R̄ by a second method: N counted here (Turf point-in-polygon over the postal file, the chosen
    // types only), S by Turf's spherical area; R̄ = √(S/(πN)) within 0.5 % (sphere against ellipsoid).
    const communeFc = JSON.parse(readFileSync(`${ROOT}data/sample/communes-pre2025.geojson`, 'utf8')) as {
      features: Feature<Polygon | MultiPolygon, { id: string }>[];
    };
    const postalFc = JSON.parse(readFileSync(`${ROOT}data/synthetic/postal.synthetic.geojson`, 'utf8')) as {
      features: Feature<Point, { type: string }>[];
    };
    const counted = postalFc.features.filter((p) => /^(post_office|agent)/.test(p.properties.type));
    let checked = 0;
    for (const c of communeFc.features.slice(0, 60)) {
      const n = counted.filter((p) => booleanPointInPolygon(p, c)).length;
      const mine = figures.find((f) => f.id === c.properties.id)!;
      expect(mine.counted, c.properties.id).toBe(n);
      if (n === 0) {
        expect(mine.radius).toBeNull();
        continue;
      }
      const want = Math.sqrt(area(c) / 1e6 / (Math.PI * n));
      expect(Math.abs(mine.radius! - want) / want, c.properties.id).toBeLessThan(0.005);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    // They are kept in the URL (written 150 ms after the last change of the view: waited for).
    const link = await waitHash(page, ['count=post_office%2Cagent', 'reach=2500']);

    // A link reproduces them.
    const second = await context.newPage();
    await second.goto(link);
    expect((await waitReady(second)).error).toBeNull();
    const linked = await second.evaluate(() =>
      (window as Hooked)
        .__vungphu!.store!.unitsOf('commune')
        .map((u) => u.postal?.avg_service_radius_km ?? null),
    );
    expect(linked).toEqual(cliFigures(cli).map((f) => f.radius));
    await second.close();
  });

  it('refuses an empty counting rule with a message', async () => {
    for (const c of ['post_office', 'agent']) await page.locator(`#count-${c}`).uncheck();
    await page.locator('#analysis-apply').click();
    await expect
      .poll(() => page.locator('#analysis-problem').textContent())
      .toBe('Chọn ít nhất một loại điểm.');
  });
});

describe('what-if: drag a picked site to move it', () => {
  it('moves the site where it is dropped, as one move edit recomputed in the worker', async () => {
    const p = await context.newPage();
    try {
      await p.goto(`${server!.origin}/#set=pre2025&map=108.00000,13.98000,11.50&tab=scenario`);
      expect((await waitReady(p)).error).toBeNull();
      // A site drawn as a dot (not a cluster), well inside the view, once the map has drawn everything.
      await mapIdle(p);
      const site = await p.evaluate(() => {
        const map = (window as Hooked).__vungphu!.map!;
        const { width, height } = map.getCanvas().getBoundingClientRect();
        for (const f of map.queryRenderedFeatures({ layers: ['sites-point'] })) {
          if (f.geometry.type !== 'Point') continue;
          const [lon, lat] = f.geometry.coordinates as [number, number];
          const pt = map.project([lon, lat]);
          if (pt.x > 450 && pt.x < width - 120 && pt.y > 120 && pt.y < height - 120)
            return { id: String(f.properties.id), x: pt.x, y: pt.y };
        }
        return null;
      });
      expect(site).not.toBeNull();
      const box = (await p.locator('#map canvas').boundingBox())!;
      const at = { x: box.x + site!.x, y: box.y + site!.y };
      await p.mouse.click(at.x, at.y);
      await expect.poll(() => p.locator('.maplibregl-popup').count()).toBe(1);
      const updates = await p.evaluate(() => (window as Hooked).__vungphu!.updates);
      const drop = { x: at.x + 70, y: at.y + 40 };
      await p.mouse.move(at.x, at.y);
      await p.mouse.down();
      await p.mouse.move(at.x + 20, at.y + 10, { steps: 3 });
      await p.mouse.move(drop.x, drop.y, { steps: 5 });
      await p.mouse.up();
      await waitUpdates(p, updates + 1);
      const moved = await p.evaluate(
        ({ id, x, y }) => {
          const hook = (window as Hooked).__vungphu!;
          const f = hook.store!.feature('sites', id)!;
          const want = hook.map!.unproject([x, y]);
          return { at: (f.geometry as { coordinates: number[] }).coordinates, want: [want.lng, want.lat] };
        },
        { id: site!.id, x: site!.x + 70, y: site!.y + 40 },
      );
      // Within a pixel of the drop point (mouse events carry whole pixels; a pixel is ≈ 30 m here).
      expect(Math.abs(moved.at[0]! - moved.want[0]!)).toBeLessThan(4e-4);
      expect(Math.abs(moved.at[1]! - moved.want[1]!)).toBeLessThan(4e-4);
      const changes = await p.locator('#change-list li').allTextContents();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toContain(`Di chuyển trạm ${site!.id}`);
    } finally {
      await p.close();
    }
  });
});
