/**
 * What every section of the PDF report shares: the page layout, the language and number formats, the
 * report's units and indicators, the map's indicator with its colour classes and gap overlay, and small
 * helpers (a commune as a map feature, the map options, a unit's figure as text). Built once by
 * `reportPdf`, read by the section modules (pdf_cover, pdf_map_pages, pdf_province_tables…).
 */
import type { CoverageReport } from '../../../core/report/report.ts';
import { type ReportIndicator, reportIndicators } from '../../../core/report/report_indicators.ts';
import { type ReportUnits, reportUnits } from '../../../core/report/report_units.ts';
import type { FullUnit } from '../../../core/run_analysis.ts';
import type { Target } from '../../../core/targets/targets.ts';
import { classFamilyOf, classLabels, mapClasses } from '../map_classes.ts';
import { type ColorClass, colorClasses } from '../report_colors.ts';
import { asMultiPolygon, type ReportGeometry } from '../report_features.ts';
import { formatDate, formatNumber, indicatorHeader, type ReportLang, unitText } from '../report_labels.ts';
import type { ReportExportOptions } from '../report_tables.ts';
import type { PdfLayout, RGB } from './pdf_layout.ts';
import type { MapFeature, MapOptions } from './pdf_map.ts';

export interface PdfReportOptions extends ReportExportOptions {
  /** The indicator the maps show (default `mobile.4G.population_pct`). */
  mapIndicator?: string;
  /** The maps' classes: the indicator's fixed ones (default) or fitted to the communes' values, as the app's map. */
  mapClasses?: 'fixed' | 'quantile';
  /** Communes per page for boundary sets without districts (2025). Default 22. */
  communesPerGroup?: number;
}

/** Table cell fill of a target status. */
export const STATUS_FILL: Record<string, RGB> = {
  met: [198, 239, 206],
  not_met: [255, 199, 206],
  not_evaluable: [237, 237, 237],
};

/** The report being drawn and the helpers its sections share. */
export interface PdfReport {
  report: CoverageReport;
  options: PdfReportOptions;
  L: PdfLayout;
  lang: ReportLang;
  vi: boolean;
  /** The entry of a label table in the report's language. */
  tx: (e: Record<ReportLang, string>) => string;
  fmt: (v: number | null | undefined, d?: number) => string;
  units: ReportUnits;
  ind: (id: string) => ReportIndicator | undefined;
  /** The indicator the maps show. */
  mapInd: ReportIndicator;
  /** Target definitions by id. */
  defs: Map<string, Target>;
  asOf: string;
  reportDate: string;
  provinceNames: string;
  /** A unit's commune polygon as a map feature (none without geometry). */
  featureOf: (u: FullUnit, highlight?: boolean) => MapFeature[];
  /** The choropleth options; with the gap outlines of these communes when `withOverlay`. */
  mapOptions: (withOverlay: boolean, communeIds: Set<string>) => MapOptions;
  /** A unit's value of an indicator as text (with % for percentages). */
  key: (u: FullUnit, id: string, d?: number) => string;
  /** The province-level targets of a province. */
  provTargets: (p: FullUnit) => CoverageReport['targets'];
}

export function pdfReportContext(
  report: CoverageReport,
  geometry: ReportGeometry,
  L: PdfLayout,
  options: PdfReportOptions,
): PdfReport {
  const lang = options.lang ?? 'vi';
  const vi = lang === 'vi';
  const tx = (e: Record<ReportLang, string>) => e[lang];
  const fmt = (v: number | null | undefined, d = 2) => formatNumber(v, d, lang);
  const pct = (v: number | null | undefined, d = 2) =>
    v === null || v === undefined ? '—' : `${fmt(v, d)}%`;
  const units = reportUnits(report);
  const indicators = reportIndicators(report);
  const ind = (id: string) => indicators.find((i) => i.id === id);
  const mapInd: ReportIndicator =
    ind(options.mapIndicator ?? 'mobile.4G.population_pct') ?? ind('mobile.4G.population_pct')!;
  // R̄ of a commune with postal data but no counted point is beyond every class (the app's "≥ 5 km
  // or no point"), not "no data".
  const radius = classFamilyOf(mapInd.id) === 'postal_radius';
  const mapValue = (u: FullUnit) => {
    const v = mapInd.get(u);
    return v === null && radius && u.postal ? Number.POSITIVE_INFINITY : v;
  };
  const allCommuneValues = units.communes.map(mapValue);
  // The app's classes for the same indicator: the same breaks, palette and labels (issue 15).
  const fitted = mapClasses(
    mapInd.id,
    options.mapClasses ?? 'fixed',
    allCommuneValues,
    mapInd.better === 'lower',
  );
  const classes = colorClasses(fitted);
  const labels = classLabels(
    fitted.breaks,
    mapInd.unit === '%' ? '%' : ` ${unitText(mapInd.unit, lang)}`,
    (v) => formatNumber(v, Number.isInteger(v) ? 0 : 1, lang),
  );
  if (radius) labels[labels.length - 1] += vi ? ' hoặc không có điểm' : ' or no point';
  const labelOf = new Map(classes.map((c, i) => [c, labels[i] ?? '']));
  const defs = new Map((options.targets ?? []).map((d) => [d.id, d]));
  const asOf = formatDate(options.asOf ?? report.generated_at, lang);
  const reportDate = formatDate(options.reportDate ?? report.generated_at, lang);
  const gapTech = /^mobile\.(2G|3G|4G|5G|any)\./.exec(mapInd.id)?.[1];
  const gapGeoms = geometry.gaps.filter((g) => g.technology === gapTech);
  const featureOf = (u: FullUnit, highlight = false): MapFeature[] => {
    const g = geometry.communes.get(u.id);
    return g ? [{ geometry: asMultiPolygon(g), value: mapValue(u), highlight }] : [];
  };
  const classLabel = (c: ColorClass) => labelOf.get(c) ?? '';
  const mapOptions = (withOverlay: boolean, communeIds: Set<string>): MapOptions => ({
    classes,
    legendTitle: indicatorHeader(mapInd, lang),
    classLabel,
    noDataLabel: vi ? 'Không có số liệu' : 'No data',
    ...(withOverlay && gapTech && gapGeoms.length
      ? {
          overlay: {
            geometries: gapGeoms
              .filter((g) => communeIds.has(g.unitId))
              .map((g) => asMultiPolygon(g.geometry)),
            color: [120, 0, 60] as RGB,
            label: vi ? `Vùng lõm sóng ${gapTech} (viền)` : `Areas without ${gapTech} (outline)`,
          },
        }
      : {}),
  });
  const key = (u: FullUnit, id: string, d = 2) => {
    const i = ind(id);
    const v = i?.get(u) ?? null;
    return i?.unit === '%' ? pct(v, d) : fmt(v, d);
  };
  const provTargets = (p: FullUnit) =>
    report.targets.filter((t) => t.level === 'province' && t.unit_id === p.id);
  return {
    report,
    options,
    L,
    lang,
    vi,
    tx,
    fmt,
    units,
    ind,
    mapInd,
    defs,
    asOf,
    reportDate,
    provinceNames: units.provinces.map((p) => p.name).join(', '),
    featureOf,
    mapOptions,
    key,
    provTargets,
  };
}

/** Lower-cases the first letter (for a label inside a sentence), keeping "4G", "R̄"… as they are. */
export function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
