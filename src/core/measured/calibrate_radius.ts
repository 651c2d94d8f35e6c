/**
 * Calibration: per operator and technology, the default footprint radius that best agrees with the
 * speed tests. A test is served when its download is at least the "poor" level (`serviceLevels`); the
 * fitted radius maximises the tests whose served / not served state matches inside / outside the
 * footprints. Only cells on the default radius change (a cell's or site's own radius, and predicted
 * polygons, are kept); rural and urban defaults are scaled alike. Applied only when asked for.
 */
import Flatbush from 'flatbush';
import { cellsOf, isSector } from '../base/site_cells.ts';
import type { SpeedTest, SpeedThresholds } from '../base/speed_tests.ts';
import type { Cell, EngineConfig, Setting, Site, Technology } from '../base/types.ts';
import { buildFootprints, footprintContains, pairLayout } from '../coverage/footprints.ts';
import { metresPerDegreeLat, metresPerDegreeLon } from '../geometry/local_projection.ts';
import { serviceLevels, verdictOf } from './model_agreement.ts';

/** Fewest tests of an operator and technology for a fit. */
export const MIN_FIT_TESTS = 20;
/** Sites looked at per test (the nearest ones). */
const NEAREST = 8;
/** The fitted radius stays within these multiples of the default. */
const MIN_SCALE = 0.1;
const MAX_SCALE = 3;

/** The fitted default radius of one operator and technology. */
export interface RadiusFit {
  operator: string;
  technology: Technology;
  /** Tests used (naming both the operator and the technology; a tile counts with its tests). */
  tests: number;
  default_radius_m: { rural: number; urban: number };
  /** fitted ÷ default. */
  scale: number;
  fitted_radius_m: { rural: number; urban: number };
  /** Tests whose served state matches inside/outside the footprints, before and after (%). */
  service_match_before_pct: number;
  service_match_after_pct: number;
  /** Tests that agree with the model (no disagreement, `modelAgreement`), before and after (%). */
  agreement_before_pct: number;
  agreement_after_pct: number;
}

/** Whether a cell's footprint is a circle or sector on the configured default radius. */
const onDefault = (site: Site, cell: Cell) =>
  cell.coverage === undefined && cell.radius_m === undefined && site.radius_m === undefined;

interface Reach {
  /** Inside a footprint that does not scale (own radius, predicted polygon). */
  fixed: boolean;
  /** The smallest scale of the default radius at which the test is inside a default footprint (∞: never). */
  scale: number;
}

/** How far each test is from the default-radius footprints of its operator and technology. */
function reaches(
  tests: readonly SpeedTest[],
  sites: readonly Site[],
  technology: Technology,
  config: EngineConfig,
  settingOf: (site: Site) => Setting,
): Reach[] {
  const cells = sites.map((s) => cellsOf(s).filter((c) => c.technology === technology));
  const radius = sites.map((s) => config.radii[technology][settingOf(s)]);
  const fixedSites = sites.map((s, i) => ({
    ...s,
    cells: cells[i]!.filter((c) => !onDefault(s, c)),
  }));
  const layout = pairLayout([technology], [...new Set(sites.map((s) => s.operator))]);
  const fixed = buildFootprints(
    fixedSites.filter((s) => s.cells.length > 0),
    layout,
    config,
    settingOf,
  );
  const fixedIndex = new Flatbush(Math.max(1, fixed.length));
  for (const f of fixed) fixedIndex.add(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]);
  if (fixed.length === 0) fixedIndex.add(0, 0, 0, 0);
  fixedIndex.finish();
  const siteIndex = new Flatbush(Math.max(1, sites.length));
  for (const s of sites) siteIndex.add(s.lon, s.lat, s.lon, s.lat);
  if (sites.length === 0) siteIndex.add(0, 0, 0, 0);
  siteIndex.finish();
  const maxR = Math.max(config.radii[technology].rural, config.radii[technology].urban) * MAX_SCALE;
  return tests.map((t) => {
    const isFixed =
      fixed.length > 0 &&
      fixedIndex.search(t.lon, t.lat, t.lon, t.lat).some((i) => footprintContains(fixed[i]!, t.lon, t.lat));
    let best = Number.POSITIVE_INFINITY;
    if (sites.length > 0) {
      const kx = metresPerDegreeLon(t.lat);
      const ky = metresPerDegreeLat(t.lat);
      // The nearest few sites (planar degrees, within the largest reach): the smallest d/R is among
      // them unless more than NEAREST sites of another setting stand closer.
      for (const i of siteIndex.neighbors(t.lon, t.lat, NEAREST, maxR / Math.min(kx, ky))) {
        const s = sites[i]!;
        const ex = (t.lon - s.lon) * kx;
        const ny = (t.lat - s.lat) * ky;
        const d = Math.hypot(ex, ny);
        const r = radius[i]!;
        for (const c of cells[i]!) {
          if (!onDefault(s, c)) continue;
          if (isSector(c)) {
            // Inside the sector's angle (bearing clockwise from north)?
            const bearing = ((Math.atan2(ex, ny) * 180) / Math.PI + 360) % 360;
            const off = Math.abs(((bearing - c.azimuth_deg! + 540) % 360) - 180);
            if (d > 0 && off > c.beamwidth_deg! / 2) continue;
          }
          best = Math.min(best, d / r);
        }
      }
    }
    return { fixed: isFixed, scale: best };
  });
}

