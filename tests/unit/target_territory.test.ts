/**
 * Targets on the right territory: on a set of merged provinces, a pre-2025 plan is evaluated over the
 * old province's area (units with ≥ 50 % of their area in it), a 2025 plan over the merged province,
 * and every evaluation names its territory. Checked on a tiny analytic set and on the bundled sample.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { unitGroups } from '../../src/core/base/unit_groups.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import type { Target } from '../../src/core/targets/targets.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';
import { ROOT } from '../support/sample.ts';

function unit(id: string, w: number, share: number): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: null,
    districtName: null,
    provinceId: '68',
    provinceName: 'Lâm Đồng',
    population: 1000,
    setting: 'rural',
    geometry: rect(w, 12, w + 0.1, 12.1),
    former: [{ province: 'Đắk Nông', share }],
  };
}

const target = (id: string, boundary_set?: 'pre2025' | '2025'): Target => ({
  id,
  indicator: 'thử',
  indicator_en: 'test',
  network: 'mobile',
  technology: '4G',
  metric: 'mobile.population_pct',
  comparator: '≥',
  value: 50,
  unit: '%',
  year: 2030,
  scope: 'province',
  levels: ['commune', 'province'],
  source: { document: 'thử', line: 1, quote: 'thử' },
  ...(boundary_set ? { boundary_set } : {}),
});

describe('target territory', () => {
  // A and B lie mostly in old Đắk Nông; C does not (share 0.3). A site covers A only.
  const communes = deepFreeze([unit('A', 107, 1), unit('B', 107.2, 0.6), unit('C', 107.4, 0.3)]);
  const site: Site = {
    id: 's',
    operator: 'X',
    lon: 107.05,
    lat: 12.05,
    technologies: ['4G'],
    radius_m: 20_000,
  };

  it('the former province area groups the units with at least 50 % in it', () => {
    const former = unitGroups(communes).find((g) => g.formerProvince === 'Đắk Nông');
    expect(former).toMatchObject({
      id: 'former-dak-nong',
      name: 'Địa bàn tỉnh Đắk Nông cũ',
      members: [0, 1],
    });
  });

  it('a pre-2025 Đắk Nông target is evaluated over the former area, a 2025 Lâm Đồng one over the province', () => {
    const r = runAnalysis({
      communes,
      sites: [site],
      targets: [
        { province: 'Đắk Nông', targets: [target('DN', 'pre2025'), target('DN-any')] },
        { province: 'Lâm Đồng', targets: [target('LD', '2025')] },
      ],
    });
    const of = (id: string) => r.targets.filter((t) => t.target_id === id);
    expect(of('DN').map((t) => t.unit_id)).toEqual(['A', 'B', 'former-dak-nong']);
    // Without boundary_set, a province absent from the set falls back to its former area.
    expect(of('DN-any').map((t) => t.unit_id)).toEqual(['A', 'B', 'former-dak-nong']);
    expect(of('LD').map((t) => t.unit_id)).toEqual(['A', 'B', 'C', '68']);
    for (const t of of('DN'))
      expect(t).toMatchObject({
        territory_id: 'former-dak-nong',
        territory_name: 'Địa bàn tỉnh Đắk Nông cũ',
      });
    for (const t of of('LD')) expect(t).toMatchObject({ territory_id: '68', territory_name: 'Lâm Đồng' });
    // The former area's value is its own: A covered (1000 people), B not: 50 %.
    const dn = of('DN').find((t) => t.level === 'province')!;
    const ld = of('LD').find((t) => t.level === 'province')!;
    expect(dn.value! / ld.value!).toBeCloseTo(1.5, 1);
  });
});

describe('the Đắk Nông plan on both bundled sets', () => {
  it('evaluated over the former Đắk Nông area (28 units) it agrees with the 71 old communes for area-based targets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'territory-'));
    const run = (set: string) => {
      execFileSync(
        process.execPath,
        [join(ROOT, 'bin/vungphu.mjs'), 'analyze', '--boundary-set', set, '--out', set],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      return JSON.parse(readFileSync(join(dir, set, 'report.json'), 'utf8')) as CoverageReport;
    };
    const pre = run('pre2025');
    const now = run('2025');
    const province = (r: CoverageReport, id: string) =>
      r.targets.find((t) => t.target_id === id && t.level === 'province')!;
    for (const id of ['DN-P1', 'DN-P3', 'DN-P4', 'DN-F4']) {
      const a = province(pre, id);
      const b = province(now, id);
      expect(a.territory_name).toBe('Đắk Nông');
      expect(b.territory_name).toBe('Địa bàn tỉnh Đắk Nông cũ');
      // Measured: P1 −0.07 %, P3/P4 0, F4 +0.06 %: the 2025 units follow the old border closely.
      expect(Math.abs(b.value! - a.value!) / a.value!).toBeLessThan(0.005);
    }
    const communes = now.targets.filter((t) => t.target_id === 'DN-P1' && t.level === 'commune');
    expect(communes).toHaveLength(28);
    // The 2026 plan is evaluated over the merged Gia Lai, the pre-merger ones over its former area.
    expect(province(now, 'GL-M2').territory_id).toBe('52');
    expect(province(now, 'GL-M1').territory_id).toBe('former-gia-lai');
  }, 120_000);
});
