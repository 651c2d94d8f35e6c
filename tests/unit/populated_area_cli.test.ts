/**
 * Populated-area coverage through the CLI bundle (issue 16): `vungphu analyze --settlements` on the
 * sample with the boundary set pinned (`--boundary-set pre2025`), and a bad settlements file refused or
 * reported feature by feature through the importer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/base/errors.ts';
import { communeLocator } from '../../src/core/geometry/commune_locator.ts';
import type { CoverageReport } from '../../src/core/report/report.ts';
import { importFile } from '../../src/io/import/import_file.ts';
import { reportProblems } from '../../src/io/import/report_schema.ts';
import { loadSample, ROOT } from '../support/sample.ts';

const BIN = join(ROOT, 'bin/vungphu.mjs');
const enc = (s: string) => new TextEncoder().encode(s);
const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});
const feature = (geometry: unknown, properties: object = {}) => ({ type: 'Feature', geometry, properties });

describe('vungphu analyze --settlements', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vungphu-populated-'));
  // A 220 m square around the first VNPT site (4G, rural default radius 4 km): covered whole by 4G.
  const { communes, sites } = loadSample('pre2025');
  const site = sites.find((s) => s.id === 'VN-000001')!;
  const commune = communes[communeLocator(communes).locate(site.lon, site.lat)]!;
  const file = join(dir, 'settlements.geojson');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [feature(square(site.lon, site.lat, 0.001), { id: 'KDC-1', name: 'Khu dân cư thử' })],
    }),
  );
  let report: CoverageReport;
  let stdout: string;
  let csv: string;
  beforeAll(() => {
    const out = join(dir, 'out');
    stdout = execFileSync(
      process.execPath,
      [BIN, 'analyze', '--boundary-set', 'pre2025', '--settlements', file, '--out', out],
      { encoding: 'utf8' },
    );
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    csv = readFileSync(join(out, 'communes.csv'), 'utf8');
  }, 240_000);

  it('gives the settlement commune its populated area by settlements, the others by village discs', () => {
    expect(reportProblems(report)).toEqual([]);
    expect(report.inputs.settlements).toBe(file);
    expect(report.method.populated_village_radius_m).toBe(500);
    const u = report.units.find((x) => x.id === commune.id)!;
    expect(u.populated_area_method).toBe('settlements');
    // 0.002° × 0.002° at about 14° N: ≈ 0.0480 km² (independently: 0.002·110.6 km × 0.002·108.0 km).
    expect(u.populated_area_km2!).toBeCloseTo(0.002 * 110.6 * 0.002 * 108.0, 3);
    const at = (t: string) => u.coverage.find((c) => c.technology === t && c.operator === 'all')!;
    expect(at('4G').populated_area_pct).toBeCloseTo(100, 6);
    const others = report.units.filter((x) => x.level === 'commune' && x.id !== commune.id);
    // Every other sample commune has a synthetic village: their populated area is village discs.
    expect(new Set(others.map((x) => x.populated_area_method))).toEqual(new Set(['villages']));
    // The provinces name the mix and weight by km²: Σ covered km² ÷ Σ populated km² over their communes.
    for (const p of report.units.filter((x) => x.level === 'province')) {
      const members = report.units.filter(
        (x) =>
          x.level === 'commune' &&
          (x.parent_id === p.id || report.units.find((d) => d.id === x.parent_id)?.parent_id === p.id),
      );
      let area = 0;
      let covered = 0;
      for (const m of members) {
        const share = m.coverage.find(
          (c) => c.technology === '4G' && c.operator === 'all',
        )!.populated_area_pct;
        if (m.populated_area_km2 == null || share == null) continue;
        area += m.populated_area_km2;
        covered += (share / 100) * m.populated_area_km2;
      }
      expect(p.populated_area_km2!).toBeCloseTo(area, 2);
      const got = p.coverage.find((c) => c.technology === '4G' && c.operator === 'all')!.populated_area_pct!;
      expect(Math.abs(got - (100 * covered) / area)).toBeLessThan(1e-3);
    }
    expect(stdout).toMatch(/populated-area coverage \(khu vực có dân cư, [\d.]+ km² by mixed\) 4G [\d.]+ %/);
  });

  it('writes the populated columns in communes.csv', () => {
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const cols = header!.split(',');
    const row = rows.find((r) => r.startsWith(`${commune.id},`))!.split(',');
    expect(row[cols.indexOf('populated_area_method')]).toBe('settlements');
    expect(Number(row[cols.indexOf('4G_all_populated_area_pct')])).toBeCloseTo(100, 3);
  });

  it('refuses a settlements file with no valid polygon, naming the file, feature and field', () => {
    const bad = join(dir, 'bad.geojson');
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [feature({ type: 'Point', coordinates: [108, 14] })],
      }),
    );
    const r = spawnSync(
      process.execPath,
      [BIN, 'analyze', '--boundary-set', 'pre2025', '--settlements', bad, '--out', join(dir, 'o2')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.geojson: no valid settlement polygons');
    expect(r.stderr).toContain('features[0].geometry');
    expect(r.stderr).toContain('geometry must be Polygon or MultiPolygon, not Point');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('settlements import', () => {
  it('reports every bad feature with its field and keeps the valid ones', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(square(108.1, 14.1, 0.01), { id: 'A' }),
        feature(
          {
            type: 'LineString',
            coordinates: [
              [108, 14],
              [108.1, 14],
            ],
          },
          { id: 'B' },
        ),
        feature(square(108.2, 14.1, 0.01), { id: 'A' }),
        feature(
          {
            type: 'Polygon',
            coordinates: [
              [
                [108, 14],
                [108.1, 14],
                [108, 14],
              ],
            ],
          },
          { id: 'C' },
        ),
        feature(
          {
            type: 'Polygon',
            coordinates: [
              [
                [108, 14],
                [108.1, 14],
                [108.2, 14],
                [108, 14],
              ],
            ],
          },
          { id: 'D' },
        ),
        feature(square(108.3, 14.1, 0.01)),
      ],
    };
    const r = await importFile(enc(JSON.stringify(fc)), 'kdc.geojson', 'settlements');
    expect(r.items.map((s) => s.id)).toEqual(['A', 'feature 6']);
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => [i.path, i.message]);
    expect(errors).toEqual([
      // The polygon repair, shared with the boundaries, speaks first.
      [
        'features[4].geometry',
        'feature 4: the polygon has no area (0.00 m², or fewer than 3 distinct positions); fix it in a GIS',
      ],
      ['features[1].geometry', 'geometry must be Polygon or MultiPolygon, not LineString'],
      ['features[2].properties.id', 'duplicate id "A"'],
      ['features[3].geometry', 'a ring needs at least 4 positions'],
    ]);
    expect(r.summary).toMatch(/kdc\.geojson: imported 2 of 6/);
  });

  it('refuses a table: settlements need polygons', async () => {
    await expect(importFile(enc('lon,lat\n108,14\n'), 'kdc.csv', 'settlements')).rejects.toThrowError(
      UserError,
    );
  });
});