/**
 * Fits the default radius of every operator × technology with at least `MIN_FIT_TESTS` tests naming
 * both, and reports the service match and the agreement before (scale 1) and after.
 */
export function calibrateRadii(
  tests: readonly SpeedTest[],
  sites: readonly Site[],
  config: EngineConfig,
  settingOf: (site: Site) => Setting,
  thresholds: SpeedThresholds,
): RadiusFit[] {
  const groups = new Map<string, number[]>();
  tests.forEach((t, k) => {
    if (t.operator === null || t.technology === null) return;
    const key = `${t.operator}\u0000${t.technology}`;
    const list = groups.get(key);
    if (list) list.push(k);
    else groups.set(key, [k]);
  });
  const fits: RadiusFit[] = [];
  for (const [key, idx] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [operator, tech] = key.split('\u0000') as [string, Technology];
    const sel = idx.map((k) => tests[k]!);
    const n = sel.reduce((s, t) => s + t.tests, 0);
    const mine = sites.filter(
      (s) => s.operator === operator && cellsOf(s).some((c) => c.technology === tech),
    );
    if (n < MIN_FIT_TESTS || mine.length === 0) continue;
    const levels = serviceLevels(tech, thresholds);
    const reach = reaches(sel, mine, tech, config, settingOf);
    const served = sel.map((t) => t.downloadMbps >= levels.poor);
    // Sweep the scale upwards: each test switches from outside to inside at its own reach.
    let matched = 0;
    for (let j = 0; j < sel.length; j++)
      if (reach[j]!.fixed ? served[j] : !served[j]) matched += sel[j]!.tests;
    const order = sel
      .map((_t, j) => j)
      .filter((j) => !reach[j]!.fixed && Number.isFinite(reach[j]!.scale))
      .sort((a, b) => reach[a]!.scale - reach[b]!.scale);
    let best = matched;
    let bestAt = -1;
    for (let q = 0; q < order.length; q++) {
      const j = order[q]!;
      matched += served[j] ? sel[j]!.tests : -sel[j]!.tests;
      const next = order[q + 1];
      // Only between distinct reaches is a scale possible.
      if (next !== undefined && reach[next]!.scale === reach[j]!.scale) continue;
      if (matched > best) {
        best = matched;
        bestAt = q;
      }
    }
    const lo = bestAt < 0 ? MIN_SCALE : reach[order[bestAt]!]!.scale;
    const hiIdx = order[bestAt + 1];
    const hi = hiIdx === undefined ? Math.max(lo, MAX_SCALE) : reach[hiIdx]!.scale;
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, (lo + hi) / 2));
    const insideAt = (s: number) => reach.map((r) => r.fixed || r.scale <= s);
    const share = (inside: boolean[], ok: (j: number, inside: boolean) => boolean) =>
      (100 * sel.reduce((s, t, j) => s + (ok(j, inside[j]!) ? t.tests : 0), 0)) / n;
    const match = (j: number, inside: boolean) => inside === served[j];
    const agrees = (j: number, inside: boolean) =>
      verdictOf(inside, sel[j]!.downloadMbps, levels) === 'agree';
    const before = insideAt(1);
    const after = insideAt(scale);
    const r = config.radii[tech];
    fits.push({
      operator,
      technology: tech,
      tests: n,
      default_radius_m: { rural: r.rural, urban: r.urban },
      scale,
      fitted_radius_m: { rural: Math.round(r.rural * scale), urban: Math.round(r.urban * scale) },
      service_match_before_pct: share(before, match),
      service_match_after_pct: share(after, match),
      agreement_before_pct: share(before, agrees),
      agreement_after_pct: share(after, agrees),
    });
  }
  return fits;
}

/**
 * The sites with the fitted radii applied: every cell of a fitted operator and technology on the
 * default radius gets the fitted radius of its site's setting as its own; everything else is kept.
 */
export function applyCalibration(
  sites: readonly Site[],
  fits: readonly RadiusFit[],
  settingOf: (site: Site) => Setting,
): Site[] {
  const byKey = new Map(fits.map((f) => [`${f.operator}\u0000${f.technology}`, f]));
  return sites.map((site) => {
    const cells = cellsOf(site);
    if (!cells.some((c) => onDefault(site, c) && byKey.has(`${site.operator}\u0000${c.technology}`)))
      return site;
    const setting = settingOf(site);
    return {
      ...site,
      cells: cells.map((c) => {
        const fit = byKey.get(`${site.operator}\u0000${c.technology}`);
        return fit && onDefault(site, c) ? { ...c, radius_m: fit.fitted_radius_m[setting] } : c;
      }),
    };
  });
}
