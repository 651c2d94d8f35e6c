/**
 * The analysis worker's session: everything loaded, and the current analysis of the scenario, with its
 * report as the page gets it. Made by `load` (worker_load.ts), kept by analysis.worker.ts, changed by
 * `edit` (worker_edit.ts); the export builder (worker_export.ts) reads it.
 */

import { DEFAULT_CONFIG } from '../../core/base/config.ts';
import type { FiberRoute, PostalPoint, Village } from '../../core/base/infrastructure.ts';
import type { Commune, Site } from '../../core/base/types.ts';
import { type CountingRule, countedSites } from '../../core/coverage/counted_sites.ts';
import type { AnalysisState } from '../../core/incremental_analysis.ts';
import type { OffsetFit } from '../../core/measured/calibrate_offset.ts';
import type { RadiusFit } from '../../core/measured/calibrate_radius.ts';
import { buildReport, type ReportInputs } from '../../core/report/report.ts';
import type { FullResult } from '../../core/run_analysis.ts';
import type { Target } from '../../core/targets/targets.ts';
import { disagreements } from '../../io/export/disagreements.ts';
import type { Edit } from '../state/scenario_edits.ts';
import type { DatasetInfo, DisagreementRow, FeatureLayer, ReportLists } from './worker_protocol.ts';

/** Everything loaded, and the current analysis of the scenario. */
export interface Session {
  communes: Commune[];
  setting: (s: Site) => 'urban' | 'rural';
  baseSites: Site[];
  /** The scenario's sites (the edits applied), every cell, as the map and the site table show them. */
  sites: Site[];
  /** Which cells the figures count: on air today, or as planned by a year (the CLI's --as-of). */
  rule: CountingRule;
  /** The sites as the rule counts them, by scenario site (so an unchanged site keeps its identity). */
  countedCache: WeakMap<Site, Site | null>;
  /** The name of the commune a site stands in (null outside every commune). */
  communeOf: (s: Site) => string | null;
  /** Whether a point lies in a commune of the boundary set (infrastructure outside is drawn apart). */
  inside: (lon: number, lat: number) => boolean;
  basePostal: PostalPoint[] | null;
  fiber: FiberRoute[] | null;
  villages: Village[];
  villagesByCommune: Map<string, Village[]>;
  datasets: DatasetInfo[];
  reportInputs: ReportInputs;
  analysis: AnalysisState;
  skipped: number[];
  edits: Edit[];
  /** Layers the page shows: their features go with every update. */
  subscribed: Set<FeatureLayer>;
  /** Target definitions of the loaded target files (labels, years, sources for the exports). */
  targets: Target[];
  /** URL of the bundled crosswalk CSV (for a baseline made on the other boundary set). */
  crosswalkUrl: string;
  /**
   * The default radii fitted to the speed tests (null without them), and whether the figures use them:
   * then `calibrated` gives each counted site its fitted radii.
   */
  calibration: { applied: boolean; fits: RadiusFit[] } | null;
  /** With a DEM: the loss offsets fitted to the speed tests (then `calibrated` lowers the EIRP). */
  offsetCalibration?: { applied: boolean; fits: OffsetFit[] } | null;
  calibrated: ((site: Site) => Site) | null;
}

/**
 * The sites the analysis gets: each as the counting rule counts it (planned cells outside the rule left
 * out, a site with no counted cell left out). Cached per site, so that the incremental update after an
 * edit sees only the edited sites as changed.
 */
export function countedInputSites(
  sites: readonly Site[],
  rule: CountingRule,
  cache: WeakMap<Site, Site | null>,
  calibrated: ((site: Site) => Site) | null = null,
): Site[] {
  const out: Site[] = [];
  for (const site of sites) {
    let counted = cache.get(site);
    if (counted === undefined) {
      counted = countedSites([site], rule).sites[0] ?? null;
      if (counted && calibrated) counted = calibrated(counted);
      cache.set(site, counted);
    }
    if (counted) out.push(counted);
  }
  return out;
}

/** The figures of a result of the session, rounded as in report.json, with the cells the rule counted. */
export function sessionReport(s: Session, result: FullResult) {
  return buildReport(
    {
      ...result,
      calibration: s.calibration,
      ...(s.offsetCalibration ? { offsetCalibration: s.offsetCalibration } : {}),
    },
    DEFAULT_CONFIG,
    s.reportInputs,
    new Date(),
    countedSites(s.sites, s.rule),
  );
}

/**
 * The report's lists the page shows (dead-zone villages, communes without a postal point) and, with
 * the session's result, the speed tests the model disagrees with.
 */
export function reportLists(
  r: ReturnType<typeof sessionReport>,
  s?: Session,
  result?: FullResult,
): ReportLists {
  return {
    deadZoneVillages: r.dead_zone_villages,
    newDeadZoneVillages: r.new_dead_zone_villages?.map((d) => d.village_id) ?? null,
    communesWithoutStaffedPoint: r.communes_without_staffed_postal_point,
    communesWithoutCulturalPoint: r.communes_without_cultural_post_point,
    disagreements: s && result ? disagreementRows(s, result) : [],
  };
}

/** The disagreeing speed tests of a result (`disagreements`), as plain rows for the page. */
function disagreementRows(s: Session, result: FullResult): DisagreementRow[] {
  const tests = s.analysis.input.speedTests;
  const m = result.measured;
  if (!tests || !m?.verdicts) return [];
  return disagreements(tests, m.verdicts, m.communeOf, s.communes).map((d) => ({
    test: d.test.id,
    lon: d.test.lon,
    lat: d.test.lat,
    commune_id: d.commune?.id ?? null,
    commune_name: d.commune?.name ?? null,
    technology: d.test.technology,
    operator: d.test.operator,
    download_mbps: d.test.downloadMbps,
    tests: d.test.tests,
    date: d.test.date,
    verdict: d.verdict,
  }));
}
