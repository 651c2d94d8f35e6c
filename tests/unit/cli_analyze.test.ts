import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/core/base/types.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { referenceAreaPct } from '../support/reference_coverage.ts';
import { loadSample, ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

describe('vungphu analyze on the bundled sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-'));
  let report: CoverageReport;
  let stdout = '';
  beforeAll(() => {
    stdout = execFileSync(process.execPath, [BIN, 'analyze', '--boundary-set', 'pre2025', '--out', 'out'], {
      cwd: dir,
      encoding: 'utf8',
    });
    report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
  });

  it('writes the three outputs and prints only results on stdout', () => {
    expect(stdout).toMatch(/^Gia Lai: population coverage 4G [\d.]+ %/m);
    expect(stdout).toMatch(/wrote out\/report\.json/);
    const csv = readFileSync(join(dir, 'out/communes.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 293);
    const gaps = JSON.parse(readFileSync(join(dir, 'out/gaps.geojson'), 'utf8'));
    expect(gaps.metadata.synthetic).toBe(true);
    expect(gaps.features.length).toBeGreaterThan(0);
    expect(gaps.features[0].properties).toMatchObject({ technology: expect.any(String), operator: 'all' });
  });

  it('follows the report schema', () => {
    expect(report.inputs.synthetic).toBe(true);
    expect(report.method.population_surface).toMatch(/^uniform/);
    const levels = report.units.map((u) => u.level);
    expect(levels.filter((l) => l === 'commune')).toHaveLength(293);
    expect(levels.filter((l) => l === 'district')).toHaveLength(25);
    expect(levels.filter((l) => l === 'province')).toHaveLength(2);
    const combos = report.units[0]!.coverage.map((c) => `${c.technology}/${c.operator}`);
    expect(combos).toContain('any/all');
    expect(combos).toContain('5G/Viettel');
    expect(combos).toHaveLength(5 * (1 + report.operators.length));
  });

  it('province populations are the Census 2019 totals', () => {
    const pop = Object.fromEntries(
      report.units.filter((u) => u.level === 'province').map((u) => [u.name, u.population]),
    );
    expect(pop).toEqual({ 'Gia Lai': 1_513_847, 'Đắk Nông': 622_168 });
  });

  it('district figures equal an independent sum over their communes', () => {
    for (const d of report.units.filter((u) => u.level === 'district')) {
      const members = report.units.filter((u) => u.parent_id === d.id && u.level === 'commune');
      expect(members.length).toBeGreaterThan(0);
      d.coverage.forEach((f, k) => {
        const covered = members.reduce((s, u) => s + u.coverage[k]!.covered_population, 0);
        const area = members.reduce((s, u) => s + (u.coverage[k]!.area_pct / 100) * u.area_km2, 0);
        expect(f.covered_population).toBeCloseTo(covered, -1);
        expect(f.area_pct).toBeCloseTo((100 * area) / d.area_km2, 2);
      });
    }
  });

  it('commune 4G figures agree with an exact vector computation', () => {
    const { communes, sites } = loadSample();
    const loc = communeLocator(communes);
    const settingOf = (s: Site) => {
      const i = loc.locate(s.lon, s.lat);
      return i >= 0 ? communes[i]!.setting : 'rural';
    };
    const picks = communes.filter((_, i) => i % 37 === 0);
    const ref = referenceAreaPct(picks, sites, '4G', 'all', settingOf);
    picks.forEach((c, i) => {
      const u = report.units.find((x) => x.id === c.id)!;
      const f = u.coverage.find((x) => x.technology === '4G' && x.operator === 'all')!;
      expect(Math.abs(f.area_pct - ref[i]!)).toBeLessThan(0.5);
    });
  });

  it('runs on the 2025 boundaries, which have no district level', () => {
    const r = run(['analyze', '--boundary-set', '2025', '--out', 'out2025'], dir);
    expect(r.status).toBe(0);
    const rep: CoverageReport = JSON.parse(readFileSync(join(dir, 'out2025/report.json'), 'utf8'));
    expect(rep.units.filter((u) => u.level === 'commune')).toHaveLength(259);
    expect(rep.units.filter((u) => u.level === 'district')).toHaveLength(0);
    const parents = new Set(rep.units.filter((u) => u.level === 'commune').map((u) => u.parent_id));
    expect([...parents].sort()).toEqual(['52', '68']);
  });
});

describe('vungphu exit codes and messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-bad-'));
  it('--help exits 0', () => {
    const r = run(['--help'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/vungphu analyze/);
  });
  it('a missing file exits 1 naming the file, without a stack trace', () => {
    const r = run(['analyze', '--sites', 'nope.csv', '--out', 'o'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: nope.csv: file not found.\n');
  });
  it('bad rows are reported with row and field, valid rows are kept', () => {
    const r = run(
      ['analyze', '--sites', join(ROOT, 'tests/fixtures/bad/sites_mixed.csv'), '--out', 'o'],
      dir,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/sites_mixed\.csv: row 4, field "technology": unknown technology "XG"/);
    expect(r.stderr).toMatch(/sites_mixed\.csv: imported 3 of 8 rows; 5 rejected/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const strict = run(
      ['analyze', '--strict', '--sites', join(ROOT, 'tests/fixtures/bad/sites_mixed.csv'), '--out', 'o'],
      dir,
    );
    expect(strict.status).toBe(1);
  });
  it('a bad config and an unknown option exit 1', () => {
    writeFileSync(join(dir, 'cfg.json'), '{"radii":{"4G":{"rural":"far"}}}');
    const r = run(['analyze', '--config', 'cfg.json', '--out', 'o'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cfg\.json: radii\.4G\.rural, field "rural": radius must be a number/);
    expect(run(['analyze', '--nope'], dir).status).toBe(1);
  });
  it('boundaries in projected metres are rejected with a clear message', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'x', name: 'Xã X', population: 10 },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [500000, 1500000],
                [501000, 1500000],
                [501000, 1501000],
                [500000, 1500000],
              ],
            ],
          },
        },
      ],
    };
    writeFileSync(join(dir, 'vn2000.geojson'), JSON.stringify(fc));
    const r = run(['analyze', '--boundaries', 'vn2000.geojson', '--out', 'o'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /vn2000\.geojson: the coordinates are projected metres \(for example 500,000, 1,500,000\), not longitude\/latitude degrees/,
    );
    expect(r.stderr).toMatch(/--vn2000-meridian 108\.5/);
  });
});
