/**
 * The worker side of the app's "Suggest sites" panel (src/app/worker_plan.ts): on the bundled sample
 * it must give exactly what the CLI's planSites / suggestPostalPoints give for the same inputs, and
 * leave out the candidate sources that are not ticked.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteSuggestRequest } from '../../src/app/worker/suggest_types.ts';
import {
  notePlanRequest,
  planSuperseded,
  requestCandidates,
  runSuggest,
} from '../../src/app/worker/worker_plan.ts';
import { SAMPLE } from '../../src/cli/paths.ts';
import type { Village } from '../../src/core/base/infrastructure.ts';
import { POSTAL_CATEGORIES } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { communesInScope } from '../../src/core/planning/plan_scope.ts';
import { planSites } from '../../src/core/planning/plan_sites.ts';
import { suggestPostalPoints } from '../../src/core/planning/suggest_postal_points.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { postalFromGeoJSON } from '../../src/io/import/postal.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';

const read = (p: string) => readFileSync(p, 'utf8');
let communes: Commune[];
let sites: Site[];
let villages: Village[];
let postal: ReturnType<typeof postalFromGeoJSON>['points'];

beforeAll(() => {
  communes = communesFromGeoJSON(read(SAMPLE.boundaries.pre2025), { file: 'b' }).communes;
  sites = sitesFromGeoJSON(read(SAMPLE.sites), 's').sites;
  villages = villagesFromGeoJSON(read(SAMPLE.villages), 'v').villages;
  postal = postalFromGeoJSON(read(SAMPLE.postal), 'p').points;
});

const scenario = () => ({
  communes,
  sites,
  postal,
  villages,
  countingRule: [...POSTAL_CATEGORIES],
});

const request = (patch: Partial<SiteSuggestRequest> = {}): SiteSuggestRequest => ({
  mode: 'sites',
  technology: '5G',
  operator: null,
  siteOperator: 'MobiFone',
  radius_m: null,
  sources: { centres: true, villages: true, grid: true },
  candidatesCsv: null,
  k: 3,
  targetPct: null,
  measure: 'population',
  scope: { kind: 'province', id: '64' },
  ...patch,
});

describe('worker_plan: Suggest sites on the scenario', () => {
  it('equals planSites on the same candidates, counting people as the map does (census spread evenly)', () => {
    const got = runSuggest(scenario(), request(), () => {});
    const { candidates } = requestCandidates(scenario(), request());
    const want = planSites(
      { communes, sites, candidates },
      { technology: '5G', k: 3, scope: { kind: 'province', id: '64' } },
    );
    if (got.mode !== 'sites') throw new Error('expected a site plan');
    expect(got.rows.map(({ commune_name: _n, ...r }) => r)).toEqual(want.rows);
    expect(got.curve).toEqual(want.curve);
    expect(got.status).toEqual(want.status);
    expect(got.candidates.total).toBe(want.candidates.total);
    expect(got.candidates.bySource).toEqual(want.candidates.bySource);
    expect(got.candidates.points).toHaveLength(Math.min(5000, want.candidates.total));
    expect(got.existing.population_pct).toBe(want.existing.population_pct);
    // The candidates are those planSites generates itself from the villages (the CLI's default).
    const cli = planSites(
      { communes, sites, villages },
      { technology: '5G', k: 3, scope: { kind: 'province', id: '64' } },
    );
    expect(got.candidates.bySource).toEqual(cli.candidates.bySource);
    // Commune names for the table.
    for (const r of got.rows)
      expect(r.commune_name).toBe(communes.find((c) => c.id === r.commune_id)?.name ?? null);
  });

  it('target mode: reached or not, with the shortfall, as planSites says', () => {
    const got = runSuggest(scenario(), request({ k: null, targetPct: 99 }), () => {});
    const { candidates } = requestCandidates(scenario(), request());
    const want = planSites(
      { communes, sites, candidates },
      { technology: '5G', targetPct: 99, scope: { kind: 'province', id: '64' } },
    );
    if (got.mode !== 'sites') throw new Error('expected a site plan');
    expect(got.status).toEqual(want.status);
    expect(got.rows.length).toBe(want.rows.length);
  });

  it('leaves out the sources that are not ticked', () => {
    const { candidates } = requestCandidates(
      scenario(),
      request({ sources: { centres: true, villages: false, grid: false } }),
    );
    const scope = communesInScope(communes, { kind: 'province', id: '64' });
    expect(candidates.length).toBe(scope.indices.length);
    expect(new Set(candidates.map((c) => c.source))).toEqual(new Set(['commune_centre']));
    expect(() =>
      requestCandidates(scenario(), request({ sources: { centres: false, villages: false, grid: false } })),
    ).toThrow(/no candidates/);
  });

  it('reads an imported candidates CSV in the worker and reports its bad rows', () => {
    const csv = [
      'id,lon,lat,cost',
      'A,108.08412,13.98582,100',
      'B,108.0,999,100',
      'C,107.98976,13.97355,50',
    ].join('\n');
    const got = runSuggest(
      scenario(),
      request({
        sources: { centres: false, villages: false, grid: false },
        candidatesCsv: { name: 'c.csv', text: csv },
        k: 2,
      }),
      () => {},
    );
    if (got.mode !== 'sites') throw new Error('expected a site plan');
    expect(got.csvRows).toEqual({ total: 3, kept: 2 });
    expect(got.csvIssues).toHaveLength(1);
    expect(got.csvIssues[0]!.row).toBe(3);
    expect(got.costAware).toBe(true);
    const want = planSites(
      {
        communes,
        sites,
        candidates: [
          { id: 'A', lon: 108.08412, lat: 13.98582, cost: 100, source: 'file' },
          { id: 'C', lon: 107.98976, lat: 13.97355, cost: 50, source: 'file' },
        ],
      },
      { technology: '5G', k: 2, scope: { kind: 'province', id: '64' } },
    );
    expect(got.rows.map(({ commune_name: _n, ...r }) => r)).toEqual(want.rows);
    expect(got.rows.every((r) => r.cost_per_person !== null)).toBe(true);
  });

  it('postal: the rows and totals of suggestPostalPoints, in the CLI’s order', () => {
    const got = runSuggest(scenario(), { mode: 'postal', radiusKm: 3, scope: { kind: 'all' } }, () => {});
    const want = suggestPostalPoints({ communes, points: postal }, { radiusKm: 3 });
    if (got.mode !== 'postal') throw new Error('expected a postal plan');
    expect(got.totals).toEqual(want.totals);
    const flat = want.communes.flatMap((c) => c.suggestions.map((s) => ({ c, s })));
    expect(got.rows).toHaveLength(flat.length);
    got.rows.forEach((r, i) => {
      expect(r.rank).toBe(i + 1);
      expect([r.commune_id, r.lon, r.lat, r.reason, r.gained_population]).toEqual([
        flat[i]!.c.commune_id,
        flat[i]!.s.lon,
        flat[i]!.s.lat,
        flat[i]!.s.reason,
        flat[i]!.s.gained_population,
      ]);
    });
  });

  it('a newer plan request supersedes an older one still waiting', () => {
    notePlanRequest(1000);
    expect(planSuperseded(999)).toBe(true);
    expect(planSuperseded(1000)).toBe(false);
  });
});
