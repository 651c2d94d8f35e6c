import { describe, expect, it } from 'vitest';
import { niceLength } from '../../src/app/map/map_image.ts';
import {
  compareView,
  EXPORT_FILES,
  EXPORT_FORMATS,
  exportFileName,
  rowChanged,
  slug,
} from '../../src/app/worker/export_logic.ts';
import { UserError } from '../../src/core/base/errors.ts';
import type { ComparisonRow, ReportComparison } from '../../src/core/report/compare_reports.ts';
import { readReportJson } from '../../src/io/import/report_schema.ts';
import { miniReport } from '../support/mini_report.ts';

const row = (
  level: ComparisonRow['level'],
  id: string,
  name: string,
  indicator: string,
  before: number | null,
  after: number | null,
): ComparisonRow => ({
  unit_id: id,
  unit_name: name,
  level,
  indicator,
  label_vi: indicator,
  label_en: indicator,
  unit: '%',
  before,
  after,
  difference: before === null || after === null ? null : Math.round((after - before) * 1e6) / 1e6,
});

const comparison = (rows: ComparisonRow[]): ReportComparison => ({
  baseline_generated_at: '2025-06-30T00:00:00Z',
  current_generated_at: '2025-12-31T00:00:00Z',
  rows,
  targets: [],
  only_in_baseline: [],
  only_in_current: [],
});

describe('export file names', () => {
  it('folds Vietnamese province names into the file name with the day', () => {
    expect(slug('Gia Lai')).toBe('gia-lai');
    expect(slug('Đắk Nông')).toBe('dak-nong');
    expect(slug('  Thừa Thiên – Huế ')).toBe('thua-thien-hue');
    const day = new Date(2026, 10, 23, 23, 59);
    expect(exportFileName(['Gia Lai'], day, '.xlsx')).toBe('vungphu-gia-lai-2026-11-23.xlsx');
    expect(exportFileName(['Gia Lai', 'Đắk Nông', 'Gia Lai'], day, '.png', 'map')).toBe(
      'vungphu-gia-lai-dak-nong-map-2026-11-23.png',
    );
    expect(exportFileName([], day, '-csv.zip')).toBe('vungphu-2026-11-23-csv.zip');
  });

  it('has a suffix and MIME type for every format; several-file formats are zips', () => {
    for (const f of EXPORT_FORMATS) expect(EXPORT_FILES[f].suffix.length).toBeGreaterThan(0);
    expect(EXPORT_FILES.csv).toEqual({ suffix: '-csv.zip', mime: 'application/zip' });
    expect(EXPORT_FILES.geojson.suffix).toBe('-geojson.zip');
    expect(new Set(EXPORT_FORMATS.map((f) => EXPORT_FILES[f].suffix)).size).toBe(EXPORT_FORMATS.length);
  });
});

describe('imported report.json', () => {
  it('accepts a report and rejects other JSON with a user error naming the file', () => {
    const ok = miniReport();
    expect(readReportJson(JSON.stringify(ok), 'a.json').units).toEqual(ok.units);
    // A skeleton with the right keys but not the fields is refused with every field named.
    expect(() =>
      readReportJson(JSON.stringify({ units: [], targets: [], method: {}, inputs: {} }), 'e.json'),
    ).toThrow(
      /^e\.json: not a valid Vùng Phủ report\.json \(\d+ problem\(s\)\): inputs\.boundaries: is missing/,
    );
    expect(() => readReportJson('{', 'b.json')).toThrow(UserError);
    expect(() => readReportJson('{', 'b.json')).toThrow(/b\.json: not valid JSON/);
    expect(() => readReportJson('{"type":"FeatureCollection"}', 'c.json')).toThrow(
      /c\.json: not a Vùng Phủ report\.json/,
    );
    expect(() => readReportJson('null', 'd.json')).toThrow(UserError);
  });
});

describe('comparison view', () => {
  const rows = [
    row('commune', '1', 'Xã A', 'mobile.4G.population_pct', 50, 60),
    row('commune', '2', 'Xã B', 'mobile.4G.population_pct', 70, 70),
    row('commune', '3', 'Xã C', 'mobile.4G.population_pct', 80, 75),
    row('commune', '4', 'Xã D', 'mobile.4G.population_pct', null, 10),
    row('district', '9', 'Huyện X', 'mobile.4G.population_pct', 60, 62),
    row('province', '64', 'Gia Lai', 'mobile.5G.population_pct', 10, 10),
    row('commune', '1', 'Xã A', 'mobile.5G.population_pct', 5, 30),
  ];
  const c = comparison(rows);
  const base = {
    level: 'all',
    indicator: '',
    changedOnly: false,
    sort: 'difference',
    descending: true,
  } as const;

  it('knows a changed row: a non-zero difference, or a value that appeared', () => {
    expect(rows.map(rowChanged)).toEqual([true, false, true, true, true, false, true]);
  });

  it('filters by level, indicator and changed rows', () => {
    expect(compareView(c, { ...base, level: 'commune' })).toHaveLength(5);
    expect(compareView(c, { ...base, level: 'district' }).map((r) => r.unit_id)).toEqual(['9']);
    expect(compareView(c, { ...base, indicator: 'mobile.5G.population_pct' })).toHaveLength(2);
    const changed = compareView(c, { ...base, changedOnly: true });
    expect(changed).toHaveLength(5);
    expect(changed.every(rowChanged)).toBe(true);
  });

  it('sorts by the size of the change, biggest first, unknown last, unchanged after changed', () => {
    const sorted = compareView(c, { ...base, level: 'commune' });
    expect(sorted.map((r) => [r.unit_id, r.difference])).toEqual([
      ['1', 25],
      ['1', 10],
      ['3', -5],
      ['2', 0],
      ['4', null],
    ]);
    const ascending = compareView(c, { ...base, level: 'commune', descending: false });
    expect(ascending.map((r) => r.difference)).toEqual([0, -5, 10, 25, null]);
  });

  it('sorts by before, after and unit name; ties put changed rows first', () => {
    const after = compareView(c, { ...base, level: 'commune', sort: 'after' });
    expect(after.map((r) => r.after)).toEqual([75, 70, 60, 30, 10]);
    const byUnit = compareView(c, { ...base, sort: 'unit', descending: false });
    expect(byUnit.map((r) => r.level)).toEqual([
      'province',
      'district',
      'commune',
      'commune',
      'commune',
      'commune',
      'commune',
    ]);
    // Xã A has two rows (4G +10, 5G +25); both changed, ordered by indicator.
    expect(byUnit.slice(2, 4).map((r) => r.indicator)).toEqual([
      'mobile.4G.population_pct',
      'mobile.5G.population_pct',
    ]);
    const before = compareView(c, { ...base, level: 'commune', sort: 'before', descending: false });
    expect(before.map((r) => r.before)).toEqual([5, 50, 70, 80, null]);
  });
});

describe('map image scale bar', () => {
  it('picks the longest 1, 2 or 5 × 10ⁿ m length that fits', () => {
    expect(niceLength(160 * 312.5)).toBe(50_000);
    expect(niceLength(999)).toBe(500);
    expect(niceLength(1000)).toBe(1000);
    expect(niceLength(2600)).toBe(2000);
    expect(niceLength(7)).toBe(5);
  });
});
