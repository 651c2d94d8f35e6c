/**
 * Browser tests of the "Suggest sites" panel (issue 6) on the built app: the worker's plan on the
 * bundled sample must equal `planSites` / `suggestPostalPoints` run in Node on the same files (as the
 * CLI reads them); the candidates and the chosen sites are on the map; "Accept all" adds the sites
 * to the scenario in one recompute, and the app's figures then equal `runAnalysis` in Node with those
 * sites added; one undo takes them all out again.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCandidates } from '../../src/app/worker/worker_plan.ts';
import { SAMPLE } from '../../src/cli/paths.ts';
import type { Village } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { planSites } from '../../src/core/planning/plan_sites.ts';
import type { Candidate, SitePlan } from '../../src/core/planning/plan_types.ts';
import { suggestPostalPoints } from '../../src/core/planning/suggest_postal_points.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { postalFromGeoJSON } from '../../src/io/import/postal.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';
import { launchChromium, offlineContext, type PreviewServer, startPreview } from './harness.ts';
import {
  countEditRequests,
  type Hooked,
  mapIdle,
  storedSession,
  waitReady,
  waitUpdates,
} from './page_tools.ts';

const PROVINCE = '64';
const K = 3;
const read = (p: string) => readFileSync(p, 'utf8');
/** As report.json rounds shares (4 decimals). */
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const en = {
  int: (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(v),
  pct2: (v: number) =>
    `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)}%`,
  pct1: (v: number) =>
    `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`,
};

let communes: Commune[];
let sites: Site[];
let villages: Village[];
let plan: SitePlan;
let candidates: Candidate[];
let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let blocked: string[];
let page: Page;

/** The province's 5G population coverage (any operator) as report.json rounds it, from Node. */
function province5g(extra: Site[]): number {
  const r = runAnalysis({ communes, sites: [...sites, ...extra], villages });
  const u = r.units.find((x) => x.level === 'province' && x.id === PROVINCE)!;
  return round(u.coverage.find((c) => c.technology === '5G' && c.operator === 'all')!.population_pct, 4);
}

/** The same figure in the app (the store behind the province summary line). */
async function app5g(): Promise<number> {
  return page.evaluate((id) => {
    const u = (window as Hooked).__vungphu!.store!.unit('province', id)!;
    return u.coverage.find((c) => c.technology === '5G' && c.operator === 'all')!.population_pct;
  }, PROVINCE);
}

const summaryLine = () => page.locator(`#summary [data-province="${PROVINCE}"]`).textContent();

/**
 * Clicks "Run" and waits until the plan has finished: the click shows the progress bar at once, and the
 * result (or the error) replaces it. The previous result stays on screen while a plan runs, so waiting
 * for a result element alone could find the old one.
 */
async function runPlan(): Promise<void> {
  await page.locator('#suggest-run').click();
  await page.waitForFunction(() => document.querySelector('#suggest-status progress') === null);
}

beforeAll(async () => {
  communes = communesFromGeoJSON(read(SAMPLE.boundaries.pre2025), { file: 'b' }).communes;
  sites = sitesFromGeoJSON(read(SAMPLE.sites), 's').sites;
  villages = villagesFromGeoJSON(read(SAMPLE.villages), 'v').villages;
  // The panel's candidates (commune centres, uncovered villages, gap grid: generated from the villages),
  // planned on people counted as the map counts them (no population file: census spread evenly).
  candidates = requestCandidates(
    { communes, sites, villages, postal: null, countingRule: [] },
    {
      mode: 'sites',
      technology: '5G',
      operator: null,
      siteOperator: 'MobiFone',
      radius_m: null,
      sources: { centres: true, villages: true, grid: true },
      candidatesCsv: null,
      k: K,
      targetPct: null,
      measure: 'population',
      scope: { kind: 'province', id: PROVINCE },
    },
  ).candidates;
  plan = planSites(
    { communes, sites, candidates },
    { technology: '5G', k: K, scope: { kind: 'province', id: PROVINCE } },
  );
  server = await startPreview();
  browser = await launchChromium();
  ({ context, blocked } = await offlineContext(browser, server.origin));
  page = await context.newPage();
  await countEditRequests(page);
  await page.goto(`${server.origin}/#set=pre2025&lang=en&tech=5G&tab=scenario`);
  const state = await waitReady(page);
  expect(state.error).toBeNull();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('Suggest sites panel', () => {
  it('plans 5G, k = 3, province scope in the worker: rows equal planSites in Node', async () => {
    await page.locator('#suggest-k').fill(String(K));
    await page.locator('#suggest-k').dispatchEvent('change');
    await page.locator('#suggest-scope').selectOption(`province:${PROVINCE}`);
    await runPlan();
    await page.waitForSelector('#suggest-table tbody tr');
    const rows = await page.locator('#suggest-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        rank: (tr as HTMLElement).dataset.rank,
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        id: tr.querySelector('button.link')?.textContent ?? '',
      })),
    );
    expect(plan.rows).toHaveLength(K);
    expect(rows).toHaveLength(K);
    rows.forEach((r, i) => {
      const want = plan.rows[i]!;
      const name = communes.find((c) => c.id === want.commune_id)?.name ?? '';
      expect(r.rank).toBe(String(want.rank));
      expect(r.id).toBe(want.candidate_id);
      expect(r.cells[1]).toContain(name);
      expect(r.cells[2]).toBe(en.int(want.gained_population));
      expect(r.cells[3]).toBe(en.pct2(want.cumulative_population_pct));
    });
    const summary = await page.locator('#suggest-summary').textContent();
    const gained = plan.rows.reduce((s, r) => s + r.gained_population, 0);
    expect(summary).toContain(`${en.pct2(plan.existing.population_pct)} with existing sites`);
    expect(summary).toContain(`${en.pct2(plan.curve.at(-1)!.population_pct)} with ${K} new site(s)`);
    expect(summary).toContain(`+${en.int(gained)} people`);
    // The curve: one point per site plus the start.
    expect(await page.locator('svg.suggest-curve circle.pt').count()).toBe(K + 1);
  });

  it('shows the candidates and the chosen sites (numbered) on the map', async () => {
    await mapIdle(page);
    const onMap = await page.evaluate(async () => {
      const map = (window as Hooked).__vungphu!.map!;
      const data = async (id: string) =>
        (await (map.getSource(id) as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }).getData())
          .features;
      const candidates = await data('suggest-candidates');
      const chosen = await data('suggest-chosen');
      const footprints = await data('suggest-footprints');
      return {
        candidates: candidates.length,
        chosen: chosen.map((f) => (f.geometry as GeoJSON.Point).coordinates),
        footprints: footprints.length,
        layers: ['suggest-candidates-circle', 'suggest-chosen-circle', 'suggest-footprints-fill'].every(
          (l) => map.getLayer(l) !== undefined,
        ),
        markers: [...document.querySelectorAll('.suggest-marker')].map((m) => m.textContent),
      };
    });
    expect(onMap.layers).toBe(true);
    expect(onMap.candidates).toBe(Math.min(5000, plan.candidates.total));
    expect(onMap.candidates).toBeGreaterThan(K);
    expect(onMap.chosen).toEqual(plan.rows.map((r) => [r.lon, r.lat]));
    expect(onMap.footprints).toBe(K);
    expect(onMap.markers).toEqual(plan.rows.map((r) => String(r.rank)));
  });

  it('clicking a row flies the map to that candidate', async () => {
    const row = plan.rows[1]!;
    await page.locator('#suggest-fly-2').click();
    await page.waitForFunction(
      ({ lon, lat }) => {
        const c = (window as Hooked).__vungphu!.map!.getCenter();
        return Math.abs(c.lng - lon) < 1e-3 && Math.abs(c.lat - lat) < 1e-3;
      },
      { lon: row.lon, lat: row.lat },
    );
  });

  it('"Accept all" adds the sites in one recompute; the app equals runAnalysis with them; undo removes them', async () => {
    const before = await app5g();
    expect(before).toBe(province5g([]));
    const covered = () =>
      page.evaluate((id) => {
        const u = (window as Hooked).__vungphu!.store!.unit('province', id)!;
        return u.coverage.find((c) => c.technology === '5G' && c.operator === 'all')!.covered_population;
      }, PROVINCE);
    const coveredBefore = await covered();
    // Issue 15: before accepting, the panel says what the map will show after "Accept all".
    const onMap = (await page.locator('#suggest-on-map').textContent()) ?? '';
    const lineBefore = await summaryLine();
    expect(lineBefore).toContain(en.pct1(before));
    const counts = () =>
      page.evaluate(() => ({
        updates: (window as Hooked).__vungphu!.updates,
        requests: (window as Hooked).__editRequests!,
      }));
    const start = await counts();
    await page.locator('#suggest-accept-all').click();
    await waitUpdates(page, start.updates + 1);
    // One recompute for all of them: the click sent the worker one edit request, and its answer (the
    // first one) already holds every accepted site.
    expect(await counts()).toEqual({ updates: start.updates + 1, requests: start.requests + 1 });
    const withSites = await page.evaluate(() => (window as Hooked).__vungphu!.store!.keys('sites'));
    for (const r of plan.rows) expect(withSites).toContain(r.candidate_id);
    expect(await page.locator('#change-list li').count()).toBe(K);
    expect(await page.locator('#suggest-table tbody tr.accepted').count()).toBe(K);
    const added: Site[] = plan.rows.map((r) => ({
      id: r.candidate_id,
      operator: 'MobiFone',
      lon: r.lon,
      lat: r.lat,
      technologies: ['5G'],
      radius_m: r.radius_m,
    }));
    const after = await app5g();
    const want = province5g(added);
    expect(after).toBe(want);
    // The stated figure is the map's figure, to the digit shown.
    expect(onMap).toContain(
      `5G ${en.pct2(before)} → ${en.pct2(after)} (+${en.int((await covered()) - coveredBefore)} people)`,
    );
    expect(after).toBeGreaterThan(before);
    expect(await summaryLine()).toContain(en.pct1(after));
    // The sites are in the scenario with the candidates' ids.
    const ids = await page.evaluate(() => (window as Hooked).__vungphu!.store!.keys('sites'));
    for (const r of plan.rows) expect(ids).toContain(r.candidate_id);
    // The planner counts people as the map does: its gain is the map's rise, but for its 250 m grid.
    const planGainPct = plan.curve.at(-1)!.population_pct - plan.curve[0]!.population_pct;
    console.info(
      `5G ${PROVINCE}: app ${before} → ${after} (+${(after - before).toFixed(4)} pts); planner ` +
        `${plan.existing.population_pct.toFixed(4)} → ${plan.curve.at(-1)!.population_pct.toFixed(4)} (+${planGainPct.toFixed(4)} pts)`,
    );
    expect(Math.abs(plan.existing.population_pct - before)).toBeLessThan(0.05);
    expect(Math.abs(after - before - planGainPct) / planGainPct).toBeLessThan(0.15);

    // "Accept all" was one step: one undo takes every accepted site out, and redo puts them back.
    expect(await page.locator('#change-list li').count()).toBe(K);
    let n = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.locator('#undo').click();
    await waitUpdates(page, n + 1);
    expect(await page.locator('#change-list li').count()).toBe(0);
    await page.locator('#redo').click();
    await waitUpdates(page, n + 2);
    expect(await page.locator('#change-list li').count()).toBe(K);
    expect(await app5g()).toBe(after);
    // The steps are stored with the scenario: after a reload (a second tab on the same IndexedDB) the
    // accepted sites are still one step. The app stores them without waiting: the second tab opens
    // once IndexedDB holds them.
    await expect.poll(() => storedSession(page)).toEqual({ edits: K, steps: [K] });
    const other = await context.newPage();
    await other.goto(page.url());
    await waitReady(other);
    expect(await other.locator('#change-list li').count()).toBe(K);
    const m = await other.evaluate(() => (window as Hooked).__vungphu!.updates);
    await other.locator('#undo').click();
    await waitUpdates(other, m + 1);
    expect(await other.locator('#change-list li').count()).toBe(0);
    await other.close();
    n = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.locator('#undo').click();
    await waitUpdates(page, n + 1);
    expect(await page.locator('#change-list li').count()).toBe(0);
    expect(await app5g()).toBe(before);
    expect(await page.locator('#suggest-table tbody tr.accepted').count()).toBe(0);
    expect(await page.locator('#suggest-accept-1').count()).toBe(1);
  });

  it('a per-row accept adds just that site', async () => {
    const n = await page.evaluate(() => (window as Hooked).__vungphu!.updates);
    await page.locator('#suggest-accept-2').click();
    await waitUpdates(page, n + 1);
    expect(await page.locator('#change-list li').count()).toBe(1);
    expect(await page.locator('#suggest-table tbody tr.accepted').count()).toBe(1);
    expect(await page.locator('#suggest-table tbody tr[data-rank="2"]').getAttribute('class')).toBe(
      'accepted',
    );
    await page.locator('#undo').click();
    await waitUpdates(page, n + 2);
  });

  it('target mode: reached (rows capped in the table), and unreachable with how close it gets', async () => {
    // 20 % of the people (spread evenly, as on the map): reachable, with more rows than the table shows.
    const reached = planSites(
      { communes, sites, candidates },
      { technology: '5G', targetPct: 20, scope: { kind: 'province', id: PROVINCE } },
    );
    expect(reached.status.kind).toBe('reached');
    await page.locator('#suggest-goal').selectOption('target');
    await page.locator('#suggest-target').fill('20');
    await page.locator('#suggest-target').dispatchEvent('change');
    await runPlan();
    await page.waitForSelector('#suggest-status-line');
    expect(await page.locator('#suggest-status-line').textContent()).toBe(
      `Target 20.00% reached: ${en.pct2(reached.curve.at(-1)!.population_pct)} with ${en.int(reached.rows.length)} new site(s).`,
    );
    expect(reached.rows.length).toBeGreaterThan(200);
    expect(await page.locator('#suggest-table tbody tr').count()).toBe(200);
    await page.locator('#suggest-target').fill('99');
    await page.locator('#suggest-target').dispatchEvent('change');

    // Commune centres only: 99 % is out of reach.
    const centres = communes
      .filter((c) => c.provinceId === PROVINCE && c.center)
      .map((c) => ({
        id: `centre:${c.id}`,
        lon: c.center![0],
        lat: c.center![1],
        source: 'commune_centre' as const,
      }));
    const short = planSites(
      { communes, sites, candidates: centres },
      { technology: '5G', targetPct: 99, scope: { kind: 'province', id: PROVINCE } },
    );
    if (short.status.kind !== 'not_reached') throw new Error('expected an unreachable target');
    await page.locator('#suggest-source-villages').uncheck();
    await page.locator('#suggest-source-grid').uncheck();
    await runPlan();
    await page.waitForFunction(() =>
      document.querySelector('#suggest-status-line')?.textContent?.includes('NOT reached'),
    );
    expect(await page.locator('#suggest-status-line').textContent()).toBe(
      `Target 99.00% NOT reached with these candidates: at most ${en.pct2(short.status.achieved_pct)} ` +
        `(${en.int(short.rows.length)} site(s)), short by ${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(short.status.shortfall_pct)} points ` +
        `(${en.int(Math.ceil(short.status.shortfall_measure - 1e-9))} people).`,
    );
    await page.locator('#suggest-source-villages').check();
    await page.locator('#suggest-source-grid').check();
  });

  it('imports a candidates CSV (parsed in the worker): bad rows listed, costs give cost per person', async () => {
    await page.locator('#suggest-goal').selectOption('budget');
    for (const s of ['centres', 'villages', 'grid']) await page.locator(`#suggest-source-${s}`).uncheck();
    const csv = [
      'id,lon,lat,cost',
      'T1,108.08412,13.98582,200',
      'T2,108.0,95,100',
      'T3,107.98976,13.97355,50',
    ];
    await page.locator('#suggest-csv').setInputFiles({
      name: 'towers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n')),
    });
    await page.waitForSelector('#suggest-csv-name');
    await runPlan();
    await page.waitForSelector('#suggest-csv-issues');
    expect(await page.locator('#suggest-csv-issues li').count()).toBe(1);
    expect(await page.locator('#suggest-csv-issues li').textContent()).toContain('3');
    const want = planSites(
      {
        communes,
        sites,
        candidates: [
          { id: 'T1', lon: 108.08412, lat: 13.98582, cost: 200, source: 'file' },
          { id: 'T3', lon: 107.98976, lat: 13.97355, cost: 50, source: 'file' },
        ],
      },
      { technology: '5G', k: K, scope: { kind: 'province', id: PROVINCE } },
    );
    const ids = await page.locator('#suggest-table tbody button.link').allTextContents();
    expect(ids).toEqual(want.rows.map((r) => r.candidate_id));
    const head = await page.locator('#suggest-table thead th').allTextContents();
    expect(head).toContain('Cost/person');
    await page.locator('#suggest-csv-remove').click();
    for (const s of ['centres', 'villages', 'grid']) await page.locator(`#suggest-source-${s}`).check();
  });

  it('postal: shows the points needed and the population gained, as suggestPostalPoints in Node', async () => {
    const postal = postalFromGeoJSON(read(SAMPLE.postal), 'p').points;
    const want = suggestPostalPoints({ communes, points: postal }, { radiusKm: 3 });
    await page.locator('#suggest-mode').selectOption('postal');
    await page.locator('#suggest-scope').selectOption('all');
    await runPlan();
    await page.waitForFunction(() => document.querySelector('#suggest-summary')?.textContent?.includes('R̄'));
    const summary = await page.locator('#suggest-summary').textContent();
    const t = want.totals;
    expect(summary).toContain(`${en.int(t.suggested)} new point(s) suggested`);
    expect(summary).toContain(`${en.int(t.needed_for_radius)} needed for R̄ ≤ 3 km`);
    expect(summary).toContain(`${en.int(t.far_population_before)} → ${en.int(t.far_population_after)}`);
    expect(summary).toContain(`+${en.int(t.population_gained)} people`);
    expect(t.suggested).toBeGreaterThan(0);
    const first = want.communes.find((c) => c.suggestions.length > 0)!;
    expect(
      await page.locator('#suggest-table tbody tr').first().locator('td').nth(1).textContent(),
    ).toContain(first.name);
    // Clearing the results clears the map layer.
    await page.locator('#suggest-clear').click();
    await mapIdle(page);
    const left = await page.evaluate(async () => {
      const map = (window as Hooked).__vungphu!.map!;
      const src = map.getSource('suggest-chosen') as unknown as {
        getData(): Promise<GeoJSON.FeatureCollection>;
      };
      return (await src.getData()).features.length + document.querySelectorAll('.suggest-marker').length;
    });
    expect(left).toBe(0);
    expect(blocked).toEqual([]);
  });
});
