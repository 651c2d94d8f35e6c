/**
 * The worker's side of the report tab: builds the CLI's exports (report.xlsx, report.pdf, the CSV
 * tables, GeoJSON, GeoPackage, Shapefile zip, KML, report.json) for the current scenario with the same
 * io functions and options as `vungphu report`, and compares the scenario with a baseline (the loaded
 * data without edits, a saved scenario, or an imported report.json) with `compareReports`.
 */

import dejavuUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import dejavuBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import { unitGroups } from '../../core/base/unit_groups.ts';
import { countedSites } from '../../core/coverage/counted_sites.ts';
import type { CrosswalkPiece } from '../../core/crosswalk/carry_report.ts';
import { compareAcrossSets } from '../../core/crosswalk/compare_across_sets.ts';
import { updateAnalysis } from '../../core/incremental_analysis.ts';
import { compareReports, type ReportComparison } from '../../core/report/compare_reports.ts';
import { rankCommunes } from '../../core/report/rank_communes.ts';
import { buildReport, type CoverageReport } from '../../core/report/report.ts';
import { reportIndicators } from '../../core/report/report_indicators.ts';
import { gapsGeoJSON, postalBeyondGeoJSON } from '../../io/export/gaps_geojson.ts';
import { infrastructureLayers } from '../../io/export/infrastructure_features.ts';
import { type PdfFonts, reportPdf } from '../../io/export/pdf/report_pdf.ts';
import { reportCsv } from '../../io/export/report_csv.ts';
import type { ReportGeometry } from '../../io/export/report_features.ts';
import { reportGeoJSON } from '../../io/export/report_geojson.ts';
import { layersGeoPackage, reportGeoPackage } from '../../io/export/report_gpkg.ts';
import { layersKml, reportKml } from '../../io/export/report_kml.ts';
import { layersShapefileZip, reportShapefileZip } from '../../io/export/report_shapefile.ts';
import type { ReportExportOptions } from '../../io/export/report_tables.ts';
import { reportXlsx } from '../../io/export/report_xlsx.ts';
import { sitesCellsCsv } from '../../io/export/sites_cells_csv.ts';
import { crosswalkFromCsv } from '../../io/import/crosswalk_file.ts';
import { readReportJson } from '../../io/import/report_schema.ts';
import { applyEdits } from '../state/scenario_edits.ts';
import type { ExportFormat } from './export_logic.ts';
import { scenarioInfrastructure } from './scenario_infrastructure.ts';
import { countedInputSites, type Session, sessionReport } from './session.ts';
import { sqlJs } from './sql_js.ts';
import type { BaselineSpec } from './worker_protocol.ts';

/** The CLI's defaults for the ranking and the PDF maps. */
const DEFAULT_EXPORT_INDICATOR = 'mobile.4G.population_pct';

/** report.json of the session's current scenario, exactly as the `report` request builds it. */
export function currentReport(s: Session): CoverageReport {
  return sessionReport(s, s.analysis.result);
}

/** One baseline report per session and baseline, kept until either changes. */
let cached: { session: Session; key: string; report: CoverageReport } | null = null;

function baselineKey(spec: BaselineSpec): string {
  return spec.kind === 'report'
    ? `report:${spec.name}:${spec.json.length}:${spec.json}`
    : JSON.stringify(spec);
}

/** The baseline's report.json: recomputed (incrementally) for data or a scenario, parsed for an import. */
export function baselineReport(s: Session, spec: BaselineSpec): CoverageReport {
  const key = baselineKey(spec);
  if (cached && cached.session === s && cached.key === key) return cached.report;
  let report: CoverageReport;
  if (spec.kind === 'report') report = readReportJson(spec.json, spec.name);
  else {
    const applied = applyEdits(s.baseSites, s.basePostal ?? [], spec.kind === 'scenario' ? spec.edits : []);
    // Nothing is mutated: the result equals runAnalysis on the baseline's sites and postal points.
    const { state } = updateAnalysis(s.analysis, {
      sites: countedInputSites(applied.sites, s.rule, s.countedCache, s.calibrated),
      ...(s.basePostal ? { postal: applied.postal } : {}),
    });
    const counting = countedSites(applied.sites, s.rule);
    report = buildReport(state.result, DEFAULT_CONFIG, s.reportInputs, new Date(), counting);
  }
  cached = { session: s, key, report };
  return report;
}

/**
 * The comparison of the current scenario with a baseline (before = baseline, after = current), and
 * which direction is better for each indicator (to colour a change as a gain or a loss).
 */
export async function compareWithBaseline(
  s: Session,
  spec: BaselineSpec,
  indicators?: readonly string[],
): Promise<{ comparison: ReportComparison; better: Record<string, 'higher' | 'lower' | null> }> {
  const current = currentReport(s);
  return {
    comparison: await comparison(s, spec, current, indicators),
    better: Object.fromEntries(reportIndicators(current).map((i) => [i.id, i.better])),
  };
}

let crosswalkCache: { url: string; pieces: Promise<CrosswalkPiece[]> } | null = null;

/** The bundled crosswalk's pieces, fetched once (only when a report.json baseline is compared). */
function crosswalkPieces(url: string): Promise<CrosswalkPiece[]> {
  if (crosswalkCache?.url !== url) {
    const pieces = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`could not load the bundled file ${url} (HTTP ${r.status})`);
        return r.text();
      })
      .then((text) =>
        crosswalkFromCsv(text, 'crosswalk-pre2025-2025.csv').rows.map((r) => ({
          oldId: r.fromId,
          newId: r.toId,
          areaKm2: r.areaKm2,
        })),
      );
    crosswalkCache = { url, pieces };
  }
  return crosswalkCache.pieces;
}

