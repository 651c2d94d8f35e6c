import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE } from '../../src/cli/paths.ts';
import { planSitesCommand } from '../../src/cli/plan_sites_command.ts';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import { buildFootprints, footprintContains, pairLayout } from '../../src/core/coverage/footprints.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import { demandPoints } from '../../src/core/planning/demand_points.ts';
import { parseCsv } from '../../src/io/formats/csv.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { sitesFromGeoJSON } from '../../src/io/import/sites.ts';
import { villagesFromGeoJSON } from '../../src/io/import/villages.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (p: string) => readFileSync(p, 'utf8');

function quiet() {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
}

describe('vungphu plan-sites (end to end)', () => {
  beforeEach(quiet);
  afterEach(() => vi.restoreAllMocks());

  it('writes plan.csv whose cumulative coverage is non-decreasing and matches a brute-force recount', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plan-'));
    const code = await planSitesCommand([
      '--boundary-set',
      'pre2025',
      '--scope',
      'district:Thành phố Pleiku',
      '--k',
      '6',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const csvText = read(join(out, 'plan.csv'));
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const table = parseCsv(csvText, 'plan.csv');
    expect(table.header).toEqual([
      'rank',
      'candidate_id',
      'lon',
      'lat',
      'commune_id',
      'gained_population',
      'cumulative_population_pct',
    ]);
    expect(table.rows).toHaveLength(6);
    const plan = JSON.parse(read(join(out, 'plan.json')));
    expect(plan.status.kind).toBe('budget');
    expect(plan.curve).toHaveLength(7);

    // Independent recount: the same population points, coverage by brute force over every footprint.
    const { communes } = communesFromGeoJSON(read(SAMPLE.boundaries.pre2025), { file: 'b' });
    const { villages } = villagesFromGeoJSON(read(SAMPLE.villages), 'v');
    const { sites } = sitesFromGeoJSON(read(SAMPLE.sites), 's');
    const scope = communes.flatMap((c, i) => (c.districtName === 'Thành phố Pleiku' ? [i] : []));
    expect(plan.scope.communes).toEqual(scope.map((i) => communes[i]!.id));
    const { points } = demandPoints(communes, villages, { communeIndices: scope });
    const total = points.reduce((s, p) => s + p.population, 0);
    const locator = communeLocator(communes);
    const existing = buildFootprints(
      sites
        .filter((s) => s.technologies.includes('5G'))
        .map((s) => ({ ...s, operator: '*', technologies: ['5G' as const] })),
      pairLayout(['5G'], ['*']),
      DEFAULT_CONFIG,
      (s) => {
        const i = locator.locate(s.lon, s.lat);
        return i >= 0 ? communes[i]!.setting : 'rural';
      },
    );
    const chosen: typeof existing = [];
    let previous = -Infinity;
    table.rows.forEach((r, i) => {
      const row = plan.rows[i];
      expect(r.cells[0]).toBe(String(i + 1));
      expect(r.cells[1]).toBe(row.candidate_id);
      chosen.push(
        ...buildFootprints(
          [
            {
              id: row.candidate_id,
              operator: '*',
              lon: Number(r.cells[2]),
              lat: Number(r.cells[3]),
              technologies: ['5G'],
              radius_m: row.radius_m,
            },
          ],
          pairLayout(['5G'], ['*']),
          DEFAULT_CONFIG,
          () => 'rural',
        ),
      );
      let covered = 0;
      for (const p of points)
        if ([...existing, ...chosen].some((f) => footprintContains(f, p.lon, p.lat))) covered += p.population;
      const recount = (100 * covered) / total;
      const pct = Number(r.cells[6]);
      expect(pct).toBeGreaterThanOrEqual(previous);
      previous = pct;
      expect(Math.abs(pct - recount)).toBeLessThan(0.0006); // plan.csv rounds to 3 decimals
      expect(row.cumulative_population_pct).toBeCloseTo(recount, 9);
      if (row.commune_id !== null) expect(r.cells[4]).toBe(row.commune_id);
    });
  });

  it('with a candidates file: reports bad rows, keeps good ones, adds cost_per_person', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const file = join(dir, 'cands.csv');
    writeFileSync(
      file,
      'id,lon,lat,radius_m,cost\nT1,107.9890,13.9800,600,1000\nT2,107.9990,13.9900,,800\nT3,north,13.99,,100\nT4,108.0100,13.9700,500,1200\n',
    );
    const errors: string[] = [];
    vi.mocked(process.stderr.write).mockImplementation((s) => {
      errors.push(String(s));
      return true;
    });
    const code = await planSitesCommand([
      '--boundary-set',
      'pre2025',
      '--candidates',
      file,
      '--scope',
      'commune:23557',
      '--k',
      '2',
      '--out',
      dir,
    ]);
    expect(code).toBe(0);
    expect(errors.join('')).toMatch(/cands\.csv: row 4, field "lon"/);
    const table = parseCsv(read(join(dir, 'plan.csv')), 'plan.csv');
    expect(table.header.at(-1)).toBe('cost_per_person');
    const plan = JSON.parse(read(join(dir, 'plan.json')));
    expect(plan.costAware).toBe(true);
    expect(table.rows.length).toBeGreaterThan(0);
    for (const [i, r] of table.rows.entries()) {
      const row = plan.rows[i];
      expect(Number(r.cells[7])).toBeCloseTo(row.cost / row.gained_population, 2);
    }
  });

  it('an unreachable target is reported, not an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const file = join(dir, 'cands.csv');
    writeFileSync(file, 'id,lon,lat\nonly,107.9890,13.9800\n');
    const code = await planSitesCommand([
      '--boundary-set',
      'pre2025',
      '--candidates',
      file,
      '--scope',
      'commune:23557',
      '--target',
      '99',
      '--out',
      dir,
    ]);
    expect(code).toBe(0);
    const plan = JSON.parse(read(join(dir, 'plan.json')));
    expect(plan.status.kind).toBe('not_reached');
    expect(plan.status.shortfall_pct).toBeGreaterThan(0);
  });

  it('bad options exit 1 through the CLI, with the message and no stack trace', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/vungphu.mjs'), 'plan-sites', '--k', 'many'], {
      encoding: 'utf8',
      cwd: mkdtempSync(join(tmpdir(), 'plan-')),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--k must be a number/);
    expect(r.stderr).not.toMatch(/at .*\.ts:/);
  });
});

