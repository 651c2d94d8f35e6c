/**
 * A baseline report.json made on the other boundary set is carried through the crosswalk, never
 * matched by code: checked end to end (analyze on both sets, then report --baseline) against an
 * independent Turf computation of the area-weighted sums, and for bad baselines.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { parseCsv } from '../../src/io/formats/csv.ts';
import { ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>;
const features = (p: string): Area[] => JSON.parse(readFileSync(join(ROOT, p), 'utf8')).features;

describe('report --baseline across the 2025 reform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carry-'));
  let pre: CoverageReport;
  let before: Map<string, Map<string, number | null>>;
  let stderr: string;
  beforeAll(() => {
    const run = (args: string[]) =>
      execFileSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    run(['analyze', '--boundary-set', 'pre2025', '--out', 'pre']);
    run(['analyze', '--boundary-set', '2025', '--out', 'now']);
    const r = spawnSync(
      process.execPath,
      [BIN, 'report', '--from', 'now', '--baseline', 'pre/report.json', '--format', 'csv', '--out', 'rep'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    stderr = r.stderr;
    pre = JSON.parse(readFileSync(join(dir, 'pre/report.json'), 'utf8'));
    const table = parseCsv(readFileSync(join(dir, 'rep/report_comparison.csv'), 'utf8'), 'cmp');
    before = new Map();
    for (const row of table.rows) {
      const [, id = '', , indicator = '', , b = ''] = row.cells;
      const m = before.get(id) ?? new Map<string, number | null>();
      m.set(indicator, b === '' ? null : Number(b));
      before.set(id, m);
    }
  }, 120_000);

  it('says the baseline was converted, and how', () => {
    expect(stderr).toMatch(/made on the pre2025 boundaries: converted through the crosswalk/);
    const csv = readFileSync(join(dir, 'rep/report_comparison.csv'), 'utf8');
    expect(csv).toContain('Kỳ trước đã được quy đổi');
    expect(csv).toContain('không ghép theo mã');
  });

  it('Xã Al Bá (kept its code, absorbed Ayun and Kông Htok): before is the area-weighted old population, not 6,019', () => {
    const alBa = before.get('23954')!.get('Dân số')!;
    expect(alBa).toBeGreaterThan(15_000);
    expect(pre.units.find((u) => u.id === '23954')?.population).toBe(6019);
  });

  it('units wholly in old Gia Lai: carried population and 4G covered people = Turf area-weighted sums within 5 %', () => {
    const olds = features('data/sample/communes-pre2025.geojson');
    const news = features('data/sample/communes-2025.geojson').filter(
      (f) => Number(f.properties.share_in_former_gia_lai ?? 0) >= 0.995,
    );
    expect(news.length).toBeGreaterThan(40);
    const preUnits = new Map(pre.units.filter((u) => u.level === 'commune').map((u) => [u.id, u]));
    const oldArea = new Map(olds.map((f) => [String(f.properties.id), turf.area(f)]));
    const covered4g = (id: string) =>
      preUnits.get(id)?.coverage.find((c) => c.technology === '4G' && c.operator === 'all')
        ?.covered_population ?? 0;
    let checked = 0;
    for (const n of news) {
      const id = String(n.properties.id);
      const got = before.get(id);
      if (!got) continue;
      const [w, s, e, no] = turf.bbox(n);
      let people = 0;
      let covered = 0;
      let points = 0;
      let fiberPeople = 0;
      for (const o of olds) {
        const [ow, os, oe, on] = turf.bbox(o);
        if (ow > e || oe < w || os > no || on < s) continue;
        const piece = turf.intersect(turf.featureCollection([o, n]));
        if (!piece) continue;
        const share = turf.area(piece) / oldArea.get(String(o.properties.id))!;
        people += Number(o.properties.population) * share;
        covered += covered4g(String(o.properties.id)) * share;
        const old = preUnits.get(String(o.properties.id));
        points += (old?.postal?.points ?? 0) * share;
        fiberPeople += (old?.fiber?.population_within_reach ?? 0) * share;
      }
      expect(Math.abs(got.get('Dân số')! - people) / people).toBeLessThan(0.05);
      const pct = got.get('Dân số được phủ sóng 4G')!;
      expect(Math.abs((pct / 100) * got.get('Dân số')! - covered) / Math.max(covered, 1)).toBeLessThan(0.05);
      // Postal points and fiber reach are carried the same way; R̄ is recomputed from the carried S and N.
      const carriedPoints = got.get('Số điểm phục vụ bưu chính (được tính)')!;
      expect(Math.abs(carriedPoints - points) / Math.max(points, 1)).toBeLessThan(0.05);
      const area = got.get('Diện tích')!;
      expect(carriedPoints).toBeGreaterThan(0);
      expect(got.get('Bán kính phục vụ bình quân')!).toBeCloseTo(
        Math.sqrt(area / (Math.PI * carriedPoints)),
        3,
      );
      const fiberPct = got.get('Dân số trong tầm cáp quang')!;
      expect(
        Math.abs((fiberPct / 100) * got.get('Dân số')! - fiberPeople) / Math.max(fiberPeople, 1),
      ).toBeLessThan(0.05);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  }, 120_000);

  it('units of the Bình Định part say "no baseline for this unit"', () => {
    const quyNhon = before.get('21583');
    expect(quyNhon?.get('Không có số liệu kỳ trước cho đơn vị này')).toBeNull();
    expect(quyNhon?.has('Dân số')).toBe(false);
  });

  it('a baseline whose ids match neither set is exit 1 with a clear message, not an empty comparison', () => {
    const bad = JSON.parse(readFileSync(join(dir, 'pre/report.json'), 'utf8')) as CoverageReport;
    for (const u of bad.units) u.id = `X-${u.id}`;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = spawnSync(
      process.execPath,
      [BIN, 'report', '--from', 'now', '--baseline', 'bad.json', '--format', 'csv', '--out', 'rep-bad'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /bad\.json: its 293 communes match neither the current boundary set nor the other/,
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
