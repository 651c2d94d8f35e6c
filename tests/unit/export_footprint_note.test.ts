/**
 * The footprint note (`report.method.footprints`: terrain with its model, DEM and defaults, or circles
 * and sectors) in the CSV, KML and GeoPackage exports (issue 17): each export is read back (the CSV
 * rows split, the KML's Document elements unescaped, the GeoPackage opened with sql.js) and the note is
 * found there, in the export's language, with no English in the Vietnamese ones.
 */
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/base/config.ts';
import type { Commune, Site } from '../../src/core/base/types.ts';
import { buildReport, type CoverageReport } from '../../src/core/report/report.ts';
import { runAnalysis } from '../../src/core/run_analysis.ts';
import { defaultTerrainModel } from '../../src/core/terrain/default_terrain_model.ts';
import { footprintCache } from '../../src/core/terrain/footprint_cache.ts';
import { gridDem, syntheticGrid } from '../../src/core/terrain/grid_dem.ts';
import { communesCsv } from '../../src/io/export/communes_csv.ts';
import { reportCsv } from '../../src/io/export/report_csv.ts';
import type { ReportGeometry } from '../../src/io/export/report_features.ts';
import { reportGeoPackage } from '../../src/io/export/report_gpkg.ts';
import { reportKml } from '../../src/io/export/report_kml.ts';
import { rect } from '../support/reference.ts';

const commune: Commune = {
  id: 'A',
  name: 'Xã A',
  districtId: 'D1',
  districtName: 'Huyện Một',
  provinceId: 'P1',
  provinceName: 'Tỉnh Thử',
  population: 10_000,
  setting: 'rural',
  geometry: rect(108.0, 14.0, 108.1, 14.1),
};
const sites: Site[] = [{ id: 'S1', operator: 'Viettel', lon: 108.05, lat: 14.05, technologies: ['4G'] }];
const dem = gridDem([syntheticGrid([107.9, 13.9, 108.2, 14.2], 0.005, () => 500, 'plateau 500 m')]);
const inputs = {
  boundaries: 'communes.geojson',
  sites: 'sites.csv',
  population: null,
  postal: null,
  fiber: null,
  villages: null,
  targets: [],
  config: null,
  synthetic: true,
};
const geometry: ReportGeometry = { communes: new Map([['A', commune.geometry]]), gaps: [] };

/** A CSV's cells (no quoted commas or line breaks in these files' method rows matter here). */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
/** The Document's own description and its ExtendedData values by name. */
function kmlDocument(kml: string): { description: string; data: Record<string, string> } {
  const doc = kml.slice(kml.indexOf('<Document>'), kml.indexOf('<Schema'));
  const description = unescapeXml(/<description>([^<]*)<\/description>/.exec(doc)![1]!);
  const data: Record<string, string> = {};
  for (const m of doc.matchAll(/<Data name="([^"]+)"><value>([^<]*)<\/value><\/Data>/g))
    data[m[1]!] = unescapeXml(m[2]!);
  return { description, data };
}
/** English words a Vietnamese note must not have (the model's proper names and "DEM" are allowed). */
const ENGLISH =
  /\b(Footprints|footprints|terrain|model|defaults|circles|sectors|cells|MODELLED|SYNTHETIC|threshold|receiver|not measured)\b/;

let circles: CoverageReport;
let terrain: CoverageReport;
let SQL: Awaited<ReturnType<typeof initSqlJs>>;

beforeAll(async () => {
  const when = new Date('2026-12-01T00:00:00Z');
  circles = buildReport(runAnalysis({ communes: [commune], sites }), DEFAULT_CONFIG, inputs, when);
  terrain = buildReport(
    runAnalysis(
      { communes: [commune], sites, dem },
      { terrain: { model: defaultTerrainModel(), cache: footprintCache() } },
    ),
    DEFAULT_CONFIG,
    inputs,
    when,
  );
  SQL = await initSqlJs();
});

describe('the footprint note in the CSV, KML and GeoPackage exports', () => {
  it('the notes differ: terrain names the DEM and the model, circles say there is none', () => {
    expect(terrain.method.footprints!.kind).toBe('terrain');
    expect(terrain.method.footprints!.vi).toContain('theo địa hình');
    expect(terrain.method.footprints!.vi).toContain('synthetic: plateau 500 m');
    expect(circles.method.footprints!.en).toBe('Footprints: circles and sectors by radius (no DEM)');
  });

  it('CSV: the report zip’s method table (report_method.csv) has the note; communes.csv a footprints column', () => {
    for (const [report, lang] of [
      [terrain, 'vi'],
      [terrain, 'en'],
      [circles, 'vi'],
    ] as const) {
      const method = reportCsv(report, { lang })['report_method.csv']!;
      const note = report.method.footprints![lang];
      // One row: the item's label, then the note as one cell (quoted when it has commas).
      const line = method.split('\r\n').find((l) => l.includes(note));
      const cell = /[",]/.test(note) ? `"${note.replace(/"/g, '""')}"` : note;
      expect(line).toBe(`${lang === 'vi' ? 'Dạng vùng phủ của trạm' : 'Footprints'},${cell}`);
      if (lang === 'vi') expect(note).not.toMatch(ENGLISH);
    }
    for (const [report, kind] of [
      [terrain, 'terrain'],
      [circles, 'circles'],
    ] as const) {
      const [header, ...rows] = csvRows(communesCsv(report));
      const col = header!.indexOf('footprints');
      expect(col).toBe(header!.length - 1);
      expect(rows.map((r) => r[col])).toEqual([kind]);
    }
  });

  it('KML: the Document’s description and ExtendedData carry the note, in the export’s language', () => {
    const vi = kmlDocument(reportKml(terrain, geometry, 'vi'));
    expect(vi.description).toContain(terrain.method.footprints!.vi);
    expect(vi.description).toContain('DỮ LIỆU MẪU TỔNG HỢP');
    expect(vi.description).toContain('MÔ HÌNH HOÁ');
    expect(vi.description).not.toMatch(ENGLISH);
    expect(vi.data).toEqual({
      footprints: terrain.method.footprints!.vi,
      synthetic: 'true',
      generated_at: '2026-12-01T00:00:00.000Z',
    });
    const en = kmlDocument(reportKml(circles, geometry, 'en'));
    expect(en.description).toContain('Footprints: circles and sectors by radius (no DEM)');
    expect(en.description).toContain('Coverage is MODELLED');
    expect(en.data.footprints).toBe('Footprints: circles and sectors by radius (no DEM)');
  });

  it('GeoPackage: every table’s description in gpkg_contents carries the note', () => {
    for (const lang of ['vi', 'en'] as const) {
      const db = new SQL.Database(reportGeoPackage(terrain, geometry, SQL, lang));
      const rows = db.exec('SELECT table_name, description FROM gpkg_contents')[0]!.values;
      db.close();
      expect(rows.length).toBeGreaterThan(0);
      for (const [, description] of rows) {
        expect(String(description)).toContain(terrain.method.footprints![lang]);
        if (lang === 'vi') expect(String(description)).not.toMatch(ENGLISH);
      }
    }
  });
});
