/**
 * `vungphu analyze --speedtests` (issue 16) on the sample with the synthetic speed tests: the measured
 * figures in report.json (valid against its schema), the S1 targets evaluated, the disagreement list
 * and layer, and the calibration reported always but applied only with --calibrate. The boundary set
 * is pinned (`--boundary-set pre2025`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { reportProblems } from '../../src/io/import/report_schema.ts';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const TESTS = join(ROOT, 'tests/fixtures/speedtests/synthetic_points.csv');
const TILES = join(ROOT, 'tests/fixtures/speedtests/synthetic_tiles.csv');

function analyze(extra: string[]): { out: string; stdout: string; report: CoverageReport } {
  const out = mkdtempSync(join(tmpdir(), 'vungphu-speed-'));
  const stdout = execFileSync(
    process.execPath,
    [BIN, 'analyze', '--boundary-set', 'pre2025', '--out', out, ...extra],
    { encoding: 'utf8' },
  );
  return { out, stdout, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) };
}

describe('vungphu analyze --speedtests', () => {
  let plain: ReturnType<typeof analyze>;
  let calibrated: ReturnType<typeof analyze>;
  beforeAll(() => {
    plain = analyze(['--speedtests', TESTS]);
    calibrated = analyze(['--speedtests', TESTS, '--calibrate']);
  }, 240_000);

  it('writes measured figures beside the modelled ones, valid against the schema', () => {
    const r = plain.report;
    expect(reportProblems(r)).toEqual([]);
    expect(r.inputs.speedtests).toBe(TESTS);
    expect(r.method.measured).toMatch(/^MEASURED \(đo thực tế\), not modelled/);
    expect(r.measured!.tests + r.measured!.tests_outside).toBe(3000);
    const provinces = r.units.filter((u) => u.level === 'province');
    expect(provinces.reduce((s, u) => s + u.measured!.tests, 0)).toBe(r.measured!.tests);
    // Communes add up to their province.
    for (const p of provinces) {
      const communes = r.units.filter(
        (u) =>
          u.level === 'commune' &&
          (u.parent_id === p.id || r.units.find((d) => d.id === u.parent_id)?.parent_id === p.id),
      );
      expect(communes.reduce((s, u) => s + u.measured!.tests, 0)).toBe(p.measured!.tests);
    }
    expect(plain.stdout).toMatch(
      /measured \(đo thực tế\): [\d,]+ speed tests in [\d,]+ records, 2026-\d\d-\d\d – 2026-\d\d-\d\d/,
    );
  });

  it('evaluates the S1 targets from the tests, with the gap and the date range', () => {
    const s1 = plain.report.targets.filter((t) => t.target_id.includes('-S1-') && t.level === 'province');
    expect(s1.map((t) => t.target_id).sort()).toEqual([
      'DN-S1-4G',
      'DN-S1-4G-share',
      'DN-S1-5G',
      'DN-S1-5G-share',
      'GL-S1-4G',
      'GL-S1-5G',
    ]);
    for (const t of s1) {
      expect(t.status).not.toBe('not_evaluable');
      expect(t.gap_text_vi).toMatch(/đo thực tế, [\d.]+ lần đo \(2026-\d\d-\d\d – 2026-\d\d-\d\d\)$/);
      if (t.status === 'not_met') expect(t.gap).toBeGreaterThan(0);
    }
    const gl = plain.report.units.find((u) => u.level === 'province' && u.name === 'Gia Lai')!;
    const g4 = gl.measured!.groups.find((g) => g.technology === '4G' && g.operator === 'all')!;
    expect(s1.find((t) => t.target_id === 'GL-S1-4G')!.value).toBeCloseTo(g4.download_mean_mbps!, 3);
  });

  it('lists and maps the tests the model disagrees with', () => {
    const csv = readFileSync(join(plain.out, 'disagreements.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.trim().split('\r\n').slice(1);
    const geo = JSON.parse(readFileSync(join(plain.out, 'disagreements.geojson'), 'utf8'));
    expect(geo.features).toHaveLength(rows.length);
    expect(geo.metadata.synthetic).toBe(true);
    // The provinces' agreement rows count the same disagreements (inside communes only).
    const inside = geo.features.filter(
      (f: { properties: { commune_id: string | null } }) => f.properties.commune_id,
    ).length;
    const provinces = plain.report.units.filter((u) => u.level === 'province');
    const off = provinces.reduce((s, p) => {
      const a = p.measured!.agreement![0]!;
      return s + a.poor_inside + a.good_outside;
    }, 0);
    expect(off).toBe(inside);
  });

  it('reports the calibration always and applies it only with --calibrate', () => {
    expect(plain.report.calibration!.applied).toBe(false);
    expect(calibrated.report.calibration!.applied).toBe(true);
    expect(plain.report.calibration!.fits.length).toBeGreaterThan(3);
    expect(calibrated.report.calibration!.fits).toEqual(plain.report.calibration!.fits);
    expect(plain.stdout).toContain('(not applied; --calibrate applies it)');
    expect(calibrated.stdout).toContain('the fitted radii were applied (--calibrate)');
    // The modelled figures change only with --calibrate.
    const cov = (r: CoverageReport) =>
      r.units
        .find((u) => u.level === 'province')!
        .coverage.find((c) => c.technology === '4G' && c.operator === 'all')!.area_pct;
    expect(cov(calibrated.report)).not.toBeCloseTo(cov(plain.report), 3);
  });
});

describe('bad speed-test input on the command line', () => {
  it('--calibrate without --speedtests is a user error', () => {
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'analyze',
        '--boundary-set',
        'pre2025',
        '--calibrate',
        '--out',
        mkdtempSync(join(tmpdir(), 'vp-')),
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      '--calibrate fits the default radii to speed tests: give them with --speedtests FILE.',
    );
  });
  it('Ookla tiles are read with their test counts', () => {
    const { report } = analyze(['--speedtests', TILES]);
    const rows = readFileSync(TILES, 'utf8').trim().split('\n').slice(1);
    const total = rows.reduce((s, l) => s + Number(l.split(',')[4]), 0);
    expect(report.measured!.tests + report.measured!.tests_outside).toBe(total);
    expect(report.measured!.records).toBeLessThan(report.measured!.tests);
    expect(report.measured!.date_from).toBeNull();
  }, 120_000);
});
