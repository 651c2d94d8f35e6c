/**
 * A baseline report.json imported in the app's Data tab (issue 16, DN-M9): detected by itself, read
 * as `analyze --baseline` reads it (its dead-zone villages are the records), and a file that is not a
 * valid report fails with the message `readReportJson` gives the CLI (file and field named).
 */
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/app/state/dataset_kind.ts';
import { validateImport } from '../../src/app/worker/validate_import.ts';
import { UserError } from '../../src/core/base/errors.ts';
import { readReportJson } from '../../src/io/import/report_schema.ts';
import { miniReport } from '../support/mini_report.ts';

const village = (id: string) => ({
  village_id: id,
  name: `Thôn ${id}`,
  commune_id: '1',
  commune_name: 'Xã A',
  population: 100,
  has_grid_power: true,
  nearest_4g_site_km: 3.2,
});

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('a baseline report.json in the Data tab', () => {
  it('is detected as a baseline, and its dead-zone villages are the records', async () => {
    const text = JSON.stringify(
      { ...miniReport(), dead_zone_villages: ['v1', 'v2', 'v3'].map(village) },
      null,
      1,
    );
    expect(detectKind('report.json', text)).toBe('baseline');
    const report = await validateImport({
      kind: 'auto',
      name: 'report.json',
      bytes: bytes(text),
      importedAt: '',
    });
    expect(report.kind).toBe('baseline');
    expect(report.fatal).toBeNull();
    expect([report.total, report.kept, report.rejected]).toEqual([3, 3, 0]);
  });

  it('is not taken for a GeoJSON or a scenario', () => {
    const geojson =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Point","coordinates":[108,13]}}]}';
    expect(detectKind('villages.geojson', geojson)).toBe('villages');
    expect(detectKind('s.json', '{"format":"vungphu-scenario","version":1}')).toBe('scenario');
  });

  it('fails with the CLI message when the report is not valid, naming the file and the field', async () => {
    const bad = { ...miniReport(), units: {} };
    const text = JSON.stringify(bad);
    let cli = '';
    try {
      readReportJson(text, 'old.json');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      cli = (error as UserError).message;
    }
    expect(cli).toContain('units: must be a list');
    const report = await validateImport({
      kind: 'baseline',
      name: 'old.json',
      bytes: bytes(text),
      importedAt: '',
    });
    expect(report.fatal).toBe(cli);
    expect(report.kept).toBe(0);
  });
});
