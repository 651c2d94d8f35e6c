/**
 * M9 with a baseline (issue 16): villages that are dead zones now (no 4G) and were not in the
 * baseline report are the new dead zones; DN-M9 ("no new dead zones", ≤ 0) is evaluated from them,
 * and stays not evaluable without a baseline. Also through the CLI, `--baseline` of the same analysis.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Village } from '../../src/core/base/infrastructure.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import type { Target } from '../../src/core/targets/targets.ts';
import { rect } from '../support/reference.ts';
import { ROOT } from '../support/sample.ts';

const commune = (id: string, w: number): Commune => ({
  id,
  name: `Xã ${id}`,
  districtId: 'D',
  districtName: 'Huyện D',
  provinceId: 'P',
  provinceName: 'Tỉnh P',
  population: 1000,
  setting: 'rural',
  geometry: rect(w, 14, w + 0.2, 14.2),
});
const communes = [commune('A', 108), commune('B', 108.2)];
// One 4G site in A (4 km): V1 is covered, V2 (in A, 15 km away) and V3 (in B) are not.
const sites: Site[] = [{ id: 'S', operator: 'Viettel', lon: 108.1, lat: 14.1, technologies: ['4G'] }];
const village = (id: string, lon: number, lat: number): Village => ({
  id,
  lon,
  lat,
  population: 100,
  hasGridPower: true,
});
const villages = [village('V1', 108.11, 14.1), village('V2', 108.1, 14.19), village('V3', 108.3, 14.1)];
const m9: Target = {
  id: 'M9',
  indicator: 'Không phát sinh vùng lõm sóng mới',
  indicator_en: 'No new dead zones',
  network: 'mobile',
  technology: null,
  metric: 'villages.new_dead_zones',
  comparator: '≤',
  value: 0,
  unit: 'count',
  year: 2024,
  scope: 'villages',
  levels: ['commune', 'province'],
  source: { document: 'test', line: 1, quote: 'test' },
};
const run = (baselineDeadZones?: string[]) =>
  runAnalysis({
    communes,
    sites,
    villages,
    targets: [{ province: null, targets: [m9] }],
    ...(baselineDeadZones ? { baselineDeadZones } : {}),
  });

describe('new dead zones against a baseline', () => {
  it('counts the dead zones that were not dead in the baseline, per unit', () => {
    const r = run(['V3']); // the baseline already had V3 dead
    expect(r.deadZoneVillages.map((d) => d.village_id)).toEqual(['V2', 'V3']);
    expect(r.newDeadZoneVillages!.map((d) => d.village_id)).toEqual(['V2']);
    const byId = new Map(r.units.map((u) => [u.id, u]));
    expect(byId.get('A')!.villages.new_dead_zone_villages).toBe(1);
    expect(byId.get('B')!.villages.new_dead_zone_villages).toBe(0);
    expect(byId.get('P')!.villages.new_dead_zone_villages).toBe(1);
    const e = (id: string) => r.targets.find((t) => t.unit_id === id)!;
    expect(e('A')).toMatchObject({ status: 'not_met', value: 1, gap: 1 });
    expect(e('A').gap_text_en).toBe('1 villages newly in a dead zone (1, target ≤ 0)');
    expect(e('B')).toMatchObject({ status: 'met', value: 0 });
    expect(e('P')).toMatchObject({ status: 'not_met', value: 1 });
  });

  it('is met when every dead zone was already one; not evaluable without a baseline', () => {
    expect(run(['V2', 'V3']).targets.every((t) => t.status === 'met')).toBe(true);
    const none = run();
    expect(none.newDeadZoneVillages).toBeUndefined();
    expect(none.targets.every((t) => t.status === 'not_evaluable')).toBe(true);
    expect(none.targets[0]!.gap_text_en).toBe('Not evaluable: needs a baseline from the previous period');
  });
});

describe('vungphu analyze --baseline', () => {
  it('finds no new dead zone against the same analysis, and evaluates DN-M9', () => {
    const bin = join(ROOT, 'bin/vungphu.mjs');
    const first = mkdtempSync(join(tmpdir(), 'vp-m9-'));
    const second = mkdtempSync(join(tmpdir(), 'vp-m9-'));
    execFileSync(process.execPath, [bin, 'analyze', '--boundary-set', 'pre2025', '--out', first]);
    const stdout = execFileSync(
      process.execPath,
      [
        bin,
        'analyze',
        '--boundary-set',
        'pre2025',
        '--baseline',
        join(first, 'report.json'),
        '--out',
        second,
      ],
      { encoding: 'utf8' },
    );
    expect(stdout).toContain('new dead zones since the baseline');
    const r: CoverageReport = JSON.parse(readFileSync(join(second, 'report.json'), 'utf8'));
    expect(r.inputs.baseline).toBe(join(first, 'report.json'));
    expect(r.new_dead_zone_villages).toEqual([]);
    expect(r.dead_zone_villages.length).toBeGreaterThan(0);
    expect(r.targets.find((t) => t.target_id === 'DN-M9' && t.level === 'province')).toMatchObject({
      status: 'met',
      value: 0,
    });
  }, 120_000);
});
