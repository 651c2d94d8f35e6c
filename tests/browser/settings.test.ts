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
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report.ts';
import { launchChromium, offlineContext, type PreviewServer, ROOT, startPreview } from './harness.ts';
import { type Hooked, waitReady } from './page_tools.ts';

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const out = mkdtempSync(join(tmpdir(), 'vungphu-settings-'));
let cli: CoverageReport;
let defaults: CoverageReport;

const analyze = (dir: string, args: string[]) =>
  promisify(execFile)(process.execPath, [`${ROOT}bin/vungphu.mjs`, 'analyze', '--out', dir, ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });

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
    await page.goto(`${server!.origin}/`);
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
    expect(page.url()).toContain('count=post_office%2Cagent');
    expect(page.url()).toContain('reach=2500');

    // A link reproduces them.
    const link = page.url();
    const second = await context.newPage();
    await second.goto(link);
    await second.waitForFunction(() => (window as Hooked).__vungphu?.ready === true, null, {
      timeout: 100_000,
    });
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
    expect(await page.locator('#analysis-problem').textContent()).toBe('Chọn ít nhất một loại điểm.');
  });
});