/**
 * The current report against a baseline: an imported report.json made on the other boundary set is
 * carried through the crosswalk (`compareAcrossSets`); the sample and saved scenarios are recomputed
 * on the current boundaries, so they compare unit by unit.
 */
async function comparison(
  s: Session,
  spec: BaselineSpec,
  current: CoverageReport,
  indicators?: readonly string[],
): Promise<ReportComparison> {
  const baseline = baselineReport(s, spec);
  if (spec.kind !== 'report') return compareReports(baseline, current, indicators ? { indicators } : {});
  const members = new Map(unitGroups(s.communes).map((g) => [g.id, g.members.map((i) => s.communes[i]!.id)]));
  return compareAcrossSets(baseline, current, await crosswalkPieces(s.crosswalkUrl), {
    baselineName: spec.name,
    members,
  });
}

/** The geometry the PDF map and the GIS files need: as the CLI reads it back from `analyze`'s output. */
function geometry(s: Session): ReportGeometry {
  const { result } = s.analysis;
  const synthetic = s.reportInputs.synthetic;
  // Through the same GeoJSON writers as `vungphu analyze`, so the rounding is the CLI's.
  const gaps = gapsGeoJSON(result.mobile.gaps, synthetic).features;
  const beyond = s.basePostal ? postalBeyondGeoJSON(result.postalBeyondPolygons, synthetic).features : null;
  return {
    communes: new Map(s.communes.map((c) => [c.id, c.geometry])),
    gaps: gaps.map((f) => ({
      unitId: String(f.properties?.unit_id ?? ''),
      technology: String(f.properties?.technology ?? ''),
      area_km2: Number(f.properties?.area_km2 ?? 0),
      population: Number(f.properties?.population ?? 0),
      geometry: f.geometry,
    })),
    ...(beyond
      ? {
          postalBeyond: beyond.map((f) => ({
            unitId: String(f.properties?.unit_id ?? ''),
            geometry: f.geometry,
          })),
        }
      : {}),
  };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the bundled file ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

let fonts: Promise<PdfFonts> | null = null;

/** DejaVu Sans (covers Vietnamese), bundled as same-origin assets. */
function pdfFonts(): Promise<PdfFonts> {
  fonts ??= Promise.all([fetchBytes(dejavuUrl), fetchBytes(dejavuBoldUrl)]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  return fonts;
}

const zip = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), {
    level: 6,
  });

/**
 * One export of the current scenario, with the CLI's options: language, target definitions, report
 * date, the ranking and PDF map indicator (`--rank-by`, `--map-indicator`: the app's map indicator, or
 * the CLI's default `mobile.4G.population_pct` when the report has no such indicator), and the
 * comparison when a baseline is given. CSV and GeoJSON (several files in the CLI) come as one zip with
 * the CLI's file names.
 */
export async function buildExport(
  s: Session,
  format: ExportFormat,
  lang: 'vi' | 'en',
  baseline: BaselineSpec | null,
  indicator: string = DEFAULT_EXPORT_INDICATOR,
  classes: 'fixed' | 'quantile' = 'fixed',
): Promise<Uint8Array> {
  if (format === 'sites-csv') return strToU8(sitesCellsCsv(scenarioInfrastructure(s).sites ?? []));
  if (format === 'infra-gpkg' || format === 'infra-shp' || format === 'infra-kml') {
    const layers = infrastructureLayers(scenarioInfrastructure(s), lang);
    const now = new Date();
    const note = `${s.reportInputs.synthetic ? 'SYNTHETIC SAMPLE. ' : ''}The infrastructure of the current scenario (source: input, what-if or suggested). ${now.toISOString()}`;
    if (format === 'infra-gpkg')
      return layersGeoPackage(layers, await sqlJs(), { description: note, lastChange: now.toISOString() });
    if (format === 'infra-shp') return layersShapefileZip(layers, now);
    const name = lang === 'vi' ? 'Vùng Phủ — hạ tầng' : 'Vùng Phủ — infrastructure';
    return strToU8(layersKml(layers, { name, description: note }));
  }
  const report = currentReport(s);
  const by = reportIndicators(report).some((i) => i.id === indicator) ? indicator : DEFAULT_EXPORT_INDICATOR;
  if (format === 'json') return strToU8(JSON.stringify(report, null, 1));
  const options: ReportExportOptions = { lang, targets: s.targets, reportDate: new Date().toISOString() };
  if (baseline) options.comparison = await comparison(s, baseline, report);
  options.ranking = { indicator: by, rows: rankCommunes(report, by) };
  switch (format) {
    case 'xlsx':
      return reportXlsx(report, options);
    case 'csv':
      return zip(reportCsv(report, options));
    case 'pdf':
      return reportPdf(report, geometry(s), await pdfFonts(), {
        ...options,
        mapIndicator: by,
        mapClasses: classes,
      });
    case 'geojson':
      return zip(
        Object.fromEntries(
          Object.entries(reportGeoJSON(report, geometry(s), lang)).map(([layer, text]) => [
            `report_${layer}.geojson`,
            text,
          ]),
        ),
      );
    case 'gpkg':
      return reportGeoPackage(report, geometry(s), await sqlJs(), lang);
    case 'shp':
      return reportShapefileZip(report, geometry(s), lang);
    case 'kml':
      return strToU8(reportKml(report, geometry(s), lang));
    default: {
      const unexpected: never = format;
      throw new Error(`unknown format ${String(unexpected)}`);
    }
  }
}
