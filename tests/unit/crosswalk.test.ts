/**
 * The crosswalk pre2025 → 2025: analytic cases, areas against Turf, shares adding up to 1 (the gaps
 * are the sources' slivers, reported), agreement with the official composition, the bundled CSV and
 * the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../src/core/base/types.ts';
import { checkComposition } from '../../src/core/crosswalk/check_composition.ts';
import { buildCrosswalk, type Crosswalk } from '../../src/core/crosswalk/crosswalk.ts';
import { communesFromGeoJSON } from '../../src/io/import/boundaries.ts';
import { compositionFromCsv, crosswalkFromCsv } from '../../src/io/import/crosswalk_file.ts';
import { deepFreeze } from '../support/freeze.ts';
import { rect } from '../support/reference.ts';
import { ROOT } from '../support/sample.ts';

const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const communes = (p: string): Commune[] => communesFromGeoJSON(JSON.parse(read(p)), { file: p }).communes;

function unit(id: string, geometry: Polygon, population = 1000): Commune {
  return {
    id,
    name: `Xã ${id}`,
    districtId: null,
    districtName: null,
    provinceId: 'p',
    provinceName: 'P',
    population,
    setting: 'rural',
    geometry,
  };
}

describe('crosswalk: analytic cases', () => {
  it('an old square cut in two by the new units gives area shares ½ + ½ and census population shares', () => {
    const old = [unit('A', rect(0, 0, 0.1, 0.1), 1000), unit('B', rect(0.1, 0, 0.2, 0.1), 3000)];
    // New unit X = left half of A; Y = right half of A + all of B.
    const now = [unit('X', rect(0, 0, 0.05, 0.1)), unit('Y', rect(0.05, 0, 0.2, 0.1))];
    const xw = buildCrosswalk(deepFreeze(old), deepFreeze(now));
    const row = (f: string, t: string) => xw.rows.find((r) => r.fromId === f && r.toId === t);
    expect(row('A', 'X')?.areaShare).toBeCloseTo(0.5, 3);
    expect(row('A', 'Y')?.areaShare).toBeCloseTo(0.5, 3);
    expect(row('B', 'Y')?.areaShare).toBeCloseTo(1, 6);
    expect(row('B', 'X')).toBeUndefined();
    // Y carries 500 people from A and 3000 from B.
    expect(row('A', 'Y')?.populationShare).toBeCloseTo(500 / 3500, 3);
    expect(row('B', 'Y')?.populationShare).toBeCloseTo(3000 / 3500, 3);
    expect(row('A', 'X')?.populationShare).toBeCloseTo(1, 6);
    expect(xw.oldUnits.map((u) => u.mainSuccessor)).toEqual([expect.any(String), 'Y']);
  });

  it('a thin overlap along a shared edge is a sliver; an old unit beyond every new one has share 0', () => {
    const old = [unit('A', rect(0, 0, 0.1, 0.1)), unit('Far', rect(5, 5, 5.1, 5.1))];
    const now = [unit('X', rect(0, 0, 0.099, 0.1)), unit('Y', rect(0.099, 0, 0.2, 0.1))];
    const xw = buildCrosswalk(old, now);
    const thin = xw.rows.find((r) => r.toId === 'Y');
    expect(thin?.areaShare).toBeCloseTo(0.01, 3);
    expect(thin?.sliver).toBe(true);
    expect(xw.rows.find((r) => r.toId === 'X')?.sliver).toBe(false);
    const far = xw.oldUnits.find((u) => u.id === 'Far');
    expect(far?.matchedShare).toBe(0);
    expect(far?.mainSuccessor).toBeNull();
  });

  it('the composition check: agreeing units, a swapped pair, and a split named by one successor', () => {
    const old = [
      unit('a', rect(0, 0, 1, 1)),
      unit('b', rect(1, 0, 2, 1)),
      unit('c', rect(2, 0, 3, 1)),
      unit('d', rect(3, 0, 4, 1)),
    ];
    // N1 = a + b; N2 = c + 40 % of d; N3 = 60 % of d.
    const now = [
      unit('N1', rect(0, 0, 2, 1)),
      unit('N2', rect(2, 0, 3.4, 1)),
      unit('N3', rect(3.4, 0, 4, 1)),
    ];
    const xw = buildCrosswalk(old, now);
    const ok = checkComposition(
      xw,
      new Map([
        ['a', ['N1']],
        ['b', ['N1']],
        ['c', ['N2']],
        ['d', ['N2']], // the list names the smaller part: still consistent (a split)
      ]),
    );
    expect(ok.agreeing).toBe(ok.units);
    const swapped = checkComposition(
      xw,
      new Map([
        ['a', ['N1']],
        ['b', ['N2']],
        ['c', ['N1']],
        ['d', ['N3']],
      ]),
    );
    expect(swapped.disagreements.map((d) => d.toId)).toEqual(['N1', 'N2']);
    expect(swapped.disagreements[0]).toMatchObject({ officialOnly: ['c'], geometricOnly: ['b'] });
  });
});

describe('crosswalk pre2025 → 2025 on the bundled sample', () => {
  let pre: Commune[];
  let now: Commune[];
  let xw: Crosswalk;
  beforeAll(() => {
    pre = communes('data/sample/communes-pre2025.geojson');
    now = communes('data/sample/communes-2025.geojson');
    xw = buildCrosswalk(pre, now);
  });

  it('the shares of each old commune add up to 1, short only by the slivers of the sources (reported)', () => {
    const sums = new Map<string, number>();
    for (const r of xw.rows) sums.set(r.fromId, (sums.get(r.fromId) ?? 0) + r.areaShare);
    for (const u of xw.oldUnits) {
      expect(sums.get(u.id)).toBeCloseTo(u.matchedShare, 9);
      // Gaps between the 1:250k pre-2025 layer and the ~50 m 2025 layer; the largest is Ia Phí (4.6 %).
      expect(u.matchedShare).toBeGreaterThan(0.95);
      expect(u.matchedShare).toBeLessThan(1.005);
    }
    const within1pct = xw.oldUnits.filter((u) => Math.abs(u.matchedShare - 1) <= 0.01).length;
    expect(within1pct / xw.oldUnits.length).toBeGreaterThan(0.97);
    // The population shares of each 2025 unit that carries people add up to 1.
    const popSums = new Map<string, number>();
    for (const r of xw.rows) popSums.set(r.toId, (popSums.get(r.toId) ?? 0) + r.populationShare);
    for (const s of popSums.values()) expect(s).toBeCloseTo(1, 9);
  });

  it('piece areas agree with Turf (intersect + area) within 0.5 %', () => {
    const byId = (list: Commune[]) => new Map(list.map((c) => [c.id, c]));
    const olds = byId(pre);
    const news = byId(now);
    const big = xw.rows.filter((r) => !r.sliver).filter((_, i) => i % 25 === 0);
    expect(big.length).toBeGreaterThan(10);
    for (const r of big) {
      const piece = turf.intersect(
        turf.featureCollection([
          turf.feature(olds.get(r.fromId)!.geometry),
          turf.feature(news.get(r.toId)!.geometry),
        ]),
      );
      const km2 = turf.area(piece!) / 1e6;
      expect(Math.abs(r.areaKm2 - km2) / km2).toBeLessThan(0.005);
    }
  });

  it('the official composition agrees with the geometry for at least 95 % of the 2025 units; the rest are listed', () => {
    const official = compositionFromCsv(read('data/sample/composition-pre2025-2025.csv'), 'composition');
    const check = checkComposition(xw, official);
    expect(check.agreeing / check.units).toBeGreaterThanOrEqual(0.95);
    // Ia Grăng / Ia Tô lie the other way round in the 1:250k layer; Đắk Plao lies mostly in Tà Đùng.
    expect(check.disagreements.map((d) => d.toId)).toEqual(['23764', '23776', '24631', '24637']);
    expect(check.sourceConflicts.map((c) => [c.fromId, c.taken])).toEqual([
      ['23710', '23710'],
      ['23938', '23938'],
      ['24709', '24712'],
    ]);
    expect(check.notInOfficial).toEqual(['src-6030117', 'src-6030129', 'src-6030325', 'src-6030721']);
  });

  it('the bundled crosswalk CSV is this computation', () => {
    const { rows, issues } = crosswalkFromCsv(read('data/sample/crosswalk-pre2025-2025.csv'), 'xw.csv');
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(xw.rows.length);
    rows.forEach((r, i) => {
      const fresh = xw.rows[i]!;
      expect([r.fromId, r.toId, r.sliver]).toEqual([fresh.fromId, fresh.toId, fresh.sliver]);
      expect(r.areaShare).toBeCloseTo(fresh.areaShare, 5);
      expect(r.populationShare).toBeCloseTo(fresh.populationShare, 5);
    });
  });
});

describe('crosswalk files and the CLI', () => {
  it('a crosswalk CSV with bad rows keeps the good ones and names file, row and field', () => {
    const text = 'from_id,to_id,area_share,population_share\nA,X,0.5,1\n,X,0.5,1\nB,Y,1.7,0.2\n';
    const { rows, issues } = crosswalkFromCsv(text, 'x.csv');
    expect(rows.map((r) => r.fromId)).toEqual(['A']);
    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'from_id'],
      [4, 'area_share'],
    ]);
    expect(() => crosswalkFromCsv('a,b\n1,2\n', 'x.csv')).toThrow(/x\.csv: not a crosswalk file/);
  });

  it('vungphu crosswalk writes the CSV and a summary; a bad set is exit 1 with a message', () => {
    const bin = join(ROOT, 'bin/vungphu.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'xw-'));
    const bad = spawnSync(process.execPath, [bin, 'crosswalk', '--from', '2019'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--from must be pre2025 or 2025 \(got "2019"\)/);
    const r = spawnSync(
      process.execPath,
      [bin, 'crosswalk', '--from', 'pre2025', '--to', '2025', '--out', 'x.csv'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe(read('data/sample/crosswalk-pre2025-2025.csv'));
    expect(r.stderr).toMatch(/official composition: 101 of 105 units agree with the geometry \(96\.2 %\)/);
    expect(r.stderr).toMatch(/23764 Xã Ia Grai: officially also 23778; by geometry also 23779/);
    expect(r.stderr).toMatch(/\d+ slivers \(under 2\.0 % of the old unit/);
  });
});