describe('vungphu plan-sites reads its inputs like analyze and the app', () => {
  beforeEach(quiet);
  afterEach(() => vi.restoreAllMocks());
  const BAD = join(ROOT, 'tests/fixtures/bad');

  it('takes an Excel sheet of sites, reports its bad row and writes rejected.csv', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plan-xlsx-'));
    const stderr = vi.mocked(process.stderr.write);
    const code = await planSitesCommand([
      '--boundaries',
      join(BAD, 'base/boundaries.geojson'),
      '--sites',
      join(BAD, 'sites.xlsx'),
      '--k',
      '2',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const err = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(err).toContain('sites.xlsx: imported 3 of 4 rows; 1 rejected');
    expect(err).toMatch(/error: .*sites\.xlsx.*row 4.*technology/);
    const rejected = read(join(out, 'rejected.csv'));
    expect(rejected).toContain('S3,108.1,14.06,XG,VNPT');
    expect(JSON.parse(read(join(out, 'plan.json'))).rows.length).toBeGreaterThan(0);
  });

  it('converts VN-2000 metres with --vn2000-meridian and refuses them without', async () => {
    const args = (extra: string[]) => [
      '--boundaries',
      join(BAD, 'base/boundaries.geojson'),
      '--sites',
      join(BAD, 'vn2000_no_prj.csv'),
      '--k',
      '1',
      '--out',
      mkdtempSync(join(tmpdir(), 'plan-vn2000-')),
      ...extra,
    ];
    await expect(planSitesCommand(args([]))).rejects.toThrow(/projected metres/);
    expect(await planSitesCommand(args(['--vn2000-meridian', '108.5']))).toBe(0);
  });
});
