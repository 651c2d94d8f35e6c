/**
 * Pure helpers of the report tab: export file names, checking an imported report.json, and the
 * comparison table's filter and sort. No DOM, no worker: unit-tested in tests/unit/app_export.test.ts.
 */

import { foldText } from '../../core/base/fold_text.ts';
import type { ComparisonRow, ReportComparison } from '../../core/report/compare_reports.ts';

/** Report formats the app exports; `json` is report.json itself. */
export const REPORT_FORMATS = ['xlsx', 'pdf', 'csv', 'geojson', 'gpkg', 'shp', 'kml', 'json'] as const;
/**
 * The infrastructure of the current scenario (sites, cells, postal points, villages, fiber routes,
 * each with its source): GeoPackage, Shapefile zip and KML as `vungphu analyze` writes them, and
 * sites_cells.csv (one row per cell).
 */
export const INFRA_FORMATS = ['infra-gpkg', 'infra-shp', 'infra-kml', 'sites-csv'] as const;
/** Every format the app exports. */
export const EXPORT_FORMATS = [...REPORT_FORMATS, ...INFRA_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File-name ending and MIME type of each export. CSV and GeoJSON are several files: one zip. */
export const EXPORT_FILES: Record<ExportFormat, { suffix: string; mime: string }> = {
  xlsx: { suffix: '.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pdf: { suffix: '.pdf', mime: 'application/pdf' },
  csv: { suffix: '-csv.zip', mime: 'application/zip' },
  geojson: { suffix: '-geojson.zip', mime: 'application/zip' },
  gpkg: { suffix: '.gpkg', mime: 'application/geopackage+sqlite3' },
  shp: { suffix: '-shp.zip', mime: 'application/zip' },
  kml: { suffix: '.kml', mime: 'application/vnd.google-earth.kml+xml' },
  json: { suffix: '-report.json', mime: 'application/json' },
  'infra-gpkg': { suffix: '-infrastructure.gpkg', mime: 'application/geopackage+sqlite3' },
  'infra-shp': { suffix: '-infrastructure-shp.zip', mime: 'application/zip' },
  'infra-kml': { suffix: '-infrastructure.kml', mime: 'application/vnd.google-earth.kml+xml' },
  'sites-csv': { suffix: '-sites-cells.csv', mime: 'text/csv' },
};

/** "Gia Lai" → "gia-lai", "Đắk Nông" → "dak-nong". */
export function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A local date as yyyy-mm-dd. */
export function isoDay(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/**
 * `vungphu-gia-lai-2026-11-23.xlsx`: the provinces of the data (in order, at most three) and the day;
 * `kind` adds a word before the date (e.g. `map` for the PNG).
 */
export function exportFileName(provinces: readonly string[], date: Date, suffix: string, kind = ''): string {
  const names = [...new Set(provinces.map(slug).filter(Boolean))].slice(0, 3);
  return ['vungphu', ...names, ...(kind ? [kind] : []), isoDay(date)].join('-') + suffix;
}

export type CompareLevel = 'all' | ComparisonRow['level'];
export type CompareSortKey = 'unit' | 'indicator' | 'before' | 'after' | 'difference';

export interface CompareFilter {
  level: CompareLevel;
  /** An indicator id, or '' for every indicator. */
  indicator: string;
  changedOnly: boolean;
  sort: CompareSortKey;
  descending: boolean;
}

/** A row changed when the difference is not 0 or when a value appeared or disappeared. */
export function rowChanged(r: ComparisonRow): boolean {
  if (r.difference !== null) return r.difference !== 0;
  return r.before !== r.after;
}

const LEVEL_ORDER = { province: 0, district: 1, commune: 2 } as const;

/**
 * The comparison rows to show: filtered by level, indicator and "changed only", sorted by the chosen
 * column (unknown values last), changed rows before unchanged ones on ties, then by level and name.
 */
export function compareView(comparison: ReportComparison, filter: CompareFilter): ComparisonRow[] {
  const rows = comparison.rows.filter(
    (r) =>
      (filter.level === 'all' || r.level === filter.level) &&
      (filter.indicator === '' || r.indicator === filter.indicator) &&
      (!filter.changedOnly || rowChanged(r)),
  );
  const sign = filter.descending ? -1 : 1;
  const text = (a: string, b: string) => a.localeCompare(b, 'vi');
  const num = (a: number | null, b: number | null) => {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return sign * (a - b);
  };
  const byKey = (a: ComparisonRow, b: ComparisonRow): number => {
    switch (filter.sort) {
      case 'unit':
        return sign * (LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || text(a.unit_name, b.unit_name));
      case 'indicator':
        return sign * text(a.indicator, b.indicator);
      case 'before':
        return num(a.before, b.before);
      case 'after':
        return num(a.after, b.after);
      case 'difference':
        // By size of the change, biggest first when descending.
        return num(
          a.difference === null ? null : Math.abs(a.difference),
          b.difference === null ? null : Math.abs(b.difference),
        );
    }
  };
  return rows.sort(
    (a, b) =>
      byKey(a, b) ||
      Number(rowChanged(b)) - Number(rowChanged(a)) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      text(a.unit_name, b.unit_name) ||
      text(a.indicator, b.indicator),
  );
}
